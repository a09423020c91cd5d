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
};

QTEST_GUILESS_MAIN(TstResult)
#include "tst_result.moc"
