// SPDX-License-Identifier: MIT
#include "recipecommand.h"

#include "blockingrecipedriver.h"
#include "compiler.h"
#include "consoleoutput.h"
#include "exitstatus.h"
#include "parser.h"
#include "pythontext.h"
#include "recipefile.h"

namespace {
/// The recipe compiled, or nothing with every problem already said on stderr.
std::optional<recipe::Program> compiled(const RecipeFile &file, const recipe::Compiler::Constants &constants = {},
                                        const QHash<QString, QString> &constantFlags = {})
{
    std::vector<recipe::Diagnostic> diagnostics;
    std::optional<recipe::Program> program;
    if (const std::optional<recipe::Module> module = recipe::Parser::parseBytes(file.bytes, &diagnostics))
        program = recipe::Compiler::compile(*module, &diagnostics, constants, constantFlags);
    for (const recipe::Diagnostic &diagnostic : diagnostics)
        ConsoleOutput::printErrorText(diagnostic.toString(file.displayName) + QLatin1Char('\n'));
    return program;
}

/// As CPython's traceback ends: where it was raised, then the error itself on the last line.
void printTracebackEnd(const RecipeFile &file, const recipe::RecipeError &error)
{
    if (error.line > 0)
        ConsoleOutput::printErrorText(QStringLiteral("  File \"%1\", line %2, in %3\n")
                                          .arg(file.displayName)
                                          .arg(error.line)
                                          .arg(error.function));
    ConsoleOutput::printErrorText(error.text() + QLatin1Char('\n'));
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
                                                             .arg(task.coroutine, file.displayName)
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
} // namespace

int RecipeCommand::listRecipes()
{
    for (const QString &name : RecipeFile::bundledNames()) {
        if (!ConsoleOutput::printLine(QStringLiteral("%1  %2").arg(name, -18).arg(RecipeFile::summaryOf(name))))
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
    recipe::Compiler::Constants constants;
    for (const auto &[name, text] : options.recipeConstants) {
        const std::optional<recipe::Value> value = recipe::Compiler::literal(text);
        if (!value) {
            ConsoleOutput::printError(QStringLiteral("--set %1=%2: the value must be a Python literal: a number, a "
                                                     "quoted string, True, False or None")
                                          .arg(name, text));
            return ExitStatus::badFlagOrOutput;
        }
        constants.insert(name, *value);
    }
    const std::optional<recipe::Program> program = compiled(*file, constants, options.recipeConstantFlags);
    if (!program)
        return ExitStatus::badFlagOrOutput;
    const bool blockingTwin = options.mode == BakeMode::Sync;
    if (blockingTwin && !program->taskQuestions.empty()) {
        const recipe::SourceLocation at = program->taskQuestions.front();
        ConsoleOutput::printError(QStringLiteral("--mode sync: %1:%2:%3 asks a task whether it is done or for its "
                                                 "result; the blocking twin runs each call to its end, so it has no "
                                                 "tasks to ask")
                                      .arg(file->displayName)
                                      .arg(at.line)
                                      .arg(at.column));
        return ExitStatus::badFlagOrOutput;
    }
    const int cakes = options.parameters.cakes;
    if (cakes > 1 && program->asyncioRuns.empty()) {
        ConsoleOutput::printError(QStringLiteral("--cakes %1: %2 never calls asyncio.run, and the cakes are copies of "
                                                 "the coroutine it runs; leave out --cakes")
                                      .arg(cakes)
                                      .arg(file->displayName));
        return ExitStatus::badFlagOrOutput;
    }
    recipe::BlockingRecipeDriver driver(
        *program, blockingTwin ? recipe::Interpreter::Kitchen::BlockingTwin : recipe::Interpreter::Kitchen::Async);
    driver.setTimeLimitNs(qint64(options.recipeTimeLimitSeconds) * 1000000000);
    driver.setCakes(cakes);
    bool outputFailed = false;
    // A quiet run sets no output at all, so no print builds its text.
    if (!options.quiet) {
        driver.setOutput([&](const QString &text) {
            if (!outputFailed && !ConsoleOutput::print(text))
                outputFailed = true;
        });
    }
    const recipe::Interpreter::Status status = driver.run();
    if (outputFailed) {
        ConsoleOutput::printStandardOutputFailure();
        return ExitStatus::badFlagOrOutput;
    }
    // asyncio's logs of the tasks freed while the recipe ran come before its traceback, the rest after.
    for (const recipe::Interpreter::UnretrievedTaskError &task : driver.unretrievedTaskErrors()) {
        if (!task.atExit)
            printNeverRetrieved(*file, task);
    }
    if (status == recipe::Interpreter::Status::Failed)
        printTracebackEnd(*file, *driver.error());
    for (const recipe::Interpreter::UnretrievedTaskError &task : driver.unretrievedTaskErrors()) {
        if (task.atExit)
            printNeverRetrieved(*file, task);
    }
    return status == recipe::Interpreter::Status::Failed ? ExitStatus::cutShort : ExitStatus::success;
}
