#include "app/cli/clicommand.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pot-console-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Datasance"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POT_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    Pot::Cli::Io io{out, err, [] {
                        QFile in;
                        if (!in.open(stdin, QIODevice::ReadOnly))
                            return QByteArray();
                        return in.readAll();
                    }};
    const int code = Pot::Cli::runCli(QCoreApplication::arguments(), io);
    out.flush();
    err.flush();
    return code;
}
