#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace Pot::Manifest {

// The manifest layer: YAML manifests (one or many documents of any kind the Controller's /yaml
// endpoints take) read into a tree that keeps every node's line and column, checked field by field
// (all problems, not the first), and written back canonically. yaml-cpp stays behind this header
// (it throws; nothing here does).

enum class Severity { Error, Warning };

/// One finding in a manifest, at its place.
struct Problem
{
    int document = 0;   ///< 0-based index of the document in the text
    int line = 0;       ///< 1-based; 0 when the problem has no place (an empty text)
    int column = 0;     ///< 1-based
    Severity severity = Severity::Error;
    QString path;       ///< where in the document ("spec.limits.conn", "rules[0].verbs")
    QString message;

    bool isError() const { return severity == Severity::Error; }
    /// "12:5: error: spec.limits.conn: must be a whole number ≥ -1 (-1 = unlimited)"
    QString toString() const;
};

/// A YAML node with its place in the text.
class Node
{
public:
    enum class Type { Null, Scalar, Sequence, Map };
    struct Entry;

    Type type = Type::Null;
    QString scalar;     ///< text of a scalar
    bool plain = true;  ///< an unquoted scalar (typed by the YAML core schema: 5, true, null)
    int line = 0;       ///< 1-based
    int column = 0;     ///< 1-based
    std::vector<Entry> entries; ///< a map's entries in document order
    std::vector<Node> items;    ///< a sequence's items

    bool isNull() const { return type == Type::Null; }
    bool isScalar() const { return type == Type::Scalar; }
    bool isMap() const { return type == Type::Map; }
    bool isSequence() const { return type == Type::Sequence; }
    /// The value under `key` of a map; nullptr when absent or not a map.
    const Node *value(QStringView key) const;
    const Entry *entry(QStringView key) const;
    /// The text of the scalar under `key`, empty when absent or not a scalar.
    QString text(QStringView key) const;

    /// The value as the Controller's js-yaml reads it (core schema): plain `5` a number, `"5"` a
    /// string, `true`/`null` typed, maps and sequences as objects and arrays.
    QJsonValue toJson() const;
    /// A node for `value` (no place): for documents built from forms.
    static Node fromJson(const QJsonValue &value);
};

struct Node::Entry
{
    QString key;
    int line = 0;
    int column = 0;
    Node value;
};

/// One document of a manifest.
struct Document
{
    int index = 0;  ///< 0-based position in the text
    int line = 1;   ///< 1-based line where it starts
    Node root;

    QString kind() const { return root.text(u"kind"); }
    QString apiVersion() const { return root.text(u"apiVersion"); }
    /// metadata.name
    QString name() const;
};

/// What reading a manifest gave: its documents and the syntax problems that kept a document out.
struct Parsed
{
    QList<Document> documents;
    QList<Problem> problems;
};

/// A plain (unquoted) scalar typed the way js-yaml's core schema types it: `5` a number, `true` a
/// boolean, `~`/`null`/empty null, anything else text.
QJsonValue plainScalar(const QString &text);

/// Reads every document of `text`. Documents are read one by one (split at `---` lines), so a
/// syntax error in one still lets the others be read and checked; it is reported at its line and
/// column. Duplicate keys, non-text keys and anchors nested too deeply are problems too.
Parsed parse(const QByteArray &text);

/// The text of the document of `text` that starts on `startLine` (Document::line), as written:
/// the lines up to the next `---` line (documents are split there, as parse() splits them).
QByteArray documentText(const QByteArray &text, int startLine);

/// The document as canonical YAML: `apiVersion`, `kind`, `metadata`, `spec` first, then the keys the
/// kind knows in a stable order, then unknown keys in their original order (they survive a round
/// trip). Scalars keep their type (a quoted "5" stays a string). Comments are not kept.
QByteArray canonical(const Document &document);
/// Every document, separated by `---` lines.
QByteArray canonical(const QList<Document> &documents);

} // namespace Pot::Manifest
