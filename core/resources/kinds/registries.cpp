#include "kinds.h"

#include "core/tr.h"

namespace Pot::Resources::Kinds {

namespace {

/// One entry of GET /registries. The list has no password; GET /registries/{id} returns it in
/// clear (controller-api.md §9), so the console never asks for one.
struct Registry
{
    int id = 0;
    QString url;
    bool isPublic = false;
    QString username;
    QString email;

    QString key() const { return QString::number(id); }
    QString label() const { return url; }
    static Result<Registry> fromJson(const QJsonObject &o)
    {
        if (!o.value(u"id").isDouble())
            return Error(ErrorCode::InvalidInput, Tr::tr("A registry without an id."));
        return Registry{o.value(u"id").toInt(), o.value(u"url").toString(),
                        o.value(u"isPublic").toBool(), o.value(u"username").toString(),
                        o.value(u"userEmail").toString()};
    }
};

QString builtIn(const QJsonObject &o)
{
    const int id = o.value(u"id").toInt();
    return id == 1 || id == 2 ? Tr::tr("Registries 1 and 2 are built in: the Controller refuses "
                                       "changes to them.")
                              : QString();
}

QString check(const QJsonObject &doc, const QJsonObject &)
{
    const QJsonObject spec = doc.value(u"spec").toObject();
    if (spec.value(u"url").toString().isEmpty())
        return Tr::tr("spec.url is needed.");
    if (!spec.value(u"isPublic").isBool())
        return Tr::tr("spec.isPublic must be true or false.");
    // POST and PATCH need every field; the password is never read back, so it is typed each time.
    for (const char16_t *field : {u"username", u"password", u"email"}) {
        if (!spec.value(QStringView(field)).isString())
            return Tr::tr("spec.%1 is needed (may be empty for a public registry).")
                .arg(QStringView(field));
    }
    return {};
}

QJsonObject body(const QJsonObject &doc)
{
    const QJsonObject spec = doc.value(u"spec").toObject();
    return QJsonObject{{QStringLiteral("url"), spec.value(u"url")},
                       {QStringLiteral("isPublic"), spec.value(u"isPublic")},
                       {QStringLiteral("username"), spec.value(u"username")},
                       {QStringLiteral("password"), spec.value(u"password")},
                       {QStringLiteral("email"), spec.value(u"email")}};
}

} // namespace

Kind registries()
{
    Kind k;
    k.id = QStringLiteral("registries");
    k.title = Tr::tr("Registries");
    k.singular = Tr::tr("registry");
    k.plural = Tr::tr("registries");
    k.listPath = QStringLiteral("/registries");
    k.arrayKey = QStringLiteral("registries");
    k.rbacResource = QStringLiteral("registries");
    k.readWarning = Tr::tr("The console never reads registry passwords, but GET /registries/{id} "
                           "returns the password in clear to any role with registries:get — "
                           "here: %1.");
    k.emptyText = Tr::tr("No registries. The Controller always has registries 1 (Docker Hub) and 2 "
                         "(the agent's cache); this list could not show them.");
    Yaml y;
    // The Controller has no /registries/yaml route: the document is sent as JSON.
    y.kind = QStringLiteral("Registry");
    y.hint = Tr::tr("kind Registry and spec with url, isPublic, username, password and email. "
                    "The password is never read back: type it each time.");
    y.example = QByteArrayLiteral("kind: Registry\nspec:\n  url: registry.example.com:5000\n"
                                  "  isPublic: false\n  username: robot\n  password: \"\"\n"
                                  "  email: robot@example.com\n");
    y.document = [](const QJsonObject &d) {
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("Registry")},
                           {QStringLiteral("spec"),
                            QJsonObject{{QStringLiteral("url"), d.value(u"url")},
                                        {QStringLiteral("isPublic"), d.value(u"isPublic")},
                                        {QStringLiteral("username"), d.value(u"username")},
                                        {QStringLiteral("password"), QString()},
                                        {QStringLiteral("email"), d.value(u"userEmail")}}}};
    };
    y.check = check;
    y.editRefused = builtIn;
    y.create = [](const QJsonObject &doc) {
        return Net::ApiRequest::sendJson("POST", QStringLiteral("/registries"), body(doc));
    };
    y.update = [](const QString &key, const QJsonObject &, const QJsonObject &doc) {
        return Net::ApiRequest::sendJson("PATCH", Kind::expand(QStringLiteral("/registries/{key}"), key),
                                         body(doc));
    };
    Action del = deleteAction(k.singular, QStringLiteral("/registries/{key}"),
                              Tr::tr("Microservices that pull from it can no longer start."));
    del.refused = builtIn;
    return KindOf<Registry>(k)
        .column(Tr::tr("Id"), 50, [](const Registry &r) { return Cell::number(r.id); })
        .column(Tr::tr("URL"), 280, [](const Registry &r) { return Cell(r.url); })
        .column(Tr::tr("Public"), 70, [](const Registry &r) { return Cell::flag(r.isPublic); })
        .column(Tr::tr("User"), 140, [](const Registry &r) { return Cell::orDash(r.username); })
        .column(Tr::tr("E-mail"), 180, [](const Registry &r) { return Cell::orDash(r.email); })
        .action(del)
        .yaml(y)
        .build();
}

} // namespace Pot::Resources::Kinds
