#include "core/profiles/keychainsecretstore.h"
#include "core/profiles/secretkeys.h"
#include "testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <optional>

using namespace Pot;
using namespace Pot::Profiles;

namespace {

/// Files below `root` whose bytes contain `needle` (also base64, as some backends encode).
QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        if (bytes.contains(needle) || bytes.contains(needle.toBase64()))
            hits.append(path);
    }
    return hits;
}

} // namespace

/// Runs twice from CTest: without any D-Bus session (tst_keychainsecretstore) and under
/// dbus-run-session with an unlocked gnome-keyring (tst_keychainsecretstore_real, which sets
/// POT_REAL_KEYCHAIN=1).
class TstKeychainSecretStore : public QObject
{
    Q_OBJECT

    static bool realKeychain() { return qEnvironmentVariableIsSet("POT_REAL_KEYCHAIN"); }

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void backendName()
    {
        KeychainSecretStore store;
        QCOMPARE(store.service(), QStringLiteral("PoT Console"));
#if defined(Q_OS_LINUX)
        QCOMPARE(store.backendName(), QStringLiteral("Secret Service"));
#endif
    }

    void withoutSecretServiceNothingIsWritten()
    {
        if (realKeychain())
            QSKIP("a Secret Service runs in this session");
        const QByteArray secret("kc-Secret-7f3a9b1c-do-not-persist");
        KeychainSecretStore store;
        const QString key = SecretKeys::passwordKey(QUuid::createUuid());

        std::optional<Status> wrote;
        store.write(key, SecretBytes(secret), this, [&wrote](Status s) { wrote = s; });
        QTRY_VERIFY_WITH_TIMEOUT(wrote.has_value(), 30000);
        QVERIFY(!wrote->ok());
        QCOMPARE(wrote->error().code, ErrorCode::KeychainUnavailable);
        QVERIFY2(wrote->error().message.startsWith(u"No keychain is available"),
                 qPrintable(wrote->error().toString()));
        QVERIFY(wrote->error().message.contains(u"Secrets will not be saved; you will be asked again next time."));

        std::optional<Result<SecretBytes>> got;
        store.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000);
        QCOMPARE(got->error().code, ErrorCode::KeychainUnavailable);

        // No insecure fallback: nothing under HOME or the XDG dirs holds the secret.
        const QStringList roots = {QDir::homePath(), qEnvironmentVariable("XDG_CONFIG_HOME"),
                                   qEnvironmentVariable("XDG_DATA_HOME"),
                                   qEnvironmentVariable("XDG_CACHE_HOME")};
        for (const QString &root : roots) {
            if (root.isEmpty())
                continue;
            const QStringList hits = filesContaining(root, secret);
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
        }
    }

    void realRoundTrip()
    {
        if (!realKeychain())
            QSKIP("needs a Secret Service (run as tst_keychainsecretstore_real)");
        KeychainSecretStore store;
        const QUuid id = QUuid::createUuid();
        const QString key = SecretKeys::refreshTokenKey(id);
        const SecretBytes secret(QByteArray("refresh\x00\xff-binary", 17));

        std::optional<Result<SecretBytes>> got;
        store.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000);
        QCOMPARE(got->error().code, ErrorCode::NotFound);

        std::optional<Status> wrote;
        store.write(key, secret, this, [&wrote](Status s) { wrote = s; });
        QTRY_VERIFY_WITH_TIMEOUT(wrote.has_value(), 30000);
        QVERIFY_RESULT(*wrote);

        got.reset();
        store.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000);
        QVERIFY_RESULT(*got);
        QVERIFY(got->value() == secret);

        // A second service name does not see the entry.
        KeychainSecretStore other(QStringLiteral("PoT Console test other"));
        got.reset();
        other.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000);
        QCOMPARE(got->error().code, ErrorCode::NotFound);

        std::optional<Status> removed;
        SecretKeys::removeAll(store, id, this, [&removed](Status s) { removed = s; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
        QVERIFY_RESULT(*removed);

        got.reset();
        store.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000);
        QCOMPARE(got->error().code, ErrorCode::NotFound);
    }

    void noCallbackAfterContextIsGone()
    {
        KeychainSecretStore store;
        bool called = false;
        auto *context = new QObject;
        store.read(SecretKeys::passwordKey(QUuid::createUuid()), context,
                   [&called](Result<SecretBytes>) { called = true; });
        delete context;
        // The job still finishes (and deletes itself); its result has nowhere to go.
        QTest::qWait(realKeychain() ? 1000 : 300);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TstKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
