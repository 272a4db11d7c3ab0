// SPDX-License-Identifier: MIT
#pragma once

#include "bakedriver.h"

#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

/**
 * The threaded bake: each task of each cake runs its blocking code on a
 * worker thread of its own, as Python's threading.Thread(target=preheat)
 * would, so the oven and the bowl wait at the same time and the thread that
 * started the bake stays free. Workers never touch the driver's kitchens:
 * each runs the task on its own copy and hands every report and yield back
 * through a queued call, so the kitchens, the log and every signal live on
 * the driver's thread alone.
 *
 * Two reports due at the same moment come from two threads racing, so their
 * order may differ from run to run. cancel() wakes every sleeping worker at
 * once; the bake finishes when the last worker has returned.
 */
class ThreadedDriver : public BakeDriver
{
    Q_OBJECT

public:
    explicit ThreadedDriver(QObject *parent = nullptr);
    /// Stops and joins every worker, so none outlives the driver.
    ~ThreadedDriver() override;

    BakeMode mode() const override { return BakeMode::Threaded; }

    /// Worker threads started by the last bake: two a cake.
    int threadsStarted() const override { return m_threadsStarted; }
    /// The most worker threads one bake may start (the system's own limit applies as well); past it the bake
    /// ends cancelled and errorString() says why, as when the system itself refuses a thread.
    void setThreadLimit(int limit) { m_threadLimit = limit; }
    /// Worker threads of the running bake that have not returned yet.
    int threadsRunning() const { return m_workersLeft; }

protected:
    void run() override;
    void interruptWait() override;

private:
    /// What a worker needs to know of the bake, copied so that it reads nothing the driver's thread writes.
    struct WorkerSetup {
        std::stop_token stop;
        QElapsedTimer clock;
        int speedPercent;
        qint64 stepNs;
        MixTrap mixTrap;
    };
    /// The body of one worker thread: runs @p task of @p kitchen with blocking sleeps until it ends or is stopped.
    void work(const WorkerSetup &setup, int cake, TaskId task, Kitchen kitchen, int thread);
    /// On a worker about to stir by hand: runs it only on CPU time the rest of the process leaves free.
    static void yieldCpuToTheWindow();
    /// On the driver's thread, once a worker has returned.
    void onWorkerReturned();
    void joinWorkers();

    std::vector<std::thread> m_workers;
    /// One stop for every worker of a bake; request_stop() is safe from any thread.
    std::stop_source m_stop;
    std::mutex m_sleepMutex;
    std::condition_variable_any m_sleep;
    int m_workersLeft = 0;
    int m_threadsStarted = 0;
    int m_threadLimit = std::numeric_limits<int>::max();
};
