#pragma once

// The view models as QML types of the PotConsole module. The models library stays free of QtQml:
// these wrappers name the C++ classes (QML_FOREIGN) so qmltyperegistrar writes their properties,
// methods and enums into the module's type information. QML can then declare typed properties
// (`required property ControlPlanes planes`) and write enums by name (Tone.Ok,
// ConnectionState.SignedIn), and qmllint checks every access. None is creatable from QML: the
// composition root makes them and hands them in.

#include "models/accesspage.h"
#include "models/agentspage.h"
#include "models/applicationspage.h"
#include "models/clusterview.h"
#include "models/controlplanes.h"
#include "models/detailsmodel.h"
#include "models/eventspage.h"
#include "models/manifestapply.h"
#include "models/manifesteditor.h"
#include "models/natsdecoder.h"
#include "models/certificateinspector.h"
#include "models/tlsassistant.h"
#include "models/certificateexport.h"
#include "models/expiryradar.h"
#include "models/natspage.h"
#include "models/permissiongridmodel.h"
#include "models/profilelistmodel.h"
#include "models/resourcelist.h"
#include "models/resourcepage.h"
#include "models/resourcetablemodel.h"
#include "models/ruleformmodel.h"

#include <QtQml/qqml.h>

namespace Pot::Qml {

// Page view models are named …Model: AgentsPage, NatsPage and the others are the QML views.

struct ControlPlanesType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ControlPlanes)
    QML_NAMED_ELEMENT(ControlPlanes)
    QML_UNCREATABLE("made by the composition root and by NatsModel")
};

struct ClusterViewType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ClusterView)
    QML_NAMED_ELEMENT(ClusterView)
    QML_UNCREATABLE("made by ControlPlanes")
};

struct AgentsPageType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::AgentsPage)
    QML_NAMED_ELEMENT(AgentsModel)
    QML_UNCREATABLE("made by ClusterView")
};

struct ApplicationsPageType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ApplicationsPage)
    QML_NAMED_ELEMENT(ApplicationsModel)
    QML_UNCREATABLE("made by ClusterView")
};

struct NatsPageType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::NatsPage)
    QML_NAMED_ELEMENT(NatsModel)
    QML_UNCREATABLE("made by ClusterView")
};

struct AccessPageType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::AccessPage)
    QML_NAMED_ELEMENT(AccessModel)
    QML_UNCREATABLE("made by ClusterView")
};

struct NatsDecoderType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::NatsDecoder)
    QML_NAMED_ELEMENT(NatsDecoder)
    QML_UNCREATABLE("made by the composition root and by NatsModel")
};

struct CertificateInspectorType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::CertificateInspector)
    QML_NAMED_ELEMENT(CertificateInspector)
    QML_UNCREATABLE("made by the composition root")
};

/// Made by the Certificates page for its Export dialog (it needs no service: the page it reads
/// from is passed to prepare()).
struct CertificateExportType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::CertificateExport)
    QML_NAMED_ELEMENT(CertificateExport)
};

struct ExpiryRadarType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ExpiryRadar)
    QML_NAMED_ELEMENT(ExpiryRadar)
    QML_UNCREATABLE("made by the composition root")
};

struct TlsAssistantType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::TlsAssistant)
    QML_NAMED_ELEMENT(TlsAssistant)
    QML_UNCREATABLE("made by the composition root")
};

struct ResourceListType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ResourceList)
    QML_NAMED_ELEMENT(ResourceList)
    QML_UNCREATABLE("made by ClusterView")
};

struct EventsPageType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::EventsPage)
    QML_NAMED_ELEMENT(EventsModel)
    QML_UNCREATABLE("made by ClusterView")
};

struct ResourcePageType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ResourcePage)
    QML_NAMED_ELEMENT(ResourceModel)
    QML_UNCREATABLE("made by ClusterView")
};

struct DetailsModelType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::DetailsModel)
    QML_NAMED_ELEMENT(DetailsModel)
    QML_UNCREATABLE("made by the page models")
};

struct PermissionGridModelType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::PermissionGridModel)
    QML_NAMED_ELEMENT(PermissionGridModel)
    QML_UNCREATABLE("made by AccessModel")
};

struct ProfileListModelType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ProfileListModel)
    QML_NAMED_ELEMENT(ProfileListModel)
    QML_UNCREATABLE("made by ControlPlanes")
};

// Enums: Tone.Ok, ConnectionState.SignedIn.
namespace ToneType {
Q_NAMESPACE
QML_FOREIGN_NAMESPACE(Pot::Tones)
QML_NAMED_ELEMENT(Tone)
} // namespace ToneType

namespace ConnectionStateType {
Q_NAMESPACE
QML_FOREIGN_NAMESPACE(Pot::ConnectionStates)
QML_NAMED_ELEMENT(ConnectionState)
} // namespace ConnectionStateType

struct ManifestEditorType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ManifestEditor)
    QML_NAMED_ELEMENT(ManifestEditor)
    QML_UNCREATABLE("made by the page that edits")
};

struct RuleFormModelType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::RuleFormModel)
    QML_NAMED_ELEMENT(RuleFormModel)
    QML_UNCREATABLE("made by ManifestEditor")
};

struct ManifestApplyType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ManifestApply)
    QML_NAMED_ELEMENT(ManifestApply)
    QML_UNCREATABLE("made by ClusterView")
};

struct ManifestProblemModelType
{
    Q_GADGET
    QML_FOREIGN(Pot::Models::ManifestProblemModel)
    QML_NAMED_ELEMENT(ManifestProblemModel)
    QML_UNCREATABLE("made by ManifestEditor")
};

} // namespace Pot::Qml
