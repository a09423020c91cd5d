#include "app/compositionroot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(PotConsolePlugin)

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("pot-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("Datasance"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("datasance.com"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POT_VERSION));
}

void setupParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Desktop console for Datasance PoT / Eclipse ioFog control planes."));
    parser.addHelpOption();
    parser.addVersionOption();
}

/// --help and --version must work without a display (packaging checks, terminals over SSH).
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all" || a == "--version"
            || a == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        describeApplication();
        QCommandLineParser parser;
        setupParser(parser);
        parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("PoT Console"));
    QApplication::setDesktopFileName(QStringLiteral("com.datasance.PotConsole"));

    QCommandLineParser parser;
    setupParser(parser);
    parser.process(app);

    Pot::App::CompositionRoot root({});
    QQmlApplicationEngine engine;
    if (!root.load(engine))
        return 1;
    return QApplication::exec();
}
