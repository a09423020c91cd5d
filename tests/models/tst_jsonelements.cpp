#include "core/compressedtext.h"
#include "core/jsonelements.h"
#include "models/resourcelist.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Pot;

/// The array reader (simdjson) that lets lists parse one element at a time: it must find exactly
/// the elements a full JSON parser finds, whatever the strings contain, and refuse other shapes;
/// and the compression rows keep those elements in.
class TstJsonElements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void elements_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("keyed") << QByteArray("{\"fogs\":[{\"a\":1},{\"b\":2}]}") << u"fogs"_qs
                               << QStringList{QStringLiteral("{\"a\":1}"), QStringLiteral("{\"b\":2}")};
        QTest::newRow("key after others")
            << QByteArray(" { \"x\" : {\"fogs\":[9]}, \"y\":[1,2], \"fogs\" : [ {\"a\":\"]\"} , {\"b\":\"}\\\"{\"} ] } ")
            << u"fogs"_qs << QStringList{QStringLiteral("{\"a\":\"]\"}"), QStringLiteral("{\"b\":\"}\\\"{\"}")};
        QTest::newRow("bare array") << QByteArray("[ {\"n\":\"a,b\"},\n{\"n\":[1,[2]]} ]") << QString()
                                    << QStringList{QStringLiteral("{\"n\":\"a,b\"}"), QStringLiteral("{\"n\":[1,[2]]}")};
        QTest::newRow("empty") << QByteArray("{\"users\":[]}") << u"users"_qs << QStringList{};
        QTest::newRow("scalars") << QByteArray("{\"k\":[1, true ,null,\"s\"]}") << u"k"_qs
                                 << QStringList{u"1"_qs, u"true"_qs, u"null"_qs, u"\"s\""_qs};
    }

    void elements()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, key);
        QFETCH(QStringList, expected);
        const auto slices = jsonArrayElements(body, key);
        QVERIFY(slices.has_value());
        QStringList got;
        for (QByteArrayView v : *slices)
            got << QString::fromUtf8(v);
        QCOMPARE(got, expected);
    }

    void refusesOtherShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("key");
        QTest::newRow("key missing") << QByteArray("{\"other\":[1]}") << u"fogs"_qs;
        QTest::newRow("not an array") << QByteArray("{\"fogs\":{\"a\":1}}") << u"fogs"_qs;
        QTest::newRow("html page") << QByteArray("<pre>Cannot GET /api/v3/iofog-list</pre>") << u"fogs"_qs;
        QTest::newRow("cut off") << QByteArray("{\"fogs\":[{\"a\":1},{\"b\":") << u"fogs"_qs;
        QTest::newRow("unterminated string") << QByteArray("{\"fogs\":[\"abc") << u"fogs"_qs;
        QTest::newRow("empty") << QByteArray() << u"fogs"_qs;
        QTest::newRow("object for bare") << QByteArray("{\"a\":1}") << QString();
    }

    void refusesOtherShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, key);
        QVERIFY(!jsonArrayElements(body, key).has_value());
    }

    void fixturesSliceLikeAFullParse_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("key");
        QTest::newRow("agents") << u"GET_iofog-list.json"_qs << u"fogs"_qs;
        QTest::newRow("users") << u"GET_nats_users.json"_qs << u"users"_qs;
        QTest::newRow("applications") << u"GET_application__final.json"_qs << u"applications"_qs;
        QTest::newRow("roles") << u"GET_roles__after-create.json"_qs << u"roles"_qs;
    }

    void fixturesSliceLikeAFullParse()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, key);
        const QByteArray body = Test::fixture(fixture);
        const QJsonArray full = QJsonDocument::fromJson(body).object().value(key).toArray();
        const auto slices = jsonArrayElements(body, key);
        QVERIFY(slices.has_value());
        QCOMPARE(slices->size(), full.size());
        for (qsizetype i = 0; i < full.size(); ++i)
            QCOMPARE(QJsonDocument::fromJson(slices->at(i).toByteArray()).object(), full.at(i).toObject());
    }

    void paddedBodyIsReadInPlace()
    {
        // A body with room for the reader's padding is not copied: the elements point into it.
        QByteArray body;
        body.reserve(100 + jsonPadding());
        body = QByteArray("{\"users\":[{\"n\":1},{\"n\":2}]}");
        body.reserve(body.size() + jsonPadding());
        const auto slices = jsonArrayElements(body, u"users"_qs);
        QVERIFY(slices.has_value());
        QCOMPARE(slices->size(), 2);
        QVERIFY(slices->at(1).data() > body.constData() && slices->at(1).data() < body.constData() + body.size());
        QCOMPARE(slices->at(1).toByteArray(), QByteArray("{\"n\":2}"));
        const auto member = jsonMember(body, u"users"_qs);
        QVERIFY(member.has_value());
        QCOMPARE(member->toByteArray(), QByteArray("[{\"n\":1},{\"n\":2}]"));
        QVERIFY(!jsonMember(body, u"other"_qs).has_value());
        QVERIFY(!jsonMember(QByteArray("[1]"), u"users"_qs).has_value());
    }

    void textsRoundTripThroughTheDictionary()
    {
        const QByteArray body = Test::fixture(u"GET_iofog-list.json"_qs);
        const auto elements = jsonArrayElements(body, u"fogs"_qs);
        QVERIFY(elements && elements->size() >= 2);
        TextCompressor first(*elements, {});
        QList<CompressedText> texts;
        for (const QByteArrayView e : *elements)
            texts << first.compress(e);
        qsizetype whole = 0, kept = 0;
        for (qsizetype i = 0; i < texts.size(); ++i) {
            QCOMPARE(texts.at(i).text(), elements->at(i).toByteArray());
            whole += elements->at(i).size();
            kept += texts.at(i).size();
        }
        QVERIFY2(kept * 4 < whole, qPrintable(u"%1 of %2 bytes"_qs.arg(kept).arg(whole)));
        // Same dictionary, same text: same bytes. Another dictionary: still the same text.
        TextCompressor again({}, texts.at(0).dictionary());
        QVERIFY(again.compress(elements->at(1)).sameText(texts.at(1)));
        TextCompressor other(QList<QByteArrayView>{elements->at(1)}, {});
        const CompressedText otherText = other.compress(elements->at(1));
        QVERIFY(otherText.dictionary() != texts.at(1).dictionary());
        QVERIFY(otherText.sameText(texts.at(1)));
        QVERIFY(!otherText.sameText(texts.at(0)));
        QVERIFY(CompressedText().text().isEmpty());
    }

    void malformedElementGivesAClearError()
    {
        const auto rows = Models::ResourceList::buildRows(
            QByteArray("{\"fogs\":[{\"uuid\":\"a\"},{\"uuid\":}]}"), u"fogs"_qs,
            [](const QJsonObject &o) {
                Models::ResourceRow r;
                r.key = o.value(u"uuid").toString();
                r.cells = {r.key};
                return r;
            });
        QVERIFY(!rows);
        QCOMPARE(rows.error().message, u"The Controller sent malformed JSON."_qs);
    }
};

QTEST_GUILESS_MAIN(TstJsonElements)
#include "tst_jsonelements.moc"
