#pragma once

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>
#include <QTemporaryDir>

namespace Pot::Test {

/// A throw-away PKI made with the real `openssl` command line at test time: a CA, a server
/// certificate for 127.0.0.1/localhost signed by it, and a second, unrelated CA.
class TestPki final
{
public:
    TestPki() = default;

    /// Runs openssl; false and a message in `error` on failure.
    bool generate(QString *error);

    QByteArray caPem;
    QByteArray serverCertPem;
    QByteArray serverKeyPem;
    QByteArray otherCaPem; ///< a CA that did not sign the server certificate

    /// Server-side TLS configuration; `sendChain` adds the CA to the presented chain.
    QSslConfiguration serverConfiguration(bool sendChain = true) const;
    /// "AB:CD:…" SHA-256 of the server certificate.
    QString serverFingerprint() const;

private:
    bool run(const QStringList &args, QString *error);
    QTemporaryDir m_dir;
};

} // namespace Pot::Test
