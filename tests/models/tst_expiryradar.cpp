// The expiry radar over two saved control planes: what each saved, soonest first, the window and
// the filter, the demo left out, and the calendar file (owner-only) read back by libical.
#include "core/profiles/profilestore.h"
#include "core/profiles/snapshotstore.h"
#include "models/expiryradar.h"
#include "signedinsession.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <libical/ical.h>

using namespace Pot;

class TestExpiryRadar : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QByteArray savedArray(const QString &fixture, QStringView key)
    {
        return QJsonDocument(QJsonDocument::fromJson(Test::fixture(fixture)).object().value(key).toArray()).toJson();
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void timelineOverEverySavedControlPlane()
    {
        Profiles::ProfileStore profiles(m_dir.filePath(QStringLiteral("profiles.yaml")));
        Profiles::SnapshotStore snapshots(m_dir.filePath(QStringLiteral("snapshots")));
        Profiles::Profile lab;
        lab.name = QStringLiteral("lab");
        lab.controllerUrl = QStringLiteral("https://lab.example.invalid:51121");
        Profiles::Profile edge = lab;
        edge.name = QStringLiteral("edge");
        edge.controllerUrl = QStringLiteral("https://edge.example.invalid:51121");
        const Result<Profiles::Profile> labAdded = profiles.add(lab);
        const Result<Profiles::Profile> edgeAdded = profiles.add(edge);
        QVERIFY_RESULT(labAdded);
        QVERIFY_RESULT(edgeAdded);
        // lab saved its certificates and NATS users; edge only the soon-expiring certificates.
        QVERIFY_RESULT(snapshots.save(labAdded->id, QStringLiteral("certificates"),
                                      savedArray(QStringLiteral("GET_certificates.json"), u"certificates")));
        QVERIFY_RESULT(snapshots.save(labAdded->id, QStringLiteral("natsUsers"),
                                      savedArray(QStringLiteral("GET_nats_users.json"), u"users")));
        QVERIFY_RESULT(snapshots.save(edgeAdded->id, QStringLiteral("certificates"),
                                      savedArray(QStringLiteral("GET_certificates_expiring__days-400.json"), u"certificates")));

        Models::ExpiryRadar radar(&profiles, &snapshots);
        QAbstractItemModelTester tester(&radar);
        radar.setNow(QDateTime(QDate(2026, 12, 5), QTime(12, 0), QTimeZone::utc()));
        radar.refresh();
        const int certificates = int(QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_certificates.json")))
                                         .object().value(u"certificates").toArray().size());
        // Two users have a requested expiry; one is a bearer user, whose JWT (a bearer token) is
        // never saved in a snapshot, so only the other one is on the radar.
        QCOMPARE(radar.total(), certificates + 1 + 2);
        QVERIFY(radar.sources().contains(u"lab") && radar.sources().contains(u"edge"));

        // 90 days from 2026-12-05: lab's NATS user ops-cli (2026-12-22 23:21 UTC, requested only),
        // then edge's mqtt-gateway-tls (2026-12-23 09:55 UTC).
        QCOMPARE(radar.days(), 90);
        QVERIFY(radar.rowCount() >= 2);
        QCOMPARE(radar.index(0, 0).data(Models::ExpiryRadar::NameRole).toString(), QStringLiteral("foo-producer / ops-cli"));
        QCOMPARE(radar.index(0, 0).data(Models::ExpiryRadar::KindRole).toString(), QStringLiteral("NATS user"));
        const QModelIndex mqtt = radar.index(1, 0);
        QCOMPARE(mqtt.data(Models::ExpiryRadar::NameRole).toString(), QStringLiteral("mqtt-gateway-tls"));
        QCOMPARE(mqtt.data(Models::ExpiryRadar::ControlPlaneRole).toString(), QStringLiteral("edge"));
        QCOMPARE(mqtt.data(Models::ExpiryRadar::DaysLeftRole).toInt(), 18);
        QCOMPARE(mqtt.data(Models::ExpiryRadar::LeftRole).toString(), QStringLiteral("18 d"));
        QVERIFY(mqtt.data(Models::ExpiryRadar::DueRole).toBool());
        for (int r = 1; r < radar.rowCount(); ++r)
            QVERIFY(radar.index(r - 1, 0).data(Models::ExpiryRadar::DateRole).toString()
                    <= radar.index(r, 0).data(Models::ExpiryRadar::DateRole).toString());

        // Any time: the NATS users' requested expiries too, said not to be enforced.
        radar.setDays(36500);
        radar.setFilterText(QStringLiteral("ops-cli"));
        QCOMPARE(radar.rowCount(), 1);
        QVERIFY(radar.index(0, 0).data(Models::ExpiryRadar::NoteRole).toString().contains(u"not enforced"));
        radar.setFilterText({});
        QCOMPARE(radar.rowCount(), radar.total());

        // The calendar: one event per shown date, owner-only, read back by libical.
        const QString ics = m_dir.filePath(QStringLiteral("dates.ics"));
        QVERIFY(radar.exportCalendar(QUrl::fromLocalFile(ics)));
        QVERIFY(radar.status().contains(u"dates.ics"));
        QCOMPARE(QFileInfo(ics).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QFile f(ics);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        std::unique_ptr<icalcomponent, void (*)(icalcomponent *)> parsed(icalparser_parse_string(text.constData()),
                                                                          icalcomponent_free);
        QVERIFY(parsed);
        QCOMPARE(icalcomponent_count_components(parsed.get(), ICAL_VEVENT_COMPONENT), radar.total());
    }

    // A signed-in control plane is read live (GET /certificates and /nats/users), saved as its
    // snapshots, and said to be read now; a Controller error is named and the last saved lists
    // stay on the radar.
    void signedInControlPlanesAreReadLive()
    {
        Test::SignedInSession s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QTemporaryDir dir;
        Profiles::ProfileStore profiles(dir.filePath(QStringLiteral("profiles.yaml")));
        QVERIFY_RESULT(profiles.add(s.session->profile()));
        const int certificatesBefore = s.controller.hits("GET", QStringLiteral("/api/v3/certificates"));

        Models::ExpiryRadar radar(&profiles, s.snapshots.get());
        radar.setSessions([&] { return QList<Session::ControlPlaneSession *>{s.session.get()}; });
        QSignalSpy refreshed(&radar, &Models::ExpiryRadar::refreshed);
        radar.setDays(36500);
        radar.refresh();
        QVERIFY(radar.reading());
        QVERIFY(refreshed.wait(Test::SignedInSession::Wait));
        QVERIFY(!radar.reading());
        QCOMPARE(s.controller.hits("GET", QStringLiteral("/api/v3/certificates")), certificatesBefore + 1);
        QVERIFY2(radar.sources().startsWith(u"Read now from stand-in."), qPrintable(radar.sources()));
        const int certificates = int(QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_certificates.json")))
                                         .object().value(u"certificates").toArray().size());
        QVERIFY2(radar.total() >= certificates, qPrintable(QString::number(radar.total())));
        const int total = radar.total();
        // Both users with an expiry are on the radar, the bearer one too (its date from the live
        // answer), yet its JWT is in no snapshot.
        int natsUsers = 0;
        for (int r = 0; r < radar.rowCount(); ++r)
            natsUsers += radar.index(r, 0).data(Models::ExpiryRadar::KindRole).toString() == u"NATS user" ? 1 : 0;
        QCOMPARE(natsUsers, 2);
        const Result<Profiles::Snapshot> users = s.snapshots->load(s.session->profile().id, QStringLiteral("natsUsers"));
        QVERIFY_RESULT(users);
        int bearers = 0;
        const QJsonDocument saved = QJsonDocument::fromJson(users->body);
        const QJsonArray savedUsers = saved.isArray() ? saved.array() : saved.object().value(u"users").toArray();
        for (const QJsonValue &u : savedUsers) {
            if (u.toObject().value(u"isBearer").toBool()) {
                ++bearers;
                QVERIFY2(!u.toObject().contains(u"jwt"), qPrintable(u.toObject().value(u"name").toString()));
            }
        }
        QVERIFY(bearers >= 1);
        // Saved as the control plane's snapshot, as its Certificates page would have.
        QVERIFY_RESULT(s.snapshots->load(s.session->profile().id, QStringLiteral("certificates")));
        QVERIFY(!radar.dueWithin(Models::ExpiryRadar::NoticeDays).isEmpty()); // mqtt-gateway-tls, 2026-12-23

        s.controller.setFault(QStringLiteral("/api/v3/certificates"), Test::StandInController::Fault::Html);
        radar.refresh();
        QVERIFY(refreshed.wait(Test::SignedInSession::Wait));
        QVERIFY2(radar.sources().contains(u"Not read: stand-in:"), qPrintable(radar.sources()));
        QCOMPARE(radar.total(), total);
    }
};

QTEST_GUILESS_MAIN(TestExpiryRadar)
#include "tst_expiryradar.moc"
