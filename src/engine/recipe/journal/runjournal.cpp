// SPDX-License-Identifier: MIT
#include "runjournal.h"

#include <algorithm>
#include <map>

namespace recipe {

namespace {
constexpr qint64 nsPerMs = 1000000;
} // namespace

RunJournal::RunJournal(bool threads)
    : m_threads(threads)
{
    m_sinceMade.start();
}

JournalEvent &RunJournal::record(JournalEvent::Kind kind, int task)
{
    JournalEvent &event = m_events.emplace_back();
    event.kind = kind;
    event.task = task;
    event.timeNs = m_clock ? m_clock() : m_sinceMade.nsecsElapsed();
    return event;
}

KitchenSnapshot RunJournal::snapshotAt(std::size_t count) const
{
    KitchenSnapshot kitchen;
    for (std::size_t i = 0; i < std::min(count, m_events.size()); ++i)
        kitchen.apply(m_events[i]);
    return kitchen;
}

std::vector<RunJournal::Wake> RunJournal::wakes() const
{
    std::vector<Wake> found;
    std::map<int, QString> lastMethod; // by task: the resource's method it used last
    std::map<int, Wake> woken; // by woken task: the wake it has not yet gone on from
    std::map<int, qint64> endedAt;
    KitchenSnapshot kitchen;
    for (const JournalEvent &event : m_events) {
        const KitchenSnapshot::Task *task = kitchen.task(event.task);
        // A task woken in a resource goes on as it resumes (a thread: as the method it waited in ends).
        if (event.kind == JournalEvent::Kind::TaskResumed || event.kind == JournalEvent::Kind::ResourceUsed) {
            if (const auto wake = woken.find(event.task); wake != woken.end()) {
                found.push_back({wake->second.from, wake->second.fromNs, event.task, event.timeNs, wake->second.why});
                woken.erase(wake);
            }
        }
        switch (event.kind) {
        case JournalEvent::Kind::TaskWoken:
            woken[event.task] = {event.other, event.timeNs, event.task, 0, lastMethod[event.other]};
            break;
        case JournalEvent::Kind::TaskResumed:
            if (task && task->state == KitchenSnapshot::Task::State::AwaitsTasks) {
                // What it awaited went on to its end; the last of them to end is the one that let it go on.
                int last = 0;
                for (const int awaited : task->awaits) {
                    const auto ended = endedAt.find(awaited);
                    if (ended != endedAt.end() && (last == 0 || ended->second >= endedAt[last]))
                        last = awaited;
                }
                if (last != 0)
                    found.push_back({last, endedAt[last], event.task, event.timeNs, QStringLiteral("ended")});
            }
            break;
        case JournalEvent::Kind::ResourceUsed:
            lastMethod[event.task] = event.text;
            break;
        case JournalEvent::Kind::TaskFinished:
        case JournalEvent::Kind::TaskCancelled:
            endedAt[event.task] = event.timeNs;
            woken.erase(event.task);
            break;
        default:
            break;
        }
        kitchen.apply(event);
    }
    return found;
}

QString RunJournal::resourceText(const KitchenSnapshot &kitchen, int number)
{
    const KitchenSnapshot::Resource *resource = kitchen.resource(number);
    if (!resource)
        return QString();
    QStringList holders;
    for (const int holder : resource->holders) {
        const KitchenSnapshot::Task *task = kitchen.task(holder);
        holders << (task ? task->name() : QStringLiteral("Task-%1").arg(holder));
    }
    return QStringLiteral("%1 (%2%3)")
        .arg(resource->name(), resource->state,
             holders.isEmpty() ? QString() : QStringLiteral(", held by %1").arg(holders.join(QStringLiteral(", "))));
}

QString RunJournal::wakeText(const KitchenSnapshot &kitchen, const Wake &wake)
{
    const auto nameOf = [&kitchen](int number) {
        const KitchenSnapshot::Task *task = kitchen.task(number);
        return task ? task->name() : QStringLiteral("Task-%1").arg(number);
    };
    if (wake.why == QLatin1String("ended"))
        return QStringLiteral("%1 goes on: %2, which it awaited, ended").arg(nameOf(wake.to), nameOf(wake.from));
    return QStringLiteral("%1 goes on, woken by %2's %3()").arg(nameOf(wake.to), nameOf(wake.from), wake.why);
}

std::vector<RunJournal::Line> RunJournal::lines() const
{
    std::vector<Line> lines;
    const std::vector<Wake> allWakes = wakes();
    auto nextWake = allWakes.begin();
    KitchenSnapshot kitchen;
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        const JournalEvent &event = m_events[i];
        const auto add = [&](const QString &text) { lines.push_back({event.timeNs, i, text}); };
        kitchen.apply(event);
        const KitchenSnapshot::Task *task = kitchen.task(event.task);
        const QString name = task ? task->name() : QString();
        // A wake is told as the woken task goes on: its resume, or its method's end in the resource.
        const bool goesOn
            = event.kind == JournalEvent::Kind::TaskResumed || event.kind == JournalEvent::Kind::ResourceUsed;
        if (goesOn && nextWake != allWakes.end() && nextWake->to == event.task && nextWake->toNs == event.timeNs) {
            add(wakeText(kitchen, *nextWake));
            ++nextWake;
        }
        switch (event.kind) {
        case JournalEvent::Kind::TaskMade:
            add(QStringLiteral("%1 created").arg(name));
            break;
        case JournalEvent::Kind::TaskWaitsIn:
            if (event.other == 0)
                add(QStringLiteral("%1 waits in %2()").arg(name, event.text));
            else
                add(QStringLiteral("%1 waits in %2() on %3").arg(name, event.text, resourceText(kitchen, event.other)));
            break;
        case JournalEvent::Kind::CancelAsked: {
            const KitchenSnapshot::Task *by = kitchen.task(event.other);
            add(event.other == 0 || !by
                    ? QStringLiteral("%1 is asked to cancel, by no task: a timeout's timer, or asyncio.run() as it "
                                     "ends")
                          .arg(name)
                    : QStringLiteral("%1 asks %2 to cancel").arg(by->name(), name));
            break;
        }
        case JournalEvent::Kind::TaskCancelled:
            add(QStringLiteral("%1 ended cancelled").arg(name));
            break;
        case JournalEvent::Kind::TaskFailed:
            add(QStringLiteral("%1 failed: %2").arg(name, event.text));
            break;
        case JournalEvent::Kind::TaskFinished:
            if (event.other == 0)
                add(QStringLiteral("%1 finished").arg(name));
            break;
        default:
            break;
        }
    }
    return lines;
}

QStringList RunJournal::formattedLines() const
{
    QStringList text;
    for (const Line &line : lines())
        text << QStringLiteral("[%1 ms] %2").arg(line.timeNs / nsPerMs, 6).arg(line.text);
    return text;
}

void RunJournal::taskMade(int task, const QString &coroutine, int cake)
{
    Q_UNUSED(cake)
    JournalEvent &event = record(JournalEvent::Kind::TaskMade, task);
    event.text = coroutine;
    event.other = m_threads ? 1 : 0;
}

void RunJournal::taskResumed(int task)
{
    record(JournalEvent::Kind::TaskResumed, task);
}

void RunJournal::taskSuspended(int task, qint64 wakeNs)
{
    if (wakeNs == awaitsAnother) {
        record(JournalEvent::Kind::TaskParked, task);
        return;
    }
    JournalEvent &event = record(JournalEvent::Kind::TaskSleeps, task);
    event.wakeNs = wakeNs;
}

void RunJournal::taskWaitsIn(int task, const QString &method, int resource)
{
    JournalEvent &event = record(JournalEvent::Kind::TaskWaitsIn, task);
    event.text = method;
    event.other = resource;
}

void RunJournal::taskAwaits(int task, const std::vector<int> &awaited)
{
    record(JournalEvent::Kind::TaskAwaits, task).tasks = awaited;
}

void RunJournal::taskFinished(int task, bool failed)
{
    record(JournalEvent::Kind::TaskFinished, task).other = failed ? 1 : 0;
}

void RunJournal::taskFailed(int task, const QString &error)
{
    record(JournalEvent::Kind::TaskFailed, task).text = error;
}

void RunJournal::taskCancelled(int task)
{
    record(JournalEvent::Kind::TaskCancelled, task);
}

void RunJournal::taskWoken(int task, int by)
{
    record(JournalEvent::Kind::TaskWoken, task).other = by;
}

void RunJournal::taskCancelAsked(int task, int by)
{
    record(JournalEvent::Kind::CancelAsked, task).other = by;
}

void RunJournal::resourceMade(int resource, const QString &type, const QString &state)
{
    JournalEvent &event = record(JournalEvent::Kind::ResourceMade, 0);
    event.other = resource;
    event.text = type;
    event.state = state;
}

void RunJournal::resourceUsed(int task, int resource, const QString &method, const QString &state)
{
    JournalEvent &event = record(JournalEvent::Kind::ResourceUsed, task);
    event.other = resource;
    event.text = method;
    event.state = state;
}

void RunJournal::printed(const QString &text, int task, int cake, const QString &function)
{
    Q_UNUSED(cake)
    Q_UNUSED(function)
    record(JournalEvent::Kind::Printed, task).text = text;
}

} // namespace recipe
