// SPDX-License-Identifier: MIT
#include "threadedcakeobserver.h"

#include "enginelogging.h"

namespace {
constexpr qint64 nsPerMs = 1000000;
constexpr int percent = 100;
} // namespace

ThreadedCakeObserver::ThreadedCakeObserver(const BakeParameters &parameters, QElapsedTimer clock, Report report,
                                           Change change)
    : m_parameters(parameters)
    , m_clock(clock)
    , m_report(std::move(report))
    , m_change(std::move(change))
    , m_kitchens(std::size_t(parameters.cakes), Kitchen(parameters.targetTemperature, parameters.mixCount))
{
}

qint64 ThreadedCakeObserver::nowNs() const
{
    return m_clock.nsecsElapsed() * m_parameters.speedPercent / percent;
}

std::optional<CakeJob> ThreadedCakeObserver::jobOf(int task) const
{
    return task > 0 && std::size_t(task) < m_jobs.size() ? m_jobs[std::size_t(task)] : std::nullopt;
}

bool ThreadedCakeObserver::stirsByHand(const CakeJob &job) const
{
    return job.task == TaskId::Mix && m_parameters.trapIn(BakeMode::Threaded) == MixTrap::StirByHand;
}

int ThreadedCakeObserver::workerThread(const CakeJob &job)
{
    return 2 * job.cake + (job.task == TaskId::Preheat ? 1 : 2);
}

void ThreadedCakeObserver::taskMade(int task, const QString &coroutine, int cake)
{
    if (std::size_t(task) >= m_jobs.size())
        m_jobs.resize(std::size_t(task) + 1);
    std::optional<CakeJob> job = CakeJob::of(coroutine, cake);
    if (job && std::size_t(job->cake) >= m_kitchens.size())
        job.reset();
    m_jobs[std::size_t(task)] = job;
    if (job)
        ++m_threadsStarted;
    // The thread runs at once, and stirring begins with a step's wait: the bowl is busy from its first moment.
    if (job && stirsByHand(*job))
        stirNext(*job);
}

void ThreadedCakeObserver::taskFinished(int task, bool failed)
{
    Q_UNUSED(failed)
    const std::optional<CakeJob> job = jobOf(task);
    // A bowl that stirs by hand was done at its last line already.
    if (job && m_kitchens[std::size_t(job->cake)].state(job->task) != TaskState::Done)
        change(*job, TaskState::Done);
}

void ThreadedCakeObserver::printed(const QString &text, int task, int cake, const QString &function)
{
    Q_UNUSED(cake)
    Q_UNUSED(function)
    const std::optional<CakeJob> job = jobOf(task);
    if (!job)
        return;
    const std::optional<int> value = CakeJob::reportedValue(text);
    if (!value) {
        qCWarning(lcEngine) << "cake.py's threaded twin printed a line that reports nothing:" << text;
        return;
    }
    Kitchen &kitchen = m_kitchens[std::size_t(job->cake)];
    kitchen.recordReport(job->task, *value);
    m_report(*job, kitchen, *value, nowNs() / nsPerMs, workerThread(*job));
    if (stirsByHand(*job))
        stirNext(*job);
}

void ThreadedCakeObserver::blockingSleep(qint64 ns, int task, int cake, const QString &function)
{
    Q_UNUSED(cake)
    Q_UNUSED(function)
    if (const std::optional<CakeJob> job = jobOf(task))
        change(*job, TaskState::Waiting, (nowNs() + ns) / nsPerMs);
}

void ThreadedCakeObserver::stirNext(const CakeJob &job)
{
    // The step stirred next is told as the bowl's wait, from the moment it begins, as a sleeping bowl's would be.
    const Bowl &bowl = m_kitchens[std::size_t(job.cake)].bowl();
    if (bowl.mixesDone() >= bowl.mixCount())
        change(job, TaskState::Done);
    else
        change(job, TaskState::Waiting, (nowNs() + qint64(m_parameters.stepMs) * nsPerMs) / nsPerMs);
}

void ThreadedCakeObserver::change(const CakeJob &job, TaskState state, qint64 wakeMs)
{
    Kitchen &kitchen = m_kitchens[std::size_t(job.cake)];
    kitchen.setState(job.task, state);
    if (wakeMs >= 0)
        kitchen.setWakeMs(job.task, wakeMs);
    m_change(job, kitchen);
}
