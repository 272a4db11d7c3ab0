// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"
#include "exitstatus.h"
#include "prediction.h"

#include <optional>

#include <QHash>
#include <QString>
#include <QStringList>

/// What the user asked for on the command line, once it has been checked.
struct CommandLineOptions {
    bool headless = false;
    BakeMode mode = BakeMode::Async;
    BakeParameters parameters;
    bool timestamps = false;
    bool quiet = false;
    QString reportPath; ///< empty: no report; "-": standard output
    QString exportTracePath; ///< empty: none; else a Chrome trace-event JSON file of the bake
    QString exportCsvPath; ///< empty: none; else the bake's lines as a CSV file
    QString journalPath; ///< empty: none; else a recipe run's journal (RunJournal's lines) as a text file
    bool autostart = false; ///< the window starts a bake in `mode` as it opens
    QString screenshotPath; ///< the window saves a PNG of itself and quits
    int screenshotAtMs = 1000; ///< when, counted from start-up
    /// The user's guess before the bake (--predict), set against what happened once it has been measured.
    std::optional<Prediction> prediction;
    /// --recipe FILE|NAME: a Kitchen Python recipe to run instead of the built-in cake (headless, async for now).
    QString recipe;
    /// --check FILE|NAME: parse and compile a recipe only.
    QString checkRecipe;
    bool listRecipes = false;
    /// --show-source KIND: print the recipe (async), a twin (sync, threaded) or its state machine (machine).
    QString showSource;
    /// --set NAME=VALUE, in order: values for the recipe's module-level constants.
    QList<std::pair<QString, QString>> recipeConstants;
    /// The cake's flags among them, by the constant each sets (TARGET_TEMP: --target-temp), for messages.
    QHash<QString, QString> recipeConstantFlags;
    /// --time-limit: a recipe running longer is stopped with a message.
    int recipeTimeLimitSeconds = 120;
    /// Qt's own window-system flags (-platform, -style, ...) passed through to QApplication.
    QStringList qtArguments;
    /// The recipe flags given ("target-temp", "speed", "trap", ...): with the window, these values override
    /// the remembered recipe for the session.
    QStringList recipeFlags;

    /// @p base with the value of each recipe flag given put in: the window's recipe, started with flags.
    BakeParameters recipeOver(BakeParameters base) const;
};

/**
 * Parses and checks Bakeloop's arguments without needing an application
 * object, so that a bad flag is refused before any window or bake exists.
 * Every refusal is one line that names the flag and what it accepts.
 */
class CommandLine
{
public:
    enum class Action {
        Run,
        ShowHelp,
        ShowVersion,
        Refuse, ///< error() says why; exit with usageErrorExitCode
    };

    static constexpr int usageErrorExitCode = ExitStatus::badFlagOrOutput;
    static constexpr ParameterRange screenshotAtRange{0, 600000, "ms"};
    static constexpr ParameterRange timeLimitRange{1, 3600, "s"};
    /// What --show-source lists: the recipe as written, its two twins, the state machine compiled from it.
    static const QStringList &sourceKinds();

    /// @p arguments includes the program name first, as QCoreApplication::arguments() does.
    static CommandLine parse(const QStringList &arguments);

    Action action() const { return m_action; }
    const CommandLineOptions &options() const { return m_options; }
    QString error() const { return m_error; }
    QString helpText() const { return m_helpText; }

private:
    Action m_action = Action::Run;
    CommandLineOptions m_options;
    QString m_error;
    QString m_helpText;
};
