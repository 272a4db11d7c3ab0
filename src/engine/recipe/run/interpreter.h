// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "cyclebreaker.h"
#include "eventloop.h"
#include "future.h"
#include "interpreterobserver.h"
#include "memorybudget.h"
#include "neverawaitedcoroutines.h"
#include "pendingtasks.h"
#include "recipeerror.h"
#include "taskcontrol.h"
#include "threadscheduler.h"

#include <QHash>
#include <QString>

#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace recipe {

class Coroutine;
struct ResourceStep;

/**
 * Runs a compiled recipe with CPython 3.11's asyncio semantics, one step at
 * a time: the module's code until it must wait, then an iteration of the
 * event loop whenever one is due. It owns no clock and never sleeps itself:
 * the driver reads the time through the hooks, waits timeUntilNextNs()
 * however it likes (a QTimer, a blocking sleep, a test's own clock) and
 * calls advance() again. A blocking time.sleep() in the recipe is handed to
 * the driver's blockFor hook, so the driver decides what it holds.
 */
class Interpreter : private TaskControl
{
public:
    struct Hooks {
        /// The loop's clock, in ns; asyncio.sleep and time.perf_counter read it.
        std::function<qint64()> nowNs;
        /// time.sleep(): hold the thread for this long.
        std::function<void(qint64 ns)> blockFor;
        /// What print() writes, as it writes it; left empty, print() writes nothing and builds no text (--quiet).
        std::function<void(const QString &text)> write;
        /// Asked every few thousand instructions: true stops the recipe with that error (a time limit, a cancel).
        std::function<std::optional<RecipeError>()> interruption;
    };
    /// How many instructions run between two questions to the interruption hook: often enough to stop a
    /// `while True: pass` within a millisecond, rarely enough to cost nothing.
    static constexpr int instructionsPerCheck = 4096;
    enum class Status { Running, Finished, Failed };

    /// Frames deeper than this raise RecursionError, as CPython's default limit does.
    static constexpr int maxDepth = 1000;
    /// CPython's own frames beneath a task's coroutine: the module, asyncio.run, Runner.run, run_until_complete,
    /// run_forever, _run_once, Handle._run and Task.__step. They count against the limit, so a task recurses
    /// 9 frames less deep than the module.
    static constexpr int framesBeneathATask = 9;
    /// CPython's frames beneath the cancel() of each task asyncio.run cancels at its end: the module, asyncio.run,
    /// Runner.__exit__, Runner.close and _cancel_all_tasks.
    static constexpr int framesBeneathShutdown = 5;
    /// Beneath a thread's target: Thread._bootstrap, _bootstrap_inner and run.
    static constexpr int framesBeneathAThread = 3;
    /// Threads the threaded kitchen starts in one run; one more is CPython's "can't start new thread". CPython's
    /// own limit is the machine's, on the threads running at once (22,000 or so on a 2-core Debian box); here a
    /// fixed count over the whole run stops a recipe whose threads multiply at the same place on every machine,
    /// and every thread it keeps a record of.
    static constexpr int maxThreadsStarted = 10000;

    /// How awaiting runs: as written, on the event loop; or as the blocking twin, where `async def` is `def`,
    /// `await x` is `x`, asyncio.sleep is time.sleep, gather(a, b) is [a, b] and create_task(c) and
    /// asyncio.run(c) are c, each run to its end where it is called; or as the threaded twin
    /// (docs/recipe-language.md): each spawn site's call runs on a thread of its own, joined where it is awaited,
    /// the threads taking turns on CPython 3.11's interpreter lock (ThreadScheduler).
    enum class Kitchen { Async, BlockingTwin, ThreadedTwin };

    Interpreter(const Program &program, Hooks hooks, Kitchen kitchen = Kitchen::Async);
    ~Interpreter();

    /// --cakes: asyncio.run(c) runs @p cakes fresh copies of c gathered (one after the other in the blocking twin),
    /// and every line a copy prints begins with "cake K: ". Set before the first advance().
    void setCakes(int cakes);
    /// Tells @p observer (none when null, the default) of every task made, run, suspended and ended, and of every
    /// print and blocking sleep; it must outlive the run.
    void setObserver(InterpreterObserver *observer)
    {
        m_observer = observer;
        if (observer)
            observer->clockIs(m_hooks.nowNs);
    }

    /// Runs what is due now, or at most @p mostCallbacks callbacks of the loop's iteration (the rest of it runs
    /// first on the next call); returns whether the recipe goes on, ended, or ended with an error.
    Status advance(std::size_t mostCallbacks = std::numeric_limits<std::size_t>::max());
    /// How long until advance() has work again: 0 when now, -1 when the recipe has ended.
    qint64 timeUntilNextNs();
    Status status() const { return m_status; }
    /// The error the recipe ended with, when it failed.
    const std::optional<RecipeError> &error() const { return m_error; }

    // Step mode, for a driver that lets a learner watch the loop one resumption at a time.
    /// While on, the loop stops just before it would resume a task (its first step, or a step after a wait): the
    /// task is held, advance() runs nothing more until releaseHeldTask(), and one loop callback at most per call.
    /// Turned off, a held task is released.
    void setPausesBeforeResumptions(bool on);
    /// The number of the task held before its step, 0 when none.
    int heldTask() const;
    /// The held task's step runs first on the next advance(), then the loop goes on.
    void releaseHeldTask();
    /// Keeps an account of the tasks the loop will resume, for pendingTasks(); set before the first advance().
    void setTracksPendingTasks(bool on);
    /// The first @p limit tasks the loop will resume, in the order it will: the held task, those whose step is
    /// queued, then the sleepers by (wake time, order). Empty unless tracked (PendingTasks says what it leaves out).
    std::vector<PendingTask> pendingTasks(std::size_t limit = std::numeric_limits<std::size_t>::max()) const;
    /// How many tasks pendingTasks() would list without a limit.
    std::size_t pendingTaskCount() const;

    /// A task that failed with an error nobody retrieved (by awaiting it, result() or gather): asyncio logs "Task
    /// exception was never retrieved" for it when the task is freed, at the latest as the program ends.
    struct UnretrievedTaskError {
        int taskNumber; ///< as in its name, Task-N
        QString coroutine; ///< the function of the coroutine it ran (empty for a task of asyncio.sleep alone)
        int definedAtLine; ///< where that function's def stands
        RecipeError error;
        /// Logged as the program ends (after a failing recipe's traceback), not as its loop ended.
        bool atExit;
    };
    /// Those of the recipe's tasks, in the order asyncio logs them: those freed as their loop ended, then the
    /// rest at exit, each in the order they were made.
    std::vector<UnretrievedTaskError> unretrievedTaskErrors() const;

private:
    enum class Outcome { Suspended, Returned, Raised };

    // What asyncio.timeout() and wait_for() ask of the interpreter (TaskControl).
    EventLoop &loop() override { return m_loop; }
    qint64 nowNs() override { return m_hooks.nowNs(); }
    Future *currentTask() override;
    bool cancelTask(Future &task) override { return requestCancel(task); }
    int uncancelTask(Future &task) override;
    FuturePtr ensureFuture(const Value &awaitable, std::optional<RecipeError> &error) override;

    /// Runs @p task's frames until it suspends, returns or raises.
    Outcome run(Future &task);
    /// Frees the frames of @p task, which failed: what they held is freed "at exit", as far as a coroutine
    /// freed unawaited tells.
    void dropFramesOfFailure(Future &task);
    /// Where the recipe stands, for NeverAwaitedCoroutines: @p context is the interpreter.
    static NeverAwaitedCoroutines::Place placeNow(const void *context);
    void stepTask(const FuturePtr &task);
    /// Step mode: holds @p task before its step instead of running it, if the loop pauses before resumptions.
    bool parksBeforeItsStep(const FuturePtr &task);
    /// Runs the released held task's step, held no more.
    void runHeldTask();
    /// Whether the held task is missing from the account of pending tasks (woken by a future's callback).
    bool heldTaskIsUnaccounted() const;
    /// The loop's Wake: a sleeping task's timer has come.
    static void wakeSleeper(void *interpreter, RefCounted &sleeper);
    /// How many frames @p task may hold before the next raises RecursionError, as deep as CPython lets it go.
    int frameLimitOf(const Future &task) const;
    /// Gives @p task the value its Await resumes with, on its frame's operand stack.
    static void resumeWith(Future &task, Value value);
    /// The code of a task made of asyncio.sleep() alone: await it, return.
    static const CodeObject &sleepOnlyCode();
    /// A task of @p coroutine in @p cake, which a task inherits from the task that makes it.
    FuturePtr createTask(const Ref<Coroutine> &coroutine, int cake);
    /// Drops the tasks done without an unretrieved error from the roll of the loop's tasks, once it has doubled.
    void forgetFinishedTasks();
    /// asyncio.run(c) with --cakes: a task a cake, each a fresh copy of @p coroutine, gathered. The cakes are made
    /// by makeSomeCakes(), a slice at each advance(), before the loop's first iteration.
    FuturePtr gatheredCakes(const Ref<Coroutine> &coroutine);
    /// Makes the next cakesMadePerSlice cakes; with the last, the main task awaits their gather.
    void makeSomeCakes();
    /// The blocking twin's asyncio.run(c) with --cakes: the copies of @p coroutine run one after the other.
    bool runCakesOneAfterAnother(Frame &frame, const Ref<Coroutine> &coroutine);
    /// @p text with "cake K: " at the start of each line it begins, for a print in @p cake.
    QString withCakePrefixes(int cake, const QString &text);
    std::unique_ptr<Frame> frameFor(const Ref<FunctionObject> &function, std::vector<Value> &positional,
                                    std::vector<std::pair<QString, Value>> keywords, RecipeError *error);

    /// The instruction's effect; Raised with m_raised set, Suspended at an Await that must wait, else Returned
    /// meaning "go on".
    /// An empty vector for a call's arguments, with room from an earlier call; given back by keepSpareArguments().
    std::vector<Value> spareArguments();
    void keepSpareArguments(std::vector<Value> arguments);
    bool call(Future &task, Frame &frame, const Value &callee, std::vector<Value> &positional,
              std::vector<std::pair<QString, Value>> keywords, bool spawnsThread);
    bool callBuiltin(Future &task, Frame &frame, Builtin builtin, std::vector<Value> &positional,
                     std::vector<std::pair<QString, Value>> &keywords);
    /// Calls @p callee with @p argument from inside a builtin (min's and max's key=) and runs the call to its end
    /// right here, as CPython's C code calls back into Python; @p level is the builtin's own depth, which the call
    /// goes one deeper than. The result, or nullopt with m_raised set.
    std::optional<Value> callToItsEnd(Future &task, Frame &frame, int level, const Value &callee, Value argument);
    bool callMethod(Frame &frame, const BoundMethod &method, std::vector<Value> &positional,
                    std::vector<std::pair<QString, Value>> &keywords);
    /// Awaits @p awaitable in @p task: true when it goes on at once, false when it must wait (or raised).
    /// @p finishedCall: the awaitable is the value of a call the threaded twin ran to its end in place.
    bool await(Future &task, Frame &frame, const Value &awaitable, bool finishedCall);
    /// Parks @p task on the loop for asyncio.sleep(@p seconds), to resume with @p result: a timer, or for zero or
    /// less one turn of the ready queue. Asks a running loop and a task other than the module's.
    void sleep(Future &task, Frame &frame, double seconds, const Value &result);
    /// `await asyncio.sleep(x)` as one step, when the Call at @p call is that and the Await follows it: no
    /// coroutine is made for the sleep. False when the general path must run it.
    bool sleepsAtOnce(Future &task, Frame &frame, const Instruction &call);
    /// What a resource's method did, for the instruction that called or awaited it: its result pushed on @p frame
    /// (true), or its error raised (false). A step that parks is parkOnResource()'s.
    bool takeResourceStep(Frame &frame, const ResourceStep &step);
    /// Parks @p task on @p waiter, a future of the resource whose awaited method @p coroutine is; when the waiter
    /// is done (or cancelled), the method goes on and the task resumes with what it gives, or parks again.
    void parkOnResource(Future &task, const Ref<Coroutine> &coroutine, const FuturePtr &waiter);
    /// The type an exception of class @p builtin has in this kitchen: its own name, but for the threaded twin's
    /// queue errors.
    QString exceptionTypeOf(Builtin builtin) const;
    /// task.cancel() as the loop's own code calls it (a timeout, a task group, wait_for, asyncio.run's end): true
    /// when the request was taken (the future was not done). Down a chain deeper than CPython's recursion limit
    /// from the loop's few frames, those past it are not told.
    bool requestCancel(Future &future, const QString &message = QString());
    /// What one future does with a cancel() passed down to it, as CPython's Task.cancel, Future.cancel and
    /// _GatheringFuture.cancel.
    enum class CancelAnswer {
        Refused, ///< done already: False
        Took, ///< True
        PassedOn, ///< a task awaiting a future: True once that one answers, which it is asked next
        AskChildren, ///< a gathering: True when any child takes it
        TooDeep, ///< the call or the callbacks it schedules would pass CPython's recursion limit
    };
    /**
     * task.cancel() passed down the chain of what each awaits, with the
     * first call at recursion level @p level + 1 of at most @p limit: each
     * link is one C call deeper in CPython. A loop, not a C++ recursion, for
     * chains as long as a recipe makes them. Empty when the chain passes the
     * limit: the links above were counted, nothing below was told, as
     * CPython's RecursionError leaves them.
     */
    std::optional<bool> cancelDownTheChain(Future &future, const QString &message, int level, int limit);
    /// One link of cancelDownTheChain(), at recursion level @p depth; a task that passes the cancel on gives
    /// what it awaits in @p awaited.
    CancelAnswer cancelOneLink(Future &future, const QString &message, int depth, int limit, FuturePtr &awaited);
    /// A parked task's sleep ends now, its wake-up taken back: it wakes on the next turn with the CancelledError.
    void cancelSleep(Future &task);
    /// Delivers a task's own cancel request where it is parked: its sleep ends now, or what it awaits is
    /// cancelled.
    void cancelWhereItWaits(Future &task);
    /// CancelledError(@p message), or CancelledError() without one.
    static RecipeError cancelledError(const QString &message = QString());
    /// Every task (or thread) waits for another and no timer is pending: the run ends with who waits where.
    Status failWithDeadlock();
    /// asyncio.run()'s loop has stopped: cancels the next tasksEndedPerSlice tasks still pending, or once all are,
    /// frees the next of the loop's tasks; true when none is left.
    bool endLoopSomeMore();
    /// The loop has stopped with tasks still pending: each is cancelled, and the loop goes on until all have ended.
    /// False when a cancel passed CPython's recursion limit: asyncio.run then ends at once with a RecursionError.
    bool cancelAtShutdown();
    /// After the ended loop's tasks are freed: logs the errors they took with them, and the module goes on with
    /// asyncio.run()'s result.
    void resumeAfterLoop();

    // The threaded kitchen.
    /// A thread of the threaded twin: its task (null for MainThread, whose frames are the module's), the
    /// prefix its prints carry, and the threads it waits for, while it waits.
    struct ThreadRecord {
        FuturePtr task;
        QString prefix;
        /// wait(x) or gather(...) in the twin: what is awaited, in order, and the results so far.
        struct Waiting {
            std::vector<Value> awaited;
            std::vector<Value> results;
            bool asList = false;
        };
        std::optional<Waiting> waiting;
        /// The recipe's Lock, Semaphore, Event or Queue method the thread is blocked in, as threading's and
        /// queue's would block it: the method, and the future it waits on.
        struct InResource {
            Ref<Coroutine> method;
            FuturePtr waiter;
        };
        std::optional<InResource> inResource;
    };
    enum class WaitOutcome { Finished, Blocked, Raised };
    /// `await` of a resource's method in a twin, where it runs as a plain call: done at once; blocking the
    /// thread in the threaded twin until another releases, sets or fills what it waits for; and in the blocking
    /// twin, where no other thread could, a RuntimeError saying so.
    bool awaitResourceInTwin(Future &task, Frame &frame, const Ref<Coroutine> &method);
    /// Tells the observer that @p by (the running task when null) has done @p method on @p resource.
    void tellResourceUsed(const Resource &resource, ResourceMethod method, const Future *by = nullptr);
    /// The tasks @p task, parked on a future, waits for: the task it awaits, or the gather's children not done.
    static std::vector<int> awaitedTasksOf(const Future &task);
    /// The thread holding the interpreter lock was blocked in a resource's method: it goes on there.
    WaitOutcome resumeInResource(Future &task, ThreadRecord &thread);
    /// Threads blocked in @p resource whose waiter a use of it just woke wait for the interpreter lock from now, in
    /// the order they blocked (the order the resource's own queue serves them in).
    void wakeThreadsIn(const Resource &resource);
    /// Runs the thread holding the interpreter lock until it gives the lock up or ends.
    Status advanceThreads();
    qint64 threadsTimeUntilNextNs();
    /// A spawn site: @p called (or @p error, when the call's arguments do not fit) becomes a thread that holds
    /// the lock at once; the Task is pushed on @p frame.
    bool startThread(Frame &frame, const FunctionObject &function, std::unique_ptr<Frame> called,
                     const RecipeError &error);
    /// startThread() but for the push: the thread running @p called, Thread-N (@p function), baking @p cake; null
    /// with m_raised set when no more may start.
    FuturePtr newThread(const QString &function, std::unique_ptr<Frame> called, const RecipeError &error, int cake);
    /// asyncio.run(c) with --cakes, as the twin of asyncio.run(cakes()) where cakes() gathers the copies: MainThread
    /// starts a thread a cake, each running a fresh copy of c, one start at a time (each hands the new thread the
    /// lock), then waits for them in cake order. False with m_raised set when the first cannot start.
    bool startCakeThreads(const Ref<Coroutine> &coroutine);
    /// MainThread starts the next cake's thread; after the last, it waits for them all. False with m_raised set.
    bool startNextCakeThread();
    /// The current thread waits for @p awaited in order (gather when @p asList, else wait): true with the result
    /// pushed when nothing is left to wait for; false when it blocks, or raised (m_raised set).
    bool waitInThread(Frame &frame, std::vector<Value> awaited, bool asList);
    /// Goes on with @p thread's waiting: the result in m_waited when Finished.
    WaitOutcome waitForThreads(ThreadRecord &thread);
    /// time.sleep(@p seconds) in the current thread, which runs @p task in @p function: false when it raised.
    bool sleepInThread(const Future &task, const QString &function, const Value &seconds);

    bool raise(const QString &type, const QString &message);
    /// `raise value`: an exception, or a class made into one without arguments; @p again keeps where it was raised.
    bool raiseValue(const Value &raised, bool again);
    /// Sends m_raised to the innermost handler around where it was raised in @p task, ending the frames that have
    /// none; false, with only the last frame left, when no try of the task takes it.
    bool catchRaised(Future &task);
    /// A value nested past maxNestedDepth met repr() or str(): CPython's RecursionError.
    bool raiseReprTooDeep();
    std::optional<Value> binary(BinaryOperator op, const Value &left, const Value &right);
    /// `left op= right`: a list extended or repeated as the same object, anything else as binary().
    std::optional<Value> inPlace(BinaryOperator op, const Value &left, const Value &right);
    std::optional<Value> compare(CompareOperator op, const Value &left, const Value &right);
    std::optional<Value> subscript(const Value &container, const Value &index);
    std::optional<QString> format(const Value &value, const QString &spec);
    /// How str.format numbers its automatic fields, shared by a pattern and the fields nested in its specs.
    struct FieldNumbering {
        int next = 0;
        bool automatic = false;
        bool manual = false;
    };
    std::optional<QString> strFormat(const QString &pattern, const std::vector<Value> &positional,
                                     const std::vector<std::pair<QString, Value>> &keywords);
    std::optional<QString> strFormat(const QString &pattern, const std::vector<Value> &positional,
                                     const std::vector<std::pair<QString, Value>> &keywords, FieldNumbering &numbering,
                                     int depth);
    /// The value a str.format field names: "0", "name", "" (the next), then any [index] and .attribute.
    std::optional<Value> formatField(const QString &name, const std::vector<Value> &positional,
                                     const std::vector<std::pair<QString, Value>> &keywords, FieldNumbering &numbering);
    std::optional<std::vector<Value>> items(const Value &iterable);
    QString nameErrorMessage(const QString &name, const Frame &frame) const;

    /**
     * What an entry of a code object's names means, worked out once when the recipe starts, so that running it
     * never hashes a name: the module global it is, the builtin a missing global of that name falls back on, the
     * module function or the method an attribute of that name is.
     */
    struct NameMeaning {
        int global = -1;
        std::optional<Builtin> builtin;
        std::optional<Builtin> asyncioFunction;
        std::optional<Builtin> timeFunction;
        std::optional<Method> method;
        std::optional<ResourceMethod> resourceMethod;
    };
    void resolveNames(const CodeObject &code);
    const NameMeaning *meaningsOf(const CodeObject *code);

    /// Declared first, so it outlives every value below; ~Interpreter() breaks the cycles among them.
    CycleBreaker m_cycles;
    const Program &m_program;
    Hooks m_hooks;
    Kitchen m_kitchen;
    EventLoop m_loop;
    std::unordered_map<const CodeObject *, std::vector<NameMeaning>> m_meanings;
    const CodeObject *m_lastMeaningsCode = nullptr;
    const NameMeaning *m_lastMeanings = nullptr;
    /// The module's globals by slot: their names, values, and whether each is bound yet.
    std::vector<QString> m_globalNames;
    std::vector<Value> m_globalValues;
    std::vector<bool> m_globalBound;
    Future m_module;
    /// The task asyncio.run() runs, while it runs; the module waits on it.
    FuturePtr m_mainTask;
    /// Every task of the running loop, in the order made. A deque: it grows by blocks, where a vector's doubling
    /// held the old array and one twice its size at once, with a million tasks in each.
    std::deque<FuturePtr> m_tasks;
    /// The roll of the loop that ended, freed by endLoopSomeMore() before the module goes on.
    std::deque<FuturePtr> m_tasksOfEndedLoop;
    static constexpr std::size_t tasksEndedPerSlice = 4096;
    /// From the loop's stop to resumeAfterLoop(), and how far down the roll the cancelling has got.
    bool m_loopEnding = false;
    /// Whether this loop's pending tasks were cancelled as it stopped, and run to their ends since; those it found.
    bool m_shutdownCancelled = false;
    std::vector<FuturePtr> m_pendingAtShutdown;
    /// What asyncio.run raises in place of its result when cancelling at shutdown failed.
    std::optional<RecipeError> m_shutdownError;
    std::size_t m_failedTasksBeforeScan = 0;
    std::size_t m_tasksCheckedAtEnd = 0;
    /// The roll's size at which forgetFinishedTasks() sweeps it next.
    static constexpr std::size_t minimumTasksSwept = 16;
    std::size_t m_tasksSweptAt = minimumTasksSwept;
    /// Argument vectors of calls that have returned, their room kept for the next calls.
    std::vector<std::vector<Value>> m_spareArguments;
    /// Tasks of ended loops that failed with their error not retrieved then, still held; the module may ask yet.
    std::vector<FuturePtr> m_failedTasks;
    /// Those that were freed unretrieved, logged as their loop ended.
    std::vector<UnretrievedTaskError> m_loggedTaskErrors;
    /// The task run() runs, null between steps.
    Future *m_runningTask = nullptr;
    /// While a failure's frames are freed.
    bool m_unwinding = false;
    void logFreedTaskErrors(bool mainFailed);
    int m_cakes = 1;
    /// The cakes of asyncio.run() made so far, while it makes them: a million tasks made in one go would hold the
    /// window's loop for a quarter of a second. Nothing else runs until all are made, so each cake's first step
    /// still comes in the order CPython's gather() gives, and no output can tell the slices apart.
    struct CakesInTheMaking {
        Ref<Coroutine> coroutine;
        std::vector<FuturePtr> made;
    };
    CakesInTheMaking m_cakesInTheMaking;
    /// The tasks parked on a resource, each with the method it waits in (lock.acquire(), queue.get()): for the
    /// deadlock's message, and for whoever shows what each task waits on.
    std::unordered_map<const Future *, Ref<Coroutine>> m_resourceWaits;
    /// About a millisecond of making, as TimerRecipeDriver's callbacks per look are of running.
    static constexpr int cakesMadePerSlice = 4096;
    /// The module's own cake while several bake: its lines get no prefix, but they end or continue a line too.
    static constexpr int outsideTheCakes = -1;
    /// Whether print() writes its text as it is: shown, and one cake, whose lines have no prefix.
    bool m_printsAsWritten = true;
    /// Whether the printed text so far ends a line, while several cakes bake: the next line gets its prefix.
    bool m_atLineStart = true;
    bool m_loopRunning = false;
    bool m_stopping = false;
    int m_tasksMade = 0;
    Status m_status = Status::Running;
    std::optional<RecipeError> m_error;
    /// Set by asyncio.run(): the module stops at the call until the loop has run its task.
    bool m_suspendRequested = false;
    /// What the last frame to end returned, for the task or module it ended.
    Value m_returned;
    /// The error being raised by the instruction that just ran.
    std::optional<RecipeError> m_raised;
    /// Set when the driver stopped the recipe: nothing of it runs again, whichever task was running.
    std::optional<RecipeError> m_interrupted;
    qint64 m_startNs = 0;
    MemoryBudget m_memory;
    /// Raises MemoryError unless @p items more list values, or @p characters more text, fit the budget.
    bool take(qint64 items, qint64 characters = 0);
    int m_instructionsUntilCheck = instructionsPerCheck;
    /// How many instructions run between two looks at the clock while another thread may want the lock: a
    /// look costs a clock reading, so it is made often enough to hand the lock over within a few microseconds
    /// of its 5 ms, and only while some other thread waits or sleeps.
    static constexpr int instructionsPerSwitchCheck = 256;
    int m_switchChecks = 0;
    ThreadScheduler m_threads;
    std::vector<ThreadRecord> m_threadRecords;
    int m_resourcesMade = 0; ///< the number the next resource made gets, less one
    /// For the observer: the futures tasks wait on in resources, and whose they are, until a use wakes them.
    std::vector<std::pair<FuturePtr, int>> m_observedWaiters;
    /// By resource, the threads blocked in it and not yet woken, in the order they blocked.
    std::unordered_map<const Resource *, std::vector<ThreadScheduler::ThreadId>> m_threadsInResources;
    ThreadScheduler::ThreadId m_currentThread = ThreadScheduler::mainThread;
    /// asyncio.run(c)'s cakes that MainThread is still starting: c, copied for each but the last, and the threads
    /// started so far.
    struct CakeThreads {
        Value coroutine;
        std::vector<Value> started;
    };
    std::optional<CakeThreads> m_cakeThreads;
    /// What MainThread raised: the program still waits for its other threads before it ends with it.
    std::optional<RecipeError> m_mainThreadError;
    /// The result of the waiting that just finished.
    Value m_waited;
    InterpreterObserver *m_observer = nullptr;
    /// The future a recipe's function runs in while callToItsEnd() runs it, and how many frames it may hold: what
    /// the frames beneath it, in the task that called the builtin, leave of the task's limit.
    const Future *m_calledToItsEnd = nullptr;
    int m_calledToItsEndFrameLimit = 0;
    // Step mode (setPausesBeforeResumptions) and the account of pending tasks, when asked for.
    bool m_pausesBeforeResumptions = false;
    FuturePtr m_heldTask;
    bool m_heldTaskReleased = false;
    std::unique_ptr<PendingTasks> m_pendingTasks;
    /// When the sleep the running task just began ends; kept for the observer only.
    qint64 m_observedWakeNs = 0;
    /// A blocking sleep may have been cut short by the driver (a time limit, a cancel): the driver is asked before
    /// the next instruction runs, so the recipe stops there rather than going on as if it had slept.
    void askTheDriverNext() { m_instructionsUntilCheck = 1; }
    /// Counts a scan of @p units of text as instructions too, so a loop of long scans meets the interruption
    /// check as soon as a loop of small steps would.
    void chargeForText(qsizetype units)
    {
        m_instructionsUntilCheck
            = std::max<int>(1, m_instructionsUntilCheck - int(std::min<qsizetype>(units / 64, instructionsPerCheck)));
    }
};

} // namespace recipe
