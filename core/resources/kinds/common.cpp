#include "kinds.h"

#include "core/tr.h"

namespace Pot::Resources::Kinds {

QString apiVersion()
{
    return QStringLiteral("datasance.com/v3");
}

QString systemOrigin(const QString &name)
{
    // controller-api.md §3.8 and the third-run lists: the Controller names what it makes for NATS
    // (seeds, creds, JWT bundles, server configs and certificates) and for the router this way.
    if (name == u"nats-operator-seed")
        return Tr::tr("The NATS operator seed: whoever reads it can sign any account.");
    if (name.startsWith(u"nats-account-seed-") || name == u"nats-system-account-seed"
        || name.startsWith(u"nats-leaf-system-seed-"))
        return Tr::tr("A NATS account seed made by the Controller.");
    if (name.startsWith(u"nats-creds-") || name.startsWith(u"nats-mqtt-creds-")
        || name.startsWith(u"nats-leaf-creds-"))
        return Tr::tr("NATS credentials made by the Controller.");
    if (name.startsWith(u"nats-") || name == u"iofog-nats-jwt-bundle")
        return Tr::tr("NATS server material made by the Controller.");
    if (name.startsWith(u"router-"))
        return Tr::tr("Router certificate material made by the Controller.");
    return {};
}

} // namespace Pot::Resources::Kinds

namespace Pot::Resources::Kinds {

Yaml jsonSpecYaml(const QString &kindName, const QString &createPath, const QByteArray &updateMethod,
                  const QString &updatePath, const QStringList &serverFields)
{
    Yaml y;
    y.kind = kindName;
    y.hint = Tr::tr("kind %1 and spec: the JSON body of POST %2 as YAML.").arg(kindName, createPath);
    y.document = [kindName, serverFields](const QJsonObject &d) {
        QJsonObject spec = d;
        for (const QString &f : serverFields)
            spec.remove(f);
        return QJsonObject{{QStringLiteral("kind"), kindName}, {QStringLiteral("spec"), spec}};
    };
    y.check = [](const QJsonObject &doc, const QJsonObject &) {
        return doc.value(u"spec").isObject() ? QString() : Tr::tr("spec must be a map.");
    };
    y.create = [createPath](const QJsonObject &doc) {
        return Net::ApiRequest::sendJson("POST", createPath, doc.value(u"spec").toObject());
    };
    if (!updatePath.isEmpty()) {
        y.update = [updateMethod, updatePath](const QString &key, const QJsonObject &existing,
                                              const QJsonObject &doc) {
            return Net::ApiRequest::sendJson(updateMethod, Kind::expand(updatePath, key, existing),
                                             doc.value(u"spec").toObject());
        };
    }
    return y;
}

} // namespace Pot::Resources::Kinds
