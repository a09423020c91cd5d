#pragma once

#include "core/resources/kind.h"
#include "core/resources/yamlapply.h"
#include "core/secretbytes.h"
#include "models/detailsmodel.h"
#include "models/manifesteditor.h"
#include "models/resourcelist.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>

namespace Pot::Models {

class ClusterView;

/// The list of `kind` as a ResourceList shows it: path, array key, RBAC resource, columns and
/// the row of each object (one conversion for the generic page and the events page).
ResourceList::Spec specOf(const Resources::Kind &kind);

/// The view model of any Controller kind described by a Resources::Kind: its list (filter, sort,
/// selection, refresh, snapshot), the details of the selected object (fetched when the kind has a
/// detail route; secret values kept as SecretBytes, masked until revealed, never saved), the
/// agents a volume mount is linked to, its actions with the reason each is refused, and create /
/// edit through YAML. One per kind and control plane; the QML ResourcePage shows any of them.
class ResourcePage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourcePage)
    Q_PROPERTY(QString kindId READ kindId CONSTANT)
    Q_PROPERTY(QString title READ title CONSTANT)
    Q_PROPERTY(QString singular READ singular CONSTANT)
    /// "an agent", "a secret"
    Q_PROPERTY(QString singularWithArticle READ singularWithArticle CONSTANT)
    Q_PROPERTY(QString plural READ plural CONSTANT)
    Q_PROPERTY(QString emptyText READ emptyText CONSTANT)
    Q_PROPERTY(bool single READ single CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *list READ list CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *details READ details CONSTANT)
    Q_PROPERTY(QVariantList actions READ actions CONSTANT)
    Q_PROPERTY(bool canCreate READ canCreate CONSTANT)
    Q_PROPERTY(bool canEdit READ canEdit CONSTANT)
    Q_PROPERTY(QString yamlKind READ yamlKind CONSTANT)
    Q_PROPERTY(QString yamlHint READ yamlHint CONSTANT)
    Q_PROPERTY(bool secretDetails READ secretDetails CONSTANT)
    Q_PROPERTY(bool hasSelection READ hasSelection NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedKey READ selectedKey NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedName READ selectedName NOTIFY selectionChanged)
    Q_PROPERTY(bool detailsLoading READ detailsLoading NOTIFY detailsChanged)
    Q_PROPERTY(QString detailsError READ detailsError NOTIFY detailsChanged)
    Q_PROPERTY(bool revealed READ revealed WRITE setRevealed NOTIFY detailsChanged)
    Q_PROPERTY(QString readWarning READ readWarning NOTIFY actionsChanged)
    Q_PROPERTY(QString editorError READ editorError NOTIFY editorChanged)
    Q_PROPERTY(QStringList editorWarnings READ editorWarnings NOTIFY editorChanged)
    Q_PROPERTY(bool saving READ saving NOTIFY editorChanged)
    /// The text of the YAML editor, its problems and its draft (null for a kind without YAML).
    Q_PROPERTY(Pot::Models::ManifestEditor *manifest READ manifest CONSTANT)

public:
    ResourcePage(const Resources::Kind &kind, ClusterView *cluster);
    ~ResourcePage() override;

    const Resources::Kind &kind() const { return m_kind; }
    QString kindId() const { return m_kind.id; }
    QString title() const { return m_kind.title; }
    QString singular() const { return m_kind.singular; }
    QString singularWithArticle() const { return Resources::withArticle(m_kind.singular); }
    QString plural() const { return m_kind.plural; }
    QString emptyText() const { return m_kind.emptyText; }
    bool single() const { return m_kind.single; }
    ResourceList *list() const { return m_list; }
    DetailsModel *details() const { return m_details; }
    /// [{id, label, destructive, confirm (0 none, 1 plain, 2 typed name), confirmText, input (0 none,
    /// 1 agent, 2 linked agent)}] in the kind's order.
    QVariantList actions() const;
    bool canCreate() const { return m_kind.yaml.has_value(); }
    bool canEdit() const;
    QString yamlKind() const { return m_kind.yaml ? m_kind.yaml->kind : QString(); }
    /// Whether this page's create route takes documents of `kind`.
    bool takesKind(const QString &kind) const { return Resources::takesKind(m_kind, kind); }
    QString yamlHint() const { return m_kind.yaml ? m_kind.yaml->hint : QString(); }
    bool secretDetails() const { return m_kind.secretDetails; }

    bool hasSelection() const { return !selectedObject().isEmpty(); }
    QString selectedKey() const;
    QString selectedName() const;
    /// The selected object as listed (the single object for a single kind).
    QJsonObject selectedObject() const;
    bool detailsLoading() const { return m_detailsLoading; }
    QString detailsError() const { return m_detailsError; }
    bool revealed() const { return m_revealed; }
    void setRevealed(bool revealed);
    QString readWarning() const;
    /// The agents (uuids) the selected object is linked to, once read.
    QStringList links() const { return m_links; }

    QString editorError() const { return m_editorError; }
    QStringList editorWarnings() const { return m_editorWarnings; }
    bool saving() const { return m_saving; }
    ManifestEditor *manifest() const { return m_manifest; }

    /// Why `actionId` cannot run on the selection right now ("" = it can). Besides the kind's
    /// actions: "create", "edit" and "reveal".
    Q_INVOKABLE QString deniedReason(const QString &actionId) const;
    /// The confirmation text of `actionId` for the selection.
    Q_INVOKABLE QString question(const QString &actionId);
    /// What the action's input offers: [{value, text}] (agents to link, linked agents).
    Q_INVOKABLE QVariantList choices(const QString &actionId) const;
    /// Runs `actionId` on the object `key` (the key the confirmation showed, so a selection that
    /// moved meanwhile cannot redirect it). false when refused at once.
    Q_INVOKABLE bool run(const QString &actionId, const QString &key, const QString &choice = {});
    Q_INVOKABLE void refresh();

    // The YAML editor (the same calls as the access-control page, so one dialog serves both).
    Q_INVOKABLE QString yamlOf(const QString &kind, const QString &key) const;
    Q_INVOKABLE QString newYaml(const QString &kind) const;
    /// Every object of the list as YAML: [{name, text}] in the Controller's order (for the
    /// simulator's choice of an account rule). Empty when the kind has no YAML.
    Q_INVOKABLE QVariantList manifests() const;
    Q_INVOKABLE QString nameOf(const QString &kind, const QString &key) const;
    Q_INVOKABLE QString check(const QString &kind, const QString &text);
    Q_INVOKABLE bool save(const QString &kind, const QString &key, const QString &text);
    Q_INVOKABLE void clearEditor();
    /// Starts the editor on the object `key` ("" = a new one from the kind's example): its text,
    /// and a draft of it kept from before, offered to restore. false when it cannot be edited.
    Q_INVOKABLE bool openEditor(const QString &key);
    /// Starts the editor on a new object copied from `key` (a built-in rule to change): its text
    /// with metadata.name made new. false when nothing can be copied.
    Q_INVOKABLE bool openCopy(const QString &key);
    /// Starts the editor on a new object a form filled in (`document`: the manifest as a map),
    /// written as the kind's canonical YAML, to review and apply as any new object. false when a
    /// new object cannot be made here (read-only, RBAC) or the document is not a manifest.
    Q_INVOKABLE bool openNewFrom(const QVariantMap &document);
    /// The selected object's details as read (secret values included, for C++ callers that need
    /// them, e.g. a certificate's export); empty until they arrive.
    QJsonObject selectedDetails() const { return existing(); }
    ClusterView *cluster() const { return m_cluster; }
    /// The `name`s of the listed objects whose `field` equals `value` (the CAs among certificates),
    /// sorted.
    Q_INVOKABLE QStringList namesWhere(const QString &field, const QVariant &value) const;
    /// Starts the editor on `text` kept in the history entry `historyId` of the object `key`, to
    /// review against what is live and apply (revert).
    Q_INVOKABLE bool openRevert(const QString &key, const QString &historyId);
    /// What saving `text` for `key` ("" = new) will do, for the review before apply:
    /// {error, changes: [{type: "added"|"removed"|"changed"|"kept", text}], requests: [text],
    ///  impact: [text], warnings: [text]}. `error` set: it cannot be applied as it is.
    Q_INVOKABLE QVariantMap review(const QString &key, const QString &text);
    /// For the file applier: the request that applies `text` (one document of this kind), an
    /// update of the listed object of that name when there is one (`update` set), else a create;
    /// checked as save() checks. `live` gets the YAML of the listed object when its list entry is
    /// all of it (for the history), else stays empty.
    Result<Net::ApiRequest> applyRequest(const QString &text, bool *update, QString *name, QByteArray *live);
    /// For the file applier's history, when the list entry is not all of an object (config maps:
    /// their data comes from a details route): reads `name`'s details and calls `done` with its
    /// YAML, or with nothing when it cannot be read. False (and `done` is not called) when there
    /// is nothing to read: the list entry is all of it, or the kind holds secret values.
    bool readLiveYaml(const QString &name, QObject *context, std::function<void(QByteArray)> done);
    /// The states of the object `key` kept before each apply, newest first: [{id, at, note}].
    Q_INVOKABLE QVariantList historyOf(const QString &key) const;

Q_SIGNALS:
    void selectionChanged();
    void actionsChanged();
    void detailsChanged();
    void editorChanged();
    void saved(const QString &kind, const QString &key);

private:
    using Parsed = Resources::YamlDocument;
    Result<Parsed> parse(const QString &text, const QJsonObject &existing) const;
    /// The request that saves `p` (created when `key` is empty).
    Net::ApiRequest saveRequest(const QString &key, const QJsonObject &before, const Parsed &p,
                                const QString &text) const;
    QString draftKeyOf(const QString &name) const;
    Resources::Related related();
    void onSelection();
    void fetchDetails();
    void fetchLinks();
    void showDetails();
    /// The objects of kind `kindId` for the kind's related details; watches that list.
    QList<QJsonObject> relatedObjects(const QString &kindId);
    /// The object being edited: its details when the kind has a detail route, else as listed.
    QJsonObject existing() const;
    /// `o` as its kind's YAML document (the kind's own writer, else its document in manifest order).
    QByteArray yamlText(const QJsonObject &o) const;
    QString rbacName(const QJsonObject &object) const;
    void setEditor(const QString &error, const QStringList &warnings = {});
    void loadSingle();

    Resources::Kind m_kind;
    ClusterView *m_cluster;
    ResourceList *m_list = nullptr;
    DetailsModel *m_details;
    QJsonObject m_single;         ///< the answer of a single kind
    QString m_shownKey;           ///< whose details are shown
    QJsonObject m_detail;         ///< details answer (not for secret kinds)
    SecretBytes m_secretDetail;   ///< details answer of a secret kind, as received
    bool m_haveDetail = false;
    QStringList m_links;
    bool m_linksKnown = false;
    bool m_detailsLoading = false;
    QString m_detailsError;
    bool m_revealed = false;
    QPointer<QObject> m_detailRequest;
    QPointer<QObject> m_linkRequest;
    QList<ResourceList *> m_related;
    QString m_editorError;
    QStringList m_editorWarnings;
    bool m_saving = false;
    ManifestEditor *m_manifest = nullptr;
};

} // namespace Pot::Models
