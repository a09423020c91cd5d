#pragma once

#include "core/net/apireply.h"
#include "core/resources/kind.h"
#include "core/result.h"
#include "core/yaml/manifest.h"
#include "core/yaml/manifestdiff.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Pot::Resources {

// Creating and saving an object from its YAML document, for the GUI's editor and file apply and for
// pot-console-cli apply alike: one reader of the document, one builder of the request.

/// One document read for a kind's YAML routes.
struct YamlDocument
{
    QJsonObject doc;         ///< the document as JSON (js-yaml's reading)
    QString name;            ///< metadata.name (empty for JSON-only kinds that carry their own)
    QStringList warnings;    ///< taken by the Controller, but probably not meant
    Manifest::Document document;
};

/// Whether `kind`'s YAML routes take documents of the manifest kind `manifestKind`.
bool takesKind(const Kind &kind, const QString &manifestKind);

/// Reads `text` (one document) for `kind` as the Controller would: the kind's own reader first
/// (RBAC kinds), then every problem Manifest::check finds (the first error refuses, naming how many
/// more there are), the kind, metadata.name, and the kind's own check against `existing` (empty for
/// a new object).
Result<YamlDocument> readYamlDocument(const Kind &kind, const QString &text, const QJsonObject &existing);

/// The request that creates (`key` empty) or saves the object `key` (`before` = its live object)
/// from `document`, whose text is `text`: the kind's own create/update when it has them, else the
/// multipart upload to its /yaml route.
Net::ApiRequest saveRequest(const Kind &kind, const QString &key, const QJsonObject &before,
                            const YamlDocument &document, const QString &text);

/// One field an apply changes, in words; values of secrets and of password, secret or token fields
/// are not shown.
struct ChangeLine
{
    Manifest::Change::Type type = Manifest::Change::Type::Changed;
    QString text; ///< "maxSubscriptions: 100 → 200", "data.password: value changed (not shown)"
};

/// What saving `document` changes in `before` (its live details; empty for a new object): field by
/// field against the Controller's JSON for the kinds the manifest layer maps, document against
/// document for the others; a PATCH keeps what the document leaves out.
QList<ChangeLine> describeChanges(const Kind &kind, const QJsonObject &before, const YamlDocument &document);

/// The YAML document of a live object (its details as GET returns them), as the editor and the
/// history show it: the kind's own writer, else its document mapping written in manifest order.
QByteArray yamlTextOf(const Kind &kind, const QJsonObject &details);

/// The RBAC verb the Controller checks for an HTTP method (POST create, PUT update, DELETE delete,
/// else patch).
QString verbOf(const QByteArray &method);

/// The resourceName the Controller's RBAC takes for `object` (key `key`): the kind's
/// rbacNameField where it has one, else the key.
QString rbacNameOf(const Kind &kind, const QString &key, const QJsonObject &object);

} // namespace Pot::Resources
