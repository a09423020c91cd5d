#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /services (a bare array): a port the router exposes for a microservice, an
/// agent or an outside host.
struct Service
{
    QString name;
    QString type;     ///< microservice, agent, k8s, external
    QString resource; ///< the microservice uuid, agent name or host
    int targetPort = 0;
    int bridgePort = 0;
    QString endpoint;
    QString status;   ///< provisioningStatus: pending, ready, failed
    QStringList tags;

    QString key() const { return name; }
    static Result<Service> fromJson(const QJsonObject &o)
    {
        Service s{o.value(u"name").toString(), o.value(u"type").toString(),
                  o.value(u"resource").toString(), o.value(u"targetPort").toInt(),
                  o.value(u"bridgePort").toInt(), o.value(u"serviceEndpoint").toString(),
                  o.value(u"provisioningStatus").toString(), {}};
        if (s.name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("A service without a name."));
        for (const QJsonValue &t : o.value(u"tags").toArray())
            s.tags << t.toString();
        return s;
    }
};

QString check(const QJsonObject &doc, const QJsonObject &)
{
    const QJsonObject spec = doc.value(u"spec").toObject();
    // PATCH without type and resource is a 500 TypeError in 3.7.3 (controller-api.md §9).
    if (spec.value(u"type").toString().isEmpty() || spec.value(u"resource").toString().isEmpty())
        return Tr::tr("spec needs type and resource (the Controller fails without them).");
    if (spec.value(u"targetPort").toInt() <= 0)
        return Tr::tr("spec.targetPort must be a port number.");
    return {};
}

} // namespace

Kind services()
{
    Kind k;
    k.id = QStringLiteral("services");
    k.title = Tr::tr("Services");
    k.singular = Tr::tr("service");
    k.plural = Tr::tr("services");
    k.listPath = QStringLiteral("/services");
    k.rbacResource = QStringLiteral("services");
    k.emptyText = Tr::tr("No services. A service exposes a microservice, an agent or an outside "
                         "host through the router.");
    Yaml y;
    y.kind = QStringLiteral("Service");
    y.field = QByteArrayLiteral("service");
    y.createPath = QStringLiteral("/services/yaml");
    y.updatePath = QStringLiteral("/services/yaml/{key}");
    y.hint = Tr::tr("kind Service, metadata.name (tags), spec with type, resource and targetPort.");
    y.example = QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: Service\nmetadata:\n"
                                  "  name: my-service\n  tags: []\nspec:\n  type: external\n"
                                  "  resource: db.example.com\n  targetPort: 5432\n"
                                  "  defaultBridge: default-router\n");
    y.document = [](const QJsonObject &d) {
        return QJsonObject{
            {QStringLiteral("apiVersion"), apiVersion()},
            {QStringLiteral("kind"), QStringLiteral("Service")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), d.value(u"name")},
                                                      {QStringLiteral("tags"), d.value(u"tags")}}},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("type"), d.value(u"type")},
                         {QStringLiteral("resource"), d.value(u"resource")},
                         {QStringLiteral("targetPort"), d.value(u"targetPort")},
                         {QStringLiteral("defaultBridge"), d.value(u"defaultBridge")}}}};
    };
    y.check = check;
    return KindOf<Service>(k)
        .column(Tr::tr("Name"), 200, [](const Service &s) { return Cell(s.name); })
        .column(Tr::tr("Type"), 110, [](const Service &s) { return Cell(s.type); })
        .column(Tr::tr("Resource"), 260, [](const Service &s) { return Cell(s.resource); })
        .column(Tr::tr("Port"), 70, [](const Service &s) { return Cell::number(s.targetPort); })
        .column(Tr::tr("Bridge port"), 100, [](const Service &s) { return Cell::number(s.bridgePort); })
        .column(Tr::tr("Endpoint"), 130, [](const Service &s) { return Cell::orDash(s.endpoint); })
        .column(Tr::tr("Status"), 90, [](const Service &s) {
            return Cell(s.status, s.status == u"ready"    ? Tone::Ok
                                  : s.status == u"failed" ? Tone::Bad
                                                          : Tone::Warn);
        })
        .column(Tr::tr("Tags"), 160, [](const Service &s) { return Cell(s.tags.join(u", ")); })
        .action(deleteAction(k.singular, QStringLiteral("/services/{key}"),
                             Tr::tr("The router stops exposing it.")))
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
