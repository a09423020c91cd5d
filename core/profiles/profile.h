#pragma once

#include <QString>
#include <QUrl>
#include <QUuid>

namespace Pot::Profiles {

/// How the profile signs in.
enum class AuthKind {
    Password, ///< e-mail + password (+ TOTP) through the Controller
    Browser,  ///< Keycloak authorization code + PKCE in the system browser
};

/// A control-plane profile: plain data, no secrets. Saved in a human-readable file.
struct Profile
{
    QUuid id;                 ///< stable key; also the keychain key prefix
    QString name;             ///< e.g. "production-eu"
    QString controllerUrl;    ///< as the user typed it; normalised by the client
    AuthKind auth = AuthKind::Password;
    QString email;            ///< password sign-in
    QString keycloakUrl;      ///< browser sign-in: e.g. https://auth.example.com/
    QString keycloakRealm;
    QString keycloakClientId; ///< the public client ECN-Viewer uses
    QString caCertificatePem; ///< custom CA (PEM text); empty = system trust store
    QString pinnedSha256;     ///< optional SHA-256 pin of the server certificate (hex, colons allowed)
    QString colour;           ///< "#rrggbb", frames the window while connected
    bool readOnly = false;    ///< disables every mutating action
    bool rememberPassword = false; ///< password in the keychain only if ticked
    int refreshIntervalSec = 30;   ///< how often lists refresh
    bool demo = false;             ///< the bundled, read-only demo control plane (no network)

    bool operator==(const Profile &) const = default;
};

} // namespace Pot::Profiles
