#include "natspage.h"

#include "core/nats/jwt.h"
#include "models/clusterview.h"
#include "models/timetext.h"

#include <QDateTime>

namespace Pot::Models {

ResourceList::Spec NatsPage::usersListSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("natsUsers");
    spec.path = QStringLiteral("/nats/users");
    spec.arrayKey = QStringLiteral("users");
    spec.rbacResource = QStringLiteral("natsUsers");
    spec.columns = {{tr("Name"), 180},      {tr("Account"), 150}, {tr("Application"), 140},
                    {tr("Bearer"), 70},     {tr("Microservice"), 120}, {tr("Expiry"), 170}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        const QString name = o.value(u"name").toString();
        const QString account = o.value(u"accountName").toString();
        row.key = account + u'/' + name;
        row.object = o;
        // The Controller writes the requested expiry into nats.exp, where nats-server ignores it
        // (controller-api.md §5.5); a top-level exp would be enforced.
        qint64 expSec = 0;
        bool enforced = false;
        if (auto jwt = Nats::Jwt::decode(o.value(u"jwt").toString().toLatin1())) {
            const QJsonObject p = jwt->payload();
            if (p.contains(u"exp")) {
                expSec = qint64(p.value(u"exp").toDouble());
                enforced = true;
            } else {
                expSec = qint64(p.value(u"nats").toObject().value(u"exp").toDouble());
            }
        }
        QString expiry;
        QString tip;
        Tone tone = Tone::None;
        if (expSec > 0) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            expiry = TimeText::exact(expSec * 1000);
            tip = enforced ? tr("Expires %1").arg(TimeText::relative(expSec * 1000, now))
                           : tr("Requested expiry %1, not enforced: the Controller put it in "
                                "nats.exp, which nats-server ignores.")
                                 .arg(TimeText::relative(expSec * 1000, now));
            if (!enforced) {
                expiry += tr(" (not enforced)");
                tone = Tone::Warn;
            } else if (expSec * 1000 < now) {
                tone = Tone::Bad;
            }
        } else {
            expiry = tr("never");
            tone = Tone::Muted;
        }
        const bool bearer = o.value(u"isBearer").toBool();
        row.cells = {name,
                     account,
                     o.value(u"applicationName").toString(),
                     bearer ? tr("bearer") : QString(),
                     o.value(u"microserviceUuid").toString().isEmpty() ? QString() : tr("yes"),
                     expiry};
        row.tips = {o.value(u"publicKey").toString(), {}, {}, {},
                    o.value(u"microserviceUuid").toString(), tip};
        row.sortKeys = {QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), expSec};
        row.tones = {Tone::None, Tone::None, Tone::None, bearer ? Tone::Warn : Tone::None,
                     Tone::None, tone};
        return row;
    };
    return spec;
}

NatsPage::NatsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_users(cluster->addList(usersListSpec(), this))
{}

} // namespace Pot::Models
