#include "resourcelist.h"

#include "core/jsonelements.h"
#include "core/logging.h"
#include "core/net/controllerclient.h"
#include "models/resourcefilterproxy.h"
#include "models/timetext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>

#include <memory>

namespace Pot::Models {

ResourceList::ResourceList(Spec spec, QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_pool(pool)
    , m_table(new ResourceTableModel(m_spec.columns, this))
    , m_proxy(new ResourceFilterProxy(m_table, this))
{
    auto counts = [this] { Q_EMIT countChanged(); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, counts);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, counts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, counts);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, counts);
    auto rowMoved = [this] { Q_EMIT selectedRowChanged(); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, rowMoved);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, rowMoved);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, rowMoved);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, rowMoved);
    connect(m_table, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int selected = m_table->indexOfKey(m_selectedKey);
                if (selected >= topLeft.row() && selected <= bottomRight.row())
                    Q_EMIT selectedObjectChanged();
            });
}

ResourceList::~ResourceList()
{
    if (m_reply)
        m_reply->cancel();
}

QAbstractItemModel *ResourceList::model() const
{
    return m_proxy;
}

QStringList ResourceList::columnTitles() const
{
    QStringList out;
    for (const ResourceColumn &c : m_spec.columns)
        out << c.title;
    return out;
}

QVariantList ResourceList::columnWidths() const
{
    QVariantList out;
    for (const ResourceColumn &c : m_spec.columns)
        out << c.width;
    return out;
}

QString ResourceList::filterText() const
{
    return m_proxy->filterText();
}

void ResourceList::setFilterText(const QString &text)
{
    if (text == m_proxy->filterText())
        return;
    m_proxy->setFilterText(text);
    Q_EMIT filterTextChanged();
    Q_EMIT countChanged();
    Q_EMIT selectedRowChanged();
}

int ResourceList::sortColumn() const
{
    return m_proxy->sortColumn();
}

bool ResourceList::sortAscending() const
{
    return m_proxy->sortOrder() == Qt::AscendingOrder;
}

int ResourceList::count() const
{
    return m_table->rowCount();
}

int ResourceList::shownCount() const
{
    return m_proxy->rowCount();
}

QString ResourceList::freshnessText() const
{
    if (!m_fixedNote.isEmpty())
        return m_fixedNote;
    if (!m_loaded)
        return m_loading ? tr("Loading…") : QString();
    const QString when = TimeText::relative(m_updatedAt.toMSecsSinceEpoch(),
                                            QDateTime::currentMSecsSinceEpoch());
    if (m_stale)
        return tr("Offline copy from %1").arg(when);
    return m_loading ? tr("Refreshing…") : tr("Updated %1").arg(when);
}

void ResourceList::setSelectedKey(const QString &key)
{
    if (key == m_selectedKey)
        return;
    m_selectedKey = key;
    Q_EMIT selectedKeyChanged();
    Q_EMIT selectedRowChanged();
    Q_EMIT selectedObjectChanged();
}

int ResourceList::selectedRow() const
{
    return rowOfKey(m_selectedKey);
}

QJsonObject ResourceList::object(const QString &key) const
{
    const int row = m_table->indexOfKey(key);
    return row < 0 ? QJsonObject() : m_table->rowAt(row).toObject();
}

QList<QJsonObject> ResourceList::objects() const
{
    QList<QJsonObject> out;
    out.reserve(m_table->rowCount());
    for (int i = 0; i < m_table->rowCount(); ++i)
        out << m_table->rowAt(i).toObject();
    return out;
}

void ResourceList::setClient(Net::ControllerClient *client)
{
    if (m_client == client)
        return;
    if (m_reply)
        m_reply->cancel();
    m_client = client;
}

void ResourceList::setUnavailable(const QString &reason)
{
    if (reason == m_unavailable)
        return;
    m_unavailable = reason;
    Q_EMIT stateChanged();
}

void ResourceList::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    Q_EMIT stateChanged();
    Q_EMIT freshnessChanged();
}

void ResourceList::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT stateChanged();
    Q_EMIT freshnessChanged();
}

void ResourceList::setFixed(const QString &note)
{
    m_fixedNote = note;
    Q_EMIT freshnessChanged();
}

void ResourceList::refresh()
{
    if (m_refresher) {
        m_refresher();
        return;
    }
    if (!m_fixedNote.isEmpty())
        return;
    if (!m_client) {
        if (m_loaded)
            setStale(true);
        return;
    }
    if (!m_unavailable.isEmpty() || m_reply)
        return;
    Net::ApiRequest request = Net::ApiRequest::list(m_spec.path);
    request.parseJson = false;
    setLoading(true);
    m_reply = m_client->send(request, this, [this](Result<Net::ApiResponse> r) {
        m_reply = nullptr;
        if (!r) {
            setLoading(false);
            if (r.error().code == ErrorCode::Cancelled)
                return;
            m_error = r.error().code == ErrorCode::Forbidden
                          ? tr("The Controller refused to list these (%1:%2).")
                                .arg(m_spec.rbacResource, m_spec.rbacVerb)
                          : r.error().message;
            if (m_loaded)
                m_stale = true;
            Q_EMIT stateChanged();
            Q_EMIT freshnessChanged();
            return;
        }
        // A web page with 200 (the ECN viewer's address, a proxy's sign-in page) is not a list;
        // say so instead of "malformed JSON".
        if (r->contentType.split(';').constFirst().trimmed().toLower() == "text/html") {
            setLoading(false);
            m_error = tr("The address answered with a web page, not the Controller's API. Check "
                         "the Controller address (and any proxy in between).");
            if (m_loaded)
                m_stale = true;
            Q_EMIT stateChanged();
            Q_EMIT freshnessChanged();
            return;
        }
        startParse(r->body, QDateTime::currentDateTimeUtc(), false, true);
    });
}

void ResourceList::showAnswer(const QByteArray &body, const QDateTime &at, bool stale)
{
    startParse(body, at, stale, false);
}

void ResourceList::showSaved(std::function<std::optional<Saved>()> load, bool stale)
{
    const quint64 generation = ++m_generation;
    auto work = [load, arrayKey = m_spec.arrayKey, build = m_spec.build, dictionary = m_dictionary,
                 reader = m_reader]()
        -> std::pair<std::optional<Result<QList<ResourceRow>>>, QDateTime> {
        std::optional<Saved> saved = load();
        if (!saved)
            return {std::nullopt, {}};
        return {readRows(saved->body, arrayKey, build, dictionary, reader, saved->spare), saved->at};
    };
    if (!m_pool) {
        auto [rows, at] = work();
        onSavedParsed(generation, std::move(rows), at, stale);
        return;
    }
    setLoading(true);
    m_pool->start([this, work, generation, stale] {
        auto result = std::make_shared<std::pair<std::optional<Result<QList<ResourceRow>>>, QDateTime>>(
            work());
        QMetaObject::invokeMethod(
            this,
            [this, result, generation, stale] {
                onSavedParsed(generation, std::move(result->first), result->second, stale);
            },
            Qt::QueuedConnection);
    });
}

void ResourceList::onSavedParsed(quint64 generation,
                                 std::optional<Result<QList<ResourceRow>>> rows,
                                 const QDateTime &at, bool stale)
{
    if (rows) {
        onParsed(generation, std::move(*rows), at, stale);
        return;
    }
    // Nothing saved: only the loading state ends (unless a newer load is running).
    if (generation == m_generation && m_loading) {
        m_loading = false;
        Q_EMIT stateChanged();
        Q_EMIT freshnessChanged();
    }
}

Result<QJsonValue> ResourceList::parseAnswer(const QByteArray &body)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::Protocol, tr("The Controller sent malformed JSON."),
                     parseError.errorString());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

Result<QList<ResourceRow>> ResourceList::buildRows(const QJsonValue &answer, const QString &arrayKey,
                                                   const RowBuilder &build)
{
    const QJsonValue list = arrayKey.isEmpty() ? answer : answer.toObject().value(arrayKey);
    if (!list.isArray()) {
        return Error(ErrorCode::Protocol,
                     arrayKey.isEmpty()
                         ? tr("The Controller's answer is not a list.")
                         : tr("The Controller's answer has no \"%1\" list.").arg(arrayKey));
    }
    const QJsonArray array = list.toArray();
    QList<ResourceRow> rows;
    rows.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (!v.isObject())
            continue;
        ResourceRow row = build(v.toObject());
        if (row.key.isEmpty())
            continue;
        row.finish();
        rows << std::move(row);
    }
    return rows;
}

Result<QList<ResourceRow>> ResourceList::buildRows(const QByteArray &body, const QString &arrayKey,
                                                   const RowBuilder &build,
                                                   const std::shared_ptr<const TextDictionary> &dictionary,
                                                   qsizetype spare)
{
    const std::optional<QList<QByteArrayView>> elements =
        spare < 0 ? jsonArrayElements(body, arrayKey) : jsonArrayElements(QByteArrayView(body), spare, arrayKey);
    if (!elements) {
        // Not the expected shape: parse it whole for a precise message (or a lenient success).
        Result<QJsonValue> answer = parseAnswer(body);
        if (!answer)
            return answer.error();
        return buildRows(*answer, arrayKey, build);
    }
    // One element at a time: each small tree is freed before the next, and the row keeps the
    // element's text, compressed. A whole-answer tree of 10,000 agents takes several times their
    // 29 MB of JSON and, freed among the rows built from it, stays resident (measured: the console
    // with 10,000 agents + 10,000 users at 298 MiB instead of 168 MiB with the text kept as is).
    QList<ResourceRow> rows;
    rows.reserve(elements->size());
    // Kept as is, the texts took 37 of the 90 MiB the lists cost (150 MB target missed by 18 MB).
    TextCompressor compressor(*elements, dictionary);
    for (const QByteArrayView element : *elements) {
        if (element.isEmpty() || element.front() != '{')
            continue;
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromRawData(element.data(), element.size()), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return Error(ErrorCode::Protocol, tr("The Controller sent malformed JSON."), parseError.errorString());
        ResourceRow row = build(doc.object());
        if (row.key.isEmpty())
            continue;
        row.setJson(compressor.compress(element));
        row.finish();
        rows << std::move(row);
    }
    return rows;
}

Result<QList<ResourceRow>> ResourceList::readRows(const QByteArray &body, const QString &arrayKey,
                                                  const RowBuilder &build,
                                                  const std::shared_ptr<const TextDictionary> &dictionary,
                                                  const Reader &reader, qsizetype spare)
{
    if (!reader)
        return buildRows(body, arrayKey, build, dictionary, spare);
    const Cluster::ObjectReader read = reader();
    Result<QList<ResourceRow>> rows = buildRows(
        body, arrayKey,
        [&](const QJsonObject &o) {
            read.each(o);
            return build(o);
        },
        dictionary, spare);
    if (rows)
        read.done();
    return rows;
}

void ResourceList::startParse(const QByteArray &body, const QDateTime &at, bool stale,
                              bool fromNetwork)
{
    const quint64 generation = ++m_generation;
    setLoading(true);
    auto work = [body, arrayKey = m_spec.arrayKey, build = m_spec.build, dictionary = m_dictionary,
                 reader = m_reader] {
        return readRows(body, arrayKey, build, dictionary, reader);
    };
    // The snapshot is written after the rows are on their way to the view.
    auto save = [body, sink = fromNetwork ? m_sink : Sink()](bool ok) {
        if (ok && sink)
            sink(body, QDateTime::currentDateTimeUtc());
    };
    // One task on the pool, not split further: reading 10,000 agents takes ~400 ms (bench_lists,
    // "parse + build"), 25 frames the window would otherwise freeze for; the GUI thread only applies
    // the diff (~20 ms).
    if (!m_pool) {
        Result<QList<ResourceRow>> rows = work();
        const bool ok = bool(rows);
        onParsed(generation, std::move(rows), at, stale);
        save(ok);
        return;
    }
    m_pool->start([this, work, save, generation, at, stale] {
        auto rows = std::make_shared<Result<QList<ResourceRow>>>(work());
        const bool ok = bool(*rows);
        QMetaObject::invokeMethod(
            this,
            [this, rows, generation, at, stale] {
                onParsed(generation, std::move(*rows), at, stale);
            },
            Qt::QueuedConnection);
        save(ok);
    });
}

void ResourceList::onParsed(quint64 generation, Result<QList<ResourceRow>> rows,
                            const QDateTime &at, bool stale)
{
    if (generation < m_appliedGeneration)
        return;
    m_appliedGeneration = generation;
    if (generation == m_generation)
        m_loading = false;
    if (!rows) {
        qCWarning(lcCoreNet) << "list" << m_spec.id << "unreadable:" << rows.error().detail;
        m_error = rows.error().message;
        if (m_loaded)
            m_stale = true;
        Q_EMIT stateChanged();
        Q_EMIT freshnessChanged();
        return;
    }
    const int selectedBefore = selectedRow();
    const bool selectedWasListed = !m_selectedKey.isEmpty() && m_table->indexOfKey(m_selectedKey) >= 0;
    // Moved, not copied: applyRows takes rows out of the list, which would detach a shared copy.
    m_table->applyRows(std::move(*rows));
    // Refreshes compress with the same dictionary, so unchanged rows compare without decompressing.
    if (!m_dictionary && m_table->rowCount() > 0)
        m_dictionary = m_table->rowAt(0).json().dictionary();
    m_error.clear();
    m_loaded = true;
    m_stale = stale;
    m_updatedAt = at;
    if (!m_selectedKey.isEmpty() && m_table->indexOfKey(m_selectedKey) < 0) {
        m_selectedKey.clear();
        Q_EMIT selectedKeyChanged();
        Q_EMIT selectedObjectChanged();
    } else if (!m_selectedKey.isEmpty() && !selectedWasListed) {
        // Selected before its row was read (a new object selected while the list refreshes): its
        // object exists only now.
        Q_EMIT selectedObjectChanged();
    }
    if (selectedRow() != selectedBefore)
        Q_EMIT selectedRowChanged();
    Q_EMIT stateChanged();
    Q_EMIT freshnessChanged();
    Q_EMIT countChanged();
    Q_EMIT applied();
}

void ResourceList::sortBy(int column)
{
    m_proxy->sortByColumn(column);
    Q_EMIT sortChanged();
    Q_EMIT selectedRowChanged();
}

QString ResourceList::keyAt(int proxyRow) const
{
    if (proxyRow < 0 || proxyRow >= m_proxy->rowCount())
        return {};
    return m_proxy->index(proxyRow, 0).data(ResourceTableModel::KeyRole).toString();
}

int ResourceList::rowOfKey(const QString &key) const
{
    const int source = m_table->indexOfKey(key);
    if (source < 0)
        return -1;
    return m_proxy->mapFromSource(m_table->index(source, 0)).row();
}

void ResourceList::selectRelative(int step)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const int current = selectedRow();
    const int next = current < 0 ? (step > 0 ? 0 : rows - 1) : qBound(0, current + step, rows - 1);
    setSelectedKey(keyAt(next));
}

} // namespace Pot::Models
