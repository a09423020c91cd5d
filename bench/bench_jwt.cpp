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

    // Both paths run in alternating short slices so load from other processes hits them alike.
    const auto slice = [](auto &&body, qint64 nanos, qint64 &count, qint64 &elapsed) {
        QElapsedTimer timer;
        timer.start();
        while (timer.nsecsElapsed() < nanos) {
            for (int i = 0; i < 64; ++i)
                body(i);
            count += 64;
        }
        elapsed += timer.nsecsElapsed();
    };
    int failures = 0;
    const auto rawVerify = [&](int i) {
        failures += crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(raw[std::size_t(i)].sig.constData()),
                                                reinterpret_cast<const unsigned char *>(raw[std::size_t(i)].input.constData()),
                                                static_cast<unsigned long long>(raw[std::size_t(i)].input.size()),
                                                raw[std::size_t(i)].pk.data())
                    != 0;
    };
    // The real path: decode (split, base64url, JSON, typed claims) + issuer nkey decode + verify.
    const auto jwtVerify = [&](int i) {
        const Result<Jwt> jwt = Jwt::decode(tokens[std::size_t(i)]);
        failures += !jwt.ok() || !jwt->verifySignature().ok();
    };
    qint64 rawCount = 0, rawNs = 0, jwtCount = 0, jwtNs = 0, warm = 0, warmNs = 0;
    slice(rawVerify, 100000000, warm, warmNs);
    slice(jwtVerify, 100000000, warm, warmNs);
    const int rounds = qMax(1, int(seconds * 10));
    for (int r = 0; r < rounds; ++r) {
        slice(rawVerify, 50000000, rawCount, rawNs);
        slice(jwtVerify, 50000000, jwtCount, jwtNs);
    }
    const double sodiumRate = double(rawCount) / (double(rawNs) / 1e9);
    const double jwtRate = double(jwtCount) / (double(jwtNs) / 1e9);

    out << "user JWT size:               " << tokens.front().size() << " bytes\n";
    out << "libsodium verify only:       " << qint64(sodiumRate) << " /s\n";
    out << "Jwt::decode + verify:        " << qint64(jwtRate) << " /s\n";
    out << "ratio (time per JWT / time per raw verify): " << QString::number(sodiumRate / jwtRate, 'f', 3)
        << "x (target <= 1.3x)\n";
    if (failures)
        out << "FAILURES: " << failures << '\n';
    return failures ? 1 : 0;
}
