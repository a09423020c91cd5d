#pragma once

#include "core/rbac/rbac.h"
#include "core/rbac/rbacyaml.h"
#include "models/detailsmodel.h"
#include "models/permissiongridmodel.h"
#include "models/resourcelist.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace Pot::Models {

class ClusterView;

/// View model of the Access control page: roles, role bindings and service accounts (lists,
/// details, YAML editing through the Controller's /yaml endpoints) and the "who can do what" grid.
///
/// Kinds are named as in YAML: "Role", "RoleBinding", "ServiceAccount". Keys are the list keys:
/// the name for roles and bindings, "application/name" for service accounts.
class AccessPage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessPage)
    Q_PROPERTY(Pot::Models::ResourceList *roles READ roles CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *roleBindings READ roleBindings CONSTANT)
    Q_PROPERTY(Pot::Models::ResourceList *serviceAccounts READ serviceAccounts CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *roleDetails READ roleDetails CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *bindingDetails READ bindingDetails CONSTANT)
    Q_PROPERTY(Pot::Models::DetailsModel *serviceAccountDetails READ serviceAccountDetails CONSTANT)
    Q_PROPERTY(Pot::Models::PermissionGridModel *grid READ grid CONSTANT)
    Q_PROPERTY(QStringList gridSubjects READ gridSubjects NOTIFY gridSubjectsChanged)
    Q_PROPERTY(QString gridSubject READ gridSubject WRITE setGridSubject NOTIFY gridChanged)
    Q_PROPERTY(QString gridResourceName READ gridResourceName WRITE setGridResourceName NOTIFY gridChanged)
    Q_PROPERTY(QString gridSummary READ gridSummary NOTIFY gridChanged)
    Q_PROPERTY(QString editorError READ editorError NOTIFY editorChanged)
    Q_PROPERTY(QStringList editorWarnings READ editorWarnings NOTIFY editorChanged)
    Q_PROPERTY(bool saving READ saving NOTIFY editorChanged)

public:
    explicit AccessPage(ClusterView *cluster);

    /// Columns and row builder of GET /serviceaccounts.
    static ResourceList::Spec serviceAccountsSpec();
    /// "kind name" (e.g. "Group viewer") → subject. A bare name is a Group when it names a built-in
    /// role, else a User.
    static std::optional<Rbac::Subject> parseSubject(const QString &text);

    ResourceList *roles() const;
    ResourceList *roleBindings() const;
    ResourceList *serviceAccounts() const { return m_serviceAccounts; }
    DetailsModel *roleDetails() const { return m_roleDetails; }
    DetailsModel *bindingDetails() const { return m_bindingDetails; }
    DetailsModel *serviceAccountDetails() const { return m_serviceAccountDetails; }
    PermissionGridModel *grid() const { return m_grid; }

    /// The signed-in user, the built-in role groups and every subject named in a binding.
    QStringList gridSubjects() const;
    QString gridSubject() const { return m_gridSubject; }
    void setGridSubject(const QString &subject);
    QString gridResourceName() const { return m_gridResourceName; }
    void setGridResourceName(const QString &name);
    /// "Group viewer: 58 of 210 allowed" or why the subject cannot be read.
    QString gridSummary() const;

    QString editorError() const { return m_editorError; }
    QStringList editorWarnings() const { return m_editorWarnings; }
    bool saving() const { return m_saving; }

    /// YAML of the object under `key` for editing ("" when there is none).
    Q_INVOKABLE QString yamlOf(const QString &kind, const QString &key) const;
    /// A starting point for a new object.
    Q_INVOKABLE QString newYaml(const QString &kind) const;
    /// The name to type when confirming a delete (a service account's own name).
    Q_INVOKABLE QString nameOf(const QString &kind, const QString &key) const;

    /// Why the signed-in user may not create / change / delete; "" when allowed. Built-in roles are
    /// never changed or deleted.
    Q_INVOKABLE QString createDeniedReason(const QString &kind) const;
    Q_INVOKABLE QString editDeniedReason(const QString &kind, const QString &key) const;
    Q_INVOKABLE QString deleteDeniedReason(const QString &kind, const QString &key) const;

    /// Checks the YAML locally; sets editorError/editorWarnings and returns the error ("" = fine).
    Q_INVOKABLE QString check(const QString &kind, const QString &text);
    /// Checks, then uploads: POST …/yaml when `key` is empty, else PATCH …/yaml/{key}. false when
    /// refused locally (editorError says why). The outcome arrives as saved() or in editorError.
    Q_INVOKABLE bool save(const QString &kind, const QString &key, const QString &text);
    /// DELETE of the object under `key`; the result shows in the cluster banner.
    Q_INVOKABLE bool remove(const QString &kind, const QString &key);
    Q_INVOKABLE void clearEditor();

Q_SIGNALS:
    void gridSubjectsChanged();
    void gridChanged();
    void editorChanged();
    void saved(const QString &kind, const QString &key);

private:
    QList<Rbac::Subject> companionsOf(const std::optional<Rbac::Subject> &subject) const;
    ResourceList *listOf(Rbac::Kind kind) const;
    static QString rbacResource(Rbac::Kind kind);
    QString deniedFor(Rbac::Kind kind, const QString &verb, const QString &key) const;
    /// Edit or delete: `change` is the words for it ("changing", "deleting").
    QString changeDeniedReason(const QString &kind, const QString &key, const QString &verb,
                               const QString &change) const;
    void setEditor(const QString &error, const QStringList &warnings);
    void updateRoleDetails();
    void updateBindingDetails();
    void updateServiceAccountDetails();
    void updateGrid();

    ClusterView *m_cluster;
    ResourceList *m_serviceAccounts;
    DetailsModel *m_roleDetails;
    DetailsModel *m_bindingDetails;
    DetailsModel *m_serviceAccountDetails;
    PermissionGridModel *m_grid;
    QString m_gridSubject;
    bool m_gridSubjectChosen = false;
    QString m_gridResourceName;
    QStringList m_gridSubjects;
    QString m_editorError;
    QStringList m_editorWarnings;
    bool m_saving = false;
};

} // namespace Pot::Models
