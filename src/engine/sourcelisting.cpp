// SPDX-License-Identifier: MIT
#include "sourcelisting.h"

#include "oven.h"

#include <algorithm>

namespace {

// One blank line between top-level definitions, not PEP 8's two, so that a
// whole Python listing fits a panel on a projected screen.
constexpr int blankLinesBetweenDefs = 1;
constexpr int msPerSecond = 1000;

} // namespace

SourceListing::SourceListing(Kind kind, const BakeParameters &parameters)
    : m_kind(kind)
    , m_parameters(parameters)
{
    switch (kind) {
    case Kind::Blocking:
        writeBlocking();
        break;
    case Kind::Async:
        writeAsync();
        break;
    case Kind::Threaded:
        writeThreaded();
        break;
    case Kind::LegacyGenerator:
        writeLegacyGenerator();
        break;
    case Kind::StateMachine:
        writeStateMachine();
        break;
    }
}

MixTrap SourceListing::shownTrap() const
{
    if (m_parameters.mixTrap == MixTrap::ForgotToAwait && m_kind != Kind::Async && m_kind != Kind::StateMachine)
        return MixTrap::None;
    return m_parameters.mixTrap;
}

int SourceListing::lineOf(TaskId task, TaskState state) const
{
    const TaskLines &lines = task == TaskId::Preheat ? m_preheat : m_mix;
    switch (state) {
    case TaskState::NotStarted:
        return lines.start;
    case TaskState::Running:
        return lines.report;
    case TaskState::Waiting:
    case TaskState::Cancelled:
        return lines.wait;
    case TaskState::Done:
        return lines.finish;
    }
    Q_UNREACHABLE();
    return lines.start;
}

SourceListing::Kind SourceListing::forMode(BakeMode mode)
{
    switch (mode) {
    case BakeMode::Sync:
        return Kind::Blocking;
    case BakeMode::Async:
        return Kind::Async;
    case BakeMode::Threaded:
        return Kind::Threaded;
    }
    Q_UNREACHABLE();
    return Kind::Async;
}

QString SourceListing::title(Kind kind)
{
    switch (kind) {
    case Kind::Blocking:
        return QStringLiteral("Blocking");
    case Kind::Async:
        return QStringLiteral("Async");
    case Kind::Threaded:
        return QStringLiteral("Threaded");
    case Kind::LegacyGenerator:
        return QStringLiteral("Generator-based (legacy)");
    case Kind::StateMachine:
        return QStringLiteral("C++ state machine");
    }
    Q_UNREACHABLE();
    return {};
}

QString SourceListing::pythonSeconds(int stepMs)
{
    const int ms = std::max(stepMs, 0);
    const int fraction = ms % msPerSecond;
    if (fraction == 0)
        return QString::number(ms / msPerSecond);
    // Three decimals are exact for whole milliseconds; Python's own repr drops the trailing zeros.
    QString text = QStringLiteral("%1.%2").arg(ms / msPerSecond).arg(fraction, 3, 10, QLatin1Char('0'));
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    return text;
}

int SourceListing::append(const QString &line)
{
    m_lines << line;
    return int(m_lines.size()) - 1;
}

void SourceListing::appendBlank(int count)
{
    for (int i = 0; i < count; ++i)
        m_lines << QString();
}

QString SourceListing::asyncioImport() const
{
    return shownTrap() == MixTrap::None ? QStringLiteral("import asyncio") : QStringLiteral("import asyncio, time");
}

void SourceListing::writeStirByHand()
{
    append(QStringLiteral("def stir_by_hand(seconds):"));
    append(QStringLiteral("    # keeps the thread busy: no one else runs on it meanwhile"));
    append(QStringLiteral("    deadline = time.monotonic() + seconds"));
    append(QStringLiteral("    while time.monotonic() < deadline:"));
    append(QStringLiteral("        pass"));
}

int SourceListing::appendMixWait(const PythonStyle &style, const QString &sleepLine)
{
    const QString seconds = pythonSeconds(m_parameters.stepMs);
    switch (shownTrap()) {
    case MixTrap::None:
        break;
    case MixTrap::StirByHand: {
        // The yield that follows the print (see writePythonTasks) is what lets the others due run between steps.
        return append(QStringLiteral("        stir_by_hand(%1)  # %2").arg(seconds, style.stirComment));
    }
    case MixTrap::ForgotToAwait:
        return append(QStringLiteral("        time.sleep(%1)  # forgot to await: blocks the one thread, the loop waits")
                          .arg(seconds));
    }
    return append(sleepLine);
}

void SourceListing::writeBlocking()
{
    append(QStringLiteral("import time"));
    appendBlank(blankLinesBetweenDefs);
    writePythonTasks({
        {},
        QStringLiteral("def"),
        QStringLiteral("time.sleep"),
        QStringLiteral("blocks the thread: nothing else runs"),
        QStringLiteral("done: main() carries on"),
        {},
        QStringLiteral("computes instead of sleeping: the same wait, a core busy"),
        {},
    });
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("def main():"));
    append(QStringLiteral("    preheat()  # runs to its very end first,"));
    append(QStringLiteral("    mix_ingredients()  # and only then does this start"));
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("main()"));
}

void SourceListing::writeAsync()
{
    append(asyncioImport());
    appendBlank(blankLinesBetweenDefs);
    writePythonTasks({
        {},
        QStringLiteral("async def"),
        QStringLiteral("await asyncio.sleep"),
        QStringLiteral("gives the loop back until woken"),
        QStringLiteral("done: this task is finished"),
        {},
        QStringLiteral("computes on the loop's thread: the loop stalls for the step"),
        QStringLiteral("await asyncio.sleep"),
    });
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("async def main():"));
    append(QStringLiteral("    # Both start at once, as two tasks on the one event loop."));
    append(QStringLiteral("    await asyncio.gather(preheat(), mix_ingredients())"));
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("asyncio.run(main())"));
}

void SourceListing::writeThreaded()
{
    append(QStringLiteral("import threading, time"));
    appendBlank(blankLinesBetweenDefs);
    // print() writes its text and its newline separately: unguarded, two threads' lines can run together.
    append(QStringLiteral("print_lock = threading.Lock()  # one print at a time: the threads share stdout"));
    appendBlank(blankLinesBetweenDefs);
    // The functions of the blocking listing; only where they run differs, and each print takes the lock.
    writePythonTasks({
        {},
        QStringLiteral("def"),
        QStringLiteral("time.sleep"),
        QStringLiteral("blocks this thread only"),
        QStringLiteral("done: this thread ends"),
        QStringLiteral("with print_lock:"),
        QStringLiteral("computes instead of sleeping: only this thread's core is busy"),
        {},
    });
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("def main():"));
    append(QStringLiteral("    # The two run at the same time, on two threads. Where two lines fall"));
    append(QStringLiteral("    # at the same moment, their order may differ from run to run."));
    append(QStringLiteral("    oven = threading.Thread(target=preheat)"));
    append(QStringLiteral("    bowl = threading.Thread(target=mix_ingredients)"));
    append(QStringLiteral("    oven.start()"));
    append(QStringLiteral("    bowl.start()"));
    append(QStringLiteral("    oven.join()  # wait for both threads to finish"));
    append(QStringLiteral("    bowl.join()"));
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("main()"));
}

void SourceListing::writeLegacyGenerator()
{
    append(QStringLiteral("# Legacy generator-based coroutines: Python 3.11 removed @asyncio.coroutine,"));
    append(QStringLiteral("# so this no longer runs. Today it is async def, await and asyncio.run()."));
    append(asyncioImport());
    appendBlank(blankLinesBetweenDefs);
    writePythonTasks({
        QStringLiteral("@asyncio.coroutine"),
        QStringLiteral("def"),
        QStringLiteral("yield from asyncio.sleep"),
        QStringLiteral("the generator gives the loop back"),
        QStringLiteral("done: this task is finished"),
        {},
        QStringLiteral("computes on the loop's thread: the loop stalls for the step"),
        QStringLiteral("yield from asyncio.sleep"),
    });
    appendBlank(blankLinesBetweenDefs);
    append(QStringLiteral("loop = asyncio.get_event_loop()"));
    append(QStringLiteral("loop.run_until_complete(asyncio.gather(preheat(), mix_ingredients()))"));
    append(QStringLiteral("loop.close()"));
}

void SourceListing::writePythonTasks(const PythonStyle &style)
{
    const QString sleepLine = QStringLiteral("        %1(%2)  # %3")
                                  .arg(style.sleepCall, pythonSeconds(m_parameters.stepMs), style.sleepComment);
    const QString returnLine = QStringLiteral("    return  # ") + style.returnComment;
    // The print sits in the loop's body, or one level deeper inside the guard.
    const QString loopBody = QStringLiteral("        ");
    const QString printIndent = style.reportGuard.isEmpty() ? loopBody : loopBody + QStringLiteral("    ");
    const auto appendReport = [&](const QString &print) {
        if (!style.reportGuard.isEmpty())
            append(loopBody + style.reportGuard);
        return append(printIndent + print);
    };

    if (shownTrap() == MixTrap::StirByHand) {
        writeStirByHand();
        appendBlank(blankLinesBetweenDefs);
    }
    if (!style.decorator.isEmpty())
        append(style.decorator);
    m_preheat.start
        = append(QStringLiteral("%1 preheat(target=%2):").arg(style.defKeyword).arg(m_parameters.targetTemperature));
    append(QStringLiteral("    temp = %1").arg(Oven::startTemperature));
    append(QStringLiteral("    while temp < target:"));
    m_preheat.wait = append(sleepLine);
    append(QStringLiteral("        temp = temp + %1").arg(Oven::temperatureStep));
    m_preheat.report = appendReport(QStringLiteral("print(f\"preheat:: temp is now {temp}\")"));
    m_preheat.finish = append(returnLine);

    appendBlank(blankLinesBetweenDefs);
    if (!style.decorator.isEmpty())
        append(style.decorator);
    m_mix.start
        = append(QStringLiteral("%1 mix_ingredients(count=%2):").arg(style.defKeyword).arg(m_parameters.mixCount));
    append(QStringLiteral("    for i in range(count):"));
    m_mix.wait = appendMixWait(style, sleepLine);
    m_mix.report = appendReport(QStringLiteral("print(f\"mix_ingredients:: mixing things {i}\")"));
    // As the async driver does: after a stirred step and its line, the task yields with nothing to wait for,
    // so what else is due runs before the next step is stirred.
    if (shownTrap() == MixTrap::StirByHand && !style.yieldCall.isEmpty())
        append(
            QStringLiteral("        %1(0)  # nothing to wait for: lets the others due run first").arg(style.yieldCall));
    m_mix.finish = append(returnLine);
}

void SourceListing::writeStateMachine()
{
    append(QStringLiteral("// What the engine really runs (src/engine/preheattask.cpp, mixtask.cpp),"));
    append(QStringLiteral("// shortened. resume() never waits itself: it runs on to the next report,"));
    append(QStringLiteral("// wait or end and says which. The driver does the waiting, a blocking"));
    append(QStringLiteral("// sleep (sync) or a timer on the loop (async), then resumes the task."));
    append(QStringLiteral("Kitchen kitchen(%1, %2);  // target %1 °F, count %2")
               .arg(m_parameters.targetTemperature)
               .arg(m_parameters.mixCount));
    appendBlank();
    writePreheatResume();
    appendBlank();
    writeMixResume();
}

void SourceListing::writePreheatResume()
{
    const QString waitLine
        = QStringLiteral("            return TaskResumption::wait();  // driver waits %1 ms").arg(m_parameters.stepMs);
    append(QStringLiteral("TaskResumption Oven::resume()  // m_temperature starts at %1").arg(Oven::startTemperature));
    append(QStringLiteral("{"));
    append(QStringLiteral("    switch (m_state) {"));
    m_preheat.start = append(QStringLiteral("    case TaskState::NotStarted:"));
    append(QStringLiteral("    case TaskState::Running:  // the top of the while loop"));
    append(QStringLiteral("        if (m_temperature < m_target) {"));
    append(QStringLiteral("            m_state = TaskState::Waiting;"));
    m_preheat.wait = append(waitLine);
    append(QStringLiteral("        }"));
    append(QStringLiteral("        m_state = TaskState::Done;"));
    m_preheat.finish = append(QStringLiteral("        return TaskResumption::finished();"));
    append(QStringLiteral("    case TaskState::Waiting:  // back from the wait"));
    append(QStringLiteral("        m_temperature += %1;").arg(Oven::temperatureStep));
    append(QStringLiteral("        m_state = TaskState::Running;"));
    m_preheat.report
        = append(QStringLiteral("        return TaskResumption::report(m_temperature);  // \"temp is now ...\""));
    append(QStringLiteral("    default:  // Done or Cancelled: nothing left to run"));
    append(QStringLiteral("        return TaskResumption::finished();"));
    append(QStringLiteral("    }"));
    append(QStringLiteral("}"));
}

void SourceListing::writeMixResume()
{
    const QString waitLine
        = QStringLiteral("            return TaskResumption::wait();  // driver waits %1 ms").arg(m_parameters.stepMs);
    append(QStringLiteral("TaskResumption Bowl::resume()  // m_done starts at 0"));
    append(QStringLiteral("{"));
    append(QStringLiteral("    switch (m_state) {"));
    m_mix.start = append(QStringLiteral("    case TaskState::NotStarted:"));
    append(QStringLiteral("    case TaskState::Running:  // the top of the for loop"));
    append(QStringLiteral("        if (m_done < m_count) {"));
    append(QStringLiteral("            m_state = TaskState::Waiting;"));
    switch (shownTrap()) {
    case MixTrap::None:
        break;
    case MixTrap::StirByHand:
        append(
            QStringLiteral("            // stir by hand: the driver computes through this wait instead of sleeping"));
        break;
    case MixTrap::ForgotToAwait:
        append(QStringLiteral("            // forgot to await: an async driver blocks its loop for this wait"));
        break;
    }
    m_mix.wait = append(waitLine);
    append(QStringLiteral("        }"));
    append(QStringLiteral("        m_state = TaskState::Done;"));
    m_mix.finish = append(QStringLiteral("        return TaskResumption::finished();"));
    append(QStringLiteral("    case TaskState::Waiting: {  // back from the wait"));
    append(QStringLiteral("        const int i = m_done;"));
    append(QStringLiteral("        m_done += 1;"));
    append(QStringLiteral("        m_state = TaskState::Running;"));
    m_mix.report = append(QStringLiteral("        return TaskResumption::report(i);  // \"mixing things <i>\""));
    append(QStringLiteral("    }"));
    append(QStringLiteral("    default:  // Done or Cancelled: nothing left to run"));
    append(QStringLiteral("        return TaskResumption::finished();"));
    append(QStringLiteral("    }"));
    append(QStringLiteral("}"));
}
