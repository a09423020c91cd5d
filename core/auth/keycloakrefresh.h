#pragma once

#include "core/auth/keycloaksession.h"
#include "core/auth/refreshstrategy.h"

#include <QObject>
#include <QPointer>

namespace Pot::Auth {

/// RefreshStrategy of a browser sign-in: refresh and sign-out go to Keycloak, not the Controller.
class KeycloakRefresh final : public RefreshStrategy
{
public:
    KeycloakRefresh(QNetworkAccessManager *network, const QUrl &keycloakUrl, const QString &realm,
                    const QString &clientId,
                    const QSslConfiguration &tls = QSslConfiguration::defaultConfiguration());
    ~KeycloakRefresh() override;

    void refresh(const TokenSet &current, QObject *context, TokensCallback done) override;
    void signOut(const TokenSet &current) override;

private:
    KeycloakSession m_keycloak;
    QObject m_guard; ///< context of sign-out replies, so none outlives this strategy
};

} // namespace Pot::Auth
