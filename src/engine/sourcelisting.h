// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"
#include "taskstate.h"

#include <QString>
#include <QStringList>

#include <array>

class QRegularExpression;

/**
 * The code a bake runs, as the Source panel shows it: recipes/cake.py (or
 * its variant with the bake's trap, cake_stir_by_hand.py or
 * cake_forgot_to_await.py) with its knobs TARGET_TEMP, MIX_COUNT and STEP
 * set to the bake's values, as the async kitchen runs it; its blocking and
 * its threaded twins, as BlockingTwinWriter and ThreadedTwinWriter write
 * them from that text; and the state machine the engine compiles from it,
 * as MachineListing writes it. The three Python listings run unmodified
 * under python3 and print what the engine prints. Each twin shows the trap
 * as its mode bakes it (BakeParameters::trapIn()): forgetting to await is
 * async code's alone, so the twins then show the plain cake's. A fifth,
 * hand-written listing shows the same tasks in the generator-based style
 * that Python 3.11 removed: a history lesson, never run.
 *
 * It also says which line each task is at in each of its states, so that a
 * view can highlight it; drawing is left to the view. The lines are found
 * in the text, in the task's own function (`def preheat()`,
 * `def mix_ingredients()`; in the machine listing, its section), so a
 * highlight never leaves it. Lines are 0-based and always inside the text
 * (lineOf() never returns -1):
 * - NotStarted: the task's def line (the machine's: the function's header);
 * - Waiting: its sleep line (`await asyncio.sleep(...)`, `time.sleep(...)`;
 *   the machine's: its Await instruction); under a trap, the mixing task's
 *   stir_by_hand(...) or time.sleep(...) line, where it computes or blocks
 *   (the machine's: that call's source line, as it has no Await there);
 * - Running: the print line of the report it has just made;
 * - Done: where it decides to end, its loop's header (`while temp < ...:`,
 *   `for i in range(...):`; the machine's: its Return instruction; the
 *   legacy listing's: its return);
 * - Cancelled: the sleep line again, where it was suspended: a bake is only
 *   cancelled from the loop, which is free only while every task waits, and
 *   asyncio raises CancelledError at that very await; a worker thread is
 *   likewise stopped in its wait.
 */
class SourceListing
{
public:
    enum class Kind {
        Blocking, ///< cake.py's blocking twin: what Bake Sync runs
        Async, ///< cake.py itself: what Bake Async runs
        Threaded, ///< cake.py's threaded twin: what Bake Threaded runs
        LegacyGenerator, ///< Python before 3.11: @asyncio.coroutine and yield from, hand-written, not run
        StateMachine, ///< the state machine the engine compiles from cake.py, a state per await
    };
    /// Every kind, in the order a view shows them: the three modes' listings, then the legacy and the machine.
    static constexpr std::array<Kind, 5> allKinds{Kind::Blocking, Kind::Async, Kind::Threaded, Kind::LegacyGenerator,
                                                  Kind::StateMachine};

    explicit SourceListing(Kind kind = Kind::Async, const BakeParameters &parameters = {});

    Kind kind() const { return m_kind; }
    const BakeParameters &parameters() const { return m_parameters; }
    /// The trap this listing shows: the recipe's as the listing's mode bakes it (the async recipe's for the
    /// machine), or None where the kind cannot show it (forgot to await in the twins and the legacy listing).
    MixTrap shownTrap() const;

    /// The whole listing, lines joined by '\n', no newline after the last.
    QString text() const { return m_lines.join(QLatin1Char('\n')); }
    const QStringList &lines() const { return m_lines; }
    int lineCount() const { return int(m_lines.size()); }

    /// The 0-based line @p task is at in @p state, as the class comment describes.
    int lineOf(TaskId task, TaskState state) const;

    /// The listing that mirrors @p mode: Blocking for Sync, Async for Async, Threaded for Threaded.
    static Kind forMode(BakeMode mode);
    /// "Blocking", "Async", "Threaded", "Generator-based (legacy)", "State machine (compiled)".
    static QString title(Kind kind);
    /// One step in seconds as Python writes it: 1000 gives "1", 250 "0.25", 1500 "1.5", 1 "0.001".
    static QString pythonSeconds(int stepMs);
    /// The cake's recipe with @p trap, its TARGET_TEMP, MIX_COUNT and STEP lines set to @p parameters' values.
    static QString recipeText(const BakeParameters &parameters, MixTrap trap);

private:
    /// The lines one task's highlight moves between.
    struct TaskLines {
        int start = 0;
        int wait = 0;
        int report = 0;
        int finish = 0;
    };

    /// How a listing's lines are told apart, each pattern with %1 standing for the task's name where it needs it.
    struct LinePatterns {
        QString start;
        QString wait;
        QString report;
        QString finish;
    };

    int append(const QString &line);
    void appendBlank();
    void setText(const QString &text);
    void writeRecipe();
    void writeTwin();
    void writeStateMachine();
    void writeLegacyGenerator();
    void writeLegacyTask(TaskId task);
    void writeStirByHand();
    /// Finds each task's lines in the text written.
    void findTaskLines(const LinePatterns &patterns);
    TaskLines findLinesOf(TaskId task, const LinePatterns &patterns) const;
    /// The first line from @p first up to (not including) @p end that @p pattern matches, or @p fallback.
    int firstMatch(const QRegularExpression &pattern, int first, int end, int fallback) const;

    Kind m_kind;
    BakeParameters m_parameters;
    QStringList m_lines;
    TaskLines m_preheat;
    TaskLines m_mix;
};
