#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /secrets: names and types only; values come from GET /secrets/{name}.
struct Secret
{
    QString name;
    QString type; ///< "Opaque" or "tls"

    QString key() const { return name; }
    static Result<Secret> fromJson(const QJsonObject &o)
    {
        const QString name = o.value(u"name").toString();
        if (name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("A secret without a name."));
        return Secret{name, o.value(u"type").toString()};
    }
};

QString valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return v.toVariant().toString();
}

/// The Controller's validateSecretData: tls values must be base64.
bool isBase64(const QString &text)
{
    const QByteArray bytes = text.toLatin1();
    if (bytes.isEmpty() || text.size() != bytes.size())
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors);
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok;
}

QString check(const QJsonObject &doc, const QJsonObject &existing)
{
    const QString type = doc.value(u"type").toString();
    if (type != u"Opaque" && type != u"tls")
        return Tr::tr("type must be Opaque or tls.");
    if (!existing.isEmpty() && existing.value(u"type").toString() != type)
        return Tr::tr("The type of a secret cannot change (it is %1).")
            .arg(existing.value(u"type").toString());
    if (!doc.value(u"data").isObject())
        return Tr::tr("data must be a map of names to values.");
    const QJsonObject data = doc.value(u"data").toObject();
    if (type == u"tls") {
        for (auto it = data.begin(); it != data.end(); ++it) {
            if (!isBase64(it.value().toString()))
                return Tr::tr("data.%1: a tls value must be base64 (of the PEM text).").arg(it.key());
        }
    }
    return {};
}

QJsonObject body(const QJsonObject &doc, bool withName)
{
    QJsonObject o{{QStringLiteral("type"), doc.value(u"type")},
                  {QStringLiteral("data"), doc.value(u"data")}};
    if (withName)
        o.insert(QStringLiteral("name"), doc.value(u"metadata").toObject().value(u"name"));
    return o;
}

} // namespace

Kind secrets()
{
    Kind k;
    k.id = QStringLiteral("secrets");
    k.title = Tr::tr("Secrets");
    k.singular = Tr::tr("secret");
    k.plural = Tr::tr("secrets");
    k.listPath = QStringLiteral("/secrets");
    k.arrayKey = QStringLiteral("secrets");
    k.rbacResource = QStringLiteral("secrets");
    k.detailPath = QStringLiteral("/secrets/{key}");
    k.secretDetails = true;
    k.readWarning = Tr::tr("The Controller hands every secret value, system seeds and private keys "
                           "included, to any role with secrets:get — here: %1.");
    k.emptyText = Tr::tr("No secrets. Create one here or with POST /secrets.");
    auto system = [](const QJsonObject &o) { return systemOrigin(o.value(u"name").toString()); };
    Yaml y;
    y.kind = QStringLiteral("Secret");
    y.field = QByteArrayLiteral("secret");
    y.hint = Tr::tr("kind Secret, metadata.name, type and spec.type (Opaque or tls, the same) and data. "
                    "tls values are base64.");
    // The Controller's own manifest shape (a file applied elsewhere reads the same): spec.type too.
    y.example = QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: Secret\nmetadata:\n"
                                  "  name: my-secret\ntype: Opaque\nspec:\n  type: Opaque\n"
                                  "data:\n  password: change-me\n");
    y.document = [](const QJsonObject &d) {
        return QJsonObject{{QStringLiteral("apiVersion"), apiVersion()},
                           {QStringLiteral("kind"), QStringLiteral("Secret")},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("name"), d.value(u"name")}}},
                           {QStringLiteral("type"), d.value(u"type")},
                           {QStringLiteral("spec"), QJsonObject{{QStringLiteral("type"), d.value(u"type")}}},
                           {QStringLiteral("data"), d.value(u"data").toObject()}};
    };
    y.check = check;
    y.editRefused = system;
    // POST /secrets/yaml needs spec.type and PATCH /secrets/yaml/{name} always fails in 3.7.3
    // (controller-api.md §9): the document goes to the JSON routes, which work, with `type`.
    y.create = [](const QJsonObject &doc) {
        return Net::ApiRequest::sendJson("POST", QStringLiteral("/secrets"), body(doc, true));
    };
    y.update = [](const QString &key, const QJsonObject &, const QJsonObject &doc) {
        return Net::ApiRequest::sendJson("PATCH", Kind::expand(QStringLiteral("/secrets/{key}"), key),
                                         body(doc, false));
    };
    Action del = deleteAction(k.singular, QStringLiteral("/secrets/{key}"),
                              Tr::tr("Volume mounts and certificate records that use it are deleted "
                                     "with it."));
    del.refused = system;
    return KindOf<Secret>(k)
        .column(Tr::tr("Name"), 300, [](const Secret &s) { return Cell(s.name); })
        .column(Tr::tr("Type"), 90, [](const Secret &s) { return Cell(s.type); })
        .column(Tr::tr("Made by"), 140, [](const Secret &s) {
            return systemOrigin(s.name).isEmpty() ? Cell(Tr::tr("user"))
                                                  : Cell(Tr::tr("Controller"), Tone::Muted);
        })
        .details([](const QJsonObject &o) {
            const QString general = Tr::tr("General");
            const bool tls = o.value(u"type").toString() == u"tls";
            QList<DetailRow> rows{DetailRow(general, Tr::tr("Name"), o.value(u"name").toString()),
                                  DetailRow(general, Tr::tr("Type"), o.value(u"type").toString())};
            if (const QString origin = systemOrigin(o.value(u"name").toString()); !origin.isEmpty())
                rows << DetailRow(general, Tr::tr("Made by"), origin, {}, false, true);
            const QJsonObject data = o.value(u"data").toObject();
            for (auto it = data.begin(); it != data.end(); ++it) {
                QString value = valueText(it.value());
                QString hint;
                if (tls && isBase64(value)) {
                    value = QString::fromUtf8(QByteArray::fromBase64(value.toLatin1()));
                    hint = Tr::tr("Decoded from base64.");
                }
                rows << DetailRow(Tr::tr("Data"), it.key(), value, hint, true);
            }
            return rows;
        })
        .action(del)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
