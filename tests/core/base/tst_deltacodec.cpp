#include "core/deltacodec.h"
#include "core/jsonslicer.h"
#include "testutil.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Pot;

namespace {

/// The elements of one list in a captured Controller answer, as the Controller sent them.
QList<QByteArray> listElements(const QString &fixture, const QString &key)
{
    const QByteArray body = Test::fixture(fixture);
    QList<QByteArray> out;
    if (const auto elements = sliceJsonArray(body, key)) {
        for (const QByteArrayView e : *elements)
            out << e.toByteArray();
    }
    return out;
}

QByteArray randomBytes(QRandomGenerator &rng, qsizetype size, int alphabet)
{
    QByteArray b(size, Qt::Uninitialized);
    for (char &c : b)
        c = char(rng.bounded(alphabet));
    return b;
}

} // namespace

/// Lists keep their rows' JSON coded against another row of the same list: whatever goes in must
/// come out byte for byte, the captured lists must shrink, and a damaged code must be refused
/// rather than read out of bounds.
class TstDeltaCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedListsRoundTripAndShrink_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("maxRatio");
        QTest::newRow("fogs") << u"GET_iofog-list.json"_qs << u"fogs"_qs << 0.3;
        QTest::newRow("nats users") << u"GET_nats_users.json"_qs << u"users"_qs << 0.85;
        QTest::newRow("applications") << u"GET_application__final.json"_qs << u"applications"_qs << 0.3;
        QTest::newRow("roles") << u"GET_roles__after-create.json"_qs << u"roles"_qs << 0.7;
    }

    void capturedListsRoundTripAndShrink()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, key);
        QFETCH(double, maxRatio);
        const QList<QByteArray> elements = listElements(fixture, key);
        QVERIFY2(elements.size() >= 2, qPrintable(fixture));
        const DeltaEncoder encoder(elements.first());
        qsizetype plain = 0;
        qsizetype coded = 0;
        for (const QByteArray &e : elements.sliced(1)) {
            const QByteArray code = encoder.encode(e);
            const std::optional<QByteArray> back = deltaDecode(encoder.reference(), code);
            QVERIFY(back);
            QCOMPARE(*back, e);
            plain += e.size();
            coded += code.size();
        }
        QVERIFY2(double(coded) <= maxRatio * double(plain),
                 qPrintable(u"%1 bytes coded as %2"_qs.arg(plain).arg(coded)));
        // The reference itself codes to almost nothing.
        QVERIFY(encoder.encode(elements.first()).size() < 16);
    }

    void edgeCasesRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("reference");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty both") << QByteArray() << QByteArray();
        QTest::newRow("empty data") << QByteArray("{\"uuid\":\"x\"}") << QByteArray();
        QTest::newRow("no reference") << QByteArray() << QByteArray("{\"uuid\":\"abc\",\"uuid2\":\"abc\"}");
        QTest::newRow("shorter than a hash") << QByteArray("abcdef") << QByteArray("abc");
        QRandomGenerator rng(1);
        QTest::newRow("long literal run") << QByteArray("x") << randomBytes(rng, 1000, 256);
        QTest::newRow("overlapping self copy") << QByteArray() << QByteArray(5000, 'z');
        QTest::newRow("long copy from reference") << QByteArray(3000, 'q') + "tail" << QByteArray(2999, 'q') + "end";
        QTest::newRow("binary with zero bytes") << QByteArray("\0\0\0\0\0\0\0\x80\xff", 9)
                                                << QByteArray("\0\0\0\0\0\0\0\x80\xff\x7f\0", 11);
    }

    void edgeCasesRoundTrip()
    {
        QFETCH(QByteArray, reference);
        QFETCH(QByteArray, data);
        const DeltaEncoder encoder(reference);
        const QByteArray code = encoder.encode(data);
        const std::optional<QByteArray> back = deltaDecode(reference, code);
        QVERIFY(back);
        QCOMPARE(*back, data);
    }

    void randomTextsRoundTrip()
    {
        QRandomGenerator rng(20261123);
        for (int round = 0; round < 300; ++round) {
            const int alphabet = round % 3 == 0 ? 256 : 4 + round % 20; // small alphabets repeat a lot
            const QByteArray reference = randomBytes(rng, rng.bounded(2000), alphabet);
            QByteArray data = randomBytes(rng, rng.bounded(3000), alphabet);
            if (!reference.isEmpty() && round % 2) // splice pieces of the reference in
                data.insert(rng.bounded(data.size() + 1), reference.mid(rng.bounded(reference.size())));
            const std::optional<QByteArray> back = deltaDecode(reference, DeltaEncoder(reference).encode(data));
            QVERIFY2(back && *back == data, qPrintable(u"round %1"_qs.arg(round)));
        }
    }

    void damagedCodesAreRefused()
    {
        const QList<QByteArray> fogs = listElements(u"GET_iofog-list.json"_qs, u"fogs"_qs);
        QVERIFY(fogs.size() >= 2);
        const QByteArray code = DeltaEncoder(fogs.at(0)).encode(fogs.at(1));
        // Every truncation loses bytes the header promised.
        for (qsizetype cut = 0; cut < code.size(); ++cut)
            QVERIFY2(!deltaDecode(fogs.at(0), code.first(cut)), qPrintable(QString::number(cut)));
        // Decoded against another reference the copies land elsewhere or outside the window.
        const std::optional<QByteArray> wrong = deltaDecode(QByteArray("short"), code);
        QVERIFY(!wrong || *wrong != fogs.at(1));

        QVERIFY(!deltaDecode({}, QByteArray("\x05\x80\x00", 3)));          // copy from an empty window
        QVERIFY(!deltaDecode({}, QByteArray("\x02\x04" "abcde", 7)));      // run longer than promised
        QVERIFY(!deltaDecode({}, QByteArray("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 11))); // varint overflow
        QVERIFY(!deltaDecode({}, QByteArray("\xff\xff\xff\xff\x0f", 5), 1024)); // claims 4 GiB
        QVERIFY(!deltaDecode({}, QByteArray()));                              // no header

        // Random garbage: refused or decoded within its promise, never out of bounds.
        QRandomGenerator rng(7);
        for (int i = 0; i < 2000; ++i) {
            const QByteArray garbage = randomBytes(rng, 1 + rng.bounded(64), 256);
            if (const auto out = deltaDecode(fogs.at(0), garbage, 1 << 20))
                QVERIFY(out->size() <= (1 << 20));
        }
    }
};

QTEST_GUILESS_MAIN(TstDeltaCodec)
#include "tst_deltacodec.moc"
