#pragma once

#include "models/detailsmodel.h"
#include "models/resourcelist.h"

#include <QJsonObject>
#include <QObject>

namespace Pot::Models {

class ClusterView;
class NatsCreds;

/// View model of the NATS page: operator and hub documents, the accounts, users, account-rule and
/// user-rule lists with details of the selected entry, the NATS actions (rotate the operator,
/// ensure an account, create/delete users and MQTT bearer users) and the creds of one user.
class NatsPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NatsPage)
    Q_PROPERTY(Pot::Models::ResourceList *accounts READ accounts CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *users READ users CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *accountRules READ accountRules CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *userRules READ userRules CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *operatorDetails READ operatorDetailsModel CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *accountDetails READ accountDetailsModel CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *userDetails READ userDetailsModel CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *accountRuleDetails READ accountRuleDetailsModel CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *userRuleDetails READ userRuleDetailsModel CONSTANT)
    Q_PROPERTY(Pot::Models::NatsCreds *creds READ creds CONSTANT)
    Q_MOC_INCLUDE("models/natscreds.h")
    Q_PROPERTY(QString operatorName READ operatorName NOTIFY documentsChanged)
    Q_PROPERTY(QString operatorError READ operatorError NOTIFY documentsChanged)
    Q_PROPERTY(QString hubUrl READ hubUrl NOTIFY documentsChanged)
    Q_PROPERTY(QString hubError READ hubError NOTIFY documentsChanged)
    Q_PROPERTY(bool documentsLive READ documentsLive NOTIFY documentsChanged)
    Q_PROPERTY(QString rotateWarning READ rotateWarning CONSTANT)
    Q_PROPERTY(QString selectedAccountApp READ selectedAccountApp NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedUserApp READ selectedUserApp NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedUserName READ selectedUserName NOTIFY selectionChanged)
    Q_PROPERTY(bool selectedUserBearer READ selectedUserBearer NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedUserDeleteBlocker READ selectedUserDeleteBlocker NOTIFY selectionChanged)
    Q_PROPERTY(QStringList userRuleNames READ userRuleNames NOTIFY rulesChanged)
    Q_PROPERTY(QStringList accountRuleNames READ accountRuleNames NOTIFY rulesChanged)
    Q_PROPERTY(QStringList applicationNames READ applicationNames NOTIFY selectionChanged)

public:
    explicit NatsPage(ClusterView *cluster);
    ~NatsPage() override;

    ResourceList *accounts() const { return m_accounts; }
    ResourceList *users() const { return m_users; }
    ResourceList *accountRules() const { return m_accountRules; }
    ResourceList *userRules() const { return m_userRules; }
    DetailsModel *operatorDetailsModel() const { return m_operatorDetails; }
    DetailsModel *accountDetailsModel() const { return m_accountDetails; }
    DetailsModel *userDetailsModel() const { return m_userDetails; }
    DetailsModel *accountRuleDetailsModel() const { return m_accountRuleDetails; }
    DetailsModel *userRuleDetailsModel() const { return m_userRuleDetails; }
    NatsCreds *creds() const { return m_creds; }

    QString operatorName() const { return m_operator.value(u"name").toString(); }
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
    bool selectedUserBearer() const;
    /// Why the Controller would refuse to delete the selected user; empty if it would not.
    QString selectedUserDeleteBlocker() const;
    QStringList userRuleNames() const;
    QStringList accountRuleNames() const;
    /// Applications that have an account (for "create user" defaults).
    QStringList applicationNames() const;

    /// Columns and row builders (shared with the benchmarks). Users: key "<account>/<user>".
    static ResourceList::Spec accountsListSpec();
    static ResourceList::Spec usersListSpec();
    static ResourceList::Spec accountRulesListSpec();
    static ResourceList::Spec userRulesListSpec();

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
    Q_INVOKABLE void deleteUser(const QString &app, const QString &user, bool mqttBearer);
    Q_INVOKABLE void fetchCreds(const QString &app, const QString &user);

Q_SIGNALS:
    void documentsChanged();
    void selectionChanged();
    void rulesChanged();
    /// A create-user call ended; `key` is the new user's row key when ok.
    void userCreated(bool ok, const QString &key, const QString &message);

private:
    void rebuildOperator();
    void rebuildAccount();
    void rebuildUser();
    QList<QJsonObject> applicationObjects() const;
    /// Whether the accounts list shows an application account named `app`.
    bool hasAccount(const QString &app) const;
    QString alreadyHasAccount(const QString &app) const;

    ClusterView *m_cluster;
    ResourceList *m_accounts;
    ResourceList *m_users;
    ResourceList *m_accountRules;
    ResourceList *m_userRules;
    DetailsModel *m_operatorDetails;
    DetailsModel *m_accountDetails;
    DetailsModel *m_userDetails;
    DetailsModel *m_accountRuleDetails;
    DetailsModel *m_userRuleDetails;
    NatsCreds *m_creds;
    QJsonObject m_operator;
    QJsonObject m_hub;
    QStringList m_accountRuleNames;
    QStringList m_userRuleNames;
    QString m_operatorError;
    QString m_hubError;
    bool m_documentsLive = false;
};

} // namespace Pot::Models
