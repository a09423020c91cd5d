#include "core/yaml/manifestcheck.h"
#include "core/yaml/manifeststore.h"
#include "models/clusterview.h"
#include "models/manifestapply.h"
#include "models/manifesteditor.h"
#include "models/resourcepage.h"
#include "signedinsession.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using namespace Pot::Models;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

namespace {

constexpr int Wait = 15000;
const QString Api = QStringLiteral("/api/v3");

struct SignedIn : Test::SignedInSession
{
    /// The requests of `method` on `path` the stand-in received, in order.
    QList<HttpRequest> sent(const QByteArray &method, const QString &path) const
    {
        QList<HttpRequest> out;
        for (const HttpRequest &r : controller.requests()) {
            if (r.method == method && r.path == Api + path)
                out << r;
        }
        return out;
    }
};

QStringList texts(const QVariantList &changes)
{
    QStringList out;
    for (const QVariant &c : changes)
        out << c.toMap().value(QStringLiteral("text")).toString();
    return out;
}

} // namespace

/// NATS account and user rules written in the console: create, edit, delete against the stand-in
/// Controller replaying the real 3.7.3 answers (duplicate, in-use, reserved), the review before
/// apply, drafts, and the history with revert.
class TstRuleEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void everyKindsExampleIsAValidManifest()
    {
        // The text a "New …" editor starts with, through each page's editor as a user meets it
        // (kinds saved through JSON routes included): no error, no warning for the rule kinds.
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        int checked = 0;
        for (ResourcePage *p : s.cluster()->resourcePages()) {
            if (!p->canCreate() || !p->manifest())
                continue;
            QVERIFY2(p->openEditor(QString()), qPrintable(p->kindId() + u": " + p->deniedReason(QStringLiteral("create"))));
            p->manifest()->checkNow();
            QStringList problems;
            for (const Manifest::Problem &problem : p->manifest()->result().problems) {
                if (problem.isError() || p->yamlKind().startsWith(u"Nats"))
                    problems << problem.toString();
            }
            QVERIFY2(problems.isEmpty(), qPrintable(p->kindId() + u": " + problems.join(u"; ")));
            // And the page itself accepts it (what Review does first).
            QCOMPARE(p->review(QString(), p->manifest()->text()).value(QStringLiteral("error")).toString(), QString());
            ++checked;
        }
        QVERIFY(checked >= 10);

        // A registry goes as JSON with its password: the review names the field, never the value.
        ResourcePage *registries = s.page(QStringLiteral("registries"));
        const QVariantMap r = registries->review(QString(), QStringLiteral(
            "kind: Registry\nspec:\n  url: registry.example.com:5000\n  isPublic: false\n"
            "  username: robot\n  password: hunter2-registry\n  email: robot@example.com\n"));
        QCOMPARE(r.value(QStringLiteral("error")).toString(), QString());
        const QString request = r.value(QStringLiteral("requests")).toStringList().join(u'\n');
        QVERIFY2(request.startsWith(u"POST /api/v3/registries — JSON body") && request.contains(u"password"),
                 qPrintable(request));
        QVERIFY(!request.contains(u"hunter2-registry"));
    }

    void accountRuleCreateDuplicateReservedAndInUseDelete()
    {
        SignedIn s;
        s.controller.setHandler("POST", Api + u"/nats/account-rules/yaml", [&s](const HttpRequest &r) {
            HttpResponse refusal;
            if (!s.controller.authorize(r, &refusal))
                return refusal;
            QByteArray yaml;
            if (!r.formFile("natsAccountRule", &yaml))
                return HttpResponse::fixture(500, QStringLiteral("POST_nats_account-rules_yaml__no-file_500.json"));
            if (yaml.contains("name: foo-exporter"))
                return HttpResponse::fixture(400, QStringLiteral("POST_nats_account-rules__duplicate_400.json"));
            return HttpResponse::fixture(201, QStringLiteral("POST_nats_account-rules_yaml__foo-importer.json"));
        });
        s.controller.protectedFixture("DELETE", Api + u"/nats/account-rules/foo-exporter", 500,
                                      QStringLiteral("DELETE_nats_account-rules_NAME__in-use_500.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("natsAccountRules"));
        QVERIFY(p);
        QVERIFY(p->manifest());
        QVERIFY(s.select(p, QStringLiteral("foo-exporter")));
        // The applications list names the account rule of each application.
        QVERIFY(QTest::qWaitFor([&] { return s.page(QStringLiteral("applications"))->list()->loaded(); }, Wait));

        // New: the example is a valid manifest of the kind.
        QVERIFY(p->openEditor(QString()));
        QVERIFY(p->manifest()->text().contains(u"kind: NatsAccountRule"));
        QCOMPARE(Manifest::check(p->manifest()->text().toUtf8(), QStringLiteral("NatsAccountRule")).errorCount(), 0);

        // A name that exists: the Controller's 400 shows, nothing else changes.
        const QString duplicate = QString::fromUtf8(Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__foo-importer.request.yaml")))
                                      .replace(QStringLiteral("name: foo-importer"), QStringLiteral("name: foo-exporter"));
        QSignalSpy saved(p, &ResourcePage::saved);
        QVERIFY(p->save(QStringLiteral("NatsAccountRule"), {}, duplicate));
        QTRY_VERIFY_WITH_TIMEOUT(p->editorError().contains(u"already exists"), Wait);
        QCOMPARE(saved.count(), 0);

        // The Controller's accepted example: uploaded as the natsAccountRule field, as typed.
        const QByteArray importer = Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__foo-importer.request.yaml"));
        QVERIFY(p->save(QStringLiteral("NatsAccountRule"), {}, QString::fromUtf8(importer)));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, Wait);
        const QList<HttpRequest> posts = s.sent("POST", QStringLiteral("/nats/account-rules/yaml"));
        QCOMPARE(posts.size(), 2);
        QByteArray uploaded;
        QVERIFY(posts.constLast().formFile("natsAccountRule", &uploaded));
        QCOMPARE(uploaded, importer);

        // Built-in rules: read-only with the reason, copied as a new rule instead.
        QVERIFY(s.select(p, QStringLiteral("default-account")));
        QVERIFY(p->deniedReason(QStringLiteral("edit")).contains(u"Built-in rule"));
        QVERIFY(p->deniedReason(QStringLiteral("delete")).contains(u"Built-in rule"));
        QVERIFY(!p->openEditor(QStringLiteral("default-account")));
        QCOMPARE(p->deniedReason(QStringLiteral("copy")), QString());
        QVERIFY(p->openCopy(QStringLiteral("default-account")));
        const Manifest::Checked copy = Manifest::check(p->manifest()->text().toUtf8(), QStringLiteral("NatsAccountRule"));
        QCOMPARE(copy.documents.size(), 1);
        QCOMPARE(copy.documents.constFirst().name(), QStringLiteral("default-account-copy"));
        QVERIFY2(!copy.hasErrors(), qPrintable(copy.problems.isEmpty() ? QString() : copy.problems.constFirst().toString()));

        // In use: the bare 500 becomes a message naming the application that uses it.
        QVERIFY(s.select(p, QStringLiteral("foo-exporter")));
        QCOMPARE(p->deniedReason(QStringLiteral("delete")), QString());
        QSignalSpy finished(s.cluster(), &ClusterView::actionFinished);
        QVERIFY(p->run(QStringLiteral("delete"), QStringLiteral("foo-exporter")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(s.cluster()->lastActionMessage(),
                 QStringLiteral("The account rule foo-exporter is used by foo-producer: give those applications "
                                "another rule first."));
    }

    void userRuleReviewEditDraftHistoryAndRevert()
    {
        SignedIn s;
        // The rules as the Controller lists them, before and after the PATCH (which it answers with
        // the rule as saved).
        bool patched = false;
        s.controller.setHandler("GET", Api + u"/nats/user-rules", [&s, &patched](const HttpRequest &r) {
            HttpResponse refusal;
            if (!s.controller.authorize(r, &refusal))
                return refusal;
            QJsonObject list = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_nats_user-rules.json"))).object();
            if (patched) {
                QJsonArray rules = list.value(u"rules").toArray();
                const QJsonObject saved = QJsonDocument::fromJson(
                    Test::fixture(QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.json"))).object();
                for (qsizetype i = 0; i < rules.size(); ++i) {
                    if (rules.at(i).toObject().value(u"name").toString() == u"dashboard-reader") {
                        QJsonObject rule = saved;
                        rule.insert(QStringLiteral("isSystem"), false);
                        rule.insert(QStringLiteral("maxSubscriptions"), 300); // what the edit below asks
                        rules.replace(i, rule);
                    }
                }
                list.insert(QStringLiteral("rules"), rules);
            }
            return HttpResponse::json(200, list);
        });
        s.controller.setHandler("PATCH", Api + u"/nats/user-rules/yaml/dashboard-reader", [&s, &patched](const HttpRequest &r) {
            HttpResponse refusal;
            if (!s.controller.authorize(r, &refusal))
                return refusal;
            QByteArray yaml;
            if (!r.formFile("natsUserRule", &yaml))
                return HttpResponse::json(500, QByteArrayLiteral("{\"message\":\"no file\"}"));
            patched = true;
            return HttpResponse::fixture(200, QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.json"));
        });
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("natsUserRules"));
        QVERIFY(QTest::qWaitFor([&] { return s.page(QStringLiteral("applications"))->list()->loaded(); }, Wait));

        // Used by a microservice: the review names it and says what a change does to its users.
        QVERIFY(s.select(p, QStringLiteral("sensor-publisher")));
        QVERIFY(p->openEditor(QStringLiteral("sensor-publisher")));
        const QString sensorLive = p->manifest()->text();
        // What is live reads back as a valid manifest.
        QCOMPARE(Manifest::check(sensorLive.toUtf8(), QStringLiteral("NatsUserRule")).errorCount(), 0);
        QVariantMap r = p->review(QStringLiteral("sensor-publisher"), sensorLive);
        QCOMPARE(r.value(QStringLiteral("error")).toString(), QString());
        QVERIFY(texts(r.value(QStringLiteral("changes")).toList()).isEmpty());
        const QStringList sensorImpact = r.value(QStringLiteral("impact")).toStringList();
        QVERIFY(sensorImpact.join(u'\n').contains(u"new key and new creds"));
        QVERIFY(sensorImpact.join(u'\n').contains(u"foo-producer/temp-sensor"));

        QVERIFY(s.select(p, QStringLiteral("dashboard-reader")));
        QVERIFY(p->openEditor(QStringLiteral("dashboard-reader")));
        const QString live = p->manifest()->text();
        QVERIFY(live.contains(u"name: dashboard-reader"));
        // The Controller's accepted example, with one limit changed (the list shows the example already).
        const QString edited = QString::fromUtf8(
            Test::fixture(QStringLiteral("PATCH_nats_user-rules_yaml_NAME__dashboard-reader.request.yaml")))
                                   .replace(QStringLiteral("subs: 200"), QStringLiteral("subs: 300"));
        QVERIFY(edited.contains(u"subs: 300"));

        // Renaming is refused before anything is sent.
        QString renamed = edited;
        renamed.replace(QStringLiteral("name: dashboard-reader"), QStringLiteral("name: other"));
        QVERIFY(p->review(QStringLiteral("dashboard-reader"), renamed).value(QStringLiteral("error")).toString()
                    .contains(u"must stay dashboard-reader"));

        // The review: field changes in the Controller's names, the exact request, the impact.
        r = p->review(QStringLiteral("dashboard-reader"), edited);
        QCOMPARE(r.value(QStringLiteral("error")).toString(), QString());
        const QStringList changes = texts(r.value(QStringLiteral("changes")).toList());
        QVERIFY2(changes.join(u'\n').contains(u"maxSubscriptions: 200 → 300"), qPrintable(changes.join(u'\n')));
        QCOMPARE(r.value(QStringLiteral("requests")).toStringList().size(), 1);
        QVERIFY(r.value(QStringLiteral("requests")).toStringList().constFirst().startsWith(
            QStringLiteral("PATCH /api/v3/nats/user-rules/yaml/dashboard-reader — multipart/form-data, field "
                           "natsUserRule, file dashboard-reader.yaml")));
        QVERIFY(r.value(QStringLiteral("impact")).toStringList().join(u'\n').contains(u"No microservice uses this rule now"));
        QCOMPARE(s.sent("PATCH", QStringLiteral("/nats/user-rules/yaml/dashboard-reader")).size(), 0);

        // Typed and not applied: kept as a draft on disk (a crash loses nothing).
        p->manifest()->setText(edited);
        p->manifest()->keepDraft();
        const QUuid profile = s.session->profile().id;
        QVERIFY(s.drafts->load(profile, QStringLiteral("NatsUserRule/dashboard-reader")));

        // Applied: the live state goes to the history first, the draft goes once it is live.
        QSignalSpy saved(p, &ResourcePage::saved);
        QVERIFY(p->save(QStringLiteral("NatsUserRule"), QStringLiteral("dashboard-reader"), edited));
        QTRY_VERIFY2_WITH_TIMEOUT(saved.count() == 1, qPrintable(p->editorError()), Wait);
        const QList<HttpRequest> patches = s.sent("PATCH", QStringLiteral("/nats/user-rules/yaml/dashboard-reader"));
        QCOMPARE(patches.size(), 1);
        QByteArray uploaded;
        QVERIFY(patches.constFirst().formFile("natsUserRule", &uploaded));
        QCOMPARE(QString::fromUtf8(uploaded), edited);
        QVERIFY(!s.drafts->load(profile, QStringLiteral("NatsUserRule/dashboard-reader")));
        QVERIFY(!p->manifest()->modified());

        const QVariantList history = p->historyOf(QStringLiteral("dashboard-reader"));
        QCOMPARE(history.size(), 1);
        const QString id = history.constFirst().toMap().value(QStringLiteral("id")).toString();
        QCOMPARE(QString::fromUtf8(*s.history->read(profile, id)), live);

        // Revert: the kept state is opened against what is live now, ready to review and apply.
        QTRY_VERIFY_WITH_TIMEOUT(p->selectedObject().value(u"maxSubscriptions").toInt() == 300, Wait);
        QVERIFY(p->openRevert(QStringLiteral("dashboard-reader"), id));
        QCOMPARE(p->manifest()->text(), live);
        QVERIFY(p->manifest()->modified());
        const QVariantMap back = p->review(QStringLiteral("dashboard-reader"), live);
        QCOMPARE(back.value(QStringLiteral("error")).toString(), QString());
        QVERIFY2(texts(back.value(QStringLiteral("changes")).toList()).join(u'\n').contains(u"maxSubscriptions: 300 → 200"),
                 qPrintable(texts(back.value(QStringLiteral("changes")).toList()).join(u'\n')));
    }

    void userRuleIsSimulatedWithALiveAccountRule()
    {
        // The simulator of a user rule offers the live account rules as YAML; a user rule that
        // sets no permissions gets the account rule's default permissions (nats-server's rule).
        SignedIn s;
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *accounts = s.page(QStringLiteral("natsAccountRules"));
        QVERIFY(accounts);
        QVERIFY(QTest::qWaitFor([&] { return accounts->list()->loaded(); }, Wait));
        const QVariantList rules = accounts->manifests();
        QStringList names;
        QString importer;
        for (const QVariant &r : rules) {
            names << r.toMap().value(QStringLiteral("name")).toString();
            if (names.last() == u"foo-importer")
                importer = r.toMap().value(QStringLiteral("text")).toString();
        }
        QVERIFY2(names.contains(u"foo-exporter") && names.contains(u"default-account"), qPrintable(names.join(u',')));
        QVERIFY(!importer.isEmpty());
        const Manifest::Checked checked = Manifest::check(importer.toUtf8(), QStringLiteral("NatsAccountRule"));
        QCOMPARE(checked.errorCount(), 0);
        QVERIFY2(importer.contains(u"imported.foo.>"), qPrintable(importer));

        ResourcePage *users = s.page(QStringLiteral("natsUserRules"));
        QVERIFY(users);
        QVERIFY(users->openEditor(QString()));
        users->manifest()->setText(QStringLiteral("apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata:\n  name: plain\n"
                                                  "spec:\n  subs: -1\n  payload: -1\n  maxData: -1\n"));
        // Without an account rule: no permissions, everything allowed.
        QVERIFY(users->manifest()->simulate(QStringLiteral("pub"), QStringLiteral("foo.bar")).value(QStringLiteral("allowed")).toBool());
        // With foo-importer: its default permissions decide.
        const QVariantMap withAccount = users->manifest()->simulate(QStringLiteral("pub"), QStringLiteral("foo.bar"), importer);
        QVERIFY2(!withAccount.value(QStringLiteral("allowed")).toBool(), qPrintable(withAccount.value(QStringLiteral("explanation")).toString()));
        // (foo-importer allows publishing to imported.foo.ack.> only.)
        QVERIFY2(withAccount.value(QStringLiteral("decidedBy")).toString().contains(u"imported.foo.ack.>"),
                 qPrintable(withAccount.value(QStringLiteral("decidedBy")).toString()));
        // Secret values are never offered this way.
        QVERIFY(s.page(QStringLiteral("secrets"))->manifests().isEmpty());
    }

    void fileOfManyDocumentsIsAppliedInDependencyOrderAndStopsAtTheFirstRefusal()
    {
        SignedIn s;
        // Applied in the order of Manifest::kinds() (config maps and rules before what names
        // them), whatever the file's order; the account rule is refused, so the user rule after it
        // is never sent.
        s.controller.protectedFixture("POST", Api + u"/configmaps/yaml", 201,
                                      QStringLiteral("POST_configmaps_yaml__fixture-yaml-config.json"));
        s.controller.protectedFixture("POST", Api + u"/nats/user-rules/yaml", 201,
                                      QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.json"));
        s.controller.protectedFixture("PATCH", Api + u"/nats/account-rules/yaml/foo-importer", 400,
                                      QStringLiteral("PATCH_nats_account-rules_yaml_NAME__name-mismatch_400.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        for (const QString &id : {QStringLiteral("natsUserRules"), QStringLiteral("natsAccountRules"), QStringLiteral("configMaps")})
            QVERIFY(QTest::qWaitFor([&] { return s.page(id)->list()->loaded(); }, Wait));
        ManifestApply *apply = s.cluster()->applier();
        QVERIFY(apply);

        const QByteArray configMap = "apiVersion: datasance.com/v3\nkind: ConfigMap\nmetadata:\n  name: team-config\n"
                                     "spec:\n  immutable: false\n  useVault: false\ndata:\n  a: b\n";
        QByteArray userRule = Test::fixture(QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.request.yaml"))
                                  .replace("name: dashboard-reader", "name: panel-reader");
        if (!userRule.endsWith('\n'))
            userRule += '\n';
        QByteArray accountRule = Test::fixture(QStringLiteral("POST_nats_account-rules_yaml__foo-importer.request.yaml"));
        if (!accountRule.endsWith('\n'))
            accountRule += '\n';
        // A kind the console cannot apply: nothing is sent.
        apply->editor()->setText(QString::fromUtf8(configMap + "---\nkind: Nonsense\n"));
        QVERIFY(!apply->plan().constFirst().toMap().value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(!apply->apply());
        QVERIFY(!apply->outcome().isEmpty());

        apply->editor()->setText(QString::fromUtf8(userRule + "---\n" + accountRule + "---\n" + configMap));
        const QVariantList plan = apply->plan();
        QVERIFY2(plan.size() == 3, qPrintable(plan.constFirst().toMap().value(QStringLiteral("error")).toString()));
        QCOMPARE(plan.at(0).toMap().value(QStringLiteral("text")).toString(),
                 QStringLiteral("create ConfigMap team-config (POST /api/v3/configmaps/yaml)"));
        // foo-importer is listed already: updated; the others are new.
        QCOMPARE(plan.at(1).toMap().value(QStringLiteral("text")).toString(),
                 QStringLiteral("update NatsAccountRule foo-importer (PATCH /api/v3/nats/account-rules/yaml/foo-importer)"));
        QCOMPARE(plan.at(2).toMap().value(QStringLiteral("text")).toString(),
                 QStringLiteral("create NatsUserRule panel-reader (POST /api/v3/nats/user-rules/yaml)"));
        // A plan sends nothing.
        QVERIFY(s.sent("POST", QStringLiteral("/configmaps/yaml")).isEmpty());
        QVERIFY(s.sent("PATCH", QStringLiteral("/nats/account-rules/yaml/foo-importer")).isEmpty());

        QSignalSpy finished(apply, &ManifestApply::finished);
        QVERIFY(apply->apply());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(finished.constFirst().constFirst().toBool(), false);
        QCOMPARE(apply->log(), QStringList{QStringLiteral("Created ConfigMap team-config.")});
        QVERIFY2(apply->outcome().contains(u"NatsAccountRule foo-importer was refused")
                     && apply->outcome().contains(u"doesn't match endpoint path")
                     && apply->outcome().contains(u"1 applied"),
                 qPrintable(apply->outcome()));
        QStringList order;
        for (const HttpRequest &r : s.controller.requests()) {
            if (r.method != "GET" && r.path.contains(u"yaml"))
                order << QString::fromLatin1(r.method) + u' ' + r.path;
        }
        QCOMPARE(order, (QStringList{QStringLiteral("POST /api/v3/configmaps/yaml"),
                                     QStringLiteral("PATCH /api/v3/nats/account-rules/yaml/foo-importer")}));
        // Each document is sent on its own, as written.
        QByteArray uploaded;
        QVERIFY(s.sent("PATCH", QStringLiteral("/nats/account-rules/yaml/foo-importer")).constFirst()
                    .formFile("natsAccountRule", &uploaded));
        QCOMPARE(uploaded, accountRule);
        // The rule's live state was kept before the attempt to change it.
        const QList<Manifest::HistoryEntry> kept = s.history->entries(s.session->profile().id);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.constFirst().name, QStringLiteral("foo-importer"));
        // A failed apply keeps the text.
        QVERIFY(apply->editor()->modified());
    }

    void fileAppliedConfigMapKeepsItsLiveDataInTheHistory()
    {
        // A config map's list entry has no data: the applier reads its details for the history
        // before it changes it (as the single-object editor does).
        SignedIn s;
        QJsonArray maps = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_configmaps.json"))).object()
                              .value(u"configMaps").toArray();
        maps << QJsonObject{{QStringLiteral("id"), 11}, {QStringLiteral("name"), QStringLiteral("fixture-yaml-config")},
                            {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), false}};
        s.controller.setHandler("GET", Api + u"/configmaps", [&s, maps](const HttpRequest &r) {
            HttpResponse refusal;
            if (!s.controller.authorize(r, &refusal))
                return refusal;
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("configMaps"), maps}});
        });
        s.controller.protectedFixture("GET", Api + u"/configmaps/fixture-yaml-config", 200,
                                      QStringLiteral("GET_configmaps_NAME__fixture-yaml-config.json"));
        s.controller.protectedFixture("PATCH", Api + u"/configmaps/yaml/fixture-yaml-config", 200,
                                      QStringLiteral("PATCH_configmaps_yaml_NAME__fixture-yaml-config.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(QTest::qWaitFor([&] { return s.page(QStringLiteral("configMaps"))->list()->loaded(); }, Wait));
        ManifestApply *apply = s.cluster()->applier();
        apply->editor()->setText(QString::fromUtf8(
            Test::fixture(QStringLiteral("PATCH_configmaps_yaml_NAME__fixture-yaml-config.request.yaml"))).replace(
            QStringLiteral("MODE: edge"), QStringLiteral("MODE: cloud")));
        QCOMPARE(apply->plan().constFirst().toMap().value(QStringLiteral("text")).toString(),
                 QStringLiteral("update ConfigMap fixture-yaml-config (PATCH /api/v3/configmaps/yaml/fixture-yaml-config)"));
        QSignalSpy finished(apply, &ManifestApply::finished);
        QVERIFY(apply->apply());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QVERIFY2(finished.constFirst().constFirst().toBool(), qPrintable(apply->outcome()));
        // The details were read before the change was sent.
        QStringList order;
        for (const HttpRequest &r : s.controller.requests()) {
            if (r.path.endsWith(u"fixture-yaml-config"))
                order << QString::fromLatin1(r.method) + u' ' + r.path;
        }
        QCOMPARE(order, (QStringList{QStringLiteral("GET /api/v3/configmaps/fixture-yaml-config"),
                                     QStringLiteral("PATCH /api/v3/configmaps/yaml/fixture-yaml-config")}));
        const QList<Manifest::HistoryEntry> kept = s.history->entries(s.session->profile().id);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.constFirst().kind, QStringLiteral("ConfigMap"));
        const Result<QByteArray> text = s.history->read(s.session->profile().id, kept.constFirst().id);
        QVERIFY(text.ok());
        QVERIFY2(text->contains("MODE: edge") && text->contains("listen 9090"), text->constData());
    }
};

QTEST_GUILESS_MAIN(TstRuleEditor)
#include "tst_ruleeditor.moc"
