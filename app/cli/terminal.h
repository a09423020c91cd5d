#pragma once

#include "app/cli/clicommand.h"

#include "core/resources/tone.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Pot::Cli {

/// Columns of the terminal on standard output (COLUMNS, else the terminal's size); 0 when standard
/// output is not a terminal (a pipe or file gets every column in full).
int terminalWidth();
/// Whether standard output is a terminal and NO_COLOR (no-color.org) is not set.
bool colourWanted();
/// Whether standard input is a terminal (questions can be asked).
bool stdinIsTerminal();

/// Asks the user to type `name` to go on. Returns -1 when they did, else the exit code: 2 when
/// there is no terminal to ask on (scripts pass --yes), 1 when what was typed differs.
int confirmByName(Io &io, const QString &question, const QString &name);

/// A table as kubectl prints one: upper-case headings, columns two spaces apart, left-aligned. With a
/// width, columns that do not fit are left out from the right (the first always stays, cut with
/// "…"); `tones` colour cells when colour is on.
class TablePrinter
{
public:
    explicit TablePrinter(QStringList headings);
    void addRow(QStringList cells, QList<Tone> tones = {});
    /// `width` 0: no limit.
    void print(QTextStream &out, int width, bool colour = false) const;
    /// The columns print() keeps for `width` (tests).
    int columnsThatFit(int width) const;

private:
    QList<int> widths() const;

    QStringList m_headings;
    QList<QStringList> m_rows;
    QList<QList<Tone>> m_tones;
};

} // namespace Pot::Cli
