#include "compositionroot.h"

#include "applogging.h"

#include <QNetworkAccessManager>
#include <QQmlApplicationEngine>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Pot::App {

CompositionRoot::CompositionRoot(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
{
    // Cookies are not used for authentication by the Controller (bearer only); keep none.
    m_network->setCookieJar(nullptr);
}

CompositionRoot::~CompositionRoot() = default;

bool CompositionRoot::load(QQmlApplicationEngine &engine)
{
    bool failed = false;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, this,
                     [&failed](const QUrl &url) {
                         qCCritical(lcAppUi) << "could not create" << url;
                         failed = true;
                     });
    engine.load(QUrl(u"qrc:/PotConsole/Main.qml"_s));
    return !failed && !engine.rootObjects().isEmpty();
}

} // namespace Pot::App
