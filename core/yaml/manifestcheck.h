#pragma once

#include "core/yaml/manifest.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Pot::Manifest {

/// A kind the Controller's /yaml endpoints take (controller-api.md §4.1).
struct KindInfo
{
    QString kind;           ///< "NatsAccountRule"
    QByteArray field;       ///< multipart field name ("natsAccountRule")
    QString createPath;     ///< "/nats/account-rules/yaml"
    QString updatePath;     ///< "/nats/account-rules/yaml/{name}"; empty: no update through YAML
    QByteArray updateMethod; ///< "PATCH" or "PUT"
    bool fieldByField = false; ///< every field is checked (else the top-level structure)
};

/// Every kind, in the order a file of many documents is applied: what others name first (rules,
/// roles, secrets, config maps, certificate authorities), then what names them.
const QList<KindInfo> &kinds();
/// The kind named `kind`, or nullptr.
const KindInfo *kindInfo(const QString &kind);

/// The account-rule and user-rule names the Controller keeps for itself
/// (`default-system-account`, `default-account`, `default-user`, `default-mqtt-user`,
/// `default-leaf-user`): creating or changing them is refused.
bool isReservedRuleName(const QString &name);

/// A NATS subject as nats-server reads it: tokens separated by dots, none empty, `*` and `>` only
/// as whole tokens, `>` only last. With `queue`, "subject queue-group" (subscribe permissions) is
/// allowed. Empty: fine; else what is wrong.
QString subjectProblem(const QString &subject, bool queue = false);

/// The NATS connection types a user rule may allow (STANDARD, WEBSOCKET, …, IN_PROCESS).
const QStringList &connectionTypes();

/// A size the Controller takes: a whole number ≥ -1 of bytes, or text `-1` / digits with k, m, g or
/// t (1024-based). The bytes, or -2 when it is not a size.
qint64 sizeInBytes(const QJsonValue &value);

/// Every problem of one document, as the Controller's schema (all of them, not the first) and
/// nats-server would find them, and warnings for what they take but was probably not meant
/// (unset limits that become 0, a response TTL in milliseconds, a group name with capitals).
/// NatsAccountRule, NatsUserRule, Role, RoleBinding, ServiceAccount, Certificate and
/// CertificateAuthority are checked field by field; Application, Microservice, Secret, ConfigMap,
/// VolumeMount, Service and ApplicationTemplate by their top-level structure.
QList<Problem> validate(const Document &document);

/// A manifest read and checked: its documents and every problem (syntax ones included), sorted by
/// document, line and column.
struct Checked
{
    QList<Document> documents;
    QList<Problem> problems;

    bool hasErrors() const;
    int errorCount() const;
    int warningCount() const;
};
/// With `expectedKind` (an editor of one kind, an endpoint), a document of another kind is refused
/// the way the Controller refuses it.
Checked check(const QByteArray &text, const QString &expectedKind = {});

} // namespace Pot::Manifest
