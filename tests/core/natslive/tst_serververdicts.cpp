#include "core/nats/claims.h"
#include "core/nats/creds.h"
#include "core/nats/jwt.h"
#include "core/nats/trustchain.h"
#include "natsserver.h"
#include "natsworld.h"
#include "testutil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace Pot;
using namespace Pot::Nats;
using Pot::Test::NatsServer;

// The console's trust verdict against a real nats-server 2.9.10 (Debian), row by row.
//
// Rules of nats-io/jwt v2.3.0 (the decode and Validate nats-server 2.9.10 is built with) and of
// nats-server's own account and user checks (server/server.go verifyAccountClaims,
// server/auth.go processClientOrLeafAuthentication, server/accounts.go UpdateAccountClaims,
// server/client.go registerWithAccount) that the console did NOT apply before this test:
//
//  Account limits, read as Go reads them (absent or null = 0, only -1 = unlimited):
//   A1 more imports than limits.imports (null = 0 with one import)  -> "account validation failed"
//   A2 more exports than limits.exports                              -> "account validation failed"
//   A3 wildcard exports while limits.wildcards is not true (and exports != -1) -> validation failed
//   A4 limits.conn null, 0 or below -1: every client refused (maximum account active connections)
//   A5 leaf/payload/subs 0: the account is accepted; only warned (notes)
//  Account Validate (account_claims.go, imports.go, exports.go, types.go, signingkeys.go):
//   A6 import: type stream/service, account set, subject not empty and without spaces,
//      local_subject renaming rules (both or neither end in >, enough * / $n), share only for
//      services, activation token decodes and matches, overlapping service imports
//   A7 export: type, response type (services only, Singleton/Stream/Chunked), latency (services,
//      sampling 1..100, results without wildcards), response threshold, subject, account token
//      position on a * token, one export containing another of the same kind
//   A8 default_permissions subjects, mappings (no wildcards in destinations, weights <= 100),
//      blank tier name, signing keys that are not account keys, description <= 8 KiB, info_url
//      with scheme and host; warning: a self-signed account with limits
//  Strict signing keys (server/accounts.go UpdateAccountClaims):
//   S1 operator strict_signing_key_usage: a user signed by the account identity key is refused
//      (the account itself signed by the operator identity key was already refused)
//  User Validate (user_claims.go, types.go):
//   U1 src CIDR that Go's net.ParseCIDR refuses
//   U2 time range not "15:04:05" (hour 0..23, minutes and seconds 0..59)
//   U3 times_location that time.LoadLocation does not know
//   U4 permission subject empty, with spaces beyond one queue group (sub), a queue group on pub
//   U5 issuer_account that is not an account public key
//   U6 allowed_connection_types with no type nats-server 2.9.10 knows: nobody is admitted
//  Go's encoding/json (decode into int64/int/uint fields) and jwt.Decode:
//   D1 an integer claim (exp, iat, nbf, limits, counts, nats.version) written as 1e10,
//      4102444800.0, -0.0 or 1000.0 (Qt reads these as integers; Go refuses them); -0 is fine
//   D2 nats.version other than 1 or 2 (missing, null, -1, 0): "library supports version 2 or less"
//   D3 a header or payload starting with a UTF-8 byte order mark
//   D4 a negative unsigned field (export account_token_position), a mapping weight outside
//      0..255 (uint8)
//   D5 the signed bytes follow the claim version (1: payload only, 2: header.payload), not the
//      header's alg
//   D6 Go matches a JSON key to a field case-insensitively ("EXP" sets exp, "NATS" is the nats
//      object), and the last matching key in document order wins
//  Operator (server/jwt.go validateTrustedOperators):
//   O1 assert_server_version newer than 2.9.10 or not <major>.<minor>.<update>: the server does
//      not start, so nothing under that operator is trusted
// Applied in core/nats (claims.cpp decodeProblems and key matching, validation.cpp,
// trustchain.cpp). Not applied: case-insensitive keys in the JWT header ("TYP", "ALG"; the console
// refuses such a header, the server would not); a duplicated object key whose two objects Go
// merges field by field (Qt keeps the last object only); the src/times windows and the connection
// type, which are decided when the client connects.

namespace {

struct Keys
{
    KeyPair op;      ///< operator identity
    KeyPair opSk;    ///< operator signing key
    KeyPair account;
    KeyPair accountSk;
    KeyPair user;
};

struct Built
{
    QByteArray accountJwt;
    QByteArray userJwt;
};

using Builder = std::function<Built(const Keys &)>;

struct Row
{
    QString name;
    bool strict = false;  ///< on the server whose operator sets strict_signing_key_usage
    bool accepted = false;
    QString reason;       ///< must appear in the console's reasons (failures when refused)
    Builder build;
};

QByteArray sign(const QByteArray &payload, const KeyPair &key)
{
    return Jwt::signPayload(payload, key);
}

QByteArray payloadOf(const Claims &c, const KeyPair &issuer)
{
    EncodeOptions o;
    o.issuedAt = QDateTime::currentSecsSinceEpoch() - 60;
    return Jwt::encodePayload(c, issuer.publicKeyString(), o).value();
}

/// nsc-style account (all limits -1, wildcards on) with one plain signing key.
Claims account(const Keys &k, const std::function<void(Claims &)> &change = {})
{
    Claims c = Claims::newAccount(u"acc"_qs, k.account.publicKeyString());
    c.account.signingKeys = {SigningKey{k.accountSk.publicKeyString(), false, {}, {}, {}, {}}};
    if (change)
        change(c);
    return c;
}

Claims user(const Keys &k, const std::function<void(Claims &)> &change = {}, bool bySigningKey = false)
{
    Claims c = Claims::newUser(u"u"_qs, k.user.publicKeyString(),
                               bySigningKey ? k.account.publicKeyString() : QString());
    if (change)
        change(c);
    return c;
}

/// Account by the operator signing key, user by the account identity key.
Built plain(const Keys &k, const Claims &acc, const Claims &usr)
{
    return {sign(payloadOf(acc, k.opSk), k.opSk), sign(payloadOf(usr, k.account), k.account)};
}

/// The standard account and a user whose payload is edited as text.
Builder userText(const std::function<QByteArray(QByteArray)> &edit)
{
    return [edit](const Keys &k) {
        return Built{sign(payloadOf(account(k), k.opSk), k.opSk),
                     sign(edit(payloadOf(user(k), k.account)), k.account)};
    };
}

QByteArray insertTop(QByteArray payload, const QByteArray &member)
{
    return payload.insert(1, member + ',');
}

QByteArray replaced(QByteArray payload, const QByteArray &from, const QByteArray &to)
{
    const qsizetype at = payload.indexOf(from);
    if (at < 0)
        return "missing " + from; // fails to decode: the row then fails loudly
    return payload.replace(at, from.size(), to);
}

Builder withUser(const std::function<void(Claims &)> &change)
{
    return [change](const Keys &k) { return plain(k, account(k), user(k, change)); };
}

Builder withAccount(const std::function<void(Claims &)> &change)
{
    return [change](const Keys &k) { return plain(k, account(k, change), user(k)); };
}

/// A Controller-shaped account (null limits unless set), signed by the operator identity key as
/// the Controller signs it, and a default-user user signed by the account identity key.
Builder controller(const QJsonObject &limits, const QJsonArray &imports = {}, const QJsonArray &exports = {})
{
    return [=](const Keys &k) {
        const QByteArray acc = Test::controllerAccountPayload(u"app"_qs, k.account.publicKeyString(),
                                                              k.op.publicKeyString(), limits, imports, exports);
        const QByteArray usr = Test::controllerUserPayload(u"u"_qs, k.user.publicKeyString(),
                                                           k.account.publicKeyString());
        return Built{sign(acc, k.op), sign(usr, k.account)};
    };
}

QJsonObject limitsWith(std::initializer_list<std::pair<QString, QJsonValue>> changes)
{
    QJsonObject l = Test::controllerUnlimitedLimits();
    for (const auto &[key, value] : changes)
        l.insert(key, value);
    return l;
}

const QJsonArray s_fooExports{
    QJsonObject{{u"name"_qs, u"foo-stream"_qs}, {u"subject"_qs, u"foo.>"_qs}, {u"type"_qs, u"stream"_qs}},
    QJsonObject{{u"name"_qs, u"foo-rpc"_qs}, {u"subject"_qs, u"foo.rpc.*"_qs}, {u"type"_qs, u"service"_qs},
                {u"response_type"_qs, u"Singleton"_qs}}};

Import importOf(const QString &subject, const QString &type, const QString &from, const QString &local = {})
{
    Import i;
    i.subject = subject;
    i.type = type;
    i.account = from;
    i.localSubject = local;
    return i;
}

Export exportOf(const QString &subject, const QString &type, const QString &responseType = {})
{
    Export e;
    e.subject = subject;
    e.type = type;
    e.responseType = responseType;
    return e;
}

const QString s_other = u"ABRSTQX6IZOR2DPQ2DV3QYTAQXL2QJ35OYRW7W5GCY3RP6237UIRJSGU"_qs;

QList<Row> rows()
{
    QList<Row> r;
    const auto add = [&r](const QString &name, bool accepted, const QString &reason, Builder b, bool strict = false) {
        r.append(Row{name, strict, accepted, reason, std::move(b)});
    };
    // Baselines.
    add(u"nsc-style account, identity-signed user"_qs, true, u"passes nats-server's claim validation"_qs,
        withUser({}));
    add(u"user by account signing key"_qs, true, u"issuer_account"_qs, [](const Keys &k) {
        return Built{sign(payloadOf(account(k), k.opSk), k.opSk),
                     sign(payloadOf(user(k, {}, true), k.accountSk), k.accountSk)};
    });

    // Controller shapes (controller-api.md §5.3–§5.5).
    add(u"Controller: default-account rule (all -1)"_qs, true, u"operator identity key"_qs,
        controller(Test::controllerUnlimitedLimits()));
    add(u"Controller: rule without limits (all null)"_qs, false, u"limits.conn is null, read as 0"_qs,
        controller({}));
    add(u"Controller: null limits + an import"_qs, false, u"more imports than allowed"_qs,
        controller({}, Test::controllerFooImport()));
    add(u"Controller: conn -1, imports null + an import"_qs, false, u"limits.imports is null (read as 0)"_qs,
        controller(limitsWith({{u"imports"_qs, QJsonValue::Null}}), Test::controllerFooImport()));
    add(u"Controller: conn -1, imports 1 + an import"_qs, true, u"passes nats-server's claim validation"_qs,
        controller(limitsWith({{u"imports"_qs, 1}}), Test::controllerFooImport()));
    add(u"Controller: conn -1, exports null + exports"_qs, false, u"more exports than allowed"_qs,
        controller(limitsWith({{u"exports"_qs, QJsonValue::Null}}), {}, s_fooExports));
    add(u"Controller: exports 5, wildcards null + wildcard exports"_qs, false, u"wildcard exports"_qs,
        controller(limitsWith({{u"exports"_qs, 5}, {u"wildcards"_qs, QJsonValue::Null}}), {}, s_fooExports));
    add(u"Controller: exports -1, wildcards null + wildcard exports"_qs, true, u"passes nats-server's"_qs,
        controller(limitsWith({{u"wildcards"_qs, QJsonValue::Null}}), {}, s_fooExports));
    add(u"Controller: payload null (connects, warned)"_qs, true, u"limits.payload null, read as 0"_qs,
        controller(limitsWith({{u"payload"_qs, QJsonValue::Null}})));
    add(u"Controller: leaf null (connects, warned)"_qs, true, u"no leaf node connections"_qs,
        controller(limitsWith({{u"leaf"_qs, QJsonValue::Null}})));

    // Connection limits.
    add(u"conn 0"_qs, false, u"allows no client connections"_qs,
        withAccount([](Claims &c) { c.account.limits.conn = 0; }));
    add(u"conn -2"_qs, false, u"limits.conn is -2"_qs, withAccount([](Claims &c) { c.account.limits.conn = -2; }));
    add(u"conn 1"_qs, true, u"passes"_qs, withAccount([](Claims &c) { c.account.limits.conn = 1; }));
    add(u"no limits object"_qs, false, u"allows no client connections"_qs, [](const Keys &k) {
        Claims a = account(k);
        a.account.limitsPresent = false;
        QByteArray p = replaced(payloadOf(a, k.opSk), "\"limits\":{", "\"unused_limits\":{");
        return Built{sign(p, k.opSk), sign(payloadOf(user(k), k.account), k.account)};
    });
    add(u"imports 0 + one import"_qs, false, u"more imports than allowed"_qs, withAccount([](Claims &c) {
            c.account.limits.imports = 0;
            c.account.imports = {importOf(u"foo.>"_qs, u"stream"_qs, s_other)};
        }));
    add(u"imports -2 without imports"_qs, false, u"more imports than allowed"_qs,
        withAccount([](Claims &c) { c.account.limits.imports = -2; }));

    // Account Validate.
    add(u"import without account"_qs, false, u"account to import from is not specified"_qs,
        withAccount([](Claims &c) { c.account.imports = {importOf(u"foo.>"_qs, u"stream"_qs, {})}; }));
    add(u"import with empty subject"_qs, false, u"subject cannot be empty"_qs,
        withAccount([](Claims &c) { c.account.imports = {importOf({}, u"stream"_qs, s_other)}; }));
    add(u"import without type"_qs, false, u"invalid import type"_qs,
        withAccount([](Claims &c) { c.account.imports = {importOf(u"foo.>"_qs, {}, s_other)}; }));
    add(u"import local_subject without >"_qs, false, u"need to end or not end in >"_qs,
        withAccount([](Claims &c) { c.account.imports = {importOf(u"foo.>"_qs, u"stream"_qs, s_other, u"bar"_qs)}; }));
    add(u"import local_subject with $1"_qs, true, u"passes"_qs, withAccount([](Claims &c) {
            c.account.imports = {importOf(u"foo.*"_qs, u"stream"_qs, s_other, u"bar.$1"_qs)};
        }));
    add(u"overlapping service imports"_qs, false, u"overlapping subject namespace"_qs, withAccount([](Claims &c) {
            c.account.imports = {importOf(u"svc.>"_qs, u"service"_qs, s_other), importOf(u"svc.a"_qs, u"service"_qs, s_other)};
        }));
    add(u"export subject with a space"_qs, false, u"cannot have spaces"_qs,
        withAccount([](Claims &c) { c.account.exports = {exportOf(u"foo bar"_qs, u"stream"_qs)}; }));
    add(u"stream export with response type"_qs, false, u"invalid response type for stream"_qs,
        withAccount([](Claims &c) { c.account.exports = {exportOf(u"foo"_qs, u"stream"_qs, u"Singleton"_qs)}; }));
    add(u"export contains another"_qs, false, u"already exports"_qs, withAccount([](Claims &c) {
            c.account.exports = {exportOf(u"foo.>"_qs, u"stream"_qs), exportOf(u"foo.bar"_qs, u"stream"_qs)};
        }));
    add(u"account token position on a literal token"_qs, false, u"Account Token Position"_qs,
        withAccount([](Claims &c) {
            Export e = exportOf(u"foo.*.bar"_qs, u"service"_qs);
            e.accountTokenPosition = 1;
            c.account.exports = {e};
        }));
    add(u"Controller SYS exports (token positions)"_qs, true, u"passes"_qs, withAccount([](Claims &c) {
            Export s = exportOf(u"$SYS.ACCOUNT.*.>"_qs, u"stream"_qs);
            s.accountTokenPosition = 3;
            Export v = exportOf(u"$SYS.REQ.ACCOUNT.*.*"_qs, u"service"_qs, u"Stream"_qs);
            v.accountTokenPosition = 4;
            c.account.exports = {s, v};
        }));
    add(u"info_url without scheme"_qs, false, u"error parsing info url"_qs,
        withAccount([](Claims &c) { c.account.infoUrl = u"example.com/docs"_qs; }));
    add(u"default_permissions queue on pub"_qs, false, u"not allowed to contain a queue"_qs,
        withAccount([](Claims &c) {
            c.account.defaultPermissionsPresent = true;
            c.account.defaultPermissions.pub.allow = {u"foo q"_qs};
        }));
    add(u"account signing key not an account key"_qs, false, u"not a valid account signing key"_qs,
        withAccount([](Claims &c) {
            c.account.signingKeys.append(SigningKey{u"UNOTAKEY"_qs, false, {}, {}, {}, {}});
        }));
    add(u"mapping to a wildcard"_qs, false, u"not allowed to contain wildcards"_qs, withAccount([](Claims &c) {
            c.account.mappings = QJsonObject{
                {u"a.>"_qs, QJsonArray{QJsonObject{{u"subject"_qs, u"b.>"_qs}, {u"weight"_qs, 100}}}}};
        }));
    add(u"leaf 0 (connects, warned)"_qs, true, u"no leaf node connections"_qs,
        withAccount([](Claims &c) { c.account.limits.leaf = 0; }));

    // Strict signing keys.
    add(u"strict: user by account identity"_qs, false, u"strict_signing_key_usage"_qs, withUser({}), true);
    add(u"strict: user by account signing key"_qs, true, u"issuer_account"_qs, [](const Keys &k) {
            return Built{sign(payloadOf(account(k), k.opSk), k.opSk),
                         sign(payloadOf(user(k, {}, true), k.accountSk), k.accountSk)};
        }, true);
    add(u"strict: account by operator identity"_qs, false, u"strict_signing_key_usage"_qs, [](const Keys &k) {
            return Built{sign(payloadOf(account(k), k.op), k.op),
                         sign(payloadOf(user(k, {}, true), k.accountSk), k.accountSk)};
        }, true);

    // User Validate.
    add(u"src with an invalid CIDR"_qs, false, u"invalid cidr"_qs,
        withUser([](Claims &c) { c.user.permissions.src = {u"127.0.0.1/33"_qs}; }));
    add(u"src IPv4 with a leading zero"_qs, false, u"invalid cidr"_qs,
        withUser([](Claims &c) { c.user.permissions.src = {u"127.0.0.01/8"_qs}; }));
    add(u"src 127.0.0.0/8"_qs, true, u"passes"_qs,
        withUser([](Claims &c) { c.user.permissions.src = {u"127.0.0.0/8"_qs}; }));
    add(u"time range hour 24"_qs, false, u"start in time range is invalid"_qs,
        withUser([](Claims &c) { c.user.permissions.times = {TimeRange{u"24:00:00"_qs, u"23:59:59"_qs}}; }));
    add(u"time range one-digit minutes"_qs, false, u"end in time range is invalid"_qs,
        withUser([](Claims &c) { c.user.permissions.times = {TimeRange{u"00:00:00"_qs, u"23:5:59"_qs}}; }));
    add(u"all-day time range"_qs, true, u"passes"_qs,
        withUser([](Claims &c) { c.user.permissions.times = {TimeRange{u"0:00:00"_qs, u"23:59:59.999"_qs}}; }));
    add(u"unknown time zone"_qs, false, u"unknown time zone"_qs, withUser([](Claims &c) {
            c.user.permissions.times = {TimeRange{u"00:00:00"_qs, u"23:59:59"_qs}};
            c.user.permissions.timesLocation = u"Mars/Olympus_Mons"_qs;
        }));
    add(u"UTC offset is no zone for Go"_qs, false, u"unknown time zone"_qs,
        withUser([](Claims &c) { c.user.permissions.timesLocation = u"UTC+01:00"_qs; }));
    add(u"GMT+5 is no zone for Go"_qs, false, u"unknown time zone"_qs,
        withUser([](Claims &c) { c.user.permissions.timesLocation = u"GMT+5"_qs; }));
    add(u"Etc/GMT+5"_qs, true, u"passes"_qs,
        withUser([](Claims &c) { c.user.permissions.timesLocation = u"Etc/GMT+5"_qs; }));
    add(u"info_url with a space in the path"_qs, true, u"passes"_qs,
        withAccount([](Claims &c) { c.account.infoUrl = u"https://example.com/a b"_qs; }));
    add(u"known time zone"_qs, true, u"passes"_qs,
        withUser([](Claims &c) { c.user.permissions.timesLocation = u"Europe/Berlin"_qs; }));
    add(u"pub subject with a space"_qs, false, u"not allowed to contain a queue"_qs,
        withUser([](Claims &c) { c.user.permissions.pub.allow = {u"foo bar"_qs}; }));
    add(u"sub with a queue group"_qs, true, u"passes"_qs,
        withUser([](Claims &c) { c.user.permissions.sub.allow = {u"foo workers"_qs}; }));
    add(u"sub with two spaces"_qs, false, u"too many spaces"_qs,
        withUser([](Claims &c) { c.user.permissions.sub.deny = {u"a b c"_qs}; }));
    add(u"empty pub subject"_qs, false, u"subject cannot be empty"_qs,
        withUser([](Claims &c) { c.user.permissions.pub.deny = {QString()}; }));
    add(u"issuer_account is a user key"_qs, false, u"not an account public key"_qs, [](const Keys &k) {
            Claims u = user(k);
            u.user.issuerAccount = k.user.publicKeyString();
            return plain(k, account(k), u);
        });
    add(u"unknown connection types only"_qs, false, u"does not know"_qs,
        withUser([](Claims &c) { c.user.permissions.allowedConnectionTypes = {u"CARRIER_PIGEON"_qs}; }));
    add(u"lower-case standard"_qs, true, u"passes"_qs,
        withUser([](Claims &c) { c.user.permissions.allowedConnectionTypes = {u"standard"_qs}; }));

    // Go decoding of the user JWT.
    add(u"exp 1e10"_qs, false, u"exp is written as 1e10"_qs, userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"exp\":1e10"); }));
    add(u"exp 4102444800.0"_qs, false, u"written as 4102444800.0"_qs,
        userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"exp\":4102444800.0"); }));
    add(u"exp 4102444800"_qs, true, u"expires 2100"_qs,
        userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"exp\":4102444800"); }));
    add(u"exp -0.0"_qs, false, u"written as -0.0"_qs, userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"exp\":-0.0"); }));
    add(u"exp -0"_qs, true, u"does not expire"_qs, userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"exp\":-0"); }));
    add(u"nbf 1e3"_qs, false, u"nbf is written as 1e3"_qs, userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"nbf\":1e3"); }));
    add(u"subs 1000.0"_qs, false, u"nats.subs is written as 1000.0"_qs,
        userText([](QByteArray p) -> QByteArray { return replaced(p, "\"subs\":-1", "\"subs\":1000.0"); }));
    add(u"subs 1000"_qs, true, u"passes"_qs, userText([](QByteArray p) -> QByteArray { return replaced(p, "\"subs\":-1", "\"subs\":1000"); }));
    add(u"resp ttl 5e9"_qs, false, u"nats.resp.ttl is written as 5e9"_qs, [](const Keys &k) {
            const Claims u = user(k, [](Claims &c) { c.user.permissions.resp = ResponsePermission{1, 123456789}; });
            return Built{sign(payloadOf(account(k), k.opSk), k.opSk),
                         sign(replaced(payloadOf(u, k.account), "\"ttl\":123456789", "\"ttl\":5e9"), k.account)};
        });
    add(u"nats.version -1"_qs, false, u"nats.version is -1"_qs,
        userText([](QByteArray p) -> QByteArray { return replaced(p, "\"version\":2", "\"version\":-1"); }));
    add(u"nats.version null"_qs, false, u"nats.version is null"_qs,
        userText([](QByteArray p) -> QByteArray { return replaced(p, "\"version\":2", "\"version\":null"); }));
    add(u"nats.version missing"_qs, false, u"nats.version is missing"_qs,
        userText([](QByteArray p) -> QByteArray { return replaced(p, ",\"version\":2", ""); }));
    add(u"nats.version 2.0"_qs, false, u"nats.version is written as 2.0"_qs,
        userText([](QByteArray p) -> QByteArray { return replaced(p, "\"version\":2", "\"version\":2.0"); }));
    // Go matches JSON keys to fields case-insensitively; the last matching key wins.
    add(u"EXP in the past"_qs, false, u"claim is expired"_qs,
        userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"EXP\":1000"); }));
    add(u"exp in the past, then Exp 0"_qs, true, u"does not expire"_qs,
        userText([](QByteArray p) -> QByteArray { return insertTop(p, "\"exp\":1000,\"Exp\":0"); }));
    add(u"NATS object in upper case"_qs, true, u"passes"_qs,
        userText([](QByteArray p) -> QByteArray { return replaced(p, "\"nats\":{", "\"NATS\":{"); }));
    add(u"account Limits in mixed case"_qs, true, u"passes"_qs, [](const Keys &k) {
        const QByteArray acc = replaced(payloadOf(account(k), k.opSk), "\"limits\":{", "\"Limits\":{");
        return Built{sign(acc, k.opSk), sign(payloadOf(user(k), k.account), k.account)};
    });
    add(u"account CONN 0 after conn -1"_qs, false, u"allows no client connections"_qs, [](const Keys &k) {
        const QByteArray acc = replaced(payloadOf(account(k), k.opSk), "\"conn\":-1", "\"conn\":-1,\"CONN\":0");
        return Built{sign(acc, k.opSk), sign(payloadOf(user(k), k.account), k.account)};
    });
    add(u"payload with a byte order mark"_qs, false, u"byte order mark"_qs,
        userText([](QByteArray p) -> QByteArray { return "\xEF\xBB\xBF" + p; }));
    add(u"user v2 claims under the v1 alg"_qs, true, u"signature verifies"_qs, [](const Keys &k) {
            // jwt v2.3.0 signs/verifies by claim version: header alg "ed25519" with version 2
            // claims still covers header.payload.
            const QByteArray header = base64UrlEncode(QByteArray("{\"typ\":\"JWT\",\"alg\":\"ed25519\"}"));
            const QByteArray input = header + '.' + base64UrlEncode(payloadOf(user(k), k.account));
            return Built{sign(payloadOf(account(k), k.opSk), k.opSk),
                         input + '.' + base64UrlEncode(k.account.sign(input))};
        });
    return r;
}

} // namespace

class TstServerVerdicts : public QObject
{
    Q_OBJECT

    struct World
    {
        KeyPair op;
        KeyPair opSk;
        KeyPair sys;
        QByteArray operatorJwt;
        QMap<QString, QByteArray> accounts;
        NatsServer server;
    };

    QList<Row> m_rows;
    QList<Keys> m_keys;
    QList<Built> m_built;
    World m_normal;
    World m_strict;

    static void makeOperator(World &w, bool strict)
    {
        w.op = KeyPair::generate(KeyKind::Operator).value();
        w.opSk = KeyPair::generate(KeyKind::Operator).value();
        w.sys = KeyPair::generate(KeyKind::Account).value();
        Claims op = Claims::newOperator(strict ? u"strict-op"_qs : u"op"_qs, w.op.publicKeyString());
        op.op.signingKeys = {w.opSk.publicKeyString()};
        op.op.systemAccount = w.sys.publicKeyString();
        op.op.strictSigningKeyUsage = strict;
        w.operatorJwt = Jwt::encode(op, w.op).value();
        w.accounts.insert(w.sys.publicKeyString(),
                          Jwt::encode(Claims::newAccount(u"SYS"_qs, w.sys.publicKeyString()), w.opSk).value());
    }

    static Status start(World &w)
    {
        const Result<QString> config = Test::operatorModeConfig(w.server.dir(), w.operatorJwt,
                                                                w.sys.publicKeyString(), w.accounts);
        if (!config)
            return config.error();
        return w.server.start(*config);
    }

    TrustDecision consoleVerdict(const World &w, const Built &b) const
    {
        TrustChain chain(Jwt::decode(w.operatorJwt).value());
        for (const QByteArray &a : w.accounts) {
            if (const Result<Jwt> acc = Jwt::decode(a))
                (void)chain.addAccount(*acc);
        }
        const Result<Jwt> user = Jwt::decode(b.userJwt);
        if (!user) {
            TrustDecision d;
            d.reasons.append(TrustReason{TrustReason::Verdict::Fail, user.error().message});
            return d;
        }
        return chain.check(*user, QDateTime::currentSecsSinceEpoch());
    }

private Q_SLOTS:
    void initTestCase()
    {
        Test::initTestEnvironment();
        makeOperator(m_normal, false);
        makeOperator(m_strict, true);
        m_rows = rows();
        for (const Row &row : std::as_const(m_rows)) {
            World &w = row.strict ? m_strict : m_normal;
            Keys k{w.op, w.opSk, KeyPair::generate(KeyKind::Account).value(),
                   KeyPair::generate(KeyKind::Account).value(), KeyPair::generate(KeyKind::User).value()};
            const Built b = row.build(k);
            w.accounts.insert(k.account.publicKeyString(), b.accountJwt);
            m_keys.append(k);
            m_built.append(b);
        }
        // One server per operator for every row: accounts are preloaded, users connect one by one.
        m_normal.server.setServerName(u"verdicts"_qs);
        m_strict.server.setServerName(u"verdicts-strict"_qs);
        const Status a = start(m_normal);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().toString()));
        const Status b = start(m_strict);
        QVERIFY2(b.ok(), qPrintable(b.ok() ? QString() : b.error().toString()));
    }

    void cleanupTestCase()
    {
        m_normal.server.stop();
        m_strict.server.stop();
    }

    void verdicts_data()
    {
        QTest::addColumn<int>("index");
        const QList<Row> all = rows();
        for (qsizetype i = 0; i < all.size(); ++i)
            QTest::newRow(qPrintable(all.at(i).name)) << int(i);
    }

    /// The console's verdict equals nats-server's (a creds connect accepted or refused), for the
    /// reason the row names.
    void verdicts()
    {
        QFETCH(int, index);
        const Row &row = m_rows.at(index);
        World &w = row.strict ? m_strict : m_normal;
        ProbeCredentials creds;
        creds.userJwt = m_built.at(index).userJwt;
        creds.key = m_keys.at(index).user;
        const qsizetype logBefore = w.server.log().size();
        const Result<ProbeResult> server = Test::probeOnce(w.server.url(), creds);
        const QString serverLog = w.server.log().mid(logBefore);
        QVERIFY2(server.ok() || server.error().code == ErrorCode::Unauthorized
                     || server.error().message.contains(u"maximum account active connections"),
                 qPrintable(server.ok() ? QString() : server.error().toString()));

        const TrustDecision d = consoleVerdict(w, m_built.at(index));
        const QString text = d.lines().join(u'\n');
        QVERIFY2(server.ok() == row.accepted,
                 qPrintable(u"nats-server "_qs + (server.ok() ? u"accepted"_qs : u"refused"_qs)
                            + u" the row; server log:\n"_qs + serverLog));
        QVERIFY2(d.trusted == server.ok(), qPrintable(u"console verdict differs from nats-server:\n"_qs + text
                                                      + u"\nserver log:\n"_qs + serverLog));
        const QString reasons = row.accepted ? text : d.failures().join(u'\n');
        QVERIFY2(reasons.contains(row.reason), qPrintable(u"expected reason \""_qs + row.reason + u"\" in:\n"_qs + text));
    }

    void controllerFixtures_data()
    {
        QTest::addColumn<QString>("creds");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("foo-producer ops-cli") << u"GET_nats_accounts_APP_users_USER_creds__foo-producer_ops-cli"_qs << true;
        QTest::newRow("foo-producer temp-sensor")
            << u"GET_nats_accounts_APP_users_USER_creds__foo-producer_temp-sensor"_qs << true;
        QTest::newRow("SYS admin-hub") << u"GET_nats_accounts_APP_users_USER_creds__SYS_admin-hub"_qs << true;
    }

    /// The JWTs and creds a real Controller 3.7.3 wrote (tests/data/controller-3.7.3): operator,
    /// every account of GET /nats/accounts preloaded, each creds file connecting; the console's
    /// verdict equals the server's.
    void controllerFixtures()
    {
        QFETCH(QString, creds);
        QFETCH(bool, accepted);
        const QString dir = u"controller-3.7.3/"_qs;
        const QByteArray operatorJwt = QJsonDocument::fromJson(Test::readData(dir + u"GET_nats_operator.json"_qs))
                                           .object().value(u"jwt").toString().toLatin1();
        QVERIFY(!operatorJwt.isEmpty());
        QMap<QString, QByteArray> accounts;
        QString sys;
        const QJsonArray list = QJsonDocument::fromJson(Test::readData(dir + u"GET_nats_accounts.json"_qs))
                                    .object().value(u"accounts").toArray();
        for (const QJsonValue &v : list) {
            const QJsonObject a = v.toObject();
            if (a.value(u"jwt").toString().isEmpty())
                continue;
            accounts.insert(a.value(u"publicKey").toString(), a.value(u"jwt").toString().toLatin1());
            if (a.value(u"name").toString() == u"SYS")
                sys = a.value(u"publicKey").toString();
        }
        QVERIFY(accounts.size() >= 3);
        QVERIFY(!sys.isEmpty());

        NatsServer server;
        server.setServerName(u"verdicts-controller"_qs);
        const Result<QString> config = Test::operatorModeConfig(server.dir(), operatorJwt, sys, accounts);
        QVERIFY_RESULT(config);
        const Status started = server.start(*config);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));

        const Result<UserCreds> user = loadCreds(Test::readData(dir + creds + u".decoded.txt"_qs));
        QVERIFY_RESULT(user);
        const Result<ProbeResult> outcome = Test::probeOnce(server.url(), probeCredentials(*user));
        QCOMPARE(outcome.ok(), accepted);

        TrustChain chain(Jwt::decode(operatorJwt).value());
        for (const QByteArray &a : std::as_const(accounts))
            QVERIFY_RESULT(chain.addAccount(Jwt::decode(a).value()));
        const TrustDecision d = chain.check(user->jwt, QDateTime::currentSecsSinceEpoch());
        QVERIFY2(d.trusted == outcome.ok(), qPrintable(d.lines().join(u'\n') + u"\nserver log:\n"_qs + server.log()));
    }

    void assertedServerVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("starts");
        QTest::newRow("2.9.10") << u"2.9.10"_qs << true;
        QTest::newRow("2.2.0") << u"2.2.0"_qs << true;
        QTest::newRow("2.9.11") << u"2.9.11"_qs << false;
        QTest::newRow("2.10.0") << u"2.10.0"_qs << false;
        QTest::newRow("3.0.0") << u"3.0.0"_qs << false;
        QTest::newRow("two parts") << u"2.9"_qs << false;
        QTest::newRow("negative") << u"2.-1.0"_qs << false;
    }

    /// assert_server_version: nats-server 2.9.10 does not start with an operator that asks for a
    /// newer (or unparsable) version; the console does not trust such an operator.
    void assertedServerVersion()
    {
        QFETCH(QString, version);
        QFETCH(bool, starts);
        World w;
        makeOperator(w, false);
        Claims op = Claims::newOperator(u"op"_qs, w.op.publicKeyString());
        op.op.signingKeys = {w.opSk.publicKeyString()};
        op.op.systemAccount = w.sys.publicKeyString();
        op.op.assertServerVersion = version;
        w.operatorJwt = Jwt::encode(op, w.op).value();
        const Status started = start(w);
        QCOMPARE(started.ok(), starts);
        const TrustDecision d = TrustChain(Jwt::decode(w.operatorJwt).value())
                                    .checkOperator(QDateTime::currentSecsSinceEpoch());
        QVERIFY2(d.trusted == starts, qPrintable(d.lines().join(u'\n')));
    }

    void accountDecodeRules_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("reason");
        QTest::newRow("limits.conn -1.0") << QByteArray("\"conn\":-1") << QByteArray("\"conn\":-1.0")
                                          << u"nats.limits.conn is written as -1.0"_qs;
        QTest::newRow("iat 1.7e9") << QByteArray("\"iat\":") << QByteArray("\"iat\":1.7e9,\"unused\":")
                                   << u"iat is written as 1.7e9"_qs;
        QTest::newRow("nats.version null") << QByteArray("\"version\":2") << QByteArray("\"version\":null")
                                           << u"nats.version is null"_qs;
        QTest::newRow("account_token_position -1")
            << QByteArray("\"account_token_position\":3") << QByteArray("\"account_token_position\":-1")
            << u"unsigned integer"_qs;
        QTest::newRow("response_threshold 1e9")
            << QByteArray("\"response_threshold\":1000000000") << QByteArray("\"response_threshold\":1e9")
            << u"nats.exports[0].response_threshold is written as 1e9"_qs;
        QTest::newRow("mapping weight 300") << QByteArray("\"weight\":50") << QByteArray("\"weight\":300")
                                            << u"8-bit unsigned"_qs;
        QTest::newRow("byte order mark") << QByteArray("{\"") << QByteArray("\xEF\xBB\xBF{\"")
                                         << u"byte order mark"_qs;
    }

    /// An account nats-server cannot decode stops it at startup (the preload is refused: "invalid
    /// account JWT"): the console refuses the account for the same reason.
    void accountDecodeRules()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, reason);
        World w;
        makeOperator(w, false);
        const KeyPair acc = KeyPair::generate(KeyKind::Account).value();
        Claims c = Claims::newAccount(u"bad"_qs, acc.publicKeyString());
        Export e = exportOf(u"foo.*"_qs, u"service"_qs);
        e.accountTokenPosition = 3;
        e.subject = u"foo.bar.*"_qs;
        e.responseThreshold = 1000000000;
        c.account.exports = {e};
        c.account.mappings = QJsonObject{
            {u"m.a"_qs, QJsonArray{QJsonObject{{u"subject"_qs, u"m.b"_qs}, {u"weight"_qs, 50}}}}};
        QByteArray payload = payloadOf(c, w.opSk);
        const qsizetype at = payload.indexOf(from);
        QVERIFY2(at >= 0, payload.constData());
        payload.replace(at, from.size(), to);
        const QByteArray jwt = sign(payload, w.opSk);
        w.accounts.insert(acc.publicKeyString(), jwt);

        const Status started = start(w);
        QVERIFY2(!started.ok(), "nats-server started with an account it should not decode");
        QVERIFY2(started.error().detail.contains(u"invalid account JWT"), qPrintable(started.error().detail));

        TrustChain chain(Jwt::decode(w.operatorJwt).value());
        const Result<Jwt> decoded = Jwt::decode(jwt);
        QVERIFY_RESULT(decoded);
        const TrustDecision d = chain.check(*decoded, QDateTime::currentSecsSinceEpoch());
        QVERIFY(!d.trusted);
        QVERIFY2(d.failures().join(u'\n').contains(reason), qPrintable(d.lines().join(u'\n')));
        QVERIFY2(d.failures().join(u'\n').contains(u"cannot decode"), qPrintable(d.lines().join(u'\n')));

        // The same account, written as Go writes it, starts the server.
        World good;
        makeOperator(good, false);
        Claims same = c;
        good.accounts.insert(acc.publicKeyString(), sign(payloadOf(same, good.opSk), good.opSk));
        const Status ok = start(good);
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TstServerVerdicts)
#include "tst_serververdicts.moc"
