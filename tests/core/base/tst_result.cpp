#include "core/result.h"
#include "core/secretbytes.h"
#include "testutil.h"

#include <QTest>

using namespace Pot;

class TstResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueAndError()
    {
        Result<int> good(42);
        QVERIFY(good.ok());
        QCOMPARE(*good, 42);

        Result<int> bad(Error(ErrorCode::Timeout, QStringLiteral("no answer"), QStringLiteral("30 s")));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::Timeout);
        QCOMPARE(bad.error().toString(), QStringLiteral("no answer (30 s)"));
        QCOMPARE(bad.valueOr(7), 7);

        Status done;
        QVERIFY(done.ok());
        Status failed(Error(ErrorCode::Io, QStringLiteral("disk full")));
        QCOMPARE(failed.error().code, ErrorCode::Io);
    }

    void monadicHelpersPassErrorsOn()
    {
        const auto half = [](int v) -> Result<int> {
            if (v % 2)
                return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is odd").arg(v));
            return v / 2;
        };
        QCOMPARE(*Result<int>(8).and_then(half).and_then(half), 2);
        const Result<int> odd = Result<int>(6).and_then(half).and_then(half);
        QVERIFY(!odd.ok());
        QCOMPARE(odd.error().message, QStringLiteral("3 is odd"));
        const Result<QString> text = Result<int>(5).transform([](int v) { return QString::number(v * 2); });
        QCOMPARE(*text, QStringLiteral("10"));
        const Result<QString> notRun = odd.transform([](int) { return QStringLiteral("never"); });
        QCOMPARE(notRun.error().message, QStringLiteral("3 is odd"));
        const Result<int> recovered = odd.or_else([](const Error &e) -> Result<int> {
            return e.code == ErrorCode::InvalidInput ? Result<int>(0) : Result<int>(e);
        });
        QCOMPARE(*recovered, 0);
        // Moving the value through and_then.
        const Result<QByteArray> moved = Result<QByteArray>(QByteArray("abc")).and_then(
            [](QByteArray &&b) -> Result<QByteArray> { return QByteArray(b + "d"); });
        QCOMPARE(*moved, QByteArray("abcd"));

        Status done;
        QCOMPARE(*done.and_then([]() -> Result<int> { return 1; }), 1);
        Status failed(Error(ErrorCode::Io, QStringLiteral("disk full")));
        QCOMPARE(failed.and_then([]() -> Result<int> { return 1; }).error().message, QStringLiteral("disk full"));
        QVERIFY(failed.or_else([](const Error &) { return Status(); }).ok());
    }

    void secretBytesCopiesAndWipes()
    {
        QByteArray raw("SUAIBDPBAUTWCWBKIO6XHQNINK5FWJW4OHLXC3HQ2KFE4PEJUA44CNHTC4");
        SecretBytes a = SecretBytes::takeFrom(raw);
        QVERIFY(raw.isEmpty()); // the source no longer holds the secret
        QCOMPARE(a.size(), std::size_t(58));
        SecretBytes b = a;
        QVERIFY(a == b);
        SecretBytes c = std::move(b);
        QVERIFY(b.isEmpty());
        QVERIFY(c == a);
        c.clear();
        QVERIFY(c.isEmpty());
        QVERIFY(!(c == a));
        QCOMPARE(a.revealCopy().left(2), QByteArray("SU"));
    }

    void wipeClearsTheSharedBuffer()
    {
        // A copy shares the buffer (implicit sharing): wiping one must wipe what both point at,
        // not a detached copy that leaves the secret readable through the other.
        QByteArray secret = QByteArray("refresh-").append("token-4711");
        const QByteArray sharer = secret;
        QVERIFY(sharer.constData() == secret.constData());
        SecretBytes::wipe(secret);
        QVERIFY(secret.isEmpty());
        QCOMPARE(sharer.size(), 18);
        QCOMPARE(sharer, QByteArray(18, '\0'));

        // Raw data is not ours (and may be read-only): let go, never written.
        static const char literal[] = "not-owned";
        QByteArray raw = QByteArray::fromRawData(literal, 9);
        SecretBytes::wipe(raw);
        QVERIFY(raw.isEmpty());
        QCOMPARE(QByteArray(literal), QByteArray("not-owned"));
    }
};

QTEST_GUILESS_MAIN(TstResult)
#include "tst_result.moc"
