#include "core/jsonelements.h"
#include "core/profiles/snapshotstore.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

#include <memory>
#include <vector>

using namespace Pot;
using Pot::Profiles::SnapshotStore;

namespace {

int mode(const QString &path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QByteArray kSeed = QByteArrayLiteral("SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4");
const QByteArray kPem = QByteArrayLiteral("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n");
const QByteArray kCreds = QByteArrayLiteral("LS0tLS1CRUdJTiBOQVRTIFVTRVIgSldULS0tLS0K");

/// An answer with secrets at every depth, next to values that must stay.
QJsonObject answerWithSecrets()
{
    QJsonObject creds;
    creds.insert(u"jwt", QStringLiteral("eyJ0eXAi.public.part"));
    creds.insert(u"seed", QString::fromLatin1(kSeed));
    QJsonObject cert;
    cert.insert(u"certificate", QStringLiteral("public certificate text"));
    cert.insert(u"privateKey", QString::fromLatin1(kPem));
    QJsonObject user;
    user.insert(u"name", QStringLiteral("ops-cli"));
    user.insert(u"Seed", QString::fromLatin1(kSeed)); // any case
    user.insert(u"creds", creds);
    user.insert(u"data", cert);
    user.insert(u"history", QJsonArray{QJsonObject{{QStringLiteral("credsBase64"), QString::fromLatin1(kCreds)},
                                                   {QStringLiteral("at"), 17}},
                                       QJsonArray{QJsonObject{{QStringLiteral("PRIVATE_KEY"), QStringLiteral("x")},
                                                              {QStringLiteral("kept"), true}}}});
    QJsonObject o;
    o.insert(u"users", QJsonArray{user});
    o.insert(u"accessToken", QStringLiteral("eyJhbGciOiJSUzI1NiJ9.secret"));
    o.insert(u"refresh_token", QStringLiteral("refresh-secret"));
    o.insert(u"password", QStringLiteral("hunter2"));
    o.insert(u"caKey", QStringLiteral("ca-secret"));
    o.insert(u"tls.key", QStringLiteral("tls-secret"));
    o.insert(u"count", 1);
    return o;
}

} // namespace

class TstSnapshotStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SnapshotStore> m_store;
    QUuid m_profile;

    QString root() const { return m_dir->filePath(QStringLiteral("snapshots")); }
    QString fileOf(const QString &name) const
    {
        return root() + u'/' + m_profile.toString(QUuid::WithoutBraces) + u'/' + name
               + QStringLiteral(".json");
    }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<SnapshotStore>(root());
        m_profile = QUuid::createUuid();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void roundTrip()
    {
        const QByteArray fogs = Test::fixture(QStringLiteral("GET_iofog-list.json"));
        const QDateTime at = QDateTime::fromString(QStringLiteral("2026-11-23T09:15:02.345Z"),
                                                   Qt::ISODateWithMs);
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("agents"), fogs, at));
        Result<Profiles::Snapshot> s = m_store->load(m_profile, QStringLiteral("agents"));
        QVERIFY_RESULT(s);
        QCOMPARE(QJsonDocument::fromJson(s->body), QJsonDocument::fromJson(fogs));
        QCOMPARE(s->savedAt, at);
        QCOMPARE(s->savedAt.timeSpec(), Qt::UTC);

        // A bare array through the parsed overload; a second save replaces the first.
        const QJsonArray list{QJsonObject{{QStringLiteral("name"), QStringLiteral("a")}}};
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("agents"), QJsonValue(list), at.addSecs(60)));
        s = m_store->load(m_profile, QStringLiteral("agents"));
        QVERIFY_RESULT(s);
        QCOMPARE(QJsonDocument::fromJson(s->body).array(), list);
        QCOMPARE(s->savedAt, at.addSecs(60));
        // Nothing else (temporary files) is left beside it.
        QCOMPARE(QDir(QFileInfo(fileOf(QStringLiteral("agents"))).absolutePath()).entryList(QDir::Files),
                 QStringList{QStringLiteral("agents.json")});
    }

    void ownerOnly()
    {
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("natsUsers"),
                                     Test::fixture(QStringLiteral("GET_nats_users.json"))));
        QCOMPARE(mode(fileOf(QStringLiteral("natsUsers"))), 0600);
        QCOMPARE(mode(QFileInfo(fileOf(QStringLiteral("natsUsers"))).absolutePath()), 0700);
        QCOMPARE(mode(root()), 0700);
    }

    void missingAndDamaged_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("garbage") << QByteArrayLiteral("\x01\x02 not json");
        QTest::newRow("truncated") << QByteArrayLiteral("{\"savedAt\":\"2026-11-23T09:15:02.345Z\",\"body\":{\"fo");
        QTest::newRow("no time") << QByteArrayLiteral("{\"body\":{\"fogs\":[]}}");
        QTest::newRow("bad time") << QByteArrayLiteral("{\"savedAt\":\"yesterday\",\"body\":{\"fogs\":[]}}");
        QTest::newRow("body not json object")
            << QByteArrayLiteral("{\"savedAt\":\"2026-11-23T09:15:02.345Z\",\"body\":\"fogs\"}");
        QTest::newRow("bare array") << QByteArrayLiteral("[1,2,3]");
        QTest::newRow("empty") << QByteArray();
    }

    void missingAndDamaged()
    {
        QFETCH(QByteArray, content);
        Result<Profiles::Snapshot> none = m_store->load(m_profile, QStringLiteral("agents"));
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NotFound);

        QVERIFY(QDir().mkpath(QFileInfo(fileOf(QStringLiteral("agents"))).absolutePath()));
        QFile f(fileOf(QStringLiteral("agents")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("damaged snapshot")));
        Result<Profiles::Snapshot> s = m_store->load(m_profile, QStringLiteral("agents"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QCOMPARE(s.error().message, QStringLiteral("The saved snapshot is damaged."));
        // Saving again repairs it.
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("agents"), QByteArrayLiteral("{\"fogs\":[]}")));
        QVERIFY_RESULT(m_store->load(m_profile, QStringLiteral("agents")));
    }

    void filesEndingAtAPageBoundaryAreReadWhole_data()
    {
        // The file is mapped and its body read in place; the JSON reader reads up to 64 bytes past
        // the end, so a body ending right at (or near) a page end must be read without overrun.
        QTest::addColumn<int>("fileSize");
        for (const int size : {4096, 4095, 4097, 4096 - 40, 8192, 8192 - 63, 8192 - 64, 8192 - 65})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }

    void filesEndingAtAPageBoundaryAreReadWhole()
    {
        QFETCH(int, fileSize);
        const QByteArray head = "{\"savedAt\":\"2026-11-23T09:15:02.345Z\",\"body\":{\"fogs\":[{\"name\":\"";
        const QByteArray tail = "\"}]}}";
        const QByteArray name(fileSize - head.size() - tail.size(), 'n');
        const QByteArray content = head + name + tail;
        QCOMPARE(content.size(), fileSize);
        QVERIFY(QDir().mkpath(QFileInfo(fileOf(QStringLiteral("agents"))).absolutePath()));
        QFile f(fileOf(QStringLiteral("agents")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        Result<Profiles::Snapshot> s = m_store->load(m_profile, QStringLiteral("agents"));
        QVERIFY_RESULT(s);
        QCOMPARE(s->body, "{\"fogs\":[{\"name\":\"" + name + "\"}]}");
        // What a list does with it: its elements, read in place when there is room to.
        const std::optional<QList<QByteArrayView>> elements =
            s->spare < 0 ? jsonArrayElements(s->body, QStringLiteral("fogs"))
                         : jsonArrayElements(QByteArrayView(s->body), s->spare, QStringLiteral("fogs"));
        QVERIFY(elements);
        QCOMPARE(elements->size(), 1);
        QCOMPARE(elements->constFirst().toByteArray(), "{\"name\":\"" + name + "\"}");
    }

    void notJsonIsNotSaved()
    {
        const Status s = m_store->save(m_profile, QStringLiteral("agents"), QByteArrayLiteral("<html>"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QVERIFY(!QFile::exists(fileOf(QStringLiteral("agents"))));
    }

    void listsAreSavedElementByElement()
    {
        // The list's array only, in order, with the same secrets removed as from a whole answer.
        const QJsonObject in = answerWithSecrets();
        const QByteArray body = QJsonDocument(in).toJson(QJsonDocument::Compact);
        const QDateTime at = QDateTime::fromString(QStringLiteral("2026-11-23T09:15:02.345Z"), Qt::ISODateWithMs);
        QVERIFY_RESULT(m_store->saveList(m_profile, QStringLiteral("natsUsers"), body, QStringLiteral("users"), at));
        const QByteArray onDisk = readFile(fileOf(QStringLiteral("natsUsers")));
        for (const QByteArray &secret : {kSeed, QByteArrayLiteral("-----BEGIN"), kCreds, QByteArrayLiteral("hunter2")})
            QVERIFY2(!onDisk.contains(secret), secret.constData());
        QCOMPARE(mode(fileOf(QStringLiteral("natsUsers"))), 0600);
        Result<Profiles::Snapshot> s = m_store->load(m_profile, QStringLiteral("natsUsers"));
        QVERIFY_RESULT(s);
        QCOMPARE(s->savedAt, at);
        const QJsonObject expected{{QStringLiteral("users"),
                                    Profiles::withoutSecrets(in.value(u"users")).toArray()}};
        QCOMPARE(QJsonDocument::fromJson(s->body).object(), expected);

        // The captured fogs, and a bare array with scalars.
        const QByteArray fogs = Test::fixture(QStringLiteral("GET_iofog-list.json"));
        QVERIFY_RESULT(m_store->saveList(m_profile, QStringLiteral("agents"), fogs, QStringLiteral("fogs"), at));
        QCOMPARE(QJsonDocument::fromJson(m_store->load(m_profile, QStringLiteral("agents"))->body),
                 QJsonDocument::fromJson(fogs));
        QVERIFY_RESULT(m_store->saveList(m_profile, QStringLiteral("roles"),
                                         QByteArrayLiteral("[ 1, \"two\", {\"name\":\"r\",\"privateKey\":\"k\"} ]"), {}, at));
        QCOMPARE(QJsonDocument::fromJson(m_store->load(m_profile, QStringLiteral("roles"))->body).array(),
                 (QJsonArray{1, QStringLiteral("two"), QJsonObject{{QStringLiteral("name"), QStringLiteral("r")}}}));
    }

    void damagedListLeavesTheLastSnapshot()
    {
        const QByteArray fogs = Test::fixture(QStringLiteral("GET_iofog-list.json"));
        QVERIFY_RESULT(m_store->saveList(m_profile, QStringLiteral("agents"), fogs, QStringLiteral("fogs")));
        const QByteArray before = readFile(fileOf(QStringLiteral("agents")));
        const Status s = m_store->saveList(m_profile, QStringLiteral("agents"),
                                           QByteArrayLiteral("{\"fogs\":[{\"uuid\":\"a\"},{\"uuid\":}]}"),
                                           QStringLiteral("fogs"));
        QVERIFY(!s);
        QCOMPARE(s.error().message, QStringLiteral("Not JSON; no snapshot saved."));
        QCOMPARE(readFile(fileOf(QStringLiteral("agents"))), before);
        QCOMPARE(QDir(QFileInfo(fileOf(QStringLiteral("agents"))).absolutePath()).entryList(QDir::Files),
                 QStringList{QStringLiteral("agents.json")});
        // Not a list at all: saved whole, as save() would.
        QVERIFY_RESULT(m_store->saveList(m_profile, QStringLiteral("agents"), QByteArrayLiteral("{\"other\":1}"),
                                         QStringLiteral("fogs")));
        QCOMPARE(QJsonDocument::fromJson(m_store->load(m_profile, QStringLiteral("agents"))->body).object(),
                 (QJsonObject{{QStringLiteral("other"), 1}}));
    }

    void secretsAreRemoved()
    {
        const QJsonObject in = answerWithSecrets();
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("natsUsers"), QJsonValue(in)));
        const QByteArray onDisk = readFile(fileOf(QStringLiteral("natsUsers")));
        QVERIFY(!onDisk.isEmpty());
        for (const QByteArray &secret : {kSeed, QByteArrayLiteral("-----BEGIN"), kCreds,
                                         QByteArrayLiteral("secret"), QByteArrayLiteral("hunter2"),
                                         QByteArrayLiteral("credsBase64"), QByteArrayLiteral("PRIVATE_KEY")})
            QVERIFY2(!onDisk.contains(secret), secret.constData());

        const QJsonObject out = QJsonDocument::fromJson(m_store->load(m_profile, QStringLiteral("natsUsers"))->body).object();
        QCOMPARE(out.keys(), (QStringList{QStringLiteral("count"), QStringLiteral("users")}));
        const QJsonObject user = out.value(u"users")[0].toObject();
        QCOMPARE(user.value(u"name").toString(), QStringLiteral("ops-cli"));
        QVERIFY(!user.contains(u"Seed"));
        QVERIFY(!user.contains(u"creds")); // the whole creds object goes
        QCOMPARE(user.value(u"data").toObject().keys(), QStringList{QStringLiteral("certificate")});
        const QJsonArray history = user.value(u"history").toArray();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).toObject(), (QJsonObject{{QStringLiteral("at"), 17}}));
        QCOMPARE(history.at(1).toArray().at(0).toObject(), (QJsonObject{{QStringLiteral("kept"), true}}));
    }

    void resolvedSecretEnvValuesAndBearerJwtsAreRemoved()
    {
        // GET /application resolves env values taken from secrets; a bearer user's JWT signs in.
        const QJsonObject env{{QStringLiteral("key"), QStringLiteral("JETSTREAM_KEY")},
                              {QStringLiteral("value"), QStringLiteral("5YtydnRrL3Tn")},
                              {QStringLiteral("valueFromSecret"), QStringLiteral("nats-js-key/jsk")}};
        const QJsonObject plainEnv{{QStringLiteral("key"), QStringLiteral("MODE")},
                                   {QStringLiteral("value"), QStringLiteral("fast")}};
        const QJsonObject bearer{{QStringLiteral("name"), QStringLiteral("mqtt-dev-1")},
                                 {QStringLiteral("isBearer"), true},
                                 {QStringLiteral("jwt"), QStringLiteral("eyJ0eXAiOiJKV1Qi.bearer")}};
        const QJsonObject normal{{QStringLiteral("name"), QStringLiteral("ops-cli")},
                                 {QStringLiteral("isBearer"), false},
                                 {QStringLiteral("jwt"), QStringLiteral("eyJ0eXAiOiJKV1Qi.normal")}};
        const QJsonObject answer{{QStringLiteral("env"), QJsonArray{env, plainEnv}},
                                 {QStringLiteral("users"), QJsonArray{bearer, normal}}};
        const QByteArray text =
            QJsonDocument(Profiles::withoutSecrets(answer).toObject()).toJson(QJsonDocument::Compact);
        QVERIFY(!text.contains("5YtydnRrL3Tn"));
        QVERIFY(text.contains("nats-js-key/jsk")); // the reference stays
        QVERIFY(text.contains("fast"));
        QVERIFY(!text.contains("bearer\""));
        QVERIFY(!text.contains(".bearer"));
        QVERIFY(text.contains(".normal"));
    }

    void withoutSecretsLeavesOtherValuesAlone()
    {
        QCOMPARE(Profiles::withoutSecrets(QJsonValue(42)), QJsonValue(42));
        QCOMPARE(Profiles::withoutSecrets(QJsonValue(QStringLiteral("seed"))), QJsonValue(QStringLiteral("seed")));
        const QJsonObject fogs = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_iofog-list.json"))).object();
        QCOMPARE(Profiles::withoutSecrets(fogs), QJsonValue(fogs));
        QVERIFY(Profiles::isSecretKey(u"PrivateKey"));
        QVERIFY(Profiles::isSecretKey(u"credsBase64"));
        QVERIFY(!Profiles::isSecretKey(u"publicKey"));
        QVERIFY(!Profiles::isSecretKey(u"jwt"));
        QVERIFY(!Profiles::isSecretKey(u"seeds"));
    }

    void invalidNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("parent") << QStringLiteral("../escape");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("backslash") << QStringLiteral("a\\b");
        QTest::newRow("dot") << QStringLiteral("agents.json");
        QTest::newRow("space") << QStringLiteral("my agents");
        QTest::newRow("non-ascii") << QStringLiteral("ağlar");
        QTest::newRow("too long") << QString(65, u'a');
    }

    void invalidNamesAreRefused()
    {
        QFETCH(QString, name);
        const Status s = m_store->save(m_profile, name, QByteArrayLiteral("{}"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        Result<Profiles::Snapshot> l = m_store->load(m_profile, name);
        QVERIFY(!l);
        QCOMPARE(l.error().code, ErrorCode::InvalidInput);
        // Nothing was written anywhere.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
    }

    void nullProfileIsRefused()
    {
        QVERIFY(!m_store->save(QUuid(), QStringLiteral("agents"), QByteArrayLiteral("{}")));
        QVERIFY(!m_store->load(QUuid(), QStringLiteral("agents")));
        m_store->remove(QUuid()); // must not remove the whole root
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("agents"), QByteArrayLiteral("{}")));
        m_store->remove(QUuid());
        QVERIFY(QFile::exists(fileOf(QStringLiteral("agents"))));
    }

    void removeTakesOnlyThatProfile()
    {
        const QUuid other = QUuid::createUuid();
        QVERIFY_RESULT(m_store->save(m_profile, QStringLiteral("agents"), QByteArrayLiteral("{}")));
        QVERIFY_RESULT(m_store->save(other, QStringLiteral("agents"), QByteArrayLiteral("{}")));
        m_store->remove(m_profile);
        QVERIFY(!QFile::exists(fileOf(QStringLiteral("agents"))));
        QVERIFY_RESULT(m_store->load(other, QStringLiteral("agents")));
    }

    void concurrentSaves()
    {
        // Refreshes save from worker threads; the file is always whole.
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([this, t] {
                for (int i = 0; i < 25; ++i) {
                    QJsonObject o;
                    o.insert(u"thread", t);
                    o.insert(u"i", i);
                    o.insert(u"fogs", QJsonArray{QString(200, u'x')});
                    (void)m_store->save(m_profile, QStringLiteral("agents"), QJsonValue(o));
                    (void)m_store->save(m_profile, QStringLiteral("list%1").arg(t), QJsonValue(o));
                }
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(60000));
        Result<Profiles::Snapshot> s = m_store->load(m_profile, QStringLiteral("agents"));
        QVERIFY_RESULT(s);
        QCOMPARE(QJsonDocument::fromJson(s->body).object().value(u"i").toInt(), 24);
        for (int t = 0; t < 4; ++t) {
            s = m_store->load(m_profile, QStringLiteral("list%1").arg(t));
            QVERIFY_RESULT(s);
            QCOMPARE(QJsonDocument::fromJson(s->body).object().value(u"thread").toInt(), t);
        }
        QCOMPARE(mode(fileOf(QStringLiteral("agents"))), 0600);
    }
};

QTEST_GUILESS_MAIN(TstSnapshotStore)
#include "tst_snapshotstore.moc"
