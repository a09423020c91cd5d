// Cluster lists at 10,000 rows: parse + rows + model fill against QJsonDocument::fromJson alone,
// one filter keystroke, a refresh with 1 % of rows changed (time and change signals), and resident
// memory with both lists held. Run by hand: build/bench/bench_lists [repetitions]
#include "benchdata.h"
#include "core/resources/kinds/kinds.h"
#include "models/resourcefilterproxy.h"
#include "models/resourcelist.h"
#include "models/resourcepage.h"
#include "models/resourcetablemodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace Pot::Models;
using namespace Pot::Bench;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Resident memory of this process in MiB.
double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return -1;
}

struct FillTimes
{
    std::vector<double> fromJson, parse, build, apply, total, list;
};

/// (a) for one list: QJsonDocument::fromJson alone, then parseAnswer + buildRows + applyRows into an
/// empty model with its filter/sort proxy (as a ResourceList has), then ResourceList::showAnswer.
FillTimes measureFill(const QByteArray &body, const ResourceList::Spec &spec, int reps)
{
    FillTimes t;
    for (int r = 0; r < reps; ++r) {
        QElapsedTimer timer;
        timer.start();
        const QJsonDocument doc = QJsonDocument::fromJson(body);
        t.fromJson.push_back(ms(timer));
        if (doc.isNull())
            qFatal("generated body is not JSON");

        ResourceTableModel model(spec.columns);
        ResourceFilterProxy proxy(&model);
        // The parse step alone (fromJson plus the top-level value), for comparison.
        timer.restart();
        auto answer = ResourceList::parseAnswer(body);
        t.parse.push_back(ms(timer));
        answer = QJsonValue();
        // What the console does: parse the answer, build each row (cells and compact JSON).
        timer.restart();
        auto rows = ResourceList::buildRows(body, spec.arrayKey, spec.build);
        const double built = ms(timer);
        model.applyRows(std::move(*rows));
        const double total = ms(timer);
        if (model.rowCount() != kRows || proxy.rowCount() != kRows)
            qFatal("model has %d rows", model.rowCount());
        t.build.push_back(built);
        t.apply.push_back(total - built);
        t.total.push_back(total);

        ResourceList list(spec, nullptr);
        timer.restart();
        list.showAnswer(body, QDateTime::currentDateTimeUtc(), false);
        t.list.push_back(ms(timer));
        if (list.count() != kRows)
            qFatal("list has %d rows", list.count());
    }
    return t;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int reps = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 7;

    const double rssStart = rssMiB();
    const ResourceList::Spec agentsSpec = specOf(Pot::Resources::Kinds::agents());
    const ResourceList::Spec usersSpec = specOf(Pot::Resources::Kinds::natsUsers());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QByteArray agents = agentsBody(readFixture(QStringLiteral("GET_iofog-list.json")), now);
    QByteArray agentsRefresh = agentsBody(readFixture(QStringLiteral("GET_iofog-list.json")), now, 100);
    QByteArray users = usersBody(readFixture(QStringLiteral("GET_nats_users.json")));
    out << "bench_lists: " << kRows << " agents (" << agents.size() / 1024 << " KiB JSON), " << kRows
        << " NATS users (" << users.size() / 1024 << " KiB JSON), " << reps
        << " repetitions, medians in ms\n\n";

    // (a) parse + rows + model fill
    const FillTimes a = measureFill(agents, agentsSpec, reps);
    const FillTimes u = measureFill(users, usersSpec, reps);
    out << "(a) load 10,000 rows into an empty model (target <= 300 ms)\n";
    out << "| list | fromJson alone | parseAnswer alone | parse + build | applyRows | parse + build + apply | ResourceList::showAnswer |\n";
    out << "| --- | --- | --- | --- | --- | --- | --- |\n";
    const auto row = [&](const char *name, const FillTimes &t) {
        out << "| " << name << " | " << QString::number(median(t.fromJson), 'f', 1) << " | "
            << QString::number(median(t.parse), 'f', 1) << " | "
            << QString::number(median(t.build), 'f', 1) << " | "
            << QString::number(median(t.apply), 'f', 1) << " | "
            << QString::number(median(t.total), 'f', 1) << " | "
            << QString::number(median(t.list), 'f', 1) << " |\n";
    };
    row("agents", a);
    row("NATS users", u);

    // (b) one filter keystroke over 10,000 rows
    out << "\n(b) filter keystroke over 10,000 rows (target <= 16 ms)\n";
    out << "| list | typed | shown rows | median ms | max ms |\n| --- | --- | --- | --- | --- |\n";
    double worstKeystroke = 0; // slowest single keystroke of every list and word
    const auto keystrokes = [&](const char *name, const QByteArray &body, const ResourceList::Spec &spec,
                                const QString &word) {
        ResourceTableModel model(spec.columns);
        ResourceFilterProxy proxy(&model);
        model.applyRows(*ResourceList::buildRows(body, spec.arrayKey, spec.build));
        for (int k = 1; k <= word.size(); ++k) {
            std::vector<double> times;
            int shown = 0;
            for (int r = 0; r < reps; ++r) {
                proxy.setFilterText(QString());
                proxy.setFilterText(word.left(k - 1));
                QElapsedTimer timer;
                timer.start();
                proxy.setFilterText(word.left(k));
                shown = proxy.rowCount();
                times.push_back(ms(timer));
            }
            worstKeystroke = std::max(worstKeystroke, *std::max_element(times.begin(), times.end()));
            out << "| " << name << " | \"" << word.left(k) << "\" | " << shown << " | "
                << QString::number(median(times), 'f', 2) << " | "
                << QString::number(*std::max_element(times.begin(), times.end()), 'f', 2) << " |\n";
        }
        // Deleting the filter again shows every row: the most expensive step.
        std::vector<double> times;
        for (int r = 0; r < reps; ++r) {
            proxy.setFilterText(word);
            QElapsedTimer timer;
            timer.start();
            proxy.setFilterText(QString());
            times.push_back(ms(timer));
        }
        worstKeystroke = std::max(worstKeystroke, *std::max_element(times.begin(), times.end()));
        out << "| " << name << " | (cleared) | " << proxy.rowCount() << " | "
            << QString::number(median(times), 'f', 2) << " | "
            << QString::number(*std::max_element(times.begin(), times.end()), 'f', 2) << " |\n";
    };
    keystrokes("agents", agents, agentsSpec, QStringLiteral("edge-node-0"));
    keystrokes("NATS users", users, usersSpec, QStringLiteral("user-071"));

    // (c) refresh with 1 % of rows changed
    out << "\n(c) refresh of 10,000 agents with 100 changed (diff, no reset)\n";
    out << "| step | median ms |\n| --- | --- |\n";
    std::vector<double> refreshTotal, refreshApply;
    int dataChanged = 0, changedRows = 0, inserted = 0, removed = 0, resets = 0, layouts = 0;
    for (int r = 0; r < reps; ++r) {
        ResourceTableModel model(agentsSpec.columns);
        ResourceFilterProxy proxy(&model);
        model.applyRows(*ResourceList::buildRows(agents, agentsSpec.arrayKey, agentsSpec.build));
        // A list compresses refreshed rows with the dictionary of the rows it shows.
        const auto dictionary = model.rowAt(0).json().dictionary();
        proxy.sortByColumn(6); // by CPU, so changed values move rows in the view
        dataChanged = changedRows = inserted = removed = resets = layouts = 0;
        QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                         [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                             ++dataChanged;
                             changedRows += bottomRight.row() - topLeft.row() + 1;
                         });
        QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model, [&] { ++inserted; });
        QObject::connect(&model, &QAbstractItemModel::rowsRemoved, &model, [&] { ++removed; });
        QObject::connect(&model, &QAbstractItemModel::modelReset, &model, [&] { ++resets; });
        QObject::connect(&proxy, &QAbstractItemModel::layoutChanged, &proxy, [&] { ++layouts; });
        QElapsedTimer timer;
        timer.start();
        auto rows = ResourceList::buildRows(agentsRefresh, agentsSpec.arrayKey, agentsSpec.build, dictionary);
        const double built = ms(timer);
        model.applyRows(std::move(*rows));
        refreshTotal.push_back(ms(timer));
        refreshApply.push_back(ms(timer) - built);
    }
    // The same diff on a model with no proxy: what the comparison itself costs.
    std::vector<double> bareApply;
    for (int r = 0; r < reps; ++r) {
        ResourceTableModel model(agentsSpec.columns);
        model.applyRows(*ResourceList::buildRows(agents, agentsSpec.arrayKey, agentsSpec.build));
        auto rows = ResourceList::buildRows(agentsRefresh, agentsSpec.arrayKey, agentsSpec.build,
                                            model.rowAt(0).json().dictionary());
        QElapsedTimer timer;
        timer.start();
        model.applyRows(std::move(*rows));
        bareApply.push_back(ms(timer));
    }
    out << "| parse + build (one worker thread in the console) | "
        << QString::number(median(refreshTotal) - median(refreshApply), 'f', 1) << " |\n";
    out << "| applyRows diff + proxy re-sort (GUI thread) | " << QString::number(median(refreshApply), 'f', 1)
        << " |\n";
    out << "| of which the diff alone (same rows, model without proxy) | "
        << QString::number(median(bareApply), 'f', 1) << " |\n";
    out << "| total | " << QString::number(median(refreshTotal), 'f', 1) << " |\n";
    out << "signals in one refresh: dataChanged " << dataChanged << " (" << changedRows << " rows), rowsInserted " << inserted
        << ", rowsRemoved " << removed << ", modelReset " << resets << ", proxy layoutChanged "
        << layouts << (changedRows == 100 && inserted + removed + resets == 0 ? "  (as expected)\n"
                                                                              : "  (UNEXPECTED)\n");

    // (d) resident memory
    agentsRefresh.clear();
    agentsRefresh.squeeze();
    const double rssBodies = rssMiB();
    {
        auto agentList = std::make_unique<ResourceList>(agentsSpec, nullptr);
        auto userList = std::make_unique<ResourceList>(usersSpec, nullptr);
        agentList->showAnswer(agents, QDateTime::currentDateTimeUtc(), false);
        userList->showAnswer(users, QDateTime::currentDateTimeUtc(), false);
        const double rssBoth = rssMiB();
        agents.clear();
        agents.squeeze();
        users.clear();
        users.squeeze();
        const double rssListsOnly = rssMiB();
        out << "\n(d) resident memory (VmRSS, MiB)\n| state | RSS | delta |\n| --- | --- | --- |\n";
        out << "| start | " << QString::number(rssStart, 'f', 1) << " | |\n";
        out << "| JSON bodies generated | " << QString::number(rssBodies, 'f', 1) << " | "
            << QString::number(rssBodies - rssStart, 'f', 1) << " |\n";
        out << "| + both lists loaded (10,000 agents + 10,000 users) | " << QString::number(rssBoth, 'f', 1)
            << " | " << QString::number(rssBoth - rssBodies, 'f', 1) << " |\n";
        out << "| bodies freed, lists held | " << QString::number(rssListsOnly, 'f', 1) << " | "
            << QString::number(rssListsOnly - rssStart, 'f', 1) << " vs start |\n";
        if (agentList->count() != kRows || userList->count() != kRows)
            qFatal("lists not loaded");
    }
    // One line a script can check: load against the plain parse, filter, rows a refresh changed.
    out << "\nagents load: " << QString::number(median(a.total), 'f', 1)
        << " ms, QJsonDocument parse: " << QString::number(median(a.fromJson), 'f', 1)
        << " ms, worst filter keystroke: " << QString::number(worstKeystroke, 'f', 2)
        << " ms, refresh dataChanged rows: " << changedRows << "\n";
    return 0;
}
