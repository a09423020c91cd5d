#include "actionservice.h"

#include "core/logging.h"
#include "core/net/controllerclient.h"
#include "core/session/controlplanesession.h"

#include <QCoreApplication>

namespace Pot::Cluster {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Pot::Cluster::ActionService", text);
}

const QStringList &mutatingVerbs()
{
    static const QStringList verbs{QStringLiteral("create"), QStringLiteral("update"),
                                   QStringLiteral("patch"), QStringLiteral("delete")};
    return verbs;
}

QString joinSubjects(const QList<Rbac::Subject> &subjects)
{
    QStringList roles;
    for (const Rbac::Subject &s : subjects) {
        if (s.kind == u"Group")
            roles << s.name;
    }
    return roles.isEmpty() ? tr("none") : roles.join(u", ");
}

} // namespace

ActionService::ActionService(const Session::ControlPlaneSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

bool ActionService::online() const
{
    return m_session && m_session->online();
}

bool ActionService::demo() const
{
    return m_session && m_session->profile().demo;
}

QString ActionService::readOnlyReason() const
{
    if (demo())
        return tr("The demo control plane is read-only.");
    if (m_session && m_session->profile().readOnly)
        return tr("This profile is read-only.");
    if (!online())
        return tr("Not connected: this is the last state read from the Controller.");
    return {};
}

void ActionService::setAuthorizer(Rbac::Authorizer authorizer, bool bindingsKnown)
{
    m_authorizer = std::move(authorizer);
    m_bindingsKnown = bindingsKnown;
}

QList<Rbac::Subject> ActionService::subjects() const
{
    if (!m_session)
        return {};
    return Rbac::subjectsFromToken(m_session->userName(), m_session->roles());
}

QString ActionService::readDeniedReason(const QString &resource, const QString &verb,
                                        const QString &name) const
{
    if (!online())
        return {}; // offline and demo data is shown as it was read
    const QList<Rbac::Subject> who = subjects();
    if (m_authorizer.decide(who, resource, verb, name).allowed)
        return {};
    // Without the role bindings (not read yet, or not readable with these roles) a grant through a
    // binding cannot be ruled out: let the Controller decide rather than disable wrongly.
    if (!m_bindingsKnown)
        return {};
    QString permission = resource + u':' + verb;
    if (!name.isEmpty())
        permission += u" (" + name + u')';
    return tr("Your roles (%1) do not grant %2.").arg(joinSubjects(who), permission);
}

QString ActionService::deniedReason(const QString &resource, const QString &verb,
                                    const QString &name) const
{
    if (mutatingVerbs().contains(verb) || verb == u"*") {
        if (const QString reason = readOnlyReason(); !reason.isEmpty())
            return reason;
    } else if (!online()) {
        return readOnlyReason();
    }
    return readDeniedReason(resource, verb, name);
}

Net::ApiReply *ActionService::send(const Net::ApiRequest &request, QObject *context, Done done)
{
    if (!online()) {
        Error e(ErrorCode::Network, readOnlyReason());
        QMetaObject::invokeMethod(
            context ? context : this, [done, e] { done(e); }, Qt::QueuedConnection);
        return nullptr;
    }
    return m_session->client()->send(request, context ? context : this, std::move(done));
}

void ActionService::refuse(const QString &reason, const Done &done)
{
    report(false, reason);
    if (done)
        QMetaObject::invokeMethod(
            this, [done, reason] { done(Error(ErrorCode::Forbidden, reason)); },
            Qt::QueuedConnection);
}

void ActionService::run(const QString &successText, const Net::ApiRequest &request, Done done,
                        Settled settled, const std::optional<Permission> &permission, Settled explain)
{
    if (const QString reason = readOnlyReason(); !reason.isEmpty()) {
        refuse(reason, done);
        return;
    }
    if (permission) {
        if (const QString reason = readDeniedReason(permission->resource, permission->verb,
                                                    permission->name);
            !reason.isEmpty()) {
            refuse(reason, done);
            return;
        }
    }
    ++m_busy;
    Q_EMIT busyChanged();
    m_session->client()->send(
        request, this, [this, successText, done, settled, explain](Result<Net::ApiResponse> r) {
            --m_busy;
            Q_EMIT busyChanged();
            const QString already = !r && settled ? settled(r.error()) : QString();
            if (r)
                report(true, successText);
            else if (!already.isEmpty())
                report(true, already);
            else if (const QString words = explain ? explain(r.error()) : QString(); !words.isEmpty())
                report(false, words);
            else
                report(false, r.error().message);
            if (done)
                done(r);
        });
}

void ActionService::report(bool ok, const QString &message)
{
    m_lastOk = ok;
    m_lastMessage = message;
    if (!ok)
        qCInfo(lcModels) << "action failed:" << message;
    Q_EMIT finished(ok, message);
}

} // namespace Pot::Cluster
