#pragma once

#include "core/error.h"
#include "core/net/apireply.h"
#include "core/rbac/rbac.h"
#include "core/result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace Pot::Session {
class ControlPlaneSession;
}

namespace Pot::Cluster {

/// The one way the console changes a control plane, used by every page: first whether anything
/// may be changed at all (profile read-only, demo, offline), then the signed-in user's permission
/// as the Controller's RBAC would decide it (with the reason), then the request, then the outcome
/// (finished(), busy(), a refusal that means "already so" reported as done). One per control plane.
class ActionService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionService)

public:
    using Done = std::function<void(Result<Net::ApiResponse>)>;
    /// Maps a refusal that means the wanted state already holds (e.g. "already has an account") to
    /// the message reported instead of an error; "" keeps the error.
    using Settled = std::function<QString(const Error &)>;

    /// An RBAC permission: `verb` on `resource` (named `name`).
    struct Permission
    {
        QString resource;
        QString verb;
        QString name;
    };

    explicit ActionService(const Session::ControlPlaneSession *session, QObject *parent = nullptr);

    bool online() const;
    bool demo() const;
    /// Why nothing may be changed right now (profile read-only, demo, offline); empty if allowed.
    QString readOnlyReason() const;

    /// The roles and bindings last read. `bindingsKnown`: the role bindings were read (without them
    /// a grant through a binding cannot be ruled out, so nothing is refused on RBAC grounds).
    void setAuthorizer(Rbac::Authorizer authorizer, bool bindingsKnown);
    const Rbac::Authorizer &authorizer() const { return m_authorizer; }
    /// The signed-in user's subjects (user and groups, from the token).
    QList<Rbac::Subject> subjects() const;

    /// Why the signed-in user may not do `verb` on `resource` (named `name`), as the Controller's
    /// RBAC would decide it; empty when allowed. Mutating verbs are also refused when read-only.
    QString deniedReason(const QString &resource, const QString &verb, const QString &name = {}) const;
    /// Same, ignoring read-only (for reading: lists, details).
    QString readDeniedReason(const QString &resource, const QString &verb,
                             const QString &name = {}) const;

    /// Sends a request that changes nothing (creds, provisioning key). Fails (queued) when offline.
    Net::ApiReply *send(const Net::ApiRequest &request, QObject *context, Done done);
    /// Runs a mutating request and reports it through finished() with `successText` (or what
    /// `settled` maps a refusal to: a refusal that means it is done already). A refusal `explain`
    /// has words for is reported with them instead of the Controller's message. Refused with the reason, before anything is sent, when
    /// read-only or when `permission` is given and RBAC denies it; `done` then gets a Forbidden
    /// error (queued). `done` runs after finished().
    void run(const QString &successText, const Net::ApiRequest &request, Done done = {},
             Settled settled = {}, const std::optional<Permission> &permission = std::nullopt,
             Settled explain = {});
    /// Reports the outcome of an action decided without a request (nothing to do), as run() does.
    void report(bool ok, const QString &message);

    bool busy() const { return m_busy > 0; }
    QString lastMessage() const { return m_lastMessage; }
    bool lastOk() const { return m_lastOk; }

Q_SIGNALS:
    void busyChanged();
    void finished(bool ok, const QString &message);

private:
    void refuse(const QString &reason, const Done &done);

    const Session::ControlPlaneSession *m_session;
    Rbac::Authorizer m_authorizer;
    bool m_bindingsKnown = false;
    int m_busy = 0;
    QString m_lastMessage;
    bool m_lastOk = true;
};

} // namespace Pot::Cluster
