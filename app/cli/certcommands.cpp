#include "app/cli/certcommands.h"

#include "core/securefile.h"
#include "core/x509/tlsassistant.h"
#include "core/x509/x509.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pot::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

/// The first line of FILE (a password, without its line end). Small files only.
Result<SecretBytes> readPasswordFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) // no copy left in QFile's buffer
        return Error(ErrorCode::Io, tr("Cannot read the password file %1: %2").arg(path, f.errorString()));
    QByteArray data = f.read(4097);
    if (data.size() > 4096) {
        SecretBytes::wipe(data);
        return Error(ErrorCode::InvalidInput, tr("The password file %1 is larger than 4 KB.").arg(path));
    }
    return firstLineSecret(data);
}

/// The password of --password-file into `password` (left empty without the option); false, with
/// the reason on stderr, when the file cannot be read.
bool passwordOption(const QCommandLineParser &parser, Io &io, SecretBytes *password)
{
    if (!parser.isSet(QStringLiteral("password-file")))
        return true;
    Result<SecretBytes> p = readPasswordFile(parser.value(QStringLiteral("password-file")));
    if (!p) {
        io.err << p.error().message << '\n';
        return false;
    }
    *password = std::move(*p);
    return true;
}

QString formatName(X509::Bundle::Format f)
{
    switch (f) {
    case X509::Bundle::Format::Pem:
        return QStringLiteral("pem");
    case X509::Bundle::Format::Der:
        return QStringLiteral("der");
    case X509::Bundle::Format::Pkcs12:
        return QStringLiteral("pkcs12");
    }
    return {};
}

int certInspect(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Show what a certificate file holds: PEM (one or more certificates and a private key), DER or "
           "PKCS#12. For each certificate: subject, issuer, serial, validity with days remaining, public key, "
           "signature, alternative names, key usages, CA flag, key identifiers, SHA-256 and SHA-1 "
           "fingerprints; the chain the file's certificates form, each signature verified; whether the "
           "private key matches. The key itself is never printed.\n"
           "With --json one object: {file, format, certificates: [...], chain: [...], privateKey}; each "
           "certificate names its CA flag \"ca\" and its expiry state \"expired\".\n"
           "Exit 0 when the file was read, 1 when it cannot be read (not a certificate, truncated, a "
           "wrong or missing password), 2 on a usage error."));
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("Certificate file (PEM, DER, PKCS#12)."));
    parser.addOption(QCommandLineOption(QStringLiteral("json"), tr("Print one JSON object.")));
    parser.addOption(QCommandLineOption(QStringLiteral("password-file"),
                                        tr("Read the PKCS#12 or key password from the first line of FILE."),
                                        QStringLiteral("FILE")));
    if (const int rc = parseCommandLine(parser, args, io, 1); rc >= 0)
        return rc;
    const QString file = parser.positionalArguments().constFirst();
    SecretBytes password;
    if (!passwordOption(parser, io, &password))
        return ExitCheckFailed;
    const Result<X509::Bundle> bundle = X509::readFile(file, password);
    if (!bundle) {
        io.err << file << ": " << bundle.error().message
               << (bundle.error().detail.isEmpty() ? QString() : u" (" + bundle.error().detail + u')') << '\n';
        return ExitCheckFailed;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<X509::ChainLink> chain = bundle->certificates.isEmpty()
                                             ? QList<X509::ChainLink>()
                                             : X509::buildChain(bundle->certificates.constFirst(), bundle->certificates);
    const int keyMatches = bundle->keyCertificate();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray certificates;
        for (const X509::Certificate &c : bundle->certificates)
            certificates << X509::toJson(c, now);
        QJsonArray links;
        for (const X509::ChainLink &l : chain)
            links << QJsonObject{{QStringLiteral("subject"), l.certificate.subject},
                                 {QStringLiteral("sha256"), l.certificate.sha256},
                                 {QStringLiteral("signatureVerified"), l.signatureVerified},
                                 {QStringLiteral("problem"), l.problem}};
        QJsonObject o{{QStringLiteral("file"), file},
                      {QStringLiteral("format"), formatName(bundle->format)},
                      {QStringLiteral("certificates"), certificates},
                      {QStringLiteral("chain"), links}};
        if (!bundle->key.isNull())
            o.insert(QStringLiteral("privateKey"),
                     QJsonObject{{QStringLiteral("algorithm"), bundle->key.algorithm()},
                                 {QStringLiteral("matchesCertificate"), keyMatches >= 0 ? QJsonValue(keyMatches) : QJsonValue()}});
        io.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    const int count = int(bundle->certificates.size());
    for (int i = 0; i < count; ++i) {
        io.out << tr("Certificate %1 of %2 (%3)").arg(i + 1).arg(count).arg(formatName(bundle->format).toUpper()) << '\n';
        for (const X509::Field &f : X509::fieldsOf(bundle->certificates.at(i), now))
            io.out << "  " << QString(f.label + u':').leftJustified(24) << f.value << (f.warning ? tr("  [!]") : QString()) << '\n';
        io.out << '\n';
    }
    if (!chain.isEmpty()) {
        io.out << tr("Chain") << '\n';
        for (int i = 0; i < chain.size(); ++i) {
            const X509::ChainLink &l = chain.at(i);
            io.out << "  " << QString(i * 2, u' ') << l.certificate.subject << "  "
                   << (l.signatureVerified ? tr("signature verified") : l.problem) << '\n';
        }
    }
    if (!bundle->key.isNull()) {
        io.out << tr("Private key: %1, %2")
                      .arg(bundle->key.algorithm(),
                           keyMatches >= 0 ? tr("matches certificate %1").arg(keyMatches + 1)
                                           : tr("matches none of the certificates"))
               << '\n';
    }
    return ExitOk;
}

int certTlsAssistant(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Check the certificate, key and CA a Controller is to serve HTTPS with, and write them in the shape "
           "potctl deploys: the https section of a controller in a Remote ControlPlane (--remote NAME: "
           "base64 caCert, tlsCert, tlsKey), or a kubernetes.io/tls Secret that a KubernetesControlPlane "
           "names in spec.controller.secretName with https: true (--kubernetes SECRET).\n"
           "Checked before anything is written: the key is the certificate's, the CA signed it, every --host "
           "is among its names as a TLS client matches them, both are valid now, it may serve TLS. Every "
           "problem is printed; with any, nothing is written.\n"
           "The output holds the private key: it is written owner-only (0600) to -o FILE, never to standard "
           "output, and an existing file is replaced only with --force.\n"
           "Exit 0 when written, 1 when a file cannot be read or the check found a problem, 2 on a usage error."));
    parser.addOption(QCommandLineOption(QStringLiteral("cert"), tr("The server certificate (PEM, DER or PKCS#12; may hold the key and the CA too)."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("key"), tr("The server's private key, when --cert does not hold it."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("ca"), tr("The CA certificate that signed it (what a profile then trusts)."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("password-file"),
                                        tr("Read the key or PKCS#12 password from the first line of FILE."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("host"),
                                        tr("A host name or IP address the Controller is reached at (repeat, or separate with commas)."),
                                        QStringLiteral("HOST")));
    parser.addOption(QCommandLineOption(QStringLiteral("remote"), tr("Write the https section of controller NAME of a Remote ControlPlane."),
                                        QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(QStringLiteral("kubernetes"), tr("Write a kubernetes.io/tls Secret named SECRET."),
                                        QStringLiteral("SECRET")));
    parser.addOption(QCommandLineOption(QStringLiteral("namespace"), tr("The Secret's namespace (the control plane's)."),
                                        QStringLiteral("NS")));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, tr("The YAML file to write (0600)."),
                                        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("force"), tr("Replace an existing file.")));
    if (const int rc = parseCommandLine(parser, args, io, 0); rc >= 0)
        return rc;
    const bool remote = parser.isSet(QStringLiteral("remote"));
    const bool kubernetes = parser.isSet(QStringLiteral("kubernetes"));
    if (!parser.isSet(QStringLiteral("cert")) || !parser.isSet(QStringLiteral("host")) || !parser.isSet(QStringLiteral("o"))
        || remote == kubernetes) {
        io.err << tr("--cert, at least one --host, -o and one of --remote or --kubernetes are required.\n")
               << commandHelp(parser, args.first());
        return ExitUsage;
    }
    const QString output = parser.value(QStringLiteral("o"));
    if (output == u"-") {
        io.err << tr("The YAML holds the private key: name a file with -o; it is written owner-only.\n");
        return ExitUsage;
    }
    if (kubernetes) {
        QString problem = X509::kubernetesNameProblem(parser.value(QStringLiteral("kubernetes")));
        if (problem.isEmpty() && parser.isSet(QStringLiteral("namespace")))
            problem = X509::kubernetesNameProblem(parser.value(QStringLiteral("namespace")), true);
        if (!problem.isEmpty()) {
            io.err << problem << '\n';
            return ExitUsage;
        }
    }
    SecretBytes password;
    if (!passwordOption(parser, io, &password))
        return ExitCheckFailed;
    const QStringList hosts = X509::parseHosts(parser.values(QStringLiteral("host")).join(u','));
    const Result<X509::ServerTls> tls = X509::readServerTls(parser.value(QStringLiteral("cert")), parser.value(QStringLiteral("key")),
                                                            parser.value(QStringLiteral("ca")), password);
    if (!tls) {
        io.err << tls.error().message << (tls.error().detail.isEmpty() ? QString() : u" (" + tls.error().detail + u')') << '\n';
        return ExitCheckFailed;
    }
    const Result<X509::TlsCheck> check = X509::checkServerTls(*tls, hosts, QDateTime::currentDateTimeUtc());
    if (!check) {
        io.err << check.error().message << '\n';
        return ExitCheckFailed;
    }
    for (const X509::HostCoverage &h : check->hosts)
        io.out << (h.covered ? tr("covered      %1") : tr("NOT COVERED  %1")).arg(h.host) << '\n';
    for (const QString &note : check->notes)
        io.out << tr("note: %1").arg(note) << '\n';
    if (!check->ok()) {
        for (const QString &problem : check->problems)
            io.err << tr("problem: %1").arg(problem) << '\n';
        io.err << tr("Nothing written.") << '\n';
        return ExitCheckFailed;
    }
    const SecretBytes yaml = remote ? X509::remoteControlPlaneYaml(*tls, parser.value(QStringLiteral("remote")))
                                    : X509::kubernetesSecretYaml(*tls, parser.value(QStringLiteral("kubernetes")),
                                                                 parser.value(QStringLiteral("namespace")));
    if (Status written = writeOwnerOnlyFile(output, QByteArrayView(yaml.constData(), qsizetype(yaml.size())),
                                            parser.isSet(QStringLiteral("force")));
        !written) {
        io.err << written.error().message << '\n';
        return ExitCheckFailed;
    }
    io.out << tr("Wrote %1 (owner-only): %2, signed by %3, valid until %4.")
                  .arg(output, check->certificate.commonName,
                       check->ca.commonName.isEmpty() ? check->ca.subject : check->ca.commonName,
                       check->certificate.notAfter.toString(Qt::ISODate))
           << '\n';
    return ExitOk;
}

} // namespace

std::vector<Command> certCommands()
{
    std::vector<Command> commands;
    commands.push_back({{QStringLiteral("cert"), QStringLiteral("inspect")},
                        tr("Show a certificate file (PEM, DER, PKCS#12): fields, chain, key match."),
                        certInspect});
    commands.push_back({{QStringLiteral("cert"), QStringLiteral("tls-assistant")},
                        tr("Check a Controller's TLS files and write them as ControlPlane YAML or a Kubernetes TLS Secret."),
                        certTlsAssistant});
    return commands;
}

} // namespace Pot::Cli
