#include "app/cli/terminal.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

#if defined(Q_OS_UNIX)
#include <sys/ioctl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#endif

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

bool stdoutIsTerminal()
{
#if defined(Q_OS_UNIX)
    return isatty(STDOUT_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return _isatty(_fileno(stdout)) != 0;
#else
    return false;
#endif
}

QLatin1StringView toneCode(Tone tone)
{
    switch (tone) {
    case Tone::Ok:
        return QLatin1StringView("\x1b[32m");
    case Tone::Warn:
        return QLatin1StringView("\x1b[33m");
    case Tone::Bad:
        return QLatin1StringView("\x1b[31m");
    case Tone::Info:
        return QLatin1StringView("\x1b[36m");
    case Tone::Muted:
        return QLatin1StringView("\x1b[2m");
    case Tone::None:
        break;
    }
    return {};
}

} // namespace

bool stdinIsTerminal()
{
#if defined(Q_OS_UNIX)
    return isatty(STDIN_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return _isatty(_fileno(stdin)) != 0;
#else
    return false;
#endif
}

int terminalWidth()
{
    if (!stdoutIsTerminal())
        return 0;
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    if (ok && columns > 0)
        return columns;
#if defined(Q_OS_UNIX)
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
#elif defined(Q_OS_WIN)
    CONSOLE_SCREEN_BUFFER_INFO info;
    if (GetConsoleScreenBufferInfo(GetStdHandle(STD_OUTPUT_HANDLE), &info))
        return info.srWindow.Right - info.srWindow.Left + 1;
#endif
    return 80;
}

bool colourWanted()
{
    return stdoutIsTerminal() && qEnvironmentVariable("NO_COLOR").isEmpty() && qEnvironmentVariable("TERM") != u"dumb";
}

int confirmByName(Io &io, const QString &question, const QString &name)
{
    if (!stdinIsTerminal()) {
        io.err << tr("%1 Not asked: no terminal. Pass --yes to go on without asking.").arg(question) << '\n';
        return ExitUsage;
    }
    io.err << question << ' ' << tr("Type %1 to confirm: ").arg(name);
    io.err.flush();
    QTextStream in(stdin);
    const QString typed = in.readLine().trimmed();
    if (typed != name) {
        io.err << tr("Not confirmed; nothing was changed.") << '\n';
        return ExitCheckFailed;
    }
    return -1;
}

TablePrinter::TablePrinter(QStringList headings)
    : m_headings(std::move(headings))
{
}

void TablePrinter::addRow(QStringList cells, QList<Tone> tones)
{
    while (cells.size() < m_headings.size())
        cells << QString();
    for (QString &c : cells)
        c.replace(u'\n', u' ');
    m_rows << std::move(cells);
    m_tones << std::move(tones);
}

QList<int> TablePrinter::widths() const
{
    QList<int> w;
    for (const QString &h : m_headings)
        w << int(h.size());
    for (const QStringList &row : m_rows) {
        for (int i = 0; i < w.size(); ++i)
            w[i] = std::max(w[i], int(row.at(i).size()));
    }
    return w;
}

int TablePrinter::columnsThatFit(int width) const
{
    const QList<int> w = widths();
    if (width <= 0)
        return int(w.size());
    int used = 0;
    int n = 0;
    for (; n < w.size(); ++n) {
        const int next = used + (n > 0 ? 2 : 0) + w.at(n);
        if (next > width)
            break;
        used = next;
    }
    return std::max(1, n);
}

void TablePrinter::print(QTextStream &out, int width, bool colour) const
{
    const QList<int> w = widths();
    const int shown = columnsThatFit(width);
    auto line = [&](const QStringList &cells, const QList<Tone> &tones) {
        QString text;
        for (int i = 0; i < shown; ++i) {
            QString cell = cells.at(i);
            const bool last = i == shown - 1;
            if (width > 0 && shown == 1 && cell.size() > width)
                cell = cell.left(std::max(1, width - 1)) + u'…';
            const QString padded = last ? cell : cell.leftJustified(w.at(i));
            const Tone tone = i < tones.size() ? tones.at(i) : Tone::None;
            if (colour && tone != Tone::None && !cell.isEmpty())
                text += toneCode(tone) + padded + QLatin1StringView("\x1b[0m");
            else
                text += padded;
            if (!last)
                text += QLatin1StringView("  ");
        }
        out << text << '\n';
    };
    QStringList headings;
    for (const QString &h : m_headings)
        headings << h.toUpper();
    line(headings, {});
    for (qsizetype r = 0; r < m_rows.size(); ++r)
        line(m_rows.at(r), m_tones.at(r));
}

} // namespace Pot::Cli
