#include "tlsassistant.h"
#include "openssl.h"

#include "core/tr.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <yaml-cpp/yaml.h>

namespace Pot::X509 {

namespace {

using namespace OpenSsl;

QString tr(const char *text) { return Tr::tr(text); }

bool isIpAddress(const QString &host)
{
    QHostAddress address;
    return address.setAddress(host);
}

/// A DNS name a certificate may carry: letters, digits, hyphens and dots, and `*` as a whole
/// left-most label.
bool isDnsName(const QString &host)
{
    static const QRegularExpression name(
        QStringLiteral(R"(^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$)"));
    return host.size() <= 253 && name.match(host).hasMatch();
}

Status addExtension(::X509 *cert, X509V3_CTX *ctx, int nid, const QByteArray &value)
{
    ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.constData()));
    if (!ext || X509_add_ext(cert, ext.get(), -1) != 1)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not add the extension %1.").arg(QString::fromLatin1(value)));
    return {};
}

/// A certificate for `key` named `commonName`, signed by `issuerKey` (issued by `issuer`, or
/// self-signed when null), valid from five minutes ago (clocks differ) for `days` days.
Result<X509Ptr> makeCertificate(EVP_PKEY *key, const QString &commonName, ::X509 *issuer, EVP_PKEY *issuerKey,
                                int days, const QList<std::pair<int, QByteArray>> &extensions)
{
    X509Ptr cert(X509_new());
    BignumPtr serial(BN_new());
    if (!cert || !serial || X509_set_version(cert.get(), X509_VERSION_3) != 1
        || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))
        || !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300)
        || !X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(days) * 86400L))
        return failure(ErrorCode::Crypto, tr("OpenSSL could not start a certificate."));
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.left(64).toUtf8();
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()),
                                   int(cn.size()), -1, 0) != 1
        || X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name) != 1
        || X509_set_pubkey(cert.get(), key) != 1)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not name the certificate."));
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const auto &[nid, value] : extensions) {
        if (Status added = addExtension(cert.get(), &ctx, nid, value); !added)
            return added.error();
    }
    if (X509_sign(cert.get(), issuerKey, EVP_sha256()) <= 0)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not sign the certificate."));
    return cert;
}

QByteArray certificatePem(::X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(std::max(0L, size)));
}

Result<SecretBytes> keyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_secmem())); // freed with its memory cleared
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not write the private key."));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return SecretBytes(data, size_t(std::max(0L, size)));
}

Result<X509Ptr> parseCertificate(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert)
        return failure(ErrorCode::InvalidInput, tr("The certificate is not a PEM certificate."));
    return cert;
}

/// The certificate of `bundle` that is a CA and did not come with the key, or -1.
int caIndex(const Bundle &bundle, int leafIndex)
{
    for (int i = 0; i < bundle.certificates.size(); ++i) {
        if (i != leafIndex && bundle.certificates.at(i).isCa)
            return i;
    }
    return -1;
}

QByteArray base64Of(const QByteArray &bytes) { return bytes.toBase64(); }

/// A name as it may stand in a YAML comment line: control characters (a new line would end the
/// comment) shown as '?'.
QString commentSafe(QString name)
{
    for (QChar &c : name) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    return name;
}

/// yaml-cpp writes the document with kKeySlot where the private key goes, so that the key never
/// enters its buffers; the key's base64 is put in its place in a buffer that wipes itself.
constexpr char kKeySlot[] = "private-key-slot-7f3a9c";

SecretBytes withKey(const QByteArray &comment, const YAML::Emitter &out, const SecretBytes &keyPem,
                    const QString &keyShownAs)
{
    const QByteArray yaml(out.c_str(), qsizetype(out.size()));
    const qsizetype at = yaml.indexOf(kKeySlot);
    QByteArray encoded;
    if (keyShownAs.isEmpty()) {
        QByteArray plain = keyPem.revealCopy();
        encoded = plain.toBase64();
        SecretBytes::wipe(plain);
    } else {
        encoded = keyShownAs.toUtf8();
    }
    QByteArray text;
    text.reserve(comment.size() + yaml.size() + encoded.size() + 1); // no reallocation leaves a copy
    text.append(comment).append(yaml.left(at)).append(encoded)
        .append(yaml.mid(at + qsizetype(sizeof kKeySlot) - 1)).append('\n');
    SecretBytes::wipe(encoded);
    return SecretBytes::takeFrom(text);
}

} // namespace

QString kubernetesNameProblem(const QString &name, bool nameSpace)
{
    static const QRegularExpression subdomain(QStringLiteral(R"(^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$)"));
    static const QRegularExpression label(QStringLiteral(R"(^[a-z0-9]([a-z0-9-]*[a-z0-9])?$)"));
    if (nameSpace ? (name.size() > 63 || !label.match(name).hasMatch())
                  : (name.size() > 253 || !subdomain.match(name).hasMatch()))
        return nameSpace ? tr("“%1” is not a Kubernetes namespace: lower-case letters, digits and '-', at most 63.").arg(name)
                         : tr("“%1” is not a Kubernetes Secret name: lower-case letters, digits, '-' and '.', at most 253.").arg(name);
    return {};
}

QStringList parseHosts(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral(R"([\s,;]+)"));
    QStringList hosts;
    for (QString entry : text.split(separators, Qt::SkipEmptyParts)) {
        if (entry.contains(QStringLiteral("://")))
            entry = QUrl(entry).host();
        else if (entry.startsWith(u'[') && entry.contains(u']'))
            entry = entry.mid(1, entry.indexOf(u']') - 1); // [::1]:51121
        else if (entry.count(u':') == 1)
            entry = entry.section(u':', 0, 0); // host:port
        entry = entry.trimmed();
        if (!entry.isEmpty() && !hosts.contains(entry, Qt::CaseInsensitive))
            hosts << entry;
    }
    return hosts;
}

Result<ServerTls> generateServerTls(const QStringList &hosts, int days, const QString &caName)
{
    ERR_clear_error();
    if (hosts.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Name at least one host name or IP address the Controller is reached at."));
    if (days < 1 || days > 3650)
        return Error(ErrorCode::InvalidInput, tr("The lifetime must be between 1 and 3650 days (%1 given).").arg(days));
    QStringList names;
    for (const QString &host : hosts) {
        if (isIpAddress(host))
            names << QStringLiteral("IP:") + QHostAddress(host).toString();
        else if (isDnsName(host))
            names << QStringLiteral("DNS:") + host;
        else
            return Error(ErrorCode::InvalidInput, tr("“%1” is neither a host name nor an IP address.").arg(host));
    }

    KeyPtr caKey(EVP_EC_gen("P-256"));
    KeyPtr serverKey(EVP_EC_gen("P-256"));
    if (!caKey || !serverKey)
        return failure(ErrorCode::Crypto, tr("OpenSSL could not make an EC P-256 key."));
    const QString caCommonName = caName.trimmed().isEmpty() ? tr("PoT Controller CA") : caName.trimmed();
    // The CA outlives the certificate, so that its key (saved by the operator) can issue the next.
    Result<X509Ptr> ca = makeCertificate(caKey.get(), caCommonName, nullptr, caKey.get(), std::max(days * 2, 3650),
                                         {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                                          {NID_key_usage, "critical,keyCertSign,cRLSign"},
                                          {NID_subject_key_identifier, "hash"}});
    if (!ca)
        return ca.error();
    Result<X509Ptr> server = makeCertificate(serverKey.get(), hosts.first(), ca->get(), caKey.get(), days,
                                             {{NID_basic_constraints, "critical,CA:FALSE"},
                                              {NID_key_usage, "critical,digitalSignature"},
                                              {NID_ext_key_usage, "serverAuth"},
                                              {NID_subject_key_identifier, "hash"},
                                              {NID_authority_key_identifier, "keyid:always"},
                                              {NID_subject_alt_name, names.join(u',').toUtf8()}});
    if (!server)
        return server.error();

    ServerTls out;
    out.certificatePem = certificatePem(server->get());
    out.caPem = certificatePem(ca->get());
    Result<SecretBytes> key = keyPem(serverKey.get());
    if (!key)
        return key.error();
    Result<SecretBytes> caKeyText = keyPem(caKey.get());
    if (!caKeyText)
        return caKeyText.error();
    out.keyPem = std::move(*key);
    out.caKeyPem = std::move(*caKeyText);
    if (out.certificatePem.isEmpty() || out.caPem.isEmpty())
        return failure(ErrorCode::Crypto, tr("OpenSSL could not write the certificates."));
    return out;
}

Result<ServerTls> readServerTls(const QString &certificateFile, const QString &keyFile, const QString &caFile,
                                const SecretBytes &password)
{
    Result<Bundle> certs = readFile(certificateFile, password);
    if (!certs)
        return Error(certs.error().code, tr("Server certificate: %1").arg(certs.error().message), certs.error().detail);
    if (certs->certificates.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Server certificate: %1 holds no certificate.").arg(certificateFile));
    Bundle all = *certs;
    if (!keyFile.isEmpty()) {
        Result<Bundle> key = readFile(keyFile, password);
        if (!key)
            return Error(key.error().code, tr("Private key: %1").arg(key.error().message), key.error().detail);
        if (key->key.isNull())
            return Error(ErrorCode::InvalidInput, tr("Private key: %1 holds no private key.").arg(keyFile));
        all.key = key->key;
    }
    if (all.key.isNull())
        return Error(ErrorCode::InvalidInput, tr("Choose the server's private key: %1 holds none.").arg(certificateFile));
    // The server certificate: the one the key belongs to, else the first that is not a CA.
    int leaf = all.keyCertificate();
    for (int i = 0; leaf < 0 && i < all.certificates.size(); ++i) {
        if (!all.certificates.at(i).isCa)
            leaf = i;
    }
    if (leaf < 0)
        leaf = 0;
    QList<Certificate> caPool;
    for (int i = 0; i < all.certificates.size(); ++i) {
        if (i != leaf)
            caPool << all.certificates.at(i);
    }
    if (!caFile.isEmpty()) {
        Result<Bundle> ca = readFile(caFile, password);
        if (!ca)
            return Error(ca.error().code, tr("CA certificate: %1").arg(ca.error().message), ca.error().detail);
        if (ca->certificates.isEmpty())
            return Error(ErrorCode::InvalidInput, tr("CA certificate: %1 holds no certificate.").arg(caFile));
        caPool = ca->certificates + caPool;
    }
    if (caPool.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Choose the CA certificate that signed %1: a profile trusts that CA.")
                                                  .arg(all.certificates.at(leaf).commonName));
    Result<SecretBytes> key = privateKeyPem(all.key);
    if (!key)
        return key.error();
    ServerTls out;
    out.certificatePem = all.certificates.at(leaf).pem();
    out.keyPem = std::move(*key);
    // The CA: what signed the server certificate, and what signed that, up to a root — in chain
    // order (an intermediate and its root in either order, or a full chain in the certificate
    // file). Where no issuer is found, the first CA certificate given (the check then says so).
    const QList<ChainLink> chain = buildChain(all.certificates.at(leaf), caPool);
    QList<Certificate> cas;
    for (qsizetype i = 1; i < chain.size(); ++i)
        cas << chain.at(i).certificate;
    if (cas.isEmpty()) {
        Bundle pool;
        pool.certificates = caPool;
        const int caAt = caIndex(pool, -1);
        cas << caPool.at(caAt >= 0 ? caAt : 0);
    }
    out.caPem = toPem(cas);
    return out;
}

Result<TlsCheck> checkServerTls(const ServerTls &tls, const QStringList &hosts, const QDateTime &now)
{
    ERR_clear_error();
    Result<Bundle> leafBundle = readBundle(tls.certificatePem);
    if (!leafBundle || leafBundle->certificates.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The server certificate cannot be read."),
                     leafBundle ? QString() : leafBundle.error().detail);
    Result<Bundle> caBundle = readBundle(tls.caPem);
    if (!caBundle || caBundle->certificates.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The CA certificate cannot be read."),
                     caBundle ? QString() : caBundle.error().detail);
    QByteArray keyText = tls.keyPem.revealCopy();
    Result<PrivateKey> key = readPrivateKey(keyText);
    SecretBytes::wipe(keyText);
    if (!key)
        return Error(ErrorCode::InvalidInput, tr("The private key cannot be read: %1").arg(key.error().message),
                     key.error().detail);
    Result<X509Ptr> leafX509 = parseCertificate(tls.certificatePem);
    if (!leafX509)
        return leafX509.error();

    TlsCheck check;
    check.certificate = leafBundle->certificates.first();
    const QList<ChainLink> chain = buildChain(check.certificate, caBundle->certificates);
    check.ca = chain.size() > 1 ? chain.at(1).certificate : caBundle->certificates.first();
    const Certificate &c = check.certificate;
    check.keyMatches = key->matches(c);
    if (!check.keyMatches)
        check.problems << tr("The private key is not the key of %1's certificate.").arg(c.commonName);

    check.signedByCa = !chain.isEmpty() && chain.first().signatureVerified && chain.size() > 1;
    if (!check.signedByCa)
        check.problems << tr("%1 did not sign this certificate (%2): a profile that trusts it would refuse the Controller.")
                              .arg(check.ca.commonName.isEmpty() ? check.ca.subject : check.ca.commonName,
                                   chain.isEmpty() || chain.first().problem.isEmpty() ? tr("no matching issuer")
                                                                                      : chain.first().problem);
    if (!check.ca.isCa)
        check.problems << tr("%1 is not a CA certificate.").arg(check.ca.subject);
    if (c.isCa)
        check.problems << tr("The server certificate is a CA certificate; clients refuse it for a server.");

    for (const QString &host : hosts) {
        HostCoverage coverage{host, false};
        const QByteArray h = host.toUtf8();
        if (isIpAddress(host))
            coverage.covered = X509_check_ip_asc(leafX509->get(), QHostAddress(host).toString().toLatin1().constData(), 0) == 1;
        else
            // Not the subject's CN: Go (potctl), browsers and curl match only the alternative names.
            coverage.covered = X509_check_host(leafX509->get(), h.constData(), size_t(h.size()),
                                               X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr) == 1;
        if (!coverage.covered)
            check.problems << tr("%1 is not among the certificate's names (%2): a client reaching the Controller as %1 refuses it.")
                                  .arg(host, (c.dnsNames + c.ipAddresses).join(QStringLiteral(", ")).isEmpty()
                                                 ? tr("it has none, only CN=%1").arg(c.commonName)
                                                 : (c.dnsNames + c.ipAddresses).join(QStringLiteral(", ")));
        check.hosts << coverage;
    }
    if (hosts.isEmpty())
        check.problems << tr("Name the host names or IP addresses the Controller is reached at, to check them.");

    if (c.expired(now))
        check.problems << tr("The server certificate expired on %1.").arg(c.notAfter.toString(Qt::ISODate));
    else if (c.notYetValid(now))
        check.problems << tr("The server certificate is valid only from %1.").arg(c.notBefore.toString(Qt::ISODate));
    if (check.ca.expired(now))
        check.problems << tr("The CA certificate expired on %1.").arg(check.ca.notAfter.toString(Qt::ISODate));
    if (!c.extendedKeyUsage.isEmpty() && !c.extendedKeyUsage.contains(QStringLiteral("TLS Web Server Authentication")))
        check.problems << tr("The certificate may not serve TLS (its extended key usage is %1).")
                              .arg(c.extendedKeyUsage.join(QStringLiteral(", ")));
    if (!c.expired(now) && c.daysRemaining(now) < 30)
        check.notes << Tr::tr("The server certificate ends in %n day(s).", nullptr, c.daysRemaining(now));
    return check;
}

SecretBytes remoteControlPlaneYaml(const ServerTls &tls, const QString &controllerName, const QString &keyShownAs)
{
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "https" << YAML::Value << YAML::BeginMap
        << YAML::Key << "enabled" << YAML::Value << true
        << YAML::Key << "caCert" << YAML::Value << base64Of(tls.caPem).toStdString()
        << YAML::Key << "tlsCert" << YAML::Value << base64Of(tls.certificatePem).toStdString()
        << YAML::Key << "tlsKey" << YAML::Value << kKeySlot
        << YAML::EndMap << YAML::EndMap;
    const QString name = controllerName.trimmed().isEmpty() ? QStringLiteral("<controller>") : controllerName.trimmed();
    const QByteArray comment = QStringLiteral(
        "# The https section of controller \"%1\" in a Remote ControlPlane (kind: ControlPlane,\n"
        "# spec.controllers[] where name is %1). potctl hands caCert to the Controller as\n"
        "# SSL_BASE64_INTERMEDIATE_CERT, tlsCert and tlsKey as SSL_BASE64_CERT and SSL_BASE64_KEY.\n"
        "# It holds the private key: keep this file owner-only.\n").arg(commentSafe(name)).toUtf8();
    return withKey(comment, out, tls.keyPem, keyShownAs);
}

SecretBytes kubernetesSecretYaml(const ServerTls &tls, const QString &secretName, const QString &nameSpace,
                                 const QString &keyShownAs)
{
    const std::string name = (secretName.trimmed().isEmpty() ? QStringLiteral("controller-tls") : secretName.trimmed()).toStdString();
    YAML::Emitter out;
    out << YAML::BeginMap
        << YAML::Key << "apiVersion" << YAML::Value << "v1"
        << YAML::Key << "kind" << YAML::Value << "Secret"
        << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value << name;
    if (!nameSpace.trimmed().isEmpty())
        out << YAML::Key << "namespace" << YAML::Value << nameSpace.trimmed().toStdString();
    out << YAML::EndMap
        << YAML::Key << "type" << YAML::Value << "kubernetes.io/tls"
        << YAML::Key << "data" << YAML::Value << YAML::BeginMap
        << YAML::Key << "tls.crt" << YAML::Value << base64Of(tls.certificatePem).toStdString()
        << YAML::Key << "tls.key" << YAML::Value << kKeySlot
        << YAML::Key << "ca.crt" << YAML::Value << base64Of(tls.caPem).toStdString()
        << YAML::EndMap << YAML::EndMap;
    const QByteArray comment = QStringLiteral(
        "# The Controller's TLS for a KubernetesControlPlane: apply this Secret in the control plane's\n"
        "# namespace, then set in the KubernetesControlPlane\n"
        "#   spec:\n"
        "#     controller:\n"
        "#       https: true\n"
        "#       secretName: %1\n"
        "# It holds the private key: keep this file owner-only.\n").arg(commentSafe(QString::fromStdString(name))).toUtf8();
    return withKey(comment, out, tls.keyPem, keyShownAs);
}

} // namespace Pot::X509
