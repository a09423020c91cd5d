#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>
#include <QTemporaryDir>

namespace Pot::Test {

/// A throw-away PKI made with the real `openssl` command line at test time, in a private
/// temporary directory that lives as long as the object: a root CA, a server certificate for
/// 127.0.0.1/localhost signed by it and a second, unrelated CA. All keys are EC P-256 (key files
/// 0600 as openssl writes them), all certificates valid for two days. Both the PEM contents and
/// the file paths are available, for in-process servers and for external ones such as nats-server.
class TestPki final
{
public:
    /// `caName` is the root CA's common name; it shows up in untrusted-chain messages.
    explicit TestPki(QString caName = QStringLiteral("PoT Test CA"));

    /// Runs openssl; call once before using anything else.
    Status generate();

    QByteArray caPem() const { return m_caPem; }
    QByteArray serverCertPem() const { return m_serverCertPem; }
    QByteArray serverKeyPem() const { return m_serverKeyPem; } ///< unencrypted
    QByteArray otherCaPem() const { return m_otherCaPem; }     ///< a CA that did not sign the server

    QString caCertPath() const;
    QString serverCertPath() const;
    QString serverKeyPath() const;
    QString otherCaCertPath() const;

    /// Server-side TLS configuration; `sendChain` adds the CA to the presented chain.
    QSslConfiguration serverConfiguration(bool sendChain = true) const;
    /// "AB:CD:…" SHA-256 of the server certificate.
    QString serverFingerprint() const;

private:
    Status run(const QStringList &args) const;

    QString m_caName;
    QTemporaryDir m_dir;
    QByteArray m_caPem;
    QByteArray m_serverCertPem;
    QByteArray m_serverKeyPem;
    QByteArray m_otherCaPem;
};

} // namespace Pot::Test
