#include "core/nats/trustchain.h"
#include "testutil.h"

#include <QTest>

using namespace Pot;
using namespace Pot::Nats;

namespace {

constexpr qint64 s_now = 1800000000;

KeyPair key(const char *seed)
{
    return KeyPair::fromSeed(SecretBytes(QByteArray(seed))).value();
}

Jwt decoded(const QByteArray &token)
{
    return Jwt::decode(token).value();
}

/// An operator-mode world built from the §9.1 test keys.
struct World
{
    KeyPair op = key("SOAAAAICAMCAKBQHBAEQUCYMBUHA6EARCIJRIFIWC4MBSGQ3DQOR4H2AJA");
    KeyPair opSk = key("SOACAIJCEMSCKJRHFAUSUKZMFUXC6MBRGIZTINJWG44DSOR3HQ6T4P5AD4");
    KeyPair sys = key("SAAEAQKCINCEKRSHJBEUUS2MJVHE6UCRKJJVIVKWK5MFSWS3LROV4X6MSU");
    KeyPair acc = key("SAAGAYLCMNSGKZTHNBUWU23MNVXG64DROJZXI5LWO54HS6T3PR6X47ZMYI");
    KeyPair accSk = key("SAAIBAMCQOCILBUHRCEYVC4MRWHI7EERSKJZJFMWS6MJTGU3TSOZ5H5NOU");
    KeyPair user = key("SUAKBINCUOSKLJVHVCU2VK5MVWXK7MFRWKZ3JNNWW64LTOV3XS635P565Y");
    KeyPair revoked = key("SUABCEQTCQKRMFYYDENBWHA5DYPSAIJCEMSCKJRHFAUSUKZMFUXC6MDPVU");
    KeyPair scopedSk = KeyPair::generate(KeyKind::Account).value();

    Claims operatorClaims(bool strict = false) const
    {
        Claims c = Claims::newOperator(u"op"_qs, op.publicKeyString());
        c.op.signingKeys = {opSk.publicKeyString()};
        c.op.systemAccount = sys.publicKeyString();
        c.op.strictSigningKeyUsage = strict;
        return c;
    }

    Claims accountClaims() const
    {
        Claims c = Claims::newAccount(u"acc"_qs, acc.publicKeyString());
        c.account.signingKeys.append(SigningKey{accSk.publicKeyString(), false, {}, {}, {}, {}});
        SigningKey scoped;
        scoped.key = scopedSk.publicKeyString();
        scoped.scoped = true;
        scoped.kind = u"user_scope"_qs;
        scoped.role = u"ops"_qs;
        scoped.userTemplate.pub.allow = {u"ops.>"_qs};
        c.account.signingKeys.append(scoped);
        c.account.revocations.insert(revoked.publicKeyString(), 1700000000);
        return c;
    }

    Claims sysClaims() const { return Claims::newAccount(u"SYS"_qs, sys.publicKeyString()); }

    QByteArray sign(const Claims &c, const KeyPair &issuer, qint64 iat = 1700000000) const
    {
        EncodeOptions o;
        o.issuedAt = iat;
        return Jwt::encode(c, issuer, o).value();
    }
};

} // namespace

class TstTrustChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void vectorChains_data()
    {
        QTest::addColumn<QString>("set");
        QTest::newRow("go") << u"go"_qs;
        QTest::newRow("js") << u"js"_qs;
    }

    void vectorChains()
    {
        QFETCH(QString, set);
        TrustChain chain(decoded(Test::readData(u"nats-vectors/"_qs + set + u"-operator.jwt")));
        const Jwt account = decoded(Test::readData(u"nats-vectors/"_qs + set + u"-account.jwt"));
        QVERIFY_RESULT(chain.addAccount(account));
        QVERIFY(!chain.addAccount(chain.operatorJwt()).ok());

        const TrustDecision op = chain.checkOperator(s_now);
        QVERIFY2(op.trusted, qPrintable(op.lines().join(u'\n')));
        const TrustDecision acc = chain.check(account, s_now);
        QVERIFY2(acc.trusted, qPrintable(acc.lines().join(u'\n')));
        QVERIFY(acc.lines().join(u'\n').contains(u"issued by operator signing key OAU2ZOXB"));

        const Jwt user = decoded(Test::readData(u"nats-vectors/"_qs + set + u"-user.jwt"));
        const TrustDecision u = chain.check(user, s_now);
        QVERIFY2(u.trusted, qPrintable(u.lines().join(u'\n')));
        const QString text = u.lines().join(u'\n');
        QVERIFY(text.contains(u"issued by signing key ADGRJM37"));
        QVERIFY(text.contains(u"is not revoked"));
        QVERIFY(u.failures().isEmpty());

        // Same chain after 2100-01-01: every JWT with exp is expired.
        const TrustDecision late = chain.check(user, 4102444801);
        QVERIFY(!late.trusted);
        QVERIFY(late.failures().join(u' ').contains(u"claim is expired"));
        // Before nbf.
        const TrustDecision early = chain.check(user, 1600000000);
        QVERIFY(!early.trusted);
        QVERIFY(early.failures().join(u' ').contains(u"not yet valid"));
    }

    void decisions_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("trusted");
        QTest::addColumn<QString>("reason");
        QTest::newRow("identity-signed user") << u"identity"_qs << true << u"issued by the account identity key"_qs;
        QTest::newRow("signing key + issuer_account") << u"sk"_qs << true << u"issuer_account"_qs;
        QTest::newRow("signing key without issuer_account") << u"sk-no-ia"_qs << false << u"User JWT issuer is not known"_qs;
        QTest::newRow("foreign signer") << u"foreign"_qs << false << u"User JWT issuer is not known"_qs;
        QTest::newRow("revoked at iat") << u"revoked"_qs << false << u"User authentication revoked"_qs;
        QTest::newRow("revoked before iat") << u"revoked-earlier"_qs << true << u"predates this JWT"_qs;
        QTest::newRow("revoke all") << u"revoke-all"_qs << false << u"revokes every user JWT"_qs;
        QTest::newRow("expired user") << u"expired"_qs << false << u"claim is expired"_qs;
        QTest::newRow("user not yet valid") << u"nbf"_qs << false << u"not yet valid"_qs;
        QTest::newRow("scoped, empty user") << u"scoped"_qs << true << u"role \"ops\""_qs;
        QTest::newRow("scoped, user with permissions") << u"scoped-perms"_qs << false << u"must have none"_qs;
        QTest::newRow("bearer allowed") << u"bearer"_qs << true << u"Bearer token"_qs;
        QTest::newRow("bearer disallowed") << u"bearer-disallowed"_qs << false << u"disallows bearer"_qs;
        QTest::newRow("self-signed account") << u"self-signed-account"_qs << false << u"self-signed"_qs;
        QTest::newRow("operator identity, not strict") << u"op-identity"_qs << true << u"operator identity key"_qs;
        QTest::newRow("operator identity, strict") << u"strict"_qs << false << u"strict_signing_key_usage"_qs;
        QTest::newRow("unknown operator") << u"other-operator"_qs << false << u"not trusted"_qs;
        QTest::newRow("account missing") << u"no-account"_qs << false << u"no account JWT"_qs;
        QTest::newRow("expired account") << u"expired-account"_qs << false << u"Account \"acc\""_qs;
        QTest::newRow("tampered user") << u"tampered"_qs << false << u"V2 signature"_qs;
        QTest::newRow("user signed by operator") << u"wrong-kind"_qs << false << u"must be issued by a account"_qs;
    }

    void decisions()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, trusted);
        QFETCH(QString, reason);
        World w;
        Claims opClaims = w.operatorClaims(scenario == u"strict");
        Claims accClaims = w.accountClaims();
        const KeyPair *accIssuer = &w.opSk;
        if (scenario == u"bearer-disallowed")
            accClaims.account.limits.disallowBearer = true;
        if (scenario == u"revoked-earlier")
            accClaims.account.revocations.insert(w.user.publicKeyString(), 1699999999);
        if (scenario == u"revoke-all")
            accClaims.account.revocations.insert(u"*"_qs, 1700000000);
        if (scenario == u"expired-account")
            accClaims.standard.expires = 1750000000;
        if (scenario == u"self-signed-account")
            accIssuer = &w.acc;
        if (scenario == u"op-identity" || scenario == u"strict")
            accIssuer = &w.op;
        const KeyPair otherOp = KeyPair::generate(KeyKind::Operator).value();
        if (scenario == u"other-operator")
            accIssuer = &otherOp;

        TrustChain chain(decoded(w.sign(opClaims, w.op)));
        if (scenario != u"no-account")
            QVERIFY_RESULT(chain.addAccount(decoded(w.sign(accClaims, *accIssuer))));
        QVERIFY_RESULT(chain.addAccount(decoded(w.sign(w.sysClaims(), w.opSk))));

        const QString accKey = w.acc.publicKeyString();
        Claims u = Claims::newUser(u"u"_qs, w.user.publicKeyString());
        const KeyPair *userIssuer = &w.acc;
        QByteArray token;
        if (scenario == u"sk") {
            u.user.issuerAccount = accKey;
            userIssuer = &w.accSk;
        } else if (scenario == u"sk-no-ia") {
            userIssuer = &w.accSk;
        } else if (scenario == u"foreign") {
            u.user.issuerAccount = w.sys.publicKeyString(); // signing key of acc, issuer_account of SYS
            userIssuer = &w.accSk;
        } else if (scenario == u"revoked" || scenario == u"revoke-all") {
            u = Claims::newUser(u"r"_qs, w.revoked.publicKeyString());
            if (scenario == u"revoke-all")
                u = Claims::newUser(u"u"_qs, w.user.publicKeyString());
        } else if (scenario == u"expired") {
            u.standard.expires = 1750000000;
        } else if (scenario == u"nbf") {
            u.standard.notBefore = 1850000000;
        } else if (scenario == u"scoped" || scenario == u"scoped-perms") {
            u.user.permissions = UserPermissionLimits{};
            if (scenario == u"scoped-perms")
                u.user.permissions.sub.allow = {u"secrets.>"_qs};
            u.user.issuerAccount = accKey;
            userIssuer = &w.scopedSk;
        } else if (scenario == u"bearer" || scenario == u"bearer-disallowed") {
            u.user.permissions.bearerToken = true;
        } else if (scenario == u"wrong-kind") {
            const QByteArray payload = "{\"iat\":1700000000,\"iss\":\"" + w.op.publicKeyString().toLatin1()
                                       + "\",\"sub\":\"" + w.user.publicKeyString().toLatin1()
                                       + "\",\"nats\":{\"type\":\"user\",\"version\":2}}";
            token = Jwt::signPayload(payload, w.op);
        }
        if (token.isEmpty())
            token = w.sign(u, *userIssuer);
        if (scenario == u"tampered")
            token[token.size() - 10] = token.at(token.size() - 10) == 'A' ? 'B' : 'A';

        const TrustDecision d = chain.check(decoded(token), s_now);
        const QString text = d.lines().join(u'\n');
        QVERIFY2(d.trusted == trusted, qPrintable(text));
        QVERIFY2(text.contains(reason), qPrintable(text));
        QCOMPARE(d.failures().isEmpty(), trusted);
        QVERIFY(!d.reasons.isEmpty());
    }

    void notAChainKind()
    {
        World w;
        TrustChain chain(decoded(w.sign(w.operatorClaims(), w.op)));
        Claims act;
        act.kind = ClaimKind::Activation;
        act.standard.subject = w.sys.publicKeyString();
        act.activation.importSubject = u"x.>"_qs;
        const TrustDecision d = chain.check(decoded(w.sign(act, w.acc)), s_now);
        QVERIFY(!d.trusted);
        QVERIFY(d.failures().join(u' ').contains(u"activation"));
        // A different operator JWT is not judged against the anchor.
        const KeyPair other = KeyPair::generate(KeyKind::Operator).value();
        const TrustDecision o = chain.check(decoded(w.sign(Claims::newOperator(u"x"_qs, other.publicKeyString()), other)), s_now);
        QVERIFY(!o.trusted);
    }
};

QTEST_GUILESS_MAIN(TstTrustChain)
#include "tst_trustchain.moc"
