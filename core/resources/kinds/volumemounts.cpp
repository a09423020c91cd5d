#include "kinds.h"

#include "core/tr.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /volumeMounts (a bare array): a secret or a config map agents mount.
struct VolumeMount
{
    QString name;
    QString secretName;
    QString configMapName;
    int version = 0;

    QString key() const { return name; }
    static Result<VolumeMount> fromJson(const QJsonObject &o)
    {
        const QString name = o.value(u"name").toString();
        if (name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("A volume mount without a name."));
        return VolumeMount{name, o.value(u"secretName").toString(),
                           o.value(u"configMapName").toString(), o.value(u"version").toInt()};
    }
    QString source() const
    {
        QStringList s;
        if (!secretName.isEmpty())
            s << Tr::tr("secret %1").arg(secretName);
        if (!configMapName.isEmpty())
            s << Tr::tr("config map %1").arg(configMapName);
        return s.join(u", ");
    }
};

QString check(const QJsonObject &doc, const QJsonObject &existing)
{
    static const QRegularExpression nameRule(QStringLiteral("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"));
    const QString name = doc.value(u"metadata").toObject().value(u"name").toString();
    if (!nameRule.match(name).hasMatch())
        return Tr::tr("metadata.name must be lower-case letters, digits and '-', starting and "
                      "ending with a letter or digit.");
    const QJsonObject spec = doc.value(u"spec").toObject();
    const bool secret = !spec.value(u"secretName").toString().isEmpty();
    const bool config = !spec.value(u"configMapName").toString().isEmpty();
    if (secret == config)
        return Tr::tr("spec needs exactly one of secretName and configMapName.");
    // 3.7.3 keeps the old secretName when a YAML update moves a mount to a config map
    // (controller-api.md §9): the mount would then name both.
    if (!existing.isEmpty() && config && !existing.value(u"secretName").toString().isEmpty())
        return Tr::tr("The Controller 3.7.3 keeps the secret when a mount moves from a secret to a "
                      "config map. Delete this mount and create it again instead.");
    return {};
}

Action linkAction(bool link)
{
    Action a;
    a.id = link ? QStringLiteral("link") : QStringLiteral("unlink");
    a.label = link ? Tr::tr("Link to agent…") : Tr::tr("Unlink from agent…");
    a.verb = QStringLiteral("patch");
    a.method = link ? QByteArrayLiteral("POST") : QByteArrayLiteral("DELETE");
    a.path = QStringLiteral("/volumeMounts/{key}/link");
    a.confirm = Confirm::None;
    a.input = link ? Input::Agent : Input::LinkedAgent;
    a.doneText = link ? Tr::tr("Linked %1 to %2.") : Tr::tr("Unlinked %1 from %2.");
    a.body = [](const QJsonObject &, const QString &fog) {
        return QJsonObject{{QStringLiteral("fogUuids"), QJsonArray{fog}}};
    };
    return a;
}

} // namespace

Kind volumeMounts()
{
    Kind k;
    k.id = QStringLiteral("volumeMounts");
    k.title = Tr::tr("Volume mounts");
    k.singular = Tr::tr("volume mount");
    k.plural = Tr::tr("volume mounts");
    k.listPath = QStringLiteral("/volumeMounts");
    k.rbacResource = QStringLiteral("volumeMounts");
    k.linksPath = QStringLiteral("/volumeMounts/{key}/link");
    k.emptyText = Tr::tr("No volume mounts. A volume mount puts a secret or a config map on the "
                         "agents it is linked to.");
    auto system = [](const QJsonObject &o) { return systemOrigin(o.value(u"name").toString()); };
    Yaml y;
    y.kind = QStringLiteral("VolumeMount");
    y.field = QByteArrayLiteral("volumeMount");
    y.createPath = QStringLiteral("/volumeMounts/yaml");
    y.updatePath = QStringLiteral("/volumeMounts/yaml/{key}");
    y.hint = Tr::tr("kind VolumeMount, metadata.name and spec with secretName or configMapName.");
    y.example = QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: VolumeMount\nmetadata:\n"
                                  "  name: my-mount\nspec:\n  configMapName: my-config\n");
    y.document = [](const QJsonObject &d) {
        QJsonObject spec;
        if (!d.value(u"secretName").toString().isEmpty())
            spec.insert(QStringLiteral("secretName"), d.value(u"secretName"));
        if (!d.value(u"configMapName").toString().isEmpty())
            spec.insert(QStringLiteral("configMapName"), d.value(u"configMapName"));
        return QJsonObject{{QStringLiteral("apiVersion"), apiVersion()},
                           {QStringLiteral("kind"), QStringLiteral("VolumeMount")},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("name"), d.value(u"name")}}},
                           {QStringLiteral("spec"), spec}};
    };
    y.check = check;
    y.editRefused = system;
    Action del = deleteAction(k.singular, QStringLiteral("/volumeMounts/{key}"),
                              Tr::tr("Agents it is linked to lose the files."));
    del.refused = system;
    Action link = linkAction(true);
    link.refused = system;
    Action unlink = linkAction(false);
    unlink.refused = system;
    return KindOf<VolumeMount>(k)
        .column(Tr::tr("Name"), 280, [](const VolumeMount &v) { return Cell(v.name); })
        .column(Tr::tr("Mounts"), 300, [](const VolumeMount &v) {
            return v.source().isEmpty() ? Cell(Tr::tr("nothing"), Tone::Warn) : Cell(v.source());
        })
        .column(Tr::tr("Version"), 70, [](const VolumeMount &v) { return Cell::number(v.version); })
        .action(link)
        .action(unlink)
        .action(del)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
