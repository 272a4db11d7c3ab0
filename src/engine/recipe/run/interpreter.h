// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "cyclebreaker.h"
#include "eventloop.h"
#include "future.h"
#include "memorybudget.h"
#include "recipeerror.h"
#include "threadscheduler.h"

#include <QHash>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace recipe {

/**
 * Runs a compiled recipe with CPython 3.11's asyncio semantics, one step at
 * a time: the module's code until it must wait, then an iteration of the
 * event loop whenever one is due. It owns no clock and never sleeps itself:
 * the driver reads the time through the hooks, waits timeUntilNextNs()
 * however it likes (a QTimer, a blocking sleep, a test's own clock) and
 * calls advance() again. A blocking time.sleep() in the recipe is handed to
 * the driver's blockFor hook, so the driver decides what it holds.
 */
class Interpreter
{
public:
    struct Hooks {
        /// The loop's clock, in ns; asyncio.sleep and time.perf_counter read it.
        std::function<qint64()> nowNs;
        /// time.sleep(): hold the thread for this long.
        std::function<void(qint64 ns)> blockFor;
        /// What print() writes, as it writes it.
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

    /// How awaiting runs: as written, on the event loop; or as the blocking twin, where `async def` is `def`,
    /// `await x` is `x`, asyncio.sleep is time.sleep, gather(a, b) is [a, b] and create_task(c) and
    /// asyncio.run(c) are c, each run to its end where it is called; or as the threaded twin
    /// (docs/recipe-language.md): each spawn site's call runs on a thread of its own, joined where it is awaited,
    /// the threads taking turns on CPython 3.11's interpreter lock (ThreadScheduler).
    enum class Kitchen { Async, BlockingTwin, ThreadedTwin };

    Interpreter(const Program &program, Hooks hooks, Kitchen kitchen = Kitchen::Async);
    ~Interpreter();

    /// Runs what is due now; returns whether the recipe goes on, ended, or ended with an error.
    Status advance();
    /// How long until advance() has work again: 0 when now, -1 when the recipe has ended.
    qint64 timeUntilNextNs();
    Status status() const { return m_status; }
    /// The error the recipe ended with, when it failed.
    const std::optional<RecipeError> &error() const { return m_error; }

private:
    using FuturePtr = std::shared_ptr<Future>;
    enum class Outcome { Suspended, Returned, Raised };

    /// Runs @p task's frames until it suspends, returns or raises.
    Outcome run(Future &task);
    void stepTask(const FuturePtr &task);
    FuturePtr createTask(const std::shared_ptr<Coroutine> &coroutine);
    std::unique_ptr<Frame> frameFor(const std::shared_ptr<FunctionObject> &function, std::vector<Value> positional,
                                    std::vector<std::pair<QString, Value>> keywords, RecipeError *error);

    /// The instruction's effect; Raised with m_raised set, Suspended at an Await that must wait, else Returned
    /// meaning "go on".
    bool call(Future &task, Frame &frame, const Value &callee, std::vector<Value> positional,
              std::vector<std::pair<QString, Value>> keywords, bool spawnsThread);
    bool callBuiltin(Future &task, Frame &frame, Builtin builtin, std::vector<Value> &positional,
                     std::vector<std::pair<QString, Value>> &keywords);
    bool callMethod(Frame &frame, const BoundMethod &method, std::vector<Value> &positional,
                    std::vector<std::pair<QString, Value>> &keywords);
    /// Awaits @p awaitable in @p task: true when it goes on at once, false when it must wait (or raised).
    /// @p finishedCall: the awaitable is the value of a call the threaded twin ran to its end in place.
    bool await(Future &task, Frame &frame, const Value &awaitable, bool finishedCall);
    void finishLoop();

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
    };
    enum class WaitOutcome { Finished, Blocked, Raised };
    /// Runs the thread holding the interpreter lock until it gives the lock up or ends.
    Status advanceThreads();
    qint64 threadsTimeUntilNextNs();
    /// A spawn site: @p called (or @p error, when the call's arguments do not fit) becomes a thread that holds
    /// the lock at once; the Task is pushed on @p frame.
    bool startThread(Frame &frame, const FunctionObject &function, std::unique_ptr<Frame> called,
                     const RecipeError &error);
    /// The current thread waits for @p awaited in order (gather when @p asList, else wait): true with the result
    /// pushed when nothing is left to wait for; false when it blocks, or raised (m_raised set).
    bool waitInThread(Frame &frame, std::vector<Value> awaited, bool asList);
    /// Goes on with @p thread's waiting: the result in m_waited when Finished.
    WaitOutcome waitForThreads(ThreadRecord &thread);
    /// time.sleep(@p seconds) in the current thread: false when it raised.
    bool sleepInThread(const Value &seconds);

    bool raise(const QString &type, const QString &message);
    /// A value nested past maxNestedDepth met repr() or str(): CPython's RecursionError.
    bool raiseReprTooDeep();
    std::optional<Value> binary(BinaryOperator op, const Value &left, const Value &right);
    std::optional<Value> compare(CompareOperator op, const Value &left, const Value &right);
    std::optional<Value> subscript(const Value &container, const Value &index);
    std::optional<QString> format(const Value &value, const QString &spec);
    std::optional<QString> strFormat(const QString &pattern, const std::vector<Value> &positional,
                                     const std::vector<std::pair<QString, Value>> &keywords);
    std::optional<std::vector<Value>> items(const Value &iterable);
    QString nameErrorMessage(const QString &name, const Frame &frame) const;

    /// Declared first, so it outlives every value below; ~Interpreter() breaks the cycles among them.
    CycleBreaker m_cycles;
    const Program &m_program;
    Hooks m_hooks;
    Kitchen m_kitchen;
    EventLoop m_loop;
    QHash<QString, Value> m_globals;
    Future m_module;
    /// The task asyncio.run() runs, while it runs; the module waits on it.
    FuturePtr m_mainTask;
    std::vector<FuturePtr> m_tasks;
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
    ThreadScheduler::ThreadId m_currentThread = ThreadScheduler::mainThread;
    /// What MainThread raised: the program still waits for its other threads before it ends with it.
    std::optional<RecipeError> m_mainThreadError;
    /// The result of the waiting that just finished.
    Value m_waited;
    /// Counts a scan of @p units of text as instructions too, so a loop of long scans meets the interruption
    /// check as soon as a loop of small steps would.
    void chargeForText(qsizetype units)
    {
        m_instructionsUntilCheck
            = std::max<int>(1, m_instructionsUntilCheck - int(std::min<qsizetype>(units / 64, instructionsPerCheck)));
    }
};

} // namespace recipe
