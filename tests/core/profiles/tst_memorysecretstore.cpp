#include "core/profiles/keychainsecretstore.h"
#include "core/profiles/memorysecretstore.h"
#include "core/profiles/secretkeys.h"
#include "testutil.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace Pot;
using namespace Pot::Profiles;

class TstMemorySecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void keysAreNamespacedByProfile()
    {
        const QUuid id = QUuid::fromString(QStringLiteral("{5d1e9d4e-7f51-4f4e-9a57-3f3b8f9f2a10}"));
        QCOMPARE(SecretKeys::refreshTokenKey(id),
                 QStringLiteral("5d1e9d4e-7f51-4f4e-9a57-3f3b8f9f2a10/refresh-token"));
        QCOMPARE(SecretKeys::passwordKey(id), QStringLiteral("5d1e9d4e-7f51-4f4e-9a57-3f3b8f9f2a10/password"));
        QCOMPARE(SecretKeys::allKeys(id).size(), 2);
    }

    void readMissingIsNotFound()
    {
        MemorySecretStore store;
        std::optional<Result<SecretBytes>> got;
        store.read(QStringLiteral("x/password"), this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QVERIFY(!got); // asynchronous like a keychain
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->ok());
        QCOMPARE(got->error().code, ErrorCode::NotFound);
    }

    void writeReadRemove()
    {
        MemorySecretStore store;
        const QString key = QStringLiteral("p/refresh-token");
        const SecretBytes secret(QByteArray("refresh-123"));
        std::optional<Status> wrote;
        store.write(key, secret, this, [&wrote](Status s) { wrote = s; });
        QTRY_VERIFY(wrote.has_value());
        QVERIFY_RESULT(*wrote);
        QVERIFY(store.contains(key));

        std::optional<Result<SecretBytes>> got;
        store.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QVERIFY_RESULT(*got);
        QVERIFY(got->value() == secret);

        std::optional<Status> removed;
        store.remove(key, this, [&removed](Status s) { removed = s; });
        QTRY_VERIFY(removed.has_value());
        QVERIFY_RESULT(*removed);
        QVERIFY(!store.contains(key));

        // Removing again is still success; reading is NotFound.
        removed.reset();
        store.remove(key, this, [&removed](Status s) { removed = s; });
        QTRY_VERIFY(removed.has_value());
        QVERIFY_RESULT(*removed);
        got.reset();
        store.read(key, this, [&got](Result<SecretBytes> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, ErrorCode::NotFound);
    }

    void unavailableKeepsNothing()
    {
        MemorySecretStore store;
        store.setUnavailable(true);
        std::optional<Status> wrote;
        store.write(QStringLiteral("p/password"), SecretBytes(QByteArray("pw")), this,
                    [&wrote](Status s) { wrote = s; });
        QTRY_VERIFY(wrote.has_value());
        QCOMPARE(wrote->error().code, ErrorCode::KeychainUnavailable);
        QVERIFY(wrote->error().message.contains(u"asked again"));
        QVERIFY(store.keys().isEmpty());
    }

    void noCallbackAfterContextIsGone()
    {
        MemorySecretStore store;
        bool called = false;
        auto context = std::make_unique<QObject>();
        store.write(QStringLiteral("p/password"), SecretBytes(QByteArray("pw")), context.get(),
                    [&called](Status) { called = true; });
        store.read(QStringLiteral("p/password"), context.get(),
                   [&called](Result<SecretBytes>) { called = true; });
        context.reset();
        // Give queued events every chance to run.
        QCoreApplication::processEvents();
        QTest::qWait(20);
        QVERIFY(!called);
        QVERIFY(store.contains(QStringLiteral("p/password"))); // the write itself happened
    }

    void removeAllForProfile()
    {
        MemorySecretStore store;
        const QUuid id = QUuid::createUuid();
        const QUuid other = QUuid::createUuid();
        int writes = 0;
        for (const QString &key : SecretKeys::allKeys(id) + SecretKeys::allKeys(other))
            store.write(key, SecretBytes(QByteArray("v")), this, [&writes](Status) { ++writes; });
        QTRY_COMPARE(writes, 4);

        std::optional<Status> done;
        SecretKeys::removeAll(store, id, this, [&done](Status s) { done = s; });
        QTRY_VERIFY(done.has_value());
        QVERIFY_RESULT(*done);
        QVERIFY(!store.contains(SecretKeys::passwordKey(id)));
        QVERIFY(!store.contains(SecretKeys::refreshTokenKey(id)));
        QCOMPARE(store.keys().size(), 2); // the other profile keeps its secrets

        store.setUnavailable(true);
        done.reset();
        SecretKeys::removeAll(store, other, this, [&done](Status s) { done = s; });
        QTRY_VERIFY(done.has_value());
        QCOMPARE(done->error().code, ErrorCode::KeychainUnavailable);
    }

    void keychainErrorMapping_data()
    {
        // Values of QKeychain::Error (keychain.h), kept numeric so the test needs no QtKeychain header.
        QTest::addColumn<int>("keychainError");
        QTest::addColumn<QString>("errorString");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("fragment");

        QTest::newRow("ok") << 0 << QString() << ErrorCode::None << QString();
        QTest::newRow("not found") << 1 << QStringLiteral("Entry not found") << ErrorCode::NotFound
                                   << QStringLiteral("No secret");
        QTest::newRow("user said no") << 3 << QString() << ErrorCode::Cancelled << QStringLiteral("refused");
        QTest::newRow("no backend") << 5 << QStringLiteral("No keychain service available")
                                    << ErrorCode::KeychainUnavailable << QStringLiteral("No keychain is available");
        QTest::newRow("not implemented") << 6 << QString() << ErrorCode::Unsupported << QStringLiteral("support");
        QTest::newRow("dbus secret service missing")
            << 7
            << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files")
            << ErrorCode::KeychainUnavailable << QStringLiteral("Secret Service is not running");
        QTest::newRow("dbus autolaunch")
            << 7 << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY")
            << ErrorCode::KeychainUnavailable << QStringLiteral("Secret Service is not running");
        QTest::newRow("other") << 7 << QStringLiteral("Unexpected reply") << ErrorCode::KeychainUnavailable
                               << QStringLiteral("reported an error");
    }

    void keychainErrorMapping()
    {
        QFETCH(int, keychainError);
        QFETCH(QString, errorString);
        QFETCH(ErrorCode, code);
        QFETCH(QString, fragment);
        const Error e = KeychainSecretStore::mapError(keychainError, errorString);
        QCOMPARE(e.code, code);
        QVERIFY2(e.message.contains(fragment), qPrintable(e.message));
        QCOMPARE(e.detail, errorString);
        if (code == ErrorCode::KeychainUnavailable && keychainError != 7)
            QVERIFY(e.message.contains(u"Secrets will not be saved; you will be asked again next time."));
    }
};

QTEST_GUILESS_MAIN(TstMemorySecretStore)
#include "tst_memorysecretstore.moc"
