// SPDX-License-Identifier: MIT
#include "recipecommand.h"

#include "blockingrecipedriver.h"
#include "blockingtwinwriter.h"
#include "compiler.h"
#include "consoleoutput.h"
#include "exitstatus.h"
#include "loopmonitor.h"
#include "machinelisting.h"
#include "neverawaitedcoroutines.h"
#include "outputfile.h"
#include "parser.h"
#include "processmemory.h"
#include "pythontext.h"
#include "recipefile.h"
#include "recipereport.h"
#include "recipetracewriter.h"
#include "runjournal.h"
#include "threadedtwinwriter.h"
#include "timerrecipedriver.h"

#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>

namespace {
/// The recipe compiled, or nothing with every problem already said on stderr.
/// With @p tree, the syntax tree it was compiled from is kept there.
std::optional<recipe::Program> compiled(const RecipeFile &file, const recipe::Compiler::Constants &constants = {},
                                        const QHash<QString, QString> &constantFlags = {},
                                        std::optional<recipe::Module> *tree = nullptr)
{
    std::vector<recipe::Diagnostic> diagnostics;
    std::optional<recipe::Program> program;
    std::optional<recipe::Module> module = recipe::Parser::parseBytes(file.bytes, &diagnostics);
    if (module)
        program = recipe::Compiler::compile(*module, &diagnostics, constants, constantFlags);
    if (tree)
        *tree = std::move(module);
    for (const recipe::Diagnostic &diagnostic : diagnostics)
        ConsoleOutput::printErrorText(diagnostic.toString(file.displayName) + QLatin1Char('\n'));
    return program;
}

/// CPython's traceback draws this many exceptions of a group, and groups this deep, then says how many it left out.
constexpr qsizetype maxGroupWidth = 15;
constexpr int maxGroupDepth = 10;

/// The lines of an exception group's exceptions, each in a box of its own as CPython draws them under the group's
/// own traceback, @p indent deep; a group inside the group nests its boxes further in. @p depth counts the groups
/// drawn around these exceptions, the outermost one included.
QString groupBoxes(const RecipeFile &file, const recipe::RecipeError &group, const QString &indent, int depth = 1)
{
    QString text;
    const qsizetype shown = std::min(group.exceptions.size(), maxGroupWidth + 1);
    bool endsWithGroup = false;
    for (qsizetype i = 0; i < shown; ++i) {
        const bool cut = i == maxGroupWidth;
        const QString title = cut ? QStringLiteral("...") : QString::number(i + 1);
        const QString rule = QStringLiteral("---------------- %1 ----------------").arg(title);
        text += i == 0 ? indent + QStringLiteral("+-+") + rule + QLatin1Char('\n')
                       : indent + QStringLiteral("  +") + rule + QLatin1Char('\n');
        const QString bar = indent + QStringLiteral("  | ");
        endsWithGroup = false;
        if (cut) {
            const qsizetype more = group.exceptions.size() - maxGroupWidth;
            text += bar + QStringLiteral("and %1 more exception%2\n").arg(more).arg(more > 1 ? QStringLiteral("s") : QString());
            break;
        }
        const recipe::RecipeError &inner = group.exceptions[i];
        if (!inner.exceptions.empty() && depth >= maxGroupDepth) {
            text += bar + QStringLiteral("... (max_group_depth is %1)\n").arg(maxGroupDepth);
            continue;
        }
        // An exception made but never raised (one put in a group by hand) has no traceback to show.
        if (inner.line > 0)
            text += bar + QStringLiteral("Traceback (most recent call last):\n") + bar
                + QStringLiteral("  File \"%1\", line %2, in %3\n")
                      .arg(file.pythonName)
                      .arg(inner.line)
                      .arg(inner.function);
        text += bar + inner.text() + QLatin1Char('\n');
        if (!inner.exceptions.empty()) {
            text += groupBoxes(file, inner, indent + QStringLiteral("  "), depth + 1);
            endsWithGroup = true;
        }
    }
    // A group that ends with a group ends with that one's bottom.
    if (endsWithGroup)
        return text;
    return text + indent + QStringLiteral("  +------------------------------------\n");
}

/// As CPython's traceback ends: where it was raised, then the error itself on the last line; an exception group's
/// exceptions follow in their boxes, the last line the bottom of the last box.
void printTracebackEnd(const RecipeFile &file, const recipe::RecipeError &error)
{
    if (error.line > 0)
        ConsoleOutput::printErrorText(
            QStringLiteral("  File \"%1\", line %2, in %3\n").arg(file.pythonName).arg(error.line).arg(error.function));
    ConsoleOutput::printErrorText(error.text() + QLatin1Char('\n'));
    if (!error.exceptions.empty())
        ConsoleOutput::printErrorText(groupBoxes(file, error, QStringLiteral("  ")));
}

/// What asyncio logs for a task that failed with nobody asking for its error (futures.py's __del__ through the
/// loop's default exception handler).
void printNeverRetrieved(const RecipeFile &file, const recipe::Interpreter::UnretrievedTaskError &task)
{
    // An exception's repr names its class without its module: InvalidStateError('...').
    const QString exception = QStringLiteral("%1(%2)").arg(
        task.error.type.section(QLatin1Char('.'), -1),
        task.error.message.isEmpty() ? QString() : recipe::PythonText::stringRepr(task.error.message));
    const QString coroutine = task.coroutine.isEmpty() ? QString()
                                                       : QStringLiteral(" coro=<%1() done, defined at %2:%3>")
                                                             .arg(task.coroutine, file.pythonName)
                                                             .arg(task.definedAtLine);
    ConsoleOutput::printErrorText(QStringLiteral("Task exception was never retrieved\n"
                                                 "future: <Task finished name='Task-%1'%2 exception=%3>\n"
                                                 "Traceback (most recent call last):\n")
                                      .arg(task.taskNumber)
                                      .arg(coroutine, exception));
    printTracebackEnd(file, task.error);
}

std::optional<RecipeFile> loaded(const QString &pathOrName)
{
    QString error;
    std::optional<RecipeFile> file = RecipeFile::load(pathOrName, &error);
    if (!file)
        ConsoleOutput::printError(error);
    return file;
}

/// The recipe's --set values as the Compiler takes them, or nothing with the bad one already said on stderr.
std::optional<recipe::Compiler::Constants> constantsOf(const CommandLineOptions &options)
{
    recipe::Compiler::Constants constants;
    for (const auto &[name, text] : options.recipeConstants) {
        const std::optional<recipe::Value> value = recipe::Compiler::literal(text);
        if (!value) {
            ConsoleOutput::printError(QStringLiteral("--set %1=%2: the value must be a Python literal: a number, a "
                                                     "quoted string, True, False or None")
                                          .arg(name, text));
            return std::nullopt;
        }
        constants.insert(name, *value);
    }
    return constants;
}

/// How a run in one of the kitchens ended, and what it cost.
struct KitchenOutcome {
    recipe::Interpreter::Status status = recipe::Interpreter::Status::Running;
    std::optional<recipe::RecipeError> failure;
    std::vector<recipe::Interpreter::UnretrievedTaskError> unretrieved;
    qint64 wallMs = 0;
    /// The async kitchen's: how late the thread's event loop answered while the recipe ran.
    std::optional<qint64> maxLoopStallMs;
    int lateHeartbeats = 0;
};

KitchenOutcome bakeInKitchen(const recipe::Program &program, BakeMode mode, int cakes,
                             const recipe::RecipeTimeLimit &timeLimit,
                             const std::function<void(const QString &)> &write, recipe::InterpreterObserver *observer)
{
    QElapsedTimer wall;
    wall.start();
    if (mode == BakeMode::Async) {
        // The async kitchen runs on the Qt event loop, its waits QTimers, as the window runs it; a heartbeat beside
        // it measures how free the loop stayed.
        recipe::TimerRecipeDriver driver(program);
        driver.setTimeLimit(timeLimit);
        driver.setCakes(cakes);
        driver.setOutput(write);
        driver.setObserver(observer);
        LoopMonitor monitor;
        QEventLoop loop;
        QObject::connect(&driver, &recipe::TimerRecipeDriver::finished, &loop, &QEventLoop::quit);
        monitor.start();
        driver.start();
        loop.exec();
        monitor.stop();
        return {driver.status(), driver.error(),       driver.unretrievedTaskErrors(),
                wall.elapsed(),  monitor.maxStallMs(), monitor.lateHeartbeats()};
    }
    // The twins hold their thread in every sleep, as a plain Python program does; the threaded twin's threads take
    // turns on a simulated interpreter lock inside the engine.
    recipe::BlockingRecipeDriver driver(program,
                                        mode == BakeMode::Sync ? recipe::Interpreter::Kitchen::BlockingTwin
                                                               : recipe::Interpreter::Kitchen::ThreadedTwin);
    driver.setTimeLimit(timeLimit);
    driver.setCakes(cakes);
    driver.setOutput(write);
    driver.setObserver(observer);
    const recipe::Interpreter::Status status = driver.run();
    return {status, driver.error(), driver.unretrievedTaskErrors(), wall.elapsed(), std::nullopt, 0};
}
} // namespace

int RecipeCommand::listRecipes()
{
    const QStringList names = RecipeFile::bundledNames();
    // The summaries stand in one column, two spaces past the longest name.
    qsizetype width = 0;
    for (const QString &name : names)
        width = std::max(width, name.size());
    for (const QString &name : names) {
        if (!ConsoleOutput::printLine(QStringLiteral("%1  %2").arg(name, -int(width)).arg(RecipeFile::summaryOf(name))))
            return ExitStatus::badFlagOrOutput;
    }
    return ExitStatus::success;
}

int RecipeCommand::check(const QString &pathOrName)
{
    const std::optional<RecipeFile> file = loaded(pathOrName);
    if (!file || !compiled(*file))
        return ExitStatus::badFlagOrOutput;
    return ConsoleOutput::printLine(QStringLiteral("%1: Kitchen Python, ready to bake").arg(file->displayName))
        ? ExitStatus::success
        : ExitStatus::badFlagOrOutput;
}

int RecipeCommand::run(const CommandLineOptions &options)
{
    const std::optional<RecipeFile> file = loaded(options.recipe);
    if (!file)
        return ExitStatus::badFlagOrOutput;
    const std::optional<recipe::Compiler::Constants> constants = constantsOf(options);
    if (!constants)
        return ExitStatus::badFlagOrOutput;
    std::optional<recipe::Module> tree;
    const std::optional<recipe::Program> program = compiled(*file, *constants, options.recipeConstantFlags, &tree);
    if (!program)
        return ExitStatus::badFlagOrOutput;
    if (options.mode != BakeMode::Async) {
        // A recipe with no twin of that kind cannot run in its kitchen: the listing's writer says where and why.
        const recipe::TwinSource twin = options.mode == BakeMode::Sync ? recipe::BlockingTwinWriter::write(*tree)
                                                                       : recipe::ThreadedTwinWriter::write(*tree);
        if (!twin.exists()) {
            ConsoleOutput::printError(
                QStringLiteral("--mode %1: %2").arg(bakeModeName(options.mode), twin.refusalIn(file->displayName)));
            return ExitStatus::badFlagOrOutput;
        }
    }
    const int cakes = options.parameters.cakes;
    if (cakes > 1 && program->asyncioRuns.empty()) {
        ConsoleOutput::printError(QStringLiteral("--cakes %1: %2 never calls asyncio.run, and the cakes are copies of "
                                                 "the coroutine it runs; leave out --cakes")
                                      .arg(cakes)
                                      .arg(file->displayName));
        return ExitStatus::badFlagOrOutput;
    }
    bool outputFailed = false;
    // A quiet run sets no output at all, so no print builds its text.
    std::function<void(const QString &)> write;
    if (!options.quiet) {
        write = [&](const QString &text) {
            if (!outputFailed && !ConsoleOutput::print(text))
                outputFailed = true;
        };
    }
    // Only the async kitchen has coroutines to forget: the twins run each call where it stands.
    std::optional<recipe::NeverAwaitedCoroutines> neverAwaited;
    if (options.mode == BakeMode::Async)
        neverAwaited.emplace();
    // The journal is kept only when asked for: a run of a million tasks would fill memory with it.
    std::optional<recipe::RunJournal> journal;
    if (!options.journalPath.isEmpty() || !options.exportTracePath.isEmpty())
        journal.emplace(options.mode == BakeMode::Threaded);
    const KitchenOutcome outcome = bakeInKitchen(
        *program, options.mode, cakes, recipe::RecipeTimeLimit(qint64(options.recipeTimeLimitSeconds) * 1000000000),
        write, journal ? &*journal : nullptr);
    const std::vector<recipe::NeverAwaitedCoroutines::Warning> warnings
        = neverAwaited ? neverAwaited->warnings() : std::vector<recipe::NeverAwaitedCoroutines::Warning>();
    const auto printWarning = [&](const recipe::NeverAwaitedCoroutines::Warning &warning) {
        ConsoleOutput::printErrorText(warning.text(file->pythonName, program->lines));
    };
    if (outputFailed) {
        ConsoleOutput::printStandardOutputFailure();
        return ExitStatus::badFlagOrOutput;
    }
    // asyncio's logs of the tasks freed while the recipe ran come before its traceback, in turn with the warnings
    // of the coroutines freed unawaited meanwhile; then the traceback, and what is freed at exit: the coroutines
    // still held first, as the failing frames go before the tasks.
    std::size_t taskLogs = 0;
    for (const recipe::Interpreter::UnretrievedTaskError &task : outcome.unretrieved) {
        if (task.atExit)
            continue;
        for (const auto &warning : warnings) {
            if (warning.place.line != recipe::NeverAwaitedCoroutines::atExit
                && warning.place.taskLogsBefore == taskLogs)
                printWarning(warning);
        }
        printNeverRetrieved(*file, task);
        ++taskLogs;
    }
    for (const auto &warning : warnings) {
        if (warning.place.line != recipe::NeverAwaitedCoroutines::atExit && warning.place.taskLogsBefore >= taskLogs)
            printWarning(warning);
    }
    const bool failed = outcome.status == recipe::Interpreter::Status::Failed;
    if (failed)
        printTracebackEnd(*file, *outcome.failure);
    for (const auto &warning : warnings) {
        if (warning.place.line == recipe::NeverAwaitedCoroutines::atExit)
            printWarning(warning);
    }
    for (const recipe::Interpreter::UnretrievedTaskError &task : outcome.unretrieved) {
        if (task.atExit)
            printNeverRetrieved(*file, task);
    }
    if (!options.journalPath.isEmpty()) {
        QString error;
        const QString lines = journal->formattedLines().join(QLatin1Char('\n')) + QLatin1Char('\n');
        if (!OutputFile(options.journalPath).write(lines.toUtf8(), &error)) {
            ConsoleOutput::printError(QStringLiteral("--journal cannot write %1: %2").arg(options.journalPath, error));
            return ExitStatus::badFlagOrOutput;
        }
    }
    if (!options.exportTracePath.isEmpty()) {
        QString error;
        const recipe::RecipeTraceWriter trace(
            *journal, QStringLiteral("%1 (%2)").arg(file->displayName, bakeModeName(options.mode)));
        if (!trace.write(options.exportTracePath, &error)) {
            ConsoleOutput::printError(
                QStringLiteral("--export-trace cannot write %1: %2").arg(options.exportTracePath, error));
            return ExitStatus::badFlagOrOutput;
        }
    }
    if (!options.reportPath.isEmpty()) {
        RecipeReport report(file->displayName, options.mode, cakes);
        report.setEnd(failed ? outcome.failure : std::nullopt, outcome.wallMs);
        if (outcome.maxLoopStallMs)
            report.setLoopFigures(*outcome.maxLoopStallMs, outcome.lateHeartbeats);
        report.setPeakMemory(ProcessMemory::peakResidentBytes());
        QString error;
        if (!report.write(options.reportPath, &error)) {
            ConsoleOutput::printError(error);
            return ExitStatus::badFlagOrOutput;
        }
    }
    return failed ? ExitStatus::cutShort : ExitStatus::success;
}

int RecipeCommand::showSource(const QString &pathOrName, const QString &kind)
{
    const std::optional<RecipeFile> file = loaded(pathOrName);
    if (!file)
        return ExitStatus::badFlagOrOutput;
    std::optional<recipe::Module> module;
    const std::optional<recipe::Program> program = compiled(*file, {}, {}, &module);
    if (!program)
        return ExitStatus::badFlagOrOutput;
    QString listing;
    if (kind == QLatin1String("async")) {
        listing = QString::fromUtf8(file->bytes);
    } else if (kind == QLatin1String("machine")) {
        listing = recipe::MachineListing::write(*program, file->displayName);
    } else {
        const recipe::TwinSource twin = kind == QLatin1String("sync") ? recipe::BlockingTwinWriter::write(*module)
                                                                      : recipe::ThreadedTwinWriter::write(*module);
        if (!twin.exists()) {
            ConsoleOutput::printError(
                QStringLiteral("--show-source %1: %2").arg(kind, twin.refusalIn(file->displayName)));
            return ExitStatus::badFlagOrOutput;
        }
        listing = twin.text;
    }
    if (!ConsoleOutput::print(listing)) {
        ConsoleOutput::printStandardOutputFailure();
        return ExitStatus::badFlagOrOutput;
    }
    return ExitStatus::success;
}
