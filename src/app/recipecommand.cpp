// SPDX-License-Identifier: MIT
#include "recipecommand.h"

#include "blockingrecipedriver.h"
#include "compiler.h"
#include "consoleoutput.h"
#include "exitstatus.h"
#include "parser.h"
#include "recipefile.h"

namespace {
/// The recipe compiled, or nothing with every problem already said on stderr.
std::optional<recipe::Program> compiled(const RecipeFile &file, const recipe::Compiler::Constants &constants = {})
{
    std::vector<recipe::Diagnostic> diagnostics;
    std::optional<recipe::Program> program;
    if (const std::optional<recipe::Module> module = recipe::Parser::parseBytes(file.bytes, &diagnostics))
        program = recipe::Compiler::compile(*module, &diagnostics, constants);
    for (const recipe::Diagnostic &diagnostic : diagnostics)
        ConsoleOutput::printErrorText(diagnostic.toString(file.displayName) + QLatin1Char('\n'));
    return program;
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
    const std::optional<recipe::Program> program = compiled(*file, constants);
    if (!program)
        return ExitStatus::badFlagOrOutput;
    const bool blockingTwin = options.mode == BakeMode::Sync;
    const bool threadedTwin = options.mode == BakeMode::Threaded;
    // A twin that cannot be written for this recipe: the first place that says so, and why.
    const auto noTwin = [&](const char *mode, const recipe::SourceLocation &at, const QString &why) {
        ConsoleOutput::printError(QStringLiteral("--mode %1: %2:%3:%4 %5")
                                      .arg(QLatin1String(mode), file->displayName)
                                      .arg(at.line)
                                      .arg(at.column)
                                      .arg(why));
        return ExitStatus::badFlagOrOutput;
    };
    if (threadedTwin && !program->unspawnableTasks.empty())
        return noTwin("threaded", program->unspawnableTasks.front(),
                      QStringLiteral("gives asyncio.create_task() something else than a direct call of a function "
                                     "of the recipe; the threaded twin starts a thread only for such a call"));
    if (blockingTwin && !program->taskQuestions.empty())
        return noTwin("sync", program->taskQuestions.front(),
                      QStringLiteral("asks a task whether it is done or for its result; the blocking twin runs each "
                                     "call to its end, so it has no tasks to ask"));
    const recipe::Interpreter::Kitchen kitchen = blockingTwin ? recipe::Interpreter::Kitchen::BlockingTwin
        : threadedTwin                                        ? recipe::Interpreter::Kitchen::ThreadedTwin
                                                              : recipe::Interpreter::Kitchen::Async;
    recipe::BlockingRecipeDriver driver(*program, kitchen);
    driver.setTimeLimitNs(qint64(options.recipeTimeLimitSeconds) * 1000000000);
    bool outputFailed = false;
    driver.setOutput([&](const QString &text) {
        if (!options.quiet && !outputFailed && !ConsoleOutput::print(text))
            outputFailed = true;
    });
    const recipe::Interpreter::Status status = driver.run();
    if (outputFailed) {
        ConsoleOutput::printStandardOutputFailure();
        return ExitStatus::badFlagOrOutput;
    }
    if (status == recipe::Interpreter::Status::Failed) {
        const recipe::RecipeError &error = *driver.error();
        // As CPython's traceback ends: where it was raised, then the error itself on the last line.
        if (error.line > 0)
            ConsoleOutput::printErrorText(QStringLiteral("  File \"%1\", line %2, in %3\n")
                                              .arg(file->displayName)
                                              .arg(error.line)
                                              .arg(error.function));
        ConsoleOutput::printErrorText(error.text() + QLatin1Char('\n'));
        return ExitStatus::cutShort;
    }
    return ExitStatus::success;
}
