#include "compositionroot.h"

#include "applogging.h"

#include "core/profiles/keychainsecretstore.h"
#include "core/profiles/memorysecretstore.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/snapshotstore.h"
#include "core/yaml/manifeststore.h"
#include "clipboardguard.h"
#include "core/expiry/noticeledger.h"
#include "core/session/controlplanesession.h"
#include "expirytray.h"
#include "models/controlplanes.h"
#include "models/manifesteditor.h"
#include "models/natsdecoder.h"
#include "models/certificateinspector.h"
#include "models/tlsassistant.h"
#include "models/expiryradar.h"

#include <QDesktopServices>
#include <QDir>
#include <QNetworkAccessManager>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Pot::App {

CompositionRoot::CompositionRoot(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
{
    // The Controller authenticates with bearer tokens only; its session cookie is not wanted.
    m_network->setCookieJar(nullptr);

    m_store = options.profilesFile.isEmpty()
                  ? std::make_unique<Profiles::ProfileStore>()
                  : std::make_unique<Profiles::ProfileStore>(options.profilesFile);
    if (Status loaded = m_store->load(); !loaded) {
        m_startupWarning = loaded.error().message;
        qCWarning(lcApp) << "profiles:" << loaded.error().toString();
    }

    if (options.useMemorySecretStore)
        m_secrets = std::make_unique<Profiles::MemorySecretStore>();
    else
        m_secrets = std::make_unique<Profiles::KeychainSecretStore>();

    m_snapshots = std::make_unique<Profiles::SnapshotStore>(options.snapshotDir);
    m_drafts = std::make_unique<Manifest::DraftStore>(options.draftDir);
    m_history = std::make_unique<Manifest::HistoryStore>(options.historyDir);
    m_clipboard = new ClipboardGuard(this);

    Models::ControlPlanes::Services services;
    services.snapshots = m_snapshots.get();
    services.copy = [this](const QString &text, bool sensitive) { m_clipboard->copy(text, sensitive); };
    services.network = m_network;
    services.store = m_store.get();
    services.secrets = m_secrets.get();
    services.openBrowser = options.openBrowser ? options.openBrowser
                                               : [](const QUrl &url) { QDesktopServices::openUrl(url); };
    services.potctlHome = options.potctlHome.isEmpty() ? QDir::homePath() : options.potctlHome;
    services.requestTimeoutMs = options.requestTimeoutMs;
    services.kinds = &m_kinds;
    services.drafts = m_drafts.get();
    services.history = m_history.get();
    m_planes = new Models::ControlPlanes(services, this);

    // Its drafts are kept apart from every profile's (under a fixed id of their own).
    Models::ManifestEditor::Services toolServices;
    toolServices.drafts = m_drafts.get();
    toolServices.profile = QUuid(QStringLiteral("{6f66666c-696e-6500-0000-6d616e696665}"));
    m_manifestTool = new Models::ManifestEditor(toolServices, this);
    m_manifestTool->load({}, QStringLiteral("offline/manifest"));

    m_decoder = new Models::NatsDecoder(
        [this](const QString &text, bool sensitive) { m_clipboard->copy(text, sensitive); }, this);
    m_certificates = new Models::CertificateInspector(
        [this](const QString &text, bool sensitive) { m_clipboard->copy(text, sensitive); }, this);
    m_tlsAssistant = new Models::TlsAssistant(
        [this](const QString &text, bool sensitive) { m_clipboard->copy(text, sensitive); }, this);
    m_expiryRadar = new Models::ExpiryRadar(m_store.get(), m_snapshots.get(), this);
    m_expiryRadar->setSessions([this] {
        QList<Session::ControlPlaneSession *> sessions;
        for (int i = 0; i < m_planes->profileModel()->rowCount(); ++i)
            sessions << m_planes->session(i);
        return sessions;
    });
    m_notices = std::make_unique<Expiry::NoticeLedger>(
        options.noticeFile.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/expiry-notices.json"_s
            : options.noticeFile);
    m_expiryTray = new ExpiryTray(m_expiryRadar, m_notices.get(), options.notify, this);
    // A control plane just signed in is read at once (the tray's count), then with the others.
    connect(m_planes, &Models::ControlPlanes::sessionChanged, this, [this] {
        Session::ControlPlaneSession *session = m_planes->session(m_planes->currentIndex());
        if (!session)
            return;
        if (!session->online()) {
            m_readForExpiry.remove(session->profile().id); // read again when it signs in again
        } else if (!m_readForExpiry.contains(session->profile().id)) {
            m_readForExpiry.insert(session->profile().id);
            m_expiryRadar->refresh();
        }
    });
    m_expiryRadar->startAutoRefresh(options.expiryRefreshMinutes);
    // The decoder judges trust against the connected control plane's operator and accounts.
    connect(m_planes, &Models::ControlPlanes::natsTrustChanged, m_decoder, [this] {
        m_decoder->setTrustAnchors(m_planes->currentNatsOperatorJwt(),
                                   m_planes->currentNatsAccountJwts());
    });
}

CompositionRoot::~CompositionRoot()
{
    // Sessions use the stores; delete them first.
    delete m_planes;
    m_planes = nullptr;
}

bool CompositionRoot::load(QQmlApplicationEngine &engine)
{
    if (QQuickStyle::name().isEmpty())
        QQuickStyle::setStyle(u"Fusion"_s);
    bool failed = false;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, this,
                     [&failed](const QUrl &url) {
                         qCCritical(lcAppUi) << "could not create" << url;
                         failed = true;
                     });
    engine.setInitialProperties({{u"planes"_s, QVariant::fromValue<QObject *>(m_planes)},
                                 {u"decoder"_s, QVariant::fromValue<QObject *>(m_decoder)},
                                 {u"certificateInspector"_s, QVariant::fromValue<QObject *>(m_certificates)},
                                 {u"tlsAssistant"_s, QVariant::fromValue<QObject *>(m_tlsAssistant)},
                                 {u"expiryRadar"_s, QVariant::fromValue<QObject *>(m_expiryRadar)},
                                 {u"manifestTool"_s, QVariant::fromValue<QObject *>(m_manifestTool)}});
    engine.load(QUrl(u"qrc:/PotConsole/Main.qml"_s));
    if (failed || engine.rootObjects().isEmpty())
        return false;
    QPointer<QObject> window = engine.rootObjects().constFirst();
    connect(m_expiryTray, &ExpiryTray::openRequested, this, [window] {
        if (!window)
            return;
        QMetaObject::invokeMethod(window, "showPage", Q_ARG(QVariant, u"expiry"_s));
        if (auto *quick = qobject_cast<QQuickWindow *>(window.data())) {
            quick->show();
            quick->raise();
            quick->requestActivate();
        }
    });
    return true;
}

} // namespace Pot::App
