#include "keycloakrefresh.h"

#include "core/logging.h"

namespace Pot::Auth {

KeycloakRefresh::KeycloakRefresh(QNetworkAccessManager *network, const QUrl &keycloakUrl,
                                 const QString &realm, const QString &clientId)
    : m_keycloak(network, keycloakUrl, realm, clientId)
{}

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
