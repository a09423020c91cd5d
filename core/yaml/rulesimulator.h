#pragma once

#include "core/result.h"
#include "core/yaml/manifest.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Pot::Manifest {

// The subject permission simulator: what nats-server decides for a publish or a subscribe by a user
// whose JWT the Controller built from a NatsUserRule (controller-api.md §5.4: pubAllow → pub.allow,
// …, respMax/respTtl → resp), with the account rule's default_permissions when the user rule sets no
// permissions at all (nats-server buildInternalNkeyUser). The decision follows nats-server 2.9's
// client.go (canSubscribe, pubAllowedFullCheck) and sublist.go (Match, isSubsetMatch); every entry
// keeps its place in the YAML so a decision points at the line that made it.

/// One entry of a rule (a subject of a permission list, a whole list, or the response permission),
/// at its place in the YAML.
struct RuleEntry
{
    QString field;   ///< the Controller's name: "pubAllow", "subDeny", "respMax"
    QString path;    ///< as written: "spec.sub.deny[1]", "spec.default_permissions.pub.allow"
    QString value;   ///< "foo.>", "orders.* workers", "[foo.>, _INBOX.>]", "max 1, ttl 5000 ns"
    int line = 0;    ///< 1-based; 0 when the entry has no place
    int column = 0;  ///< 1-based
    bool account = false; ///< from the account rule (default_permissions), not the user rule

    /// "12:7 spec.sub.deny[1] foo.>"
    QString toString() const;
};

/// The permissions nats-server gives the user's connection.
struct UserPermissions
{
    enum class Source {
        None,            ///< no permissions: everything is allowed
        UserRule,        ///< the user rule's own
        AccountDefaults, ///< the account rule's default_permissions (the user rule sets none)
    };
    Source source = Source::None;
    /// The publish allow list; std::nullopt: there is none (what pubDeny does not match is allowed).
    /// An empty list allows no publish at all (response permissions make it empty when pubAllow is
    /// not set).
    std::optional<QList<RuleEntry>> pubAllow;
    QList<RuleEntry> pubDeny;
    QList<RuleEntry> subAllow; ///< empty: no allow list (nats-server ignores an empty one)
    QList<RuleEntry> subDeny;
    /// The pubAllow / subAllow list itself (for "no entry matches"), when given.
    std::optional<RuleEntry> pubAllowList;
    std::optional<RuleEntry> subAllowList;

    struct Responses
    {
        qint64 maxMsgs = 1;        ///< replies per request (nats-server's default 1 for 0)
        qint64 expiresNs = 0;      ///< nanoseconds (nats-server's default 2 min for 0)
        RuleEntry at;
    };
    std::optional<Responses> responses;
};

/// The permissions of a user made from `userRule` (a NatsUserRule document), with the
/// default_permissions of `accountRule` (a NatsAccountRule document, optional) when the user rule
/// sets none. An error when a document is of another kind or has errors (the Controller refuses it,
/// so no JWT is made from it); its message lists the problems with their places.
Result<UserPermissions> permissionsOf(const Document &userRule, const Document *accountRule = nullptr);

enum class Action {
    Publish,   ///< PUB subject
    Subscribe, ///< SUB subject [queue]
    Reply,     ///< PUB to the reply subject of a request the user received (response permissions)
};

/// What nats-server decides, and why.
struct Simulation
{
    enum class Decision { Allowed, Denied };
    Decision decision = Decision::Denied;
    /// One or two sentences: "Denied: subDeny "foo.>" matches "foo.bar"; deny overrides allow."
    QString explanation;
    /// The entry that decided: the matching allow or deny subject, the allow list nothing in matched,
    /// or the response permission. std::nullopt when no entry decided (no allow list, no permissions).
    std::optional<RuleEntry> decidedBy;
    /// What else matters and what the simulator cannot know: messages filtered on delivery,
    /// imports/exports of the account, limits that refuse every subscription.
    QStringList notes;
    UserPermissions permissions;

    bool allowed() const { return decision == Decision::Allowed; }
};

/// Decides `action` on `subject` for a user made from `userRule` (and `accountRule`, optional).
/// A subscribe subject may carry a queue group: "orders.* workers". Publish subjects must be literal
/// (no `*` or `>`). Invalid subjects and invalid documents are errors (ErrorCode::InvalidInput), never
/// a guess.
Result<Simulation> simulate(const Document &userRule, const Document *accountRule, Action action,
                            const QString &subject);

/// nats-server's sublist match: does the permission subject `pattern` cover `subject`? Tokens are
/// compared one by one; `*` in the pattern takes one token, `>` one or more trailing tokens. A `*`
/// or `>` in `subject` (a wildcard subscription) is an ordinary token to the match, so only a `*`
/// or `>` of the pattern at the same place covers it.
bool sublistMatches(const QString &pattern, const QString &subject);

/// nats-server's isSubsetMatch: is every subject `subject` matches also matched by `test`?
bool isSubsetMatch(const QString &subject, const QString &test);

/// Whether some literal subject is matched by both `a` and `b`.
bool subjectsIntersect(const QString &a, const QString &b);

} // namespace Pot::Manifest
