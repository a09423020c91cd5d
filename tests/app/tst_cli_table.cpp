// pot-console-cli's tables: columns that do not fit the terminal are left out from the right, the
// first is cut with "…" when even it does not fit, a pipe gets every column, and colour only when
// asked for.
#include "app/cli/terminal.h"

#include <QTest>
#include <QTextStream>

using namespace Pot;

class TstCliTable : public QObject
{
    Q_OBJECT

    static QString printed(const Cli::TablePrinter &t, int width, bool colour = false)
    {
        QString out;
        QTextStream s(&out);
        t.print(s, width, colour);
        s.flush();
        return out;
    }

private Q_SLOTS:
    void fitsTheTerminal()
    {
        Cli::TablePrinter t({QStringLiteral("Name"), QStringLiteral("Status"), QStringLiteral("Host")});
        t.addRow({QStringLiteral("edge-node-1"), QStringLiteral("RUNNING"), QStringLiteral("10.0.0.12")}, {Tone::None, Tone::Ok});
        t.addRow({QStringLiteral("remote-hub"), QStringLiteral("UNKNOWN"), QStringLiteral("hub.example.com")});
        // Full width: "NAME" padded to 11, two spaces, "STATUS" padded to 7, two spaces, "HOST".
        QCOMPARE(printed(t, 0), QStringLiteral("NAME         STATUS   HOST\n"
                                               "edge-node-1  RUNNING  10.0.0.12\n"
                                               "remote-hub   UNKNOWN  hub.example.com\n"));
        QCOMPARE(t.columnsThatFit(0), 3);
        QCOMPARE(t.columnsThatFit(37), 3); // 11 + 2 + 7 + 2 + 15
        QCOMPARE(t.columnsThatFit(36), 2);
        QCOMPARE(printed(t, 25), QStringLiteral("NAME         STATUS\nedge-node-1  RUNNING\nremote-hub   UNKNOWN\n"));
        // Not even the first column fits: it is cut.
        QCOMPARE(printed(t, 6).split(u'\n').at(1), QStringLiteral("edge-…"));
        // Colour on request only, reset after each coloured cell.
        QVERIFY(!printed(t, 0).contains(u'\x1b'));
        QVERIFY(printed(t, 0, true).contains(QStringLiteral("\x1b[32mRUNNING\x1b[0m")));
    }
};

QTEST_GUILESS_MAIN(TstCliTable)
#include "tst_cli_table.moc"
