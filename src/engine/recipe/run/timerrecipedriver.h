// SPDX-License-Identifier: MIT
#pragma once

#include "cancellablesleep.h"
#include "interpreter.h"
#include "recipetimelimit.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <limits>

#include <functional>
#include <memory>

namespace recipe {

/**
 * Runs a compiled recipe on the Qt event loop of its thread, as the async
 * kitchen runs the cake: each wait of the recipe's loop is a QTimer, so the
 * thread stays free for everything else between two steps. A loop
 * iteration that wakes a great many tasks is run in slices, so no step holds
 * the thread for long; only what the recipe itself blocks (time.sleep, a busy
 * loop) does, which is the lesson. start() returns at once; finished() says
 * how the recipe ended. cancel() cuts even that short, from any thread.
 */
class TimerRecipeDriver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimerRecipeDriver)

public:
    /// The longest a slice of work holds the thread before it hands the thread back to the event loop.
    static constexpr qint64 sliceNs = qint64(20) * 1000000;
    /// Loop callbacks run between two looks at the clock within a slice.
    static constexpr std::size_t callbacksPerLook = 512;

    explicit TimerRecipeDriver(const Program &program, QObject *parent = nullptr);
    ~TimerRecipeDriver() override;

    /// Where print() writes; none (a quiet run) and no print builds its text.
    void setOutput(std::function<void(const QString &text)> write) { m_write = std::move(write); }
    /// --cakes: how many copies of asyncio.run's coroutine bake (Interpreter::setCakes).
    void setCakes(int cakes) { m_cakes = cakes; }
    void setTimeLimit(RecipeTimeLimit limit) { m_timeLimit = limit; }
    /// The recipe's clock runs at @p percent of the wall clock's speed (50: each second of it lasts two); the time
    /// limit stays on the wall clock.
    void setSpeedPercent(int percent) { m_speedPercent = std::max(1, percent); }
    /// Who hears of each task and print as it runs (Interpreter::setObserver); none by default.
    void setObserver(InterpreterObserver *observer) { m_observer = observer; }

    /// Keeps an account of the tasks the loop will resume, for pendingTasks(); set before start().
    void setTracksPendingTasks(bool on) { m_tracksPendingTasks = on; }

    /**
     * Step mode: the loop holds each task before it resumes it (its first
     * step, or a step after a wait) until step() lets it through, so a class
     * can watch the loop one resumption at a time. The recipe's clock runs on
     * meanwhile, as a debugger's would, while its time limit stops. Turning
     * it off lets the held task and everything due after it run, in order.
     */
    void setStepping(bool on);
    bool isStepping() const { return m_stepping; }
    /// Which tasks step mode holds, by number (Task-N); every task when unset. The others resume as they come.
    void setStepFilter(std::function<bool(int task)> holds) { m_stepFilter = std::move(holds); }
    /// Whether a task is due and held back for a step.
    bool isPausedForStep() const { return m_pausedForStep; }
    /// Lets exactly one more held task resume, now if one is held or else when it comes. False, doing nothing, when
    /// the recipe has ended or nothing will ever resume.
    bool step();
    /// The first @p limit tasks the loop will resume, in order (Interpreter::pendingTasks()); empty unless tracked
    /// and running.
    std::vector<PendingTask> pendingTasks(std::size_t limit = std::numeric_limits<std::size_t>::max()) const;
    /// How many tasks pendingTasks() would list without a limit.
    std::size_t pendingTaskCount() const { return isRunning() ? m_interpreter->pendingTaskCount() : 0; }

    /// Starts the recipe; it runs as the event loop turns.
    void start();
    /**
     * Stops the recipe as soon as it can; safe from any thread. What holds
     * the thread ends within a few milliseconds: a time.sleep() at once, a
     * computation at the interpreter's next check. A recipe between two
     * turns stops on a call queued to this driver's thread. It then ends
     * Failed with asyncio's CancelledError, and wasCancelled() is true; a
     * cancel before start() stops it before it begins.
     */
    void cancel();
    bool wasCancelled() const { return m_sleep.isCancelled(); }
    bool isRunning() const { return m_interpreter != nullptr && m_status == Interpreter::Status::Running; }
    Interpreter::Status status() const { return m_status; }
    const std::optional<RecipeError> &error() const { return m_error; }
    /// The failed tasks nobody asked about, which asyncio logs; known once the recipe has ended.
    const std::vector<Interpreter::UnretrievedTaskError> &unretrievedTaskErrors() const { return m_unretrieved; }

Q_SIGNALS:
    void finished(recipe::Interpreter::Status status);
    /// The recipe ran a while: its tasks may have resumed, waited or ended. Once at the end of each turn of the
    /// thread's event loop that ran it, never in the middle of its work.
    void advanced();
    /// Step mode holds a task that is due now.
    void pausedForStep();

private:
    /// Runs what is due now, for one slice at most, and sets the timer for what comes next.
    void turn();
    void end(Interpreter::Status status, std::optional<RecipeError> error);
    /// Whether step mode keeps the task the interpreter holds; if not, it is released to run.
    bool keepsHeldTask();
    /// A step, or leaving step mode, ends the pause: the time limit's clock goes on and a turn is queued.
    void endPause();
    /// The wall clock of the time limit: the time since start(), less what was spent paused for a step.
    qint64 limitClockNs() const;
    /// How long @p recipeNs of the recipe's clock last on the wall clock; a wait for ever stays for ever.
    qint64 wallNs(qint64 recipeNs) const
    {
        constexpr qint64 longest = std::numeric_limits<qint64>::max() / 100;
        return recipeNs > longest ? std::numeric_limits<qint64>::max() : recipeNs * 100 / m_speedPercent;
    }

    const Program &m_program;
    /// time.sleep()'s blocking sleeps, which cancel() cuts short, and the flag it sets.
    CancellableSleep m_sleep;
    std::function<void(const QString &)> m_write;
    RecipeTimeLimit m_timeLimit;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::unique_ptr<Interpreter> m_interpreter;
    Interpreter::Status m_status = Interpreter::Status::Running;
    std::optional<RecipeError> m_error;
    std::vector<Interpreter::UnretrievedTaskError> m_unretrieved;
    int m_cakes = 1;
    int m_speedPercent = 100;
    InterpreterObserver *m_observer = nullptr;
    bool m_tracksPendingTasks = false;
    bool m_stepping = false;
    std::function<bool(int task)> m_stepFilter;
    bool m_pausedForStep = false;
    int m_stepsAllowed = 0;
    /// On m_clock: when the pause began, and the time spent in pauses before it.
    qint64 m_pausedSinceNs = 0;
    qint64 m_pausedNs = 0;
};

} // namespace recipe
