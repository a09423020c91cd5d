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
/// Certificates and CAs (§3.6): one list (GET /certificates holds both), details read from the PEM.
Kind certificates();
/// The Controller's audit events (§3.9). Not a generic page: the events page has its own
/// filters, paging, purge and export.
Kind events();

/// The NATS lists (controller-api.md §5); the NATS page adds the operator, creds and user creation.
Kind natsAccounts();
Kind natsUsers();
Kind natsAccountRules();
Kind natsUserRules();

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

namespace Pot::Resources::Kinds {

/// Applications, the system applications (one per agent, read-only here) and the microservices
/// of the selected application (fed by the applications page from the application list).
Kind applications();
Kind systemApplications();
Kind microservices();
/// The tone of a microservice status (status.status), as the tables show it.
Tone microserviceTone(const QString &status);
/// Agents (fogs): list, details, reboot / prune / upgrade / rollback / delete.
Kind agents();
/// Every field of a fog, grouped. A field the Controller did not send is left out; one sent as
/// null or empty reads "—". `nowMs` is for the relative times.
QList<DetailRow> agentDetails(const QJsonObject &fog, qint64 nowMs);
/// The tone of an agent's daemonStatus.
Tone agentStatusTone(const QString &status);

} // namespace Pot::Resources::Kinds
