#pragma once

#include "core/cluster/objectreader.h"
#include "core/net/apireply.h"
#include "core/result.h"
#include "models/resourcetablemodel.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace Pot::Net {
class ControllerClient;
}

namespace Pot::Models {

class ResourceFilterProxy;

/// One list of a control plane (agents, NATS users, roles...) with everything a list view needs:
/// the table model behind a filter/sort proxy, loading and error state, freshness, a selection kept
/// by key across refreshes, and refresh. The network answer is parsed and turned into rows on a
/// worker thread; the GUI thread only applies the diff.
class ResourceList final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceList)
    Q_PROPERTY(QString listId READ listId CONSTANT)
    Q_PROPERTY(QAbstractItemModel *model READ model CONSTANT)
    Q_PROPERTY(QStringList columnTitles READ columnTitles CONSTANT)
    Q_PROPERTY(QVariantList columnWidths READ columnWidths CONSTANT)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(bool sortAscending READ sortAscending NOTIFY sortChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int shownCount READ shownCount NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY stateChanged)
    Q_PROPERTY(bool stale READ stale NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
    Q_PROPERTY(QString unavailableReason READ unavailableReason NOTIFY stateChanged)
    Q_PROPERTY(QString freshnessText READ freshnessText NOTIFY freshnessChanged)
    Q_PROPERTY(QString selectedKey READ selectedKey WRITE setSelectedKey NOTIFY selectedKeyChanged)
    Q_PROPERTY(int selectedRow READ selectedRow NOTIFY selectedRowChanged)

public:
    /// What the list fetches and how it shows it.
    struct Spec
    {
        QString id;              ///< snapshot file name, e.g. "agents"
        QString path;            ///< GET path, e.g. "/iofog-list"
        QString arrayKey;        ///< key of the array in the answer ("fogs"); empty: a bare array
        QString rbacResource;    ///< e.g. "fogs"; the list is fetched only when "list" is allowed
        QString rbacVerb = QStringLiteral("list");
        QString rbacName;        ///< resourceName the route resolves to (GET /application/system)
        QList<ResourceColumn> columns;
        RowBuilder build;
    };
    /// Called on the worker thread with each answer fetched from the Controller (for snapshots).
    using Sink = std::function<void(const QByteArray &answer, const QDateTime &at)>;
    /// Reads every answer read into rows (Controller, snapshot, demo, showAnswer()) object by
    /// object on the worker thread, done before the rows reach the view (for the cluster state's
    /// typed look-ups).
    using Reader = Cluster::ObjectReaderFactory;

    /// `pool` runs the parsing; nullptr parses on the calling thread (tests, benchmarks).
    ResourceList(Spec spec, QThreadPool *pool, QObject *parent = nullptr);
    ~ResourceList() override;

    const Spec &spec() const { return m_spec; }
    QString listId() const { return m_spec.id; }
    QAbstractItemModel *model() const;
    ResourceTableModel *table() const { return m_table; }
    ResourceFilterProxy *proxy() const { return m_proxy; }
    QStringList columnTitles() const;
    QVariantList columnWidths() const;

    QString filterText() const;
    void setFilterText(const QString &text);
    int sortColumn() const;
    bool sortAscending() const;
    int count() const;
    int shownCount() const;
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    bool stale() const { return m_stale; }
    QString error() const { return m_error; }
    QString unavailableReason() const { return m_unavailable; }
    QString freshnessText() const;
    QDateTime updatedAt() const { return m_updatedAt; }

    QString selectedKey() const { return m_selectedKey; }
    void setSelectedKey(const QString &key);
    int selectedRow() const;
    /// The selected object, or an empty object.
    QJsonObject selectedObject() const { return object(m_selectedKey); }
    QJsonObject object(const QString &key) const;
    /// All objects in the Controller's order (for cross-references such as "users of this account").
    QList<QJsonObject> objects() const;

    /// nullptr: offline; refresh() then only marks the data stale.
    void setClient(Net::ControllerClient *client);
    void setSink(Sink sink) { m_sink = std::move(sink); }
    void setReader(Reader reader) { m_reader = std::move(reader); }
    /// A reason the list cannot be read (no permission, capability missing); empty clears it.
    void setUnavailable(const QString &reason);
    /// Marks what is shown as old (connection lost, read from a snapshot).
    void setStale(bool stale);
    /// Fixed data (the demo): refresh() does nothing and the freshness says `note`.
    void setFixed(const QString &note);
    /// The owner fetches the list itself (a query, paging): refresh() calls `fetch` instead.
    void setRefresher(std::function<void()> fetch) { m_refresher = std::move(fetch); }

    Q_INVOKABLE void refresh();
    Q_INVOKABLE void sortBy(int column);
    Q_INVOKABLE QString keyAt(int proxyRow) const;
    Q_INVOKABLE int rowOfKey(const QString &key) const;
    /// Moves the selection up or down the sorted, filtered list (keyboard navigation).
    Q_INVOKABLE void selectRelative(int step);

    /// Shows a saved or bundled answer (snapshot, demo) as of `at`.
    void showAnswer(const QByteArray &body, const QDateTime &at, bool stale);
    /// A saved answer and the time it was read.
    struct Saved
    {
        QByteArray body;
        QDateTime at;
        qsizetype spare = -1;          ///< bytes readable after `body` (-1: what it owns)
        std::shared_ptr<void> storage; ///< what keeps `body` valid when it is raw data (a mapping)
    };
    /// Same, but `load` reads it on the worker thread (a large snapshot never blocks the window);
    /// nullopt from `load` leaves the list as it is.
    void showSaved(std::function<std::optional<Saved>()> load, bool stale);

    /// Parses a list answer and builds the rows (what a refresh does off the GUI thread).
    static Result<QList<ResourceRow>> buildRows(const QJsonValue &answer, const QString &arrayKey,
                                                const RowBuilder &build);
    static Result<QJsonValue> parseAnswer(const QByteArray &body);
    /// What a refresh or a snapshot load does (off the GUI thread): the same from the raw answer,
    /// element by element; rows keep their element's JSON compressed with `dictionary` (made from
    /// the answer when null; pass the one of the rows shown so that unchanged rows compress alike).
    static Result<QList<ResourceRow>> buildRows(const QByteArray &body, const QString &arrayKey,
                                                const RowBuilder &build,
                                                const std::shared_ptr<const TextDictionary> &dictionary = {},
                                                qsizetype spare = -1);

    /// Emitted after each refresh or snapshot load was applied (tests, benchmarks).
    void notifyFreshness() { Q_EMIT freshnessChanged(); }

Q_SIGNALS:
    void filterTextChanged();
    void sortChanged();
    void countChanged();
    void stateChanged();
    void freshnessChanged();
    void selectedKeyChanged();
    void selectedRowChanged();
    /// The selection moved, or the selected object changed in a refresh.
    void selectedObjectChanged();
    void applied();

private:
    /// What a worker does with an answer: its rows, with the reader (if any) fed on the way.
    static Result<QList<ResourceRow>> readRows(const QByteArray &body, const QString &arrayKey,
                                               const RowBuilder &build,
                                               const std::shared_ptr<const TextDictionary> &dictionary,
                                               const Reader &reader, qsizetype spare = -1);
    void startParse(const QByteArray &body, const QDateTime &at, bool stale, bool fromNetwork);
    void onSavedParsed(quint64 generation, std::optional<Result<QList<ResourceRow>>> rows,
                       const QDateTime &at, bool stale);
    void onParsed(quint64 generation, Result<QList<ResourceRow>> rows, const QDateTime &at,
                  bool stale);
    void setLoading(bool loading);

    Spec m_spec;
    QThreadPool *m_pool;
    ResourceTableModel *m_table;
    ResourceFilterProxy *m_proxy;
    QPointer<Net::ControllerClient> m_client;
    QPointer<Net::ApiReply> m_reply;
    Sink m_sink;
    Reader m_reader;
    std::shared_ptr<const TextDictionary> m_dictionary; ///< what rows compress with, kept across refreshes
    quint64 m_generation = 0;
    quint64 m_appliedGeneration = 0;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_stale = false;
    QString m_error;
    QString m_unavailable;
    QDateTime m_updatedAt;
    QString m_selectedKey;
    QString m_fixedNote;
    std::function<void()> m_refresher;
};

} // namespace Pot::Models
