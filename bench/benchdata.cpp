#include "benchdata.h"

#include "core/nats/claims.h"
#include "core/nats/jwt.h"
#include "core/nats/nkey.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QUuid>

namespace Pot::Bench {

QJsonObject readFixture(const QString &name)
{
    QFile f(QStringLiteral(POT_BENCH_DATA_DIR "/controller-3.7.3/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString uuidFor(int i)
{
    return QUuid::createUuidV5(QUuid(), QString::number(i)).toString(QUuid::WithoutBraces);
}

QByteArray agentsBody(const QJsonObject &fixture, qint64 now, int changedEvery)
{
    static const QStringList statuses{QStringLiteral("RUNNING"), QStringLiteral("RUNNING"),
                                      QStringLiteral("RUNNING"), QStringLiteral("WARNING"),
                                      QStringLiteral("STOPPED"), QStringLiteral("NOT_PROVISIONED")};
    const QJsonArray captured = fixture.value(u"fogs").toArray();
    const auto iso = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    QJsonArray fogs;
    for (int i = 0; i < kRows; ++i) {
        QJsonObject o = captured.at(i % captured.size()).toObject();
        const bool changed = changedEvery > 0 && i % changedEvery == 0;
        const qint64 lastActive = now - (qint64(2 + i % 5) * 86400 + 43200) * 1000;
        const qint64 created = now - qint64(30 + i % 700) * 86400 * 1000 - qint64(i) * 7919;
        const QString ip = QStringLiteral("10.%1.%2.%3").arg(i / 65536).arg((i / 256) % 256).arg(i % 256);
        o.insert(u"uuid", uuidFor(i));
        o.insert(u"name", (i % 3 == 0 ? QStringLiteral("edge-node-%1") : QStringLiteral("site-%1-gw"))
                              .arg(i, 5, 10, QLatin1Char('0')));
        o.insert(u"host", ip);
        o.insert(u"ipAddress", ip);
        o.insert(u"ipAddressExternal",
                 QStringLiteral("203.0.%1.%2").arg((i * 7) % 256).arg((i * 13) % 256));
        o.insert(u"daemonStatus", statuses.at(i % statuses.size()));
        o.insert(u"cpuUsage", double((i * 37) % 1000) / 10.0 + (changed ? 1.5 : 0.0));
        o.insert(u"memoryUsage", double(256 + (i * 13) % 3800) + (changed ? 64 : 0));
        o.insert(u"diskUsage", double(1 + i % 40));
        o.insert(u"systemTotalCpu", double((i * 53) % 1000) / 10.0);
        o.insert(u"lastActive", double(lastActive));
        o.insert(u"lastStatusTime", double(lastActive - 1000 * (i % 30)));
        o.insert(u"systemTime", double(lastActive + 17 * (i % 97)));
        o.insert(u"daemonLastStart", double(lastActive - qint64(1 + i % 60) * 3600 * 1000));
        o.insert(u"daemonOperatingDuration", double(qint64(1 + i % 60) * 3600 * 1000 + i));
        o.insert(u"lastCommandTime", double(lastActive - 997 * (i % 1000)));
        o.insert(u"processedMessages", double(i * 1237 % 1000003));
        o.insert(u"repositoryCount", 1 + i % 4);
        o.insert(u"latitude", 35.0 + double(i % 2000) / 97.0);
        o.insert(u"longitude", -120.0 + double(i % 3000) / 89.0);
        o.insert(u"createdAt", iso(created));
        o.insert(u"updatedAt", iso(lastActive));
        o.insert(u"isSystem", i == 0);
        o.insert(u"version", QStringLiteral("3.7.%1").arg(i % 4));
        fogs.append(o);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("fogs"), fogs}}).toJson(QJsonDocument::Compact);
}

QByteArray usersBody(const QJsonObject &fixture)
{
    using namespace Pot::Nats;
    const QJsonArray captured = fixture.value(u"users").toArray();
    constexpr int kAccounts = 200;
    QList<KeyPair> accounts;
    for (int a = 0; a < kAccounts; ++a)
        accounts << *KeyPair::generate(KeyKind::Account);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonArray users;
    for (int i = 0; i < kRows; ++i) {
        QJsonObject o = captured.at(i % captured.size()).toObject();
        const QString name = QStringLiteral("user-%1").arg(i, 5, 10, QLatin1Char('0'));
        const KeyPair key = *KeyPair::generate(KeyKind::User);
        Claims claims = Claims::newUser(name, key.publicKeyString());
        claims.user.permissions.bearerToken = i % 10 == 0;
        claims.user.permissions.pub.allow = {QStringLiteral("app-%1.>").arg(i % kAccounts)};
        claims.user.permissions.sub.allow = {QStringLiteral("app-%1.>").arg(i % kAccounts),
                                             QStringLiteral("_INBOX.>")};
        if (i % 4 == 0)
            claims.standard.expires = now + qint64(1 + i % 90) * 86400;
        const Result<QByteArray> jwt = Jwt::encode(claims, accounts.at(i % kAccounts));
        if (!jwt)
            qFatal("cannot encode a user JWT: %s", qPrintable(jwt.error().message));
        o.insert(u"id", i + 1);
        o.insert(u"name", name);
        o.insert(u"publicKey", key.publicKeyString());
        o.insert(u"jwt", QString::fromLatin1(*jwt));
        o.insert(u"isBearer", claims.user.permissions.bearerToken);
        o.insert(u"accountId", 2 + i % kAccounts);
        o.insert(u"accountName", QStringLiteral("app-%1").arg(i % kAccounts));
        o.insert(u"applicationId", 1 + i % kAccounts);
        o.insert(u"applicationName", QStringLiteral("app-%1").arg(i % kAccounts));
        users.append(o);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("users"), users}}).toJson(QJsonDocument::Compact);
}

} // namespace Pot::Bench
