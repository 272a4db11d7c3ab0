// SPDX-License-Identifier: MIT
#include "recipetracewriter.h"

#include "outputfile.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace recipe {

namespace {
constexpr double nsPerUs = 1000.0;

/// A task's track: tid 0 would be taken for the process itself by some viewers, so tasks count from 1.
int trackOf(int task)
{
    return task + 1;
}

QJsonObject instant(int task, qint64 timeNs, const QString &name, const QJsonObject &args = {})
{
    QJsonObject event{{QStringLiteral("name"), name},
                      {QStringLiteral("ph"), QStringLiteral("i")},
                      {QStringLiteral("s"), QStringLiteral("t")},
                      {QStringLiteral("pid"), RecipeTraceWriter::processId},
                      {QStringLiteral("tid"), trackOf(task)},
                      {QStringLiteral("ts"), double(timeNs) / nsPerUs}};
    if (!args.isEmpty())
        event.insert(QStringLiteral("args"), args);
    return event;
}
} // namespace

RecipeTraceWriter::RecipeTraceWriter(const RunJournal &journal, const QString &title)
    : m_journal(journal)
    , m_title(title)
{
}

QJsonObject RecipeTraceWriter::toJson() const
{
    QJsonArray events;
    events.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("process_name")},
                              {QStringLiteral("ph"), QStringLiteral("M")},
                              {QStringLiteral("pid"), processId},
                              {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), m_title}}}});
    // What each task is doing since when: a slice ends where the next thing it does begins.
    struct Open {
        qint64 sinceNs = 0;
        QString name;
    };
    std::map<int, Open> open;
    const auto close = [&events, &open](int task, qint64 nowNs) {
        const auto found = open.find(task);
        if (found == open.end())
            return;
        events.append(QJsonObject{{QStringLiteral("name"), found->second.name},
                                  {QStringLiteral("ph"), QStringLiteral("X")},
                                  {QStringLiteral("pid"), processId},
                                  {QStringLiteral("tid"), trackOf(task)},
                                  {QStringLiteral("ts"), double(found->second.sinceNs) / nsPerUs},
                                  {QStringLiteral("dur"), double(nowNs - found->second.sinceNs) / nsPerUs}});
        open.erase(found);
    };
    const auto begin = [&close, &open](int task, qint64 nowNs, const QString &name) {
        close(task, nowNs);
        open[task] = {nowNs, name};
    };
    // A task parks, and is told next what it waits for: the wait's slice is named after it.
    const auto parkedOn = [&begin, &open](int task, qint64 nowNs, const QString &name) {
        if (const auto found = open.find(task); found != open.end() && found->second.name == QLatin1String("awaits"))
            found->second.name = name;
        else
            begin(task, nowNs, name);
    };
    KitchenSnapshot kitchen;
    for (const JournalEvent &event : m_journal.events()) {
        kitchen.apply(event);
        const KitchenSnapshot::Task *task = kitchen.task(event.task);
        switch (event.kind) {
        case JournalEvent::Kind::TaskMade:
            events.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("thread_name")},
                                      {QStringLiteral("ph"), QStringLiteral("M")},
                                      {QStringLiteral("pid"), processId},
                                      {QStringLiteral("tid"), trackOf(event.task)},
                                      {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), task->name()}}}});
            break;
        case JournalEvent::Kind::TaskResumed:
            begin(event.task, event.timeNs, QStringLiteral("running"));
            break;
        case JournalEvent::Kind::TaskSleeps:
            begin(event.task, event.timeNs, QStringLiteral("asyncio.sleep"));
            break;
        case JournalEvent::Kind::TaskParked:
            begin(event.task, event.timeNs, QStringLiteral("awaits"));
            break;
        case JournalEvent::Kind::TaskWaitsIn:
            parkedOn(event.task, event.timeNs, event.text + QStringLiteral("()"));
            break;
        case JournalEvent::Kind::TaskAwaits: {
            QStringList awaited;
            for (const int each : event.tasks) {
                const KitchenSnapshot::Task *other = kitchen.task(each);
                awaited << (other ? other->name() : QStringLiteral("Task-%1").arg(each));
            }
            parkedOn(event.task, event.timeNs, QStringLiteral("awaits ") + awaited.join(QStringLiteral(", ")));
            break;
        }
        case JournalEvent::Kind::ResourceUsed:
            // A thread's wait ends with the method it waited in.
            if (open.count(event.task) && open[event.task].name == event.text + QStringLiteral("()"))
                close(event.task, event.timeNs);
            break;
        case JournalEvent::Kind::TaskFinished:
        case JournalEvent::Kind::TaskCancelled:
            close(event.task, event.timeNs);
            if (event.kind == JournalEvent::Kind::TaskCancelled)
                events.append(instant(event.task, event.timeNs, QStringLiteral("cancelled")));
            break;
        case JournalEvent::Kind::TaskFailed:
            events.append(
                instant(event.task, event.timeNs, QStringLiteral("failed"), {{QStringLiteral("error"), event.text}}));
            break;
        case JournalEvent::Kind::CancelAsked:
            events.append(
                instant(event.other, event.timeNs, QStringLiteral("cancels %1").arg(task ? task->name() : QString())));
            break;
        case JournalEvent::Kind::Printed:
            events.append(instant(event.task, event.timeNs, QStringLiteral("print"),
                                  {{QStringLiteral("text"), event.text.chopped(event.text.endsWith(u'\n') ? 1 : 0)}}));
            break;
        case JournalEvent::Kind::ResourceMade:
        case JournalEvent::Kind::TaskWoken: // drawn as an arrow, below
            break;
        }
    }
    const qint64 endNs = m_journal.events().empty() ? 0 : m_journal.events().back().timeNs;
    while (!open.empty())
        close(open.begin()->first, endNs);
    // An arrow from each waker to the task it woke: "s" where the wake was given, "f" where it was taken.
    int flow = 0;
    for (const RunJournal::Wake &wake : m_journal.wakes()) {
        ++flow;
        const QString name
            = wake.why == QLatin1String("ended") ? QStringLiteral("ended") : wake.why + QStringLiteral("()");
        // The two ends of one arrow differ only in their phase, track and time; the finish binds to the slice it
        // ends in ("bp": "e").
        const auto end = [&](const char *phase, int task, qint64 timeNs) {
            QJsonObject event{{QStringLiteral("name"), name},
                              {QStringLiteral("cat"), QStringLiteral("wake")},
                              {QStringLiteral("ph"), QLatin1String(phase)},
                              {QStringLiteral("id"), flow},
                              {QStringLiteral("pid"), processId},
                              {QStringLiteral("tid"), trackOf(task)},
                              {QStringLiteral("ts"), double(timeNs) / nsPerUs}};
            if (phase[0] == 'f')
                event.insert(QStringLiteral("bp"), QStringLiteral("e"));
            events.append(event);
        };
        end("s", wake.from, wake.fromNs);
        end("f", wake.to, wake.toNs);
    }
    return {{QStringLiteral("traceEvents"), events}, {QStringLiteral("displayTimeUnit"), QStringLiteral("ms")}};
}

bool RecipeTraceWriter::write(const QString &path, QString *error) const
{
    return OutputFile(path).write(QJsonDocument(toJson()).toJson(QJsonDocument::Compact), error);
}

} // namespace recipe
