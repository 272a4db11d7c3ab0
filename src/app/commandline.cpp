// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "outputfile.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace {

struct NumberFlag {
    const char *name;
    const ParameterRange &range;
    int BakeParameters::*field;
};

const NumberFlag numberFlags[] = {
    {"target-temp", BakeParameters::targetTemperatureRange, &BakeParameters::targetTemperature},
    {"mix-count", BakeParameters::mixCountRange, &BakeParameters::mixCount},
    {"step-ms", BakeParameters::stepMsRange, &BakeParameters::stepMs},
    {"cakes", BakeParameters::cakesRange, &BakeParameters::cakes},
};

QString flag(const QString &name)
{
    return QStringLiteral("--") + name;
}

QString wholeNumberRule(const NumberFlag &f)
{
    return QStringLiteral("%1 takes a whole number from %2").arg(flag(QLatin1String(f.name)), f.range.describe());
}

const NumberFlag &numberFlag(QLatin1String name)
{
    return *std::find_if(std::begin(numberFlags), std::end(numberFlags),
                         [&](const NumberFlag &f) { return name == QLatin1String(f.name); });
}

/// The whole number @p f was given, or nothing with the refusal in @p problem.
std::optional<int> numberValue(const QCommandLineParser &parser, const NumberFlag &f, QString *problem)
{
    const QString text = parser.value(QLatin1String(f.name));
    bool isNumber = false;
    const int value = text.trimmed().toInt(&isNumber, 10);
    if (isNumber && f.range.contains(value))
        return value;
    *problem = QStringLiteral("%1, not '%2'").arg(wholeNumberRule(f), text);
    return std::nullopt;
}

/// The built-in cake's flags that cake.py has as module-level constants: a recipe takes them as --set.
struct ConstantFlag {
    const char *flag;
    const char *constant;
    /// How many of the flag's units make one of the constant's: --step-ms is in ms, STEP in seconds.
    int unitsPerValue;
};
const ConstantFlag constantFlags[] = {
    {"target-temp", "TARGET_TEMP", 1},
    {"mix-count", "MIX_COUNT", 1},
    {"step-ms", "STEP", 1000},
};

/// The Python literal for @p value / @p unitsPerValue: a whole number as an int (--step-ms 1000 is cake.py's own
/// STEP = 1), else the shortest decimal that reads back as that float.
QString constantLiteral(int value, int unitsPerValue)
{
    if (value % unitsPerValue == 0)
        return QString::number(value / unitsPerValue);
    return QString::number(double(value) / unitsPerValue, 'g', QLocale::FloatingPointShortest);
}

/// What a flag that takes a value accepts, for "missing value" messages.
QString valueRule(const QString &name)
{
    for (const NumberFlag &f : numberFlags) {
        if (name == QLatin1String(f.name))
            return wholeNumberRule(f);
    }
    if (name == QLatin1String("mode"))
        return QStringLiteral("--mode takes sync, async or threaded");
    if (name == QLatin1String("predict"))
        return QStringLiteral("--predict takes ORDER:SECONDS, ORDER one of oven-first, turns, turns-mixing-first or "
                              "mixing-first, e.g. turns:3");
    if (name == QLatin1String("speed"))
        return QStringLiteral("--speed takes a number from 0.1 to 4 in hundredths, such as 0.5 or 2");
    if (name == QLatin1String("journal"))
        return QStringLiteral("--journal takes a file name");
    if (name == QLatin1String("report"))
        return QStringLiteral("--report takes a file name, or - for standard output");
    if (name == QLatin1String("screenshot"))
        return QStringLiteral("--screenshot takes the name of a PNG file");
    if (name == QLatin1String("export-trace"))
        return QStringLiteral("--export-trace takes the name of a JSON file for Perfetto or chrome://tracing");
    if (name == QLatin1String("export-csv"))
        return QStringLiteral("--export-csv takes the name of a CSV file");
    if (name == QLatin1String("screenshot-at"))
        return QStringLiteral("--screenshot-at takes a whole number from %1")
            .arg(CommandLine::screenshotAtRange.describe());
    return flag(name) + QStringLiteral(" takes a value");
}

/// An output file must be writable before anything starts, so a typo costs no bake.
QString outputPathProblem(const QString &flagName, const QString &path, bool allowStandardOutput)
{
    if (path.isEmpty())
        return valueRule(flagName);
    const QString option = flag(flagName);
    if (path == QLatin1String("-")) {
        if (allowStandardOutput)
            return {};
        // A PNG is not text, and an export would land in the middle of the lines that standard output carries.
        const QString why = flagName == QLatin1String("screenshot")
            ? QStringLiteral("a PNG cannot go to standard output")
            : QStringLiteral("standard output carries the bake's lines");
        return QStringLiteral("%1 needs a file name; %2").arg(option, why);
    }
    const QFileInfo file(path);
    if (file.isDir())
        return QStringLiteral("%1 needs a file name, but %2 is a folder").arg(option, path);
    // Refused here, before the bake, for the same reasons the write itself would refuse it after.
    const QString problem = OutputFile(path).problem();
    if (problem.isEmpty())
        return {};
    const QString hint = allowStandardOutput && file.exists() && (file.isSymLink() || !file.isFile())
        ? QStringLiteral("; for standard output give -")
        : QString();
    return QStringLiteral("%1 cannot write %2: %3%4").arg(option, path, problem, hint);
    return {};
}

/// How far a --speed may be from a whole percent, or past the range, and still be taken: a double's rounding.
constexpr double speedTolerance = 1e-6;

/// The unknown flag as the user typed it ("--x", "-x", "-zq"), which the parser only gives without its dashes.
QString firstUnknownFlag(const QCommandLineParser &parser, const QStringList &arguments)
{
    const QString name = parser.unknownOptionNames().constFirst();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == QLatin1String("--"))
            break;
        if (!argument.startsWith(QLatin1Char('-')) || argument == QLatin1String("-"))
            continue;
        const QString typed = argument.section(QLatin1Char('='), 0, 0);
        QString bare = typed;
        while (bare.startsWith(QLatin1Char('-')))
            bare.remove(0, 1);
        // Single-dash letters run together ("-zq") are read as one flag a letter.
        const bool compacted = !typed.startsWith(QLatin1String("--")) && name.size() == 1 && bare.contains(name);
        if (bare == name || compacted)
            return typed;
    }
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

/// Qt's window-system flags, which QApplication takes out of the arguments itself; the second of each pair takes a
/// value.
const std::pair<const char *, bool> qtFlags[] = {
    {"-platform", true},        {"-platformpluginpath", true},
    {"-platformtheme", true},   {"-plugin", true},
    {"-qwindowgeometry", true}, {"-qwindowicon", true},
    {"-qwindowtitle", true},    {"-style", true},
    {"-stylesheet", true},      {"-display", true},
    {"-session", true},         {"-reverse", false},
    {"-nograb", false},         {"-dograb", false},
    {"-sync", false},
};

/// Splits Qt's own flags off @p arguments into @p qtArguments.
QStringList withoutQtFlags(const QStringList &arguments, QStringList *qtArguments)
{
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        const auto qtFlag = std::find_if(std::begin(qtFlags), std::end(qtFlags), [&](const auto &f) {
            return i > 0
                && (argument == QLatin1String(f.first) || argument == QLatin1Char('-') + QLatin1String(f.first));
        });
        if (qtFlag == std::end(qtFlags)) {
            rest << argument;
            continue;
        }
        *qtArguments << argument;
        if (qtFlag->second && i + 1 < arguments.size())
            *qtArguments << arguments[++i];
    }
    return rest;
}

} // namespace

const QStringList &CommandLine::sourceKinds()
{
    static const QStringList kinds{QStringLiteral("async"), QStringLiteral("sync"), QStringLiteral("threaded"),
                                   QStringLiteral("machine")};
    return kinds;
}

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Bakes a cake two ways to show blocking against non-blocking code: "
        "sync runs the oven and then the mixing with blocking sleeps; async runs both as tasks on one event loop."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("headless"),
         QStringLiteral("Bake without a window: print each log line as it happens, then exit.")},
        {QStringLiteral("mode"), QStringLiteral("How to bake: sync, async or threaded (default async)."),
         QStringLiteral("mode")},
        {QStringLiteral("target-temp"), QStringLiteral("Oven target in °F, 0 to 1000 (default 400)."),
         QStringLiteral("N")},
        {QStringLiteral("mix-count"), QStringLiteral("Mixing steps, 0 to 100 (default 3)."), QStringLiteral("N")},
        {QStringLiteral("step-ms"), QStringLiteral("Length of one step in ms, 1 to 10000 (default 1000)."),
         QStringLiteral("N")},
        {QStringLiteral("cakes"),
         QStringLiteral("Cakes baked at once: async 1 to 1000000, threaded 1 to 1000 (default 1). With --recipe, "
                        "copies of the coroutine its asyncio.run runs, gathered (in sync one after the other), "
                        "each line prefixed cake K:."),
         QStringLiteral("N")},
        {QStringLiteral("speed"),
         QStringLiteral("Time scale, 0.1 to 4 (default 1): at 0.5 each step takes twice as long on the wall clock; "
                        "the log keeps the recipe's times."),
         QStringLiteral("X")},
        {QStringLiteral("stir-by-hand"),
         QStringLiteral("The blocking-call trap: each mixing step computes for its length instead of waiting, keeping "
                        "its thread busy. Async: the loop stalls a step at a time; threaded: nothing else notices.")},
        {QStringLiteral("blocking-sleep-in-async"),
         QStringLiteral("The forgot-to-await trap, async only: each mixing step calls a blocking sleep instead of "
                        "awaiting, and the whole loop freezes until the mixing is done.")},
        {QStringLiteral("timestamps"), QStringLiteral("Prefix each line with the time since the bake began.")},
        {QStringLiteral("quiet"), QStringLiteral("Print no log lines and keep no per-line log.")},
        {QStringLiteral("predict"),
         QStringLiteral("Predict first: the order of the lines (oven-first, turns, turns-mixing-first or "
                        "mixing-first) and the total in seconds, as ORDER:SECONDS, e.g. turns:3. After the bake, "
                        "the guess is set against what happened."),
         QStringLiteral("ORDER:SECONDS")},
        {QStringLiteral("report"),
         QStringLiteral("Write a JSON report of the bake to FILE (- for standard output, after the lines). With the "
                        "window, needs --autostart; the window quits after writing it."),
         QStringLiteral("FILE")},
        {QStringLiteral("export-trace"),
         QStringLiteral(
             "Write the bake as a Chrome trace (JSON) to FILE, for Perfetto or chrome://tracing: a track per task and "
             "one for the event loop. One cake, not with --quiet; with the window, needs --autostart."),
         QStringLiteral("FILE")},
        {QStringLiteral("export-csv"),
         QStringLiteral("Write the bake's lines with the kitchen at each as CSV to FILE. One cake, not with --quiet; "
                        "with the window, needs --autostart."),
         QStringLiteral("FILE")},
        {QStringLiteral("recipe"),
         QStringLiteral("Run a Kitchen Python recipe (a file, or a bundled name such as cake) instead of the built-in "
                        "cake, printing what python3 prints for it. Headless, async or sync for now. --target-temp, "
                        "--mix-count and --step-ms set its TARGET_TEMP, MIX_COUNT and STEP (in seconds)."),
         QStringLiteral("FILE")},
        {QStringLiteral("check"), QStringLiteral("Parse and compile a recipe only, and say what is wrong with it."),
         QStringLiteral("FILE")},
        {QStringLiteral("list-recipes"), QStringLiteral("List the bundled recipes.")},
        {QStringLiteral("show-source"),
         QStringLiteral("Print a recipe's listing and exit: async (the recipe as written), sync (its blocking twin), "
                        "threaded (its threaded twin) or machine (the state machine compiled from it, a state per "
                        "await). The recipe is --recipe's, else the bundled cake.py; the twins run under python3."),
         QStringLiteral("KIND")},
        {QStringLiteral("set"),
         QStringLiteral("Give a recipe's module-level constant another value, e.g. --set STEP=0.5 (a number, a quoted "
                        "string, True, False or None); may be given for several names."),
         QStringLiteral("NAME=VALUE")},
        {QStringLiteral("time-limit"),
         QStringLiteral("Stop a recipe still running after this many seconds, 1 to 3600 (default 120)."),
         QStringLiteral("SECONDS")},
        {QStringLiteral("journal"),
         QStringLiteral("Write a recipe run's journal to FILE: each task created, waiting in a lock, semaphore, "
                        "event or queue (and what holds it), woken by whom, asked to cancel by whom, failed or "
                        "finished, with the time of each; what the recipe prints stays on standard output."),
         QStringLiteral("FILE")},
        {QStringLiteral("autostart"), QStringLiteral("Window: start a bake in --mode as soon as the window opens.")},
        {QStringLiteral("screenshot"), QStringLiteral("Window: save a PNG of the window to FILE, then quit."),
         QStringLiteral("FILE")},
        {QStringLiteral("screenshot-at"),
         QStringLiteral("Window: when to take the screenshot, in ms after start-up (default 1000)."),
         QStringLiteral("MS")},
    });
    // Parsed before any QCoreApplication exists, so the parser cannot know the program's name: give it.
    const QString help = parser.helpText();
    result.m_helpText = QStringLiteral("Usage: bakeloop [options]") + help.mid(help.indexOf(QLatin1Char('\n')));

    const auto refuse = [&result](const QString &why) {
        result.m_action = Action::Refuse;
        result.m_error = why;
        return result;
    };

    if (!parser.parse(withoutQtFlags(arguments, &result.m_options.qtArguments))) {
        if (!parser.unknownOptionNames().isEmpty()) {
            const QString flag = firstUnknownFlag(parser, arguments);
            // The language guide describes it, so it is named as coming, not as unknown.
            if (flag == QLatin1String("--free-threaded"))
                return refuse(QStringLiteral("--free-threaded is not built yet: the threaded kitchen's threads take "
                                             "turns on one interpreter lock, as in CPython 3.11"));
            return refuse(QStringLiteral("unknown flag %1; bakeloop --help lists the flags").arg(flag));
        }
        // The parser's only other complaint is a value missing after a flag, which it quotes.
        static const QRegularExpression quotedFlag(QStringLiteral("'-*([^']+)'"));
        const QRegularExpressionMatch match = quotedFlag.match(parser.errorText());
        if (match.hasMatch())
            return refuse(QStringLiteral("missing value: ") + valueRule(match.captured(1)));
        return refuse(parser.errorText());
    }
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        result.m_action = Action::ShowHelp;
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.m_action = Action::ShowVersion;
        return result;
    }
    // A flag given twice is a slip in a script or a shell history; taking either value silently would hide it.
    const QStringList given = parser.optionNames();
    for (const QString &name : given) {
        // --set is the one flag given once per name it sets.
        if (given.count(name) > 1 && name != QLatin1String("set"))
            return refuse(QStringLiteral("%1 is given more than once; give each flag once").arg(flag(name)));
    }
    if (!parser.positionalArguments().isEmpty())
        return refuse(QStringLiteral("unexpected argument '%1'; every setting is a flag, see bakeloop --help")
                          .arg(parser.positionalArguments().constFirst()));

    CommandLineOptions &options = result.m_options;
    // The recipe commands stand apart from the cake's flags: each takes only the few that apply to it.
    const QStringList recipeCommandFlags{QStringLiteral("list-recipes"), QStringLiteral("check"),
                                         QStringLiteral("recipe"), QStringLiteral("time-limit")};
    const auto others = [&](const QStringList &allowed) {
        for (const QString &name : given) {
            if (!allowed.contains(name))
                return name;
        }
        return QString();
    };
    if (parser.isSet(QStringLiteral("list-recipes")) || parser.isSet(QStringLiteral("check"))) {
        const QString command
            = parser.isSet(QStringLiteral("check")) ? QStringLiteral("check") : QStringLiteral("list-recipes");
        if (const QString other = others({command}); !other.isEmpty())
            return refuse(QStringLiteral("--%1 stands alone; leave out %2").arg(command, flag(other)));
        options.listRecipes = command == QLatin1String("list-recipes");
        options.checkRecipe = parser.value(QStringLiteral("check"));
        if (command == QLatin1String("check") && options.checkRecipe.isEmpty())
            return refuse(QStringLiteral("--check takes a recipe's file name, or a bundled name such as cake"));
        return result;
    }
    if (parser.isSet(QStringLiteral("show-source"))) {
        // A listing bakes nothing and opens no window: --headless is harmless, a bake's flags are not.
        options.showSource = parser.value(QStringLiteral("show-source"));
        if (!sourceKinds().contains(options.showSource))
            return refuse(QStringLiteral("--show-source takes %1, not '%2'")
                              .arg(sourceKinds().join(QStringLiteral(", ")), options.showSource));
        if (const QString other
            = others({QStringLiteral("show-source"), QStringLiteral("recipe"), QStringLiteral("headless")});
            !other.isEmpty())
            return refuse(
                QStringLiteral("--show-source prints a listing and bakes nothing; leave out %1").arg(flag(other)));
        options.recipe
            = parser.isSet(QStringLiteral("recipe")) ? parser.value(QStringLiteral("recipe")) : QStringLiteral("cake");
        if (options.recipe.isEmpty())
            return refuse(QStringLiteral("--recipe takes a recipe's file name, or a bundled name such as cake"));
        options.headless = true;
        return result;
    }
    if (parser.isSet(QStringLiteral("recipe"))) {
        options.recipe = parser.value(QStringLiteral("recipe"));
        if (options.recipe.isEmpty())
            return refuse(QStringLiteral("--recipe takes a recipe's file name, or a bundled name such as cake"));
        if (!parser.isSet(QStringLiteral("headless")))
            return refuse(QStringLiteral("--recipe needs --headless for now: the window bakes the built-in cake"));
        if (parser.isSet(QStringLiteral("mode"))) {
            const std::optional<BakeMode> mode = bakeModeFromName(parser.value(QStringLiteral("mode")));
            if (!mode)
                return refuse(QStringLiteral("--mode takes sync, async or threaded, not '%1'")
                                  .arg(parser.value(QStringLiteral("mode"))));
            options.mode = *mode;
        }
        for (const QString &setting : parser.values(QStringLiteral("set"))) {
            const QString name = setting.section(QLatin1Char('='), 0, 0).trimmed();
            static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z_0-9]*$"));
            if (!setting.contains(QLatin1Char('=')) || !identifier.match(name).hasMatch())
                return refuse(QStringLiteral("--set takes NAME=VALUE, such as STEP=0.5, not '%1'").arg(setting));
            for (const auto &[earlier, value] : std::as_const(options.recipeConstants)) {
                if (earlier == name)
                    return refuse(QStringLiteral("--set gives %1 twice; give each name once").arg(name));
            }
            options.recipeConstants.append({name, setting.section(QLatin1Char('='), 1)});
        }
        // The cake's flags keep working on cake.py, as --set on its constants; any recipe that has them takes them.
        for (const ConstantFlag &mapped : constantFlags) {
            const QString name = QLatin1String(mapped.flag);
            if (!parser.isSet(name))
                continue;
            QString problem;
            const std::optional<int> value = numberValue(parser, numberFlag(QLatin1String(mapped.flag)), &problem);
            if (!value)
                return refuse(problem);
            const QString constant = QLatin1String(mapped.constant);
            for (const auto &[earlier, text] : std::as_const(options.recipeConstants)) {
                if (earlier == constant)
                    return refuse(
                        QStringLiteral("--set %1 and %2 both set %1; give one of them").arg(constant, flag(name)));
            }
            options.recipeConstants.append({constant, constantLiteral(*value, mapped.unitsPerValue)});
            options.recipeConstantFlags.insert(constant, flag(name));
        }
        // The traps are the bundled cake's own variants, the files the window bakes for them: on cake, a trap's
        // flag picks its variant, so the cake's flags all keep working on cake.py.
        const bool stirs = parser.isSet(QStringLiteral("stir-by-hand"));
        const bool forgetsToAwait = parser.isSet(QStringLiteral("blocking-sleep-in-async"));
        if (stirs || forgetsToAwait) {
            const QString trap = stirs ? QStringLiteral("--stir-by-hand") : QStringLiteral("--blocking-sleep-in-async");
            if (stirs && forgetsToAwait)
                return refuse(QStringLiteral("--stir-by-hand and --blocking-sleep-in-async are two traps; choose one"));
            if (options.recipe != QLatin1String("cake"))
                return refuse(
                    QStringLiteral("%1 is a trap of the bundled cake (--recipe cake); in another recipe, write "
                                   "the blocking call into a copy of it instead")
                        .arg(trap));
            if (forgetsToAwait && options.mode != BakeMode::Async)
                return refuse(
                    QStringLiteral("--blocking-sleep-in-async is a trap of async code; it needs --mode async"));
            options.recipe
                = QStringLiteral("cake_") + mixTrapName(stirs ? MixTrap::StirByHand : MixTrap::ForgotToAwait);
        }
        if (const QString other = others(
                {QStringLiteral("recipe"), QStringLiteral("headless"), QStringLiteral("mode"), QStringLiteral("quiet"),
                 QStringLiteral("time-limit"), QStringLiteral("set"), QStringLiteral("cakes"),
                 QStringLiteral("target-temp"), QStringLiteral("mix-count"), QStringLiteral("step-ms"),
                 QStringLiteral("report"), QStringLiteral("journal"), QStringLiteral("export-trace"),
                 QStringLiteral("stir-by-hand"), QStringLiteral("blocking-sleep-in-async")});
            !other.isEmpty())
            return refuse(QStringLiteral("%1 shapes the built-in cake, not a recipe; leave it out with --recipe")
                              .arg(flag(other)));
        options.headless = true;
        options.quiet = parser.isSet(QStringLiteral("quiet"));
        if (parser.isSet(QStringLiteral("report"))) {
            options.reportPath = parser.value(QStringLiteral("report"));
            const QString problem = outputPathProblem(QStringLiteral("report"), options.reportPath, true);
            if (!problem.isEmpty())
                return refuse(problem);
        }
        // Both written after the run, from its journal.
        for (const auto &[name, path] : {std::pair(QStringLiteral("journal"), &options.journalPath),
                                         std::pair(QStringLiteral("export-trace"), &options.exportTracePath)}) {
            if (!parser.isSet(name))
                continue;
            *path = parser.value(name);
            if (const QString problem = outputPathProblem(name, *path, false); !problem.isEmpty())
                return refuse(problem);
        }
        if (parser.isSet(QStringLiteral("cakes"))) {
            // Copies of the recipe's asyncio.run coroutine: gathered, or one after the other in a sync bake.
            QString problem;
            const std::optional<int> cakes = numberValue(parser, numberFlag(QLatin1String("cakes")), &problem);
            if (!cakes)
                return refuse(problem);
            options.parameters.cakes = *cakes;
        }
        if (parser.isSet(QStringLiteral("time-limit"))) {
            const QString text = parser.value(QStringLiteral("time-limit"));
            bool isNumber = false;
            const int seconds = text.trimmed().toInt(&isNumber, 10);
            if (!isNumber || !CommandLine::timeLimitRange.contains(seconds))
                return refuse(QStringLiteral("--time-limit takes a whole number of seconds from %1, not '%2'")
                                  .arg(CommandLine::timeLimitRange.describe(), text));
            options.recipeTimeLimitSeconds = seconds;
        }
        return result;
    }
    for (const char *recipeOnly : {"time-limit", "set", "journal"}) {
        if (parser.isSet(QLatin1String(recipeOnly)))
            return refuse(
                QStringLiteral("%1 applies to a recipe; it needs --recipe FILE").arg(flag(QLatin1String(recipeOnly))));
    }
    options.headless = parser.isSet(QStringLiteral("headless"));
    options.timestamps = parser.isSet(QStringLiteral("timestamps"));
    options.quiet = parser.isSet(QStringLiteral("quiet"));

    if (parser.isSet(QStringLiteral("mode"))) {
        const QString name = parser.value(QStringLiteral("mode"));
        const std::optional<BakeMode> mode = bakeModeFromName(name);
        if (!mode)
            return refuse(QStringLiteral("--mode takes sync, async or threaded, not '%1'").arg(name));
        options.mode = *mode;
    }

    for (const NumberFlag &f : numberFlags) {
        const QString name = QLatin1String(f.name);
        if (!parser.isSet(name))
            continue;
        QString problem;
        const std::optional<int> value = numberValue(parser, f, &problem);
        if (!value)
            return refuse(problem);
        options.parameters.*f.field = *value;
        options.recipeFlags << name;
    }

    if (parser.isSet(QStringLiteral("speed"))) {
        const QString text = parser.value(QStringLiteral("speed"));
        bool isNumber = false;
        // The C locale: "0.5" means a half wherever the program runs.
        const double speed = QLocale::c().toDouble(text.trimmed(), &isNumber);
        // Checked as given, not as rounded: 4.0001 is out of range, and 0.555 is not a speed the window can show.
        const double percent = isNumber && std::isfinite(speed) ? speed * 100 : 0;
        const bool inRange = percent >= BakeParameters::speedPercentRange.minimum - speedTolerance
            && percent <= BakeParameters::speedPercentRange.maximum + speedTolerance;
        if (!inRange || std::abs(percent - std::round(percent)) > speedTolerance)
            return refuse(QStringLiteral("%1, not '%2'").arg(valueRule(QStringLiteral("speed")), text));
        options.parameters.speedPercent = int(std::lround(percent));
        options.recipeFlags << QStringLiteral("speed");
    }

    const bool stirs = parser.isSet(QStringLiteral("stir-by-hand"));
    const bool forgetsToAwait = parser.isSet(QStringLiteral("blocking-sleep-in-async"));
    if (stirs && forgetsToAwait)
        return refuse(QStringLiteral("--stir-by-hand and --blocking-sleep-in-async are two traps; choose one"));
    if (forgetsToAwait && options.mode != BakeMode::Async)
        return refuse(QStringLiteral("--blocking-sleep-in-async is a trap of async code; it needs --mode async"));
    options.parameters.mixTrap = stirs ? MixTrap::StirByHand : forgetsToAwait ? MixTrap::ForgotToAwait : MixTrap::None;
    if (stirs || forgetsToAwait)
        options.recipeFlags << QStringLiteral("trap");

    if (options.mode == BakeMode::Sync && options.parameters.cakes > 1)
        return refuse(
            QStringLiteral("--cakes above 1 needs --mode async or threaded: a sync bake bakes one cake at a time"));
    if (options.mode == BakeMode::Threaded && options.parameters.cakes > BakeParameters::maxThreadedCakes)
        return refuse(
            QStringLiteral("--cakes with --mode threaded takes 1 to %1: each cake starts two threads, not '%2'")
                .arg(BakeParameters::maxThreadedCakes)
                .arg(options.parameters.cakes));

    if (parser.isSet(QStringLiteral("report"))) {
        options.reportPath = parser.value(QStringLiteral("report"));
        const QString problem = outputPathProblem(QStringLiteral("report"), options.reportPath, true);
        if (!problem.isEmpty())
            return refuse(problem);
    }

    // The exports read the bake's log: one cake's, which a quiet bake does not keep.
    const std::pair<const char *, QString *> exports[] = {
        {"export-trace", &options.exportTracePath},
        {"export-csv", &options.exportCsvPath},
    };
    for (const auto &[name, path] : exports) {
        const QString flagName = QLatin1String(name);
        if (!parser.isSet(flagName))
            continue;
        *path = parser.value(flagName);
        const QString problem = outputPathProblem(flagName, *path, false);
        if (!problem.isEmpty())
            return refuse(problem);
        if (options.quiet)
            return refuse(QStringLiteral("%1 needs the bake's log, which --quiet does not keep; leave out --quiet")
                              .arg(flag(flagName)));
        if (options.parameters.cakes > 1)
            return refuse(QStringLiteral("%1 exports one cake; it needs --cakes 1, not %2")
                              .arg(flag(flagName))
                              .arg(options.parameters.cakes));
    }

    if (parser.isSet(QStringLiteral("predict"))) {
        static const std::pair<const char *, Prediction::Order> orders[] = {
            {"oven-first", Prediction::Order::OvenThenMixing},
            {"turns", Prediction::Order::TakingTurnsOvenFirst},
            {"turns-mixing-first", Prediction::Order::TakingTurnsMixingFirst},
            {"mixing-first", Prediction::Order::MixingThenOven},
        };
        const QString text = parser.value(QStringLiteral("predict"));
        const QString orderName = text.section(QLatin1Char(':'), 0, 0).trimmed();
        bool isNumber = false;
        const double seconds = QLocale::c().toDouble(text.section(QLatin1Char(':'), 1).trimmed(), &isNumber);
        const auto order = std::find_if(std::begin(orders), std::end(orders),
                                        [&](const auto &o) { return orderName == QLatin1String(o.first); });
        if (order == std::end(orders) || !isNumber || !std::isfinite(seconds) || seconds < 0 || seconds > 100000)
            return refuse(QStringLiteral("%1, not '%2'").arg(valueRule(QStringLiteral("predict")), text));
        options.prediction = Prediction(order->second, qint64(std::llround(seconds * 1000)));
        if (options.quiet)
            return refuse(QStringLiteral("--predict judges the guess on the printed lines; leave out --quiet"));
    }

    options.autostart = parser.isSet(QStringLiteral("autostart"));
    if (parser.isSet(QStringLiteral("screenshot"))) {
        options.screenshotPath = parser.value(QStringLiteral("screenshot"));
        const QString problem = outputPathProblem(QStringLiteral("screenshot"), options.screenshotPath, false);
        if (!problem.isEmpty())
            return refuse(problem);
    }
    if (parser.isSet(QStringLiteral("screenshot-at"))) {
        const QString text = parser.value(QStringLiteral("screenshot-at"));
        bool isNumber = false;
        const int value = text.trimmed().toInt(&isNumber, 10);
        if (!isNumber || !screenshotAtRange.contains(value))
            return refuse(QStringLiteral("%1, not '%2'").arg(valueRule(QStringLiteral("screenshot-at")), text));
        if (options.screenshotPath.isEmpty())
            return refuse(QStringLiteral("--screenshot-at needs --screenshot FILE"));
        options.screenshotAtMs = value;
    }

    // Two outputs in one file: the one written last would silently replace the other.
    const std::pair<const char *, const QString *> outputs[] = {
        {"report", &options.reportPath},
        {"journal", &options.journalPath},
        {"export-trace", &options.exportTracePath},
        {"export-csv", &options.exportCsvPath},
        {"screenshot", &options.screenshotPath},
    };
    for (auto first = std::begin(outputs); first != std::end(outputs); ++first) {
        if (first->second->isEmpty() || *first->second == QLatin1String("-"))
            continue;
        const QString firstFile = QFileInfo(*first->second).absoluteFilePath();
        for (auto second = std::next(first); second != std::end(outputs); ++second) {
            if (!second->second->isEmpty() && QFileInfo(*second->second).absoluteFilePath() == firstFile)
                return refuse(
                    QStringLiteral("%1 and %2 both name %3; give each its own file")
                        .arg(flag(QLatin1String(first->first)), flag(QLatin1String(second->first)), *second->second));
        }
    }

    if (options.headless) {
        // Each window-only flag would be silently ignored here.
        for (const char *windowOnly : {"autostart", "screenshot", "screenshot-at"}) {
            if (parser.isSet(QLatin1String(windowOnly)))
                return refuse(
                    QStringLiteral("%1 needs the window; leave out --headless").arg(flag(QLatin1String(windowOnly))));
        }
    } else {
        // Without --autostart nothing bakes by itself: a mode or a guess would be silently dropped. The recipe's
        // flags are kept: they become the window's recipe for this session.
        if (!options.autostart) {
            for (const char *bakeOnly : {"mode", "predict"}) {
                if (parser.isSet(QLatin1String(bakeOnly)))
                    return refuse(QStringLiteral("%1 with the window needs --autostart, so there is a bake to "
                                                 "apply it to; or give --headless")
                                      .arg(flag(QLatin1String(bakeOnly))));
            }
        }
        if (!options.reportPath.isEmpty() && !options.autostart)
            return refuse(QStringLiteral("--report with the window needs --autostart, so there is a bake to report"));
        for (const auto &[name, path] : exports) {
            if (!path->isEmpty() && !options.autostart)
                return refuse(QStringLiteral("%1 with the window needs --autostart, so there is a bake to export")
                                  .arg(flag(QLatin1String(name))));
        }
        if (options.autostart) {
            if (const QString freeze = options.parameters.windowFreezeError(options.mode); !freeze.isEmpty())
                return refuse(QStringLiteral("--autostart: %1; or bake it with --headless").arg(freeze));
        }
        if (options.quiet || options.timestamps)
            return refuse(QStringLiteral("--%1 shapes the printed lines and needs --headless")
                              .arg(options.quiet ? QStringLiteral("quiet") : QStringLiteral("timestamps")));
    }
    return result;
}

BakeParameters CommandLineOptions::recipeOver(BakeParameters base) const
{
    const std::pair<const char *, int BakeParameters::*> fields[] = {
        {"target-temp", &BakeParameters::targetTemperature},
        {"mix-count", &BakeParameters::mixCount},
        {"step-ms", &BakeParameters::stepMs},
        {"cakes", &BakeParameters::cakes},
        {"speed", &BakeParameters::speedPercent},
    };
    for (const auto &[name, field] : fields) {
        if (recipeFlags.contains(QLatin1String(name)))
            base.*field = parameters.*field;
    }
    if (recipeFlags.contains(QLatin1String("trap")))
        base.mixTrap = parameters.mixTrap;
    return base;
}
