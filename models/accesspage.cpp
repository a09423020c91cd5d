#include "accesspage.h"

#include "models/clusterview.h"

namespace Pot::Models {

namespace {

QString subjectText(const Rbac::Subject &s)
{
    return s.kind + u' ' + s.name;
}

} // namespace

std::optional<Rbac::Subject> AccessPage::parseSubject(const QString &text)
{
    const QString t = text.simplified();
    if (t.isEmpty())
        return std::nullopt;
    const qsizetype space = t.indexOf(u' ');
    if (space > 0) {
        const QString kind = t.left(space);
        for (const QString &k : {QStringLiteral("User"), QStringLiteral("Group"),
                                 QStringLiteral("ServiceAccount")}) {
            if (kind.compare(k, Qt::CaseInsensitive) == 0)
                return Rbac::Subject{k, t.mid(space + 1)};
        }
        return std::nullopt;
    }
    return Rbac::Subject{Rbac::isSystemRoleName(t) ? QStringLiteral("Group") : QStringLiteral("User"),
                         t};
}

AccessPage::AccessPage(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_grid(new PermissionGridModel(this))
{
    m_grid->setAuthorizer(&cluster->authorizer());
    // Roles and bindings feed the authorizer; each change re-decides the grid.
    connect(cluster, &ClusterView::permissionsChanged, this, &AccessPage::updateGrid);
    updateGrid();
}

QList<Rbac::Subject> AccessPage::companionsOf(const std::optional<Rbac::Subject> &subject) const
{
    // The signed-in user is decided with the groups of its token, as the Controller does.
    const QList<Rbac::Subject> mine = m_cluster->subjects();
    if (!subject || subject->kind != u"User" || !mine.contains(*subject))
        return {};
    QList<Rbac::Subject> groups;
    for (const Rbac::Subject &s : mine) {
        if (s.kind == u"Group")
            groups << s;
    }
    return groups;
}

void AccessPage::updateGrid()
{
    QStringList subjects;
    for (const Rbac::Subject &s : m_cluster->subjects()) {
        if (s.kind == u"User")
            subjects << subjectText(s);
    }
    for (const QString &r : Rbac::systemRoleNames())
        subjects << subjectText({QStringLiteral("Group"), r});
    for (const Rbac::RoleBinding &b : m_cluster->authorizer().bindings()) {
        for (const Rbac::Subject &s : b.subjects)
            subjects << subjectText(s);
    }
    subjects.removeDuplicates();
    if (subjects != m_gridSubjects) {
        m_gridSubjects = subjects;
        Q_EMIT gridSubjectsChanged();
    }
    // Until the user picks one, the grid follows the first offer (the signed-in user once known).
    if (!m_gridSubjectChosen && !subjects.isEmpty() && m_gridSubject != subjects.constFirst()) {
        m_gridSubject = subjects.constFirst();
    }
    m_grid->setCompanions(companionsOf(parseSubject(m_gridSubject)));
    m_grid->setSubject(parseSubject(m_gridSubject));
    m_grid->recompute();
    Q_EMIT gridChanged();
}

void AccessPage::setGridSubject(const QString &subject)
{
    if (subject == m_gridSubject)
        return;
    m_gridSubject = subject;
    m_gridSubjectChosen = true;
    m_grid->setCompanions(companionsOf(parseSubject(subject)));
    m_grid->setSubject(parseSubject(subject));
    Q_EMIT gridChanged();
}

void AccessPage::setGridResourceName(const QString &name)
{
    if (name == m_gridResourceName)
        return;
    m_gridResourceName = name;
    m_grid->setResourceName(name.trimmed());
    Q_EMIT gridChanged();
}

QString AccessPage::gridSummary() const
{
    const auto subject = m_grid->subject();
    if (!subject)
        return m_gridSubject.trimmed().isEmpty()
                   ? tr("Choose a subject, e.g. “Group viewer” or “User alice”.")
                   : tr("“%1” is not a subject: write User, Group or ServiceAccount, then the name.")
                         .arg(m_gridSubject.trimmed());
    const int total = m_grid->rowCount() * m_grid->columnCount();
    QString text = tr("%1: %2 of %3 allowed").arg(subjectText(*subject)).arg(m_grid->allowedCount()).arg(total);
    if (subject->kind == u"Group" && subject->name != subject->name.toLower())
        text += tr(" (token roles are lower-cased, so no user is ever in this group)");
    if (!m_cluster->roleBindings()->loaded())
        text += tr(" — role bindings not read, only built-in roles count");
    return text;
}

} // namespace Pot::Models
