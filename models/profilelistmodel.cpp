#include "profilelistmodel.h"

#include "core/net/controllerurl.h"

#include <QCoreApplication>

namespace Pot::Models {

ProfileListModel::ProfileListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int ProfileListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return e.profile.name;
    case IdRole: return e.profile.id.toString(QUuid::WithoutBraces);
    case UrlRole: return e.profile.controllerUrl;
    case ColourRole: return e.profile.colour;
    case ReadOnlyRole: return e.profile.readOnly;
    case ConnectionStateRole: return int(e.state);
    case Qt::ToolTipRole:
    case StateTextRole: return e.stateText.isEmpty() ? defaultStateText(e.state) : e.stateText;
    case EncryptedRole: return Net::isEncryptedUrl(e.profile.controllerUrl);
    default: return {};
    }
}

QHash<int, QByteArray> ProfileListModel::roleNames() const
{
    return {
        {IdRole, "profileId"},
        {NameRole, "name"},
        {UrlRole, "url"},
        {ColourRole, "colour"},
        {ReadOnlyRole, "readOnly"},
        {ConnectionStateRole, "connectionState"},
        {StateTextRole, "stateText"},
        {EncryptedRole, "encrypted"},
    };
}

void ProfileListModel::setProfiles(const QList<Profiles::Profile> &profiles)
{
    beginResetModel();
    m_entries.clear();
    for (const Profiles::Profile &p : profiles)
        m_entries.append(Entry{p, ConnectionState::Disconnected, {}});
    endResetModel();
    Q_EMIT countChanged();
}

void ProfileListModel::upsert(const Profiles::Profile &profile)
{
    const int row = indexOf(profile.id);
    if (row >= 0) {
        m_entries[row].profile = profile;
        Q_EMIT dataChanged(index(row), index(row));
        return;
    }
    const int at = int(m_entries.size());
    beginInsertRows({}, at, at);
    m_entries.append(Entry{profile, ConnectionState::Disconnected, {}});
    endInsertRows();
    Q_EMIT countChanged();
}

void ProfileListModel::remove(const QUuid &id)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
}

void ProfileListModel::setState(const QUuid &id, ConnectionState state, const QString &text)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    Entry &e = m_entries[row];
    if (e.state == state && e.stateText == text)
        return;
    e.state = state;
    e.stateText = text;
    Q_EMIT dataChanged(index(row), index(row), {ConnectionStateRole, StateTextRole, Qt::ToolTipRole});
}

int ProfileListModel::indexOf(const QUuid &id) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).profile.id == id)
            return int(i);
    }
    return -1;
}

const ProfileListModel::Entry *ProfileListModel::entryAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return nullptr;
    return &m_entries.at(row);
}

QString ProfileListModel::defaultStateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected: return QCoreApplication::translate("Pot", "Not connected");
    case ConnectionState::Connecting: return QCoreApplication::translate("Pot", "Connecting…");
    case ConnectionState::SignInRequired: return QCoreApplication::translate("Pot", "Online — sign-in required");
    case ConnectionState::SignedIn: return QCoreApplication::translate("Pot", "Online — signed in");
    case ConnectionState::Offline: return QCoreApplication::translate("Pot", "Offline");
    case ConnectionState::Failed: return QCoreApplication::translate("Pot", "Connection failed");
    }
    return {};
}

} // namespace Pot::Models
