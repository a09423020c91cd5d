#include "app/cli/clicommand.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The console's name, not the executable's: the command line shares the console's profiles,
    // saved lists and keychain entries (their paths derive from it).
    QCoreApplication::setApplicationName(QStringLiteral("pot-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("Datasance"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POT_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Pot::Cli::Io io{out, err, [](qint64 maxBytes) {
                        QFile in;
                        QByteArray data;
                        if (!in.open(stdin, QIODevice::ReadOnly))
                            return data;
                        // Stop at maxBytes: a writer that never closes the pipe cannot hold us.
                        while (data.size() < maxBytes) {
                            const QByteArray chunk = in.read(maxBytes - data.size());
                            if (chunk.isEmpty())
                                break;
                            data.append(chunk);
                        }
                        return data;
                    }};
    const int code = Pot::Cli::runCli(QCoreApplication::arguments(), io);
    out.flush();
    err.flush();
    return code;
}
