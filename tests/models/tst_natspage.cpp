#include "core/nats/jwt.h"
#include "core/profiles/memorysecretstore.h"
#include "core/profiles/snapshotstore.h"
#include "core/resources/kinds/natsdetails.h"
#include "core/resources/registry.h"
#include "models/clusterview.h"
#include "core/session/controlplanesession.h"
#include "models/natsdecoder.h"
#include "models/natspage.h"
#include "models/resourcepage.h"
#include "natsworld.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Pot;
using namespace Pot::Models;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;
using Pot::Test::StandInController;

namespace {

const QString ApiRoot = QStringLiteral("/api/v3");
constexpr int Wait = 15000;

const DetailRow *findRow(const DetailsModel *m, const QString &group, const QString &label)
{
    for (const DetailRow &r : m->rows()) {
        if ((group.isEmpty() || r.group == group) && r.label == label)
            return &r;
    }
    return nullptr;
}

} // namespace

/// The NATS page view model against the stand-in Controller replaying the 3.7.3 captures.
class TstNatsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StandInController m_controller;
    QNetworkAccessManager m_network;
    Profiles::MemorySecretStore m_secrets;
    Resources::Registry m_kinds;
    std::unique_ptr<Profiles::SnapshotStore> m_snapshots;
    std::unique_ptr<Session::ControlPlaneSession> m_session;
    std::unique_ptr<ClusterView> m_cluster; ///< destroyed before the session
    QList<HttpRequest> m_posted;
    int m_rotations = 0;

    ClusterView *cluster() const { return m_cluster.get(); }
    NatsPage *nats() const { return cluster()->nats(); }
    ResourcePage *page(const char16_t *kind) const { return cluster()->resourcePage(QString::fromUtf16(kind)); }

private Q_SLOTS:
    void initTestCase()
    {
        Test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_controller.listen());
        m_controller.setHandler("POST", ApiRoot + u"/nats/accounts/foo-producer/users",
                                [this](const HttpRequest &r) {
                                    m_posted << r;
                                    return HttpResponse::fixture(
                                        201, QStringLiteral("POST_nats_accounts_APP_users__foo-producer.json"));
                                });
        m_controller.setHandler("POST", ApiRoot + u"/nats/operator/rotate", [this](const HttpRequest &) {
            ++m_rotations;
            return HttpResponse::fixture(200, QStringLiteral("POST_nats_operator_rotate.json"));
        });
        m_controller.protectedFixture(
            "GET", ApiRoot + u"/nats/accounts/foo-producer/users/ops-cli/creds", 200,
            QStringLiteral("GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli.json"));

        m_snapshots = std::make_unique<Profiles::SnapshotStore>(m_dir.filePath(QStringLiteral("snapshots")));
        Profiles::Profile profile;
        profile.id = QUuid::createUuid();
        profile.name = QStringLiteral("stand-in");
        profile.controllerUrl = m_controller.address();
        profile.email = QStringLiteral("admin@example.com");
        Session::ControlPlaneSession::Services services;
        services.secrets = &m_secrets;
        services.requestTimeoutMs = 5000;
        m_session = std::make_unique<Session::ControlPlaneSession>(profile, services);
        ClusterView::Services clusterServices;
        clusterServices.snapshots = m_snapshots.get();
        clusterServices.copy = [](const QString &, bool) {};
        clusterServices.kinds = &m_kinds; // as the console has them (NATS reads the applications)
        m_cluster = std::make_unique<ClusterView>(m_session.get(), clusterServices);
        m_session->connectToController();
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), ConnectionState::SignInRequired, Wait);
        m_session->signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass"), {}, false);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), ConnectionState::SignedIn, Wait);
        QVERIFY(cluster());
        QTRY_VERIFY_WITH_TIMEOUT(cluster()->natsAvailable(), Wait);
    }

    void listsLoadFromTheController()
    {
        NatsPage *n = nats();
        for (ResourceList *l : {n->accounts(), n->users(), n->accountRules(), n->userRules()}) {
            QAbstractItemModelTester tester(l->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            QTRY_VERIFY_WITH_TIMEOUT(l->loaded(), Wait);
            QVERIFY2(l->error().isEmpty(), qPrintable(l->error()));
            l->refresh();
            QTRY_VERIFY_WITH_TIMEOUT(!l->loading(), Wait);
        }
        QCOMPARE(n->accounts()->count(), 5);
        QVERIFY(n->accounts()->rowOfKey(QStringLiteral("SYS")) >= 0);
        QVERIFY(n->accounts()->rowOfKey(QStringLiteral("foo-producer")) >= 0);
        QCOMPARE(n->users()->count(), 8);
        QCOMPARE(n->applicationNames(),
                 (QStringList{QStringLiteral("foo-producer"), QStringLiteral("foo-consumer"),
                              QStringLiteral("plain-app")}));
        QVERIFY(n->userRuleNames().contains(QStringLiteral("sensor-publisher")));

        // System rules are marked; sensor-publisher's resp.ttl 5000 is flagged as milliseconds.
        const auto *userRules = n->userRules()->table();
        const int sys = userRules->indexOfKey(QStringLiteral("default-user"));
        QCOMPARE(userRules->rowAt(sys).cell(1), QStringLiteral("built-in"));
        const int sensor = userRules->indexOfKey(QStringLiteral("sensor-publisher"));
        QCOMPARE(userRules->rowAt(sensor).cell(1), QStringLiteral("custom"));
        QVERIFY(userRules->rowAt(sensor).cell(4).contains(QStringLiteral("ttl")));
        const int dash = userRules->indexOfKey(QStringLiteral("dashboard-reader"));
        QVERIFY(userRules->rowAt(dash).cell(4).contains(QStringLiteral("null")));
    }

    void operatorAndHubDocuments()
    {
        NatsPage *n = nats();
        n->refreshDocuments();
        QTRY_COMPARE_WITH_TIMEOUT(n->operatorName(), QStringLiteral("pot-operator"), Wait);
        QTRY_COMPARE_WITH_TIMEOUT(n->hubUrl(), QStringLiteral("nats://10.20.0.2:4222"), Wait);
        const DetailsModel *d = n->operatorDetailsModel();
        QTRY_VERIFY_WITH_TIMEOUT(findRow(d, QStringLiteral("Hub"), QStringLiteral("MQTT port")), Wait);
        QCOMPARE(findRow(d, QStringLiteral("Hub"), QStringLiteral("MQTT port"))->value, QStringLiteral("8883"));
        QCOMPARE(findRow(d, QStringLiteral("Operator"), QStringLiteral("Public key"))->value,
                 QStringLiteral("OCEG6ZXQDNR53MBSARISIDH72VJAMBG4TR6UBMRULI2UKLHUOMBOI677"));
    }

    void accountDetailsShowRuleUsersAndClaims()
    {
        NatsPage *n = nats();
        // The NATS page uses the cluster's resource pages of the NATS kinds.
        QCOMPARE(n->accountsPage(), page(u"natsAccounts"));
        QCOMPARE(n->usersPage(), page(u"natsUsers"));
        n->accounts()->setSelectedKey(QStringLiteral("foo-producer"));
        const DetailsModel *d = n->accountContextModel();
        // The rule comes from the application's natsConfig (GET /application), not the description.
        QTRY_COMPARE_WITH_TIMEOUT(findRow(d, {}, QStringLiteral("Account rule"))
                                      ? findRow(d, {}, QStringLiteral("Account rule"))->value
                                      : QString(),
                                  QStringLiteral("foo-exporter"), Wait);
        QVERIFY(findRow(d, QStringLiteral("Users"), QStringLiteral("ops-cli")));
        QVERIFY(findRow(d, QStringLiteral("Users"), QStringLiteral("temp-sensor")));
        QVERIFY(findRow(d, QStringLiteral("Users"), QStringLiteral("ops-cli"))
                    ->value.contains(QStringLiteral("not enforced")));
        QVERIFY(!findRow(d, QStringLiteral("Users"), QStringLiteral("dashboard"))); // foo-consumer's
        QCOMPARE(n->selectedAccountApp(), QStringLiteral("foo-producer"));
        // The account's own fields and the claims of its JWT are the kind's details.
        const DetailsModel *own = page(u"natsAccounts")->details();
        QCOMPARE(findRow(own, QStringLiteral("Account"), QStringLiteral("Kind"))->value,
                 QStringLiteral("application account"));
        QVERIFY(findRow(own, QStringLiteral("Token"), QStringLiteral("Encoded JWT")));

        n->accounts()->setSelectedKey(QStringLiteral("SYS"));
        QTRY_COMPARE_WITH_TIMEOUT(findRow(d, {}, QStringLiteral("Account rule"))->value,
                                  QStringLiteral("default-system-account"), Wait);
        QVERIFY(findRow(d, QStringLiteral("Users"), QStringLiteral("admin-hub")));
        QCOMPARE(n->selectedAccountApp(), QString());
    }

    void accountRuleFoundByDescriptionWithoutApplications()
    {
        // foo-consumer's JWT carries foo-importer's description.
        const Result<Api::NatsAccount> consumer =
            Api::NatsAccount::fromJson(nats()->accounts()->object(QStringLiteral("foo-consumer")));
        QVERIFY(consumer);
        QList<Api::NatsAccountRule> rules;
        for (const QJsonObject &o : nats()->accountRules()->objects())
            rules << Api::NatsAccountRule::fromJson(o).value();
        QString source;
        QCOMPARE(Resources::NatsDetails::findAccountRule(*consumer, {}, rules, &source),
                 QStringLiteral("foo-importer"));
        QVERIFY(source.contains(QStringLiteral("description")));
    }

    void userExpiryIsFlaggedNotEnforced()
    {
        NatsPage *n = nats();
        n->users()->setSelectedKey(QStringLiteral("foo-producer/ops-cli"));
        ResourcePage *users = page(u"natsUsers");
        const DetailsModel *d = users->details();
        QTRY_VERIFY_WITH_TIMEOUT(findRow(d, QStringLiteral("User"), QStringLiteral("Expiry")), Wait);
        const DetailRow *expiry = findRow(d, QStringLiteral("User"), QStringLiteral("Expiry"));
        QVERIFY(expiry->value.contains(QStringLiteral("requested expiry (not enforced)")));
        QVERIFY(expiry->warning);
        QCOMPARE(findRow(d, QStringLiteral("User"), QStringLiteral("Connection types"))->value,
                 QStringLiteral("STANDARD, WEBSOCKET"));
        QCOMPARE(n->selectedUserApp(), QStringLiteral("foo-producer"));
        QCOMPARE(users->deniedReason(QStringLiteral("delete")), QString());
        QCOMPARE(users->deniedReason(QStringLiteral("deleteBearer")),
                 QStringLiteral("Not an MQTT bearer user: use Delete user."));

        // A microservice's user cannot be deleted through the users route.
        n->users()->setSelectedKey(QStringLiteral("foo-producer/temp-sensor"));
        QTRY_COMPARE_WITH_TIMEOUT(users->deniedReason(QStringLiteral("delete")),
                                  QStringLiteral("This user belongs to a microservice; it goes away with "
                                                 "the microservice."),
                                  Wait);
        QCOMPARE(findRow(d, QStringLiteral("User"), QStringLiteral("Expiry"))->value, QStringLiteral("never"));
        // Creds of a system account user go through the account name.
        n->users()->setSelectedKey(QStringLiteral("SYS/admin-hub"));
        QTRY_COMPARE_WITH_TIMEOUT(n->selectedUserApp(), QStringLiteral("SYS"), Wait);
    }

    void ruleDetailsFlagNullLimitsAndTtl()
    {
        NatsPage *n = nats();
        n->userRules()->setSelectedKey(QStringLiteral("sensor-publisher"));
        const DetailsModel *u = page(u"natsUserRules")->details();
        QTRY_VERIFY_WITH_TIMEOUT(findRow(u, {}, QStringLiteral("Response TTL")), Wait);
        QVERIFY(findRow(u, {}, QStringLiteral("Response TTL"))->warning);
        QVERIFY(findRow(u, {}, QStringLiteral("Response TTL"))->hint.contains(QStringLiteral("5000000000")));
        QVERIFY(!findRow(u, {}, QStringLiteral("Data"))->warning);

        n->userRules()->setSelectedKey(QStringLiteral("dashboard-reader"));
        QTRY_VERIFY_WITH_TIMEOUT(findRow(u, {}, QStringLiteral("Data"))->warning, Wait);
        QCOMPARE(findRow(u, {}, QStringLiteral("Data"))->value, QStringLiteral("not set (null)"));
        QVERIFY(findRow(u, {}, QStringLiteral("Allowed times"))->value.contains(QStringLiteral("Europe/Istanbul")));

        n->accountRules()->setSelectedKey(QStringLiteral("foo-exporter"));
        const DetailsModel *a = page(u"natsAccountRules")->details();
        QTRY_VERIFY_WITH_TIMEOUT(findRow(a, {}, QStringLiteral("Max ack pending")), Wait);
        QVERIFY(findRow(a, {}, QStringLiteral("Max ack pending"))->warning);
        QVERIFY(!findRow(a, {}, QStringLiteral("Streams"))->warning);
        QVERIFY(findRow(a, QStringLiteral("Exports"), QStringLiteral("foo-rpc")));

        // Built-in system rule: no JetStream group in the JWT, nothing flagged.
        n->accountRules()->setSelectedKey(QStringLiteral("default-system-account"));
        QTRY_VERIFY_WITH_TIMEOUT(findRow(a, {}, QStringLiteral("JetStream")), Wait);
        for (const DetailRow &r : a->rows())
            QVERIFY2(!r.warning, qPrintable(r.label));
    }

    void expiresInFormat_data()
    {
        QTest::addColumn<int>("amount");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("ok");
        QTest::newRow("720 hours") << 720 << QStringLiteral("h") << QStringLiteral("720h") << true;
        QTest::newRow("30 days") << 30 << QStringLiteral("d") << QStringLiteral("30d") << true;
        QTest::newRow("2 months") << 2 << QStringLiteral("m") << QStringLiteral("2m") << true;
        QTest::newRow("3 years in months") << 36 << QStringLiteral("m") << QStringLiteral("36m") << true;
        QTest::newRow("no expiry") << 0 << QStringLiteral("d") << QString() << true;
        QTest::newRow("over 3 years") << 37 << QStringLiteral("m") << QString() << false;
        QTest::newRow("too many hours") << 30000 << QStringLiteral("h") << QString() << false;
        QTest::newRow("minutes are not a unit") << 5 << QStringLiteral("min") << QString() << false;
        QTest::newRow("negative") << -1 << QStringLiteral("h") << QString() << false;
    }

    void expiresInFormat()
    {
        QFETCH(int, amount);
        QFETCH(QString, unit);
        QFETCH(QString, expected);
        QFETCH(bool, ok);
        QString error;
        QCOMPARE(NatsPage::expiresIn(amount, unit, &error), expected);
        QCOMPARE(error.isEmpty(), ok);
    }

    void createUserSendsTheControllersBody()
    {
        NatsPage *n = nats();
        QSignalSpy created(n, &NatsPage::userCreated);
        n->createUser(QStringLiteral("foo-producer"), QStringLiteral("ops-cli"), 720, QStringLiteral("h"),
                      QStringLiteral("sensor-publisher"), false);
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, Wait);
        QVERIFY(created.at(0).at(0).toBool());
        QCOMPARE(created.at(0).at(1).toString(), QStringLiteral("foo-producer/ops-cli"));
        QCOMPARE(m_posted.size(), 1);
        const QJsonObject expected =
            QJsonDocument::fromJson(Test::fixture(QStringLiteral("POST_nats_accounts_APP_users__foo-producer.request.json")))
                .object();
        QCOMPARE(m_posted.at(0).jsonBody(), expected);

        // Bad input never reaches the Controller.
        n->createUser(QStringLiteral("foo-producer"), QStringLiteral("bad name"), 1, QStringLiteral("h"), {}, false);
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 2, Wait);
        QVERIFY(!created.at(1).at(0).toBool());
        QCOMPARE(m_posted.size(), 1);
    }

    void rotateCallsTheController()
    {
        NatsPage *n = nats();
        QVERIFY(n->rotateWarning().contains(QStringLiteral("reload")));
        QSignalSpy done(cluster(), &ClusterView::actionFinished);
        n->rotateOperator();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, Wait);
        QVERIFY(done.at(0).at(0).toBool());
        QCOMPARE(m_rotations, 1);
    }

    void credsAreParsedHiddenAndSavedOwnerOnly()
    {
        NatsPage *n = nats();
        NatsDecoder *c = n->creds();
        n->fetchCreds(QStringLiteral("foo-producer"), QStringLiteral("ops-cli"));
        QTRY_VERIFY_WITH_TIMEOUT(c->loaded(), Wait);
        QVERIFY2(c->error().isEmpty(), qPrintable(c->error()));
        QCOMPARE(c->suggestedFileName(), QStringLiteral("foo-producer-ops-cli.creds"));
        const QString seed = QStringLiteral("SUABROLMDUZJQV45GF6DBUHRVU6EHT3YWQQN7MHMIPBCUGVBND7U5JVXOA");
        const DetailRow *seedRow = findRow(c->detailsModel(), {}, QStringLiteral("Seed"));
        QVERIFY(seedRow && seedRow->sensitive);
        QCOMPARE(seedRow->value, QString()); // hidden: not even in the model
        QCOMPARE(findRow(c->detailsModel(), {}, QStringLiteral("Public key"))->value,
                 QStringLiteral("UD3XZZNCEZKCHHOBE5LQKFICPXID7AVWVZ5KXE5F67K5GDRWMNGCNQLF"));
        QVERIFY(findRow(c->detailsModel(), {}, QStringLiteral("Expiry"))->warning);
        c->setRevealed(true);
        QCOMPARE(findRow(c->detailsModel(), {}, QStringLiteral("Seed"))->value, seed);
        c->setRevealed(false);
        QCOMPARE(findRow(c->detailsModel(), {}, QStringLiteral("Seed"))->value, QString());

        const QString path = m_dir.filePath(QStringLiteral("ops-cli.creds"));
        QVERIFY(c->save(QUrl::fromLocalFile(path)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray expected = QByteArray::fromBase64(
            QJsonDocument::fromJson(Test::fixture(QStringLiteral(
                                        "GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli.json")))
                .object()
                .value(u"credsBase64")
                .toString()
                .toLatin1());
        QCOMPARE(f.readAll(), expected);
        QCOMPARE(f.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());

        const QString ctx = m_dir.filePath(QStringLiteral("ctx.json"));
        QVERIFY(c->saveContext(QUrl::fromLocalFile(ctx), n->hubUrl()));
        QFile cf(ctx);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        const QJsonObject context = QJsonDocument::fromJson(cf.readAll()).object();
        QCOMPARE(context.value(u"creds").toString(), path);
        QCOMPARE(context.value(u"url").toString(), QStringLiteral("nats://10.20.0.2:4222"));

        // Nothing of the creds reached the snapshot folder.
        QDirIterator it(m_snapshots->root(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile s(it.next());
            QVERIFY(s.open(QIODevice::ReadOnly));
            const QByteArray body = s.readAll();
            ++files;
            QVERIFY2(!body.contains(seed.toLatin1()), qPrintable(s.fileName()));
            QVERIFY2(!body.contains("credsBase64"), qPrintable(s.fileName()));
            QVERIFY2(!body.contains("NKEY SEED"), qPrintable(s.fileName()));
        }
        QVERIFY(files >= 4); // the lists were saved, so the check looked at something

        c->clear();
        QVERIFY(!c->loaded());
        QCOMPARE(c->detailsModel()->rowCount(), 0);
    }

    void credsErrorsAreShown()
    {
        NatsDecoder *c = nats()->creds();
        nats()->fetchCreds(QStringLiteral("foo-producer"), QStringLiteral("no-such-user"));
        QTRY_VERIFY_WITH_TIMEOUT(!c->error().isEmpty(), Wait);
        QVERIFY(!c->loaded());
        c->setBase64(QStringLiteral("a"), QStringLiteral("b"), QByteArrayLiteral("not base64!"));
        QVERIFY(!c->error().isEmpty());
        c->setBase64(QStringLiteral("a"), QStringLiteral("b"), QByteArrayLiteral("aGVsbG8="));
        QVERIFY(c->error().contains(QStringLiteral("cannot be used")));
        QVERIFY(!c->loaded());
    }

    void namesAreSentAsOneEncodedSegment_data()
    {
        QTest::addColumn<bool>("bearer");
        QTest::addColumn<QByteArray>("rawPath");
        QTest::newRow("user") << false << QByteArray("/api/v3/nats/accounts/my%20app%2Fv2/users/ops%20cli%3F");
        QTest::newRow("mqtt bearer") << true
                                     << QByteArray("/api/v3/nats/accounts/my%20app%2Fv2/mqtt-bearer/ops%20cli%3F");
    }

    void namesAreSentAsOneEncodedSegment()
    {
        QFETCH(bool, bearer);
        QFETCH(QByteArray, rawPath);
        // Names with a space, a slash and a '?': each must stay one segment of the route.
        const QString app = QStringLiteral("my app/v2");
        const QString user = QStringLiteral("ops cli?");
        QList<HttpRequest> seen;
        // Routes are keyed by the decoded path; rawPath shows what went over the wire.
        m_controller.setHandler("DELETE", QUrl::fromPercentEncoding(rawPath), [&seen](const HttpRequest &r) {
            seen << r;
            return HttpResponse::empty(204);
        });
        // The user is listed by the Controller; the kind's delete action builds the route from it.
        QJsonObject listed = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_users.json"))).object();
        QJsonArray all = listed.value(u"users").toArray();
        all.append(QJsonObject{{QStringLiteral("name"), user},
                               {QStringLiteral("accountName"), app},
                               {QStringLiteral("applicationName"), app},
                               {QStringLiteral("isBearer"), bearer},
                               {QStringLiteral("microserviceUuid"), QJsonValue()}});
        listed.insert(QStringLiteral("users"), all);
        m_controller.setHandler("GET", ApiRoot + u"/nats/users",
                                [listed](const HttpRequest &) { return HttpResponse::json(200, listed); });
        ResourcePage *users = page(u"natsUsers");
        users->refresh();
        const QString key = app + u'/' + user;
        QTRY_VERIFY_WITH_TIMEOUT(users->list()->object(key).value(u"isBearer").toBool() == bearer
                                     && users->list()->object(key).contains(u"isBearer"),
                                 Wait);
        users->list()->setSelectedKey(key);
        const QString action = bearer ? QStringLiteral("deleteBearer") : QStringLiteral("delete");
        QCOMPARE(users->deniedReason(action), QString());
        QVERIFY(users->question(action).startsWith(u"Delete ops cli? from the account of my app/v2?"));
        QSignalSpy done(cluster(), &ClusterView::actionFinished);
        QVERIFY(users->run(action, key));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, Wait);
        QCOMPARE(done.at(0).at(1).toString(),
                 QStringLiteral("User ops cli? deleted from my app/v2; its key is revoked in the account JWT."));
        m_controller.protectedFixture("GET", ApiRoot + u"/nats/users", 200, QStringLiteral("GET_nats_users.json"));
        QVERIFY(done.at(0).at(0).toBool());
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.at(0).rawPath, rawPath);
        QCOMPARE(seen.at(0).rawPath.split('/').size(), 8);
    }

    /// The decoder shows core's verdict: a Controller account rule without limits (null limits)
    /// with an import is refused by nats-server ("account validation failed"), and so is its user.
    void decoderShowsNatsServerVerdict()
    {
        using namespace Pot::Nats;
        const KeyPair op = KeyPair::generate(KeyKind::Operator).value();
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        const KeyPair usr = KeyPair::generate(KeyKind::User).value();
        const QByteArray opJwt = Jwt::encode(Claims::newOperator(u"pot-operator"_qs, op.publicKeyString()), op).value();
        const QJsonArray imports = Test::controllerFooImport();
        const QByteArray nullLimits = Jwt::signPayload(
            Test::controllerAccountPayload(u"app"_qs, acc.publicKeyString(), op.publicKeyString(), {}, imports), op);
        const QByteArray userJwt = Jwt::signPayload(
            Test::controllerUserPayload(u"u"_qs, usr.publicKeyString(), acc.publicKeyString()), acc);

        Models::NatsDecoder decoder([](const QString &, bool) {});
        decoder.setTrustAnchors(opJwt, {nullLimits});
        decoder.decodeText(QString::fromLatin1(userJwt));
        QCOMPARE(decoder.signature(), u"valid"_qs);
        QVERIFY(!decoder.trusted());
        QVERIFY2(decoder.trustText().startsWith(u"not trusted"), qPrintable(decoder.trustText()));
        QVERIFY2(decoder.trustText().contains(u"more imports than allowed"), qPrintable(decoder.trustText()));

        decoder.decodeText(QString::fromLatin1(nullLimits));
        QVERIFY(!decoder.trusted());
        QVERIFY2(decoder.problems().join(u'\n').contains(u"nats-server's validation refuses the account JWT"),
                 qPrintable(decoder.problems().join(u'\n')));

        const QJsonObject unlimited = Test::controllerUnlimitedLimits();
        decoder.setTrustAnchors(opJwt, {Jwt::signPayload(Test::controllerAccountPayload(
                                                             u"app"_qs, acc.publicKeyString(), op.publicKeyString(),
                                                             unlimited, imports),
                                                         op)});
        decoder.decodeText(QString::fromLatin1(userJwt));
        QVERIFY2(decoder.trusted(), qPrintable(decoder.trustText()));
    }
};

QTEST_MAIN(TstNatsPage)
#include "tst_natspage.moc"
