// Decode + verify of user JWTs per second against raw libsodium Ed25519 verification of the same
// signatures, in the same run. Run by hand: build/bench/bench_jwt [seconds-per-phase]
#include "core/nats/jwt.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <sodium.h>

#include <vector>

using namespace Pot;
using namespace Pot::Nats;

namespace {

/// A few distinct user JWTs (different keys) so no cache can help.
std::vector<QByteArray> makeTokens(int count)
{
    const KeyPair account = KeyPair::generate(KeyKind::Account).value();
    const KeyPair signingKey = KeyPair::generate(KeyKind::Account).value();
    std::vector<QByteArray> tokens;
    for (int i = 0; i < count; ++i) {
        const KeyPair user = KeyPair::generate(KeyKind::User).value();
        Claims c = Claims::newUser(QStringLiteral("bench-user-%1").arg(i), user.publicKeyString(),
                                   account.publicKeyString());
        c.user.permissions.pub.allow = {QStringLiteral("foo.>"), QStringLiteral("_INBOX.>")};
        c.user.permissions.sub.allow = {QStringLiteral("foo.>"), QStringLiteral("_INBOX.>")};
        c.user.permissions.resp = ResponsePermission{1, 5000000000};
        c.user.permissions.src = {QStringLiteral("127.0.0.0/8")};
        c.standard.expires = 4102444800;
        c.tags = {QStringLiteral("bench")};
        tokens.push_back(Jwt::encode(c, signingKey).value());
    }
    return tokens;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (sodium_init() < 0) {
        out << "libsodium init failed\n";
        return 1;
    }
    const double seconds = argc > 1 ? QByteArray(argv[1]).toDouble() : 2.0;
    const std::vector<QByteArray> tokens = makeTokens(64);

    // Raw material for the libsodium baseline: the same signing inputs, signatures and keys.
    struct Raw { QByteArray input; QByteArray sig; std::array<unsigned char, 32> pk; };
    std::vector<Raw> raw;
    for (const QByteArray &t : tokens) {
        const Jwt jwt = Jwt::decode(t).value();
        raw.push_back({jwt.signingInput().toByteArray(), jwt.signature(),
                       PublicKey::fromString(jwt.standard().issuer).value().raw()});
    }

    const auto runFor = [&](auto &&body) {
        QElapsedTimer timer;
        timer.start();
        qint64 n = 0;
        const qint64 budget = qint64(seconds * 1e9);
        while (timer.nsecsElapsed() < budget) {
            for (int i = 0; i < 64; ++i)
                body(i);
            n += 64;
        }
        return double(n) / (double(timer.nsecsElapsed()) / 1e9);
    };

    int failures = 0;
    // Warm up both paths once.
    runFor([&](int i) { failures += crypto_sign_verify_detached(
                            reinterpret_cast<const unsigned char *>(raw[i].sig.constData()),
                            reinterpret_cast<const unsigned char *>(raw[i].input.constData()),
                            static_cast<unsigned long long>(raw[i].input.size()), raw[i].pk.data()) != 0; });

    const double sodiumRate = runFor([&](int i) {
        failures += crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(raw[i].sig.constData()),
                                                reinterpret_cast<const unsigned char *>(raw[i].input.constData()),
                                                static_cast<unsigned long long>(raw[i].input.size()),
                                                raw[i].pk.data())
                    != 0;
    });
    // The real path: decode (split, base64url, JSON, typed claims) + issuer nkey decode + verify.
    const double jwtRate = runFor([&](int i) {
        const Result<Jwt> jwt = Jwt::decode(tokens[std::size_t(i)]);
        failures += !jwt.ok() || !jwt->verifySignature().ok();
    });

    out << "user JWT size:               " << tokens.front().size() << " bytes\n";
    out << "libsodium verify only:       " << qint64(sodiumRate) << " /s\n";
    out << "Jwt::decode + verify:        " << qint64(jwtRate) << " /s\n";
    out << "ratio (time per JWT / time per raw verify): " << QString::number(sodiumRate / jwtRate, 'f', 3)
        << "x (target <= 1.3x)\n";
    if (failures)
        out << "FAILURES: " << failures << '\n';
    return failures ? 1 : 0;
}
