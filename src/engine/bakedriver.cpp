// SPDX-License-Identifier: MIT
#include "bakedriver.h"

#include <chrono>
#include <thread>

#include "enginelogging.h"

BakeDriver::BakeDriver(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<LogEntry>();
    qRegisterMetaType<BakeOutcome>();
}

BakeDriver::~BakeDriver() = default;

bool BakeDriver::start(const BakeParameters &parameters)
{
    if (m_running) {
        m_error = QStringLiteral("a bake is already running; cancel it or wait for it to finish");
        return false;
    }
    m_error = parameters.validationError(mode());
    if (m_error.isEmpty())
        m_error = prepare(parameters);
    if (!m_error.isEmpty())
        return false;

    m_parameters = parameters;
    m_kitchens.assign(std::size_t(parameters.cakes), Kitchen(parameters.targetTemperature, parameters.mixCount));
    m_resumptions = 0;
    m_reports = 0;
    m_cancelRequested.store(false);
    m_running = true;
    m_clock.start();
    qCDebug(lcEngine) << "starting" << bakeModeName(mode()) << "bake of" << parameters.cakes << "cake(s)";
    Q_EMIT started();
    run();
    return true;
}

qint64 BakeDriver::wallElapsedMs() const
{
    if (!m_clock.isValid())
        return 0;
    return m_running ? m_clock.elapsed() : m_endedAtWallMs;
}

qint64 BakeDriver::elapsedMs() const
{
    if (!m_clock.isValid())
        return 0;
    // A bake that has ended stopped its clock: a status bar refreshed later must show how long it took.
    return (m_running ? elapsedNs() : m_endedAtNs) / 1000000;
}

void BakeDriver::cancel()
{
    if (!m_running || m_cancelRequested.exchange(true))
        return;
    interruptWait();
}

BakeDriver::Yield BakeDriver::resumeTask(int cake, TaskId task)
{
    Kitchen &kitchen = m_kitchens[std::size_t(cake)];
    ++m_resumptions;
    TaskResumption step = kitchen.resume(task);
    while (step.kind == TaskResumption::Kind::Report) {
        ++m_reports;
        Q_EMIT entryAppended(LogEntry{elapsedMs(), cake, task, step.value, kitchen});
        // A receiver may have cancelled the bake; the task then must not run on.
        if (cancelRequested())
            return {TaskResumption::Kind::Finished, 0};
        step = kitchen.resume(task);
    }
    qint64 wakeNs = 0;
    if (step.kind == TaskResumption::Kind::Wait) {
        // As with asyncio.sleep, the wait counts from the moment the task yields.
        wakeNs = elapsedNs() + stepNs();
        kitchen.setWakeMs(task, wakeNs / 1000000);
    }
    Q_EMIT kitchenChanged(cake);
    return {step.kind, wakeNs};
}

bool BakeDriver::holdThread(qint64 recipeNs, bool busy) const
{
    // Short slices, so that a cancel from another thread is seen within a few milliseconds.
    constexpr qint64 sliceNs = 2000000;
    const qint64 endNs = elapsedNs() + recipeNs;
    volatile quint64 stirs = 0;
    while (!cancelRequested()) {
        const qint64 left = endNs - elapsedNs();
        if (left <= 0)
            return true;
        if (!busy) {
            std::this_thread::sleep_for(std::chrono::nanoseconds(wallNs(std::min(left, sliceNs))));
            continue;
        }
        for (int i = 0; i < 10000; ++i)
            stirs = stirs + 1;
    }
    return false;
}

void BakeDriver::adoptReport(int cake, TaskId task, const Kitchen &worker, int value, qint64 timeMs, int thread)
{
    Kitchen &kitchen = m_kitchens[std::size_t(cake)];
    kitchen.adoptTask(task, worker);
    ++m_reports;
    LogEntry entry{timeMs, cake, task, value, kitchen};
    entry.thread = thread;
    Q_EMIT entryAppended(entry);
}

void BakeDriver::adoptResumption(int cake, TaskId task, const Kitchen &worker)
{
    m_kitchens[std::size_t(cake)].adoptTask(task, worker);
    ++m_resumptions;
    Q_EMIT kitchenChanged(cake);
}

void BakeDriver::finish()
{
    if (!m_running)
        return;
    const bool cancelled = cancelRequested();
    if (cancelled) {
        for (std::size_t cake = 0; cake < m_kitchens.size(); ++cake) {
            if (m_kitchens[cake].isFinished())
                continue;
            m_kitchens[cake].cancel();
            Q_EMIT kitchenChanged(int(cake));
        }
    }
    m_endedAtNs = elapsedNs();
    m_endedAtWallMs = m_clock.elapsed();
    m_running = false;
    const BakeOutcome outcome{mode(),    m_parameters, elapsedMs(),     m_resumptions,
                              m_reports, cancelled,    wallElapsedMs(), threadsStarted()};
    qCDebug(lcEngine) << bakeModeName(mode()) << "bake" << (cancelled ? "cancelled" : "finished") << "after"
                      << outcome.totalMs << "ms";
    Q_EMIT finished(outcome);
}
