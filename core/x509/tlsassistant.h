#pragma once

#include "core/result.h"
#include "core/secretbytes.h"
#include "core/x509/x509.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// The Controller TLS assistant: the server certificate, key and CA a Controller serves HTTPS with,
// either read from the operator's files or made here for the Controller's host names and
// addresses; checked (key matches, CA signed it, every host covered, dates, server use); and
// written in the shapes potctl deploys: the `https` section of a Remote ControlPlane's controller
// (base64 PEM: potctl hands caCert to the Controller as SSL_BASE64_INTERMEDIATE_CERT, tlsCert and
// tlsKey as SSL_BASE64_CERT/KEY) or a `kubernetes.io/tls` Secret that a KubernetesControlPlane
// names in `spec.controller.secretName` with `https: true`.
namespace Pot::X509 {

/// What a Controller serves HTTPS with. The keys are PEM in buffers that wipe themselves.
struct ServerTls
{
    QByteArray certificatePem; ///< the server certificate
    SecretBytes keyPem;        ///< its private key
    QByteArray caPem;          ///< the CA that signed it (what a profile trusts)
    SecretBytes caKeyPem;      ///< only when the CA was made here (to issue the next certificate)
};

/// Makes an EC P-256 CA named `caName` and a server certificate signed by it for `hosts` (DNS
/// names and IP addresses; the first is the subject's CN), valid from a few minutes ago for
/// `days` days, for TLS server use. Fails on an empty or malformed host list.
Result<ServerTls> generateServerTls(const QStringList &hosts, int days, const QString &caName);

/// Reads the server certificate, its key and the CA from files the operator chose (PEM, DER or
/// PKCS#12; `password` opens an encrypted key or a PKCS#12). A certificate file that also holds the
/// key, or the CA after the certificate, is fine: `keyFile` and `caFile` may then be empty.
Result<ServerTls> readServerTls(const QString &certificateFile, const QString &keyFile,
                                const QString &caFile, const SecretBytes &password = {});

/// One host the Controller will be reached at, and whether the certificate covers it.
struct HostCoverage
{
    QString host;
    bool covered = false;
};

/// What checkServerTls found. `problems` says in words what stops the Controller being reached
/// with a profile that trusts the CA; `notes` what is worth knowing but does not stop it.
struct TlsCheck
{
    Certificate certificate;
    Certificate ca;
    bool keyMatches = false;
    bool signedByCa = false;
    QList<HostCoverage> hosts;
    QStringList problems;
    QStringList notes;
    bool ok() const { return problems.isEmpty(); }
};

/// Checks `tls` for `hosts` at `now`: the key is the certificate's, the CA's key verifies the
/// certificate, every host is in the certificate's names as a TLS client matches them
/// (OpenSSL's X509_check_host / X509_check_ip_asc: DNS names with a left-most wildcard, IP
/// addresses exactly, the CN only when there is no DNS name), both are valid now, the certificate
/// is not a CA and may serve TLS. Fails only when the PEMs cannot be read.
Result<TlsCheck> checkServerTls(const ServerTls &tls, const QStringList &hosts, const QDateTime &now);

/// Hosts from text as an operator types them: separated by commas, spaces or new lines; a URL
/// gives its host. Empty entries dropped, duplicates kept once, order kept.
QStringList parseHosts(const QString &text);

/// The `https` section of controller `controllerName` in a Remote ControlPlane, with a comment
/// saying where it goes. Holds the private key: write it owner-only. With `keyShownAs` the key's
/// value is that text instead (a preview that can be shown).
SecretBytes remoteControlPlaneYaml(const ServerTls &tls, const QString &controllerName,
                                   const QString &keyShownAs = {});

/// Why `name` cannot be a Kubernetes Secret's name (a DNS-1123 subdomain) or, with `nameSpace`, a
/// namespace (a DNS-1123 label); empty when it can. kubectl would refuse it later.
QString kubernetesNameProblem(const QString &name, bool nameSpace = false);

/// A `kubernetes.io/tls` Secret `secretName` in `nameSpace` (tls.crt, tls.key, ca.crt), after a
/// comment with the KubernetesControlPlane fields that use it. Holds the private key: write it
/// owner-only.
SecretBytes kubernetesSecretYaml(const ServerTls &tls, const QString &secretName, const QString &nameSpace,
                                 const QString &keyShownAs = {});

} // namespace Pot::X509
