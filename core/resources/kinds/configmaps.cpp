#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /configmaps (controller-api.md §3.8).
struct ConfigMap
{
    QString name;
    bool immutable = false;
    bool useVault = false;

    QString key() const { return name; }
    static Result<ConfigMap> fromJson(const QJsonObject &o)
    {
        const QString name = o.value(u"name").toString();
        if (name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("A config map without a name."));
        return ConfigMap{name, o.value(u"immutable").toBool(), o.value(u"useVault").toBool()};
    }
};

QString dataCheck(const QJsonObject &doc, const QJsonObject &existing)
{
    if (!doc.value(u"data").isObject())
        return Tr::tr("data must be a map of names to values.");
    if (!existing.isEmpty() && existing.value(u"immutable").toBool())
        return Tr::tr("This config map is immutable: the Controller refuses changes.");
    return {};
}

} // namespace

Kind configMaps()
{
    Kind k;
    k.id = QStringLiteral("configMaps");
    k.title = Tr::tr("Config maps");
    k.singular = Tr::tr("config map");
    k.plural = Tr::tr("config maps");
    k.listPath = QStringLiteral("/configmaps");
    k.arrayKey = QStringLiteral("configMaps");
    k.rbacResource = QStringLiteral("configMaps");
    k.detailPath = QStringLiteral("/configmaps/{key}");
    k.emptyText = Tr::tr("No config maps. Create one here or with POST /configmaps; agents read "
                         "them through volume mounts.");
    auto notSystem = [](const QJsonObject &o) { return systemOrigin(o.value(u"name").toString()); };
    Yaml y;
    y.kind = QStringLiteral("ConfigMap");
    y.field = QByteArrayLiteral("configMap");
    y.createPath = QStringLiteral("/configmaps/yaml");
    y.updatePath = QStringLiteral("/configmaps/yaml/{key}");
    y.hint = Tr::tr("kind ConfigMap, metadata.name, spec (immutable, useVault) and data at top level.");
    y.example = QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: ConfigMap\nmetadata:\n"
                                  "  name: my-config\nspec:\n  immutable: false\n  useVault: false\n"
                                  "data:\n  app.properties: |\n    rate=5\n");
    y.document = [](const QJsonObject &d) {
        return QJsonObject{{QStringLiteral("apiVersion"), apiVersion()},
                           {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("name"), d.value(u"name")}}},
                           {QStringLiteral("spec"),
                            QJsonObject{{QStringLiteral("immutable"), d.value(u"immutable").toBool()},
                                        {QStringLiteral("useVault"), d.value(u"useVault").toBool()}}},
                           {QStringLiteral("data"), d.value(u"data").toObject()}};
    };
    y.check = dataCheck;
    y.editRefused = [notSystem](const QJsonObject &o) {
        if (o.value(u"immutable").toBool())
            return Tr::tr("This config map is immutable: the Controller refuses changes.");
        return notSystem(o);
    };
    Action del = deleteAction(k.singular, QStringLiteral("/configmaps/{key}"),
                              Tr::tr("Volume mounts that use it stop working."));
    del.refused = notSystem;
    return KindOf<ConfigMap>(k)
        .column(Tr::tr("Name"), 280, [](const ConfigMap &c) { return Cell(c.name); })
        .column(Tr::tr("Immutable"), 90, [](const ConfigMap &c) { return Cell::flag(c.immutable, Tone::Info); })
        .column(Tr::tr("Vault"), 70, [](const ConfigMap &c) { return Cell::flag(c.useVault); })
        .column(Tr::tr("Made by"), 140, [](const ConfigMap &c) {
            return systemOrigin(c.name).isEmpty() ? Cell(Tr::tr("user"))
                                                  : Cell(Tr::tr("Controller"), Tone::Muted);
        })
        .details([](const QJsonObject &o) {
            QList<DetailRow> rows;
            const QString general = Tr::tr("General");
            rows << DetailRow(general, Tr::tr("Name"), o.value(u"name").toString());
            rows << DetailRow(general, Tr::tr("Immutable"),
                              o.value(u"immutable").toBool() ? Tr::tr("yes") : Tr::tr("no"));
            rows << DetailRow(general, Tr::tr("Use vault"),
                              o.value(u"useVault").toBool() ? Tr::tr("yes") : Tr::tr("no"));
            if (const QString origin = systemOrigin(o.value(u"name").toString()); !origin.isEmpty())
                rows << DetailRow(general, Tr::tr("Made by"), origin);
            const QJsonObject data = o.value(u"data").toObject();
            for (auto it = data.begin(); it != data.end(); ++it)
                rows << DetailRow(Tr::tr("Data"), it.key(), it.value().toString());
            return rows;
        })
        .action(del)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
