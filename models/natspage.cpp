#include "natspage.h"

#include "core/net/apireply.h"
#include "core/resources/kinds/kinds.h"
#include "core/resources/kinds/natsdetails.h"
#include "models/applicationspage.h"
#include "models/clusterview.h"
#include "models/natsdecoder.h"
#include "models/resourcepage.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTimer>

namespace Pot::Models {

using Resources::NatsDetails::accountContextRows;

namespace {

/// The cluster's page of a NATS kind; a page of its own when the cluster was made without the
/// registry of kinds.
ResourcePage *pageOf(ClusterView *cluster, const QString &id, Resources::Kind (*kind)(), QObject *owner)
{
    if (ResourcePage *p = cluster->resourcePage(id))
        return p;
    auto *own = new ResourcePage(kind(), cluster);
    own->setParent(owner);
    return own;
}

template <class R>
QList<R> recordsOf(const ResourceList *list)
{
    QList<R> out;
    for (const QJsonObject &o : list->objects()) {
        if (Result<R> r = R::fromJson(o))
            out << *r;
    }
    return out;
}

} // namespace

NatsPage::NatsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_accountsPage(pageOf(cluster, QStringLiteral("natsAccounts"), Resources::Kinds::natsAccounts, this))
    , m_usersPage(pageOf(cluster, QStringLiteral("natsUsers"), Resources::Kinds::natsUsers, this))
    , m_accountRulesPage(pageOf(cluster, QStringLiteral("natsAccountRules"), Resources::Kinds::natsAccountRules, this))
    , m_userRulesPage(pageOf(cluster, QStringLiteral("natsUserRules"), Resources::Kinds::natsUserRules, this))
    , m_operatorDetails(new DetailsModel(this))
    , m_accountContext(new DetailsModel(this))
    , m_creds(new NatsDecoder([cluster](const QString &text, bool sensitive) { cluster->copy(text, sensitive); },
                              this))
{
    connect(accounts(), &ResourceList::selectedObjectChanged, this, &NatsPage::rebuildAccountContext);
    connect(accounts(), &ResourceList::selectedObjectChanged, this, &NatsPage::selectionChanged);
    connect(accounts(), &ResourceList::applied, this, &NatsPage::selectionChanged);
    connect(accounts(), &ResourceList::applied, this, &NatsPage::updateTrustAnchors);
    connect(users(), &ResourceList::applied, this, &NatsPage::rebuildAccountContext);
    connect(accountRules(), &ResourceList::applied, this, &NatsPage::rebuildAccountContext);
    connect(m_cluster->applications()->list(), &ResourceList::applied, this, &NatsPage::rebuildAccountContext);
    connect(users(), &ResourceList::selectedObjectChanged, this, &NatsPage::selectionChanged);
    // Deleting a user revokes its key in the account JWT: the accounts list changes with it.
    connect(m_cluster, &ClusterView::actionFinished, this, [this](bool ok) {
        if (ok && m_cluster->natsAvailable())
            accounts()->refresh();
    });
    // Only a real change of names: a refresh must not reset a rule picked in an open dialog.
    auto checkRules = [this] {
        const QStringList account = accountRuleNames();
        const QStringList user = userRuleNames();
        if (account == m_accountRuleNames && user == m_userRuleNames)
            return;
        m_accountRuleNames = account;
        m_userRuleNames = user;
        Q_EMIT rulesChanged();
    };
    connect(accountRules(), &ResourceList::applied, this, checkRules);
    connect(userRules(), &ResourceList::applied, this, checkRules);
    connect(cluster, &ClusterView::refreshTick, this, &NatsPage::refreshDocuments);
    // Offline and demo: the documents come from the snapshot at once.
    if (!cluster->online())
        QTimer::singleShot(0, this, &NatsPage::refreshDocuments);
}

NatsPage::~NatsPage() = default;

ResourceList *NatsPage::accounts() const
{
    return m_accountsPage->list();
}

ResourceList *NatsPage::users() const
{
    return m_usersPage->list();
}

ResourceList *NatsPage::accountRules() const
{
    return m_accountRulesPage->list();
}

ResourceList *NatsPage::userRules() const
{
    return m_userRulesPage->list();
}

QString NatsPage::hubUrl() const
{
    return m_hub ? m_hub->clientUrl() : QString();
}

QString NatsPage::rotateWarning() const
{
    return tr("Rotating creates a new operator key and JWT. The Controller then re-signs every account "
              "JWT with the new key in the background; account keys, user JWTs and creds stay the same. "
              "NATS servers trust only the operator in their configuration, so each server must get the "
              "new operator JWT and account JWT bundle and reload. Until the new trust bundle has "
              "reached a server, clients connecting to it can be refused; once it has, existing creds "
              "keep working. The answer shows the old operator; the new key appears here when the "
              "rotation has finished. Only admins may rotate (natsOperator:update).");
}

std::optional<Api::NatsAccount> NatsPage::selectedAccount() const
{
    if (Result<Api::NatsAccount> a = Api::NatsAccount::fromJson(accounts()->selectedObject()))
        return *a;
    return std::nullopt;
}

std::optional<Api::NatsUser> NatsPage::selectedUser() const
{
    if (Result<Api::NatsUser> u = Api::NatsUser::fromJson(users()->selectedObject()))
        return *u;
    return std::nullopt;
}

QString NatsPage::selectedAccountApp() const
{
    const std::optional<Api::NatsAccount> a = selectedAccount();
    return a && a->isApplication() ? a->name : QString();
}

QString NatsPage::selectedUserApp() const
{
    const std::optional<Api::NatsUser> u = selectedUser();
    return u ? u->routeAccount() : QString();
}

QString NatsPage::selectedUserName() const
{
    const std::optional<Api::NatsUser> u = selectedUser();
    return u ? u->name : QString();
}

QStringList NatsPage::userRuleNames() const
{
    QStringList names;
    for (const Api::NatsUserRule &r : recordsOf<Api::NatsUserRule>(userRules()))
        names << r.name;
    return names;
}

QStringList NatsPage::accountRuleNames() const
{
    QStringList names;
    for (const Api::NatsAccountRule &r : recordsOf<Api::NatsAccountRule>(accountRules()))
        names << r.name;
    return names;
}

QStringList NatsPage::applicationNames() const
{
    QStringList names;
    for (const Api::NatsAccount &a : recordsOf<Api::NatsAccount>(accounts())) {
        if (a.isApplication())
            names << a.name;
    }
    return names;
}

QString NatsPage::expiresIn(int amount, const QString &unit, QString *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return QString();
    };
    if (error)
        error->clear();
    if (amount == 0)
        return {};
    if (amount < 0)
        return fail(tr("The expiry must be a positive number."));
    // The Controller allows at most 3 years; a month is 30 days there.
    int max = 0;
    if (unit == u"h")
        max = 3 * 365 * 24;
    else if (unit == u"d")
        max = 3 * 365;
    else if (unit == u"m")
        max = 36;
    else
        return fail(tr("Unknown unit \"%1\": use hours (h), days (d) or months (m).").arg(unit));
    if (amount > max)
        return fail(tr("At most 3 years (%1%2).").arg(max).arg(unit));
    return QString::number(amount) + unit;
}

QJsonObject NatsPage::createUserBody(const QString &name, const QString &expiresIn, const QString &rule)
{
    QJsonObject body;
    body.insert(u"name", name);
    if (!expiresIn.isEmpty())
        body.insert(u"expiresIn", expiresIn);
    if (!rule.isEmpty())
        body.insert(u"natsRule", rule);
    return body;
}

QString NatsPage::createUserProblem(const QString &app, const QString &name, int amount,
                                    const QString &unit) const
{
    if (app.trimmed().isEmpty())
        return tr("Enter the application whose account gets the user.");
    if (const QString denied = m_cluster->deniedReason(QStringLiteral("natsUsers"),
                                                       QStringLiteral("create"), app.trimmed());
        !denied.isEmpty())
        return denied;
    if (name.trimmed().isEmpty())
        return tr("Enter a user name.");
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (!allowed.match(name.trimmed()).hasMatch())
        return tr("Use letters, digits, '.', '_' and '-' only in the user name.");
    QString error;
    expiresIn(amount, unit, &error);
    return error;
}

void NatsPage::refreshDocuments()
{
    if (!m_cluster->natsAvailable() && m_cluster->natsKnown() && !m_cluster->demo())
        return;
    const QString operatorDenied = m_cluster->readDeniedReason(QStringLiteral("natsOperator"), QStringLiteral("get"));
    if (operatorDenied.isEmpty()) {
        m_cluster->fetchDocument(
            QStringLiteral("natsOperator"), QStringLiteral("/nats/operator"), this,
            [this](const QJsonValue &json, bool live) {
                Result<Api::NatsOperator> op = Api::NatsOperator::fromJson(json);
                m_operator = op ? std::optional(*op) : std::nullopt;
                m_operatorError = op ? QString() : op.error().message;
                m_documentsLive = live;
                rebuildOperator();
                updateTrustAnchors();
                Q_EMIT documentsChanged();
            },
            [this](const Error &e) {
                m_operatorError = e.message;
                Q_EMIT documentsChanged();
            });
    } else {
        m_operatorError = operatorDenied;
        Q_EMIT documentsChanged();
    }
    if (m_cluster->readDeniedReason(QStringLiteral("natsHub"), QStringLiteral("get")).isEmpty()) {
        m_cluster->fetchDocument(
            QStringLiteral("natsHub"), QStringLiteral("/nats/hub"), this,
            [this](const QJsonValue &json, bool live) {
                Result<Api::NatsHub> hub = Api::NatsHub::fromJson(json);
                m_hub = hub ? std::optional(*hub) : std::nullopt;
                m_hubError = hub ? QString() : hub.error().message;
                m_documentsLive = live;
                rebuildOperator();
                Q_EMIT documentsChanged();
            },
            [this](const Error &e) {
                m_hubError = e.httpStatus == 404 ? tr("This control plane has no NATS hub yet.") : e.message;
                Q_EMIT documentsChanged();
            });
    }
}

void NatsPage::rebuildOperator()
{
    m_operatorDetails->setRows(
        Resources::NatsDetails::operatorRows(m_operator, m_hub, QDateTime::currentSecsSinceEpoch()));
}

void NatsPage::updateTrustAnchors()
{
    // Creds fetched here are checked against this control plane's operator and accounts.
    QList<QByteArray> accountJwts;
    for (const Api::NatsAccount &a : recordsOf<Api::NatsAccount>(accounts()))
        accountJwts << a.jwt.toLatin1();
    m_creds->setTrustAnchors(m_operator ? m_operator->jwt.toLatin1() : QByteArray(), accountJwts);
}

void NatsPage::rebuildAccountContext()
{
    const std::optional<Api::NatsAccount> a = selectedAccount();
    if (!a) {
        m_accountContext->clear();
        return;
    }
    // The account rule of an application account is in the application's NATS settings.
    QString source;
    const QString rule = Resources::NatsDetails::findAccountRule(
        *a, recordsOf<Api::Application>(m_cluster->applications()->list()),
        recordsOf<Api::NatsAccountRule>(accountRules()), &source);
    // Only this account's users are parsed (rows keep JSON bytes; there may be 10,000 users).
    QList<Api::NatsUser> accountUsers;
    const ResourceTableModel *table = users()->table();
    for (int i = 0; i < table->rowCount(); ++i) {
        const ResourceRow &row = table->rowAt(i);
        if (row.cell(1) != a->name)
            continue;
        if (Result<Api::NatsUser> u = Api::NatsUser::fromJson(row.toObject()))
            accountUsers << *u;
    }
    m_accountContext->setRows(accountContextRows(*a, accountUsers, rule, source));
}

void NatsPage::rotateOperator()
{
    const QString name = operatorName();
    m_cluster->runAction(
        tr("Operator %1 is being rotated; servers need the new trust bundle.").arg(name),
        Net::ApiRequest::sendJson("POST", QStringLiteral("/nats/operator/rotate"), QJsonObject()),
        {accounts()}, [this](const Result<Net::ApiResponse> &r) {
            if (!r)
                return;
            // The rotation runs in the background: read the operator now and again a bit later.
            refreshDocuments();
            QTimer::singleShot(3000, this, [this] {
                refreshDocuments();
                accounts()->refresh();
            });
        });
}

QString NatsPage::alreadyHasAccount(const QString &app) const
{
    return tr("%1 already has a NATS account; nothing was changed. Its account rule is set in the "
              "application's NATS settings.")
        .arg(app);
}

bool NatsPage::hasAccount(const QString &app) const
{
    const Result<Api::NatsAccount> a = Api::NatsAccount::fromJson(accounts()->object(app));
    return a && a->isApplication() && a->name == app;
}

QString NatsPage::ensureAccountNote(const QString &app, int revision) const
{
    Q_UNUSED(revision)
    const QString name = app.trimmed();
    if (name.isEmpty() || !hasAccount(name))
        return {};
    return tr("%1 already has a NATS account: ensuring it changes nothing. Its account rule is set in "
              "the application's NATS settings.")
        .arg(name);
}

void NatsPage::ensureAccount(const QString &app, const QString &rule)
{
    // Decided from the accounts list when it already shows the account: the Controller would
    // refuse with 400 ("already has NATS account enabled").
    if (hasAccount(app)) {
        m_cluster->reportAction(true, alreadyHasAccount(app));
        return;
    }
    QJsonObject body;
    if (!rule.isEmpty())
        body.insert(u"natsRule", rule);
    m_cluster->runAction(
        tr("NATS account for %1 is ready.").arg(app),
        Net::ApiRequest::sendJson("POST", u"/nats/accounts/" + Net::pathSegment(app), body),
        {accounts(), users()}, {}, [this, app](const Error &e) {
            // The list was older than the account: the Controller's refusal says it exists.
            const QString said = e.message + u' ' + e.detail;
            const bool already = e.httpStatus == 400
                                 && said.contains(u"already has NATS account", Qt::CaseInsensitive);
            return already ? alreadyHasAccount(app) : QString();
        });
}

void NatsPage::createUser(const QString &app, const QString &name, int amount, const QString &unit,
                          const QString &rule, bool mqttBearer)
{
    if (const QString problem = createUserProblem(app, name, amount, unit); !problem.isEmpty()) {
        Q_EMIT userCreated(false, {}, problem);
        return;
    }
    const QString account = app.trimmed();
    const QString user = name.trimmed();
    const QString path = u"/nats/accounts/" + Net::pathSegment(account)
                         + (mqttBearer ? QStringLiteral("/mqtt-bearer") : QStringLiteral("/users"));
    m_cluster->runAction(
        mqttBearer ? tr("MQTT bearer user %1 created in %2.").arg(user, account)
                   : tr("User %1 created in %2.").arg(user, account),
        Net::ApiRequest::sendJson("POST", path, createUserBody(user, expiresIn(amount, unit), rule)),
        {users(), accounts()}, [this, account, user](const Result<Net::ApiResponse> &r) {
            const QString key = account + u'/' + user;
            if (r)
                users()->setSelectedKey(key);
            Q_EMIT userCreated(bool(r), r ? key : QString(), r ? QString() : r.error().message);
        });
}

void NatsPage::fetchCreds(const QString &app, const QString &user)
{
    m_creds->begin(app, user);
    m_cluster->send(
        Net::ApiRequest::get(u"/nats/accounts/" + Net::pathSegment(app) + u"/users/"
                             + Net::pathSegment(user) + QStringLiteral("/creds")),
        this, [this, app, user](Result<Net::ApiResponse> r) {
            if (m_creds->account() != app || m_creds->user() != user)
                return; // another fetch started meanwhile
            if (!r) {
                m_creds->fail(app, user, r.error().message);
                return;
            }
            QByteArray base64 = Api::Json::string(r->json.toObject(), QLatin1StringView("credsBase64")).toLatin1();
            SecretBytes::wipe(r->body);
            if (base64.isEmpty()) {
                m_creds->fail(app, user, tr("The Controller's answer has no credsBase64."));
                return;
            }
            m_creds->setBase64(app, user, std::move(base64));
        });
}

} // namespace Pot::Models
