#include "yamlapply.h"

#include "core/resources/yamljson.h"
#include "core/tr.h"
#include "core/yaml/manifestcheck.h"

namespace Pot::Resources {

bool takesKind(const Kind &kind, const QString &manifestKind)
{
    return kind.yaml && (kind.yaml->kind == manifestKind || kind.yaml->alsoKinds.contains(manifestKind));
}

Result<YamlDocument> readYamlDocument(const Kind &kind, const QString &text, const QJsonObject &existing)
{
    if (!kind.yaml)
        return Error(ErrorCode::InvalidInput, Tr::tr("This %1 cannot be written as YAML.").arg(kind.singular));
    const Yaml &y = *kind.yaml;
    // Kinds with a reader of their own (RBAC) speak first: their messages are the established ones.
    QStringList warnings;
    if (y.read) {
        const Result<QStringList> read = y.read(text.toUtf8());
        if (!read)
            return read.error();
        warnings = *read;
    }
    // Every problem at its line and column; the first error refuses. Kinds the Controller takes as
    // JSON only (catalog items, registries) have no manifest kind: their documents are read as they
    // are and checked by the kind.
    const bool manifestKind = Manifest::kindInfo(y.kind) != nullptr;
    const Manifest::Checked checked = manifestKind ? Manifest::check(text.toUtf8(), y.expectedKinds())
                                                   : Manifest::check(text.toUtf8(), QString());
    for (const Manifest::Problem &problem : checked.problems) {
        if (!manifestKind && problem.path == u"kind" && problem.document < checked.documents.size()
            && checked.documents.at(problem.document).kind() == y.kind)
            continue; // not a kind of the /yaml routes, by design
        QString line = problem.line > 0 ? Tr::tr("Line %1, column %2: ").arg(problem.line).arg(problem.column) : QString();
        line += problem.path.isEmpty() ? problem.message : problem.path + QStringLiteral(": ") + problem.message;
        if (!problem.isError()) {
            // A kind with its own reader has said what it warns about, in its words.
            if (!y.read && !warnings.contains(line))
                warnings << line;
            continue;
        }
        const int more = checked.errorCount() - 1;
        return Error(ErrorCode::InvalidInput, more == 0   ? line
                                              : more == 1 ? Tr::tr("%1 (and 1 more error)").arg(line)
                                                          : Tr::tr("%1 (and %2 more errors)").arg(line).arg(more));
    }
    if (checked.documents.size() != 1)
        return Error(ErrorCode::InvalidInput, Tr::tr("Write one %1 document here (this text has %2).")
                                                  .arg(y.kind)
                                                  .arg(checked.documents.size()));
    const Result<QJsonValue> json = yamlToJson(text.toUtf8());
    if (!json)
        return json.error();
    if (!json->isObject())
        return Error(ErrorCode::InvalidInput, Tr::tr("The document must be a map (kind, metadata, …)."));
    const QJsonObject doc = json->toObject();
    if (!takesKind(kind, doc.value(u"kind").toString()))
        return Error(ErrorCode::InvalidInput,
                     Tr::tr("kind must be %1.").arg(QStringList(QStringList{y.kind} + y.alsoKinds).join(Tr::tr(" or "))));
    // Kinds uploaded as YAML are named by metadata.name; JSON-only kinds carry their own fields.
    const QString name = doc.value(u"metadata").toObject().value(u"name").toString();
    if ((!y.field.isEmpty() || y.create == nullptr) && name.isEmpty())
        return Error(ErrorCode::InvalidInput, Tr::tr("metadata.name is needed."));
    if (y.check) {
        if (const QString problem = y.check(doc, existing); !problem.isEmpty())
            return Error(ErrorCode::InvalidInput, problem);
    }
    return YamlDocument{doc, name, warnings, checked.documents.constFirst()};
}

Net::ApiRequest saveRequest(const Kind &kind, const QString &key, const QJsonObject &before,
                            const YamlDocument &document, const QString &text)
{
    const Yaml &y = *kind.yaml;
    const bool create = key.isEmpty();
    if (create && y.create)
        return y.create(document.doc);
    if (!create && y.update)
        return y.update(key, before, document.doc);
    return Net::ApiRequest::multipartFile(create ? QByteArrayLiteral("POST") : y.updateMethod,
                                          create ? y.createPath : Kind::expand(y.updatePath, key, before),
                                          y.field, document.name.toUtf8() + QByteArrayLiteral(".yaml"), text.toUtf8());
}

QList<ChangeLine> describeChanges(const Kind &kind, const QJsonObject &before, const YamlDocument &document)
{
    const Yaml &y = *kind.yaml;
    const bool create = before.isEmpty();
    const Manifest::KindInfo *info = Manifest::kindInfo(y.kind);
    QList<Manifest::Change> changes;
    if (info && info->fieldByField) {
        changes = Manifest::diff(before, Manifest::modelOf(document.document), !create && y.updateMethod == "PATCH");
    } else {
        const QJsonObject liveDoc = create || !y.document ? QJsonObject() : y.document(before);
        changes = Manifest::diff(liveDoc, document.doc, false);
    }
    QList<ChangeLine> out;
    for (const Manifest::Change &c : std::as_const(changes)) {
        const QString lower = c.path.toLower();
        const bool hidden = (kind.secretDetails && (c.path.startsWith(u"data") || c.path.startsWith(u"spec.data")))
                            || lower.contains(u"password") || lower.contains(u"secret") || lower.contains(u"token");
        out << ChangeLine{c.type, hidden ? c.path + Tr::tr(": value changed (not shown)") : Manifest::describe(c)};
    }
    return out;
}

QByteArray yamlTextOf(const Kind &kind, const QJsonObject &details)
{
    if (!kind.yaml)
        return {};
    // The top-level keys of a document written from a live object, in the order manifests use.
    static const QStringList order{QStringLiteral("apiVersion"), QStringLiteral("kind"), QStringLiteral("metadata"),
                                   QStringLiteral("type"), QStringLiteral("spec"), QStringLiteral("data")};
    const Yaml &y = *kind.yaml;
    return y.write ? y.write(details) : jsonToYaml(y.document ? y.document(details) : details, order);
}

QString verbOf(const QByteArray &method)
{
    if (method == "POST")
        return QStringLiteral("create");
    if (method == "PUT")
        return QStringLiteral("update");
    if (method == "DELETE")
        return QStringLiteral("delete");
    return QStringLiteral("patch");
}

QString rbacNameOf(const Kind &kind, const QString &key, const QJsonObject &object)
{
    if (kind.rbacNameField.isEmpty())
        return key;
    const QJsonValue v = object.value(kind.rbacNameField);
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString();
}

} // namespace Pot::Resources
