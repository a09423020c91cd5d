#pragma once

#include "core/resources/kind.h"

// The Controller kinds shown by the generic resource page, one file each.
namespace Pot::Resources::Kinds {

Kind secrets();
Kind configMaps();
Kind volumeMounts();
Kind services();
Kind registries();
Kind catalogItems();
Kind edgeResources();
Kind applicationTemplates();
Kind router();
/// The Controller's audit events (§3.9). Not a generic page: the events page has its own
/// filters, paging, purge and export.
Kind events();

/// What made an object the Controller manages itself (NATS and router material), or empty for an
/// object a user made. Such objects are shown but not deleted or edited from the console.
QString systemOrigin(const QString &name);

/// The apiVersion the Controller's own YAML carries (never checked by 3.7.3, §4.1).
QString apiVersion();

} // namespace Pot::Resources::Kinds

namespace Pot::Resources::Kinds {

/// Create and edit for kinds whose Controller route takes JSON only: the document is
/// `kind: <kindName>` plus `spec:` = the JSON body. `serverFields` are left out of an edited
/// object's spec (ids, timestamps, values the Controller computes).
Yaml jsonSpecYaml(const QString &kindName, const QString &createPath, const QByteArray &updateMethod,
                  const QString &updatePath, const QStringList &serverFields);

/// Access control (access.cpp): roles, role bindings and service accounts, edited as the YAML of
/// core/rbac/rbacyaml. Built-in roles are shown but never changed or deleted.
Kind roles();
Kind roleBindings();
Kind serviceAccounts();

} // namespace Pot::Resources::Kinds
