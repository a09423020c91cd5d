#pragma once

#include "core/result.h"
#include "core/yaml/manifest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Pot::Manifest {

// The form of a NatsAccountRule or NatsUserRule manifest: its fields grouped as an operator thinks
// of them, each read from and written into the YAML document itself, so that the form and the YAML
// are two views of one text (unknown keys, the alias the author chose and the order of everything
// else are kept). The Controller reads both the NATS-style names (limits.conn, subs, bearer_token)
// and the JSON names (maxConnections, maxSubscriptions, bearerToken) and the JSON name wins
// (controller-api.md §4.2–§4.3): a field is read from the name the Controller uses and written
// where it was found, or under the NATS-style name of the Controller's own examples.

enum class FieldType {
    Text,            ///< a free text (description, info URL, a name, an account key)
    Count,           ///< a whole number, -1 = unlimited
    Size,            ///< bytes, written as 256k / 1m / 1g (1024-based) or a number of bytes
    Duration,        ///< nanoseconds (a response TTL)
    Number,          ///< a whole number ≥ 0 (response max)
    Bool,            ///< true / false
    Choice,          ///< one of `choices`
    List,            ///< a list of texts (subjects, networks, tags), one per line in the form
    ConnectionTypes, ///< a subset of the NATS connection types
    TimeWindows,     ///< [{start: HH:MM:SS, end: HH:MM:SS}], "08:00:00-18:00:00" per line
    Items,           ///< the head of spec.exports / spec.imports: how many, and "add one"
};

struct FormField
{
    QString id;         ///< stable within the form: "spec.limits.conn", "spec.exports[0].subject"
    QString group;      ///< "Connections and data", "Export 1"
    QString label;
    FieldType type = FieldType::Text;
    QStringList paths;  ///< where it may be written, the one the Controller prefers first
    QString writePath;  ///< where it is written when none of `paths` is there
    QString notSet;     ///< what leaving it out means ("nats-server reads 0")
    QString help;       ///< a sentence under the input
    QStringList choices;
    QString list;       ///< "exports" / "imports" for the fields of one item of those lists
    int item = -1;      ///< the item's index in `list`
};

/// What a field holds, as the form shows it.
struct FieldValue
{
    enum class State { NotSet, Unlimited, Set, Unreadable };
    State state = State::NotSet;
    qint64 amount = 0;  ///< Count/Number/Size/Duration: the number in `unit`
    int unit = 0;       ///< index into units(type)
    bool flag = false;  ///< Bool
    QStringList items;  ///< List/ConnectionTypes/TimeWindows
    QString text;       ///< Text/Choice; Unreadable: the value as written in the YAML

    bool operator==(const FieldValue &) const = default;
};

/// The unit names of a type ("bytes", "KiB", …; "ns", "µs", …); one empty name for unitless types.
QStringList unitsOf(FieldType type);
/// How many of the base unit (bytes, nanoseconds) one `unit` is.
qint64 unitFactor(FieldType type, int unit);

class RuleForm
{
public:
    /// The form of `text`: one NatsAccountRule or NatsUserRule document without syntax errors.
    /// Otherwise why the form cannot show it ("line 4: …", "2 documents", "a Role").
    static Result<RuleForm> read(const QByteArray &text);
    /// An empty form of `kind` (a new rule).
    static Result<RuleForm> empty(const QString &kind);

    QString kind() const { return m_doc.kind(); }
    bool isAccountRule() const { return kind() == u"NatsAccountRule"; }
    /// The fields for the document as it is now (one group per import and export).
    const QList<FormField> &fields() const { return m_fields; }
    const FormField *field(const QString &id) const;
    FieldValue value(const FormField &field) const;

    /// Writes `value` into the document (NotSet removes the key, and maps it leaves empty).
    /// A value the field cannot hold (a negative count other than -1, an unknown connection type)
    /// is refused with the reason and changes nothing.
    Status set(const QString &id, const FieldValue &value);
    /// Appends an item to spec.exports / spec.imports (a stream named after its position).
    Status addItem(const QString &list);
    Status removeItem(const QString &list, int index);

    /// The document as canonical YAML (comments are not kept; see Manifest::canonical).
    QByteArray text() const;
    const Document &document() const { return m_doc; }

private:
    void buildFields();

    Document m_doc;
    QList<FormField> m_fields;
};

} // namespace Pot::Manifest
