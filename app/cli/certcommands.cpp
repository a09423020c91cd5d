#include "app/cli/certcommands.h"

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
    qsizetype end = data.indexOf('\n');
    if (end < 0)
        end = data.size();
    if (end > 0 && data.at(end - 1) == '\r')
        --end;
    SecretBytes password(data.constData(), size_t(end));
    SecretBytes::wipe(data);
    return password;
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
    if (parser.isSet(QStringLiteral("password-file"))) {
        Result<SecretBytes> p = readPasswordFile(parser.value(QStringLiteral("password-file")));
        if (!p) {
            io.err << p.error().message << '\n';
            return ExitCheckFailed;
        }
        password = std::move(*p);
    }
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

} // namespace

std::vector<Command> certCommands()
{
    std::vector<Command> commands;
    commands.push_back({{QStringLiteral("cert"), QStringLiteral("inspect")},
                        tr("Show a certificate file (PEM, DER, PKCS#12): fields, chain, key match."),
                        certInspect});
    return commands;
}

} // namespace Pot::Cli
