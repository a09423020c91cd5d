#include "models/detailsmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Pot::Models;

class TstDetailsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A long value is cut for display; Copy (fullValue) gets all of it.
    void longValuesAreCutForDisplayOnly()
    {
        DetailsModel model;
        const QString huge(2'000'000, u'x');
        model.setRows({{QStringLiteral("Versions"), QStringLiteral("Controller"), huge, huge}});
        const QString shown = model.data(model.index(0), DetailsModel::ValueRole).toString();
        QVERIFY(shown.size() < 4200);
        QVERIFY(shown.contains(QStringLiteral("characters in all")));
        QCOMPARE(model.data(model.index(0), DetailsModel::FullValueRole).toString(), huge);
        QVERIFY(model.data(model.index(0), DetailsModel::HintRole).toString().size() < 1100);
        QVERIFY(model.roleNames().values().contains("fullValue"));
    }

    void refreshUpdatesInPlace()
    {
        DetailsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({{QStringLiteral("Health"), QStringLiteral("Status"), QStringLiteral("RUNNING")},
                       {QStringLiteral("Health"), QStringLiteral("CPU"), QStringLiteral("3 %")}});
        QCOMPARE(model.rowCount(), 2);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // Same first row, changed second row, one more row.
        model.setRows({{QStringLiteral("Health"), QStringLiteral("Status"), QStringLiteral("RUNNING")},
                       {QStringLiteral("Health"), QStringLiteral("CPU"), QStringLiteral("9 %")},
                       {QStringLiteral("Router"), QStringLiteral("Mode"), QStringLiteral("edge")}});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.valueOf(QStringLiteral("CPU")), QStringLiteral("9 %"));
        QCOMPARE(model.data(model.index(2), DetailsModel::GroupRole).toString(), QStringLiteral("Router"));

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.clear();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstDetailsModel)
#include "tst_detailsmodel.moc"
