// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "bakeparameters.h"
#include "kitchen.h"
#include "logentry.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <vector>

/**
 * Runs the cakes' tasks and reports what they do. The base owns the kitchens,
 * the clock and the signals; the subclass (CakeRecipeDriver) runs the cake's
 * recipe in the mode's kitchen and tells the base each report and change.
 */
class BakeDriver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BakeDriver)

public:
    ~BakeDriver() override;

    virtual BakeMode mode() const = 0;
    /// Worker threads the last bake started; none unless the driver runs tasks on threads of their own.
    virtual int threadsStarted() const { return 0; }

    /**
     * Starts a bake with @p parameters. Returns false, starting nothing, when
     * a bake is already running or the parameters are out of range;
     * errorString() then says why. A sync driver returns only when its bake
     * has ended; an async driver returns at once.
     */
    bool start(const BakeParameters &parameters);
    QString errorString() const { return m_error; }

    bool isRunning() const { return m_running; }
    const BakeParameters &parameters() const { return m_parameters; }
    /// Time since the bake began on the recipe's clock, which runs at the bake's speed; once it has ended, its
    /// length, which no longer grows.
    qint64 elapsedMs() const;
    /// Time since the bake began on the wall clock; once it has ended, its length on the wall clock.
    qint64 wallElapsedMs() const;
    quint64 resumptions() const { return m_resumptions; }

    int cakeCount() const { return int(m_kitchens.size()); }
    const Kitchen &kitchen(int cake) const { return m_kitchens.at(std::size_t(cake)); }

public Q_SLOTS:
    /// Stops the bake at whatever point it is; every unfinished task ends cancelled. Safe from any thread.
    void cancel();

Q_SIGNALS:
    void started();
    void entryAppended(const LogEntry &entry);
    /// A task of @p cake changed state: it reported, yielded, finished or was cancelled.
    void kitchenChanged(int cake);
    void finished(const BakeOutcome &outcome);

protected:
    explicit BakeDriver(QObject *parent = nullptr);

    /**
     * Gets ready for a bake with @p parameters before its clock starts (a driver that compiles a recipe does it
     * here, so the compiling is not part of the bake's time). Returns why the bake cannot start, or nothing.
     */
    virtual QString prepare(const BakeParameters &parameters)
    {
        Q_UNUSED(parameters)
        return {};
    }
    /// Sync: does the whole bake before returning. Async: sets it going and returns.
    virtual void run() = 0;
    /// Called by cancel(), possibly from another thread: end any wait in progress.
    virtual void interruptWait() = 0;

    /// Ends the bake: marks unfinished tasks cancelled if asked and emits finished().
    void finish();

    /**
     * For drivers whose tasks run elsewhere (on worker threads): on this
     * driver's thread, takes @p worker's copy of @p task into the kitchen of
     * @p cake and logs the report of @p value made at @p timeMs on @p thread.
     */
    void adoptReport(int cake, TaskId task, const Kitchen &worker, int value, qint64 timeMs, int thread);
    /// Takes a worker's copy of @p task after it yielded or finished: one resumption is over.
    void adoptResumption(int cake, TaskId task, const Kitchen &worker);
    /// Says why a bake that started could not go on (it then ends cancelled); errorString() returns it.
    void setErrorString(const QString &error) { m_error = error; }
    /// The clock, copied for a worker thread, which reads it without touching the driver.
    QElapsedTimer clock() const { return m_clock; }

    bool cancelRequested() const { return m_cancelRequested.load(std::memory_order_acquire); }
    /// The recipe's clock: wall time scaled by the speed, so every time in the log reads as the recipe's.
    qint64 elapsedNs() const { return m_clock.nsecsElapsed() * m_parameters.speedPercent / 100; }
    /// How long @p recipeNs of the recipe's clock last on the wall clock, for the timers and sleeps.
    qint64 wallNs(qint64 recipeNs) const { return recipeNs * 100 / m_parameters.speedPercent; }
    qint64 stepNs() const { return qint64(m_parameters.stepMs) * 1000000; }

private:
    std::vector<Kitchen> m_kitchens;
    BakeParameters m_parameters;
    QElapsedTimer m_clock;
    qint64 m_endedAtNs = 0; ///< the recipe's clock when the last bake ended
    qint64 m_endedAtWallMs = 0;
    QString m_error;
    quint64 m_resumptions = 0;
    quint64 m_reports = 0;
    /// Written on the driver's thread; atomic, as cancel() reads it from any thread.
    std::atomic<bool> m_running = false;
    std::atomic<bool> m_cancelRequested = false;
};
