// SPDX-License-Identifier: MIT
#include "bakedriver.h"

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
