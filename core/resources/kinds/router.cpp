#include "kinds.h"

#include "core/tr.h"

namespace Pot::Resources::Kinds {

namespace {

/// GET /router: the default router (the system fog's interior router) agents connect to.
struct Router
{
    QString host;
    int messagingPort = 0;
    int edgeRouterPort = 0;
    int interRouterPort = 0;

    QString key() const { return host; }
    static Result<Router> fromJson(const QJsonObject &o)
    {
        if (!o.value(u"host").isString())
            return Error(ErrorCode::InvalidInput, Tr::tr("The router answer has no host."));
        return Router{o.value(u"host").toString(), o.value(u"messagingPort").toInt(),
                      o.value(u"edgeRouterPort").toInt(), o.value(u"interRouterPort").toInt()};
    }
};

} // namespace

Kind router()
{
    Kind k;
    k.id = QStringLiteral("router");
    k.title = Tr::tr("Router");
    k.singular = Tr::tr("router");
    k.plural = Tr::tr("routers");
    k.listPath = QStringLiteral("/router");
    k.single = true;
    k.rbacResource = QStringLiteral("router");
    k.emptyText = Tr::tr("No default router yet: the Controller makes it with the first system "
                         "agent (an interior router).");
    const QString ports = Tr::tr("Ports");
    return KindOf<Router>(k)
        .column(Tr::tr("Host"), 200, [](const Router &r) { return Cell(r.host); })
        .column(Tr::tr("Messaging port"), 120, [](const Router &r) { return Cell::number(r.messagingPort); })
        .column(Tr::tr("Edge router port"), 130, [](const Router &r) { return Cell::number(r.edgeRouterPort); })
        .column(Tr::tr("Inter-router port"), 130, [](const Router &r) { return Cell::number(r.interRouterPort); })
        .details([ports](const QJsonObject &o) {
            const Result<Router> r = Router::fromJson(o);
            if (!r)
                return describe(o);
            return QList<DetailRow>{
                DetailRow(Tr::tr("Default router"), Tr::tr("Host"), r->host,
                          Tr::tr("The address agents and edge routers connect to.")),
                DetailRow(ports, Tr::tr("Messaging (AMQP)"), QString::number(r->messagingPort)),
                DetailRow(ports, Tr::tr("Edge routers"), QString::number(r->edgeRouterPort)),
                DetailRow(ports, Tr::tr("Inter-router"), QString::number(r->interRouterPort))};
        })
        .build();
}

} // namespace Pot::Resources::Kinds
