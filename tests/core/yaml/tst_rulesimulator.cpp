#include "core/yaml/manifest.h"
#include "core/yaml/rulesimulator.h"
#include "natsserver.h"
#include "testutil.h"

#include <QTcpSocket>
#include <QTest>

using namespace Pot;
using namespace Pot::Manifest;
using Pot::Test::NatsServer;

namespace {

// The rule every decision row below is about; line numbers on the right.
const QByteArray kUserRule =
    "apiVersion: datasance.com/v3\n"                                                       // 1
    "kind: NatsUserRule\n"                                                                 // 2
    "metadata:\n"                                                                          // 3
    "  name: sim-user\n"                                                                   // 4
    "spec:\n"                                                                              // 5
    "  subs: -1\n"                                                                         // 6
    "  payload: -1\n"                                                                      // 7
    "  maxData: -1\n"                                                                      // 8
    "  pub:\n"                                                                             // 9
    "    allow: [\"orders.>\", \"metrics.*\", \"admin.ping\"]\n"                            // 10
    "    deny: [\"orders.secret.>\", \"metrics.cpu\"]\n"                                    // 11
    "  sub:\n"                                                                             // 12
    "    allow: [\"orders.*\", \"events.>\", \"work.* workers\", \"jobs.>\", \"jobs.> pool\"]\n" // 13
    "    deny: [\"events.internal.>\", \"jobs.private\", \"events.*.audit\"]\n"             // 14
    "  resp:\n"                                                                            // 15
    "    max: 2\n"                                                                         // 16
    "    ttl: 5000000000\n";                                                               // 17

Document single(const QByteArray &text)
{
    const Parsed p = parse(text);
    if (p.documents.size() != 1 || !p.problems.isEmpty())
        qWarning("test YAML did not parse: %d documents, %d problems", int(p.documents.size()), int(p.problems.size()));
    return p.documents.value(0);
}

QString rule(const QByteArray &spec)
{
    return QString::fromUtf8("apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata: {name: r}\nspec:\n"
                             "  subs: -1\n  payload: -1\n  maxData: -1\n" + spec);
}

/// A NATS client speaking the text protocol with verbose on: every PUB and SUB is answered by +OK
/// or -ERR, in order. Echo is off so the user's own publishes never come back as MSG.
class TextClient
{
public:
    bool open(quint16 port, const QString &user, const QString &password, QString *why)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForConnected(5000)) {
            *why = m_socket.errorString();
            return false;
        }
        const QByteArray info = line();
        if (!info.startsWith("INFO ")) {
            *why = QStringLiteral("no INFO: ") + QString::fromUtf8(info);
            return false;
        }
        send("CONNECT {\"verbose\":true,\"pedantic\":false,\"echo\":false,\"protocol\":1,\"user\":\""
             + user.toUtf8() + "\",\"pass\":\"" + password.toUtf8() + "\"}\r\nPING\r\n");
        const QByteArray ok = line();
        const QByteArray pong = line();
        if (ok != "+OK" || pong != "PONG") {
            *why = QStringLiteral("CONNECT answered: ") + QString::fromUtf8(ok + " / " + pong);
            return false;
        }
        return true;
    }
    void send(const QByteArray &data)
    {
        m_socket.write(data);
        m_socket.flush();
    }
    /// The next line from the server; server PINGs are answered on the way.
    QByteArray line(int ms = 5000)
    {
        for (;;) {
            while (!m_socket.canReadLine()) {
                if (!m_socket.waitForReadyRead(ms))
                    return QByteArray("<no answer>");
            }
            const QByteArray l = m_socket.readLine().trimmed();
            if (l == "PING") {
                send("PONG\r\n");
                continue;
            }
            return l;
        }
    }
    /// true for +OK, false for a permissions violation; anything else fails the caller's check.
    QByteArray publish(const QString &subject)
    {
        send("PUB " + subject.toUtf8() + " 0\r\n\r\n");
        return line();
    }
    QByteArray subscribe(const QString &subjectAndQueue, int sid)
    {
        send("SUB " + subjectAndQueue.toUtf8() + ' ' + QByteArray::number(sid) + "\r\n");
        return line();
    }

private:
    QTcpSocket m_socket;
};

QString quotedList(const QList<RuleEntry> &list)
{
    QStringList out;
    for (const RuleEntry &e : list)
        out << u'"' + e.value + u'"';
    return u'[' + out.join(QStringLiteral(", ")) + u']';
}

/// The nats-server configuration of a user with exactly `p` (plain config users get the same
/// permission checks as JWT users: client.go setPermissions, canSubscribe, pubAllowed).
QString userConfig(const QString &user, const QString &password, const UserPermissions &p)
{
    QStringList perms;
    QStringList pub;
    if (p.pubAllow && !p.pubAllow->isEmpty())
        pub << QStringLiteral("allow: ") + quotedList(*p.pubAllow);
    if (!p.pubDeny.isEmpty())
        pub << QStringLiteral("deny: ") + quotedList(p.pubDeny);
    if (!pub.isEmpty())
        perms << QStringLiteral("publish: {") + pub.join(QStringLiteral(", ")) + u'}';
    QStringList sub;
    if (!p.subAllow.isEmpty())
        sub << QStringLiteral("allow: ") + quotedList(p.subAllow);
    if (!p.subDeny.isEmpty())
        sub << QStringLiteral("deny: ") + quotedList(p.subDeny);
    if (!sub.isEmpty())
        perms << QStringLiteral("subscribe: {") + sub.join(QStringLiteral(", ")) + u'}';
    if (p.responses)
        perms << QStringLiteral("allow_responses: {max: %1, expires: \"%2ns\"}").arg(p.responses->maxMsgs).arg(p.responses->expiresNs);
    return QStringLiteral("{user: \"%1\", password: \"%2\", permissions: {%3}}").arg(user, password, perms.join(QStringLiteral(", ")));
}

} // namespace

/// The subject permission simulator: nats-server 2.9's decision for a user made from a NatsUserRule,
/// with the YAML place of the entry that decided; checked row by row and against a real nats-server.
class TstRuleSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void decisions_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("path");  // deciding entry; empty: none
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        const int pub = int(Action::Publish), sub = int(Action::Subscribe), reply = int(Action::Reply);
        // Publish: allow list first, then deny over allow; `*` one token, `>` one or more.
        QTest::newRow("pub exact via >") << pub << u"orders.new"_qs << true << u"spec.pub.allow[0]"_qs << 10 << 13;
        QTest::newRow("pub > needs a token") << pub << u"orders"_qs << false << u"spec.pub.allow"_qs << 10 << 12;
        QTest::newRow("pub deny over allow") << pub << u"orders.secret.x"_qs << false << u"spec.pub.deny[0]"_qs << 11 << 12;
        QTest::newRow("pub *") << pub << u"metrics.mem"_qs << true << u"spec.pub.allow[1]"_qs << 10 << 25;
        QTest::newRow("pub * one token only") << pub << u"metrics.cpu.core"_qs << false << u"spec.pub.allow"_qs << 10 << 12;
        QTest::newRow("pub exact deny") << pub << u"metrics.cpu"_qs << false << u"spec.pub.deny[1]"_qs << 11 << 31;
        QTest::newRow("pub literal") << pub << u"admin.ping"_qs << true << u"spec.pub.allow[2]"_qs << 10 << 38;
        QTest::newRow("pub not listed") << pub << u"admin.pong"_qs << false << u"spec.pub.allow"_qs << 10 << 12;
        // Replies: response permissions allow what pubAllow/pubDeny refuse.
        QTest::newRow("reply outside allow") << reply << u"_INBOX.abc"_qs << true << u"spec.resp.max"_qs << 16 << 10;
        QTest::newRow("reply into deny") << reply << u"metrics.cpu"_qs << true << u"spec.resp.max"_qs << 16 << 10;
        QTest::newRow("reply allowed anyway") << reply << u"orders.x"_qs << true << u"spec.pub.allow[0]"_qs << 10 << 13;
        // Subscribe.
        QTest::newRow("sub *") << sub << u"orders.new"_qs << true << u"spec.sub.allow[0]"_qs << 13 << 13;
        QTest::newRow("sub * one token") << sub << u"orders.new.x"_qs << false << u"spec.sub.allow"_qs << 13 << 12;
        QTest::newRow("sub wildcard covered") << sub << u"orders.*"_qs << true << u"spec.sub.allow[0]"_qs << 13 << 13;
        QTest::newRow("sub > covered by * (sublist)") << sub << u"orders.>"_qs << true << u"spec.sub.allow[0]"_qs << 13 << 13;
        QTest::newRow("sub wildcard not covered") << sub << u"*.new"_qs << false << u"spec.sub.allow"_qs << 13 << 12;
        QTest::newRow("sub >") << sub << u"events.a.b"_qs << true << u"spec.sub.allow[1]"_qs << 13 << 25;
        QTest::newRow("sub deny over allow") << sub << u"events.internal.x"_qs << false << u"spec.sub.deny[0]"_qs << 14 << 12;
        QTest::newRow("sub deny with *") << sub << u"events.x.audit"_qs << false << u"spec.sub.deny[2]"_qs << 14 << 49;
        QTest::newRow("sub wildcard over deny") << sub << u"events.>"_qs << true << u"spec.sub.allow[1]"_qs << 13 << 25;
        QTest::newRow("sub queue-only entry, plain") << sub << u"work.a"_qs << false << u"spec.sub.allow"_qs << 13 << 12;
        QTest::newRow("sub queue entry") << sub << u"work.a workers"_qs << true << u"spec.sub.allow[2]"_qs << 13 << 37;
        QTest::newRow("sub other queue") << sub << u"work.a others"_qs << false << u"spec.sub.allow[2]"_qs << 13 << 37;
        QTest::newRow("sub queue entry decides") << sub << u"jobs.x others"_qs << false << u"spec.sub.allow[4]"_qs << 13 << 65;
        QTest::newRow("sub queue named") << sub << u"jobs.x pool"_qs << true << u"spec.sub.allow[4]"_qs << 13 << 65;
        QTest::newRow("sub plain next to queue") << sub << u"jobs.x"_qs << true << u"spec.sub.allow[3]"_qs << 13 << 55;
        QTest::newRow("sub deny in queue") << sub << u"jobs.private pool"_qs << false << u"spec.sub.deny[1]"_qs << 14 << 33;
        QTest::newRow("sub reserved queue") << sub << u"orders.a _sys_"_qs << false << QString() << 0 << 0;
    }
    void decisions()
    {
        QFETCH(int, action);
        QFETCH(QString, subject);
        QFETCH(bool, allowed);
        QFETCH(QString, path);
        QFETCH(int, line);
        QFETCH(int, column);
        const Document user = single(kUserRule);
        const Result<Simulation> sim = simulate(user, nullptr, Action(action), subject);
        QVERIFY_RESULT(sim);
        const QString said = sim->explanation + u'\n' + sim->notes.join(u'\n');
        QCOMPARE(sim->allowed(), allowed);
        QVERIFY2(sim->explanation.startsWith(allowed ? u"Allowed" : u"Denied"), qPrintable(said));
        if (path.isEmpty()) {
            QVERIFY2(!sim->decidedBy, qPrintable(said));
            return;
        }
        QVERIFY2(sim->decidedBy, qPrintable(said));
        QCOMPARE(sim->decidedBy->path, path);
        QCOMPARE(sim->decidedBy->line, line);
        QCOMPARE(sim->decidedBy->column, column);
        QVERIFY(!sim->decidedBy->account);
    }

    void explanationsNameWhatMatters()
    {
        const Document user = single(kUserRule);
        // A wildcard subscription that covers deny entries: allowed, with the filtered subjects named.
        Result<Simulation> sim = simulate(user, nullptr, Action::Subscribe, u"events.>"_qs);
        QVERIFY_RESULT(sim);
        QCOMPARE(sim->notes.filter(u"not delivered"_qs).size(), 2);
        QVERIFY(sim->notes.join(u'\n').contains(u"events.internal.>"));
        QVERIFY(sim->notes.join(u'\n').contains(u"events.*.audit"));
        // nats-server lets "orders.*" cover a subscription to "orders.>": allowed, and said.
        sim = simulate(user, nullptr, Action::Subscribe, u"orders.>"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY2(sim->notes.join(u'\n').contains(u"more tokens"), qPrintable(sim->notes.join(u'\n')));
        // Deny over allow says both.
        sim = simulate(user, nullptr, Action::Publish, u"orders.secret.x"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY2(sim->explanation.contains(u"deny overrides allow") && sim->explanation.contains(u"\"orders.>\""),
                 qPrintable(sim->explanation));
        // A refused publish mentions the reply exception with the response limits.
        sim = simulate(user, nullptr, Action::Publish, u"_INBOX.x"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY2(sim->notes.join(u'\n').contains(u"at most 2 replies per request, within 5 s"), qPrintable(sim->notes.join(u'\n')));
        QVERIFY(!sim->permissions.pubAllow->isEmpty());
        QCOMPARE(sim->permissions.responses->maxMsgs, qint64(2));
    }

    void emptyListsAndResponses()
    {
        // No permissions at all: everything allowed, no entry decides, and the account defaults are missing.
        Result<Simulation> sim = simulate(single(rule("  description: open\n").toUtf8()), nullptr, Action::Publish, u"any.thing"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QVERIFY(!sim->decidedBy);
        QCOMPARE(sim->permissions.source, UserPermissions::Source::None);
        QVERIFY(sim->notes.join(u'\n').contains(u"default_permissions"));

        // Empty lists alone give no permissions (nats-server reads them as none).
        sim = simulate(single(rule("  pubAllow: []\n  subAllow: []\n").toUtf8()), nullptr, Action::Subscribe, u"a.b"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QCOMPARE(sim->permissions.source, UserPermissions::Source::None);

        // An empty pubAllow next to a pubDeny is an allow list with nothing in it.
        sim = simulate(single(rule("  pubAllow: []\n  pubDeny: [x]\n").toUtf8()), nullptr, Action::Publish, u"y"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(!sim->allowed());
        QCOMPARE(sim->decidedBy->path, u"spec.pubAllow"_qs);
        QCOMPARE(sim->decidedBy->line, 8);

        // An empty subAllow next to a subDeny is no allow list (subscribe lists need an entry).
        sim = simulate(single(rule("  subAllow: []\n  subDeny: [x]\n").toUtf8()), nullptr, Action::Subscribe, u"y"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QVERIFY(!sim->decidedBy);

        // Response permissions alone: publishing becomes deny-by-default, replies are allowed.
        const Document resp = single(rule("  respMax: 1\n").toUtf8());
        sim = simulate(resp, nullptr, Action::Publish, u"svc.answer"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(!sim->allowed());
        QCOMPARE(sim->decidedBy->path, u"spec.respMax"_qs);
        QCOMPARE(sim->decidedBy->line, 8);
        QCOMPARE(sim->decidedBy->column, 12);
        QCOMPARE(sim->permissions.responses->expiresNs, qint64(120) * 1000 * 1000 * 1000); // nats-server's default
        sim = simulate(resp, nullptr, Action::Reply, u"svc.answer"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        // ... while subscribing stays open.
        sim = simulate(resp, nullptr, Action::Subscribe, u"svc.>"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());

        // The JSON name wins over the NATS-style place, as the Controller maps it.
        sim = simulate(single(rule("  pubAllow: [a]\n  pub: {allow: [b]}\n").toUtf8()), nullptr, Action::Publish, u"b"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(!sim->allowed());
        QCOMPARE(sim->decidedBy->path, u"spec.pubAllow"_qs);

        // Unset subs: allowed by the permissions, refused by the limit; said in a note.
        sim = simulate(single("kind: NatsUserRule\nmetadata: {name: r}\nspec: {description: x}\n"), nullptr,
                       Action::Subscribe, u"a"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QVERIFY(sim->notes.join(u'\n').contains(u"maximum subscriptions exceeded"));
    }

    void accountDefaultsAndImports()
    {
        // dashboard-reader has permissions of its own: the account defaults do not apply, the import
        // of foo-importer is explained.
        const Document user = single(Test::fixture(u"POST_nats_user-rules_yaml__dashboard-reader.request.yaml"_qs));
        const Document account = single(Test::fixture(u"POST_nats_account-rules_yaml__foo-importer.request.yaml"_qs));
        Result<Simulation> sim = simulate(user, &account, Action::Subscribe, u"imported.foo.temp"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QCOMPARE(sim->decidedBy->path, u"spec.sub.allow[0]"_qs);
        QCOMPARE(sim->decidedBy->line, 19);
        QVERIFY2(sim->explanation.contains(u"stream import \"foo-stream\"") && sim->explanation.contains(u"\"foo.>\"")
                     && sim->explanation.contains(u"not known here"), qPrintable(sim->explanation));
        // Refused: the import is named, nothing is promised.
        sim = simulate(user, &account, Action::Subscribe, u"imported.foo.secret.x"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(!sim->allowed());
        QVERIFY2(sim->explanation.contains(u"stream import \"foo-stream\"") && sim->explanation.contains(u"may not use"),
                 qPrintable(sim->explanation));

        // A user rule without permissions gets the account's default_permissions, with their places.
        const Document bare = single(rule("  description: no permissions\n").toUtf8());
        sim = simulate(bare, &account, Action::Publish, u"imported.foo.ack.1"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QCOMPARE(sim->permissions.source, UserPermissions::Source::AccountDefaults);
        QVERIFY(sim->decidedBy->account);
        QCOMPARE(sim->decidedBy->path, u"spec.default_permissions.pub.allow[0]"_qs);
        QCOMPARE(sim->decidedBy->line, 25);
        QCOMPARE(sim->decidedBy->column, 15);
        QVERIFY(sim->explanation.contains(u"default_permissions"));
        sim = simulate(bare, &account, Action::Publish, u"foo.x"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(!sim->allowed());
        QCOMPARE(sim->decidedBy->line, 25);
        QCOMPARE(sim->decidedBy->column, 14);

        // A service import: the publish goes to the exporting account.
        const Document withService = single(
            "apiVersion: datasance.com/v3\nkind: NatsAccountRule\nmetadata: {name: svc}\nspec:\n"
            "  limits: {conn: -1, subs: -1, payload: -1, data: -1, imports: -1, exports: -1}\n"
            "  imports:\n"
            "    - {name: pricing, subject: pricing.quote, type: service, account: ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU, local_subject: quote}\n");
        sim = simulate(bare, &withService, Action::Publish, u"quote"_qs);
        QVERIFY_RESULT(sim);
        QVERIFY(sim->allowed());
        QVERIFY2(sim->explanation.contains(u"service import \"pricing\" (spec.imports[0] at 7:7): the request goes to account"),
                 qPrintable(sim->explanation));
    }

    void badInputIsAnErrorNotACrash()
    {
        const Document user = single(kUserRule);
        for (const auto &[action, subject] : {std::pair{Action::Publish, u"orders..x"_qs}, std::pair{Action::Publish, u"orders.*"_qs},
                                              std::pair{Action::Publish, QString()}, std::pair{Action::Subscribe, u"a.>.b"_qs},
                                              std::pair{Action::Subscribe, u"a q1 q2"_qs}, std::pair{Action::Reply, u"a b"_qs},
                                              std::pair{Action::Subscribe, u"foo*.bar"_qs}}) {
            const Result<Simulation> sim = simulate(user, nullptr, action, subject);
            QVERIFY2(!sim.ok(), qPrintable(subject));
            QCOMPARE(sim.error().code, ErrorCode::InvalidInput);
            QVERIFY2(sim.error().message.startsWith(u"Cannot "), qPrintable(sim.error().message));
        }
        // A rule with errors gives no JWT: refused with the problems and their places.
        Result<Simulation> sim = simulate(single("kind: NatsUserRule\nmetadata: {name: r}\nspec:\n  subs: many\n"
                                                 "  pub: {allow: [\"a..b\"]}\n"),
                                          nullptr, Action::Publish, u"a"_qs);
        QVERIFY(!sim.ok());
        QVERIFY2(sim.error().detail.contains(u"4:9: error") && sim.error().detail.contains(u"5:17: error"),
                 qPrintable(sim.error().detail));
        // A document of another kind.
        const Document account = single(Test::fixture(u"POST_nats_account-rules_yaml__foo-importer.request.yaml"_qs));
        sim = simulate(account, nullptr, Action::Publish, u"a"_qs);
        QVERIFY(!sim.ok());
        QVERIFY(sim.error().message.contains(u"not a NatsUserRule"));
        sim = simulate(user, &user, Action::Publish, u"a"_qs);
        QVERIFY(!sim.ok());
        QVERIFY(sim.error().message.contains(u"not a NatsAccountRule"));
        // An empty document.
        sim = simulate(Document{}, nullptr, Action::Publish, u"a"_qs);
        QVERIFY(!sim.ok());
    }

    void matching()
    {
        QVERIFY(sublistMatches(u"foo.*"_qs, u"foo.bar"_qs));
        QVERIFY(!sublistMatches(u"foo.*"_qs, u"foo.bar.baz"_qs));
        QVERIFY(sublistMatches(u"foo.>"_qs, u"foo.bar.baz"_qs));
        QVERIFY(!sublistMatches(u"foo.>"_qs, u"foo"_qs));
        QVERIFY(sublistMatches(u">"_qs, u"foo"_qs));
        QVERIFY(!sublistMatches(u"foo.bar"_qs, u"foo.*"_qs));  // a wildcard subject is literal to the list
        QVERIFY(sublistMatches(u"foo.*"_qs, u"foo.*"_qs));
        QVERIFY(sublistMatches(u"foo.*"_qs, u"foo.>"_qs));
        QVERIFY(isSubsetMatch(u"foo.bar"_qs, u"foo.*"_qs));
        QVERIFY(isSubsetMatch(u"foo.*"_qs, u"foo.>"_qs));
        QVERIFY(!isSubsetMatch(u"foo.>"_qs, u"foo.*"_qs));
        QVERIFY(!isSubsetMatch(u"foo.*"_qs, u"foo.bar"_qs));
        QVERIFY(subjectsIntersect(u"foo.*"_qs, u"*.bar"_qs));
        QVERIFY(subjectsIntersect(u"foo.>"_qs, u"foo.a.b"_qs));
        QVERIFY(!subjectsIntersect(u"foo"_qs, u"foo.>"_qs));
        QVERIFY(!subjectsIntersect(u"foo.a"_qs, u"foo.b"_qs));
    }

    /// The decisions of a real nats-server for a user whose permissions are what the simulator
    /// derived from kUserRule: every row must agree.
    void agreesWithNatsServer()
    {
        const Document user = single(kUserRule);
        const Result<UserPermissions> perms = permissionsOf(user);
        QVERIFY_RESULT(perms);
        NatsServer server;
        QVERIFY2(!NatsServer::binary().isEmpty(), "nats-server is not installed (Debian package nats-server)");
        const QString body = QStringLiteral("authorization {\n  users = [\n    %1\n    {user: \"peer\", password: \"peer-pass\"}\n  ]\n}\n")
                                 .arg(userConfig(u"sim"_qs, u"sim-pass"_qs, *perms));
        const Status started = server.start(body);
        QVERIFY2(started.ok(), qPrintable((started.ok() ? QString() : started.error().toString()) + u'\n' + server.log()));

        TextClient sim;
        QString why;
        QVERIFY2(sim.open(server.port(), u"sim"_qs, u"sim-pass"_qs, &why), qPrintable(why + u'\n' + server.log()));

        const QStringList publishes{u"orders.new"_qs, u"orders"_qs, u"orders.secret.x"_qs, u"metrics.mem"_qs,
                                    u"metrics.cpu.core"_qs, u"metrics.cpu"_qs, u"admin.ping"_qs, u"admin.pong"_qs,
                                    u"_INBOX.abc"_qs};
        const QStringList subscribes{u"orders.new"_qs, u"orders.new.x"_qs, u"orders.*"_qs, u"orders.>"_qs, u"*.new"_qs,
                                     u"events.a.b"_qs, u"events.internal.x"_qs, u"events.x.audit"_qs, u"events.>"_qs,
                                     u"events.*"_qs, u"work.a"_qs, u"work.a workers"_qs, u"work.a others"_qs,
                                     u"jobs.x others"_qs, u"jobs.x pool"_qs, u"jobs.x"_qs, u"jobs.private pool"_qs,
                                     u"jobs.*"_qs, u">"_qs, u"orders.a _sys_"_qs};
        QList<std::pair<Action, QString>> rows;
        for (const QString &s : publishes)
            rows.append({Action::Publish, s});
        for (const QString &s : subscribes)
            rows.append({Action::Subscribe, s});
        int checked = 0;
        int sid = 1;
        for (const auto &[action, s] : rows) {
            const bool publish = action == Action::Publish;
            const Result<Simulation> predicted = simulate(user, nullptr, action, s);
            QVERIFY_RESULT(predicted);
            const QByteArray answer = publish ? sim.publish(s) : sim.subscribe(s, sid++);
            const bool allowed = answer == "+OK";
            QVERIFY2(allowed || answer.startsWith(publish ? "-ERR 'Permissions Violation for Publish"
                                                          : "-ERR 'Permissions Violation for Subscription"),
                     qPrintable(s + u": " + QString::fromUtf8(answer)));
            QVERIFY2(allowed == predicted->allowed(),
                     qPrintable((publish ? u"PUB "_qs : u"SUB "_qs) + s + u": nats-server " + QString::fromUtf8(answer)
                                + u", simulator " + predicted->explanation));
            ++checked;
        }
        QCOMPARE(checked, int(publishes.size() + subscribes.size()));

        // Replies: after a request on work.a (delivered once, to the queue subscription "work.a
        // workers" above), the user may answer twice (max 2) to a reply subject its publish
        // permissions refuse, and not a third time.
        const Result<Simulation> asReply = simulate(user, nullptr, Action::Reply, u"peer.reply"_qs);
        const Result<Simulation> asPublish = simulate(user, nullptr, Action::Publish, u"peer.reply"_qs);
        QVERIFY(asReply.ok() && asReply->allowed());
        QVERIFY(asPublish.ok() && !asPublish->allowed());
        QCOMPARE(sim.publish(u"peer.reply"_qs).left(4), QByteArray("-ERR"));
        TextClient peer;
        QVERIFY2(peer.open(server.port(), u"peer"_qs, u"peer-pass"_qs, &why), qPrintable(why));
        peer.send("PUB work.a peer.reply 0\r\n\r\n");
        QCOMPARE(peer.line(), QByteArray("+OK"));
        const QByteArray msg = sim.line();
        QVERIFY2(msg.startsWith("MSG work.a ") && msg.endsWith(" peer.reply 0"), msg.constData());
        QCOMPARE(sim.line(), QByteArray()); // the empty payload line
        QCOMPARE(sim.publish(u"peer.reply"_qs), QByteArray("+OK"));
        QCOMPARE(sim.publish(u"peer.reply"_qs), QByteArray("+OK"));
        QCOMPARE(sim.publish(u"peer.reply"_qs).left(4), QByteArray("-ERR"));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TstRuleSimulator)
#include "tst_rulesimulator.moc"
