#pragma once

#include "core/api/records.h"
#include "models/detailsmodel.h"
#include "models/resourcelist.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace Pot::Models {

class ClusterView;
class NatsDecoder;
class ResourcePage;

/// What the NATS page has beyond its four lists (the kinds natsAccounts, natsUsers,
/// natsAccountRules and natsUserRules, each a ResourcePage of the cluster): the operator and hub,
/// operator rotation, ensuring an account, creating users, the account rule and users of the
/// selected account, and the creds of a user (the one NATS creds workflow, NatsDecoder).
class NatsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NatsPage)
    Q_PROPERTY(Pot::Models::ResourceList *accounts READ accounts CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *users READ users CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *accountRules READ accountRules CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *userRules READ userRules CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *operatorDetails READ operatorDetailsModel CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *accountContext READ accountContextModel CONSTANT)
    Q_PROPERTY(Pot::Models::NatsDecoder *creds READ creds CONSTANT)
    Q_MOC_INCLUDE("models/natsdecoder.h")
    Q_PROPERTY(QString operatorName READ operatorName NOTIFY documentsChanged)
    Q_PROPERTY(QString operatorError READ operatorError NOTIFY documentsChanged)
    Q_PROPERTY(QString hubUrl READ hubUrl NOTIFY documentsChanged)
    Q_PROPERTY(QString hubError READ hubError NOTIFY documentsChanged)
    Q_PROPERTY(bool documentsLive READ documentsLive NOTIFY documentsChanged)
    Q_PROPERTY(QString rotateWarning READ rotateWarning CONSTANT)
    Q_PROPERTY(QString selectedAccountApp READ selectedAccountApp NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedUserApp READ selectedUserApp NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedUserName READ selectedUserName NOTIFY selectionChanged)
    Q_PROPERTY(QStringList userRuleNames READ userRuleNames NOTIFY rulesChanged)
    Q_PROPERTY(QStringList accountRuleNames READ accountRuleNames NOTIFY rulesChanged)
    Q_PROPERTY(QStringList applicationNames READ applicationNames NOTIFY selectionChanged)

public:
    /// Needs the cluster's resource pages of the four NATS kinds.
    explicit NatsPage(ClusterView *cluster);
    ~NatsPage() override;

    ResourcePage *accountsPage() const { return m_accountsPage; }
    ResourcePage *usersPage() const { return m_usersPage; }
    ResourceList *accounts() const;
    ResourceList *users() const;
    ResourceList *accountRules() const;
    ResourceList *userRules() const;
    DetailsModel *operatorDetailsModel() const { return m_operatorDetails; }
    /// The account rule and the users of the selected account (its own fields are in the
    /// accounts page's details).
    DetailsModel *accountContextModel() const { return m_accountContext; }
    NatsDecoder *creds() const { return m_creds; }

    QString operatorName() const { return m_operator ? m_operator->name : QString(); }
    QString operatorError() const { return m_operatorError; }
    /// nats://host:serverPort of the hub; empty when unknown.
    QString hubUrl() const;
    QString hubError() const { return m_hubError; }
    bool documentsLive() const { return m_documentsLive; }
    QString rotateWarning() const;

    /// The application name of the selected account ("" for system accounts: they have none).
    QString selectedAccountApp() const;
    /// The name the NATS routes take for the selected user's account ({appName}: the application,
    /// or the system account name for creds), and the user's name.
    QString selectedUserApp() const;
    QString selectedUserName() const;
    QStringList userRuleNames() const;
    QStringList accountRuleNames() const;
    /// Applications that have an account (for "create user" defaults).
    QStringList applicationNames() const;

    /// The Controller's expiresIn (^[0-9]+[hdm]$: hours, days, months of 30 days, at most 3 years)
    /// for `amount` of `unit` ("h", "d", "m"); amount 0 = no expiry (""). Error text in `error`.
    static QString expiresIn(int amount, const QString &unit, QString *error = nullptr);
    /// The body of POST /nats/accounts/{app}/users and …/mqtt-bearer.
    static QJsonObject createUserBody(const QString &name, const QString &expiresIn,
                                      const QString &rule);

    /// Reads the operator and hub again.
    Q_INVOKABLE void refreshDocuments();
    /// Checks the create-user input; "" when it can be sent.
    Q_INVOKABLE QString createUserProblem(const QString &app, const QString &name, int amount,
                                          const QString &unit) const;
    /// "<app> already has a NATS account…" when the accounts list shows one, else "". `revision`
    /// is only there for QML bindings to re-evaluate when the list changes (its count).
    Q_INVOKABLE QString ensureAccountNote(const QString &app, int revision = 0) const;
    Q_INVOKABLE void rotateOperator();
    Q_INVOKABLE void ensureAccount(const QString &app, const QString &rule);
    Q_INVOKABLE void createUser(const QString &app, const QString &name, int amount,
                                const QString &unit, const QString &rule, bool mqttBearer);
    Q_INVOKABLE void fetchCreds(const QString &app, const QString &user);

Q_SIGNALS:
    void documentsChanged();
    void selectionChanged();
    void rulesChanged();
    /// A create-user call ended; `key` is the new user's row key when ok.
    void userCreated(bool ok, const QString &key, const QString &message);

private:
    void rebuildOperator();
    void rebuildAccountContext();
    void updateTrustAnchors();
    std::optional<Api::NatsAccount> selectedAccount() const;
    std::optional<Api::NatsUser> selectedUser() const;
    /// Whether the accounts list shows an application account named `app`.
    bool hasAccount(const QString &app) const;
    QString alreadyHasAccount(const QString &app) const;

    ClusterView *m_cluster;
    ResourcePage *m_accountsPage;
    ResourcePage *m_usersPage;
    ResourcePage *m_accountRulesPage;
    ResourcePage *m_userRulesPage;
    DetailsModel *m_operatorDetails;
    DetailsModel *m_accountContext;
    NatsDecoder *m_creds;
    std::optional<Api::NatsOperator> m_operator;
    std::optional<Api::NatsHub> m_hub;
    QStringList m_accountRuleNames;
    QStringList m_userRuleNames;
    QString m_operatorError;
    QString m_hubError;
    bool m_documentsLive = false;
};

} // namespace Pot::Models
