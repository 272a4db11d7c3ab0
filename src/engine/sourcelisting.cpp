// SPDX-License-Identifier: MIT
#include "sourcelisting.h"

#include "blockingtwinwriter.h"
#include "cakerecipedriver.h"
#include "compiler.h"
#include "machinelisting.h"
#include "parser.h"
#include "threadedtwinwriter.h"

#include <QRegularExpression>

#include <algorithm>

namespace {

constexpr int msPerSecond = 1000;

// The hand-written legacy listing's oven: its start and its step, as the cake's recipe has them.
constexpr int legacyOvenStart = 100;
constexpr int legacyOvenStep = 100;

/**
 * Where each task stands in the Python listings: its def, its wait (the trap's call first, as a stirring bowl
 * yields with asyncio.sleep(0) only after its print), its print, and the loop header where it decides to end.
 */
const QString pythonStart = QStringLiteral("^(async )?def %1\\(");
const QString pythonWait = QStringLiteral("^\\s+(stir_by_hand|await asyncio\\.sleep|time\\.sleep)\\(");
const QString pythonReport = QStringLiteral("%1::");
const QString pythonFinish = QStringLiteral("^\\s+(while|for) ");

/**
 * In the machine listing: the function's header, its Await instruction (under a trap, the source line of the call
 * that computes or blocks, which comes before any Await), its print's source line and its Return instruction.
 */
const QString machineStart = QStringLiteral("^(async )?def %1\\(\\), line \\d+:");
const QString machineWait = QStringLiteral("^\\s+\\d+(\\s+Await\\b| \\|\\s+(stir_by_hand|time\\.sleep)\\()");
const QString machineReport = QStringLiteral("^\\s+\\d+ \\|.*%1::");
const QString machineFinish = QStringLiteral("^\\s+\\d+\\s+Return\\b");

/// A listing that could not be written, as a Python comment saying why: a fault of the bundled recipe, never of
/// the bake's values.
QString failureText(const std::vector<recipe::Diagnostic> &diagnostics, const QString &file)
{
    return QStringLiteral("# ")
        + (diagnostics.empty() ? QStringLiteral("%1 could not be compiled").arg(file)
                               : diagnostics.front().toString(file));
}

/// The line after the block that starts at @p first: the next that is not blank and starts at the left margin.
int blockEnd(const QStringList &lines, int first)
{
    for (int line = first + 1; line < lines.size(); ++line) {
        const QString &text = lines.at(line);
        if (!text.isEmpty() && !text.front().isSpace())
            return line;
    }
    return int(lines.size());
}

} // namespace

SourceListing::SourceListing(Kind kind, const BakeParameters &parameters)
    : m_kind(kind)
    , m_parameters(parameters)
{
    switch (kind) {
    case Kind::Async:
        writeRecipe();
        break;
    case Kind::Blocking:
    case Kind::Threaded:
        writeTwin();
        break;
    case Kind::StateMachine:
        writeStateMachine();
        break;
    case Kind::LegacyGenerator:
        writeLegacyGenerator();
        break;
    }
    if (m_lines.isEmpty())
        m_lines << QString();
}

MixTrap SourceListing::shownTrap() const
{
    switch (m_kind) {
    case Kind::Blocking:
        return m_parameters.trapIn(BakeMode::Sync);
    case Kind::Threaded:
        return m_parameters.trapIn(BakeMode::Threaded);
    case Kind::LegacyGenerator:
        // Written before await existed: it has none to forget.
        return m_parameters.mixTrap == MixTrap::ForgotToAwait ? MixTrap::None : m_parameters.mixTrap;
    case Kind::Async:
    case Kind::StateMachine:
        break;
    }
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
        return QStringLiteral("State machine (compiled)");
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

QString SourceListing::recipeText(const BakeParameters &parameters, MixTrap trap)
{
    QString text = QString::fromUtf8(CakeRecipeDriver::recipeSource(trap));
    // The knobs' literals, as compiledRecipe() puts the same values in their place; the rest of the line stays.
    const std::array<std::pair<QString, QString>, 3> knobs{{
        {QStringLiteral("TARGET_TEMP"), QString::number(parameters.targetTemperature)},
        {QStringLiteral("MIX_COUNT"), QString::number(parameters.mixCount)},
        {QStringLiteral("STEP"), pythonSeconds(parameters.stepMs)},
    }};
    for (const auto &[name, value] : knobs) {
        const QRegularExpression literal(QStringLiteral("^(%1 = )[^\\s#]+").arg(name),
                                         QRegularExpression::MultilineOption);
        text.replace(literal, QStringLiteral("\\1") + value);
    }
    return text;
}

int SourceListing::append(const QString &line)
{
    m_lines << line;
    return int(m_lines.size()) - 1;
}

void SourceListing::appendBlank()
{
    m_lines << QString();
}

void SourceListing::setText(const QString &text)
{
    m_lines = text.split(QLatin1Char('\n'));
    while (m_lines.size() > 1 && m_lines.constLast().isEmpty())
        m_lines.removeLast();
}

void SourceListing::writeRecipe()
{
    setText(recipeText(m_parameters, shownTrap()));
    findTaskLines({pythonStart, pythonWait, pythonReport, pythonFinish});
}

void SourceListing::writeTwin()
{
    // The twin of the very text the Async listing shows, parsed as the command line's --show-source parses it.
    std::vector<recipe::Diagnostic> diagnostics;
    const std::optional<recipe::Module> module
        = recipe::Parser::parse(recipeText(m_parameters, shownTrap()), &diagnostics);
    const QString file = CakeRecipeDriver::recipeFileName(shownTrap());
    if (!module) {
        setText(failureText(diagnostics, file));
        return;
    }
    const recipe::TwinSource twin = m_kind == Kind::Blocking ? recipe::BlockingTwinWriter::write(*module)
                                                             : recipe::ThreadedTwinWriter::write(*module);
    setText(twin.exists() ? twin.text : QStringLiteral("# ") + twin.refusalIn(file));
    findTaskLines({pythonStart, pythonWait, pythonReport, pythonFinish});
}

void SourceListing::writeStateMachine()
{
    // Compiled from the Async listing's text, so the source lines it quotes show the knobs as the code runs them.
    std::vector<recipe::Diagnostic> diagnostics;
    std::optional<recipe::Program> program;
    const QString file = CakeRecipeDriver::recipeFileName(shownTrap());
    if (const std::optional<recipe::Module> module
        = recipe::Parser::parse(recipeText(m_parameters, shownTrap()), &diagnostics))
        program = recipe::Compiler::compile(*module, &diagnostics);
    if (!program) {
        setText(failureText(diagnostics, file));
        return;
    }
    setText(recipe::MachineListing::write(*program, file));
    findTaskLines({machineStart, machineWait, machineReport, machineFinish});
}

void SourceListing::findTaskLines(const LinePatterns &patterns)
{
    m_preheat = findLinesOf(TaskId::Preheat, patterns);
    m_mix = findLinesOf(TaskId::Mix, patterns);
}

SourceListing::TaskLines SourceListing::findLinesOf(TaskId task, const LinePatterns &patterns) const
{
    const QString name = QRegularExpression::escape(taskName(task));
    const auto pattern = [&name](const QString &text) {
        return QRegularExpression(text.contains(QLatin1String("%1")) ? text.arg(name) : text);
    };
    TaskLines lines;
    lines.start = firstMatch(pattern(patterns.start), 0, lineCount(), 0);
    const int end = blockEnd(m_lines, lines.start);
    lines.wait = firstMatch(pattern(patterns.wait), lines.start, end, lines.start);
    lines.report = firstMatch(pattern(patterns.report), lines.start, end, lines.start);
    lines.finish = firstMatch(pattern(patterns.finish), lines.start, end, lines.start);
    return lines;
}

int SourceListing::firstMatch(const QRegularExpression &pattern, int first, int end, int fallback) const
{
    for (int line = first; line < end; ++line) {
        if (pattern.match(m_lines.at(line)).hasMatch())
            return line;
    }
    return fallback;
}

void SourceListing::writeStirByHand()
{
    append(QStringLiteral("def stir_by_hand(seconds):"));
    append(QStringLiteral("    # keeps the thread busy: no one else runs on it meanwhile"));
    append(QStringLiteral("    deadline = time.monotonic() + seconds"));
    append(QStringLiteral("    while time.monotonic() < deadline:"));
    append(QStringLiteral("        pass"));
}

void SourceListing::writeLegacyGenerator()
{
    append(QStringLiteral("# Legacy generator-based coroutines: Python 3.11 removed @asyncio.coroutine,"));
    append(QStringLiteral("# so this no longer runs. Today it is async def, await and asyncio.run()."));
    append(shownTrap() == MixTrap::None ? QStringLiteral("import asyncio") : QStringLiteral("import asyncio, time"));
    appendBlank();
    if (shownTrap() == MixTrap::StirByHand) {
        writeStirByHand();
        appendBlank();
    }
    // One blank line between definitions, not PEP 8's two, so that the listing fits a panel on a projected screen.
    writeLegacyTask(TaskId::Preheat);
    appendBlank();
    writeLegacyTask(TaskId::Mix);
    appendBlank();
    append(QStringLiteral("loop = asyncio.get_event_loop()"));
    append(QStringLiteral("loop.run_until_complete(asyncio.gather(preheat(), mix_ingredients()))"));
    append(QStringLiteral("loop.close()"));
}

void SourceListing::writeLegacyTask(TaskId task)
{
    const QString seconds = pythonSeconds(m_parameters.stepMs);
    const QString sleepLine
        = QStringLiteral("        yield from asyncio.sleep(%1)  # the generator gives the loop back").arg(seconds);
    const QString returnLine = QStringLiteral("    return  # done: this task is finished");
    append(QStringLiteral("@asyncio.coroutine"));
    if (task == TaskId::Preheat) {
        m_preheat.start = append(QStringLiteral("def preheat(target=%1):").arg(m_parameters.targetTemperature));
        append(QStringLiteral("    temp = %1").arg(legacyOvenStart));
        append(QStringLiteral("    while temp < target:"));
        m_preheat.wait = append(sleepLine);
        append(QStringLiteral("        temp = temp + %1").arg(legacyOvenStep));
        m_preheat.report = append(QStringLiteral("        print(f\"preheat:: temp is now {temp}\")"));
        m_preheat.finish = append(returnLine);
        return;
    }
    const bool stirs = shownTrap() == MixTrap::StirByHand;
    m_mix.start = append(QStringLiteral("def mix_ingredients(count=%1):").arg(m_parameters.mixCount));
    append(QStringLiteral("    for i in range(count):"));
    m_mix.wait = append(stirs ? QStringLiteral("        stir_by_hand(%1)  # computes on the loop's thread: the loop "
                                               "stalls for the step")
                                    .arg(seconds)
                              : sleepLine);
    m_mix.report = append(QStringLiteral("        print(f\"mix_ingredients:: mixing things {i}\")"));
    // As the engine's stirring bowl does: after a stirred step and its line, the task yields with nothing to wait
    // for, so what else is due runs before the next step is stirred.
    if (stirs)
        append(QStringLiteral("        yield from asyncio.sleep(0)  # nothing to wait for: lets the others due run "
                              "first"));
    m_mix.finish = append(returnLine);
}
