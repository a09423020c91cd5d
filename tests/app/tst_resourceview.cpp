#include "consolewindow.h"
#include "testutil.h"
#include "uitestutil.h"

#include "app/compositionroot.h"
#include "app/expirytray.h"
#include "models/certificateexport.h"
#include "models/expiryradar.h"
#include "models/controlplanes.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Pot;
using Pot::Test::ConsoleWindow;
using Pot::Test::HttpRequest;
using Pot::Test::HttpResponse;

/// Generic resource pages (kinds described in core/resources) in the real window against the
/// stand-in Controller: the sidebar registry, a list with details, masked secret values, a typed
/// delete, create through the YAML dialog, the agent picker and a single-object page.
class TstResourceView : public QObject
{
    Q_OBJECT

private:
    ConsoleWindow m_console;
    QJsonArray m_maps;
    QJsonArray m_linked;
    QString text(QQuickItem *item) const { return item ? item->property("text").toString() : QString(); }
    void serve(const QByteArray &method, const QString &path, int status, const QString &fixture)
    {
        m_console.controller().protectedFixture(method, QStringLiteral("/api/v3") + path, status, fixture);
    }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        QVERIFY(m_console.start());
        m_maps = QJsonDocument::fromJson(Test::fixture(QStringLiteral("GET_configmaps.json")))
                     .object().value(u"configMaps").toArray();
        m_console.controller().setHandler("GET", QStringLiteral("/api/v3/configmaps"), [this](const HttpRequest &) {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("configMaps"), m_maps}});
        });
        m_console.controller().setHandler("POST", QStringLiteral("/api/v3/configmaps/yaml"), [this](const HttpRequest &r) {
            if (!r.body.contains("name: team-config"))
                return HttpResponse::fixture(500, QStringLiteral("POST_configmaps__duplicate_500.json"));
            m_maps << QJsonObject{{QStringLiteral("id"), 20}, {QStringLiteral("name"), QStringLiteral("team-config")},
                                  {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), false}};
            return HttpResponse::fixture(201, QStringLiteral("POST_configmaps_yaml__fixture-yaml-config.json"));
        });
        m_console.controller().setHandler("GET", QStringLiteral("/api/v3/configmaps/team-config"), [](const HttpRequest &) {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("id"), 20}, {QStringLiteral("name"), QStringLiteral("team-config")},
                                                       {QStringLiteral("immutable"), false}, {QStringLiteral("useVault"), false},
                                                       {QStringLiteral("data"), QJsonObject{{QStringLiteral("rate"), QStringLiteral("5")}}}});
        });
        m_console.controller().setHandler("DELETE", QStringLiteral("/api/v3/configmaps/team-config"), [this](const HttpRequest &) {
            m_maps.removeLast();
            return HttpResponse::fixture(200, QStringLiteral("DELETE_configmaps_NAME__fixture-yaml-config.json"));
        });
        serve("GET", QStringLiteral("/secrets"), 200, QStringLiteral("GET_secrets.json"));
        serve("GET", QStringLiteral("/secrets/foo-dashboard-tls"), 200, QStringLiteral("GET_secrets_NAME__foo-dashboard-tls.json"));
        serve("GET", QStringLiteral("/router"), 200, QStringLiteral("GET_router.json"));
        m_console.controller().setHandler("GET", QStringLiteral("/api/v3/volumeMounts"), [](const HttpRequest &) {
            QJsonObject dashboard = QJsonDocument::fromJson(Test::fixture(
                QStringLiteral("GET_volumeMounts_NAME__fixture-secret-mount.json"))).object();
            dashboard.insert(QStringLiteral("uuid"), QStringLiteral("5f0c2b1e-0000-4000-8000-000000000001"));
            dashboard.insert(QStringLiteral("name"), QStringLiteral("dashboard-tls-mount"));
            dashboard.insert(QStringLiteral("secretName"), QStringLiteral("foo-dashboard-tls"));
            return HttpResponse::json(200, QJsonDocument(QJsonArray{QJsonDocument::fromJson(Test::fixture(
                QStringLiteral("GET_volumeMounts_NAME__fixture-secret-mount.json"))).object(), dashboard}).toJson());
        });
        m_console.controller().setHandler("GET", QStringLiteral("/api/v3/volumeMounts/fixture-secret-mount/link"), [this](const HttpRequest &) {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("fogUuids"), m_linked}});
        });
        m_console.controller().setHandler("POST", QStringLiteral("/api/v3/volumeMounts/fixture-secret-mount/link"), [this](const HttpRequest &r) {
            m_linked << r.jsonBody().value(u"fogUuids").toArray().at(0);
            return HttpResponse::fixture(200, QStringLiteral("POST_volumeMounts_NAME_link__fixture-secret-mount.json"));
        });
        QVERIFY(m_console.signIn(QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
    }

    void configMapsListDetailsCreateAndDelete()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Config maps")));
        QVERIFY(m_console.find(QStringLiteral("iofog-nats-jwt-bundle"), QAccessible::Cell));
        QVERIFY(m_console.clickCell(QStringLiteral("iofog-nats-jwt-bundle")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected config map")),
                                  QStringLiteral("iofog-nats-jwt-bundle"), ConsoleWindow::Wait);
        // Made by the Controller: the delete button says why it is off.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Delete config map")).contains(u"NATS"),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Delete config map"))->isEnabled());
        m_console.screenshot(QStringLiteral("resource-configmaps"));

        // New config map…: a Controller refusal keeps the dialog and the text.
        Test::clickItem(m_console.button(QStringLiteral("New config map…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QVERIFY(text(yaml).contains(u"kind: ConfigMap"));
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("YAML problem")).contains(u"Conflict")
                                     || m_console.description(QStringLiteral("YAML problem")).contains(u"exists"),
                                 ConsoleWindow::Wait);
        QVERIFY(text(yaml).contains(u"name: my-config"));
        yaml->setProperty("text", text(yaml).replace(QStringLiteral("my-config"), QStringLiteral("team-config")));
        Test::clickItem(m_console.button(QStringLiteral("Back to editing")));
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected config map")),
                                  QStringLiteral("team-config"), ConsoleWindow::Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("rate")), QStringLiteral("5"), ConsoleWindow::Wait);

        // Delete with the typed name.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete config map"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete config map")));
        QQuickItem *typed = m_console.field(QStringLiteral("Name to confirm"));
        QVERIFY(typed);
        QVERIFY(!m_console.button(QStringLiteral("Delete"))->isEnabled());
        Test::typeInto(typed, QStringLiteral("team-config"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/configmaps/team-config")), 1,
                                  ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(!Test::findAccessible(m_console.window(), QStringLiteral("team-config"), QAccessible::Cell),
                                 ConsoleWindow::Wait);
    }

    void applyAFileOfManyManifests()
    {
        // Continues on Config maps (team-config was deleted). A user rule and a config map in one
        // file: the review lists both requests in the order they go, then both are applied.
        auto ruleUploads = std::make_shared<int>(0);
        m_console.controller().setHandler("POST", QStringLiteral("/api/v3/nats/user-rules/yaml"), [ruleUploads](const HttpRequest &r) {
            QByteArray yaml;
            if (!r.formFile("natsUserRule", &yaml))
                return HttpResponse::json(500, QByteArrayLiteral("{\"message\":\"no file\"}"));
            ++*ruleUploads;
            return HttpResponse::fixture(201, QStringLiteral("POST_nats_user-rules_yaml__dashboard-reader.json"));
        });
        Test::clickItem(m_console.button(QStringLiteral("Apply file…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        yaml->setProperty("text", QStringLiteral(
            "apiVersion: datasance.com/v3\nkind: ConfigMap\nmetadata:\n  name: team-config\nspec:\n"
            "  immutable: false\n  useVault: false\ndata:\n  rate: \"5\"\n---\n"
            "apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata:\n  name: panel-reader\nspec:\n"
            "  subs: 100\n  payload: 256k\n  maxData: -1\n  sub:\n    allow: [\"imported.foo.>\"]\n"));
        QQuickItem *review = m_console.button(QStringLiteral("Review changes"));
        QTRY_VERIFY_WITH_TIMEOUT(review->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(review);
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Step")),
                                  QStringLiteral("1. create ConfigMap team-config (POST /api/v3/configmaps/yaml)"),
                                  ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("apply-file-review"));
        Test::clickItem(m_console.button(QStringLiteral("Apply")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Apply outcome")),
                                  QStringLiteral("Applied 2 documents."), ConsoleWindow::Wait);
        QCOMPARE(*ruleUploads, 1);
        QCOMPARE(m_console.controller().hits("POST", QStringLiteral("/api/v3/configmaps/yaml")), 3);
        m_console.screenshot(QStringLiteral("apply-file-done"));
        Test::clickItem(m_console.button(QStringLiteral("Close")));
    }

    // Export of a certificate as the Controller holds it: its CA read along its chain, the key with
    // it in the PKCS#12; read back by openssl. (Before the renew below, which drops the chain.)
    void exportACertificateWithItsChain()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca › foo-dashboard-tls")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected certificate")),
                                  QStringLiteral("foo-dashboard-tls"), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Export…"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Export…")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Export contents"))
                                     .contains(u"foo-dashboard-tls with 2 certificate(s) on its chain and its private key"),
                                 ConsoleWindow::Wait);
        QCOMPARE(m_console.controller().hits("GET", QStringLiteral("/api/v3/certificates/ca/fixture-root-ca")) >= 1, true);
        m_console.screenshot(QStringLiteral("resource-certificate-export"));
        // The page's exporter (the save dialog cannot be driven offscreen): found from the page's button.
        Models::CertificateExport *exporter = nullptr;
        for (QQuickItem *p = m_console.button(QStringLiteral("Export…")); p && !exporter; p = p->parentItem())
            exporter = qvariant_cast<Models::CertificateExport *>(p->property("exporter"));
        QVERIFY(exporter);
        QTemporaryDir dir;
        const QString chain = dir.filePath(QStringLiteral("chain.pem"));
        const QString p12 = dir.filePath(QStringLiteral("dashboard.p12"));
        QVERIFY(exporter->exportTo(QUrl::fromLocalFile(chain), QStringLiteral("chain")));
        QVERIFY(exporter->exportTo(QUrl::fromLocalFile(p12), QStringLiteral("pkcs12"), QStringLiteral("export-me")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Export status")).contains(u"readable by you only"),
                                 ConsoleWindow::Wait);
        for (const QString &f : {chain, p12})
            QCOMPARE(QFileInfo(f).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        // The chain: the certificate first, its CA after it, and openssl verifies the one with the other.
        QFile chainFile(chain);
        QVERIFY(chainFile.open(QIODevice::ReadOnly));
        const QByteArray pems = chainFile.readAll();
        QCOMPARE(pems.count("-----BEGIN CERTIFICATE-----"), 2);
        const qsizetype second = pems.indexOf("-----BEGIN CERTIFICATE-----", 1);
        const QString leafPath = dir.filePath(QStringLiteral("leaf.pem"));
        const QString caPath = dir.filePath(QStringLiteral("ca.pem"));
        QFile leafFile(leafPath), caFile(caPath);
        QVERIFY(leafFile.open(QIODevice::WriteOnly) && caFile.open(QIODevice::WriteOnly));
        leafFile.write(pems.left(second));
        caFile.write(pems.mid(second));
        leafFile.close();
        caFile.close();
        const Test::ProcessRun verify = Test::runProcess(QStringLiteral("openssl"),
            {QStringLiteral("verify"), QStringLiteral("-no_check_time"), QStringLiteral("-CAfile"), caPath, leafPath});
        QVERIFY2(verify.code == 0, qPrintable(verify.out + verify.err));
        // The PKCS#12 opens with its password and holds both certificates and the key.
        const Test::ProcessRun opened = Test::runProcess(QStringLiteral("openssl"),
            {QStringLiteral("pkcs12"), QStringLiteral("-in"), p12, QStringLiteral("-passin"), QStringLiteral("pass:export-me"),
             QStringLiteral("-nodes")});
        QVERIFY2(opened.code == 0, qPrintable(opened.err));
        QCOMPARE(opened.out.count(u"-----BEGIN CERTIFICATE-----"), 2);
        QVERIFY(opened.out.contains(u"PRIVATE KEY-----"));
        Test::clickItem(m_console.button(QStringLiteral("Close export")));
        QTRY_VERIFY_WITH_TIMEOUT(!exporter->ready(), ConsoleWindow::Wait);
    }

    // Certificates: each CA followed by what it issued, details read from the PEM, the private key
    // masked, renew with what the Controller also does, create from YAML, typed delete.
    void certificatesFromThePemRenewCreateAndDelete()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("fixture-root-ca › foo-dashboard-tls"), QAccessible::Cell),
                                 ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Who can read these")).contains(u"certificates:get"),
                                 ConsoleWindow::Wait);
        // A CA the Controller made for NATS: shown, not deletable.
        QVERIFY(m_console.clickCell(QStringLiteral("nats-local-ca-edge-node-1")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Delete CA")).contains(u"NATS"), ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Delete CA"))->isEnabled());

        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca › foo-dashboard-tls")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected certificate")),
                                  QStringLiteral("foo-dashboard-tls"), ConsoleWindow::Wait);
        // Fields the Controller's JSON does not have, read from its PEM.
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Extended key usage")).contains(u"TLS Web Server Authentication"),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.description(QStringLiteral("SHA-256")).count(u':') == 31);
        QVERIFY(m_console.description(QStringLiteral("Alternative names")).contains(u"DNS:"));
        m_console.screenshot(QStringLiteral("resource-certificates"));
        // The key's group is at the end of the details.
        QVERIFY(QMetaObject::invokeMethod(m_console.find(QStringLiteral("certificate details"), QAccessible::List),
                                          "positionViewAtEnd"));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Matches")), QStringLiteral("yes (RSA 2048 bit)"),
                                  ConsoleWindow::Wait);
        QVERIFY(m_console.description(QStringLiteral("PEM")).contains(u"hidden"));
        QVERIFY(m_console.description(QStringLiteral("Dates differ")).isEmpty());

        // Renew: the question says what the Controller also does; afterwards the record lost its CA
        // link and its dates no longer match the PEM, which the details say.
        // With the volume mounts read, the question names the one that goes with the secret.
        QVERIFY(m_console.openSection(QStringLiteral("Volume mounts")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("dashboard-tls-mount"), QAccessible::Cell), ConsoleWindow::Wait);
        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        // Delete names what uses it: the volume mount of its secret; for a CA, what it signed.
        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca › foo-dashboard-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete certificate"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete certificate")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Confirmation message"))
                                     .contains(u"Volume mounts that use it now and will be deleted: dashboard-tls-mount."),
                                 ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Cancel")));
        QTRY_VERIFY_WITH_TIMEOUT(!Test::findAccessible(m_console.window(), QStringLiteral("Name to confirm"), QAccessible::EditableText),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete CA"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete CA")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Confirmation message")).contains(u"Certificates it signed: "),
                                 ConsoleWindow::Wait);
        QVERIFY2(m_console.description(QStringLiteral("Confirmation message")).contains(u"foo-dashboard-tls"),
                 qPrintable(m_console.description(QStringLiteral("Confirmation message"))));
        m_console.screenshot(QStringLiteral("resource-certificates-delete-ca"));
        Test::clickItem(m_console.button(QStringLiteral("Cancel")));
        QTRY_VERIFY_WITH_TIMEOUT(!Test::findAccessible(m_console.window(), QStringLiteral("Name to confirm"), QAccessible::EditableText),
                                 ConsoleWindow::Wait);
        QCOMPARE(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/certificates/ca/fixture-root-ca")), 0);

        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca › foo-dashboard-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Renew"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Renew")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Confirmation message"))
                                     .contains(u"Volume mounts that use it now and will be deleted: dashboard-tls-mount."),
                                 ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("resource-certificates-renew"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("Name to confirm"), QAccessible::EditableText), ConsoleWindow::Wait);
        Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("foo-dashboard-tls"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Renew certificate"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Renew certificate")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("POST", QStringLiteral("/api/v3/certificates/foo-dashboard-tls/renew")), 1,
                                  ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("foo-dashboard-tls"), QAccessible::Cell), ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("foo-dashboard-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Dates differ")).contains(u"the certificate itself says"),
                                 ConsoleWindow::Wait);
        QVERIFY(QMetaObject::invokeMethod(m_console.find(QStringLiteral("certificate details"), QAccessible::List),
                                          "positionViewAtBeginning"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Serial (Controller)")).startsWith(u"renewed-"),
                                 ConsoleWindow::Wait);
        QCOMPARE(m_console.description(QStringLiteral("Issued by (CA)")), QStringLiteral("—"));

        // New certificate…: an unknown CA is refused with the Controller's message; then created.
        Test::clickItem(m_console.button(QStringLiteral("New certificate…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QVERIFY(text(yaml).contains(u"kind: Certificate"));
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("YAML problem")).contains(u"my-ca"), ConsoleWindow::Wait);
        yaml->setProperty("text", text(yaml).replace(QStringLiteral("secretName: my-ca"), QStringLiteral("secretName: fixture-root-ca")));
        Test::clickItem(m_console.button(QStringLiteral("Back to editing")));
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("fixture-root-ca › my-service-tls"), QAccessible::Cell),
                                 ConsoleWindow::Wait);

        // Delete it with its typed name; a CA's delete is refused for a certificate.
        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca › my-service-tls")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Selected certificate")),
                                  QStringLiteral("my-service-tls"), ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Delete CA"))->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete certificate"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete certificate")));
        Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("my-service-tls"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/certificates/my-service-tls")), 1,
                                  ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(!Test::findAccessible(m_console.window(), QStringLiteral("fixture-root-ca › my-service-tls"),
                                                       QAccessible::Cell),
                                 ConsoleWindow::Wait);

        // The same route makes a CA (kind CertificateAuthority); another kind is refused in the editor.
        Test::clickItem(m_console.button(QStringLiteral("New certificate…")));
        yaml = m_console.field(QStringLiteral("YAML"));
        yaml->setProperty("text", QStringLiteral("apiVersion: datasance.com/v3\nkind: Secret\nmetadata:\n  name: a-root-ca\n"
                                                 "spec:\n  type: self-signed\n  subject: A Root CA\n  expiration: 24\n"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("YAML check")).contains(u"1 error"), ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Review changes"))->isEnabled());
        yaml->setProperty("text", text(yaml).replace(QStringLiteral("kind: Secret"), QStringLiteral("kind: CertificateAuthority")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Review changes"))->isEnabled(), ConsoleWindow::Wait);
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("a-root-ca"), QAccessible::Cell), ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("a-root-ca")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Kind")), QStringLiteral("certificate authority"),
                                  ConsoleWindow::Wait);
        QVERIFY(!m_console.button(QStringLiteral("Renew"))->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete CA"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete CA")));
        Test::typeInto(m_console.field(QStringLiteral("Name to confirm")), QStringLiteral("a-root-ca"));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Delete"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Delete")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.controller().hits("DELETE", QStringLiteral("/api/v3/certificates/ca/a-root-ca")), 1,
                                  ConsoleWindow::Wait);
    }

    // The forms fill the YAML editor with what the Controller expects (the lifetime in days sent as
    // milliseconds), to review and apply like any new object.
    void certificateAndCaFromForms()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("fixture-root-ca"), QAccessible::Cell), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Certificate from a form…"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Certificate from a form…")));
        QQuickItem *next = m_console.button(QStringLiteral("Continue with certificate in YAML"));
        QVERIFY(next && !next->isEnabled());
        Test::typeInto(m_console.field(QStringLiteral("Certificate name")), QStringLiteral("form-made-tls"));
        Test::typeInto(m_console.field(QStringLiteral("Common name")), QStringLiteral("form.example.invalid"));
        Test::typeInto(m_console.field(QStringLiteral("Certificate hosts")), QStringLiteral("form.example.invalid, 10.0.0.9"));
        QQuickItem *ca = m_console.find(QStringLiteral("Signing CA"), QAccessible::ComboBox);
        QVERIFY(ca);
        QCOMPARE(ca->property("currentText").toString(), QStringLiteral("fixture-root-ca")); // the first CA, by name
        QQuickItem *days = m_console.find(QStringLiteral("Certificate lifetime in days"));
        QVERIFY(days);
        days->setProperty("value", 90);
        m_console.screenshot(QStringLiteral("resource-certificate-form"));
        QTRY_VERIFY_WITH_TIMEOUT(next->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(next);
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QTRY_VERIFY_WITH_TIMEOUT(text(yaml).contains(u"kind: Certificate\n"), ConsoleWindow::Wait);
        const QString doc = text(yaml);
        for (const char *line : {"  name: form-made-tls\n", "  subject: form.example.invalid\n",
                                 "  hosts: form.example.invalid,10.0.0.9\n", "  expiration: 7776000000\n",
                                 "    type: direct\n", "    secretName: fixture-root-ca\n"})
            QVERIFY2(doc.contains(QLatin1String(line)), qPrintable(doc));
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("fixture-root-ca › form-made-tls"), QAccessible::Cell),
                                 ConsoleWindow::Wait);
        // 90 days, as the Controller reads 7776000000: milliseconds.
        QVERIFY(m_console.clickCell(QStringLiteral("fixture-root-ca › form-made-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Valid (Controller)")).contains(u" → "), ConsoleWindow::Wait);
        const QStringList range = m_console.description(QStringLiteral("Valid (Controller)")).split(QStringLiteral(" → "));
        QCOMPARE(QDateTime::fromString(range.at(0), Qt::ISODate).daysTo(QDateTime::fromString(range.at(1), Qt::ISODate)), 90);

        Test::clickItem(m_console.button(QStringLiteral("CA from a form…")));
        Test::typeInto(m_console.field(QStringLiteral("CA name")), QStringLiteral("form-root-ca"));
        Test::typeInto(m_console.field(QStringLiteral("CA common name")), QStringLiteral("Form Root CA"));
        Test::clickItem(m_console.button(QStringLiteral("Continue with CA in YAML")));
        yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        QTRY_VERIFY_WITH_TIMEOUT(text(yaml).contains(u"kind: CertificateAuthority\n"), ConsoleWindow::Wait);
        for (const char *line : {"  name: form-root-ca\n", "  type: self-signed\n", "  subject: Form Root CA\n",
                                 "  expiration: 157680000000\n"})
            QVERIFY2(text(yaml).contains(QLatin1String(line)), qPrintable(text(yaml)));
        QVERIFY(m_console.reviewAndApply());
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("form-root-ca"), QAccessible::Cell), ConsoleWindow::Wait);
        QCOMPARE(m_console.controller().hits("POST", QStringLiteral("/api/v3/certificates/yaml")) >= 2, true);
    }

    void secretValuesAreMaskedUntilRevealed()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Secrets")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("Who can read these")).contains(u"viewer"),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.clickCell(QStringLiteral("foo-dashboard-tls")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("tls.crt")).contains(u"hidden"), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("resource-secrets-masked"));
        Test::clickItem(m_console.button(QStringLiteral("Reveal values")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("tls.crt")).startsWith(u"-----BEGIN CERTIFICATE"),
                                 ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Hide values")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.description(QStringLiteral("tls.crt")).contains(u"hidden"), ConsoleWindow::Wait);
    }

    void linkAVolumeMountToAnAgent()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Volume mounts")));
        QVERIFY(m_console.clickCell(QStringLiteral("fixture-secret-mount")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Linked to")), QStringLiteral("no agent"), ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("Link to agent…"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Link to agent…")));
        QVERIFY(m_console.find(QStringLiteral("Agent"), QAccessible::ComboBox));
        Test::clickItem(m_console.button(QStringLiteral("Link")));
        QTRY_COMPARE_WITH_TIMEOUT(m_linked.size(), 1, ConsoleWindow::Wait);
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.description(m_linked.at(0).toString() == u"8b6c66bf-ef7f-405b-8e04-d6c7bdd088fc"
                                                            ? QStringLiteral("edge-node-1") : QStringLiteral("remote-hub")).isEmpty(),
                                 ConsoleWindow::Wait);
    }

    // The radar reads what the control plane saved while its pages were open (certificates here).
    void expiryRadarShowsWhatEndsSoon()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("fixture-root-ca › mqtt-gateway-tls"), QAccessible::Cell),
                                 ConsoleWindow::Wait);
        QVERIFY(m_console.openSection(QStringLiteral("Expiry radar")));
        // mqtt-gateway-tls ends 2026-12-23 (captured): within 90 days of now, the default window.
        QQuickItem *row = m_console.find(QStringLiteral("certificate mqtt-gateway-tls"), QAccessible::ListItem);
        QVERIFY(row);
        QVERIFY(m_console.description(QStringLiteral("certificate mqtt-gateway-tls"), QAccessible::ListItem).contains(u"2026-12-23"));
        QVERIFY(m_console.description(QStringLiteral("Expiry summary")).contains(u"Read now from stand-in"));
        m_console.screenshot(QStringLiteral("expiry-radar"));
    }

    // The tray: signing in read the control plane; the icon counts what is due within 30 days
    // (mqtt-gateway-tls ends 2026-12-23), its tooltip names the soonest, and a desktop notice came
    // once — not again on the next refresh. Its menu's "Open expiry radar" shows the page.
    void trayCountsAndNotifiesOnce()
    {
        App::ExpiryTray *tray = m_console.root().expiryTray();
        QTRY_VERIFY_WITH_TIMEOUT(tray->count() >= 1, ConsoleWindow::Wait);
        QVERIFY2(tray->toolTip().contains(u"due, the soonest"), qPrintable(tray->toolTip()));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.notices().size(), 1, ConsoleWindow::Wait);
        QVERIFY2(m_console.notices().constFirst().contains(u"certificate mqtt-gateway-tls (stand-in)"),
                 qPrintable(m_console.notices().constFirst()));

        Models::ExpiryRadar *radar = m_console.root().expiryRadar();
        QSignalSpy refreshed(radar, &Models::ExpiryRadar::refreshed);
        radar->refresh();
        QVERIFY(refreshed.wait(ConsoleWindow::Wait));
        QCOMPARE(m_console.notices().size(), 1);

        // The badge: red in the lower right corner with a count, the plain icon without.
        const QImage badged = App::ExpiryTray::badgeIcon(3).pixmap(32, 32).toImage();
        const QImage plain = App::ExpiryTray::badgeIcon(0).pixmap(32, 32).toImage();
        const QColor corner = badged.pixelColor(31 - 3, 31 - 2);
        QVERIFY2(corner.red() > 150 && corner.green() < 90, qPrintable(corner.name()));
        QVERIFY(plain.pixelColor(31 - 3, 31 - 2) != corner);

        QVERIFY(m_console.openSection(QStringLiteral("Certificates")));
        Q_EMIT tray->openRequested();
        QTRY_VERIFY_WITH_TIMEOUT(m_console.find(QStringLiteral("Expiry summary"), QAccessible::StaticText), ConsoleWindow::Wait);
    }

    void editorOfOneControlPlaneClosesWhenAnotherIsSignedIn()
    {
        // A dialog opened for one control plane must not apply to another. The editor is left in
        // its review (the state a pending Apply is in) and another control plane is signed in:
        // the editor closes, and what was typed is kept in the first profile's draft.
        const int first = m_console.planes()->currentIndex();
        const int posts = m_console.controller().hits("POST", QStringLiteral("/api/v3/configmaps/yaml"));
        QVERIFY(m_console.openSection(QStringLiteral("Config maps")));
        Test::clickItem(m_console.button(QStringLiteral("New config map…")));
        QQuickItem *yaml = m_console.field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        yaml->setProperty("text", text(yaml).replace(QStringLiteral("my-config"), QStringLiteral("switch-config")));
        QQuickItem *review = m_console.button(QStringLiteral("Review changes"));
        QTRY_VERIFY_WITH_TIMEOUT(review->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(review);
        QVERIFY(m_console.button(QStringLiteral("Apply")));

        QVERIFY(m_console.signIn(QStringLiteral("viewer@example.com"), QStringLiteral("viewer-pass"), false,
                                 QStringLiteral("second plane")));
        QTRY_VERIFY_WITH_TIMEOUT(!Test::findAccessible(m_console.window(), QStringLiteral("Apply"), QAccessible::Button),
                                 ConsoleWindow::Wait);
        QVERIFY(!m_console.editorOpen());
        QCOMPARE(m_console.controller().hits("POST", QStringLiteral("/api/v3/configmaps/yaml")), posts);

        // Back on the first control plane, the draft is offered again.
        QVERIFY(m_console.switchTo(first, QStringLiteral("admin@example.com"), QStringLiteral("admin-pass")));
        QVERIFY(m_console.openSection(QStringLiteral("Config maps")));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.button(QStringLiteral("New config map…"))->isEnabled(), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("New config map…")));
        QQuickItem *restore = m_console.button(QStringLiteral("Restore draft"));
        QVERIFY(restore);
        Test::clickItem(restore);
        yaml = m_console.field(QStringLiteral("YAML"));
        QTRY_VERIFY_WITH_TIMEOUT(text(yaml).contains(u"name: switch-config"), ConsoleWindow::Wait);
        Test::clickItem(m_console.button(QStringLiteral("Cancel")));
        Test::clickItem(m_console.button(QStringLiteral("Close, keep draft")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_console.editorOpen(), ConsoleWindow::Wait);
    }

    void routerPageShowsTheDefaultRouter()
    {
        QVERIFY(m_console.openSection(QStringLiteral("Router")));
        QTRY_COMPARE_WITH_TIMEOUT(m_console.description(QStringLiteral("Host")), QStringLiteral("10.20.0.2"), ConsoleWindow::Wait);
        m_console.screenshot(QStringLiteral("resource-router"));
    }
};

QTEST_MAIN(TstResourceView)
#include "tst_resourceview.moc"
