#include "core/profiles/memorysecretstore.h"
#include "core/profiles/snapshotstore.h"
#include "core/resources/registry.h"
#include "models/agentspage.h"
#include "models/clusterview.h"
#include "core/session/controlplanesession.h"
#include "models/detailsmodel.h"
#include "models/resourcepage.h"
#include "signedinsession.h"
#include "standincontroller.h"
#include "testutil.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Pot;
using namespace Pot::Models;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;
using Pot::Test::StandInController;

namespace {

constexpr int Wait = 15000;
const QString Api = QStringLiteral("/api/v3");

/// A session signed in to the stand-in Controller with the generic resource pages.
struct SignedIn : Test::SignedInSession
{
    void serve(const QByteArray &method, const QString &path, int status, const QString &fixture)
    {
        controller.protectedFixture(method, Api + path, status, fixture);
    }
};

QString valueOf(const DetailsModel *m, const QString &group, const QString &label)
{
    for (const DetailRow &r : m->rows()) {
        if (r.group == group && r.label == label)
            return r.value;
    }
    return QStringLiteral("<none>");
}

QJsonObject withUserConfigMaps()
{
    QJsonObject o = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_configmaps.json"))).object();
    QJsonArray maps = o.value(u"configMaps").toArray();
    maps << QJsonObject{{QStringLiteral("id"), 9}, {QStringLiteral("name"), QStringLiteral("fixture-config")},
                        {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), true}};
    maps << QJsonObject{{QStringLiteral("id"), 10}, {QStringLiteral("name"), QStringLiteral("fixture-frozen")},
                        {QStringLiteral("immutable"), true}, {QStringLiteral("useVault"), true}};
    o.insert(QStringLiteral("configMaps"), maps);
    return o;
}

/// Every file under `dir` as one byte array.
QByteArray allFiles(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += it.filePath().toUtf8() + '\n' + f.readAll();
    }
    return all;
}

} // namespace

/// The generic resource page model (any kind of core/resources) against the stand-in Controller
/// replaying the third 3.7.3 capture.
class TstResourcePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void listDetailsAndSystemObjects()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/configmaps"), 200, QStringLiteral("GET_configmaps.json"));
        s.serve("GET", QStringLiteral("/configmaps/nats-server-conf-edge-node-1"), 200,
                QStringLiteral("GET_configmaps_NAME__nats-server-conf-edge-node-1.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("configMaps"));
        QVERIFY(p);
        // Nothing selected yet: the reason names the kind with its article.
        QCOMPARE(p->deniedReason(QStringLiteral("delete")), QStringLiteral("Select a config map first."));
        QCOMPARE(s.page(QStringLiteral("edgeResources"))->deniedReason(QStringLiteral("delete")),
                 QStringLiteral("Select an edge resource first."));
        QVERIFY(s.select(p, QStringLiteral("nats-server-conf-edge-node-1")));
        QCOMPARE(p->list()->count(), 8);
        QTRY_VERIFY_WITH_TIMEOUT(valueOf(p->details(), QStringLiteral("Data"), QStringLiteral("server.conf"))
                                     .contains(u"leafnodes"), Wait);
        QVERIFY(!p->detailsLoading());
        // Made by the Controller for NATS: not deleted or edited from here.
        QVERIFY(p->deniedReason(QStringLiteral("delete")).contains(u"NATS"));
        QVERIFY(!p->run(QStringLiteral("delete"), QStringLiteral("nats-server-conf-edge-node-1")));
        QVERIFY(!p->deniedReason(QStringLiteral("edit")).isEmpty());
        QCOMPARE(s.controller.hits("DELETE", Api + u"/configmaps/nats-server-conf-edge-node-1"), 0);
    }

    void deleteSendsTheConfirmedKeyOnly()
    {
        SignedIn s;
        const QJsonObject maps = withUserConfigMaps();
        s.controller.setHandler("GET", Api + u"/configmaps", [&s, maps](const HttpRequest &r) {
            HttpResponse refusal;
            if (!s.controller.authorize(r, &refusal))
                return refusal;
            return HttpResponse::json(200, maps);
        });
        s.serve("GET", QStringLiteral("/configmaps/fixture-config"), 200, QStringLiteral("GET_configmaps_NAME__fixture-config.json"));
        s.serve("DELETE", QStringLiteral("/configmaps/fixture-config"), 200, QStringLiteral("DELETE_configmaps_NAME__fixture-yaml-config.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("configMaps"));
        QVERIFY(s.select(p, QStringLiteral("fixture-config")));
        QCOMPARE(p->deniedReason(QStringLiteral("delete")), QString());
        QVERIFY(p->question(QStringLiteral("delete")).contains(u"fixture-config"));
        // A confirmation opened for another object cannot delete this one.
        QVERIFY(!p->run(QStringLiteral("delete"), QStringLiteral("fixture-frozen")));
        QSignalSpy finished(s.cluster(), &ClusterView::actionFinished);
        QVERIFY(p->run(QStringLiteral("delete"), QStringLiteral("fixture-config")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Wait);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Deleted config map fixture-config."));
        QCOMPARE(s.controller.hits("DELETE", Api + u"/configmaps/fixture-config"), 1);
        QCOMPARE(s.controller.hits("DELETE", Api + u"/configmaps/fixture-frozen"), 0);
    }

    void immutableMapIsNotEdited()
    {
        SignedIn s;
        const QJsonObject maps = withUserConfigMaps();
        s.controller.setHandler("GET", Api + u"/configmaps", [maps](const HttpRequest &) {
            return HttpResponse::json(200, maps);
        });
        s.serve("GET", QStringLiteral("/configmaps/fixture-frozen"), 200, QStringLiteral("GET_configmaps_NAME__fixture-frozen.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("configMaps"));
        QVERIFY(s.select(p, QStringLiteral("fixture-frozen")));
        QVERIFY(p->deniedReason(QStringLiteral("edit")).contains(u"immutable"));
        QVERIFY(!p->save(QStringLiteral("ConfigMap"), QStringLiteral("fixture-frozen"),
                         QStringLiteral("kind: ConfigMap\nmetadata:\n  name: fixture-frozen\ndata: {}\n")));
        QVERIFY(p->editorError().contains(u"immutable"));
    }

    void secretValuesStayHiddenAndUnsaved()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/secrets"), 200, QStringLiteral("GET_secrets.json"));
        s.serve("GET", QStringLiteral("/secrets/foo-dashboard-tls"), 200, QStringLiteral("GET_secrets_NAME__foo-dashboard-tls.json"));
        s.serve("GET", QStringLiteral("/secrets/nats-operator-seed"), 200,
                QStringLiteral("GET_secrets_NAME__nats-operator-seed_viewer-token.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("secrets"));
        QVERIFY(p->secretDetails());
        QVERIFY(s.select(p, QStringLiteral("foo-dashboard-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(!p->detailsLoading() && p->details()->rowCount() > 3, Wait);
        const QString masked = valueOf(p->details(), QStringLiteral("Data"), QStringLiteral("tls.crt"));
        QVERIFY2(masked.contains(u"hidden") && !masked.contains(u"BEGIN") && !masked.contains(u"LS0t"),
                 qPrintable(masked));
        QVERIFY(p->deniedReason(QStringLiteral("edit")).contains(u"Reveal"));
        p->setRevealed(true);
        QVERIFY(p->revealed());
        // tls values come base64-encoded and are shown decoded.
        QVERIFY(valueOf(p->details(), QStringLiteral("Data"), QStringLiteral("tls.crt"))
                    .startsWith(u"-----BEGIN CERTIFICATE-----"));
        QVERIFY(p->deniedReason(QStringLiteral("edit")).isEmpty());
        QVERIFY(p->yamlOf(QStringLiteral("Secret"), QStringLiteral("foo-dashboard-tls")).contains(u"tls.key"));
        // Another secret: hidden again.
        QVERIFY(s.select(p, QStringLiteral("nats-operator-seed")));
        QVERIFY(!p->revealed());
        QTRY_VERIFY_WITH_TIMEOUT(!p->detailsLoading() && valueOf(p->details(), QStringLiteral("Data"),
                                                                 QStringLiteral("seed")).contains(u"hidden"), Wait);
        QVERIFY(valueOf(p->details(), QStringLiteral("General"), QStringLiteral("Made by")).contains(u"operator seed"));
        // The list was saved for offline use; no value ever was.
        QTRY_VERIFY_WITH_TIMEOUT(allFiles(s.snapshotDir.path()).contains("foo-dashboard-tls"), Wait);
        const QByteArray saved = allFiles(s.snapshotDir.path());
        const QByteArray seed = QJsonDocument::fromJson(Test::fixture(
            QStringLiteral("GET_secrets_NAME__nats-operator-seed_viewer-token.json"))).object()
            .value(u"data").toObject().value(u"seed").toString().toUtf8();
        QVERIFY(seed.startsWith("SO"));
        QVERIFY(!saved.contains(seed));
        QVERIFY(!saved.contains("LS0tLS1CRUdJTi"));
        QVERIFY(!saved.contains("BEGIN CERTIFICATE"));
    }

    void whoCanReadSecretsIsNamed()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/secrets"), 200, QStringLiteral("GET_secrets__viewer-token.json"));
        QVERIFY(s.start(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass")));
        ResourcePage *p = s.page(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(p->readWarning().contains(u"viewer"), Wait);
        QVERIFY(p->readWarning().contains(u"admin"));
        QVERIFY(s.select(p, QStringLiteral("fixture-opaque")));
        // A viewer reads but does not delete or create.
        QVERIFY(p->deniedReason(QStringLiteral("delete")).contains(u"secrets:delete"));
        QVERIFY(p->deniedReason(QStringLiteral("create")).contains(u"secrets:create"));
        QVERIFY(p->deniedReason(QStringLiteral("reveal")).isEmpty());
        QVERIFY(s.page(QStringLiteral("registries"))->readWarning().contains(u"viewer"));
    }

    void yamlCreateUploadsTheDocument()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/configmaps"), 200, QStringLiteral("GET_configmaps.json"));
        s.serve("POST", QStringLiteral("/configmaps/yaml"), 201, QStringLiteral("POST_configmaps_yaml__fixture-yaml-config.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("configMaps"));
        QVERIFY(p->canCreate());
        // Refused locally, the text kept for the user to fix.
        QVERIFY(!p->save(QStringLiteral("ConfigMap"), {}, QStringLiteral("kind: ConfigMap\nmetadata: [\n")));
        QVERIFY2(p->editorError().contains(u"Line"), qPrintable(p->editorError()));
        QVERIFY(!p->save(QStringLiteral("ConfigMap"), {}, QStringLiteral("kind: Secret\nmetadata:\n  name: a\n")));
        QVERIFY2(p->editorError().contains(u"ConfigMap"), qPrintable(p->editorError()));
        QCOMPARE(s.controller.hits("POST", Api + u"/configmaps/yaml"), 0);

        QSignalSpy saved(p, &ResourcePage::saved);
        QVERIFY(p->save(QStringLiteral("ConfigMap"), {}, p->newYaml(QStringLiteral("ConfigMap"))));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, Wait);
        QCOMPARE(saved.at(0).at(1).toString(), QStringLiteral("my-config"));
        QCOMPARE(p->editorError(), QString());
        const HttpRequest *upload = nullptr;
        for (const HttpRequest &r : s.controller.requests()) {
            if (r.method == "POST" && r.path == Api + u"/configmaps/yaml")
                upload = &r;
        }
        QVERIFY(upload);
        QVERIFY(upload->header("content-type").startsWith("multipart/form-data"));
        QVERIFY(upload->body.contains("name=\"configMap\""));
        QVERIFY(upload->body.contains("kind: ConfigMap"));
    }

    void controllerRefusalKeepsTheEditorOpen()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/configmaps"), 200, QStringLiteral("GET_configmaps.json"));
        s.serve("POST", QStringLiteral("/configmaps/yaml"), 500, QStringLiteral("POST_configmaps__duplicate_500.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("configMaps"));
        QSignalSpy saved(p, &ResourcePage::saved);
        QVERIFY(p->save(QStringLiteral("ConfigMap"), {}, p->newYaml(QStringLiteral("ConfigMap"))));
        QTRY_VERIFY_WITH_TIMEOUT(!p->saving(), Wait);
        QCOMPARE(saved.count(), 0);
        QVERIFY2(!p->editorError().isEmpty(), "the Controller's refusal is shown");
    }

    void secretCreateAndUpdateUseTheWorkingRoutes()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/secrets"), 200, QStringLiteral("GET_secrets.json"));
        s.serve("GET", QStringLiteral("/secrets/foo-dashboard-tls"), 200, QStringLiteral("GET_secrets_NAME__foo-dashboard-tls.json"));
        s.serve("POST", QStringLiteral("/secrets"), 201, QStringLiteral("POST_secrets__fixture-opaque.json"));
        s.serve("PATCH", QStringLiteral("/secrets/foo-dashboard-tls"), 200, QStringLiteral("PATCH_secrets_NAME__fixture-opaque.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("secrets"));
        QSignalSpy saved(p, &ResourcePage::saved);
        QVERIFY2(p->save(QStringLiteral("Secret"), {}, QStringLiteral(
            "apiVersion: datasance.com/v3\nkind: Secret\nmetadata:\n  name: fixture-opaque\ntype: Opaque\n"
            "spec:\n  type: Opaque\ndata:\n  password: x\n")), qPrintable(p->editorError()));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, Wait);
        QJsonObject created;
        for (const HttpRequest &r : s.controller.requests()) {
            if (r.method == "POST" && r.path == Api + u"/secrets")
                created = r.jsonBody();
        }
        QCOMPARE(created.value(u"type").toString(), QStringLiteral("Opaque"));
        QCOMPARE(created.value(u"data").toObject().value(u"password").toString(), QStringLiteral("x"));

        QVERIFY(s.select(p, QStringLiteral("foo-dashboard-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(!p->detailsLoading(), Wait);
        p->setRevealed(true);
        const QString text = p->yamlOf(QStringLiteral("Secret"), QStringLiteral("foo-dashboard-tls"));
        QVERIFY2(text.contains(u"type: tls"), qPrintable(text));
        QVERIFY(p->save(QStringLiteral("Secret"), QStringLiteral("foo-dashboard-tls"), text));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, Wait);
        QCOMPARE(s.controller.hits("PATCH", Api + u"/secrets/foo-dashboard-tls"), 1);
        QCOMPARE(s.controller.hits("PATCH", Api + u"/secrets/yaml/foo-dashboard-tls"), 0);
    }

    void volumeMountLinks()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/volumeMounts"), 200, QStringLiteral("GET_volumeMounts.json"));
        QJsonArray linked{QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc")};
        s.controller.setHandler("GET", Api + u"/volumeMounts/nats-jwt-dir-remote-hub/link",
                                [&linked](const HttpRequest &) {
                                    return HttpResponse::json(200, QJsonObject{{QStringLiteral("fogUuids"), linked}});
                                });
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(s.cluster()->agents()->list()->loaded(), Wait);
        ResourcePage *p = s.page(QStringLiteral("volumeMounts"));
        QVERIFY(s.select(p, QStringLiteral("nats-jwt-dir-remote-hub")));
        QTRY_COMPARE_WITH_TIMEOUT(p->links().size(), 1, Wait);
        QCOMPARE(valueOf(p->details(), QStringLiteral("Linked agents"), QStringLiteral("edge-node-1")),
                 QStringLiteral("8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc"));
        // System mounts are not relinked from here.
        QVERIFY(!p->deniedReason(QStringLiteral("link")).isEmpty());

        // A user mount: link offers the agents not linked yet.
        s.controller.setHandler("GET", Api + u"/volumeMounts", [](const HttpRequest &) {
            QJsonArray mounts = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_volumeMounts.json"))).array();
            mounts << QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_volumeMounts_NAME__fixture-secret-mount.json"))).object();
            return HttpResponse::json(200, QJsonDocument(mounts).toJson());
        });
        s.controller.setHandler("GET", Api + u"/volumeMounts/fixture-secret-mount/link", [&linked](const HttpRequest &) {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("fogUuids"), linked}});
        });
        s.controller.setHandler("POST", Api + u"/volumeMounts/fixture-secret-mount/link", [&linked](const HttpRequest &r) {
            linked << r.jsonBody().value(u"fogUuids").toArray().at(0);
            return HttpResponse::fixture(200, QStringLiteral("POST_volumeMounts_NAME_link__fixture-secret-mount.json"));
        });
        p->refresh();
        QVERIFY(s.select(p, QStringLiteral("fixture-secret-mount")));
        QTRY_COMPARE_WITH_TIMEOUT(p->links().size(), 1, Wait);
        const QVariantList offered = p->choices(QStringLiteral("link"));
        QCOMPARE(offered.size(), 1);
        QCOMPARE(offered.at(0).toMap().value(QStringLiteral("text")).toString(), QStringLiteral("remote-hub"));
        QCOMPARE(p->choices(QStringLiteral("unlink")).size(), 1);
        QCOMPARE(p->deniedReason(QStringLiteral("link")), QString());
        QVERIFY(!p->run(QStringLiteral("link"), QStringLiteral("fixture-secret-mount"))); // no agent picked
        QVERIFY(p->run(QStringLiteral("link"), QStringLiteral("fixture-secret-mount"),
                       QStringLiteral("298c5318-e06c-4da0-990b-b3b0ba2aeec4")));
        QTRY_COMPARE_WITH_TIMEOUT(p->links().size(), 2, Wait);
        QVERIFY(p->choices(QStringLiteral("link")).isEmpty());
        QVERIFY(p->deniedReason(QStringLiteral("link")).contains(u"no agent"));
    }

    void routerIsShownAsOneObject()
    {
        SignedIn s;
        s.serve("GET", QStringLiteral("/router"), 200, QStringLiteral("GET_router.json"));
        QVERIFY(s.start(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        ResourcePage *p = s.page(QStringLiteral("router"));
        QVERIFY(p->single());
        QCOMPARE(p->list(), nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(p->hasSelection(), Wait);
        QCOMPARE(valueOf(p->details(), QStringLiteral("Default router"), QStringLiteral("Host")),
                 QStringLiteral("10.20.0.2"));
    }
};

QTEST_MAIN(TstResourcePage)
#include "tst_resourcepage.moc"
