// SPDX-License-Identifier: MIT
#pragma once

#include "bakeparameters.h"
#include "cakejob.h"
#include "interpreterobserver.h"
#include "kitchen.h"

#include <QElapsedTimer>

#include <functional>
#include <optional>
#include <vector>

/**
 * Hears the cake's threaded twin on the thread that runs it, never the
 * driver's, and tells each job as the window shows a worker thread's: it
 * keeps a copy of each cake's kitchen of its own and hands the copy over,
 * with what changed, through the two callbacks, which queue it to the
 * driver's thread. Each of the twin's threads that runs preheat() or
 * mix_ingredients() is a job of its cake: a sleep is a wait from now, a line a
 * report, its end done. With several cakes each cake's main() runs on a thread
 * of its own too, which bakes no job and is not told. A job is told on
 * thread number for it, two a cake (the oven's, then the bowl's, cake by
 * cake, as Python numbers threads), whatever the twin's threads are numbered. A bowl that stirs by hand computes its
 * wait, which the engine does not hear, so each step is told as it begins, as its thread starts and after each line.
 */
class ThreadedCakeObserver : public recipe::InterpreterObserver
{
public:
    /// A job reported @p value at @p timeMs of the bake's clock, on the job's thread @p thread; @p kitchen
    /// is its cake's kitchen just after.
    using Report
        = std::function<void(const CakeJob &job, const Kitchen &kitchen, int value, qint64 timeMs, int thread)>;
    /// A job began to wait or ended; @p kitchen is its cake's kitchen just after.
    using Change = std::function<void(const CakeJob &job, const Kitchen &kitchen)>;

    /// For a bake of @p parameters, whose clock @p clock started as it began.
    ThreadedCakeObserver(const BakeParameters &parameters, QElapsedTimer clock, Report report, Change change);

    /// The threads the twin has started so far for the jobs, two a cake.
    int threadsStarted() const { return m_threadsStarted; }

private:
    void taskMade(int task, const QString &coroutine, int cake) override;
    void taskFinished(int task, bool failed) override;
    void printed(const QString &text, int task, int cake, const QString &function) override;
    void blockingSleep(qint64 ns, int task, int cake, const QString &function) override;

    /// The job the twin's thread @p task bakes; none for MainThread and any thread of another function.
    std::optional<CakeJob> jobOf(int task) const;
    /// The thread number @p job is told on: Python's numbers for two workers a cake, the oven's and the bowl's of
    /// the first cake first.
    static int workerThread(const CakeJob &job);
    bool stirsByHand(const CakeJob &job) const;
    /// A stirring bowl is about to compute its next step, or, its last line out, is done.
    void stirNext(const CakeJob &job);
    void change(const CakeJob &job, TaskState state, qint64 wakeMs = -1);
    /// The recipe's clock: the bake's wall time scaled by its speed.
    qint64 nowNs() const;

    BakeParameters m_parameters;
    QElapsedTimer m_clock;
    Report m_report;
    Change m_change;
    std::vector<Kitchen> m_kitchens;
    /// The twin's threads by number: the job each bakes.
    std::vector<std::optional<CakeJob>> m_jobs;
    int m_threadsStarted = 0;
};
