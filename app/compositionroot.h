#pragma once

#include <QObject>

#include <memory>

class QNetworkAccessManager;
class QQmlApplicationEngine;

namespace Pot::App {

/// Builds the service graph once (network access, secret store, profile store, sessions, models) and
/// hands it to the QML UI. Nothing else in the program constructs services.
class CompositionRoot final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompositionRoot)

public:
    struct Options
    {
        bool useMemorySecretStore = false; ///< tests: never touch the OS keychain
    };

    explicit CompositionRoot(const Options &options, QObject *parent = nullptr);
    ~CompositionRoot() override;

    QNetworkAccessManager *network() const { return m_network; }

    /// Loads Main.qml into `engine` with the services as initial properties. Returns false when the
    /// QML could not be created.
    bool load(QQmlApplicationEngine &engine);

private:
    Options m_options;
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace Pot::App
