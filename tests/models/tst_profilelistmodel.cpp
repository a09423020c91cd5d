#include "models/profilelistmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Pot;
using namespace Pot::Models;

class TstProfileListModel : public QObject
{
    Q_OBJECT

    static Profiles::Profile profile(const QString &name, const QString &url)
    {
        Profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = name;
        p.controllerUrl = url;
        return p;
    }

private Q_SLOTS:
    void rowsAndStates()
    {
        ProfileListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Profiles::Profile prod = profile(QStringLiteral("prod"), QStringLiteral("https://ctl:51121"));
        const Profiles::Profile lab = profile(QStringLiteral("lab"), QStringLiteral("http://10.0.0.5"));
        model.setProfiles({prod});
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.upsert(lab);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(1), ProfileListModel::EncryptedRole).toBool(), false);
        QCOMPARE(model.data(model.index(0), ProfileListModel::EncryptedRole).toBool(), true);
        QCOMPARE(model.data(model.index(0), ProfileListModel::StateTextRole).toString(),
                 QStringLiteral("Not connected"));

        // A state change touches that row only, never resets the model.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setState(lab.id, ConnectionState::Offline, QStringLiteral("Offline"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(reset.count(), 0);
        model.setState(lab.id, ConnectionState::Offline, QStringLiteral("Offline"));
        QCOMPARE(changed.count(), 1); // nothing changed, nothing emitted

        Profiles::Profile renamed = prod;
        renamed.name = QStringLiteral("production");
        model.upsert(renamed);
        QCOMPARE(model.data(model.index(0), ProfileListModel::NameRole).toString(), QStringLiteral("production"));
        QCOMPARE(model.rowCount(), 2);

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.remove(prod.id);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.indexOf(lab.id), 0);
    }
};

QTEST_GUILESS_MAIN(TstProfileListModel)
#include "tst_profilelistmodel.moc"
