#pragma once

#include "core/net/apireply.h"
#include "core/resources/detailrow.h"
#include "core/resources/tone.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Pot::Resources {

// One description per Controller kind (k9s style: a registry maps each kind to its description; a
// generic page shows any kind). A plain kind is a typed record, its columns and its actions; the
// generic resource page does the rest (list, filter, sort, details, RBAC, confirmations, YAML).

/// One table cell as a kind renders it.
struct Cell
{
    Cell() = default;
    Cell(QString t, Tone tn = Tone::None) : text(std::move(t)), tone(tn) {}
    Cell(const char16_t *t) : text(QString::fromUtf16(t)) {}

    QString text;
    std::optional<double> sortKey; ///< sort by this number instead of the text
    QString tip;                   ///< tooltip (exact value)
    Tone tone = Tone::None;

    /// A number, sorted as one.
    static Cell number(double value, const QString &text = {});
    /// "yes" / "no".
    static Cell flag(bool value, Tone yes = Tone::None, Tone no = Tone::Muted);
    /// An ISO-8601 or epoch-ms time shown as a local date and time, sorted by time.
    static Cell time(const QJsonValue &when);
    /// "—" for an empty value, muted.
    static Cell orDash(const QString &text);
};

/// One object of a list as the table shows it.
struct Row
{
    QString key;  ///< identity within the list (name, id, uuid)
    QString name; ///< what messages and typed confirmations name it by
    QList<Cell> cells;
};

struct Column
{
    QString title;
    int width = 140; ///< preferred width in pixels at the default font
};

/// How sure the user must be before an action runs.
enum class Confirm { None, Plain, TypedName };

/// What an action asks for before it runs.
enum class Input { None, Agent, LinkedAgent };

/// The objects another kind lists (by kind id), as last read: for details that name them.
using Related = std::function<QList<QJsonObject>(const QString &kindId)>;

/// One thing the user can do to an object: a request built from the selected object.
struct Action
{
    QString id;          ///< "delete", "link"
    QString label;       ///< "Delete config map"
    QString verb;        ///< the RBAC verb the Controller checks ("delete", "patch")
    QByteArray method;   ///< "DELETE"
    QString path;        ///< "/configmaps/{key}": {key} is the key, {field} a field of the object
    Confirm confirm = Confirm::Plain;
    bool destructive = false;
    QString question;    ///< the confirmation text; %1 = the object's name
    QString confirmText; ///< the confirming button ("Stop"); empty: "Delete" or "Confirm"
    QString doneText;    ///< reported on success; %1 = the object's name, %2 = the agent picked
    Input input = Input::None;
    /// The JSON body; `choice` is what the input picked (an agent uuid). Not set: no body.
    std::function<QJsonObject(const QJsonObject &object, const QString &choice)> body;
    /// Why the action does not apply to this object (built-in, wrong state); empty: it does.
    std::function<QString(const QJsonObject &object)> refused;
    /// The confirmation and success texts when they name more than the object (its account):
    /// used instead of question / doneText when set.
    std::function<QString(const QJsonObject &object)> questionOf;
    /// The confirmation text when it names objects of other kinds (the volume mounts a renew
    /// deletes); used instead of questionOf / question when set.
    std::function<QString(const QJsonObject &object, const Related &related)> questionWith;
    std::function<QString(const QJsonObject &object)> doneOf;
    /// The message for a refusal of the Controller when its own is not enough (a rule in use comes
    /// back as a bare 500: name what uses it); empty: the Controller's message.
    std::function<QString(const Error &error, const QJsonObject &object, const Related &related)> failed;
};

/// Create and edit through the Controller's /yaml endpoints (controller-api.md §4).
struct Yaml
{
    QString kind;           ///< `kind` the Controller requires ("ConfigMap")
    QStringList alsoKinds;  ///< other kinds the same create route takes (CertificateAuthority)
    /// kind and alsoKinds as Manifest::check() takes them ("Certificate|CertificateAuthority").
    QString expectedKinds() const { return QStringList(QStringList{kind} + alsoKinds).join(u'|'); }
    QByteArray field;       ///< multipart field name ("configMap")
    QString createPath;     ///< "/configmaps/yaml"
    QString updatePath;     ///< "/configmaps/yaml/{key}"; empty (and no `update`): not editable
    QByteArray updateMethod = QByteArrayLiteral("PATCH");
    QString hint;           ///< one line above the editor: what the document needs
    QByteArray example;     ///< the text of a new object
    /// The document of an existing object, from its details (what GET /…/{key} answered).
    std::function<QJsonObject(const QJsonObject &details)> document;
    /// Checks beyond kind and metadata.name, as the Controller's schema would; `existing` is the
    /// object being edited (empty for a new one). Empty: fine.
    std::function<QString(const QJsonObject &doc, const QJsonObject &existing)> check;
    /// Why this object cannot be edited (immutable, built-in); empty: it can.
    std::function<QString(const QJsonObject &object)> editRefused;
    /// The request that creates / saves `doc` (the parsed text) instead of uploading the text to
    /// createPath / updatePath: for kinds without a /yaml route (registries) and for routes that
    /// are broken in 3.7.3 (PATCH /secrets/yaml/{name} always fails).
    std::function<Net::ApiRequest(const QJsonObject &doc)> create;
    std::function<Net::ApiRequest(const QString &key, const QJsonObject &existing,
                                   const QJsonObject &doc)>
        update;
    /// For kinds whose manifests have a reader and writer of their own (RBAC: core/rbac/rbacyaml).
    /// `write`: the text of an existing object, instead of `document` written by jsonToYaml.
    /// `read`: checks the text as written before anything else (its errors name the line and
    /// column of the offending node); what it returns are warnings: accepted by the Controller,
    /// but probably not what was meant.
    std::function<QByteArray(const QJsonObject &details)> write;
    std::function<Result<QStringList>(const QByteArray &text)> read;
    /// What applying the edit does beyond its fields, from the live control plane (who uses the
    /// object; a user rule re-keys its users), for the review before apply. `live` is empty for a
    /// new object.
    std::function<QStringList(const QJsonObject &live, const QJsonObject &edited, const Related &related)> impact;
};

/// Everything the console knows about one Controller kind.
struct Kind
{
    QString id;           ///< page and snapshot id ("configMaps"); demo file <id>.json
    QString title;        ///< "Config maps"
    QString singular;     ///< "config map"
    QString plural;       ///< "config maps"
    QString listPath;     ///< GET of the list ("/configmaps")
    QString arrayKey;     ///< key of the array in the answer; empty: a bare array
    bool single = false;  ///< the answer is one object, shown as details (the router)
    QString rbacResource; ///< "configMaps"
    QString listVerb = QStringLiteral("list"); ///< the RBAC verb the list route resolves to
    QString listName;     ///< its resourceName (GET /application/system: get "system")
    /// No request of its own: the page that shows it feeds its list (the microservices of the
    /// selected application come with the application list).
    bool fed = false;
    QString rbacNameField; ///< field the Controller takes the resourceName from; empty: the key
    QString detailPath;   ///< GET of one object ("/configmaps/{key}"); empty: the list object
    /// When set, the GET of one object instead of detailPath (CAs and certificates have two routes).
    std::function<QString(const QString &key, const QJsonObject &object)> detailPathOf;
    bool secretDetails = false; ///< the details hold secret values: hidden until revealed, never saved
    QString linksPath;    ///< GET of the agents an object is linked to ({fogUuids}); empty: none
    QString readWarning;  ///< shown above the details; %1 = the roles that can read them
    QString emptyText;    ///< what an empty list means and how to make one
    QList<Column> columns;
    /// The row of one list object; nullopt for an object without identity (skipped).
    std::function<std::optional<Row>(const QJsonObject &)> row;
    /// The details of one object (its list object, or its details answer when detailPath is set).
    std::function<QList<DetailRow>(const QJsonObject &)> details;
    QList<Action> actions;
    std::optional<Yaml> yaml;
    /// Details that name objects of other kinds (a role's bindings, a binding's role); when set,
    /// used instead of `details`, and redone when those lists change.
    std::function<QList<DetailRow>(const QJsonObject &, const Related &)> relatedDetails;

    const Action *action(const QString &actionId) const;
    /// The GET of one object: detailPathOf, else detailPath expanded.
    QString detailPathFor(const QString &key, const QJsonObject &object) const;
    /// `path` with {key} replaced by the percent-encoded key and {field} by the object's field.
    static QString expand(const QString &path, const QString &key, const QJsonObject &object = {});
};

/// Every field of an object, grouped: scalars under "General", each nested object under its
/// own name, arrays of scalars joined. For kinds without hand-made details.
QList<DetailRow> describe(const QJsonObject &object);

/// Typed kinds: `R` is the record the Controller's object maps to, with
/// `static Result<R> fromJson(const QJsonObject &)`, `QString key() const` and, when the key is
/// not what users call it, `QString label() const`. Columns render the record, not raw JSON.
template <class R>
class KindOf
{
public:
    explicit KindOf(Kind kind) : m_kind(std::move(kind)) {}

    KindOf &column(const QString &title, int width, std::function<Cell(const R &)> cell)
    {
        m_kind.columns << Column{title, width};
        m_cells << std::move(cell);
        return *this;
    }
    KindOf &details(std::function<QList<DetailRow>(const QJsonObject &)> d)
    {
        m_kind.details = std::move(d);
        return *this;
    }
    KindOf &action(Action a)
    {
        m_kind.actions << std::move(a);
        return *this;
    }
    KindOf &relatedDetails(std::function<QList<DetailRow>(const QJsonObject &, const Related &)> d)
    {
        m_kind.relatedDetails = std::move(d);
        return *this;
    }
    KindOf &yaml(Yaml y)
    {
        m_kind.yaml = std::move(y);
        return *this;
    }
    Kind build() const
    {
        Kind k = m_kind;
        if (!k.details)
            k.details = describe;
        k.row = [cells = m_cells](const QJsonObject &o) -> std::optional<Row> {
            const Result<R> r = R::fromJson(o);
            if (!r)
                return std::nullopt;
            Row row{r->key(), r->key(), {}};
            if constexpr (requires { r->label(); })
                row.name = r->label();
            for (const auto &cell : cells)
                row.cells << cell(*r);
            return row;
        };
        return k;
    }

private:
    Kind m_kind;
    QList<std::function<Cell(const R &)>> m_cells;
};

/// "an agent", "a secret": the singular with its indefinite article (no kind begins with a vowel
/// sound spelt otherwise, nor with "u" as in "user").
QString withArticle(const QString &noun);

/// The usual delete: DELETE on `path`, confirmed by typing the name.
Action deleteAction(const QString &singular, const QString &path, const QString &consequence);

} // namespace Pot::Resources
