#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /edgeResources: a device or service agents can offer, by name and version.
/// Read from the list only: on SQLite, 3.7.3 cannot read one back by name (500, §9).
struct EdgeResource
{
    QString name;
    QString version;
    QString protocol;
    QString display;
    QString description;
    QStringList tags;

    QString key() const { return name + u'/' + version; }
    QString label() const { return name; }
    static Result<EdgeResource> fromJson(const QJsonObject &o)
    {
        EdgeResource e{o.value(u"name").toString(), o.value(u"version").toString(),
                       o.value(u"interfaceProtocol").toString(),
                       o.value(u"display").toObject().value(u"name").toString(),
                       o.value(u"description").toString(), {}};
        if (e.name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("An edge resource without a name."));
        for (const QJsonValue &t : o.value(u"orchestrationTags").toArray())
            e.tags << t.toString();
        return e;
    }
};

} // namespace

Kind edgeResources()
{
    Kind k;
    k.id = QStringLiteral("edgeResources");
    k.title = Tr::tr("Edge resources");
    k.singular = Tr::tr("edge resource");
    k.plural = Tr::tr("edge resources");
    k.listPath = QStringLiteral("/edgeResources");
    k.arrayKey = QStringLiteral("edgeResources");
    k.rbacResource = QStringLiteral("edgeResources");
    k.rbacNameField = QStringLiteral("name");
    k.emptyText = Tr::tr("No edge resources. An edge resource describes a device or service that "
                         "agents with its orchestration tag offer.");
    Yaml y = jsonSpecYaml(QStringLiteral("EdgeResource"), QStringLiteral("/edgeResource"), "PUT",
                          QStringLiteral("/edgeResource/{name}/{version}"), {QStringLiteral("id")});
    y.example = QByteArrayLiteral(
        "kind: EdgeResource\nspec:\n  name: my-sensor\n  version: 1.0.0\n"
        "  description: Temperature sensor\n  interfaceProtocol: http\n"
        "  display:\n    name: My sensor\n  orchestrationTags: [my-sensor]\n"
        "  interface:\n    endpoints:\n      - name: read\n        method: GET\n        url: /read\n");
    // responseType and responsePayloadExample break the create on SQLite (500, §9).
    y.check = [](const QJsonObject &doc, const QJsonObject &) {
        const QJsonObject spec = doc.value(u"spec").toObject();
        if (spec.value(u"name").toString().isEmpty() || spec.value(u"version").toString().isEmpty())
            return Tr::tr("spec needs name and version.");
        const QJsonArray endpoints =
            spec.value(u"interface").toObject().value(u"endpoints").toArray();
        for (const QJsonValue &e : endpoints) {
            const QJsonObject o = e.toObject();
            if (o.contains(u"responseType") || o.contains(u"responsePayloadExample"))
                return Tr::tr("Leave out responseType and responsePayloadExample: the Controller "
                              "3.7.3 fails to store them (SQLite).");
        }
        return QString();
    };
    return KindOf<EdgeResource>(k)
        .column(Tr::tr("Name"), 200, [](const EdgeResource &e) { return Cell(e.name); })
        .column(Tr::tr("Version"), 80, [](const EdgeResource &e) { return Cell(e.version); })
        .column(Tr::tr("Protocol"), 80, [](const EdgeResource &e) { return Cell::orDash(e.protocol); })
        .column(Tr::tr("Display name"), 160, [](const EdgeResource &e) { return Cell::orDash(e.display); })
        .column(Tr::tr("Tags"), 160, [](const EdgeResource &e) { return Cell(e.tags.join(u", ")); })
        .column(Tr::tr("Description"), 260, [](const EdgeResource &e) { return Cell::orDash(e.description); })
        .action(deleteAction(k.singular, QStringLiteral("/edgeResource/{name}/{version}"),
                             Tr::tr("Agents stop offering it.")))
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
