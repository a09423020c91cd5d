#pragma once

#include "core/profiles/profile.h"

#include <QAbstractListModel>
#include <QList>

namespace Pot::Models {

/// Where a control plane stands, from the user's point of view. In its own namespace so the QML
/// module can register the enum (QML_FOREIGN_NAMESPACE) without this library depending on QtQml:
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

/// Control-plane profiles with their connection state, one row each. Updates are row-precise.
// Not final: Qt 6.4's QML type registration (qml/modeltypes.h) derives from every
// default-constructible registered class, even an uncreatable one.
class ProfileListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileListModel)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        UrlRole,
        ColourRole,
        ReadOnlyRole,
        ConnectionStateRole,
        StateTextRole,
        EncryptedRole,
    };
    Q_ENUM(Role)

    struct Entry
    {
        Profiles::Profile profile;
        ConnectionState state = ConnectionState::Disconnected;
        QString stateText;
    };

    explicit ProfileListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setProfiles(const QList<Profiles::Profile> &profiles);
    void upsert(const Profiles::Profile &profile);
    void remove(const QUuid &id);
    void setState(const QUuid &id, ConnectionState state, const QString &text);

    int indexOf(const QUuid &id) const;
    const Entry *entryAt(int row) const;

    /// Whether a URL as the user typed it is plain http (shown as "not encrypted").
    static bool isEncryptedUrl(const QString &url);
    static QString defaultStateText(ConnectionState state);

Q_SIGNALS:
    void countChanged();

private:
    QList<Entry> m_entries;
};

} // namespace Pot::Models
