#pragma once

#include "core/profiles/profile.h"
#include "core/session/connectionstate.h"

#include <QAbstractListModel>
#include <QList>

namespace Pot::Models {

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

    static QString defaultStateText(ConnectionState state);

Q_SIGNALS:
    void countChanged();

private:
    QList<Entry> m_entries;
};

} // namespace Pot::Models
