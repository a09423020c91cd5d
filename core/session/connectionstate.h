#pragma once

#include <QObject>

namespace Pot {

/// Where a control plane stands, from the user's point of view. In its own namespace so the QML
/// module can register the enum (QML_FOREIGN_NAMESPACE) without core depending on QtQml:
/// QML writes ConnectionState.SignedIn.
namespace ConnectionStates {
Q_NAMESPACE
enum class ConnectionState {
    Disconnected = 0, ///< not tried
    Connecting = 1,   ///< reaching the Controller or signing in
    SignInRequired = 2, ///< the Controller answers; nobody is signed in
    SignedIn = 3,     ///< a valid session
    Offline = 4,      ///< the Controller does not answer (network, timeout)
    Failed = 5,       ///< refused: TLS problem, no authentication configured, session expired…
};
Q_ENUM_NS(ConnectionState)
} // namespace ConnectionStates
using ConnectionStates::ConnectionState;

} // namespace Pot
