#include "core/resources/yamljson.h"
#include "testutil.h"

#include <QJsonArray>
#include <QTest>

using namespace Pot;
using namespace Pot::Resources;

/// YAML documents read the way the Controller's js-yaml reads them, and written back so that they
/// read the same.
class TstYamlJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Test::initTestEnvironment(); }

    void plainScalarsAreTyped()
    {
        const auto v = yamlToJson("a: true\nb: 5\nc: 2.5\nd: null\ne: ~\nf: text\ng: \"5\"\n"
                                  "h: 'true'\ni: -3\nj:\n");
        QVERIFY2(v, qPrintable(v ? QString() : v.error().message));
        const QJsonObject o = v->toObject();
        QCOMPARE(o.value(u"a"), QJsonValue(true));
        QCOMPARE(o.value(u"b"), QJsonValue(5));
        QCOMPARE(o.value(u"c"), QJsonValue(2.5));
        QVERIFY(o.value(u"d").isNull());
        QVERIFY(o.value(u"e").isNull());
        QCOMPARE(o.value(u"f"), QJsonValue(QStringLiteral("text")));
        QCOMPARE(o.value(u"g"), QJsonValue(QStringLiteral("5")));    // quoted: a string
        QCOMPARE(o.value(u"h"), QJsonValue(QStringLiteral("true")));
        QCOMPARE(o.value(u"i"), QJsonValue(-3));
        QVERIFY(o.value(u"j").isNull());
    }

    void nestedMapsAndSequences()
    {
        const auto v = yamlToJson("spec:\n  tags: [a, b]\n  ports:\n    - internal: 80\n");
        QVERIFY(v);
        const QJsonObject spec = v->toObject().value(u"spec").toObject();
        QCOMPARE(spec.value(u"tags").toArray(), (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(spec.value(u"ports").toArray().at(0).toObject().value(u"internal"), QJsonValue(80));
    }

    void badInputIsNamedWithItsPlace()
    {
        auto v = yamlToJson("a: [1, 2\nb: 3\n");
        QVERIFY(!v);
        QVERIFY2(v.error().message.contains(u"Line"), qPrintable(v.error().message));
        v = yamlToJson("kind: A\n---\nkind: B\n");
        QVERIFY(!v);
        QVERIFY(v.error().message.contains(u"one document"));
        v = yamlToJson("");
        QVERIFY(!v);
        v = yamlToJson("a: 1\na: 2\n");
        QVERIFY(!v);
        QVERIFY2(v.error().message.contains(u"twice"), qPrintable(v.error().message));
        v = yamlToJson("? [a]\n: 1\n");
        QVERIFY(!v);
    }

    void writtenYamlReadsBackTheSame()
    {
        const QJsonObject o{{QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                            {QStringLiteral("flag"), QStringLiteral("true")},
                            {QStringLiteral("number"), QStringLiteral("5")},
                            {QStringLiteral("empty"), QString()},
                            {QStringLiteral("spaced"), QStringLiteral(" x ")},
                            {QStringLiteral("multi"), QStringLiteral("line 1\nline 2\n")},
                            {QStringLiteral("real"), 7},
                            {QStringLiteral("fraction"), 0.25},
                            {QStringLiteral("none"), QJsonValue::Null},
                            {QStringLiteral("list"), QJsonArray{1, QStringLiteral("two")}},
                            {QStringLiteral("map"), QJsonObject{{QStringLiteral("k"), false}}}};
        const QByteArray text = jsonToYaml(o, {QStringLiteral("kind")});
        QVERIFY2(text.startsWith("kind: ConfigMap\n"), text.constData());
        const auto back = yamlToJson(text);
        QVERIFY2(back, text.constData());
        QCOMPARE(back->toObject(), o);
    }
};

QTEST_GUILESS_MAIN(TstYamlJson)
#include "tst_yamljson.moc"
