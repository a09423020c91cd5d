import QtQuick
import PotConsole

// Problems tst_qmllint must report (see reportsRealProblems); do not fix.
Item {
    id: fixture
    required property ControlPlanes planes
    property int width2: planes.noSuchProperty

    ListView {
        model: 2
        delegate: Item {
            required property int index
            width: model.index
            height: fixture.width2 + index
            Component.onCompleted: console.log(fixture.planes.currentName)
        }
        cacheBuffer: ConnectionState.SignedInn
    }
}
