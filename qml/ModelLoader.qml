import QtQuick

// Makes the view in `file` (a file of this module) while `model` is set, and none while it is
// null: the view's required property named `modelProperty` gets the model when it is made and
// follows it afterwards. A view that needs other values from the file that uses it gets them the
// same way (its `properties` when made, a Binding on `item` afterwards) rather than reading that
// file's ids from inside a Component.
Loader {
    id: loader
    required property string file
    required property string modelProperty
    property QtObject model: null
    /// More initial values of the view's properties (constant ones).
    property var properties: ({})

    function load() {
        if (loader.model === null) {
            loader.source = "";
            return;
        }
        if (loader.item !== null) {
            // Assigned, not bound: a Binding would hand the view null before it is destroyed.
            loader.item[loader.modelProperty] = loader.model;
            return;
        }
        const initial = Object.assign({}, loader.properties);
        initial[loader.modelProperty] = loader.model;
        loader.setSource(Qt.resolvedUrl(loader.file), initial);
    }
    onModelChanged: load()
    Component.onCompleted: load()
}
