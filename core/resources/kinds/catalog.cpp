#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /catalog/microservices: an image set microservices can be made from.
struct CatalogItem
{
    int id = 0;
    QString name;
    QString category;
    QString publisher;
    QString description;
    int images = 0;

    QString key() const { return QString::number(id); }
    QString label() const { return name; }
    static Result<CatalogItem> fromJson(const QJsonObject &o)
    {
        if (!o.value(u"id").isDouble())
            return Error(ErrorCode::InvalidInput, Tr::tr("A catalog item without an id."));
        return CatalogItem{o.value(u"id").toInt(), o.value(u"name").toString(),
                           o.value(u"category").toString(), o.value(u"publisher").toString(),
                           o.value(u"description").toString(),
                           int(o.value(u"images").toArray().size())};
    }
};

QString builtIn(const QJsonObject &o)
{
    return o.value(u"category").toString() == u"SYSTEM"
               ? Tr::tr("A built-in catalog item (category SYSTEM): the Controller needs it.")
               : QString();
}

} // namespace

Kind catalogItems()
{
    Kind k;
    k.id = QStringLiteral("catalogItems");
    k.title = Tr::tr("Catalog");
    k.singular = Tr::tr("catalog item");
    k.plural = Tr::tr("catalog items");
    k.listPath = QStringLiteral("/catalog/microservices");
    k.arrayKey = QStringLiteral("catalogItems");
    k.rbacResource = QStringLiteral("catalog");
    k.emptyText = Tr::tr("The catalog is empty; the Controller normally lists its built-in items.");
    Yaml y = jsonSpecYaml(QStringLiteral("CatalogItem"), QStringLiteral("/catalog/microservices"),
                          "PATCH", QStringLiteral("/catalog/microservices/{id}"),
                          {QStringLiteral("id"), QStringLiteral("category")});
    y.example = QByteArrayLiteral("kind: CatalogItem\nspec:\n  name: my-sensor-reader\n"
                                  "  description: Reads the sensor bus\n  registryId: 1\n"
                                  "  images:\n    - containerImage: ghcr.io/example/reader:1.0\n"
                                  "      fogTypeId: 1\n");
    y.editRefused = builtIn;
    Action del = deleteAction(k.singular, QStringLiteral("/catalog/microservices/{key}"),
                              Tr::tr("New microservices can no longer be made from it."));
    del.refused = builtIn;
    return KindOf<CatalogItem>(k)
        .column(Tr::tr("Id"), 50, [](const CatalogItem &c) { return Cell::number(c.id); })
        .column(Tr::tr("Name"), 180, [](const CatalogItem &c) { return Cell(c.name); })
        .column(Tr::tr("Category"), 100, [](const CatalogItem &c) {
            return Cell(c.category, c.category == u"SYSTEM" ? Tone::Muted : Tone::None);
        })
        .column(Tr::tr("Publisher"), 120, [](const CatalogItem &c) { return Cell::orDash(c.publisher); })
        .column(Tr::tr("Images"), 70, [](const CatalogItem &c) { return Cell::number(c.images); })
        .column(Tr::tr("Description"), 300, [](const CatalogItem &c) { return Cell::orDash(c.description); })
        .action(del)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
