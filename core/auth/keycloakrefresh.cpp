#include "keycloakrefresh.h"

#include "core/logging.h"

namespace Pot::Auth {

KeycloakRefresh::KeycloakRefresh(QNetworkAccessManager *network, const QUrl &keycloakUrl,
                                 const QString &realm, const QString &clientId, const QSslConfiguration &tls)
    : m_keycloak(network, keycloakUrl, realm, clientId)
{
    m_keycloak.setTlsConfiguration(tls);
}

KeycloakRefresh::~KeycloakRefresh() = default;

void KeycloakRefresh::refresh(const TokenSet &current, QObject *context, TokensCallback done)
{
    m_keycloak.refresh(current, context, std::move(done));
}

void KeycloakRefresh::signOut(const TokenSet &current)
{
    m_keycloak.logout(current, &m_guard, [](Status s) {
        if (!s)
            qCInfo(lcCoreAuth) << "Keycloak logout failed:" << s.error().message;
    });
}

} // namespace Pot::Auth
