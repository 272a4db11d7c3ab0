// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"
#include "taskstate.h"

#include <QString>
#include <QStringList>

#include <array>

/**
 * The two tasks written out as source code for one recipe: the Python each
 * mode mirrors (blocking with time.sleep, async with await asyncio.sleep,
 * the same blocking functions on two threading.Thread workers, and the
 * generator-based style that Python 3.11 removed) or the C++ state machine
 * the engine really runs. The recipe's own values (target, count,
 * the step in seconds) are written into the text.
 *
 * The recipe's mix trap is written in too, so that the code shown is the
 * code that runs. Stir by hand: in every Python listing the mixing step
 * calls stir_by_hand(), a busy loop, instead of sleeping; the async and the
 * legacy listings then yield with nothing to wait for (asyncio.sleep(0)), as
 * the async driver does. Forgot to await, which only the async listing
 * shows: its mixing step calls time.sleep() in async code. The oven's code
 * never changes; the C++ state machine only gains a comment naming the trap,
 * since there the driver, not the task, spends the wait.
 *
 * It also says which line each task is at in each of its states, so that a
 * view can highlight it; drawing is left to the view. Lines are 0-based and
 * always inside the text (lineOf() never returns -1):
 * - NotStarted: the task's def line (`case TaskState::NotStarted:` in C++).
 *   Not the gather()/call/Thread line, so a task's highlight never leaves
 *   its own function and the two tasks never share a line;
 * - Waiting: its sleep line (`await`, `yield from`, `time.sleep`, or the
 *   `return TaskResumption::wait();` that suspends the C++ task); under a
 *   trap, the mixing task's stir_by_hand() or time.sleep() line, where it
 *   computes or blocks;
 * - Running: the print line of the report it has just made;
 * - Done: the return that ends it;
 * - Cancelled: the sleep line again, where it was suspended: a bake is only
 *   cancelled from the loop, which is free only while every task waits, and
 *   asyncio raises CancelledError at that very await; a worker thread is
 *   likewise stopped in its wait.
 */
class SourceListing
{
public:
    enum class Kind {
        Blocking, ///< Python, time.sleep: what Bake Sync does
        Async, ///< Python asyncio, async def and await: what Bake Async does
        Threaded, ///< Python, the blocking functions on two threading.Thread workers: what Bake Threaded does
        LegacyGenerator, ///< Python before 3.11: @asyncio.coroutine and yield from
        StateMachine, ///< the C++ of Oven::resume() and Bowl::resume()
    };
    /// Every kind, in the order a view shows them: the three modes' listings, then the legacy and the C++.
    static constexpr std::array<Kind, 5> allKinds{Kind::Blocking, Kind::Async, Kind::Threaded, Kind::LegacyGenerator,
                                                  Kind::StateMachine};

    explicit SourceListing(Kind kind = Kind::Async, const BakeParameters &parameters = {});

    Kind kind() const { return m_kind; }
    const BakeParameters &parameters() const { return m_parameters; }
    /// The trap this listing shows: the recipe's, or None where the kind cannot show it (forgot to await in the
    /// blocking, threaded and legacy listings, which have no await to forget).
    MixTrap shownTrap() const;

    /// The whole listing, lines joined by '\n', no newline after the last.
    QString text() const { return m_lines.join(QLatin1Char('\n')); }
    const QStringList &lines() const { return m_lines; }
    int lineCount() const { return int(m_lines.size()); }

    /// The 0-based line @p task is at in @p state, as the class comment describes.
    int lineOf(TaskId task, TaskState state) const;

    /// The listing that mirrors @p mode: Blocking for Sync, Async for Async, Threaded for Threaded.
    static Kind forMode(BakeMode mode);
    /// "Blocking", "Async", "Threaded", "Generator-based (legacy)", "C++ state machine".
    static QString title(Kind kind);
    /// One step in seconds as Python writes it: 1000 gives "1", 250 "0.25", 1500 "1.5", 1 "0.001".
    static QString pythonSeconds(int stepMs);

private:
    /// The lines one task's highlight moves between.
    struct TaskLines {
        int start = 0;
        int wait = 0;
        int report = 0;
        int finish = 0;
    };

    /// How the four Python listings differ in writing the same two functions.
    struct PythonStyle {
        QString decorator; ///< a line above each def, or empty
        QString defKeyword; ///< "def" or "async def"
        QString sleepCall; ///< "time.sleep", "await asyncio.sleep", "yield from asyncio.sleep"
        QString sleepComment;
        QString returnComment;
        QString reportGuard; ///< a with-statement each print runs inside, or empty
        QString stirComment; ///< what stirring by hand does in this mode
        QString yieldCall; ///< how the mixing task yields after stirring ("await asyncio.sleep"), or empty
    };

    int append(const QString &line);
    /// "import asyncio", with ", time" added where a trap needs the time module.
    QString asyncioImport() const;
    void writeStirByHand();
    /// Writes the mixing step's wait, or the trap's call in its place; returns the line lineOf(Mix, Waiting) names.
    int appendMixWait(const PythonStyle &style, const QString &sleepLine);
    void appendBlank(int count = 1);
    void writeBlocking();
    void writeAsync();
    void writeThreaded();
    void writeLegacyGenerator();
    void writePythonTasks(const PythonStyle &style);
    void writeStateMachine();
    void writePreheatResume();
    void writeMixResume();

    Kind m_kind;
    BakeParameters m_parameters;
    QStringList m_lines;
    TaskLines m_preheat;
    TaskLines m_mix;
};
