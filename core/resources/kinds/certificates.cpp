#include "kinds.h"

#include "core/tr.h"
#include "core/x509/x509.h"

#include <QDateTime>
#include <QJsonArray>

namespace Pot::Resources::Kinds {

namespace {

/// Past this share of its lifetime a certificate is flagged (the default threshold).
constexpr double WarnAtLifetimeUsed = 0.8;

QDateTime dateOf(const QJsonObject &o, QStringView camel, QStringView snake)
{
    const QJsonValue v = o.contains(camel) ? o.value(camel) : o.value(snake);
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

/// One entry of GET /certificates (camelCase; CAs included) — or of the CA routes (snake_case):
/// both spellings are read (controller-api.md §3.6).
struct Certificate
{
    QString name;
    QString subject;
    QString hosts;
    bool isCa = false;
    QString caName;
    QDateTime validFrom;
    QDateTime validTo;

    QString key() const { return name; }
    static Result<Certificate> fromJson(const QJsonObject &o)
    {
        Certificate c;
        c.name = o.value(u"name").toString();
        if (c.name.isEmpty())
            return Error(ErrorCode::InvalidInput, Tr::tr("A certificate without a name."));
        c.subject = o.value(u"subject").toString();
        c.hosts = o.value(u"hosts").toString();
        c.isCa = o.contains(u"isCA") ? o.value(u"isCA").toBool() : o.value(u"is_ca").toBool();
        c.caName = o.contains(u"caName") ? o.value(u"caName").toString() : o.value(u"ca_name").toString();
        c.validFrom = dateOf(o, u"validFrom", u"valid_from");
        c.validTo = dateOf(o, u"validTo", u"valid_to");
        return c;
    }
    double lifetimeUsed(const QDateTime &now) const
    {
        const qint64 total = validFrom.secsTo(validTo);
        return total <= 0 ? 1.0 : std::clamp(double(validFrom.secsTo(now)) / double(total), 0.0, 1.0);
    }
    Tone tone(const QDateTime &now) const
    {
        if (!validTo.isValid())
            return Tone::None;
        if (now > validTo)
            return Tone::Bad;
        return lifetimeUsed(now) >= WarnAtLifetimeUsed ? Tone::Warn : Tone::Ok;
    }
};

/// The volume mounts (as far as their list has been read) that use the TLS secret `name`: a
/// certificate's secret has the certificate's name.
QStringList mountsUsing(const QString &name, const Related &related)
{
    QStringList mounts;
    for (const QJsonObject &m : related(QStringLiteral("volumeMounts"))) {
        if (m.value(u"secretName").toString() == name)
            mounts << m.value(u"name").toString();
    }
    return mounts;
}

/// `question` (with %1 for the name) followed by the volume mounts that go with the secret.
std::function<QString(const QJsonObject &, const Related &)> questionNamingMounts(const QString &question)
{
    return [question](const QJsonObject &o, const Related &related) {
        const QString name = o.value(u"name").toString();
        const QStringList mounts = mountsUsing(name, related);
        QString text = question.arg(name);
        if (!mounts.isEmpty())
            text += u' ' + Tr::tr("Volume mounts that use it now and will be deleted: %1.").arg(mounts.join(QStringLiteral(", ")));
        return text;
    };
}

bool isCa(const QJsonObject &o)
{
    return o.contains(u"isCA") ? o.value(u"isCA").toBool() : o.value(u"is_ca").toBool();
}

QString pemText(const QJsonObject &o, QStringView field)
{
    return o.value(u"data").toObject().value(field).toString();
}

QList<DetailRow> certificateDetails(const QJsonObject &o)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Result<Certificate> record = Certificate::fromJson(o);
    QList<DetailRow> rows;
    const QString general = Tr::tr("Controller record");
    rows << DetailRow(general, Tr::tr("Name"), o.value(u"name").toString());
    rows << DetailRow(general, Tr::tr("Kind"), isCa(o) ? Tr::tr("certificate authority") : Tr::tr("certificate"));
    if (const QString origin = systemOrigin(o.value(u"name").toString()); !origin.isEmpty())
        rows << DetailRow(general, Tr::tr("Made by"), origin, {}, false, true);
    const QString caName = record ? record->caName : QString();
    rows << DetailRow(general, Tr::tr("Issued by (CA)"), caName.isEmpty() ? QStringLiteral("—") : caName);
    const QJsonArray chain = o.value(u"certificateChain").toArray();
    if (!chain.isEmpty()) {
        QStringList names;
        for (const QJsonValue &link : chain)
            names << link.toObject().value(u"name").toString();
        rows << DetailRow(general, Tr::tr("Chain (Controller)"), names.join(QStringLiteral(" → ")));
    }
    const QString serial = o.contains(u"serialNumber") ? o.value(u"serialNumber").toString()
                                                       : o.value(u"serial_number").toString();
    if (!serial.isEmpty())
        rows << DetailRow(general, Tr::tr("Serial (Controller)"), serial,
                          serial.startsWith(u"renewed-") ? Tr::tr("Set by a renewal; the PEM has its own serial.") : QString());
    if (record && record->validTo.isValid())
        rows << DetailRow(general, Tr::tr("Valid (Controller)"),
                          Tr::tr("%1 → %2").arg(record->validFrom.toString(Qt::ISODate), record->validTo.toString(Qt::ISODate)));

    const QByteArray pem = pemText(o, u"certificate").toUtf8();
    if (pem.isEmpty()) {
        rows << DetailRow(Tr::tr("Certificate"), Tr::tr("PEM"), Tr::tr("not in this answer"),
                          Tr::tr("Only GET /certificates/{name} (or /certificates/ca/{name}) sends the PEM."));
    } else if (const Result<X509::Bundle> bundle = X509::readBundle(pem); !bundle || bundle->certificates.isEmpty()) {
        rows << DetailRow(Tr::tr("Certificate"), Tr::tr("PEM"),
                          bundle ? Tr::tr("no certificate in it") : bundle.error().message, {}, false, true);
    } else {
        const X509::Certificate &c = bundle->certificates.constFirst();
        const QString group = Tr::tr("Certificate (from its PEM)");
        for (const X509::Field &f : X509::fieldsOf(c, now))
            rows << DetailRow(group, f.label, f.value, {}, false, f.warning);
        // After a renew the record's dates are not the PEM's (§3.6): say so where they differ.
        if (record && record->validTo.isValid() && qAbs(record->validTo.secsTo(c.notAfter)) > 86400) {
            rows << DetailRow(group, Tr::tr("Dates differ"),
                              Tr::tr("The Controller's record says valid to %1; the certificate itself says %2. "
                                     "The certificate's date is the one TLS uses.")
                                  .arg(record->validTo.toString(Qt::ISODate), c.notAfter.toString(Qt::ISODate)),
                              {}, false, true);
        }
        const QString key = pemText(o, u"privateKey");
        if (!key.isEmpty()) {
            QByteArray keyBytes = key.toUtf8();
            const Result<X509::PrivateKey> privateKey = X509::readPrivateKey(keyBytes);
            SecretBytes::wipe(keyBytes);
            const bool matches = privateKey && privateKey->matches(c);
            rows << DetailRow(Tr::tr("Private key"), Tr::tr("Matches"),
                              !privateKey ? privateKey.error().message
                              : matches   ? Tr::tr("yes (%1)").arg(privateKey->algorithm())
                                          : Tr::tr("no: the key is not this certificate's"),
                              {}, false, !matches);
        }
    }
    if (const QString key = pemText(o, u"privateKey"); !key.isEmpty())
        rows << DetailRow(Tr::tr("Private key"), Tr::tr("PEM"), key, Tr::tr("Hidden until revealed."), true);
    if (const QString text = pemText(o, u"certificate"); !text.isEmpty())
        rows << DetailRow(Tr::tr("Certificate"), Tr::tr("Certificate PEM"), text);
    return rows;
}

} // namespace

Kind certificates()
{
    Kind k;
    k.id = QStringLiteral("certificates");
    k.title = Tr::tr("Certificates");
    k.singular = Tr::tr("certificate");
    k.plural = Tr::tr("certificates");
    k.listPath = QStringLiteral("/certificates");
    k.arrayKey = QStringLiteral("certificates");
    k.rbacResource = QStringLiteral("certificates");
    k.detailPath = QStringLiteral("/certificates/{key}");
    k.detailPathOf = [](const QString &key, const QJsonObject &o) {
        return Kind::expand(isCa(o) ? QStringLiteral("/certificates/ca/{key}") : QStringLiteral("/certificates/{key}"), key);
    };
    // The details carry the private key: hidden until revealed, never written to a snapshot.
    k.secretDetails = true;
    k.readWarning = Tr::tr("The Controller hands the private key of every certificate and CA, the router's and "
                           "NATS's included, to any role with certificates:get — here: %1.");
    k.emptyText = Tr::tr("No certificates. Create one here (kind Certificate) or with POST /certificates; the "
                         "Controller makes its router and NATS CAs itself.");
    const auto system = [](const QJsonObject &o) { return systemOrigin(o.value(u"name").toString()); };

    Yaml y;
    y.kind = QStringLiteral("Certificate");
    y.alsoKinds = {QStringLiteral("CertificateAuthority")};
    y.field = QByteArrayLiteral("certificate");
    y.createPath = QStringLiteral("/certificates/yaml");
    y.hint = Tr::tr("kind Certificate, metadata.name, spec.subject, spec.hosts (comma-separated), spec.expiration "
                    "(months below 1000, else milliseconds) and spec.ca (type direct and the CA's name, or "
                    "self-signed). For a CA: kind CertificateAuthority, spec.type self-signed with subject and "
                    "expiration, or type direct with secretName (an existing TLS secret). The Controller has no "
                    "update: renew or delete instead.");
    y.example = QByteArrayLiteral("apiVersion: datasance.com/v3\nkind: Certificate\nmetadata:\n  name: my-service-tls\n"
                                  "spec:\n  subject: my-service\n  hosts: my-service.local,10.0.0.10\n"
                                  "  expiration: 12\n  ca:\n    type: direct\n    secretName: my-ca\n");

    Action deleteCertificate = deleteAction(k.singular, QStringLiteral("/certificates/{key}"),
                                            Tr::tr("Its TLS secret and the volume mounts that use it go with it."));
    deleteCertificate.refused = [system](const QJsonObject &o) {
        if (isCa(o))
            return Tr::tr("A certificate authority: use Delete CA.");
        return system(o);
    };
    // What uses it, named in the question once those lists have been read.
    deleteCertificate.questionWith = questionNamingMounts(deleteCertificate.question);
    Action deleteCa = deleteAction(Tr::tr("CA"), QStringLiteral("/certificates/ca/{key}"),
                                   Tr::tr("The Controller refuses while it has signed certificates."));
    deleteCa.id = QStringLiteral("deleteCa");
    deleteCa.questionWith = [question = deleteCa.question](const QJsonObject &o, const Related &related) {
        const QString name = o.value(u"name").toString();
        QStringList issued;
        for (const QJsonObject &c : related(QStringLiteral("certificates"))) {
            const QString ca = c.value(u"caName").toString(c.value(u"ca_name").toString());
            const QString other = c.value(u"name").toString();
            if (ca == name && other != name)
                issued << other;
        }
        QString text = question.arg(name);
        if (!issued.isEmpty())
            text += u' ' + Tr::tr("Certificates it signed: %1.").arg(issued.join(QStringLiteral(", ")));
        const QStringList mounts = mountsUsing(name, related);
        if (!mounts.isEmpty())
            text += u' ' + Tr::tr("Volume mounts that use its secret: %1.").arg(mounts.join(QStringLiteral(", ")));
        return text;
    };
    deleteCa.refused = [system](const QJsonObject &o) {
        if (!isCa(o))
            return Tr::tr("Not a certificate authority.");
        return system(o);
    };
    Action renew;
    renew.id = QStringLiteral("renew");
    renew.label = Tr::tr("Renew");
    renew.verb = QStringLiteral("patch");
    renew.method = QByteArrayLiteral("POST");
    renew.path = QStringLiteral("/certificates/{key}/renew");
    renew.confirm = Confirm::TypedName;
    renew.destructive = true;
    renew.confirmText = Tr::tr("Renew certificate");
    renew.question = Tr::tr("Renew the certificate %1? The Controller deletes its TLS secret — and with it every "
                            "volume mount that uses the secret %1 — then makes a new certificate valid for five "
                            "years, signed by the same CA, but records it as valid for 12 months and without its "
                            "CA link.");
    renew.doneText = Tr::tr("Renewed %1.");
    // Names the volume mounts that go with the secret, when the volume mount list has been read.
    renew.questionWith = questionNamingMounts(renew.question);
    renew.refused = [system](const QJsonObject &o) {
        if (isCa(o))
            return Tr::tr("Renewing a CA turns it into a plain certificate in 3.7.3: create a new CA instead.");
        return system(o);
    };

    return KindOf<Certificate>(k)
        // CAs first, each followed by what it issued: the column reads "CA › name".
        .column(Tr::tr("Certificate"), 340, [](const Certificate &c) {
            return Cell(c.caName.isEmpty() || c.caName == c.name ? c.name : c.caName + u" › " + c.name);
        })
        .column(Tr::tr("Subject"), 220, [](const Certificate &c) { return Cell::orDash(c.subject); })
        .column(Tr::tr("CA"), 60, [](const Certificate &c) { return Cell::flag(c.isCa, Tone::Info); })
        .column(Tr::tr("Valid to"), 150, [](const Certificate &c) { return Cell::time(c.validTo.toString(Qt::ISODateWithMs)); })
        .column(Tr::tr("Days left"), 90, [](const Certificate &c) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (!c.validTo.isValid())
                return Cell::orDash({});
            const qint64 seconds = now.secsTo(c.validTo);
            Cell cell = Cell::number(seconds <= 0 ? 0.0 : std::ceil(double(seconds) / 86400.0),
                                     seconds <= 0 ? Tr::tr("expired") : QString());
            cell.tone = c.tone(now);
            cell.tip = Tr::tr("%1 % of its lifetime passed").arg(int(c.lifetimeUsed(now) * 100));
            return cell;
        })
        .column(Tr::tr("Made by"), 120, [](const Certificate &c) {
            return systemOrigin(c.name).isEmpty() ? Cell(Tr::tr("user")) : Cell(Tr::tr("Controller"), Tone::Muted);
        })
        .details(certificateDetails)
        .action(renew)
        .action(deleteCertificate)
        .action(deleteCa)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
