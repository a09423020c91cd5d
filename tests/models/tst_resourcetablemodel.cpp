#include "models/resourcefilterproxy.h"
#include "models/resourcetablemodel.h"
#include "core/compressedtext.h"

#include <QJsonDocument>

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace Pot::Models;

namespace {

const QList<ResourceColumn> kColumns{{QStringLiteral("Name")}, {QStringLiteral("Status")},
                                     {QStringLiteral("CPU")}};

/// A row like an agent: name, status, CPU with a numeric sort key.
ResourceRow makeRow(const QString &key, const QString &name, const QString &status, double cpu)
{
    ResourceRow row;
    row.key = key;
    row.object.insert(u"uuid", key);
    row.object.insert(u"name", name);
    row.object.insert(u"cpuUsage", cpu);
    row.cells = {name, status, QString::number(cpu, 'f', cpu < 10 ? 1 : 0) + u'%'};
    row.sortKeys = {QVariant(), QVariant(), cpu};
    row.tips = {key, QString(), QString()};
    row.tones = {Tone::None, status == u"RUNNING" ? Tone::Ok : Tone::Bad, Tone::None};
    row.finish();
    return row;
}

QList<ResourceRow> makeRows(int count)
{
    QList<ResourceRow> rows;
    for (int i = 0; i < count; ++i) {
        rows << makeRow(QStringLiteral("key-%1").arg(i, 3, 10, QLatin1Char('0')),
                        QStringLiteral("node-%1").arg(i), QStringLiteral("RUNNING"), i % 50);
    }
    return rows;
}

/// Counts every structural signal of a model.
struct Signals
{
    explicit Signals(QAbstractItemModel *m)
        : dataChanged(m, &QAbstractItemModel::dataChanged)
        , inserted(m, &QAbstractItemModel::rowsInserted)
        , removed(m, &QAbstractItemModel::rowsRemoved)
        , reset(m, &QAbstractItemModel::modelReset)
        , layout(m, &QAbstractItemModel::layoutChanged)
    {}
    QSignalSpy dataChanged;
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy reset;
    QSignalSpy layout;
};

/// Every key maps to the row that holds it, and every row's key maps back.
bool indexConsistent(const ResourceTableModel &model)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString key = model.rowAt(r).key;
        if (model.indexOfKey(key) != r)
            return false;
        if (model.index(r, 0).data(ResourceTableModel::KeyRole).toString() != key)
            return false;
    }
    return true;
}

QStringList proxyColumn(const QAbstractItemModel &proxy, int column,
                        int role = ResourceTableModel::KeyRole)
{
    QStringList out;
    for (int r = 0; r < proxy.rowCount(); ++r)
        out << proxy.index(r, column).data(role).toString();
    return out;
}

} // namespace

class TstResourceTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ResourceTableModel> m_model;
    std::unique_ptr<ResourceFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;

private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<ResourceTableModel>(kColumns);
        m_proxy = std::make_unique<ResourceFilterProxy>(m_model.get());
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_proxyTester.reset();
        m_modelTester.reset();
        m_proxy.reset();
        m_model.reset();
    }

    // A Controller field of any size is cut to what a cell and a tooltip can show.
    void hugeCellsAreCut()
    {
        ResourceRow row;
        row.key = QStringLiteral("k");
        row.cells = {QString(5'000'000, u'v'), QStringLiteral("short")};
        row.tips = {QString(3'000'000, u't')};
        row.finish();
        QVERIFY(row.cell(0).size() < 300);
        QVERIFY(row.cell(0).startsWith(QString(256, u'v')));
        QVERIFY(row.cell(0).toString().contains(QStringLiteral("characters in all")));
        QCOMPARE(row.cell(1).toString(), QStringLiteral("short"));
        QVERIFY(row.tip(0).size() < 1100);
    }

    void rowKeepsEveryCellTipToneAndKey()
    {
        ResourceRow row;
        row.key = QStringLiteral("k");
        row.cells = {QStringLiteral("Édge-Node-1"), QString(), QStringLiteral("42%"), QStringLiteral("ÜBER")};
        row.tips = {QStringLiteral("exact time"), QStringLiteral("only tip")}; // shorter than the cells
        row.tones = {Tone::None, Tone::Bad, Tone::Ok};
        row.sortKeys = {QVariant(), QVariant(), 42.5, QVariant(qint64(1763900000000))};
        row.finish();
        QCOMPARE(row.columnCount(), 4);
        QCOMPARE(row.cell(0).toString(), QStringLiteral("Édge-Node-1"));
        QVERIFY(row.cell(1).isEmpty());
        QCOMPARE(row.cell(2).toString(), QStringLiteral("42%"));
        QCOMPARE(row.cell(3).toString(), QStringLiteral("ÜBER"));
        QVERIFY(row.cell(4).isEmpty()); // past the end
        QCOMPARE(row.tip(0).toString(), QStringLiteral("exact time"));
        QCOMPARE(row.tip(1).toString(), QStringLiteral("only tip"));
        QVERIFY(row.tip(3).isEmpty());
        QCOMPARE(row.tone(1), Tone::Bad);
        QCOMPARE(row.tone(2), Tone::Ok);
        QCOMPARE(row.tone(3), Tone::None);
        QVERIFY(!row.sortKey(0));
        QCOMPARE(row.sortKey(2).value_or(-1), 42.5);
        QCOMPARE(row.sortKey(3).value_or(-1), 1763900000000.0);
        // The filter is case-insensitive, also beyond ASCII, and never spans two cells.
        QVERIFY(row.matches(u"édge-node"));
        QVERIFY(row.matches(u"über"));
        QVERIFY(!row.matches(u"node-142%"));
        QVERIFY(!row.matches(u"exact")); // tips are not searched
        QVERIFY(row.sortKeys.isEmpty()); // kept as plain numbers instead of QVariants
    }

    void edgeCases()
    {
        ResourceRow unfinished; // read as the builder left it
        unfinished.cells = {QStringLiteral("X")};
        unfinished.sortKeys = {7};
        QVERIFY(unfinished.matches(u"x"));
        QCOMPARE(unfinished.cell(0), QStringLiteral("X"));
        QCOMPARE(unfinished.sortKey(0).value_or(-1), 7.0);
        QVERIFY(!unfinished.sortKey(1));

        ResourceRow wide;
        wide.key = QStringLiteral("wide");
        for (int c = 0; c < 40; ++c) {
            wide.cells << QStringLiteral("c%1").arg(c);
            wide.sortKeys << QVariant(double(c));
        }
        wide.sortKeys[3] = std::nan("");
        wide.finish();
        QCOMPARE(wide.columnCount(), 40);
        QCOMPARE(wide.cell(35).toString(), QStringLiteral("c35"));
        QVERIFY(wide.matches(u"c39"));
        QCOMPARE(wide.sortKey(31).value_or(-1), 31.0);
        QCOMPARE(wide.sortKey(35).value_or(-1), 35.0); // any column can have a number
        QVERIFY(!wide.sortKey(3));  // NaN is no number to sort by
        QVERIFY(wide.tip(-1).isEmpty());
        QVERIFY(wide.cell(-1).isEmpty());
    }

    void rowsWithANumberSortBeforeRowsWithout()
    {
        // A rule with a null limit has no number: it goes after every row that has one.
        const auto row = [](const QString &key, const QVariant &limit) {
            ResourceRow r;
            r.key = key;
            r.cells = {key, QString(), limit.isValid() ? limit.toString() : QStringLiteral("null")};
            r.sortKeys = {QVariant(), QVariant(), limit};
            return r;
        };
        m_model->applyRows({row(QStringLiteral("a"), QVariant()), row(QStringLiteral("b"), 50),
                            row(QStringLiteral("c"), -1), row(QStringLiteral("d"), 7)});
        m_proxy->sortByColumn(2);
        QCOMPARE(proxyColumn(*m_proxy, 0),
                 (QStringList{QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("b"), QStringLiteral("a")}));
    }

    void rowsKeepTheirJsonCompressedAndParseIt()
    {
        const QByteArray first("{\"uuid\":\"a\",\"name\":\"edge-node-1\",\"daemonStatus\":\"RUNNING\",\"cpuUsage\":1.5}");
        const QByteArray second("{\"uuid\":\"b\",\"name\":\"edge-node-2\",\"daemonStatus\":\"RUNNING\",\"cpuUsage\":2.5}");
        const QList<QByteArrayView> texts{first, second};
        Pot::TextCompressor compressor(texts, {});
        const auto build = [&](const QByteArray &json, Pot::TextCompressor &c) {
            ResourceRow row;
            row.object = QJsonDocument::fromJson(json).object();
            row.key = row.object.value(u"uuid").toString();
            row.cells = {row.object.value(u"name").toString()};
            row.setJson(c.compress(json));
            row.finish();
            return row;
        };
        const ResourceRow a = build(second, compressor);
        QCOMPARE(a.toObject(), QJsonDocument::fromJson(second).object());
        QVERIFY(a.object.isEmpty());
        // Compressed with another dictionary, the same object is still the same content...
        Pot::TextCompressor other(QList<QByteArrayView>{second}, {});
        const ResourceRow b = build(second, other);
        QVERIFY(a.sameContent(b));
        // ...and one changed field is a change even when no cell shows it.
        QByteArray changed = second;
        changed.replace("2.5", "9.5");
        QVERIFY(!a.sameContent(build(changed, compressor)));
        QVERIFY(!a.sameContent(build(changed, other)));
    }

    void rolesAndHeaders()
    {
        m_model->applyRows({makeRow(QStringLiteral("k1"), QStringLiteral("edge-1"),
                                    QStringLiteral("RUNNING"), 9)});
        const QModelIndex cpu = m_model->index(0, 2);
        QCOMPARE(cpu.data().toString(), QStringLiteral("9.0%"));
        QCOMPARE(cpu.data(ResourceTableModel::SortRole).toDouble(), 9.0);
        // Without a sort key the cell text is the sort value.
        QCOMPARE(m_model->index(0, 0).data(ResourceTableModel::SortRole).toString(),
                 QStringLiteral("edge-1"));
        QCOMPARE(m_model->index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("k1"));
        QCOMPARE(m_model->index(0, 1).data(ResourceTableModel::ToneRole).toInt(), int(Tone::Ok));
        QCOMPARE(m_model->index(0, 1).data(ResourceTableModel::ColumnRole).toInt(), 1);
        QCOMPARE(m_model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("CPU"));
        QVERIFY(m_model->roleNames().values().contains(QByteArrayLiteral("rowKey")));
        QVERIFY(m_model->roleNames().values().contains(QByteArrayLiteral("sortValue")));
    }

    void unchangedRefreshSendsNothing()
    {
        m_model->applyRows(makeRows(100));
        Signals s(m_model.get());
        m_model->applyRows(makeRows(100));
        QCOMPARE(s.dataChanged.size(), 0);
        QCOMPARE(s.inserted.size(), 0);
        QCOMPARE(s.removed.size(), 0);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(m_model->rowCount(), 100);
    }

    void oneChangedRowGetsOneDataChanged()
    {
        m_model->applyRows(makeRows(100));
        QList<ResourceRow> next = makeRows(100);
        next[42] = makeRow(next[42].key, QStringLiteral("node-42"), QStringLiteral("STOPPED"), 3);
        Signals s(m_model.get());
        Signals p(m_proxy.get());
        m_model->applyRows(next);
        QCOMPARE(s.dataChanged.size(), 1);
        const QModelIndex topLeft = s.dataChanged.at(0).at(0).value<QModelIndex>();
        const QModelIndex bottomRight = s.dataChanged.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), m_model->indexOfKey(next[42].key));
        QCOMPARE(bottomRight.row(), topLeft.row());
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), kColumns.size() - 1);
        QCOMPARE(s.inserted.size(), 0);
        QCOMPARE(s.removed.size(), 0);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(p.reset.size(), 0);
        QCOMPARE(m_model->rowAt(topLeft.row()).cell(1), QStringLiteral("STOPPED"));
        QCOMPARE(m_model->rowAt(topLeft.row()).toObject().value(u"cpuUsage").toDouble(), 3.0);
    }

    void onePercentChangedGetsDataChangedForThoseRowsOnly()
    {
        // A refresh of 1,000 rows with 10 changed (in a cell, or only in the object): dataChanged
        // for exactly those rows, nothing else, in the model and through the proxy.
        m_model->applyRows(makeRows(1000));
        m_proxy->sortByColumn(2);
        QList<ResourceRow> next = makeRows(1000);
        QSet<QString> changedKeys;
        for (int i = 7; i < 1000; i += 100) {
            if (i % 200 == 7)
                next[i] = makeRow(next[i].key, QStringLiteral("node-%1").arg(i), QStringLiteral("STOPPED"), 77);
            else
                next[i].object.insert(u"description", QStringLiteral("moved"));
            changedKeys << next[i].key;
        }
        QCOMPARE(changedKeys.size(), 10);
        Signals s(m_model.get());
        Signals p(m_proxy.get());
        m_model->applyRows(next);
        QSet<QString> signalled;
        for (const QList<QVariant> &args : std::as_const(s.dataChanged)) {
            const QModelIndex topLeft = args.at(0).value<QModelIndex>();
            const QModelIndex bottomRight = args.at(1).value<QModelIndex>();
            for (int r = topLeft.row(); r <= bottomRight.row(); ++r)
                signalled << m_model->rowAt(r).key;
        }
        QCOMPARE(signalled, changedKeys);
        QCOMPARE(s.dataChanged.size(), 10);
        QCOMPARE(s.inserted.size() + s.removed.size() + s.reset.size(), 0);
        QCOMPARE(p.inserted.size() + p.removed.size() + p.reset.size(), 0);
        QCOMPARE(m_proxy->rowCount(), 1000);
    }

    void changeOnlyInTheObjectIsSeen()
    {
        // The detail pane shows the whole object: a field no column shows still counts.
        m_model->applyRows(makeRows(3));
        QList<ResourceRow> next = makeRows(3);
        next[1].object.insert(u"description", QStringLiteral("moved to rack 4"));
        Signals s(m_model.get());
        m_model->applyRows(next);
        QCOMPARE(s.dataChanged.size(), 1);
        QCOMPARE(m_model->rowAt(m_model->indexOfKey(next[1].key)).toObject().value(u"description"),
                 QStringLiteral("moved to rack 4"));
    }

    void newRowsAreOneInsert()
    {
        m_model->applyRows(makeRows(10));
        Signals s(m_model.get());
        m_model->applyRows(makeRows(15));
        QCOMPARE(s.inserted.size(), 1);
        QCOMPARE(s.inserted.at(0).at(1).toInt(), 10);
        QCOMPARE(s.inserted.at(0).at(2).toInt(), 14);
        QCOMPARE(s.removed.size(), 0);
        QCOMPARE(s.dataChanged.size(), 0);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(m_model->rowCount(), 15);
        QVERIFY(indexConsistent(*m_model));
        QCOMPARE(m_proxy->rowCount(), 15);
    }

    void scatteredRemovalsKeepKeysRight()
    {
        m_model->applyRows(makeRows(20));
        QList<ResourceRow> next = makeRows(20);
        QStringList gone;
        for (int i : {19, 12, 11, 10, 5, 0}) {
            gone << next.at(i).key;
            next.removeAt(i);
        }
        // One of the survivors changes in the same refresh.
        const QString changedKey = next.at(7).key;
        next[7] = makeRow(changedKey, QStringLiteral("renamed"), QStringLiteral("RUNNING"), 1);
        Signals s(m_model.get());
        m_model->applyRows(next);
        QCOMPARE(m_model->rowCount(), 14);
        QCOMPARE(s.removed.size(), 4); // blocks: [19], [10..12], [5], [0]
        QCOMPARE(s.inserted.size(), 0);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(s.dataChanged.size(), 1);
        QVERIFY(indexConsistent(*m_model));
        for (const QString &key : std::as_const(gone))
            QCOMPARE(m_model->indexOfKey(key), -1);
        for (const ResourceRow &r : std::as_const(next))
            QVERIFY(m_model->rowAt(m_model->indexOfKey(r.key)).sameContent(r));
        QCOMPARE(m_model->rowAt(m_model->indexOfKey(changedKey)).cell(0),
                 QStringLiteral("renamed"));
        QCOMPARE(m_proxy->rowCount(), 14);
    }

    void removeInsertAndChangeTogether()
    {
        m_model->applyRows(makeRows(6));
        QList<ResourceRow> next = makeRows(6);
        next.removeAt(2);
        next << makeRow(QStringLiteral("new-a"), QStringLiteral("fresh"), QStringLiteral("RUNNING"), 5);
        next[0] = makeRow(next[0].key, QStringLiteral("node-0"), QStringLiteral("STOPPED"), 0);
        Signals s(m_model.get());
        m_model->applyRows(next);
        QCOMPARE(s.removed.size(), 1);
        QCOMPARE(s.inserted.size(), 1);
        QCOMPARE(s.dataChanged.size(), 1);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(m_model->rowCount(), 6);
        QVERIFY(indexConsistent(*m_model));
        QVERIFY(m_model->indexOfKey(QStringLiteral("new-a")) >= 0);
    }

    void duplicateKeysLastWins()
    {
        m_model->applyRows({makeRow(QStringLiteral("dup"), QStringLiteral("first"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("other"), QStringLiteral("other"), QStringLiteral("RUNNING"), 2),
                            makeRow(QStringLiteral("dup"), QStringLiteral("second"), QStringLiteral("STOPPED"), 3)});
        QCOMPARE(m_model->rowCount(), 2);
        QVERIFY(indexConsistent(*m_model));
        QCOMPARE(m_model->rowAt(m_model->indexOfKey(QStringLiteral("dup"))).cell(0),
                 QStringLiteral("second"));

        // Again while the key is shown: one update with the last copy.
        Signals s(m_model.get());
        m_model->applyRows({makeRow(QStringLiteral("dup"), QStringLiteral("third"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("other"), QStringLiteral("other"), QStringLiteral("RUNNING"), 2),
                            makeRow(QStringLiteral("dup"), QStringLiteral("fourth"), QStringLiteral("RUNNING"), 4)});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(s.dataChanged.size(), 1);
        QCOMPARE(s.inserted.size(), 0);
        QCOMPARE(m_model->rowAt(m_model->indexOfKey(QStringLiteral("dup"))).cell(0),
                 QStringLiteral("fourth"));
    }

    void emptyAndClear()
    {
        m_model->applyRows(makeRows(5));
        Signals s(m_model.get());
        m_model->applyRows({});
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(s.removed.size(), 1);
        QCOMPARE(s.reset.size(), 0);
        QCOMPARE(m_model->indexOfKey(QStringLiteral("key-001")), -1);
        m_model->applyRows(makeRows(3));
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->indexOfKey(QStringLiteral("key-001")), -1);
        m_model->clear(); // nothing to clear: no signal, no crash
        QCOMPARE(m_proxy->rowCount(), 0);
    }

    void filterMatchesAnyColumnCaseInsensitively()
    {
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("edge-node-1"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("b"), QStringLiteral("hub"), QStringLiteral("STOPPED"), 2),
                            makeRow(QStringLiteral("c"), QStringLiteral("Edge-Gateway"), QStringLiteral("STOPPED"), 3)});
        m_proxy->setFilterText(QStringLiteral("EDGE"));
        // Sorted by name without regard to case: "Edge-Gateway" < "edge-node-1".
        QCOMPARE(proxyColumn(*m_proxy, 0), (QStringList{QStringLiteral("c"), QStringLiteral("a")}));
        m_proxy->setFilterText(QStringLiteral("stopped")); // second column
        QCOMPARE(proxyColumn(*m_proxy, 0), (QStringList{QStringLiteral("c"), QStringLiteral("b")}));
        m_proxy->setFilterText(QStringLiteral("  hub ")); // surrounding blanks do not count
        QCOMPARE(proxyColumn(*m_proxy, 0), QStringList{QStringLiteral("b")});
        QCOMPARE(m_proxy->filterText(), QStringLiteral("  hub "));
        m_proxy->setFilterText(QStringLiteral("nothing like this"));
        QCOMPARE(m_proxy->rowCount(), 0);
        m_proxy->setFilterText(QString());
        QCOMPARE(m_proxy->rowCount(), 3);
    }

    void filterDoesNotMatchAcrossColumns()
    {
        // "hub" ends column 0 and "RUNNING" starts column 1: "hubrun" spans both.
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("hub"), QStringLiteral("RUNNING"), 1)});
        m_proxy->setFilterText(QStringLiteral("hubrun"));
        QCOMPARE(m_proxy->rowCount(), 0);
        m_proxy->setFilterText(QStringLiteral("hub run"));
        QCOMPARE(m_proxy->rowCount(), 0);
        m_proxy->setFilterText(QStringLiteral("runn"));
        QCOMPARE(m_proxy->rowCount(), 1);
    }

    void filterFollowsRefreshes()
    {
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("edge-1"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("b"), QStringLiteral("hub"), QStringLiteral("RUNNING"), 2)});
        m_proxy->setFilterText(QStringLiteral("edge"));
        QCOMPARE(m_proxy->rowCount(), 1);
        // A renamed row starts or stops matching; a new matching row appears.
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("core-1"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("b"), QStringLiteral("edge-hub"), QStringLiteral("RUNNING"), 2),
                            makeRow(QStringLiteral("c"), QStringLiteral("edge-2"), QStringLiteral("RUNNING"), 3)});
        QCOMPARE(proxyColumn(*m_proxy, 0), (QStringList{QStringLiteral("c"), QStringLiteral("b")}));
    }

    void sortsByNumericSortKeys()
    {
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("RUNNING"), 10),
                            makeRow(QStringLiteral("b"), QStringLiteral("b"), QStringLiteral("RUNNING"), 9),
                            makeRow(QStringLiteral("c"), QStringLiteral("c"), QStringLiteral("RUNNING"), 100),
                            makeRow(QStringLiteral("d"), QStringLiteral("d"), QStringLiteral("RUNNING"), 2.5)});
        m_proxy->sortByColumn(2);
        QCOMPARE(m_proxy->sortColumn(), 2);
        QCOMPARE(m_proxy->sortOrder(), Qt::AscendingOrder);
        // As text "10%" < "100%" < "2.5%" < "9.0%"; as numbers 2.5 < 9 < 10 < 100.
        QCOMPARE(proxyColumn(*m_proxy, 2, Qt::DisplayRole),
                 (QStringList{QStringLiteral("2.5%"), QStringLiteral("9.0%"), QStringLiteral("10%"),
                              QStringLiteral("100%")}));
        m_proxy->sortByColumn(2);
        QCOMPARE(m_proxy->sortOrder(), Qt::DescendingOrder);
        QCOMPARE(proxyColumn(*m_proxy, 0), (QStringList{QStringLiteral("c"), QStringLiteral("a"),
                                                         QStringLiteral("b"), QStringLiteral("d")}));
        m_proxy->sortByColumn(2);
        QCOMPARE(m_proxy->sortOrder(), Qt::AscendingOrder);
        // Another column starts ascending again.
        m_proxy->sortByColumn(2);
        m_proxy->sortByColumn(0);
        QCOMPARE(m_proxy->sortColumn(), 0);
        QCOMPARE(m_proxy->sortOrder(), Qt::AscendingOrder);
        // Out of range: ignored.
        m_proxy->sortByColumn(7);
        m_proxy->sortByColumn(-1);
        QCOMPARE(m_proxy->sortColumn(), 0);
    }

    void textSortIsCaseInsensitive()
    {
        m_model->applyRows({makeRow(QStringLiteral("1"), QStringLiteral("beta"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("2"), QStringLiteral("Alpha"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("3"), QStringLiteral("alpha2"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("4"), QStringLiteral("Gamma"), QStringLiteral("RUNNING"), 1)});
        // A new list is sorted by its first column, ascending; clicking that column flips it.
        QCOMPARE(m_proxy->sortColumn(), 0);
        QCOMPARE(m_proxy->sortOrder(), Qt::AscendingOrder);
        const QStringList ascending{QStringLiteral("Alpha"), QStringLiteral("alpha2"),
                                    QStringLiteral("beta"), QStringLiteral("Gamma")};
        QCOMPARE(proxyColumn(*m_proxy, 0, Qt::DisplayRole), ascending);
        m_proxy->sortByColumn(0);
        QCOMPARE(m_proxy->sortOrder(), Qt::DescendingOrder);
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(proxyColumn(*m_proxy, 0, Qt::DisplayRole), descending);
    }

    void tiesAreOrderedByKey()
    {
        QList<ResourceRow> rows;
        for (const QString &k : {QStringLiteral("k5"), QStringLiteral("k2"), QStringLiteral("k9"),
                                 QStringLiteral("k1")})
            rows << makeRow(k, QStringLiteral("same"), QStringLiteral("RUNNING"), 7);
        m_model->applyRows(rows);
        m_proxy->sortByColumn(1); // every status is RUNNING
        const QStringList ascending{QStringLiteral("k1"), QStringLiteral("k2"), QStringLiteral("k5"),
                                    QStringLiteral("k9")};
        QCOMPARE(proxyColumn(*m_proxy, 0), ascending);
        m_proxy->sortByColumn(2); // every CPU is 7
        QCOMPARE(proxyColumn(*m_proxy, 0), ascending);
        // A refresh that changes a tied row in another way does not move it.
        rows[0].object.insert(u"note", QStringLiteral("changed"));
        m_model->applyRows(rows);
        QCOMPARE(proxyColumn(*m_proxy, 0), ascending);
    }

    void sortFollowsChangedValues()
    {
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("RUNNING"), 1),
                            makeRow(QStringLiteral("b"), QStringLiteral("b"), QStringLiteral("RUNNING"), 50)});
        m_proxy->sortByColumn(2);
        QCOMPARE(proxyColumn(*m_proxy, 0), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        m_model->applyRows({makeRow(QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("RUNNING"), 90),
                            makeRow(QStringLiteral("b"), QStringLiteral("b"), QStringLiteral("RUNNING"), 50)});
        QCOMPARE(proxyColumn(*m_proxy, 0), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    }
};

QTEST_GUILESS_MAIN(TstResourceTableModel)
#include "tst_resourcetablemodel.moc"
