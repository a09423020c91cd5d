#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /applicationTemplates: an application with {{ variables }} left unrendered.
struct ApplicationTemplate
{
    QString name;
    QString description;
    QStringList variables;
    int microservices = 0;
    QJsonValue updatedAt;

    QString key() const { return name; }
    static Result<ApplicationTemplate> fromJson(const QJsonObject &o)
    {
        ApplicationTemplate t{o.value(u"name").toString(), o.value(u"description").toString(), {},
                              int(o.value(u"application").toObject().value(u"microservices")
                                      .toArray().size()),
                              o.value(u"updatedAt")};
        if (t.name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("A template without a name."));
        for (const QJsonValue &v : o.value(u"variables").toArray())
            t.variables << v.toObject().value(u"key").toString();
        return t;
    }
};

} // namespace

Kind applicationTemplates()
{
    Kind k;
    k.id = QStringLiteral("applicationTemplates");
    k.title = Tr::tr("Application templates");
    k.singular = Tr::tr("application template");
    k.plural = Tr::tr("application templates");
    k.listPath = QStringLiteral("/applicationTemplates");
    k.arrayKey = QStringLiteral("applicationTemplates");
    k.rbacResource = QStringLiteral("applicationTemplates");
    // The list JSON-encodes each variable's defaultValue; the single GET decodes it (§9).
    k.detailPath = QStringLiteral("/applicationTemplate/{key}");
    k.emptyText = Tr::tr("No application templates. A template is an application with variables "
                         "that potctl or the API deploys many times.");
    Yaml y;
    y.kind = QStringLiteral("ApplicationTemplate");
    y.field = QByteArrayLiteral("template");
    y.createPath = QStringLiteral("/applicationTemplate/yaml");
    y.updatePath = QStringLiteral("/applicationTemplate/yaml/{key}");
    y.updateMethod = QByteArrayLiteral("PUT");
    y.hint = Tr::tr("kind ApplicationTemplate, metadata.name, spec with description, variables "
                    "(key, description, defaultValue) and application.");
    y.example = QByteArrayLiteral(
        "apiVersion: datasance.com/v3\nkind: ApplicationTemplate\nmetadata:\n  name: my-template\n"
        "spec:\n  description: One microservice, agent as a variable\n  variables:\n"
        "    - key: agent\n      description: Agent to deploy to\n      defaultValue: edge-1\n"
        "  application:\n    microservices:\n      - name: app\n        agent:\n"
        "          name: \"{{ agent }}\"\n        images:\n          registry: remote\n"
        "          x86: ghcr.io/example/app:1.0\n        container: {}\n");
    y.document = [](const QJsonObject &d) {
        QJsonArray variables;
        for (const QJsonValue &v : d.value(u"variables").toArray()) {
            const QJsonObject o = v.toObject();
            variables << QJsonObject{{QStringLiteral("key"), o.value(u"key")},
                                     {QStringLiteral("description"), o.value(u"description")},
                                     {QStringLiteral("defaultValue"), o.value(u"defaultValue")}};
        }
        return QJsonObject{{QStringLiteral("apiVersion"), apiVersion()},
                           {QStringLiteral("kind"), QStringLiteral("ApplicationTemplate")},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("name"), d.value(u"name")}}},
                           {QStringLiteral("spec"),
                            QJsonObject{{QStringLiteral("description"), d.value(u"description")},
                                        {QStringLiteral("variables"), variables},
                                        {QStringLiteral("application"), d.value(u"application")}}}};
    };
    y.check = [](const QJsonObject &doc, const QJsonObject &) {
        return doc.value(u"spec").toObject().value(u"application").isObject()
                   ? QString()
                   : Tr::tr("spec.application must be a map.");
    };
    return KindOf<ApplicationTemplate>(k)
        .column(Tr::tr("Name"), 200, [](const ApplicationTemplate &t) { return Cell(t.name); })
        .column(Tr::tr("Variables"), 160, [](const ApplicationTemplate &t) {
            return Cell::orDash(t.variables.join(u", "));
        })
        .column(Tr::tr("Microservices"), 100,
                [](const ApplicationTemplate &t) { return Cell::number(t.microservices); })
        .column(Tr::tr("Updated"), 150, [](const ApplicationTemplate &t) { return Cell::time(t.updatedAt); })
        .column(Tr::tr("Description"), 280, [](const ApplicationTemplate &t) { return Cell::orDash(t.description); })
        .action(deleteAction(k.singular, QStringLiteral("/applicationTemplate/{key}"),
                             Tr::tr("Applications made from it stay.")))
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
