#pragma once

// Header-only: used by the model tests, which link pot_models (pot_testsupport does not).

#include "core/profiles/memorysecretstore.h"
#include "core/profiles/snapshotstore.h"
#include "core/yaml/manifeststore.h"
#include "core/resources/registry.h"
#include "core/session/controlplanesession.h"
#include "models/clusterview.h"
#include "models/resourcepage.h"
#include "standincontroller.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

namespace Pot::Test {

/// A control-plane session signed in to a stand-in Controller, with snapshots in a temporary
/// directory and the generic resource pages, as the console makes it.
struct SignedInSession
{
    static constexpr int Wait = 15000;

    StandInController controller;
    QNetworkAccessManager network;
    Profiles::MemorySecretStore secrets;
    QTemporaryDir snapshotDir;
    std::unique_ptr<Profiles::SnapshotStore> snapshots;
    std::unique_ptr<Manifest::DraftStore> drafts;
    std::unique_ptr<Manifest::HistoryStore> history;
    Resources::Registry kinds;
    std::unique_ptr<Session::ControlPlaneSession> session;
    /// Made with the session, as ControlPlanes makes it; destroyed before it.
    std::unique_ptr<Models::ClusterView> view;

    /// Signs in as `email` and waits until the role bindings are read and `ready` holds.
    bool start(const QString &email, const QString &password, const std::function<bool()> &ready = {})
    {
        if (!controller.listen() || !snapshotDir.isValid())
            return false;
        snapshots = std::make_unique<Profiles::SnapshotStore>(snapshotDir.path() + QStringLiteral("/snapshots"));
        drafts = std::make_unique<Manifest::DraftStore>(snapshotDir.path() + QStringLiteral("/drafts"));
        history = std::make_unique<Manifest::HistoryStore>(snapshotDir.path() + QStringLiteral("/history"));
        Profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = QStringLiteral("stand-in");
        p.controllerUrl = controller.address();
        p.email = email;
        Session::ControlPlaneSession::Services services;
        services.secrets = &secrets;
        services.requestTimeoutMs = 5000;
        session = std::make_unique<Session::ControlPlaneSession>(p, services);
        Models::ClusterView::Services clusterServices;
        clusterServices.snapshots = snapshots.get();
        clusterServices.kinds = &kinds;
        clusterServices.drafts = drafts.get();
        clusterServices.history = history.get();
        view = std::make_unique<Models::ClusterView>(session.get(), clusterServices);
        session->connectToController();
        if (!QTest::qWaitFor([&] { return session->state() == ConnectionState::SignInRequired; }, Wait))
            return false;
        session->signIn(email, password, {}, false);
        if (!QTest::qWaitFor([&] { return session->state() == ConnectionState::SignedIn; }, Wait))
            return false;
        return QTest::qWaitFor([&] { return cluster()->roleBindings()->loaded() && (!ready || ready()); },
                               Wait);
    }
    Models::ClusterView *cluster() const { return view.get(); }
    /// The generic page of the kind `id`.
    Models::ResourcePage *page(const QString &id) const { return cluster()->resourcePage(id); }
    /// Waits until the page lists `key`, then selects it.
    bool select(Models::ResourcePage *p, const QString &key)
    {
        if (!QTest::qWaitFor([&] { return p->list()->loaded() && p->list()->rowOfKey(key) >= 0; }, Wait))
            return false;
        p->list()->setSelectedKey(key);
        return p->selectedKey() == key;
    }
};

} // namespace Pot::Test
