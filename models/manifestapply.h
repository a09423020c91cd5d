#pragma once

#include "core/yaml/manifest.h"
#include "models/manifesteditor.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantList>

namespace Pot::Models {

class ClusterView;
class ResourcePage;

/// Applies a file of many manifests of any kind the console edits (the deploy potctl and
/// ECN-Viewer do): every document checked first, then sent one at a time in dependency order
/// (rules, roles, secrets and config maps before what names them; Manifest::kinds()), created when
/// the control plane does not list it yet and updated when it does, stopping at the first refusal.
/// What was applied, and what stopped it, stays listed. The live state of every object it changes
/// is kept in the history first, as a single edit keeps it.
class ManifestApply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestApply)
    Q_PROPERTY(Pot::Models::ManifestEditor *editor READ editor CONSTANT)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(QStringList log READ log NOTIFY changed)
    Q_PROPERTY(QString outcome READ outcome NOTIFY changed)
    Q_PROPERTY(bool succeeded READ succeeded NOTIFY changed)

public:
    explicit ManifestApply(ClusterView *cluster);

    ManifestEditor *editor() const { return m_editor; }
    bool running() const { return m_running; }
    QStringList log() const { return m_log; }
    QString outcome() const { return m_outcome; }
    bool succeeded() const { return m_succeeded; }

    /// What apply() will send, in order: [{kind, name, action: "create" | "update", text}] where
    /// `text` is "create NatsUserRule sensor-reader (POST /api/v3/nats/user-rules/yaml)"; or one
    /// entry {error} when the file cannot be applied as it is (a problem, a kind the console cannot
    /// apply, a permission missing): then nothing is sent.
    Q_INVOKABLE QVariantList plan();
    /// Sends the plan. false when it cannot start (running already, or the plan has an error).
    Q_INVOKABLE bool apply();

Q_SIGNALS:
    void changed();
    void finished(bool ok);

private:
    struct Step
    {
        ResourcePage *page = nullptr;
        QString kind;
        QString name;
        bool update = false;
        QByteArray text; ///< the document alone, as written
    };
    /// The steps of the editor's text, or the reason there are none.
    Result<QList<Step>> steps() const;
    void runNext();
    /// Keeps `live` (the object before the step changes it) in the history, without Secret values.
    void keepHistory(const Step &step, const QByteArray &live);
    void finish(bool ok, const QString &outcome);

    ClusterView *m_cluster;
    ManifestEditor *m_editor;
    QList<Step> m_pending;
    int m_done = 0;
    bool m_running = false;
    bool m_succeeded = false;
    QStringList m_log;
    QString m_outcome;
};

} // namespace Pot::Models
