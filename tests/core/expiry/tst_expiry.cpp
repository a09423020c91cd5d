// core/expiry against the captured 3.7.3 lists, and its iCalendar file read back by two other
// readers: libical's parser and Python's icalendar package (what calendar tools build on).
#include "core/expiry/expiry.h"
#include "core/expiry/noticeledger.h"
#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <libical/ical.h>

using namespace Pot;

namespace {

QJsonArray fixtureArray(const QString &file, QStringView key)
{
    return QJsonDocument::fromJson(Test::fixture(file)).object().value(key).toArray();
}

const Expiry::Item *named(const QList<Expiry::Item> &items, const QString &name)
{
    for (const Expiry::Item &i : items) {
        if (i.name == name)
            return &i;
    }
    return nullptr;
}

} // namespace

class TestExpiry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void certificatesInEitherCase()
    {
        // GET /certificates is camelCase, /certificates/expiring snake_case (controller-api.md §3.6).
        const QList<Expiry::Item> all = Expiry::fromCertificates(fixtureArray(QStringLiteral("GET_certificates.json"), u"certificates"),
                                                                 QStringLiteral("lab"));
        QCOMPARE(all.size(), fixtureArray(QStringLiteral("GET_certificates.json"), u"certificates").size());
        const Expiry::Item *ca = named(all, QStringLiteral("router-site-ca"));
        QVERIFY(ca);
        QCOMPARE(ca->kind, Expiry::Kind::CertificateAuthority);
        QCOMPARE(ca->expires, QDateTime(QDate(2031, 11, 23), QTime(8, 56, 20), QTimeZone::utc()));
        QCOMPARE(ca->starts, QDateTime(QDate(2026, 11, 22), QTime(23, 20, 20), QTimeZone::utc()));
        const QList<Expiry::Item> soon = Expiry::fromCertificates(
            fixtureArray(QStringLiteral("GET_certificates_expiring__days-400.json"), u"certificates"), QStringLiteral("lab"));
        QCOMPARE(soon.size(), 2);
        const Expiry::Item *mqtt = named(soon, QStringLiteral("mqtt-gateway-tls"));
        QVERIFY(mqtt);
        QCOMPARE(mqtt->kind, Expiry::Kind::Certificate);
        QCOMPARE(mqtt->expires, QDateTime(QDate(2026, 12, 23), QTime(9, 55, 27), QTimeZone::utc()));
        // Due within 30 days of 2026-12-01, not of 2026-11-01 (and far from 80 % of its life then).
        QVERIFY(mqtt->due(QDateTime(QDate(2026, 12, 1), QTime(0, 0), QTimeZone::utc()), 30));
        QVERIFY(!mqtt->due(QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc()), 30));
    }

    void natsUsersWithTheirEnforcement()
    {
        const QList<Expiry::Item> users = Expiry::fromNatsUsers(fixtureArray(QStringLiteral("GET_nats_users.json"), u"users"),
                                                                QStringLiteral("lab"));
        // Only the two users with a requested expiry; both in nats.exp, which nats-server ignores.
        QCOMPARE(users.size(), 2);
        const Expiry::Item *ops = named(users, QStringLiteral("foo-producer / ops-cli"));
        QVERIFY(ops);
        QCOMPARE(ops->expires.toSecsSinceEpoch(), 1797981688);
        QVERIFY(!ops->enforced);
        QList<Expiry::Item> sorted = users;
        Expiry::sortByDate(sorted);
        QCOMPARE(sorted.first().name, QStringLiteral("foo-consumer / mqtt-dev-1")); // 1795476088 < 1797981688
    }

    void calendarReadBackByLibicalAndPython()
    {
        QList<Expiry::Item> items = Expiry::fromCertificates(
            fixtureArray(QStringLiteral("GET_certificates_expiring__days-400.json"), u"certificates"), QStringLiteral("Lab, \"east\""));
        items += Expiry::fromNatsUsers(fixtureArray(QStringLiteral("GET_nats_users.json"), u"users"), QStringLiteral("Lab, \"east\""));
        Expiry::sortByDate(items);
        const QDateTime stamp(QDate(2026, 12, 5), QTime(12, 0), QTimeZone::utc());
        const Result<QByteArray> ics = Expiry::toICalendar(items, stamp);
        QVERIFY_RESULT(ics);
        QVERIFY(ics->startsWith("BEGIN:VCALENDAR\r\n"));
        for (const QByteArray &line : ics->split('\n'))
            QVERIFY2(line.size() <= 76, line.constData()); // folded at 75 octets (+ CR)

        // libical reads it back: one event per item, on its end date, summary with the name.
        std::unique_ptr<icalcomponent, void (*)(icalcomponent *)> parsed(icalparser_parse_string(ics->constData()),
                                                                          icalcomponent_free);
        QVERIFY(parsed);
        int events = 0;
        for (icalcomponent *e = icalcomponent_get_first_component(parsed.get(), ICAL_VEVENT_COMPONENT); e;
             e = icalcomponent_get_next_component(parsed.get(), ICAL_VEVENT_COMPONENT)) {
            const Expiry::Item &item = items.at(events++);
            const icaltimetype start = icalcomponent_get_dtstart(e);
            QCOMPARE(QDate(start.year, start.month, start.day), item.expires.date());
            QVERIFY(start.is_date);
            QVERIFY(QString::fromUtf8(icalcomponent_get_summary(e)).contains(item.name));
        }
        QCOMPARE(events, items.size());

        // Python's icalendar (independent of libical) reads the same file.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("expiry.ics"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(*ics);
        f.close();
        const Test::ProcessRun py = Test::runProcess(
            QStringLiteral("/usr/bin/python3"), // Debian's, where python3-icalendar is
            {QStringLiteral("-c"),
             QStringLiteral("import sys, icalendar\n"
                            "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                            "for e in cal.walk('VEVENT'):\n"
                            "    print(e.decoded('dtstart').isoformat(), str(e.get('summary')), len(e.walk('VALARM')))\n"),
             path});
        QVERIFY2(py.code == 0, qPrintable(py.err));
        const QStringList lines = py.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), items.size());
        for (int i = 0; i < items.size(); ++i) {
            QVERIFY2(lines.at(i).startsWith(items.at(i).expires.date().toString(Qt::ISODate)), qPrintable(lines.at(i)));
            QVERIFY2(lines.at(i).contains(items.at(i).name), qPrintable(lines.at(i)));
            QVERIFY2(lines.at(i).contains(u"(Lab, \"east\")"), qPrintable(lines.at(i))); // escaping round-trips
            QVERIFY2(lines.at(i).endsWith(u" 1"), qPrintable(lines.at(i)));             // its reminder
        }
    }

    // Minted provisioning keys: the agent and the end (never a key), from what the console noted.
    void provisioningKeysTheConsoleMinted()
    {
        const qint64 minted = QDateTime(QDate(2026, 12, 5), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const QJsonArray noted{
            QJsonObject{{QStringLiteral("agent"), QStringLiteral("edge-node-1")}, {QStringLiteral("uuid"), QStringLiteral("8b6c")},
                        {QStringLiteral("mintedAt"), minted}, {QStringLiteral("expirationTime"), minted + 20 * 60 * 1000}},
            QJsonObject{{QStringLiteral("agent"), QStringLiteral("no-end")}}};
        const QList<Expiry::Item> items = Expiry::fromProvisioningKeys(noted, QStringLiteral("lab"));
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.constFirst().kind, Expiry::Kind::ProvisioningKey);
        QCOMPARE(items.constFirst().name, QStringLiteral("edge-node-1"));
        QCOMPARE(items.constFirst().expires, QDateTime(QDate(2026, 12, 5), QTime(10, 20), QTimeZone::utc()));
        QCOMPARE(Expiry::kindName(items.constFirst().kind), QStringLiteral("provisioning key"));
    }

    // A notice comes once per item: not on the next refresh, not after a restart (the ledger is
    // read back from its file), again for a renewed certificate (a new date), owner-only.
    void noticesComeOncePerItem()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("state/notices.json"));
        const QDateTime now(QDate(2026, 12, 5), QTime(9, 0), QTimeZone::utc());
        Expiry::Item tls;
        tls.kind = Expiry::Kind::Certificate;
        tls.controlPlane = QStringLiteral("lab");
        tls.name = QStringLiteral("mqtt-gateway-tls");
        tls.expires = QDateTime(QDate(2026, 12, 23), QTime(9, 55), QTimeZone::utc());
        Expiry::Item user = tls;
        user.kind = Expiry::Kind::NatsUser;
        user.name = QStringLiteral("foo-producer / ops-cli");
        {
            Expiry::NoticeLedger ledger(file);
            QCOMPARE(ledger.takeNew({tls}, now).size(), 1);
            QCOMPARE(ledger.takeNew({tls}, now).size(), 0);
            const QList<Expiry::Item> second = ledger.takeNew({tls, user}, now);
            QCOMPARE(second.size(), 1);
            QCOMPARE(second.constFirst().name, user.name);
            QVERIFY2(ledger.problem().isEmpty(), qPrintable(ledger.problem()));
        }
        QCOMPARE(QFileInfo(file).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        Expiry::NoticeLedger restarted(file);
        QCOMPARE(restarted.takeNew({tls, user}, now).size(), 0);
        // Renewed: the same certificate with a new end date is a new notice.
        Expiry::Item renewed = tls;
        renewed.expires = tls.expires.addYears(1);
        QCOMPARE(restarted.takeNew({renewed}, renewed.expires.addDays(-10)).size(), 1);
        // Dates over a year past are forgotten, so the file does not grow for ever.
        Expiry::NoticeLedger later(file);
        QCOMPARE(later.takeNew({}, tls.expires.addDays(400)).size(), 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(!text.contains("ops-cli"));
        QVERIFY(text.contains("mqtt-gateway-tls")); // the renewed one, a year later
    }

    // A damaged ledger file is named and replaced; notices still come once.
    void damagedNoticeFileIsReplaced()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("notices.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"told\": [not json");
        f.close();
        Expiry::Item item;
        item.controlPlane = QStringLiteral("lab");
        item.name = QStringLiteral("router-site-ca");
        item.expires = QDateTime(QDate(2027, 1, 2), QTime(0, 0), QTimeZone::utc());
        Expiry::NoticeLedger ledger(file);
        QVERIFY(ledger.problem().contains(u"notices.json"));
        QCOMPARE(ledger.takeNew({item}).size(), 1);
        QVERIFY2(ledger.problem().isEmpty(), qPrintable(ledger.problem()));
        QCOMPARE(Expiry::NoticeLedger(file).takeNew({item}).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestExpiry)
#include "tst_expiry.moc"
