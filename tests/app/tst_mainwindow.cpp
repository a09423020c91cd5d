#include "app/compositionroot.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretkeys.h"
#include "core/profiles/secretstore.h"
#include "standinkeycloak.h"
#include "app/clipboardguard.h"
#include "models/controlplanes.h"
#include "models/manifesteditor.h"
#include "models/natsdecoder.h"
#include "models/certificateinspector.h"
#include "models/tlsassistant.h"
#include "testpki.h"
#include "standincontroller.h"
#include "testutil.h"
#include "uitestutil.h"

#include <QDeadlineTimer>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QGuiApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QLocale>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <functional>

Q_IMPORT_QML_PLUGIN(PotConsolePlugin)

using namespace Pot;
using Pot::Test::clickItem;
using Pot::Test::findAccessible;
using Pot::Test::maybeScreenshot;
using Pot::Test::typeInto;

namespace {

/// Generous waits: CI runs two suites at once on two cores.
constexpr int kWait = 15000;

QString textOf(QQuickItem *item)
{
    return item ? item->property("text").toString() : QString();
}

} // namespace

/// Drives the real console window offscreen against the loopback stand-in Controller.
class TstMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Pot::Test::StandInController> m_controller;
    Pot::Test::StandInKeycloak *m_keycloak = nullptr; ///< the realm the stand-in serves
    std::unique_ptr<App::CompositionRoot> m_root;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
    QUrl m_browserUrl;

    QQuickItem *find(const QString &name, QAccessible::Role role = QAccessible::NoRole)
    {
        // Popups open with a short transition; wait for the control to be there.
        QDeadlineTimer deadline(kWait);
        QQuickItem *item = findAccessible(m_window, name, role);
        while (!item && !deadline.hasExpired()) {
            QTest::qWait(20);
            item = findAccessible(m_window, name, role);
        }
        if (!item)
            qWarning("no control named \"%s\"", qPrintable(name));
        return item;
    }

    QQuickItem *field(const QString &name) { return find(name, QAccessible::EditableText); }
    QQuickItem *button(const QString &name) { return find(name, QAccessible::Button); }
    QString description(const QString &name)
    {
        QQuickItem *item = find(name);
        QAccessibleInterface *iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
        return iface ? iface->text(QAccessible::Description) : QString();
    }

    /// Fills the profile dialog and saves it.
    void addProfile(const QString &name, const QString &url, const QString &email, bool browser)
    {
        clickItem(button(QStringLiteral("Add control plane")));
        typeInto(field(QStringLiteral("Profile name")), name);
        typeInto(field(QStringLiteral("Controller URL")), url);
        if (browser) {
            clickItem(find(QStringLiteral("Sign in with browser"), QAccessible::RadioButton));
            typeInto(field(QStringLiteral("Keycloak URL")), m_keycloak->baseUrl().toString());
            typeInto(field(QStringLiteral("Keycloak realm")), m_keycloak->realm());
            typeInto(field(QStringLiteral("Keycloak client id")), m_keycloak->clientId());
        } else {
            typeInto(field(QStringLiteral("E-mail")), email);
        }
        maybeScreenshot(m_window, QStringLiteral("profile-dialog"));
        clickItem(button(QStringLiteral("Save profile")));
    }

private Q_SLOTS:
    void init() { Pot::Test::failOnQmlWarnings(); }
    void initTestCase()
    {
        Pot::Test::initTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_controller = std::make_unique<Pot::Test::StandInController>();
        QVERIFY(m_controller->listen());
        m_controller->setHandler("GET", QStringLiteral("/api/v3/nats/accounts"),
                                 [](const Pot::Test::HttpRequest &) {
                                     return Pot::Test::HttpResponse::fixture(
                                         200, QStringLiteral("GET_nats_accounts.json"));
                                 });
        m_keycloak = &m_controller->keycloak();
        m_keycloak->setUser(QStringLiteral("ops-lead"), QStringLiteral("ops@example.com"),
                            {QStringLiteral("Admin")});

        App::CompositionRoot::Options options;
        options.useMemorySecretStore = true;
        options.profilesFile = m_dir.filePath(QStringLiteral("profiles.yaml"));
        options.potctlHome = m_dir.path();
        options.requestTimeoutMs = 2000;
        options.openBrowser = [this](const QUrl &url) { m_browserUrl = url; };
        m_root = std::make_unique<App::CompositionRoot>(options);
        m_engine = std::make_unique<QQmlApplicationEngine>();
        QVERIFY(m_root->load(*m_engine));
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
        QVERIFY(m_window);
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        maybeScreenshot(m_window, QStringLiteral("01-empty"));
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_root.reset();
    }

    void emptyStateOffersToAddAControlPlane()
    {
        QVERIFY(findAccessible(m_window, QStringLiteral("No control plane yet")));
        QVERIFY(findAccessible(m_window, QStringLiteral("Add control plane")));
    }

    void addProfileAndSignInWithTotp()
    {
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_controller->port());
        addProfile(QStringLiteral("staging"), url, QStringLiteral("otp@example.com"), false);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->profileModel()->rowCount(), 1, kWait);
        // Saved to the profile file at once.
        QCOMPARE(m_root->profileStore()->profiles().constFirst().controllerUrl, url);

        clickItem(button(QStringLiteral("Connect")));
        // The Controller answers /status; nobody is signed in yet, so the sign-in dialog opens.
        QQuickItem *password = field(QStringLiteral("Password"));
        QTRY_COMPARE_WITH_TIMEOUT(textOf(find(QStringLiteral("Controller version"))), QStringLiteral("3.7.3"), kWait);
        QCOMPARE(textOf(field(QStringLiteral("E-mail"))), QStringLiteral("otp@example.com"));

        // Without the one-time code the Controller refuses; what was typed stays in the dialog.
        typeInto(password, QStringLiteral("otp-pass"));
        clickItem(button(QStringLiteral("Sign in")));
        QQuickItem *error = find(QStringLiteral("Sign-in error"));
        QVERIFY(error);
        QTRY_VERIFY_WITH_TIMEOUT(textOf(error).contains(QStringLiteral("Sign-in refused")), kWait);
        QCOMPARE(textOf(password), QStringLiteral("otp-pass"));
        maybeScreenshot(m_window, QStringLiteral("02-sign-in-refused"));

        typeInto(field(QStringLiteral("One-time code")), QStringLiteral("123456"));
        clickItem(button(QStringLiteral("Sign in")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                     int(ConnectionState::SignedIn), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(textOf(find(QStringLiteral("Signed-in user"))), QStringLiteral("otp@example.com"), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Session expiry"))).startsWith(u"expires in"), kWait);
        QCOMPARE(m_controller->loginCount(), 2);
        maybeScreenshot(m_window, QStringLiteral("03-signed-in"));

        // The refresh token went to the secret store; the profile file holds no secret.
        QFile file(m_root->profileStore()->filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains("otp-pass"));
        const QUuid id = m_root->profileStore()->profiles().constFirst().id;
        std::optional<Result<SecretBytes>> stored;
        m_root->secretStore()->read(Profiles::SecretKeys::refreshTokenKey(id), this,
                                    [&stored](Result<SecretBytes> r) { stored = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), kWait);
        QVERIFY_RESULT(*stored);
        QVERIFY(!(*stored)->isEmpty());
        QVERIFY(!text.contains((*stored)->revealCopy()));
    }

    // Another program on the same profile file (pot-console-cli) adds a profile, changes the
    // signed-in one and removes what it added: the window follows at once; the current profile stays
    // selected and signed in.
    void profilesChangedElsewhereAppear()
    {
        Models::ControlPlanes *planes = m_root->controlPlanes();
        const int rows = planes->profileModel()->rowCount();
        const QString current = planes->currentName();
        Profiles::ProfileStore other(m_root->profileStore()->filePath());
        QVERIFY_RESULT(other.load());
        Profiles::Profile added;
        added.name = QStringLiteral("added-by-cli");
        added.controllerUrl = QStringLiteral("https://cli.example.invalid:51121");
        QVERIFY_RESULT(other.add(added));
        QTRY_COMPARE_WITH_TIMEOUT(planes->profileModel()->rowCount(), rows + 1, kWait);
        QCOMPARE(planes->currentName(), current);
        QCOMPARE(planes->currentState(), int(ConnectionState::SignedIn));

        std::optional<Profiles::Profile> changed = other.findByName(current);
        QVERIFY(changed);
        changed->colour = QStringLiteral("#26a269");
        QVERIFY_RESULT(other.update(*changed));
        QTRY_COMPARE_WITH_TIMEOUT(planes->currentColour(), QStringLiteral("#26a269"), kWait);
        QCOMPARE(planes->currentState(), int(ConnectionState::SignedIn));

        QVERIFY_RESULT(other.remove(other.findByName(QStringLiteral("added-by-cli"))->id));
        QTRY_COMPARE_WITH_TIMEOUT(planes->profileModel()->rowCount(), rows, kWait);
        QCOMPARE(planes->currentName(), current);
    }

    void signInThroughTheBrowser()
    {
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_controller->port());
        addProfile(QStringLiteral("production"), url, {}, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->profileModel()->rowCount(), 2, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("production"), kWait);
        clickItem(button(QStringLiteral("Connect")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                     int(ConnectionState::SignInRequired), kWait);
        // Browser profiles get no password dialog.
        QVERIFY(!findAccessible(m_window, QStringLiteral("Password"), QAccessible::EditableText));
        m_browserUrl.clear();
        clickItem(button(QStringLiteral("Sign in with browser")));
        QTRY_VERIFY_WITH_TIMEOUT(m_browserUrl.isValid(), kWait);

        // Play the browser: load the authorization URL, follow Keycloak's redirect to the loopback.
        QNetworkAccessManager browser;
        QNetworkRequest authorize(m_browserUrl);
        authorize.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                               QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> first(browser.get(authorize));
        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), kWait);
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        const QUrl loopback = QUrl::fromEncoded(first->rawHeader("Location"));
        QCOMPARE(loopback.host(), QStringLiteral("127.0.0.1"));
        std::unique_ptr<QNetworkReply> second(browser.get(QNetworkRequest(loopback)));
        QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), kWait);

        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                     int(ConnectionState::SignedIn), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(textOf(find(QStringLiteral("Signed-in user"))), QStringLiteral("ops-lead"), kWait);
        QCOMPARE(m_keycloak->codeGrants(), 1);
        maybeScreenshot(m_window, QStringLiteral("04-browser-signed-in"));
    }

    void rememberedPasswordSignsInAgain()
    {
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(m_controller->port());
        addProfile(QStringLiteral("lab"), url, QStringLiteral("admin@example.com"), false);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("lab"), kWait);
        clickItem(button(QStringLiteral("Connect")));
        // The dialog starts from this profile's e-mail, not the one typed for another profile.
        QTRY_COMPARE_WITH_TIMEOUT(textOf(field(QStringLiteral("E-mail"))),
                                  QStringLiteral("admin@example.com"), kWait);
        typeInto(field(QStringLiteral("Password")), QStringLiteral("admin-pass"));
        clickItem(find(QStringLiteral("Remember password"), QAccessible::CheckBox));
        clickItem(button(QStringLiteral("Sign in")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                                  int(ConnectionState::SignedIn), kWait);
        const int logins = m_controller->loginCount();

        // Signing out forgets the session; the next connect signs in with the remembered password.
        clickItem(button(QStringLiteral("Sign out")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                                  int(ConnectionState::SignInRequired), kWait);
        clickItem(button(QStringLiteral("Disconnect")));
        clickItem(button(QStringLiteral("Connect")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                                  int(ConnectionState::SignedIn), kWait);
        QCOMPARE(m_controller->loginCount(), logins + 1);
        QCOMPARE(textOf(find(QStringLiteral("Signed-in user"))), QStringLiteral("admin@example.com"));
        QVERIFY(!findAccessible(m_window, QStringLiteral("Password"), QAccessible::EditableText));
    }

    void controllerStopsAnsweringShowsOffline()
    {
        m_controller->stopAnswering();
        // The status poll runs every refresh interval (30 s by default); connecting again polls now.
        clickItem(button(QStringLiteral("Disconnect")));
        clickItem(button(QStringLiteral("Connect")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentState(),
                                  int(ConnectionState::Offline), kWait);
        QQuickItem *error = find(QStringLiteral("Error"));
        QVERIFY(error);
        QTRY_VERIFY_WITH_TIMEOUT(textOf(error).contains(QStringLiteral("refused")), kWait);
        // The status line says which kind of failure it is, not a generic "refused".
        QCOMPARE(m_root->controlPlanes()->currentStateText(), QStringLiteral("Offline — Connection refused"));
        maybeScreenshot(m_window, QStringLiteral("05-offline"));
        // The window still answers: switching control planes with the keyboard works.
        QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("staging"), kWait);
        QTest::keyClick(m_window, Qt::Key_2, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("production"), kWait);
    }

    void profileListHighlightFollowsTheShortcuts()
    {
        // A click on a row, then Alt+1: the highlight goes to the profile Alt+1 picked.
        QQuickItem *lab = find(QStringLiteral("lab"), QAccessible::ListItem);
        QVERIFY(lab);
        clickItem(lab);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("lab"), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(lab->property("highlighted").toBool(), kWait);
        QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("staging"), kWait);
        QQuickItem *staging = find(QStringLiteral("staging"), QAccessible::ListItem);
        QVERIFY(staging);
        QTRY_VERIFY_WITH_TIMEOUT(staging->property("highlighted").toBool(), kWait);
        QVERIFY(!lab->property("highlighted").toBool());
        QCOMPARE(find(QStringLiteral("Control plane list"), QAccessible::List)->property("currentIndex").toInt(), 0);
        // The session countdown follows at once (it showed the previous plane's for up to a second).
        QSignalSpy ticks(m_root->controlPlanes(), &Models::ControlPlanes::tick);
        QTest::keyClick(m_window, Qt::Key_2, Qt::AltModifier);
        QCOMPARE(m_root->controlPlanes()->currentName(), QStringLiteral("production"));
        QVERIFY(ticks.count() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("production"), QAccessible::ListItem)->property("highlighted").toBool(),
                                 kWait);
        QVERIFY(!staging->property("highlighted").toBool());
        maybeScreenshot(m_window, QStringLiteral("08-alt-2-highlight"));
        // Clicking still works after the shortcuts.
        clickItem(lab);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("lab"), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(lab->property("highlighted").toBool(), kWait);
        QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(staging->property("highlighted").toBool(), kWait);
    }

    void natsDecoderChecksPastedCreds()
    {
        // "staging" is still signed in: its operator and accounts are the trust anchors.
        QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("staging"), kWait);
        QVERIFY(!m_root->controlPlanes()->currentNatsOperatorJwt().isEmpty());
        QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
        QQuickItem *input = field(QStringLiteral("Token or creds text"));
        QVERIFY(input);

        // Garbage first: a clear message, no crash.
        QGuiApplication::clipboard()->setText(QStringLiteral("not-a-jwt"));
        clickItem(input);
        QTest::keySequence(m_window, QKeySequence::Paste);
        QQuickItem *error = find(QStringLiteral("Decoder error"));
        QVERIFY(error);
        QTRY_VERIFY_WITH_TIMEOUT(!textOf(error).isEmpty(), kWait);

        // A real .creds file (the Go vector), pasted with CRLF line ends.
        QByteArray creds = Pot::Test::readData(QStringLiteral("nats-vectors/go-user.creds"));
        QVERIFY(!creds.isEmpty());
        creds.replace("\n", "\r\n");
        QGuiApplication::clipboard()->setText(QString::fromLatin1(creds));
        QTest::keySequence(m_window, QKeySequence::SelectAll);
        QTest::keySequence(m_window, QKeySequence::Paste);
        QTRY_COMPARE_WITH_TIMEOUT(m_root->natsDecoder()->kind(), QStringLiteral("user"), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(textOf(find(QStringLiteral("Signature status"))), QStringLiteral("signature valid"), kWait);
        // The vector user belongs to another operator: valid signature, not trusted here.
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Trust status"))).startsWith(u"not trusted"), kWait);

        // The seed is hidden until revealed, and its row holds no secret while hidden.
        Models::DetailsModel *rows = m_root->natsDecoder()->detailsModel();
        QVERIFY(rows->valueOf(QStringLiteral("Seed")).isEmpty());
        maybeScreenshot(m_window, QStringLiteral("06-nats-decoder"));
        clickItem(button(QStringLiteral("Reveal seed")));
        QTRY_VERIFY_WITH_TIMEOUT(rows->valueOf(QStringLiteral("Seed")).startsWith(u"SU"), kWait);

        // Copying the seed puts it on the clipboard and clears it again.
        m_root->clipboard()->setClearDelay(300);
        QQuickItem *claims = find(QStringLiteral("Claims"));
        QVERIFY(claims);
        // The seed is in the first group (Credentials).
        QVERIFY(QMetaObject::invokeMethod(claims, "positionViewAtBeginning"));
        clickItem(button(QStringLiteral("Copy Seed")));
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().startsWith(u"SU"), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 3000);
        clickItem(button(QStringLiteral("Hide seed")));
        QTRY_VERIFY_WITH_TIMEOUT(rows->valueOf(QStringLiteral("Seed")).isEmpty(), kWait);

        // Creds the Controller issued are trusted by its operator.
        QGuiApplication::clipboard()->setText(QString::fromLatin1(Pot::Test::fixture(
            QStringLiteral("GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli.decoded.txt"))));
        input->forceActiveFocus();
        QTest::keySequence(m_window, QKeySequence::SelectAll);
        QTest::keySequence(m_window, QKeySequence::Paste);
        QTRY_COMPARE_WITH_TIMEOUT(textOf(find(QStringLiteral("Trust status"))),
                     QStringLiteral("trusted by the control plane's operator"), kWait);
        maybeScreenshot(m_window, QStringLiteral("07-nats-decoder-trusted"));

        // Saving writes the Go/nsc text, owner-only.
        const QString out = m_dir.filePath(QStringLiteral("user.creds"));
        QVERIFY(m_root->natsDecoder()->save(QUrl::fromLocalFile(out), false));
        QFile saved(out);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(!saved.readAll().contains('\r'));
        QCOMPARE(saved.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFileDevice::Permissions());
    }

    // Tools → Manifest editor: manifests checked and simulated with no Controller involved.
    void manifestEditorWorksOffline()
    {
        QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
        clickItem(find(QStringLiteral("Manifest editor"), QAccessible::PageTab));
        QQuickItem *yaml = field(QStringLiteral("YAML"));
        QVERIFY(yaml);
        yaml->setProperty("text", QStringLiteral(
            "apiVersion: datasance.com/v3\nkind: NatsUserRule\nmetadata:\n  name: panel\nspec:\n"
            "  subs: 100\n  payload: 1m\n  maxData: -1\n  sub:\n    allow: [\"orders.>\"]\n"
            "    deny: [\"orders.secret.>\"]\n  pub:\n    allow: [\"orders.*\"]\n  resp: {max: 1, ttl: -5}\n"));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("YAML check"))).contains(u"1 error"), kWait);
        QCOMPARE(m_root->manifestTool()->result().problems.constFirst().line, 14);
        maybeScreenshot(m_window, QStringLiteral("09-manifest-editor-offline"));
        yaml->setProperty("text", yaml->property("text").toString().replace(QStringLiteral("ttl: -5"),
                                                                            QStringLiteral("ttl: 5000000000")));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("YAML check"))).contains(u"No problems")
                                     || textOf(find(QStringLiteral("YAML check"))).contains(u"warning"),
                                 kWait);
        typeInto(field(QStringLiteral("Simulated subject")), QStringLiteral("orders.eu"));
        clickItem(find(QStringLiteral("Simulate"), QAccessible::Button));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("Simulation"))->property("text").toString().startsWith(u"Allowed"),
                                 kWait);
        // Tidy: canonical order, the text still one valid rule.
        clickItem(find(QStringLiteral("Tidy YAML"), QAccessible::Button));
        QTRY_VERIFY_WITH_TIMEOUT(m_root->manifestTool()->text().startsWith(u"apiVersion"), kWait);
        QCOMPARE(m_root->manifestTool()->errorCount(), 0);
        // The same rule as a form, offline too: a change there shows in the YAML.
        clickItem(find(QStringLiteral("Show form")));
        QTRY_COMPARE_WITH_TIMEOUT(field(QStringLiteral("Subscriptions"))->property("text").toString(), QStringLiteral("100"), kWait);
        QCOMPARE(textOf(find(QStringLiteral("Message payload value"))),
                 QStringLiteral("1 MiB (%1 bytes)").arg(QLocale().toString(1048576)));
        typeInto(field(QStringLiteral("Subscriptions")), QStringLiteral("250"));
        QTRY_VERIFY_WITH_TIMEOUT(yaml->property("text").toString().contains(u"subs: 250\n"), kWait);
        maybeScreenshot(m_window, QStringLiteral("10-manifest-form-offline"));
        clickItem(find(QStringLiteral("Show form")));
    }

    // Tools → Certificate inspector: pasted PEM, then a PKCS#12 file that asks for its password.
    void certificateInspectorReadsFilesOffline()
    {
        Pot::Test::TestPki pki(QStringLiteral("Inspector Test CA"));
        QVERIFY(pki.generate());
        QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
        clickItem(find(QStringLiteral("Certificate inspector"), QAccessible::PageTab));
        QQuickItem *text = field(QStringLiteral("Certificate text"));
        QVERIFY(text);
        Models::CertificateInspector *inspector = m_root->certificateInspector();
        QVERIFY(!inspector->loaded());

        // Garbage: the reason, no crash.
        typeInto(text, QStringLiteral("not a certificate"));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Certificate error"))).contains(u"neither PEM, DER nor PKCS#12"), kWait);

        // The server certificate and its CA, pasted.
        text->setProperty("text", QString::fromLatin1(pki.serverCertPem() + pki.caPem()));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Certificate file summary"))).contains(u"PEM, 2 certificate(s)"), kWait);
        QVERIFY(inspector->error().isEmpty());
        QCOMPARE(inspector->details()->valueOf(QStringLiteral("SHA-256")), pki.serverFingerprint());
        QVERIFY(inspector->details()->valueOf(QStringLiteral("Alternative names")).contains(u"IP:127.0.0.1"));
        QCOMPARE(inspector->details()->valueOf(QStringLiteral("Signature 1")), QStringLiteral("verified"));
        QVERIFY(textOf(find(QStringLiteral("Validity"))).contains(u"day(s) left"));
        QCOMPARE(inspector->titles().size(), 2);
        inspector->setCurrent(1);
        QTRY_VERIFY_WITH_TIMEOUT(inspector->details()->valueOf(QStringLiteral("Subject")).contains(u"Inspector Test CA"), kWait);
        inspector->setCurrent(0);

        // A pasted encrypted key asks for its password too.
        const Pot::Test::ProcessRun encrypted = Pot::Test::runProcess(
            QStringLiteral("openssl"), {QStringLiteral("pkey"), QStringLiteral("-in"), pki.serverKeyPath(), QStringLiteral("-aes256"),
                                        QStringLiteral("-passout"), QStringLiteral("pass:paste-pass")});
        QCOMPARE(encrypted.code, 0);
        text->setProperty("text", QString(QString::fromLatin1(pki.serverCertPem()) + encrypted.out));
        QTRY_VERIFY_WITH_TIMEOUT(inspector->needsPassword(), kWait);
        QVERIFY(textOf(find(QStringLiteral("Certificate error"))).contains(u"give its password"));
        typeInto(field(QStringLiteral("Certificate password")), QStringLiteral("paste-pass"));
        clickItem(button(QStringLiteral("Open with password")));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Certificate file summary")))
                                     .contains(u"PEM, 1 certificate(s), private key (EC P-256) of certificate 1"),
                                 kWait);

        // A PKCS#12 with a password: asked for, used once, then the field is empty again.
        const QString p12 = m_dir.filePath(QStringLiteral("server.p12"));
        const Pot::Test::ProcessRun made = Pot::Test::runProcess(
            QStringLiteral("openssl"), {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                                        pki.serverKeyPath(), QStringLiteral("-in"), pki.serverCertPath(), QStringLiteral("-certfile"),
                                        pki.caCertPath(), QStringLiteral("-passout"), QStringLiteral("pass:inspect-me"),
                                        QStringLiteral("-out"), p12});
        QCOMPARE(made.code, 0);
        inspector->loadFile(QUrl::fromLocalFile(p12));
        QTRY_VERIFY_WITH_TIMEOUT(inspector->needsPassword(), kWait);
        QQuickItem *password = field(QStringLiteral("Certificate password"));
        QVERIFY(password && password->isVisible());
        typeInto(password, QStringLiteral("wrong"));
        clickItem(button(QStringLiteral("Open with password")));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Certificate error"))).contains(u"does not open"), kWait);
        typeInto(password, QStringLiteral("inspect-me"));
        clickItem(button(QStringLiteral("Open with password")));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Certificate file summary")))
                                     .contains(u"PKCS#12, 2 certificate(s), private key (EC P-256) of certificate 1"),
                                 kWait);
        QVERIFY(password->property("text").toString().isEmpty());
        QVERIFY(!password->isVisible());
        maybeScreenshot(m_window, QStringLiteral("11-certificate-inspector"));

        // Exports, owner-only; the PKCS#12 opens with its password in openssl and holds the key.
        QQuickItem *format = find(QStringLiteral("Export format"), QAccessible::ComboBox);
        QVERIFY(format);
        format->setProperty("currentIndex", 3);
        QTRY_VERIFY_WITH_TIMEOUT(field(QStringLiteral("Export password")) && field(QStringLiteral("Export password"))->isVisible(), kWait);
        QVERIFY(!button(QStringLiteral("Export certificate"))->isEnabled());
        typeInto(field(QStringLiteral("Export password")), QStringLiteral("export-pass"));
        QTRY_VERIFY_WITH_TIMEOUT(button(QStringLiteral("Export certificate"))->isEnabled(), kWait);
        maybeScreenshot(m_window, QStringLiteral("12-certificate-export"));
        const QString exported = m_dir.filePath(QStringLiteral("exported.p12"));
        QVERIFY(inspector->exportTo(QUrl::fromLocalFile(exported), QStringLiteral("pkcs12"), QStringLiteral("export-pass")));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Export status"))).contains(u"readable by you only"), kWait);
        QCOMPARE(QFile(exported).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFileDevice::Permissions());
        const Pot::Test::ProcessRun keyBack = Pot::Test::runProcess(
            QStringLiteral("openssl"), {QStringLiteral("pkcs12"), QStringLiteral("-in"), exported, QStringLiteral("-passin"),
                                        QStringLiteral("pass:export-pass"), QStringLiteral("-nodes")});
        QCOMPARE(keyBack.code, 0);
        QVERIFY(keyBack.out.contains(u"BEGIN PRIVATE KEY") && keyBack.out.count(u"BEGIN CERTIFICATE") == 2);
        const QString chainFile = m_dir.filePath(QStringLiteral("chain.pem"));
        QVERIFY(inspector->exportTo(QUrl::fromLocalFile(chainFile), QStringLiteral("chain")));
        const Pot::Test::ProcessRun verified = Pot::Test::runProcess(
            QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), pki.caCertPath(), chainFile});
        QCOMPARE(verified.code, 0);
        const QString derFile = m_dir.filePath(QStringLiteral("leaf.der"));
        QVERIFY(inspector->exportTo(QUrl::fromLocalFile(derFile), QStringLiteral("der")));
        const Pot::Test::ProcessRun der = Pot::Test::runProcess(
            QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-inform"), QStringLiteral("DER"), QStringLiteral("-in"),
                                        derFile, QStringLiteral("-noout"), QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
        QCOMPARE(der.out.trimmed().section(u'=', 1), pki.serverFingerprint());
        // A PKCS#12 without a password is refused, with the reason.
        QVERIFY(!inspector->exportTo(QUrl::fromLocalFile(exported), QStringLiteral("pkcs12"), QString()));
        QTRY_VERIFY_WITH_TIMEOUT(textOf(find(QStringLiteral("Export status"))).contains(u"needs a password"), kWait);

        // Copy puts the fingerprint on the clipboard.
        QVERIFY(QMetaObject::invokeMethod(find(QStringLiteral("Certificate details")), "positionViewAtEnd"));
        clickItem(button(QStringLiteral("Copy SHA-256")));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), pki.serverFingerprint(), kWait);
        clickItem(button(QStringLiteral("Clear certificate")));
        QTRY_VERIFY_WITH_TIMEOUT(!inspector->loaded(), kWait);
        clickItem(find(QStringLiteral("NATS decoder"), QAccessible::PageTab));
    }

    // A CA pasted with its line breaks stripped is accepted (stored re-wrapped); a cut-off one is
    // refused in the dialog with the reason, and nothing typed is lost.
    // Tools → Controller TLS: a CA and certificate made for the stand-in's address, checked, the YAML
    // saved owner-only; the stand-in then serves HTTPS with what the YAML holds, and the profile the
    // assistant makes (trusting only that CA) reaches it. Files that do not cover a host are refused.
    void controllerTlsAssistantMakesWhatTheConsoleTrusts()
    {
        QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
        clickItem(find(QStringLiteral("Controller TLS"), QAccessible::PageTab));
        Models::TlsAssistant *assistant = m_root->tlsAssistant();
        QQuickItem *run = button(QStringLiteral("Make and check"));
        QVERIFY(run);
        QVERIFY(!run->isEnabled()); // no host yet
        typeInto(field(QStringLiteral("Controller hosts")), QStringLiteral("127.0.0.1, localhost"));
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), kWait);
        clickItem(run);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("TLS verdict")) != nullptr, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(description(QStringLiteral("TLS verdict")).startsWith(u"Ready"), kWait);
        QCOMPARE(description(QStringLiteral("Host 127.0.0.1")), QStringLiteral("covered"));
        QCOMPARE(description(QStringLiteral("Host localhost")), QStringLiteral("covered"));
        QVERIFY(description(QStringLiteral("TLS certificate summary")).contains(u"issued by PoT Controller CA"));
        // The preview hides the key.
        const QString preview = textOf(find(QStringLiteral("TLS YAML preview")));
        QVERIFY2(preview.contains(u"tlsKey: <the private key: written to the saved file only>"), qPrintable(preview));
        QVERIFY(!preview.contains(u"LS0tLS1CRUdJTiBQUklWQVRF")); // base64 of "-----BEGIN PRIVATE"
        maybeScreenshot(m_window, QStringLiteral("13-controller-tls"));

        // Saved (as the save dialog would): owner-only, with the key.
        const QString yamlPath = m_dir.filePath(QStringLiteral("controller-tls.yaml"));
        QVERIFY(assistant->saveYaml(QUrl::fromLocalFile(yamlPath)));
        QTRY_VERIFY_WITH_TIMEOUT(description(QStringLiteral("TLS assistant status")).contains(u"readable by you only"), kWait);
        QCOMPARE(QFileInfo(yamlPath).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QFile yamlFile(yamlPath);
        QVERIFY(yamlFile.open(QIODevice::ReadOnly));
        const QByteArray yaml = yamlFile.readAll();
        const auto value = [&yaml](const QByteArray &key) {
            const qsizetype at = yaml.indexOf(QByteArray("  " + key + ": "));
            return at < 0 ? QByteArray() : QByteArray::fromBase64(yaml.mid(at + key.size() + 4).split('\n').constFirst());
        };
        const QByteArray caPem = value("caCert");
        const QByteArray certPem = value("tlsCert");
        const QByteArray keyPem = value("tlsKey");
        QVERIFY(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));

        // A Controller serving exactly that, reached by the profile the assistant makes.
        Pot::Test::StandInController tlsController;
        QSslConfiguration cfg = QSslConfiguration::defaultConfiguration();
        cfg.setLocalCertificate(QSslCertificate(certPem, QSsl::Pem));
        cfg.setPrivateKey(QSslKey(keyPem, QSsl::Ec, QSsl::Pem));
        cfg.setPeerVerifyMode(QSslSocket::VerifyNone);
        QVERIFY(tlsController.listen(cfg));
        QQuickItem *url = field(QStringLiteral("New profile URL"));
        QVERIFY(url);
        QCOMPARE(textOf(url), QStringLiteral("https://127.0.0.1:51121"));
        typeInto(url, tlsController.address());
        typeInto(field(QStringLiteral("New profile name")), QStringLiteral("tls-lab"));
        clickItem(button(QStringLiteral("Create profile trusting this CA")));
        QTRY_VERIFY_WITH_TIMEOUT(description(QStringLiteral("New profile status")).startsWith(u"Profile tls-lab made"), kWait);
        auto *planes = m_root->controlPlanes();
        int index = -1;
        for (int i = 0; i < planes->profileModel()->rowCount(); ++i) {
            if (planes->profileData(i).value(QStringLiteral("name")).toString() == u"tls-lab")
                index = i;
        }
        QVERIFY(index >= 0);
        QCOMPARE(planes->profileData(index).value(QStringLiteral("caPem")).toString().trimmed(),
                 QString::fromLatin1(caPem).trimmed());
        planes->connectProfile(index);
        QTRY_COMPARE_WITH_TIMEOUT(planes->controllerVersion(), QStringLiteral("3.7.3"), kWait);
        QVERIFY(tlsController.hits("GET", QStringLiteral("/api/v3/status")) >= 1);
        planes->disconnectProfile(index);
        // Nobody is signed in on it: the sign-in dialog asked; not now.
        QQuickItem *signIn = find(QStringLiteral("Password"), QAccessible::EditableText);
        if (signIn && signIn->isVisible()) {
            QTest::keyClick(m_window, Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!findAccessible(m_window, QStringLiteral("Password"), QAccessible::EditableText), kWait);
        }

        // The operator's files that do not name every host: said host by host, nothing to save.
        Pot::Test::TestPki pki(QStringLiteral("Files CA"));
        QVERIFY(pki.generate());
        QTest::keyClick(m_window, Qt::Key_7, Qt::ControlModifier);
        clickItem(find(QStringLiteral("Use my files"), QAccessible::RadioButton));
        QTRY_VERIFY_WITH_TIMEOUT(!assistant->generate(), kWait);
        QVERIFY(!assistant->ready()); // what was made is dropped with its inputs
        assistant->setCertificateFile(QUrl::fromLocalFile(pki.serverCertPath())); // as the file dialog does
        assistant->setKeyFile(QUrl::fromLocalFile(pki.serverKeyPath()));
        assistant->setCaFile(QUrl::fromLocalFile(pki.caCertPath()));
        typeInto(field(QStringLiteral("Controller hosts")), QStringLiteral("127.0.0.1, ctl.example.com"));
        clickItem(button(QStringLiteral("Check")));
        QTRY_VERIFY_WITH_TIMEOUT(description(QStringLiteral("TLS verdict")).startsWith(u"Not ready"), kWait);
        QCOMPARE(description(QStringLiteral("Host ctl.example.com")), QStringLiteral("not covered"));
        QCOMPARE(description(QStringLiteral("Host 127.0.0.1")), QStringLiteral("covered"));
        QVERIFY(description(QStringLiteral("TLS problems")).contains(u"ctl.example.com is not among the certificate's names"));
        QQuickItem *save = button(QStringLiteral("Save YAML…"));
        QVERIFY(save && !save->isEnabled());
        QVERIFY(!assistant->saveYaml(QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("refused.yaml")))));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("refused.yaml"))));
        maybeScreenshot(m_window, QStringLiteral("14-controller-tls-not-covered"));
        clickItem(button(QStringLiteral("Clear TLS assistant")));
        QTRY_VERIFY_WITH_TIMEOUT(!assistant->ready(), kWait);
    }

    void profileDialogChecksTheCaText()
    {
        QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
        const QString pem = QString::fromLatin1(Pot::Test::readData(QStringLiteral("potctl/controller-ca.pem")));
        QString oneLine = pem;
        oneLine.remove(u'\n');
        clickItem(button(QStringLiteral("Add control plane")));
        typeInto(field(QStringLiteral("Profile name")), QStringLiteral("pasted CA"));
        typeInto(field(QStringLiteral("Controller URL")), QStringLiteral("https://127.0.0.1:9"));
        typeInto(field(QStringLiteral("E-mail")), QStringLiteral("ops@example.com"));
        typeInto(field(QStringLiteral("Custom CA certificate")), oneLine.left(oneLine.size() - 40));
        clickItem(button(QStringLiteral("Save profile")));
        QQuickItem *error = find(QStringLiteral("Profile error"));
        QVERIFY(error);
        QTRY_VERIFY_WITH_TIMEOUT(textOf(error).contains(QStringLiteral("has no -----END CERTIFICATE----- line")), kWait);
        maybeScreenshot(m_window, QStringLiteral("08-profile-ca-refused"));
        QCOMPARE(textOf(field(QStringLiteral("Profile name"))), QStringLiteral("pasted CA"));

        typeInto(field(QStringLiteral("Custom CA certificate")), oneLine);
        clickItem(button(QStringLiteral("Save profile")));
        QTRY_VERIFY_WITH_TIMEOUT(m_root->profileStore()->findByName(QStringLiteral("pasted CA")).has_value(), kWait);
        QCOMPARE(m_root->profileStore()->findByName(QStringLiteral("pasted CA"))->caCertificatePem, pem);
    }

    void newReadOnlyProfileBadgeSitsBesideTheTitle()
    {
        QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier); // Control planes
        clickItem(button(QStringLiteral("Add control plane")));
        typeInto(field(QStringLiteral("Profile name")), QStringLiteral("audit"));
        typeInto(field(QStringLiteral("Controller URL")), QStringLiteral("http://127.0.0.1:%1").arg(m_controller->port()));
        typeInto(field(QStringLiteral("E-mail")), QStringLiteral("viewer@example.com"));
        clickItem(find(QStringLiteral("Read-only"), QAccessible::CheckBox));
        maybeScreenshot(m_window, QStringLiteral("09-read-only-profile-dialog"));
        clickItem(button(QStringLiteral("Save profile")));
        QTRY_COMPARE_WITH_TIMEOUT(m_root->controlPlanes()->currentName(), QStringLiteral("audit"), kWait);
        QTRY_VERIFY_WITH_TIMEOUT(m_root->controlPlanes()->currentReadOnly(), kWait);
        // The title row of the status panel sits above its connection state.
        QQuickItem *state = find(QStringLiteral("Connection state"));
        QVERIFY(state);
        QQuickItem *title = nullptr;
        QQuickItem *badge = nullptr;
        const auto findRow = [&] {
            title = nullptr;
            badge = nullptr;
            for (QQuickItem *row : state->parentItem()->childItems()) {
                for (QQuickItem *c : row->childItems()) {
                    if (!c->isVisible())
                        continue;
                    if (c->property("text").toString() == u"audit")
                        title = c;
                    else if (c->property("text").toString() == u"read-only")
                        badge = c;
                }
            }
            return title && badge;
        };
        QTRY_VERIFY_WITH_TIMEOUT(findRow(), kWait);
        QTest::qWait(100);
        maybeScreenshot(m_window, QStringLiteral("09-read-only-profile"));
        const QRectF titleRect = title->mapRectToScene(QRectF(0, 0, title->width(), title->height()));
        const QRectF badgeRect = badge->mapRectToScene(QRectF(0, 0, badge->width(), badge->height()));
        QVERIFY2(badge->width() > 20, qPrintable(QString::number(badge->width())));
        QVERIFY2(!titleRect.intersects(badgeRect),
                 qPrintable(QStringLiteral("title %1+%2, badge %3+%4")
                                .arg(titleRect.x()).arg(titleRect.width()).arg(badgeRect.x()).arg(badgeRect.width())));
        const QRectF rowRect = title->parentItem()->mapRectToScene(
            QRectF(0, 0, title->parentItem()->width(), title->parentItem()->height()));
        QVERIFY(badgeRect.right() <= rowRect.right() + 0.5);
    }

    void profileMadeReadOnlyShowsItsBadgeBesideItsName()
    {
        // An existing row whose profile becomes read-only: its badge takes its own place.
        auto *planes = m_root->controlPlanes();
        int index = -1;
        for (int i = 0; i < planes->profileModel()->rowCount(); ++i) {
            if (planes->profileData(i).value(QStringLiteral("name")).toString() == u"lab")
                index = i;
        }
        QVERIFY(index >= 0);
        QVariantMap data = planes->profileData(index);
        QVERIFY(!data.value(QStringLiteral("readOnly")).toBool());
        data.insert(QStringLiteral("readOnly"), true);
        QCOMPARE(planes->saveProfile(index, data), QString());
        QQuickItem *row = find(QStringLiteral("lab"), QAccessible::ListItem);
        QVERIFY(row);
        QQuickItem *name = nullptr;
        QQuickItem *badge = nullptr;
        const std::function<void(QQuickItem *)> walk = [&](QQuickItem *item) {
            for (QQuickItem *c : item->childItems()) {
                if (c->isVisible() && c->property("text").toString() == u"lab")
                    name = c;
                else if (c->isVisible() && c->property("text").toString() == u"read-only"
                         && c->inherits("QQuickRectangle"))
                    badge = c;
                walk(c);
            }
        };
        QTRY_VERIFY_WITH_TIMEOUT((walk(row), name && badge), kWait);
        QTest::qWait(100);
        maybeScreenshot(m_window, QStringLiteral("10-profile-made-read-only"));
        const QRectF nameRect = name->mapRectToScene(QRectF(0, 0, name->width(), name->height()));
        const QRectF badgeRect = badge->mapRectToScene(QRectF(0, 0, badge->width(), badge->height()));
        QVERIFY(badge->width() > 20);
        QVERIFY2(!nameRect.intersects(badgeRect),
                 qPrintable(QStringLiteral("name %1+%2, badge %3+%4")
                                .arg(nameRect.x()).arg(nameRect.width()).arg(badgeRect.x()).arg(badgeRect.width())));
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
