// Resident memory of the running console (pot-console, offscreen) opened on a profile whose saved
// snapshot holds 10,000 agents and 10,000 NATS users, against the same console on the same profile
// with no data (the baseline, measured in the same run). Run by hand:
//   build/bench/bench_console_memory [repetitions]
// The profile points at 127.0.0.1:9, where nothing answers: the console shows the snapshot as
// stale, as it would offline.
#include "benchdata.h"
#include "core/profiles/profile.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/snapshotstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <optional>
#include <vector>

using namespace Pot;

namespace {

struct Rss
{
    double settledMiB = 0; ///< VmRSS once it stopped changing
    double peakMiB = 0;    ///< VmHWM at that time
    double seconds = 0;    ///< until settled
};

std::optional<double> statusMiB(qint64 pid, const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').constFirst().toDouble() / 1024.0;
    }
    return std::nullopt;
}

/// A profile folder tree under `root`: profiles.yaml with one profile, and (with data) its saved
/// agents and users. Returns the environment the console runs with.
QProcessEnvironment prepare(const QString &root, bool withData, const QByteArray &agents,
                            const QByteArray &users)
{
    const QString config = root + QStringLiteral("/config");
    const QString data = root + QStringLiteral("/data");
    const QString runtime = root + QStringLiteral("/runtime");
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    Profiles::ProfileStore store(config + QStringLiteral("/Datasance/pot-console/profiles.yaml"));
    Profiles::Profile profile;
    profile.name = QStringLiteral("bench-10k");
    profile.controllerUrl = QStringLiteral("https://127.0.0.1:9");
    profile.email = QStringLiteral("bench@example.com");
    const Result<Profiles::Profile> added = store.add(profile);
    if (!added)
        qFatal("cannot write the profile: %s", qPrintable(added.error().message));
    if (withData) {
        const Profiles::SnapshotStore snapshots(data + QStringLiteral("/Datasance/pot-console/snapshots"));
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-600);
        if (!snapshots.save(added->id, QStringLiteral("agents"), agents, at)
            || !snapshots.save(added->id, QStringLiteral("natsUsers"), users, at))
            qFatal("cannot write the snapshots");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
    env.insert(QStringLiteral("XDG_DATA_HOME"), data);
    env.insert(QStringLiteral("XDG_CACHE_HOME"), root + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

/// Starts the console, waits until its resident size has not moved by more than 0.5 MiB for 3 s
/// (at least 5 s after start, at most 60 s), reads it and stops the console.
Rss measure(const QProcessEnvironment &env)
{
    QProcess console;
    console.setProcessEnvironment(env);
    console.setProgram(QStringLiteral(POT_CONSOLE_PATH));
    console.setStandardOutputFile(QProcess::nullDevice());
    console.setStandardErrorFile(QProcess::nullDevice());
    console.start();
    if (!console.waitForStarted(10000))
        qFatal("cannot start %s", POT_CONSOLE_PATH);
    const qint64 pid = console.processId();
    QElapsedTimer clock;
    clock.start();
    Rss r;
    double stableSince = 0;
    double last = 0;
    while (clock.elapsed() < 60000 && console.state() == QProcess::Running) {
        QThread::msleep(250);
        const double now = statusMiB(pid, "VmRSS:").value_or(0);
        const double t = double(clock.elapsed()) / 1000.0;
        if (std::abs(now - last) > 0.5) {
            last = now;
            stableSince = t;
        }
        if (t >= 5 && t - stableSince >= 3) {
            r.settledMiB = now;
            r.peakMiB = statusMiB(pid, "VmHWM:").value_or(0);
            r.seconds = stableSince;
            break;
        }
    }
    if (console.state() != QProcess::Running)
        qFatal("the console exited early (%d)", console.exitCode());
    if (r.settledMiB == 0)
        qFatal("the console's memory did not settle within 60 s");
    console.terminate();
    if (!console.waitForFinished(5000)) {
        console.kill();
        console.waitForFinished(5000);
    }
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int reps = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 2;

    const QByteArray agents = Bench::agentsBody(Bench::readFixture(QStringLiteral("GET_iofog-list.json")),
                                                QDateTime::currentMSecsSinceEpoch());
    const QByteArray users = Bench::usersBody(Bench::readFixture(QStringLiteral("GET_nats_users.json")));
    out << "bench_console_memory: " << Bench::kRows << " agents (" << agents.size() / 1024 << " KiB JSON), "
        << Bench::kRows << " NATS users (" << users.size() / 1024 << " KiB JSON), " << reps
        << " repetitions\n\n| run | console | VmRSS settled (MiB) | peak VmHWM (MiB) | settled after (s) |\n"
        << "| --- | --- | --- | --- | --- |\n";
    out.flush();

    QTemporaryDir root;
    if (!root.isValid())
        qFatal("no temporary folder");
    const QProcessEnvironment empty = prepare(root.filePath(QStringLiteral("empty")), false, {}, {});
    const QProcessEnvironment full = prepare(root.filePath(QStringLiteral("full")), true, agents, users);
    std::vector<double> baseline;
    std::vector<double> loaded;
    for (int r = 1; r <= reps; ++r) {
        for (const bool withData : {false, true}) {
            const Rss rss = measure(withData ? full : empty);
            (withData ? loaded : baseline).push_back(rss.settledMiB);
            out << "| " << r << " | " << (withData ? "10,000 agents + 10,000 users" : "same profile, no data")
                << " | " << QString::number(rss.settledMiB, 'f', 1) << " | "
                << QString::number(rss.peakMiB, 'f', 1) << " | " << QString::number(rss.seconds, 'f', 1)
                << " |\n";
            out.flush();
        }
    }
    std::sort(baseline.begin(), baseline.end());
    std::sort(loaded.begin(), loaded.end());
    const double base = baseline[baseline.size() / 2];
    const double data = loaded[loaded.size() / 2];
    out << "\nmedians: the lists cost " << QString::number(data - base, 'f', 1) << " MiB; with them "
        << QString::number(data * 1.048576, 'f', 1) << " MB (target <= 150 MB)\n";
    // Last, one line a script can check.
    out << "console RSS: " << QString::number(data, 'f', 1) << " MiB with " << Bench::kRows
        << " agents + " << Bench::kRows << " users, " << QString::number(base, 'f', 1) << " MiB without\n";
    return 0;
}
