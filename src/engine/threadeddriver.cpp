// SPDX-License-Identifier: MIT
#include "threadeddriver.h"

#include "enginelogging.h"

#include <chrono>
#include <cstring>
#include <system_error>

#include <pthread.h>
#include <sched.h>

ThreadedDriver::ThreadedDriver(QObject *parent)
    : BakeDriver(parent)
{
}

ThreadedDriver::~ThreadedDriver()
{
    joinWorkers();
}

void ThreadedDriver::run()
{
    joinWorkers();
    m_stop = std::stop_source();
    const WorkerSetup setup{m_stop.get_token(), clock(), parameters().speedPercent, stepNs(), parameters().mixTrap};
    const int cakes = cakeCount();
    m_workers.reserve(std::size_t(cakes) * 2);
    m_workersLeft = 0;
    m_threadsStarted = 0;
    // Python numbers its threads in the order they are made: Thread-1 (preheat), Thread-2 (mix_ingredients), ...
    for (int cake = 0; cake < cakes && !cancelRequested(); ++cake) {
        for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
            const int thread = m_threadsStarted + 1;
            QString refusal;
            if (thread > m_threadLimit) {
                refusal = QStringLiteral("no more than %1 threads may be started").arg(m_threadLimit);
            } else {
                try {
                    m_workers.emplace_back([this, setup, cake, task, thread, kitchen = kitchen(cake)] {
                        work(setup, cake, task, kitchen, thread);
                    });
                } catch (const std::system_error &error) {
                    // The system would not give another thread: what threads cost, met for real.
                    refusal = QString::fromLocal8Bit(error.what());
                }
            }
            if (!refusal.isEmpty()) {
                setErrorString(QStringLiteral("could start only %1 of the %2 threads this bake needs (%3); it was "
                                              "cancelled")
                                   .arg(m_threadsStarted)
                                   .arg(cakes * 2)
                                   .arg(refusal));
                // Said to the user once, by whoever shows the outcome; the log category keeps it for debugging.
                qCInfo(lcEngine) << errorString();
                cancel();
                break;
            }
            ++m_threadsStarted;
            ++m_workersLeft;
        }
    }
    qCDebug(lcEngine) << "started" << m_threadsStarted << "worker threads";
    if (m_workersLeft == 0)
        finish();
}

void ThreadedDriver::work(const WorkerSetup &setup, int cake, TaskId task, Kitchen kitchen, int thread)
{
    const std::stop_token &stop = setup.stop;
    const auto recipeNsNow = [&setup] { return setup.clock.nsecsElapsed() * setup.speedPercent / 100; };

    // Every hand-over is a queued call: it runs on the driver's thread, after what this worker handed over before.
    const auto handOver
        = [this](auto &&call) { QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection); };

    if (task == TaskId::Mix && setup.mixTrap == MixTrap::StirByHand)
        yieldCpuToTheWindow();
    while (!stop.stop_requested()) {
        TaskResumption step = kitchen.resume(task);
        while (step.kind == TaskResumption::Kind::Report) {
            const qint64 timeMs = recipeNsNow() / 1000000;
            handOver([this, cake, task, kitchen, value = step.value, timeMs, thread] {
                adoptReport(cake, task, kitchen, value, timeMs, thread);
            });
            step = kitchen.resume(task);
        }
        if (step.kind != TaskResumption::Kind::Wait) {
            handOver([this, cake, task, kitchen] { adoptResumption(cake, task, kitchen); });
            break;
        }
        // As time.sleep() in a thread: this thread blocks, the others and the driver's loop go on.
        const qint64 wakeNs = recipeNsNow() + setup.stepNs;
        kitchen.setWakeMs(task, wakeNs / 1000000);
        handOver([this, cake, task, kitchen] { adoptResumption(cake, task, kitchen); });
        if (task == TaskId::Mix && setup.mixTrap == MixTrap::StirByHand) {
            // Stirring by hand keeps this worker's core busy for the step; the driver's loop never notices.
            volatile quint64 stirs = 0;
            while (recipeNsNow() < wakeNs && !stop.stop_requested()) {
                for (int i = 0; i < 10000; ++i)
                    stirs = stirs + 1;
            }
            continue;
        }
        const auto wallWait
            = std::chrono::nanoseconds(std::max<qint64>(0, wakeNs - recipeNsNow()) * 100 / setup.speedPercent);
        std::unique_lock lock(m_sleepMutex);
        m_sleep.wait_for(lock, stop, wallWait, [] { return false; });
    }
    handOver([this] { onWorkerReturned(); });
}

void ThreadedDriver::yieldCpuToTheWindow()
{
    // Hundreds of workers stirring at once on two cores would leave the window's thread a sliver of a core: the
    // window would starve, which no bake may do. SCHED_IDLE lets them have every core nobody else wants, so one
    // stirring worker still keeps its core busy, and the loop never waits behind them.
    sched_param parameter{};
    parameter.sched_priority = 0;
    if (const int error = pthread_setschedparam(pthread_self(), SCHED_IDLE, &parameter); error != 0)
        qCDebug(lcEngine) << "a stirring worker keeps its priority:" << std::strerror(error);
}

void ThreadedDriver::onWorkerReturned()
{
    if (--m_workersLeft > 0)
        return;
    joinWorkers();
    finish();
}

void ThreadedDriver::interruptWait()
{
    // May come from any thread; the stop wakes every worker out of its sleep at once.
    m_stop.request_stop();
}

void ThreadedDriver::joinWorkers()
{
    m_stop.request_stop();
    for (std::thread &worker : m_workers)
        worker.join();
    m_workers.clear();
}
