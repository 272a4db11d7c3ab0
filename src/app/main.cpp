// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "consoleoutput.h"
#include "exitstatus.h"
#include "headlessbake.h"
#include "mainwindow.h"
#include "recipecommand.h"
#include "windowautomation.h"

#include <QApplication>
#include <QIcon>

#include <vector>

namespace {
QStringList argumentsOf(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

/// Says on stderr that standard output refused the text, and gives the exit status for it.
int standardOutputFailed()
{
    ConsoleOutput::printStandardOutputFailure();
    return ExitStatus::badFlagOrOutput;
}

int runHeadless(int argc, char *argv[], const CommandLineOptions &options)
{
    QCoreApplication app(argc, argv);
    HeadlessBake bake(options);
    QObject::connect(&bake, &HeadlessBake::done, &app, &QCoreApplication::exit);
    bake.start();
    return app.exec();
}

int runWindow(int argc, char *argv[], const CommandLineOptions &options)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bakeloop.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.bakeloop.Bakeloop"));

    MainWindow window;
    WindowAutomation automation(&window, options);
    if (automation.hasWork()) {
        // A scripted run's recipe and window are not the user's to remember; its exit status is the automation's.
        window.setRemembersSettings(false);
        app.setQuitOnLastWindowClosed(false);
        QObject::connect(&automation, &WindowAutomation::done, &app, &QCoreApplication::exit);
        automation.start();
    }
    window.show();
    return app.exec();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("bakeloop"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BAKELOOP_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Bakeloop"));

    // Checked before any application object exists: a bad flag must start nothing, not even a display connection.
    const CommandLine commandLine = CommandLine::parse(argumentsOf(argc, argv));
    switch (commandLine.action()) {
    case CommandLine::Action::ShowHelp:
        return ConsoleOutput::print(commandLine.helpText()) ? ExitStatus::success : standardOutputFailed();
    case CommandLine::Action::ShowVersion:
        return ConsoleOutput::printLine(QStringLiteral("bakeloop %1").arg(QCoreApplication::applicationVersion()))
            ? ExitStatus::success
            : standardOutputFailed();
    case CommandLine::Action::Refuse:
        ConsoleOutput::printError(commandLine.error());
        return CommandLine::usageErrorExitCode;
    case CommandLine::Action::Run:
        break;
    }
    const CommandLineOptions &options = commandLine.options();
    if (options.listRecipes || !options.checkRecipe.isEmpty() || !options.recipe.isEmpty()) {
        // The bundled recipes are resources: reading them needs an application object, but no event loop.
        QCoreApplication app(argc, argv);
        if (options.listRecipes)
            return RecipeCommand::listRecipes();
        if (!options.showSource.isEmpty())
            return RecipeCommand::showSource(options.recipe, options.showSource);
        return options.checkRecipe.isEmpty() ? RecipeCommand::run(options) : RecipeCommand::check(options.checkRecipe);
    }
    return commandLine.options().headless ? runHeadless(argc, argv, commandLine.options())
                                          : runWindow(argc, argv, commandLine.options());
}
