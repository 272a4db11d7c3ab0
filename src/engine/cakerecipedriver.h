// SPDX-License-Identifier: MIT
#pragma once

#include "bakedriver.h"
#include "blockingrecipedriver.h"
#include "cakejob.h"
#include "compiler.h"
#include "handoverqueue.h"
#include "interpreterobserver.h"
#include "threadedcakeobserver.h"
#include "timerrecipedriver.h"
#include "wakequeue.h"

#include <QByteArray>
#include <QMutex>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

/**
 * The cake baked by the recipe engine: recipes/cake.py, its TARGET_TEMP,
 * MIX_COUNT and STEP set from the bake's parameters, run in the async
 * kitchen on QTimers (TimerRecipeDriver) or as its blocking twin
 * (BlockingRecipeDriver), and told as the window shows a bake: a log entry
 * with a kitchen snapshot for each line, and kitchenChanged() for each wait
 * and end (the story tests/engine/cakestories.txt keeps, as the hand-written
 * drivers told it before the engine took over).
 * A bake with a trap runs the cake's variant beside it instead,
 * recipes/cake_stir_by_hand.py or recipes/cake_forgot_to_await.py.
 *
 * It listens to the interpreter as an InterpreterObserver: the task that
 * printed a line is the oven or the bowl of a cake, and the line carries the
 * value ("preheat:: temp is now 200" is the oven's report of 200); a task
 * that yields waits until the wake the engine gives it, and one that ends is
 * done. The blocking twin has no tasks, so there a sleep or a print names
 * the function it runs in, and as the twin runs gather's coroutines one
 * after the other, the oven is done once the bowl is heard from. A bowl
 * that stirs by hand computes its wait, which the engine does not hear: a
 * step stirred unheard is told as it ends, at the bowl's line, and in the
 * async kitchen each yield after a line starts the next.
 *
 * A threaded bake runs the cake's threaded twin on a worker thread of the
 * driver's own, as BlockingRecipeDriver runs it (its threads take turns on
 * the engine's interpreter lock there, each sleep a blocking wait of the
 * worker), so the driver's thread stays free. Several cakes are the twin's
 * several cakes: a thread a cake runs its main(), which starts its oven and
 * bowl. A ThreadedCakeObserver hears it there and hands each report and wait
 * over through a HandOverQueue: the kitchens and every signal stay on the driver's
 * thread, which tells a flood of them (a thousand cakes') a slice at a time.
 * cancel() wakes the worker's sleep or stops its computing at the next check;
 * the bake ends once the worker has returned.
 *
 * A cancel tells nothing more and ends the bake within a few milliseconds
 * in every kitchen, even when a trap holds the async kitchen's thread (a
 * bowl stirring, or sleeping with time.sleep()): TimerRecipeDriver's cancel,
 * safe from any thread, cuts the sleep short or stops the computing at the
 * interpreter's next check.
 *
 * Step mode and the pending work are for async bakes: the timer kitchen
 * holds each resumption of a cake's oven or bowl after its first (the
 * tasks start without a step, as gather starts them), and lets main()
 * and the cakes' gather through; its account of pending tasks, read
 * through m_tasks, is the queue of wakes the Pending panel lists.
 */
class CakeRecipeDriver : public BakeDriver, private recipe::InterpreterObserver
{
    Q_OBJECT

public:
    /// @p mode is Async, Sync or Threaded.
    explicit CakeRecipeDriver(BakeMode mode, QObject *parent = nullptr);
    /// Stops and joins a threaded bake's worker, so it never outlives the driver.
    ~CakeRecipeDriver() override;

    BakeMode mode() const override { return m_mode; }
    /// The threads the threaded twin started in the last bake, as the window counts worker threads: two a cake.
    int threadsStarted() const override { return m_threadsStarted; }

    /// The cakes' ovens and bowls waiting on the loop, in the order it will resume them, as the Pending
    /// panel lists them; empty unless an async bake runs.
    const WakeQueue &pendingWakes() const;
    /// The first @p limit of pendingWakes(), for a view: only those are sorted, of a million.
    QList<WakeQueue::Wake> firstPendingWakes(qsizetype limit) const;
    /// How many ovens and bowls wait on the loop (and main() or a gather, at its first step).
    qsizetype pendingWakeCount() const;
    /// Step mode for async bakes: every resumption of an oven or a bowl after its first waits for step(); leaving
    /// it lets the held ones run in the loop's order. Kept across bakes.
    void setStepping(bool on);
    bool isStepping() const { return m_stepping; }
    /// Whether an oven or a bowl is due and held back for a step.
    bool isPausedForStep() const;
    /// Lets exactly one more oven or bowl resume, now if it is due or else when it is. False when nothing is pending.
    bool step();

    /// recipes/cake.py, or its variant with @p trap, as the engine bundles it.
    static QByteArray recipeSource(MixTrap trap = MixTrap::None);
    /// The name of recipeSource(@p trap)'s file, "cake.py" or "cake_stir_by_hand.py", as messages and listings say.
    static QString recipeFileName(MixTrap trap = MixTrap::None);
    /// The recipe of @p parameters' trap compiled with them as its constants; nothing, with @p error saying why, if
    /// it does not.
    static std::optional<recipe::Program> compiledRecipe(const BakeParameters &parameters, QString *error);

Q_SIGNALS:
    /// The queue of waiting ovens and bowls may have changed: one resumed, yielded or was cancelled.
    void queueChanged();
    /// Step mode holds back an oven or a bowl that is due now.
    void pausedForStep();

protected:
    QString prepare(const BakeParameters &parameters) override;
    void run() override;
    void interruptWait() override;

private:
    void taskMade(int task, const QString &coroutine, int cake) override;
    void taskSuspended(int task, qint64 wakeNs) override;
    void taskFinished(int task, bool failed) override;
    void printed(const QString &text, int task, int cake, const QString &function) override;
    void blockingSleep(qint64 ns, int task, int cake, const QString &function) override;

    recipe::RecipeTimeLimit timeLimit() const;
    void runBlockingTwin();
    void runOnTimers();
    void runOnAWorker();
    /// The worker's body: runs the threaded twin of @p program to its end, handing over what @p observer hears, and
    /// last that it has returned.
    void runThreadedTwin(const std::shared_ptr<const recipe::Program> &program, ThreadedCakeObserver &observer,
                         recipe::RecipeTimeLimit limit, int speedPercent, int cakes);
    /// On the driver's thread, once the worker is about to return: the bake ends, cancelled if the recipe failed.
    void workerReturned(recipe::Interpreter::Status status, bool cancelled, const QString &error, int threads);
    void joinWorker();
    /// The timer kitchen's recipe ended by itself: the bake ends, cancelled if the recipe failed.
    void recipeEnded(recipe::Interpreter::Status status);
    /// Stops the timer kitchen's recipe if it still runs, and ends the bake; a no-op once bake @p generation is over.
    void stopRecipe(quint64 generation);
    void failWith(const QString &error);
    /// Lets go of the timer kitchen of the last bake, which may be the sender of the signal being handled.
    void retireTimerKitchen();

    /// The oven or bowl of a cake that the engine's @p task, running @p function in engine cake @p cake, is.
    std::optional<CakeJob> cakeTask(int task, int cake, const QString &function) const;
    /// Fills @p wakes with the first @p limit tasks the timer kitchen will resume that are ovens and bowls.
    void fillWakes(WakeQueue &wakes, std::size_t limit) const;
    /// Whether step mode holds the engine's @p task: an oven or a bowl that has started.
    bool stepsAt(int task) const;
    /// Emits @p signal of this driver's as the timer kitchen tells it, where a receiver's cancel() must not tear the
    /// kitchen down under its feet.
    void tellFromTheKitchen(void (CakeRecipeDriver::*signal)());
    void changeTask(const CakeJob &which, TaskState state, qint64 wakeMs = -1);
    void report(const CakeJob &which, int value);
    /// Whether @p which is a bowl that stirs by hand, computing through each wait rather than sleeping.
    bool stirsByHand(const CakeJob &which) const;
    /// The stirring bowl yielded at @p yieldNs with nothing to wait for: it waits for the step it stirs next, or,
    /// its last line out, is done.
    void stirringYielded(const CakeJob &which, qint64 yieldNs);
    /// The blocking twin runs the oven to its end before the bowl starts: hearing from @p which ends those before it.
    void endTasksBefore(int cake, std::optional<TaskId> task);

    BakeMode m_mode;
    std::shared_ptr<const recipe::Program> m_program;
    /// The async kitchen of the last bake; set and let go on the driver's thread under m_runningLock, so that a
    /// cancel from any thread may reach it there.
    std::unique_ptr<recipe::TimerRecipeDriver> m_timerKitchen;
    /// The blocking or the threaded twin while it runs, for a cancel from any thread to wake its sleep; guarded by
    /// m_runningLock.
    recipe::BlockingRecipeDriver *m_twin = nullptr;
    QMutex m_runningLock;
    /// What the threaded twin's worker hands over, told on the driver's thread; it outlives the worker, which is
    /// joined before the driver's members go.
    HandOverQueue m_handOvers;
    /// The thread the threaded twin runs on; joined before the next bake, or as the driver goes.
    std::thread m_worker;
    int m_threadsStarted = 0;
    bool m_recipeRunning = false;
    /// Set while a signal is out, when a receiver's cancel() must not tear down the interpreter under its feet.
    bool m_telling = false;
    /// Counts the bakes, so a stop queued for one that has ended leaves the next alone; read by cancel() anywhere.
    std::atomic<quint64> m_generation = 0;
    /// The engine's tasks by number: the oven or bowl each bakes; none for main() and the cakes' gather.
    std::vector<std::optional<CakeJob>> m_tasks;
    bool m_stepping = false;
    /// pendingWakes(), built from the timer kitchen's pending tasks when asked after a change.
    mutable WakeQueue m_pendingWakes;
    mutable bool m_pendingWakesStale = true;
};
