import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import PotConsole

// The list of control-plane profiles with their connection state, and the status of the selected one.
Item {
    id: page
    required property ControlPlanes planes

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        // Profiles
        Pane {
            SplitView.preferredWidth: 380
            SplitView.minimumWidth: 260
            padding: 0

            ColumnLayout {
                anchors.fill: parent
                spacing: 0

                ToolBar {
                    Layout.fillWidth: true
                    RowLayout {
                        anchors.fill: parent
                        Label {
                            text: qsTr("Control planes")
                            font.bold: true
                            Layout.leftMargin: Theme.margin
                            Layout.fillWidth: true
                        }
                        ToolButton {
                            text: qsTr("Add…")
                            Accessible.name: qsTr("Add control plane")
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Add a control plane (Ctrl+N)")
                            onClicked: profileDialog.openForNew()
                        }
                        ToolButton {
                            text: qsTr("Import")
                            Accessible.name: qsTr("Import control planes")
                            onClicked: importMenu.open()
                            Menu {
                                id: importMenu
                                y: parent.height
                                MenuItem {
                                    text: qsTr("Open the demo control plane")
                                    Accessible.name: text
                                    enabled: !page.planes.hasDemo
                                    onTriggered: page.planes.openDemo()
                                }
                                MenuItem {
                                    text: qsTr("From potctl configuration")
                                    Accessible.name: text
                                    onTriggered: importDialog.openPotctl()
                                }
                                MenuItem {
                                    text: qsTr("From ECN-Viewer contexts file…")
                                    Accessible.name: text
                                    onTriggered: importDialog.openContexts()
                                }
                                MenuItem {
                                    text: qsTr("Export profiles as ECN-Viewer contexts…")
                                    Accessible.name: text
                                    enabled: list.count > 0
                                    onTriggered: importDialog.openExport()
                                }
                            }
                        }
                    }
                }

                // The list, or what to do while there is none.
                Item {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ProfileList {
                        id: list
                        anchors.fill: parent
                        planes: page.planes
                    }
                    EmptyState {
                        anchors.fill: parent
                        visible: list.count === 0
                        title: qsTr("No control plane yet")
                        text: qsTr("Add the address of a Controller, import your potctl namespaces, or open the demo control plane to look around.")
                        actionText: qsTr("Add control plane")
                        onActionTriggered: profileDialog.openForNew()
                        secondaryActionText: qsTr("Open demo control plane")
                        onSecondaryActionTriggered: page.planes.openDemo()
                    }
                }
            }
        }

        // Status of the selected profile
        StatusPanel {
            SplitView.fillWidth: true
            planes: page.planes
            onEditRequested: profileDialog.openForEdit(page.planes.currentIndex)
            onRemoveRequested: removeDialog.open()
            onSignInRequested: signInDialog.openFor(page.planes.currentIndex)
        }
    }

    ProfileDialog {
        id: profileDialog
        planes: page.planes
    }

    SignInDialog {
        id: signInDialog
        planes: page.planes
    }

    ImportDialog {
        id: importDialog
        planes: page.planes
    }

    Dialog {
        id: removeDialog
        anchors.centerIn: parent
        modal: true
        title: qsTr("Remove control plane")
        width: 420
        standardButtons: Dialog.Cancel | Dialog.Ok
        Label {
            width: removeDialog.availableWidth
            wrapMode: Text.WordWrap
            text: qsTr("Remove “%1”? Its saved session and password are deleted from the keychain. The Controller itself is not changed.")
                  .arg(page.planes.currentName)
        }
        onAccepted: page.planes.removeProfile(page.planes.currentIndex)
    }

    Connections {
        target: page.planes
        // Browser profiles sign in from the status panel; only password profiles get the dialog.
        function onSignInRequired(index) {
            if (authOf(page.planes.profileData(index)) === "password")
                signInDialog.openFor(index);
        }
        function authOf(profile) { return profile.auth }
    }

    Shortcut {
        // StandardKey works at run time; Qt 6.4 has no type information for it.
        sequence: StandardKey.New // qmllint disable unqualified
        onActivated: profileDialog.openForNew()
    }
}
