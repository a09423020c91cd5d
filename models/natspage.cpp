#include "natspage.h"

#include "core/nats/jwt.h"
#include "core/net/apireply.h"
#include "models/applicationspage.h"
#include "models/clusterview.h"
#include "models/natscreds.h"
#include "models/natsdetails.h"
#include "models/timetext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

namespace Pot::Models {

namespace {

QString ruleLimitsSummary(const QJsonObject &o, const QStringList &keys)
{
    int nulls = 0;
    for (const QString &k : keys) {
        if (!o.value(k).isDouble())
            ++nulls;
    }
    return nulls == 0 ? QString() : NatsPage::tr("%n limit(s) null", nullptr, nulls);
}

const QStringList &accountRuleNumericKeys()
{
    static const QStringList keys{QStringLiteral("maxConnections"), QStringLiteral("maxLeafNodeConnections"),
                                  QStringLiteral("maxData"),        QStringLiteral("maxExports"),
                                  QStringLiteral("maxImports"),     QStringLiteral("maxMsgPayload"),
                                  QStringLiteral("maxSubscriptions")};
    return keys;
}

const QStringList &userRuleNumericKeys()
{
    static const QStringList keys{QStringLiteral("maxSubscriptions"), QStringLiteral("maxPayload"),
                                  QStringLiteral("maxData")};
    return keys;
}

/// Cells shared by both rule lists: ttl and null flags.
void ruleFlags(const QJsonObject &o, const QStringList &numericKeys, QString *flags, QString *tip,
               Tone *tone)
{
    QStringList f;
    QStringList t;
    const QString nulls = ruleLimitsSummary(o, numericKeys);
    if (!nulls.isEmpty()) {
        f << nulls;
        t << NatsPage::tr("null limits reach the JWT as null, which nats-server reads as 0 (not unlimited)");
    }
    const QString ttl = NatsDetails::ttlWarning(qint64(o.value(u"respTtl").toDouble()));
    if (!ttl.isEmpty()) {
        f << NatsPage::tr("resp.ttl in ms?");
        t << ttl;
    }
    *flags = f.join(u", ");
    *tip = t.join(u'\n');
    *tone = f.isEmpty() ? Tone::None : Tone::Warn;
}

} // namespace

ResourceList::Spec NatsPage::accountsListSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("natsAccounts");
    spec.path = QStringLiteral("/nats/accounts");
    spec.arrayKey = QStringLiteral("accounts");
    spec.rbacResource = QStringLiteral("natsAccounts");
    spec.columns = {{tr("Name"), 200}, {tr("Application"), 150}, {tr("Kind"), 130},
                    {tr("Revoked users"), 110}, {tr("Public key"), 300}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        row.key = o.value(u"name").toString();
        row.object = o;
        const bool system = o.value(u"isSystem").toBool();
        const bool leaf = o.value(u"isLeafSystem").toBool();
        const bool app = o.value(u"applicationId").isDouble();
        QString kind = tr("application");
        Tone tone = Tone::None;
        if (system) {
            kind = tr("system");
            tone = Tone::Info;
        } else if (leaf) {
            kind = tr("leaf system");
            tone = Tone::Info;
        } else if (!app) {
            kind = tr("no application");
            tone = Tone::Warn;
        }
        int revoked = 0;
        if (auto jwt = Nats::Jwt::decode(o.value(u"jwt").toString().toLatin1()))
            revoked = int(jwt->claims().account.revocations.size());
        row.cells = {row.key, app ? row.key : QString(), kind,
                     revoked > 0 ? QString::number(revoked) : QString(),
                     o.value(u"publicKey").toString()};
        row.sortKeys = {QVariant(), QVariant(), QVariant(), revoked, QVariant()};
        row.tips = {{}, app ? tr("Application id %1").arg(o.value(u"applicationId").toInt()) : QString(),
                    {}, {}, {}};
        row.tones = {Tone::None, Tone::None, tone, revoked > 0 ? Tone::Warn : Tone::None, Tone::Muted};
        return row;
    };
    return spec;
}

ResourceList::Spec NatsPage::usersListSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("natsUsers");
    spec.path = QStringLiteral("/nats/users");
    spec.arrayKey = QStringLiteral("users");
    spec.rbacResource = QStringLiteral("natsUsers");
    spec.columns = {{tr("Name"), 180},      {tr("Account"), 150}, {tr("Application"), 140},
                    {tr("Bearer"), 70},     {tr("Microservice"), 120}, {tr("Expiry"), 170}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        const QString name = o.value(u"name").toString();
        const QString account = o.value(u"accountName").toString();
        row.key = account + u'/' + name;
        row.object = o;
        // The Controller writes the requested expiry into nats.exp, where nats-server ignores it
        // (controller-api.md §5.5); a top-level exp would be enforced.
        NatsDetails::Expiry e;
        if (auto jwt = Nats::Jwt::decode(o.value(u"jwt").toString().toLatin1()))
            e = NatsDetails::userExpiry(jwt->payload());
        const qint64 expSec = e.seconds;
        QString expiry;
        QString tip;
        Tone tone = Tone::None;
        if (expSec > 0) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            expiry = TimeText::exact(expSec * 1000);
            tip = e.enforced ? tr("Expires %1").arg(TimeText::relative(expSec * 1000, now))
                             : tr("Requested expiry %1, not enforced: the Controller put it in "
                                  "nats.exp, which nats-server ignores.")
                                   .arg(TimeText::relative(expSec * 1000, now));
            if (!e.enforced) {
                expiry += tr(" (not enforced)");
                tone = Tone::Warn;
            } else if (expSec * 1000 < now) {
                tone = Tone::Bad;
            }
        } else {
            expiry = tr("never");
            tone = Tone::Muted;
        }
        const bool bearer = o.value(u"isBearer").toBool();
        row.cells = {name,
                     account,
                     o.value(u"applicationName").toString(),
                     bearer ? tr("bearer") : QString(),
                     o.value(u"microserviceUuid").toString().isEmpty() ? QString() : tr("yes"),
                     expiry};
        row.tips = {o.value(u"publicKey").toString(), {}, {}, {},
                    o.value(u"microserviceUuid").toString(), tip};
        row.sortKeys = {QVariant(), QVariant(), QVariant(), QVariant(), QVariant(), expSec};
        row.tones = {Tone::None, Tone::None, Tone::None, bearer ? Tone::Warn : Tone::None,
                     Tone::None, tone};
        return row;
    };
    return spec;
}

ResourceList::Spec NatsPage::accountRulesListSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("natsAccountRules");
    spec.path = QStringLiteral("/nats/account-rules");
    spec.arrayKey = QStringLiteral("rules");
    spec.rbacResource = QStringLiteral("natsAccountRules");
    spec.columns = {{tr("Name"), 190}, {tr("Kind"), 80}, {tr("Connections"), 100},
                    {tr("Exports"), 70}, {tr("Imports"), 70}, {tr("Flags"), 170},
                    {tr("Description"), 300}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        row.key = o.value(u"name").toString();
        row.object = o;
        const bool system = o.value(u"isSystem").toBool();
        const QJsonValue conn = o.value(u"maxConnections");
        const int exports = int(o.value(u"exports").toArray().size());
        const int imports = int(o.value(u"imports").toArray().size());
        QString flags;
        QString flagTip;
        Tone flagTone = Tone::None;
        ruleFlags(o, accountRuleNumericKeys(), &flags, &flagTip, &flagTone);
        row.cells = {row.key,
                     system ? tr("built-in") : tr("custom"),
                     conn.isDouble() ? (conn.toInteger() < 0 ? tr("unlimited") : QString::number(conn.toInteger()))
                                     : tr("null"),
                     QString::number(exports),
                     QString::number(imports),
                     flags,
                     o.value(u"description").toString()};
        row.sortKeys = {QVariant(), QVariant(), conn.isDouble() ? QVariant(conn.toInteger()) : QVariant(),
                        exports, imports, QVariant(), QVariant()};
        row.tips = {{}, system ? tr("Reserved: the Controller refuses changes.") : QString(), {}, {}, {},
                    flagTip, o.value(u"description").toString()};
        row.tones = {Tone::None, system ? Tone::Muted : Tone::None, Tone::None, Tone::None, Tone::None,
                     flagTone, Tone::None};
        return row;
    };
    return spec;
}

ResourceList::Spec NatsPage::userRulesListSpec()
{
    ResourceList::Spec spec;
    spec.id = QStringLiteral("natsUserRules");
    spec.path = QStringLiteral("/nats/user-rules");
    spec.arrayKey = QStringLiteral("rules");
    spec.rbacResource = QStringLiteral("natsUserRules");
    spec.columns = {{tr("Name"), 180}, {tr("Kind"), 80}, {tr("Bearer"), 70},
                    {tr("Connection types"), 180}, {tr("Flags"), 170}, {tr("Description"), 300}};
    spec.build = [](const QJsonObject &o) {
        ResourceRow row;
        row.key = o.value(u"name").toString();
        row.object = o;
        const bool system = o.value(u"isSystem").toBool();
        QStringList types;
        for (const QJsonValue &t : o.value(u"allowedConnectionTypes").toArray())
            types << t.toString();
        QString flags;
        QString flagTip;
        Tone flagTone = Tone::None;
        ruleFlags(o, userRuleNumericKeys(), &flags, &flagTip, &flagTone);
        const bool bearer = o.value(u"bearerToken").toBool();
        row.cells = {row.key,
                     system ? tr("built-in") : tr("custom"),
                     bearer ? tr("bearer") : QString(),
                     types.isEmpty() ? tr("all") : types.join(u", "),
                     flags,
                     o.value(u"description").toString()};
        row.tips = {{}, system ? tr("Reserved: the Controller refuses changes.") : QString(), {}, {},
                    flagTip, o.value(u"description").toString()};
        row.tones = {Tone::None, system ? Tone::Muted : Tone::None, bearer ? Tone::Warn : Tone::None,
                     Tone::None, flagTone, Tone::None};
        return row;
    };
    return spec;
}

NatsPage::NatsPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_accounts(cluster->addList(accountsListSpec(), this))
    , m_users(cluster->addList(usersListSpec(), this))
    , m_accountRules(cluster->addList(accountRulesListSpec(), this))
    , m_userRules(cluster->addList(userRulesListSpec(), this))
    , m_operatorDetails(new DetailsModel(this))
    , m_accountDetails(new DetailsModel(this))
    , m_userDetails(new DetailsModel(this))
    , m_accountRuleDetails(new DetailsModel(this))
    , m_userRuleDetails(new DetailsModel(this))
    , m_creds(new NatsCreds([cluster](const QString &text, bool sensitive) { cluster->copy(text, sensitive); },
                            this))
{
    connect(m_accounts, &ResourceList::selectedObjectChanged, this, &NatsPage::rebuildAccount);
    connect(m_accounts, &ResourceList::selectedObjectChanged, this, &NatsPage::selectionChanged);
    connect(m_accounts, &ResourceList::applied, this, &NatsPage::selectionChanged);
    connect(m_users, &ResourceList::applied, this, &NatsPage::rebuildAccount);
    connect(m_accountRules, &ResourceList::applied, this, &NatsPage::rebuildAccount);
    connect(m_cluster->applications()->list(), &ResourceList::applied, this, &NatsPage::rebuildAccount);
    connect(m_users, &ResourceList::selectedObjectChanged, this, &NatsPage::rebuildUser);
    connect(m_users, &ResourceList::selectedObjectChanged, this, &NatsPage::selectionChanged);
    connect(m_accountRules, &ResourceList::selectedObjectChanged, this, [this] {
        const QJsonObject o = m_accountRules->selectedObject();
        m_accountRuleDetails->setRows(o.isEmpty() ? QList<DetailRow>() : NatsDetails::accountRuleRows(o));
    });
    connect(m_userRules, &ResourceList::selectedObjectChanged, this, [this] {
        const QJsonObject o = m_userRules->selectedObject();
        m_userRuleDetails->setRows(o.isEmpty() ? QList<DetailRow>() : NatsDetails::userRuleRows(o));
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
    connect(m_accountRules, &ResourceList::applied, this, checkRules);
    connect(m_userRules, &ResourceList::applied, this, checkRules);
    connect(cluster, &ClusterView::refreshTick, this, &NatsPage::refreshDocuments);
    // Offline and demo: the documents come from the snapshot at once.
    if (!cluster->online())
        QTimer::singleShot(0, this, &NatsPage::refreshDocuments);
}

NatsPage::~NatsPage() = default;

QString NatsPage::hubUrl() const
{
    const QString host = m_hub.value(u"host").toString();
    if (host.isEmpty())
        return {};
    const int port = m_hub.value(u"serverPort").toInt(4222);
    const bool v6 = host.contains(u':');
    return QStringLiteral("nats://%1:%2").arg(v6 ? u'[' + host + u']' : host).arg(port);
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

QString NatsPage::selectedAccountApp() const
{
    const QJsonObject a = m_accounts->selectedObject();
    if (!a.value(u"applicationId").isDouble())
        return {};
    return a.value(u"name").toString();
}

QString NatsPage::selectedUserApp() const
{
    const QJsonObject u = m_users->selectedObject();
    const QString app = u.value(u"applicationName").toString();
    // System accounts have no application; for creds the route takes the account name (SYS…).
    return app.isEmpty() ? u.value(u"accountName").toString() : app;
}

QString NatsPage::selectedUserName() const
{
    return m_users->selectedObject().value(u"name").toString();
}

bool NatsPage::selectedUserBearer() const
{
    return m_users->selectedObject().value(u"isBearer").toBool();
}

QString NatsPage::selectedUserDeleteBlocker() const
{
    const QJsonObject u = m_users->selectedObject();
    if (u.isEmpty())
        return tr("Select a user first.");
    if (!u.value(u"microserviceUuid").toString().isEmpty())
        return tr("This user belongs to a microservice; it goes away with the microservice.");
    if (u.value(u"applicationName").toString().isEmpty())
        return tr("Users of system accounts are managed by the Controller.");
    return {};
}

QStringList NatsPage::userRuleNames() const
{
    QStringList names;
    for (const QJsonObject &o : m_userRules->objects())
        names << o.value(u"name").toString();
    return names;
}

QStringList NatsPage::accountRuleNames() const
{
    QStringList names;
    for (const QJsonObject &o : m_accountRules->objects())
        names << o.value(u"name").toString();
    return names;
}

QStringList NatsPage::applicationNames() const
{
    QStringList names;
    for (const QJsonObject &o : m_accounts->objects()) {
        if (o.value(u"applicationId").isDouble())
            names << o.value(u"name").toString();
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
    auto store = [this](QJsonObject *target, QString *error, const QJsonValue &json, bool live) {
        *target = json.toObject();
        error->clear();
        m_documentsLive = live;
        rebuildOperator();
        Q_EMIT documentsChanged();
    };
    if (m_cluster->readDeniedReason(QStringLiteral("natsOperator"), QStringLiteral("get")).isEmpty()) {
        m_cluster->fetchDocument(
            QStringLiteral("natsOperator"), QStringLiteral("/nats/operator"), this,
            [this, store](const QJsonValue &json, bool live) { store(&m_operator, &m_operatorError, json, live); },
            [this](const Error &e) {
                m_operatorError = e.message;
                Q_EMIT documentsChanged();
            });
    } else {
        m_operatorError = m_cluster->readDeniedReason(QStringLiteral("natsOperator"), QStringLiteral("get"));
        Q_EMIT documentsChanged();
    }
    if (m_cluster->readDeniedReason(QStringLiteral("natsHub"), QStringLiteral("get")).isEmpty()) {
        m_cluster->fetchDocument(
            QStringLiteral("natsHub"), QStringLiteral("/nats/hub"), this,
            [this, store](const QJsonValue &json, bool live) { store(&m_hub, &m_hubError, json, live); },
            [this](const Error &e) {
                m_hubError = e.httpStatus == 404 ? tr("This control plane has no NATS hub yet.") : e.message;
                Q_EMIT documentsChanged();
            });
    }
}

QList<QJsonObject> NatsPage::applicationObjects() const
{
    // The account rule of an application account is in the application's NATS settings.
    return m_cluster->applications()->list()->objects();
}

void NatsPage::rebuildOperator()
{
    m_operatorDetails->setRows(
        NatsDetails::operatorRows(m_operator, m_hub, QDateTime::currentSecsSinceEpoch()));
}

void NatsPage::rebuildAccount()
{
    const QJsonObject a = m_accounts->selectedObject();
    if (a.isEmpty()) {
        m_accountDetails->clear();
        return;
    }
    QString source;
    const QString rule = NatsDetails::findAccountRule(a, applicationObjects(), m_accountRules->objects(),
                                                      &source);
    // Only this account's users are parsed (rows keep JSON bytes; there may be 10,000 users).
    QList<QJsonObject> users;
    const QString account = a.value(u"name").toString();
    const ResourceTableModel *table = m_users->table();
    for (int i = 0; i < table->rowCount(); ++i) {
        const ResourceRow &row = table->rowAt(i);
        if (row.cell(1) == account)
            users << row.toObject();
    }
    m_accountDetails->setRows(NatsDetails::accountRows(a, users, rule, source,
                                                       QDateTime::currentSecsSinceEpoch()));
}

void NatsPage::rebuildUser()
{
    const QJsonObject u = m_users->selectedObject();
    m_userDetails->setRows(u.isEmpty() ? QList<DetailRow>()
                                       : NatsDetails::userRows(u, QDateTime::currentSecsSinceEpoch()));
}

void NatsPage::rotateOperator()
{
    const QString name = operatorName();
    m_cluster->runAction(
        tr("Operator %1 is being rotated; servers need the new trust bundle.").arg(name),
        Net::ApiRequest::sendJson("POST", QStringLiteral("/nats/operator/rotate"), QJsonObject()),
        {m_accounts}, [this](const Result<Net::ApiResponse> &r) {
            if (!r)
                return;
            // The rotation runs in the background: read the operator now and again a bit later.
            refreshDocuments();
            QTimer::singleShot(3000, this, [this] {
                refreshDocuments();
                m_accounts->refresh();
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
    const QJsonObject a = m_accounts->object(app);
    return a.value(u"applicationId").isDouble() && a.value(u"name").toString() == app;
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
        {m_accounts, m_users}, {}, [this, app](const Error &e) {
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
        {m_users, m_accounts}, [this, account, user](const Result<Net::ApiResponse> &r) {
            const QString key = account + u'/' + user;
            if (r)
                m_users->setSelectedKey(key);
            Q_EMIT userCreated(bool(r), r ? key : QString(), r ? QString() : r.error().message);
        });
}

void NatsPage::deleteUser(const QString &app, const QString &user, bool mqttBearer)
{
    const QString path = u"/nats/accounts/" + Net::pathSegment(app)
                         + (mqttBearer ? QStringLiteral("/mqtt-bearer/") : QStringLiteral("/users/"))
                         + Net::pathSegment(user);
    const Net::ApiRequest request = Net::ApiRequest::remove(path);
    m_cluster->runAction(tr("User %1 deleted from %2; its key is revoked in the account JWT.").arg(user, app),
                         request, {m_users, m_accounts});
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
            QByteArray base64 = r->json.toObject().value(u"credsBase64").toString().toLatin1();
            SecretBytes::wipe(r->body);
            if (base64.isEmpty()) {
                m_creds->fail(app, user, tr("The Controller's answer has no credsBase64."));
                return;
            }
            m_creds->setBase64(app, user, std::move(base64));
        });
}

} // namespace Pot::Models
