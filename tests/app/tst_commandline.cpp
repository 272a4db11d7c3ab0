// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

/// CommandLine::parse() on its own, and the binary's answer to bad flags through QProcess.
class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchTheAnalogy();
    void acceptsEveryFlag();
    void repeatedFlagsAreRefused();
    void aTrapOnTheCakeRecipePicksItsVariant();
    void recipeFlagsAreKeptForTheWindow();
    void showSourceNamesAKindAndARecipe();
    void speedTakesADecimal();
    void predictTakesAnOrderAndSeconds();
    void trapsSetHowTheMixingWaits();
    void theCakesFlagsSetTheRecipesConstants();
    void refusesBadInput_data();
    void refusesBadInput();
    void windowFlags();
    void windowOnlyAndHeadlessOnlyFlagsAreChecked_data();
    void windowOnlyAndHeadlessOnlyFlagsAreChecked();
    void qtsOwnFlagsPassThrough();
    void helpAndVersion();
    void reportPathMustBeWritable();
    void exportFlagsTakeWritableFiles();
    void binaryRefusesBadFlagsWithExitTwo_data();
    void binaryRefusesBadFlagsWithExitTwo();
    void binaryPrintsHelpAndVersion();
};

namespace {
CommandLine parse(const QStringList &flags)
{
    return CommandLine::parse(QStringList{QStringLiteral("bakeloop")} + flags);
}

/// A file in a folder that exists, for checks that come after the path's own.
QString writableFile(const char *name)
{
    return QDir::temp().filePath(QLatin1String(name));
}

/// A named pipe of the test's own, made once: an output flag must refuse it rather than replace it.
QString fifo()
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pipe"));
    if (!QFileInfo::exists(path))
        ::mkfifo(QFile::encodeName(path).constData(), 0600);
    return path;
}
} // namespace

void TestCommandLine::defaultsMatchTheAnalogy()
{
    const CommandLine commandLine = parse({});
    QCOMPARE(commandLine.action(), CommandLine::Action::Run);
    const CommandLineOptions &options = commandLine.options();
    QVERIFY(!options.headless);
    QCOMPARE(options.mode, BakeMode::Async);
    QCOMPARE(options.parameters.targetTemperature, 400);
    QCOMPARE(options.parameters.mixCount, 3);
    QCOMPARE(options.parameters.stepMs, 1000);
    QCOMPARE(options.parameters.cakes, 1);
    QVERIFY(!options.timestamps);
    QVERIFY(!options.quiet);
    QVERIFY(options.reportPath.isEmpty());
}

void TestCommandLine::acceptsEveryFlag()
{
    const CommandLine commandLine = parse({"--headless", "--mode", "sync", "--target-temp", "475", "--mix-count=0",
                                           "--step-ms", "10000", "--timestamps", "--quiet", "--report", "-"});
    QCOMPARE(commandLine.action(), CommandLine::Action::Run);
    const CommandLineOptions &options = commandLine.options();
    QVERIFY(options.headless);
    QCOMPARE(options.mode, BakeMode::Sync);
    QCOMPARE(options.parameters.targetTemperature, 475);
    QCOMPARE(options.parameters.mixCount, 0);
    QCOMPARE(options.parameters.stepMs, 10000);
    QVERIFY(options.timestamps);
    QVERIFY(options.quiet);
    QCOMPARE(options.reportPath, QStringLiteral("-"));

    const CommandLine manyCakes = parse({"--headless", "--cakes", "1000000"});
    QCOMPARE(manyCakes.action(), CommandLine::Action::Run);
    QCOMPARE(manyCakes.options().parameters.cakes, 1000000);
}

void TestCommandLine::trapsSetHowTheMixingWaits()
{
    QCOMPARE(parse({"--headless"}).options().parameters.mixTrap, MixTrap::None);
    QCOMPARE(parse({"--headless", "--stir-by-hand"}).options().parameters.mixTrap, MixTrap::StirByHand);
    QCOMPARE(parse({"--headless", "--mode", "threaded", "--stir-by-hand"}).options().parameters.mixTrap,
             MixTrap::StirByHand);
    QCOMPARE(parse({"--headless", "--blocking-sleep-in-async"}).options().parameters.mixTrap, MixTrap::ForgotToAwait);
}

void TestCommandLine::predictTakesAnOrderAndSeconds()
{
    QVERIFY(!parse({"--headless"}).options().prediction);
    const CommandLine turns = parse({"--headless", "--predict", "turns:3"});
    QCOMPARE(turns.action(), CommandLine::Action::Run);
    QCOMPARE(*turns.options().prediction, Prediction(Prediction::Order::TakingTurnsOvenFirst, 3000));
    QCOMPARE(*parse({"--headless", "--predict", "oven-first:6.5"}).options().prediction,
             Prediction(Prediction::Order::OvenThenMixing, 6500));
    QCOMPARE(parse({"--headless", "--predict", "mixing-first:0"}).options().prediction->order(),
             Prediction::Order::MixingThenOven);
}

void TestCommandLine::speedTakesADecimal()
{
    QCOMPARE(parse({"--headless"}).options().parameters.speedPercent, 100);
    QCOMPARE(parse({"--headless", "--speed", "0.5"}).options().parameters.speedPercent, 50);
    QCOMPARE(parse({"--headless", "--speed", "4"}).options().parameters.speedPercent, 400);
    QCOMPARE(parse({"--headless", "--speed", "0.1"}).options().parameters.speedPercent, 10);
    QCOMPARE(parse({"--headless", "--speed", " 2.25 "}).options().parameters.speedPercent, 225);
}

void TestCommandLine::repeatedFlagsAreRefused()
{
    // Taking the last value silently hid a slip; each flag is given once.
    for (const QStringList &flags :
         {QStringList{"--mix-count", "5", "--mix-count", "7"}, QStringList{"--headless", "--quiet", "--headless"},
          QStringList{"--headless", "--mode", "sync", "--mode=async"}}) {
        const CommandLine commandLine = parse(flags);
        QCOMPARE(commandLine.action(), CommandLine::Action::Refuse);
        QVERIFY2(commandLine.error().contains(QStringLiteral("more than once")), qPrintable(commandLine.error()));
    }
}

void TestCommandLine::showSourceNamesAKindAndARecipe()
{
    const CommandLine bare = parse({QStringLiteral("--show-source"), QStringLiteral("machine")});
    QCOMPARE(bare.action(), CommandLine::Action::Run);
    QCOMPARE(bare.options().showSource, QStringLiteral("machine"));
    QCOMPARE(bare.options().recipe, QStringLiteral("cake")); // without --recipe: the bundled cake
    // A listing bakes nothing: --headless is not needed, and harmless.
    const CommandLine named = parse({QStringLiteral("--headless"), QStringLiteral("--recipe"), QStringLiteral("r.py"),
                                     QStringLiteral("--show-source"), QStringLiteral("threaded")});
    QCOMPARE(named.action(), CommandLine::Action::Run);
    QCOMPARE(named.options().recipe, QStringLiteral("r.py"));
    QCOMPARE(named.options().showSource, QStringLiteral("threaded"));
}

void TestCommandLine::aTrapOnTheCakeRecipePicksItsVariant()
{
    // The window bakes these files for the traps; --recipe cake takes them the same way.
    QCOMPARE(parse({"--headless", "--recipe", "cake", "--stir-by-hand"}).options().recipe,
             QStringLiteral("cake_stir_by_hand"));
    QCOMPARE(parse({"--headless", "--recipe", "cake", "--blocking-sleep-in-async"}).options().recipe,
             QStringLiteral("cake_forgot_to_await"));
    QCOMPARE(parse({"--headless", "--recipe", "cake"}).options().recipe, QStringLiteral("cake"));
}

void TestCommandLine::recipeFlagsAreKeptForTheWindow()
{
    const CommandLine commandLine = parse({"--step-ms", "250", "--speed", "0.5", "--blocking-sleep-in-async"});
    QCOMPARE(commandLine.action(), CommandLine::Action::Run);
    BakeParameters remembered;
    remembered.mixCount = 9;
    remembered.stepMs = 2000;
    const BakeParameters recipe = commandLine.options().recipeOver(remembered);
    QCOMPARE(recipe.stepMs, 250);
    QCOMPARE(recipe.speedPercent, 50);
    QCOMPARE(recipe.mixTrap, MixTrap::ForgotToAwait);
    QCOMPARE(recipe.mixCount, 9); // not given: as remembered
    QCOMPARE(parse({}).options().recipeOver(remembered), remembered);
}

void TestCommandLine::theCakesFlagsSetTheRecipesConstants()
{
    const CommandLine commandLine = parse({"--headless", "--recipe", "cake", "--set", "OVEN='hot'", "--target-temp",
                                           "475", "--mix-count", "2", "--step-ms", "20", "--cakes", "4"});
    QCOMPARE(commandLine.action(), CommandLine::Action::Run);
    const CommandLineOptions &options = commandLine.options();
    const QList<std::pair<QString, QString>> constants{
        {"OVEN", "'hot'"}, {"TARGET_TEMP", "475"}, {"MIX_COUNT", "2"}, {"STEP", "0.02"}};
    QCOMPARE(options.recipeConstants, constants);
    QCOMPARE(options.recipeConstantFlags.value(QStringLiteral("STEP")), QStringLiteral("--step-ms"));
    QVERIFY(!options.recipeConstantFlags.contains(QStringLiteral("OVEN")));
    QCOMPARE(options.parameters.cakes, 4);
    // Whole seconds stay an int, as cake.py's own STEP = 1; the rest is the float ms / 1000 is in Python.
    const auto step = [](const char *ms) {
        return parse({"--headless", "--recipe", "cake", "--step-ms", ms}).options().recipeConstants.value(0).second;
    };
    QCOMPARE(step("1000"), QStringLiteral("1"));
    QCOMPARE(step("3000"), QStringLiteral("3"));
    QCOMPARE(step("1500"), QStringLiteral("1.5"));
    QCOMPARE(step("1"), QStringLiteral("0.001"));
    QCOMPARE(step("333"), QStringLiteral("0.333"));
}

void TestCommandLine::refusesBadInput_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("mustMention"); // the flag the message names, and what it allows

    QTest::newRow("unknown flag") << QStringList{"--oven"} << "--oven";
    QTest::newRow("show-source, unknown kind")
        << QStringList{"--show-source", "pie"} << "--show-source takes async, sync, threaded, machine, not 'pie'";
    QTest::newRow("show-source with a mode")
        << QStringList{"--show-source", "sync", "--mode", "sync"} << "bakes nothing; leave out --mode";
    QTest::newRow("show-source with a cake flag")
        << QStringList{"--show-source", "machine", "--mix-count", "2"} << "leave out --mix-count";
    QTest::newRow("show-source with set")
        << QStringList{"--show-source", "async", "--recipe", "cake", "--set", "STEP=1"} << "leave out --set";
    QTest::newRow("unknown short flag") << QStringList{"-z"} << "-z";
    QTest::newRow("unknown one-letter long flag") << QStringList{"--x"} << "unknown flag --x;";
    QTest::newRow("unknown single-dash word") << QStringList{"-oven"} << "unknown flag -oven;";
    QTest::newRow("free-threaded, described but not built")
        << QStringList{"--headless", "--recipe", "cake", "--mode", "threaded", "--free-threaded"}
        << "--free-threaded is not built yet";
    QTest::newRow("speed just too slow") << QStringList{"--speed", "0.0999"} << "0.1 to 4";
    QTest::newRow("speed just too fast") << QStringList{"--speed", "4.0001"} << "0.1 to 4";
    QTest::newRow("speed finer than a hundredth") << QStringList{"--speed", "0.555"} << "hundredths";
    QTest::newRow("missing mode") << QStringList{"--mode"} << "sync, async or threaded";
    QTest::newRow("a recipe's step out of range")
        << QStringList{"--headless", "--recipe", "cake", "--step-ms", "0"} << "--step-ms takes a whole number from 1";
    QTest::newRow("set and its flag") << QStringList{"--headless",  "--recipe",    "cake", "--set",
                                                     "MIX_COUNT=1", "--mix-count", "2"}
                                      << "--set MIX_COUNT and --mix-count both set MIX_COUNT";
    QTest::newRow("a recipe's cakes out of range")
        << QStringList{"--headless", "--recipe", "cake", "--cakes", "1000001"} << "--cakes takes a whole number";
    QTest::newRow("stir by hand on another recipe")
        << QStringList{"--headless", "--recipe", "three_jobs", "--stir-by-hand"}
        << "--stir-by-hand is a trap of the bundled cake (--recipe cake)";
    QTest::newRow("both traps on the cake recipe")
        << QStringList{"--headless", "--recipe", "cake", "--stir-by-hand", "--blocking-sleep-in-async"}
        << "two traps; choose one";
    QTest::newRow("forgot to await on the cake recipe, in sync mode")
        << QStringList{"--headless", "--recipe", "cake", "--mode", "sync", "--blocking-sleep-in-async"}
        << "it needs --mode async";
    QTest::newRow("speed on a recipe") << QStringList{"--headless", "--recipe", "cake", "--speed", "2"}
                                       << "--speed shapes the built-in cake";
    QTest::newRow("missing number") << QStringList{"--step-ms"} << "1 to 10000 ms";
    QTest::newRow("missing report") << QStringList{"--report"} << "--report";
    QTest::newRow("empty number") << QStringList{"--target-temp="} << "0 to 1000 °F";
    QTest::newRow("empty mode") << QStringList{"--mode", ""} << "sync, async or threaded";
    QTest::newRow("unknown mode") << QStringList{"--mode", "threads"} << "sync, async or threaded";
    QTest::newRow("not a number") << QStringList{"--mix-count", "three"} << "0 to 100";
    QTest::newRow("fraction") << QStringList{"--step-ms", "2.5"} << "--step-ms";
    QTest::newRow("overflow") << QStringList{"--cakes", "99999999999"} << "1 to 1000000";
    QTest::newRow("temperature below") << QStringList{"--target-temp", "-1"} << "0 to 1000 °F";
    QTest::newRow("temperature above") << QStringList{"--target-temp", "1001"} << "--target-temp";
    QTest::newRow("mixes above") << QStringList{"--mix-count", "101"} << "--mix-count";
    QTest::newRow("step zero") << QStringList{"--step-ms", "0"} << "--step-ms";
    QTest::newRow("step above") << QStringList{"--step-ms", "10001"} << "--step-ms";
    QTest::newRow("cakes zero") << QStringList{"--cakes", "0"} << "--cakes";
    QTest::newRow("cakes above") << QStringList{"--cakes", "1000001"} << "--cakes";
    QTest::newRow("cakes in sync") << QStringList{"--mode", "sync", "--cakes", "2"} << "async";
    QTest::newRow("predict without seconds") << QStringList{"--predict", "turns"} << "ORDER:SECONDS";
    QTest::newRow("predict, unknown order") << QStringList{"--predict", "sideways:3"} << "oven-first, turns";
    QTest::newRow("predict, negative time") << QStringList{"--predict", "turns:-1"} << "--predict";
    QTest::newRow("predict, quiet") << QStringList{"--headless", "--quiet", "--predict", "turns:3"} << "--quiet";
    QTest::newRow("two traps") << QStringList{"--stir-by-hand", "--blocking-sleep-in-async"} << "choose one";
    QTest::newRow("forgot to await, sync")
        << QStringList{"--mode", "sync", "--blocking-sleep-in-async"} << "--mode async";
    QTest::newRow("forgot to await, threaded")
        << QStringList{"--mode", "threaded", "--blocking-sleep-in-async"} << "--mode async";
    QTest::newRow("too many threaded cakes") << QStringList{"--mode", "threaded", "--cakes", "1001"} << "1 to 1000";
    QTest::newRow("positional") << QStringList{"bake"} << "bake";
    QTest::newRow("empty report") << QStringList{"--report", ""} << "--report";
    QTest::newRow("speed too slow") << QStringList{"--speed", "0.05"} << "0.1 to 4";
    QTest::newRow("speed too fast") << QStringList{"--speed", "4.5"} << "--speed";
    QTest::newRow("speed not a number") << QStringList{"--speed", "fast"} << "0.1 to 4";
    QTest::newRow("speed in a comma locale") << QStringList{"--speed", "0,5"} << "--speed";
    QTest::newRow("speed missing") << QStringList{"--speed"} << "0.1 to 4";
    QTest::newRow("missing export-trace") << QStringList{"--export-trace"} << "--export-trace takes";
    QTest::newRow("empty export-csv") << QStringList{"--export-csv", ""} << "--export-csv takes";
    QTest::newRow("export-trace to stdout") << QStringList{"--export-trace", "-"} << "standard output";
    QTest::newRow("export-csv to stdout") << QStringList{"--export-csv", "-"} << "--export-csv needs a file name";
    QTest::newRow("export-trace in missing folder")
        << QStringList{"--export-trace", "/nonexistent/bake.json"} << "does not exist";
    QTest::newRow("export-csv is a folder") << QStringList{"--export-csv", QDir::tempPath()} << "is a folder";
    // Special files would be replaced by a plain file at the rename; they are refused before anything runs.
    QTest::newRow("report to a device") << QStringList{"--report", "/dev/full"} << "character device";
    QTest::newRow("report to /dev/stdout") << QStringList{"--report", "/dev/stdout"} << "give -";
    QTest::newRow("export-csv to a FIFO") << QStringList{"--export-csv", fifo()} << "FIFO";
    QTest::newRow("report in /proc") << QStringList{"--report", "/proc/self/report.json"} << "kernel file system";
    QTest::newRow("export-trace name too long")
        << QStringList{"--export-trace", QDir::temp().filePath(QString(300, QLatin1Char('t')))} << "300 bytes";
    QTest::newRow("screenshot to a device") << QStringList{"--screenshot", "/dev/null"} << "character device";
    QTest::newRow("export-trace quiet") << QStringList{"--quiet", "--export-trace", writableFile("bakeloop-q.json")}
                                        << "--quiet does not keep";
    QTest::newRow("export-csv many cakes")
        << QStringList{"--cakes", "2", "--export-csv", writableFile("bakeloop-c.csv")} << "--cakes 1";
    QTest::newRow("exports share a file")
        << QStringList{"--export-trace", writableFile("bakeloop-s.txt"), "--export-csv", writableFile("bakeloop-s.txt")}
        << "--export-trace and --export-csv";
    QTest::newRow("export and report share a file")
        << QStringList{"--report", writableFile("bakeloop-r.json"), "--export-trace", writableFile("bakeloop-r.json")}
        << "give each its own file";
}

void TestCommandLine::refusesBadInput()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, mustMention);
    const CommandLine commandLine = parse(flags);
    QCOMPARE(commandLine.action(), CommandLine::Action::Refuse);
    QVERIFY2(commandLine.error().contains(mustMention), qPrintable(commandLine.error()));
    QVERIFY(!commandLine.error().contains(QLatin1Char('\n')));
}

void TestCommandLine::windowFlags()
{
    QTemporaryDir dir;
    const QString shot = dir.filePath("shot.png");
    const CommandLine commandLine
        = parse({"--mode", "sync", "--autostart", "--report", "-", "--screenshot", shot, "--screenshot-at", "2500"});
    QCOMPARE(commandLine.action(), CommandLine::Action::Run);
    const CommandLineOptions &options = commandLine.options();
    QVERIFY(!options.headless);
    QVERIFY(options.autostart);
    QCOMPARE(options.mode, BakeMode::Sync);
    QCOMPARE(options.screenshotPath, shot);
    QCOMPARE(options.screenshotAtMs, 2500);
    QCOMPARE(options.reportPath, QStringLiteral("-"));

    // The window bakes many cakes too, drawing the first hundred.
    const CommandLine manyCakes = parse({"--autostart", "--cakes", "10000"});
    QCOMPARE(manyCakes.action(), CommandLine::Action::Run);
    QCOMPARE(manyCakes.options().parameters.cakes, 10000);
}

void TestCommandLine::windowOnlyAndHeadlessOnlyFlagsAreChecked_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("mustMention");

    QTest::newRow("screenshot headless") << QStringList{"--headless", "--screenshot", "/tmp/x.png"} << "--headless";
    QTest::newRow("screenshot-at alone") << QStringList{"--screenshot-at", "100"} << "--screenshot";
    QTest::newRow("screenshot-at not a number")
        << QStringList{"--screenshot", "/tmp/x.png", "--screenshot-at", "soon"} << "0 to 600000 ms";
    QTest::newRow("screenshot-at negative")
        << QStringList{"--screenshot", "/tmp/x.png", "--screenshot-at", "-5"} << "--screenshot-at";
    QTest::newRow("screenshot in missing folder")
        << QStringList{"--screenshot", "/nonexistent/x.png"} << "does not exist";
    QTest::newRow("screenshot to stdout") << QStringList{"--screenshot", "-"} << "--screenshot";
    QTest::newRow("window report without autostart") << QStringList{"--report", "-"} << "--autostart";
    QTest::newRow("autostart headless") << QStringList{"--headless", "--autostart"} << "--autostart needs the window";
    QTest::newRow("screenshot-at headless")
        << QStringList{"--headless", "--screenshot", "/tmp/x.png", "--screenshot-at", "100"} << "needs the window";
    QTest::newRow("window mode without autostart") << QStringList{"--mode", "sync"} << "--mode with the window needs";
    QTest::newRow("window predict without autostart")
        << QStringList{"--predict", "turns:3"} << "--predict with the window needs";
    QTest::newRow("window freeze too long")
        << QStringList{"--autostart", "--mode", "sync", "--step-ms", "10000"} << "would freeze the window";
    QTest::newRow("window quiet") << QStringList{"--quiet"} << "--headless";
    QTest::newRow("window timestamps") << QStringList{"--timestamps"} << "--headless";
    QTest::newRow("window export-trace without autostart")
        << QStringList{"--export-trace", writableFile("bakeloop-w.json")}
        << "--export-trace with the window needs --autostart";
    QTest::newRow("window export-csv without autostart") << QStringList{"--export-csv", writableFile("bakeloop-w.csv")}
                                                         << "--export-csv with the window needs --autostart";
}

void TestCommandLine::windowOnlyAndHeadlessOnlyFlagsAreChecked()
{
    refusesBadInput();
}

void TestCommandLine::qtsOwnFlagsPassThrough()
{
    const CommandLine commandLine = parse({"-platform", "offscreen", "--autostart", "--mode", "sync", "-reverse"});
    QCOMPARE(commandLine.action(), CommandLine::Action::Run);
    QCOMPARE(commandLine.options().qtArguments, QStringList({"-platform", "offscreen", "-reverse"}));
    QCOMPARE(commandLine.options().mode, BakeMode::Sync);
}

void TestCommandLine::helpAndVersion()
{
    QCOMPARE(parse({"--help"}).action(), CommandLine::Action::ShowHelp);
    QCOMPARE(parse({"--version"}).action(), CommandLine::Action::ShowVersion);
    const QString help = parse({"--help"}).helpText();
    for (const char *flag : {"--headless", "--mode", "--target-temp", "--mix-count", "--step-ms", "--cakes",
                             "--timestamps", "--quiet", "--report", "--export-trace", "--export-csv"})
        QVERIFY2(help.contains(QLatin1String(flag)), flag);
    QVERIFY(help.startsWith(QStringLiteral("Usage: bakeloop")));
}

void TestCommandLine::reportPathMustBeWritable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(parse({"--headless", "--report", dir.filePath("report.json")}).action(), CommandLine::Action::Run);

    const CommandLine folder = parse({"--headless", "--report", dir.path()});
    QCOMPARE(folder.action(), CommandLine::Action::Refuse);
    QVERIFY(folder.error().contains(QStringLiteral("folder")));

    const CommandLine missingFolder = parse({"--headless", "--report", dir.filePath("nowhere/report.json")});
    QCOMPARE(missingFolder.action(), CommandLine::Action::Refuse);
    QVERIFY(missingFolder.error().contains(QStringLiteral("does not exist")));
}

void TestCommandLine::exportFlagsTakeWritableFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString trace = dir.filePath("bake.json");
    const QString csv = dir.filePath("bake.csv");

    const CommandLine headless = parse({"--headless", "--export-trace", trace, "--export-csv", csv, "--report", "-"});
    QCOMPARE(headless.action(), CommandLine::Action::Run);
    QCOMPARE(headless.options().exportTracePath, trace);
    QCOMPARE(headless.options().exportCsvPath, csv);

    const CommandLine window = parse({"--autostart", "--mode", "sync", "--export-trace", trace});
    QCOMPARE(window.action(), CommandLine::Action::Run);
    QCOMPARE(window.options().exportTracePath, trace);
    QVERIFY(window.options().exportCsvPath.isEmpty());

    QVERIFY(parse({"--headless"}).options().exportTracePath.isEmpty());
    // Checked before anything runs, and nothing is written while checking.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestCommandLine::binaryRefusesBadFlagsWithExitTwo_data()
{
    refusesBadInput_data();
}

void TestCommandLine::binaryRefusesBadFlagsWithExitTwo()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, mustMention);
    QProcess bakeloop;
    // Headless or not, a bad flag is refused before any window or bake exists.
    bakeloop.start(QStringLiteral(BAKELOOP_BINARY),
                   flags.contains(QStringLiteral("--headless")) ? flags : QStringList{"--headless"} + flags);
    QVERIFY(bakeloop.waitForFinished(10000));
    QCOMPARE(bakeloop.exitStatus(), QProcess::NormalExit);
    QCOMPARE(bakeloop.exitCode(), CommandLine::usageErrorExitCode);
    QCOMPARE(bakeloop.readAllStandardOutput(), QByteArray());
    const QString error = QString::fromUtf8(bakeloop.readAllStandardError());
    QVERIFY2(error.startsWith(QStringLiteral("bakeloop: ")), qPrintable(error));
    QVERIFY2(error.contains(mustMention), qPrintable(error));
    QCOMPARE(error.count(QLatin1Char('\n')), 1);
}

void TestCommandLine::binaryPrintsHelpAndVersion()
{
    QProcess bakeloop;
    bakeloop.start(QStringLiteral(BAKELOOP_BINARY), {"--help"});
    QVERIFY(bakeloop.waitForFinished(10000));
    QCOMPARE(bakeloop.exitCode(), 0);
    QVERIFY(bakeloop.readAllStandardOutput().contains("--target-temp"));

    bakeloop.start(QStringLiteral(BAKELOOP_BINARY), {"--version"});
    QVERIFY(bakeloop.waitForFinished(10000));
    QCOMPARE(bakeloop.exitCode(), 0);
    QCOMPARE(bakeloop.readAllStandardOutput().trimmed(), QByteArray("bakeloop " BAKELOOP_VERSION));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
