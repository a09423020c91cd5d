#include "manifestapply.h"

#include "core/logging.h"
#include "core/session/controlplanesession.h"
#include "core/yaml/manifestcheck.h"
#include "core/yaml/manifeststore.h"
#include "models/clusterview.h"
#include "models/resourcepage.h"

#include <QRegularExpression>

#include <algorithm>

namespace Pot::Models {

ManifestApply::ManifestApply(ClusterView *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
{
    ManifestEditor::Services es;
    es.drafts = cluster->services().drafts;
    es.profile = cluster->session() ? cluster->session()->profile().id : QUuid();
    m_editor = new ManifestEditor(es, this);
    m_editor->load({}, QStringLiteral("apply/file"));
}

Result<QList<ManifestApply::Step>> ManifestApply::steps() const
{
    const QByteArray text = m_editor->text().toUtf8();
    const Manifest::Checked checked = Manifest::check(text);
    for (const Manifest::Problem &problem : checked.problems) {
        if (problem.isError())
            return Error(ErrorCode::InvalidInput,
                         tr("Document %1, line %2, column %3: %4")
                             .arg(problem.document + 1)
                             .arg(problem.line)
                             .arg(problem.column)
                             .arg(problem.path.isEmpty() ? problem.message : problem.path + u": " + problem.message));
    }
    if (checked.documents.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The file has no manifest in it."));
    // Dependency order: the order of Manifest::kinds(), documents of one kind as written.
    const QList<Manifest::KindInfo> &kinds = Manifest::kinds();
    const auto rank = [&kinds](const QString &kind) {
        for (qsizetype i = 0; i < kinds.size(); ++i) {
            if (kinds.at(i).kind == kind)
                return i;
        }
        return kinds.size();
    };
    QList<Manifest::Document> documents = checked.documents;
    std::stable_sort(documents.begin(), documents.end(), [&rank](const Manifest::Document &a, const Manifest::Document &b) {
        return rank(a.kind()) < rank(b.kind());
    });
    QList<Step> out;
    for (const Manifest::Document &d : std::as_const(documents)) {
        ResourcePage *page = nullptr;
        for (ResourcePage *p : m_cluster->resourcePages()) {
            if (p->takesKind(d.kind()) && p->list())
                page = p;
        }
        if (!page)
            return Error(ErrorCode::InvalidInput,
                         tr("Document %1 (%2 %3): the console cannot apply this kind yet.")
                             .arg(d.index + 1)
                             .arg(d.kind(), d.name()));
        out << Step{page, d.kind(), d.name(), false, Manifest::documentText(text, d.line)};
    }
    return out;
}

QVariantList ManifestApply::plan()
{
    QVariantList out;
    Result<QList<Step>> s = steps();
    if (!s)
        return {QVariantMap{{QStringLiteral("error"), s.error().message}}};
    for (Step &step : *s) {
        QString name;
        QByteArray live;
        const Result<Net::ApiRequest> request = step.page->applyRequest(QString::fromUtf8(step.text), &step.update, &name, &live);
        if (!request)
            return {QVariantMap{{QStringLiteral("error"), tr("%1 %2: %3").arg(step.kind, step.name, request.error().message)}}};
        out << QVariantMap{
            {QStringLiteral("kind"), step.kind},
            {QStringLiteral("name"), step.name},
            {QStringLiteral("action"), step.update ? QStringLiteral("update") : QStringLiteral("create")},
            {QStringLiteral("text"), tr("%1 %2 %3 (%4 /api/v3%5)")
                                         .arg(step.update ? tr("update") : tr("create"), step.kind, step.name,
                                              QString::fromLatin1(request->method), request->path)}};
    }
    return out;
}

bool ManifestApply::apply()
{
    if (m_running)
        return false;
    Result<QList<Step>> s = steps();
    m_log.clear();
    m_done = 0;
    if (!s) {
        finish(false, s.error().message);
        return false;
    }
    // Every document is checked against the control plane before the first is sent.
    for (Step &step : *s) {
        QString name;
        QByteArray live;
        const Result<Net::ApiRequest> request = step.page->applyRequest(QString::fromUtf8(step.text), &step.update, &name, &live);
        if (!request) {
            finish(false, tr("Nothing was sent. %1 %2: %3").arg(step.kind, step.name, request.error().message));
            return false;
        }
    }
    m_pending = *s;
    m_running = true;
    m_succeeded = false;
    m_outcome.clear();
    Q_EMIT changed();
    runNext();
    return true;
}

void ManifestApply::runNext()
{
    if (m_pending.isEmpty()) {
        m_editor->markSaved();
        finish(true, m_done == 1 ? tr("Applied 1 document.") : tr("Applied %1 documents.").arg(m_done));
        return;
    }
    const Step step = m_pending.takeFirst();
    QString name;
    QByteArray live;
    bool update = false;
    const Result<Net::ApiRequest> request = step.page->applyRequest(QString::fromUtf8(step.text), &update, &name, &live);
    if (!request) {
        finish(false, tr("%1 %2: %3").arg(step.kind, step.name, request.error().message));
        return;
    }
    // The live state first, as an edit keeps it (no Secret values). Where the list entry is not
    // all of the object (config maps), its details are read for it first.
    QPointer<ManifestApply> self(this);
    auto send = [self, step, request = *request, update](const QByteArray &live) {
        if (!self)
            return;
        self->keepHistory(step, live);
        const QString done = update ? tr("Updated %1 %2.").arg(step.kind, step.name)
                                    : tr("Created %1 %2.").arg(step.kind, step.name);
        self->m_cluster->runAction(done, request, {step.page->list()}, [self, step, done](Result<Net::ApiResponse> r) {
            if (!self)
                return;
            if (!r) {
                self->finish(false, tr("%1 %2 was refused: %3").arg(step.kind, step.name, r.error().message));
                return;
            }
            self->m_log << done;
            ++self->m_done;
            Q_EMIT self->changed();
            self->runNext();
        });
    };
    const bool reading = update && live.isEmpty()
        && step.page->readLiveYaml(name, this, [send, step](const QByteArray &read) {
               if (read.isEmpty())
                   qCWarning(lcModels) << "history not kept: the details of" << step.kind << step.name << "could not be read";
               send(read);
           });
    if (!reading)
        send(update ? live : QByteArray());
}

void ManifestApply::keepHistory(const Step &step, const QByteArray &live)
{
    const Manifest::HistoryStore *history = m_cluster->services().history;
    if (live.isEmpty() || !history || !m_cluster->session())
        return;
    if (const Result<QByteArray> clean = Manifest::withoutSecretValues(live); clean) {
        const Result<Manifest::HistoryEntry> kept = history->record(
            m_cluster->session()->profile().id, step.kind, step.name, *clean, tr("before applying a file"));
        if (!kept)
            qCWarning(lcModels) << "history not kept:" << kept.error().toString();
    }
}

void ManifestApply::finish(bool ok, const QString &outcome)
{
    m_running = false;
    m_pending.clear();
    m_succeeded = ok;
    m_outcome = ok ? outcome
                   : m_done == 0 ? outcome
                                 : tr("%1 Stopped there; %2 applied before it (listed above).").arg(outcome).arg(m_done);
    Q_EMIT changed();
    Q_EMIT finished(ok);
}

} // namespace Pot::Models
