// SPDX-License-Identifier: MIT
#include "blockingrecipedriver.h"
#include "blockingtwinwriter.h"
#include "cakerecipedriver.h"
#include "compiler.h"
#include "enginetestsupport.h"
#include "machinelisting.h"
#include "parser.h"
#include "sourcelisting.h"
#include "threadedtwinwriter.h"
#include "timerrecipedriver.h"

#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>

/**
 * SourceListing: the Async listing is the cake's recipe with the bake's
 * knobs, the twins and the machine are what the engine's writers make of
 * that text, the legacy listing is the hand-written one; and each task's
 * line in each state is where the class says, inside its own function, in
 * every listing of every kind and trap. Where python3 is installed, the
 * three Python listings are run and must print what the engine prints for
 * the same bake (in order; the threaded one thread by thread, as two
 * threads' lines due at once may come in either order).
 */
class TestSourceListing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listingForMode();
    void kindsInTabOrder();
    void titles();
    void pythonSeconds_data();
    void pythonSeconds();
    void asyncListingIsTheRecipeWithTheBakesKnobs_data();
    void asyncListingIsTheRecipeWithTheBakesKnobs();
    void twinsAreTheWritersTwinsOfThatRecipe_data();
    void twinsAreTheWritersTwinsOfThatRecipe();
    void twinsShowTheTrapAsTheirModeBakesIt();
    void machineListingIsWhatTheEngineCompiled_data();
    void machineListingIsWhatTheEngineCompiled();
    void lineOfEachState_data();
    void lineOfEachState();
    void trapsMoveTheMixingWaitToTheirCall_data();
    void trapsMoveTheMixingWaitToTheirCall();
    void everyStateIsInItsTasksOwnFunction();
    void knobsShowTheParameters_data();
    void knobsShowTheParameters();
    void textIsTheLinesJoined();
    void pythonListingsPrintWhatTheEnginePrints_data();
    void pythonListingsPrintWhatTheEnginePrints();
    void legacyListingIsTheHandWrittenOne();
    void legacyListingShowsStirringByHand();
    void legacyListingNoLongerRuns();
};

using Kind = SourceListing::Kind;

namespace {

constexpr std::array allStates{TaskState::NotStarted, TaskState::Running, TaskState::Waiting, TaskState::Done,
                               TaskState::Cancelled};
constexpr std::array allTasks{TaskId::Preheat, TaskId::Mix};
constexpr std::array allTraps{MixTrap::None, MixTrap::StirByHand, MixTrap::ForgotToAwait};
constexpr std::array runKinds{Kind::Blocking, Kind::Async, Kind::Threaded};
constexpr int pythonTimeoutMs = 30000;
constexpr int engineTimeoutMs = 30000;

const char *kindTag(Kind kind)
{
    switch (kind) {
    case Kind::Blocking:
        return "blocking";
    case Kind::Async:
        return "async";
    case Kind::Threaded:
        return "threaded";
    case Kind::LegacyGenerator:
        return "legacy";
    case Kind::StateMachine:
        return "machine";
    }
    return "?";
}

BakeParameters bake(int target, int count, int stepMs, MixTrap trap = MixTrap::None)
{
    BakeParameters parameters;
    parameters.targetTemperature = target;
    parameters.mixCount = count;
    parameters.stepMs = stepMs;
    parameters.mixTrap = trap;
    return parameters;
}

BakeParameters withTrap(BakeParameters parameters, MixTrap trap)
{
    parameters.mixTrap = trap;
    return parameters;
}

/// Recipes at the edges as well as the default: no oven step, no mix, the longest and shortest step.
QList<BakeParameters> sampleRecipes()
{
    return {BakeParameters{}, bake(475, 5, 250), bake(0, 0, 1), bake(1000, 100, 10000), bake(100, 1, 1500)};
}

/// The bundled recipe's lines, as the engine reads it, without the newline that ends the file.
QStringList bundledLines(MixTrap trap)
{
    QString text = QString::fromUtf8(CakeRecipeDriver::recipeSource(trap));
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text.split(QLatin1Char('\n'));
}

/// The lines @p function's block spans in @p lines: from its header (a def, or a machine's section header) up to
/// the next line at the left margin. Found here apart from the class, so the two must agree.
std::pair<int, int> functionSpan(const QStringList &lines, const QString &function)
{
    const QRegularExpression header(QStringLiteral("^(async )?def %1\\(").arg(function));
    const auto start = std::find_if(lines.cbegin(), lines.cend(),
                                    [&](const QString &line) { return header.match(line).hasMatch(); });
    if (start == lines.cend())
        return {-1, -1};
    const int first = int(start - lines.cbegin());
    int end = first + 1;
    while (end < lines.size() && (lines.at(end).isEmpty() || lines.at(end).front().isSpace()))
        ++end;
    return {first, end};
}

QByteArray where(Kind kind, MixTrap trap, const BakeParameters &parameters, TaskId task, TaskState state)
{
    return QStringLiteral("%1, %2, %3 °F %4 mixes %5 ms, %6 %7")
        .arg(QString::fromLatin1(kindTag(kind)), mixTrapName(trap))
        .arg(parameters.targetTemperature)
        .arg(parameters.mixCount)
        .arg(parameters.stepMs)
        .arg(taskName(task), taskStateName(state))
        .toUtf8();
}

struct PythonRun {
    bool started = false;
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs python3 on @p source given on standard input; started is false when there is no python3.
PythonRun runPython(const QString &source, const QStringList &arguments = {QStringLiteral("-")})
{
    PythonRun run;
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return run;
    QProcess process;
    process.start(python, arguments);
    if (!process.waitForStarted(pythonTimeoutMs))
        return run;
    run.started = true;
    process.write(source.toUtf8());
    process.closeWriteChannel();
    process.waitForFinished(pythonTimeoutMs);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/**
 * What the engine prints baking @p parameters in @p kind's mode, compiled as CakeRecipeDriver compiles the bake
 * (with the trap that mode bakes): the async kitchen on Qt timers, as the window runs it, or a twin.
 */
QString enginePrints(Kind kind, const BakeParameters &parameters, QString *error)
{
    const std::optional<recipe::Program> program = CakeRecipeDriver::compiledRecipe(parameters, error);
    if (!program)
        return {};
    QString printed;
    const auto write = [&printed](const QString &text) { printed += text; };
    if (kind == Kind::Async) {
        recipe::TimerRecipeDriver driver(*program);
        driver.setOutput(write);
        QEventLoop loop;
        QObject::connect(&driver, &recipe::TimerRecipeDriver::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(engineTimeoutMs, &loop, &QEventLoop::quit);
        driver.start();
        loop.exec();
        return printed;
    }
    recipe::BlockingRecipeDriver driver(*program,
                                        kind == Kind::Blocking ? recipe::Interpreter::Kitchen::BlockingTwin
                                                               : recipe::Interpreter::Kitchen::ThreadedTwin);
    driver.setOutput(write);
    if (driver.run() != recipe::Interpreter::Status::Finished && driver.error())
        *error = driver.error()->message;
    return printed;
}

/// The lines of @p lines that @p task printed ("preheat:: ...", after a thread's name if any), in their order.
QStringList linesOfTask(const QStringList &lines, TaskId task)
{
    return lines.filter(QRegularExpression(QStringLiteral("(^|\\] )%1::").arg(taskName(task))));
}

} // namespace

void TestSourceListing::listingForMode()
{
    QCOMPARE(SourceListing::forMode(BakeMode::Sync), Kind::Blocking);
    QCOMPARE(SourceListing::forMode(BakeMode::Async), Kind::Async);
    QCOMPARE(SourceListing::forMode(BakeMode::Threaded), Kind::Threaded);
}

void TestSourceListing::kindsInTabOrder()
{
    // The three modes' listings first, sync to threaded, then the old style and the engine's machine.
    const std::array expected{Kind::Blocking, Kind::Async, Kind::Threaded, Kind::LegacyGenerator, Kind::StateMachine};
    QCOMPARE(SourceListing::allKinds.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(SourceListing::allKinds.at(i), expected.at(i));
}

void TestSourceListing::titles()
{
    QCOMPARE(SourceListing::title(Kind::Blocking), QStringLiteral("Blocking"));
    QCOMPARE(SourceListing::title(Kind::Async), QStringLiteral("Async"));
    QCOMPARE(SourceListing::title(Kind::Threaded), QStringLiteral("Threaded"));
    QCOMPARE(SourceListing::title(Kind::LegacyGenerator), QStringLiteral("Generator-based (legacy)"));
    QCOMPARE(SourceListing::title(Kind::StateMachine), QStringLiteral("State machine (compiled)"));
    QCOMPARE(SourceListing(Kind::LegacyGenerator).kind(), Kind::LegacyGenerator);
    QCOMPARE(SourceListing(Kind::Threaded).kind(), Kind::Threaded);
}

void TestSourceListing::pythonSeconds_data()
{
    QTest::addColumn<int>("stepMs");
    QTest::addColumn<QString>("seconds");

    QTest::newRow("the default") << 1000 << QStringLiteral("1");
    QTest::newRow("a quarter") << 250 << QStringLiteral("0.25");
    QTest::newRow("a tenth") << 100 << QStringLiteral("0.1");
    QTest::newRow("one and a half") << 1500 << QStringLiteral("1.5");
    QTest::newRow("the shortest") << 1 << QStringLiteral("0.001");
    QTest::newRow("odd") << 1234 << QStringLiteral("1.234");
    QTest::newRow("the longest") << 10000 << QStringLiteral("10");
}

void TestSourceListing::pythonSeconds()
{
    QFETCH(int, stepMs);
    QFETCH(QString, seconds);
    QCOMPARE(SourceListing::pythonSeconds(stepMs), seconds);
}

void TestSourceListing::asyncListingIsTheRecipeWithTheBakesKnobs_data()
{
    QTest::addColumn<MixTrap>("trap");
    for (const MixTrap trap : allTraps)
        QTest::newRow(qPrintable(mixTrapName(trap))) << trap;
}

void TestSourceListing::asyncListingIsTheRecipeWithTheBakesKnobs()
{
    QFETCH(MixTrap, trap);

    // The default bake is the bundled file itself.
    const QStringList bundled = bundledLines(trap);
    QVERIFY(bundled.contains(QStringLiteral("TARGET_TEMP = 400")));
    const SourceListing plain(Kind::Async, withTrap(BakeParameters{}, trap));
    QCOMPARE(plain.lines(), bundled);
    QCOMPARE(plain.shownTrap(), trap);

    // Another bake changes the three knobs' lines and nothing else.
    const SourceListing changed(Kind::Async, bake(475, 2, 250, trap));
    QCOMPARE(changed.lineCount(), int(bundled.size()));
    const QStringList knobs{QStringLiteral("TARGET_TEMP = 475"), QStringLiteral("MIX_COUNT = 2"),
                            QStringLiteral("STEP = 0.25")};
    QStringList differing;
    for (int line = 0; line < changed.lineCount(); ++line) {
        if (changed.lines().at(line) != bundled.at(line))
            differing << changed.lines().at(line);
    }
    QCOMPARE(differing, knobs);
    QCOMPARE(changed.text(), SourceListing::recipeText(bake(475, 2, 250), trap).chopped(1));
}

void TestSourceListing::twinsAreTheWritersTwinsOfThatRecipe_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QStringList>("expectedLines");

    QTest::newRow("blocking") << Kind::Blocking
                              << QStringList{QStringLiteral("def preheat():"), QStringLiteral("def mix_ingredients():"),
                                             QStringLiteral("        time.sleep(STEP)"),
                                             QStringLiteral("    [preheat(), mix_ingredients()]"),
                                             QStringLiteral("main()")};
    QTest::newRow("threaded") << Kind::Threaded
                              << QStringList{QStringLiteral("def preheat():"),
                                             QStringLiteral("def mix_ingredients():"),
                                             QStringLiteral("        time.sleep(STEP)"),
                                             QStringLiteral("        say(f\"preheat:: temp is now {temp}\")"),
                                             QStringLiteral("    gather(Task(preheat), Task(mix_ingredients))"),
                                             QStringLiteral("main()")};
}

void TestSourceListing::twinsAreTheWritersTwinsOfThatRecipe()
{
    QFETCH(Kind, kind);
    QFETCH(QStringList, expectedLines);

    for (const BakeParameters &sample : sampleRecipes()) {
        for (const MixTrap trap : {MixTrap::None, MixTrap::StirByHand}) {
            const BakeParameters parameters = withTrap(sample, trap);
            const SourceListing twin(kind, parameters);
            std::vector<recipe::Diagnostic> diagnostics;
            const std::optional<recipe::Module> module
                = recipe::Parser::parse(SourceListing(Kind::Async, parameters).text(), &diagnostics);
            QVERIFY(module);
            const recipe::TwinSource written = kind == Kind::Blocking ? recipe::BlockingTwinWriter::write(*module)
                                                                      : recipe::ThreadedTwinWriter::write(*module);
            QVERIFY(written.exists());
            QCOMPARE(twin.text() + QLatin1Char('\n'), written.text);
            for (const QString &line : std::as_const(expectedLines))
                QVERIFY2(twin.lines().contains(line), qPrintable(line));
            QVERIFY(!twin.text().contains(QLatin1String("async def")));
            QVERIFY(!twin.text().contains(QLatin1String("await ")));
        }
    }
}

void TestSourceListing::twinsShowTheTrapAsTheirModeBakesIt()
{
    const BakeParameters plain = bake(475, 2, 250);
    for (const Kind twin : {Kind::Blocking, Kind::Threaded}) {
        // Forgetting to await is async code's trap: the twins bake, and show, the plain cake.
        const SourceListing forgot(twin, withTrap(plain, MixTrap::ForgotToAwait));
        QCOMPARE(forgot.shownTrap(), MixTrap::None);
        QCOMPARE(forgot.text(), SourceListing(twin, plain).text());
        QVERIFY(!forgot.text().contains(QLatin1String("forgot")));

        // Stirring by hand computes in every mode.
        const SourceListing stirred(twin, withTrap(plain, MixTrap::StirByHand));
        QCOMPARE(stirred.shownTrap(), MixTrap::StirByHand);
        QVERIFY(stirred.lines().contains(QStringLiteral("def stir_by_hand(seconds):")));
        QVERIFY(stirred.text().contains(QLatin1String("        stir_by_hand(STEP)  # ")));
    }
    const SourceListing forgot(Kind::Async, withTrap(plain, MixTrap::ForgotToAwait));
    QCOMPARE(forgot.shownTrap(), MixTrap::ForgotToAwait);
    QVERIFY(forgot.text().contains(QLatin1String("        time.sleep(STEP)  # forgot to await")));
    QCOMPARE(SourceListing(Kind::StateMachine, withTrap(plain, MixTrap::ForgotToAwait)).shownTrap(),
             MixTrap::ForgotToAwait);
}

void TestSourceListing::machineListingIsWhatTheEngineCompiled_data()
{
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<int>("knobsChanged");

    for (const MixTrap trap : allTraps) {
        QTest::addRow("default, %s", qPrintable(mixTrapName(trap))) << withTrap(BakeParameters{}, trap) << 0;
        QTest::addRow("475 °F, 2 mixes, 250 ms, %s", qPrintable(mixTrapName(trap))) << bake(475, 2, 250, trap) << 3;
    }
    QTest::newRow("a longer step only") << bake(400, 3, 1500) << 1;
}

void TestSourceListing::machineListingIsWhatTheEngineCompiled()
{
    QFETCH(BakeParameters, parameters);
    QFETCH(int, knobsChanged);

    const SourceListing machine(Kind::StateMachine, parameters);
    const QString file = CakeRecipeDriver::recipeFileName(parameters.mixTrap);
    QVERIFY2(machine.lines().constFirst().startsWith(QStringLiteral("# %1 as the engine compiled it").arg(file)),
             qPrintable(machine.lines().constFirst()));

    // MachineListing's text of the Async listing compiled...
    std::vector<recipe::Diagnostic> diagnostics;
    const std::optional<recipe::Module> module
        = recipe::Parser::parse(SourceListing(Kind::Async, parameters).text(), &diagnostics);
    QVERIFY(module);
    const std::optional<recipe::Program> program = recipe::Compiler::compile(*module, &diagnostics);
    QVERIFY(program);
    QCOMPARE(machine.text() + QLatin1Char('\n'), recipe::MachineListing::write(*program, file));

    // ...which is the program the engine bakes, instruction for instruction; only the source lines of the knobs
    // differ, as the engine puts the bake's values in place of the bundled ones.
    QString error;
    const std::optional<recipe::Program> baked = CakeRecipeDriver::compiledRecipe(parameters, &error);
    QVERIFY2(baked, qPrintable(error));
    const QStringList engine = recipe::MachineListing::write(*baked, file).chopped(1).split(QLatin1Char('\n'));
    QCOMPARE(machine.lineCount(), int(engine.size()));
    const QRegularExpression knobLine(QStringLiteral("^\\s+\\d+ \\| (TARGET_TEMP|MIX_COUNT|STEP) = "));
    int differing = 0;
    for (int line = 0; line < machine.lineCount(); ++line) {
        if (machine.lines().at(line) == engine.at(line))
            continue;
        ++differing;
        QVERIFY2(knobLine.match(machine.lines().at(line)).hasMatch(), qPrintable(machine.lines().at(line)));
    }
    QCOMPARE(differing, knobsChanged);
}

void TestSourceListing::lineOfEachState_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<TaskId>("task");
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<QString>("expectedText");

    struct Row {
        Kind kind;
        TaskId task;
        TaskState state;
        QString text; ///< a regular expression the line must match
    };
    const QString preheatPrint = QStringLiteral("^        print\\(f\"preheat:: temp is now \\{temp\\}\"\\)$");
    const QString mixPrint = QStringLiteral("^        print\\(f\"mix_ingredients:: mixing things \\{i\\}\"\\)$");
    const QString preheatSay = QStringLiteral("^        say\\(f\"preheat:: temp is now \\{temp\\}\"\\)$");
    const QString mixSay = QStringLiteral("^        say\\(f\"mix_ingredients:: mixing things \\{i\\}\"\\)$");
    const QString ovenLoop = QStringLiteral("^    while temp < TARGET_TEMP:$");
    const QString mixLoop = QStringLiteral("^    for i in range\\(MIX_COUNT\\):$");
    const QString sleep = QStringLiteral("^        time\\.sleep\\(STEP\\)$");
    const QString await = QStringLiteral("^        await asyncio\\.sleep\\(STEP\\)$");
    const QString machineAwait = QStringLiteral("^ +\\d+  Await +suspends here; state 1 resumes at \\d+$");
    const QString machineReturn = QStringLiteral("^ +\\d+  Return$");

    QList<Row> rows;
    const auto addPython = [&](Kind kind, const QString &def, const QString &wait, const QString &preheatReport,
                               const QString &mixReport) {
        rows << Row{kind, TaskId::Preheat, TaskState::NotStarted, QStringLiteral("^%1 preheat\\(\\):$").arg(def)}
             << Row{kind, TaskId::Preheat, TaskState::Waiting, wait}
             << Row{kind, TaskId::Preheat, TaskState::Running, preheatReport}
             << Row{kind, TaskId::Preheat, TaskState::Done, ovenLoop}
             << Row{kind, TaskId::Preheat, TaskState::Cancelled, wait}
             << Row{kind, TaskId::Mix, TaskState::NotStarted, QStringLiteral("^%1 mix_ingredients\\(\\):$").arg(def)}
             << Row{kind, TaskId::Mix, TaskState::Waiting, wait}
             << Row{kind, TaskId::Mix, TaskState::Running, mixReport}
             << Row{kind, TaskId::Mix, TaskState::Done, mixLoop} << Row{kind, TaskId::Mix, TaskState::Cancelled, wait};
    };
    addPython(Kind::Async, QStringLiteral("async def"), await, preheatPrint, mixPrint);
    addPython(Kind::Blocking, QStringLiteral("def"), sleep, preheatPrint, mixPrint);
    addPython(Kind::Threaded, QStringLiteral("def"), sleep, preheatSay, mixSay);

    const QString legacySleep = QStringLiteral("^        yield from asyncio\\.sleep\\(1\\)  # ");
    const QString legacyReturn = QStringLiteral("^    return  # done");
    rows << Row{Kind::LegacyGenerator, TaskId::Preheat, TaskState::NotStarted,
                QStringLiteral("^def preheat\\(target=400\\):$")}
         << Row{Kind::LegacyGenerator, TaskId::Preheat, TaskState::Waiting, legacySleep}
         << Row{Kind::LegacyGenerator, TaskId::Preheat, TaskState::Running, preheatPrint}
         << Row{Kind::LegacyGenerator, TaskId::Preheat, TaskState::Done, legacyReturn}
         << Row{Kind::LegacyGenerator, TaskId::Preheat, TaskState::Cancelled, legacySleep}
         << Row{Kind::LegacyGenerator, TaskId::Mix, TaskState::NotStarted,
                QStringLiteral("^def mix_ingredients\\(count=3\\):$")}
         << Row{Kind::LegacyGenerator, TaskId::Mix, TaskState::Waiting, legacySleep}
         << Row{Kind::LegacyGenerator, TaskId::Mix, TaskState::Running, mixPrint}
         << Row{Kind::LegacyGenerator, TaskId::Mix, TaskState::Done, legacyReturn}
         << Row{Kind::LegacyGenerator, TaskId::Mix, TaskState::Cancelled, legacySleep};

    rows << Row{Kind::StateMachine, TaskId::Preheat, TaskState::NotStarted,
                QStringLiteral("^async def preheat\\(\\), line 9: 2 states$")}
         << Row{Kind::StateMachine, TaskId::Preheat, TaskState::Waiting, machineAwait}
         << Row{Kind::StateMachine, TaskId::Preheat, TaskState::Running,
                QStringLiteral("^  14 \\|         print\\(f\"preheat:: temp is now \\{temp\\}\"\\)$")}
         << Row{Kind::StateMachine, TaskId::Preheat, TaskState::Done, machineReturn}
         << Row{Kind::StateMachine, TaskId::Preheat, TaskState::Cancelled, machineAwait}
         << Row{Kind::StateMachine, TaskId::Mix, TaskState::NotStarted,
                QStringLiteral("^async def mix_ingredients\\(\\), line 17: 2 states$")}
         << Row{Kind::StateMachine, TaskId::Mix, TaskState::Waiting, machineAwait}
         << Row{Kind::StateMachine, TaskId::Mix, TaskState::Running,
                QStringLiteral("^  20 \\|         print\\(f\"mix_ingredients:: mixing things \\{i\\}\"\\)$")}
         << Row{Kind::StateMachine, TaskId::Mix, TaskState::Done, machineReturn}
         << Row{Kind::StateMachine, TaskId::Mix, TaskState::Cancelled, machineAwait};

    for (const Row &row : std::as_const(rows)) {
        QTest::addRow("%s, %s, %s", kindTag(row.kind), qPrintable(taskName(row.task)),
                      qPrintable(taskStateName(row.state)))
            << row.kind << row.task << row.state << row.text;
    }
}

void TestSourceListing::lineOfEachState()
{
    QFETCH(Kind, kind);
    QFETCH(TaskId, task);
    QFETCH(TaskState, state);
    QFETCH(QString, expectedText);

    const SourceListing listing(kind);
    const int line = listing.lineOf(task, state);
    QVERIFY(line >= 0 && line < listing.lineCount());
    const QString text = listing.lines().at(line);
    QVERIFY2(QRegularExpression(expectedText).match(text).hasMatch(), qPrintable(text));

    // In the task's own function, the first line there that looks so: the print's first source line in the
    // machine, where the compiler repeats it before the Return.
    const auto [first, end] = functionSpan(listing.lines(), taskName(task));
    QVERIFY(line >= first && line < end);
    for (int above = first; above < line; ++above)
        QVERIFY2(!QRegularExpression(expectedText).match(listing.lines().at(above)).hasMatch(),
                 qPrintable(listing.lines().at(above)));
    // The legacy def still carries its decorator, right above it.
    if (kind == Kind::LegacyGenerator && state == TaskState::NotStarted)
        QCOMPARE(listing.lines().at(line - 1), QStringLiteral("@asyncio.coroutine"));
}

void TestSourceListing::trapsMoveTheMixingWaitToTheirCall_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<QString>("expectedWait");

    const QString stir = QStringLiteral("^        stir_by_hand\\(STEP\\)  # ");
    QTest::newRow("stir by hand, blocking") << Kind::Blocking << MixTrap::StirByHand << stir;
    QTest::newRow("stir by hand, async") << Kind::Async << MixTrap::StirByHand << stir;
    QTest::newRow("stir by hand, threaded") << Kind::Threaded << MixTrap::StirByHand << stir;
    QTest::newRow("stir by hand, legacy") << Kind::LegacyGenerator << MixTrap::StirByHand
                                          << QStringLiteral("^        stir_by_hand\\(1\\)  # computes on the loop");
    QTest::newRow("stir by hand, machine") << Kind::StateMachine << MixTrap::StirByHand
                                           << QStringLiteral("^  \\d\\d \\|         stir_by_hand\\(STEP\\)  # ");
    QTest::newRow("forgot to await, async")
        << Kind::Async << MixTrap::ForgotToAwait
        << QStringLiteral("^        time\\.sleep\\(STEP\\)  # forgot to await: blocks the one thread");
    QTest::newRow("forgot to await, machine") << Kind::StateMachine << MixTrap::ForgotToAwait
                                              << QStringLiteral("^  \\d\\d \\|         time\\.sleep\\(STEP\\)  # ");
}

void TestSourceListing::trapsMoveTheMixingWaitToTheirCall()
{
    QFETCH(Kind, kind);
    QFETCH(MixTrap, trap);
    QFETCH(QString, expectedWait);

    const SourceListing listing(kind, withTrap(BakeParameters{}, trap));
    QCOMPARE(listing.shownTrap(), trap);
    for (const TaskState state : {TaskState::Waiting, TaskState::Cancelled}) {
        const QString text = listing.lines().at(listing.lineOf(TaskId::Mix, state));
        QVERIFY2(QRegularExpression(expectedWait).match(text).hasMatch(), qPrintable(text));
    }

    // The oven's lines are the plain cake's, but for the line numbers the machine quotes: the trap's recipe
    // imports time above them.
    const SourceListing plain(kind);
    const QRegularExpression number(QStringLiteral("\\d+"));
    const auto ovenLine = [&number](const SourceListing &shown, TaskState state) {
        return QString(shown.lines().at(shown.lineOf(TaskId::Preheat, state))).replace(number, QStringLiteral("N"));
    };
    for (const TaskState state : allStates)
        QCOMPARE(ovenLine(listing, state), ovenLine(plain, state));
}

void TestSourceListing::everyStateIsInItsTasksOwnFunction()
{
    for (const BakeParameters &sample : sampleRecipes()) {
        for (const Kind kind : SourceListing::allKinds) {
            for (const MixTrap trap : allTraps) {
                const SourceListing listing(kind, withTrap(sample, trap));
                const auto preheat = functionSpan(listing.lines(), taskName(TaskId::Preheat));
                const auto mix = functionSpan(listing.lines(), taskName(TaskId::Mix));
                QVERIFY2(preheat.first >= 0 && preheat.second <= mix.first,
                         where(kind, trap, sample, TaskId::Preheat, TaskState::NotStarted).constData());
                for (const TaskId task : allTasks) {
                    const auto [first, end] = task == TaskId::Preheat ? preheat : mix;
                    for (const TaskState state : allStates) {
                        const int line = listing.lineOf(task, state);
                        const QByteArray place = where(kind, trap, sample, task, state);
                        QVERIFY2(line >= first && line < end, place.constData());
                        QVERIFY2(!listing.lines().at(line).trimmed().isEmpty(), place.constData());
                    }
                    // Its def, its wait, its print and its end are four lines; only a cancel shares the wait's.
                    QCOMPARE(listing.lineOf(task, TaskState::Cancelled), listing.lineOf(task, TaskState::Waiting));
                    QCOMPARE(listing.lineOf(task, TaskState::NotStarted), first);
                    QList<int> distinct{
                        listing.lineOf(task, TaskState::NotStarted), listing.lineOf(task, TaskState::Running),
                        listing.lineOf(task, TaskState::Waiting), listing.lineOf(task, TaskState::Done)};
                    std::sort(distinct.begin(), distinct.end());
                    QVERIFY2(std::adjacent_find(distinct.cbegin(), distinct.cend()) == distinct.cend(),
                             where(kind, trap, sample, task, TaskState::Done).constData());
                    // A report is the line that prints the task's own words.
                    QVERIFY(listing.lines()
                                .at(listing.lineOf(task, TaskState::Running))
                                .contains(taskName(task) + QLatin1String("::")));
                }
            }
        }
    }
}

void TestSourceListing::knobsShowTheParameters_data()
{
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<QStringList>("knobs");

    QTest::newRow("475 °F, 5 mixes, 250 ms")
        << bake(475, 5, 250)
        << QStringList{QStringLiteral("TARGET_TEMP = 475"), QStringLiteral("MIX_COUNT = 5"),
                       QStringLiteral("STEP = 0.25")};
    QTest::newRow("no oven step, no mix, 1.5 s")
        << bake(100, 0, 1500)
        << QStringList{QStringLiteral("TARGET_TEMP = 100"), QStringLiteral("MIX_COUNT = 0"),
                       QStringLiteral("STEP = 1.5")};
    QTest::newRow("the shortest step, stirred")
        << bake(1000, 100, 1, MixTrap::StirByHand)
        << QStringList{QStringLiteral("TARGET_TEMP = 1000"), QStringLiteral("MIX_COUNT = 100"),
                       QStringLiteral("STEP = 0.001")};
}

void TestSourceListing::knobsShowTheParameters()
{
    QFETCH(BakeParameters, parameters);
    QFETCH(QStringList, knobs);

    for (const Kind kind : runKinds) {
        const SourceListing listing(kind, parameters);
        QCOMPARE(listing.parameters(), parameters);
        for (const QString &knob : std::as_const(knobs))
            QVERIFY2(listing.lines().count(knob) == 1,
                     qPrintable(QString::fromLatin1(kindTag(kind)) + QLatin1Char(' ') + knob));
        QVERIFY(!listing.text().contains(QLatin1String("TARGET_TEMP = 400")));
    }
    // The machine quotes them as source lines, each loading its value.
    const SourceListing machine(Kind::StateMachine, parameters);
    for (const QString &knob : std::as_const(knobs)) {
        const QRegularExpression quoted(QStringLiteral("^ +\\d+ \\| %1$").arg(QRegularExpression::escape(knob)));
        const QStringList found = machine.lines().filter(quoted);
        QVERIFY2(found.size() == 1, qPrintable(knob));
        const QString load = machine.lines().at(machine.lines().indexOf(found.constFirst()) + 1);
        QVERIFY2(load.contains(
                     QRegularExpression(QStringLiteral("LoadConst +%1$").arg(knob.section(QLatin1String(" = "), 1)))),
                 qPrintable(load));
    }
    // The legacy listing writes them into its defs and sleeps.
    const SourceListing legacy(Kind::LegacyGenerator, parameters);
    QVERIFY(legacy.lines().contains(QStringLiteral("def preheat(target=%1):").arg(parameters.targetTemperature)));
    QVERIFY(legacy.lines().contains(QStringLiteral("def mix_ingredients(count=%1):").arg(parameters.mixCount)));
    QVERIFY(legacy.text().contains(QStringLiteral("(%1)  # ").arg(SourceListing::pythonSeconds(parameters.stepMs))));
}

void TestSourceListing::textIsTheLinesJoined()
{
    for (const Kind kind : SourceListing::allKinds) {
        for (const MixTrap trap : allTraps) {
            const SourceListing listing(kind, bake(475, 5, 250, trap));
            QCOMPARE(listing.text(), listing.lines().join(QLatin1Char('\n')));
            QCOMPARE(listing.lineCount(), listing.text().count(QLatin1Char('\n')) + 1);
            QVERIFY(!listing.lines().constLast().isEmpty());
        }
    }
}

void TestSourceListing::pythonListingsPrintWhatTheEnginePrints_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<BakeParameters>("parameters");

    // Short steps: 475 °F takes four oven steps to the bowl's two, so the longer task's lines follow alone.
    for (const Kind kind : runKinds) {
        for (const MixTrap trap : allTraps) {
            QTest::addRow("%s, %s", kindTag(kind), qPrintable(mixTrapName(trap))) << kind << bake(475, 2, 30, trap);
        }
        QTest::addRow("%s, no oven step", kindTag(kind)) << kind << bake(100, 2, 20);
    }
}

void TestSourceListing::pythonListingsPrintWhatTheEnginePrints()
{
    QFETCH(Kind, kind);
    QFETCH(BakeParameters, parameters);

    const SourceListing listing(kind, parameters);
    const PythonRun run = runPython(listing.text());
    if (!run.started)
        QSKIP("python3 is not installed");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));

    QString error;
    const QString engine = enginePrints(kind, withTrap(parameters, listing.shownTrap()), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList expected = engine.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList printed = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(int(expected.size()), parameters.ovenSteps() + parameters.mixSteps());

    if (kind != Kind::Threaded) {
        QCOMPARE(printed, expected);
        QCOMPARE(run.out, engine);
        return;
    }
    // Two threads decide between themselves which of two lines due at the same moment comes first: the same lines,
    // each thread's in its order.
    QStringList sortedPrinted = printed;
    QStringList sortedExpected = expected;
    sortedPrinted.sort();
    sortedExpected.sort();
    QCOMPARE(sortedPrinted, sortedExpected);
    for (const TaskId task : allTasks)
        QCOMPARE(linesOfTask(printed, task), linesOfTask(expected, task));
    QVERIFY2(printed.constFirst().startsWith(QLatin1String("[Thread-")), qPrintable(printed.constFirst()));
}

void TestSourceListing::legacyListingIsTheHandWrittenOne()
{
    const SourceListing legacy(Kind::LegacyGenerator, bake(475, 2, 250));
    const QStringList expected{
        QStringLiteral("# Legacy generator-based coroutines: Python 3.11 removed @asyncio.coroutine,"),
        QStringLiteral("# so this no longer runs. Today it is async def, await and asyncio.run()."),
        QStringLiteral("import asyncio"),
        QString(),
        QStringLiteral("@asyncio.coroutine"),
        QStringLiteral("def preheat(target=475):"),
        QStringLiteral("    temp = 100"),
        QStringLiteral("    while temp < target:"),
        QStringLiteral("        yield from asyncio.sleep(0.25)  # the generator gives the loop back"),
        QStringLiteral("        temp = temp + 100"),
        QStringLiteral("        print(f\"preheat:: temp is now {temp}\")"),
        QStringLiteral("    return  # done: this task is finished"),
        QString(),
        QStringLiteral("@asyncio.coroutine"),
        QStringLiteral("def mix_ingredients(count=2):"),
        QStringLiteral("    for i in range(count):"),
        QStringLiteral("        yield from asyncio.sleep(0.25)  # the generator gives the loop back"),
        QStringLiteral("        print(f\"mix_ingredients:: mixing things {i}\")"),
        QStringLiteral("    return  # done: this task is finished"),
        QString(),
        QStringLiteral("loop = asyncio.get_event_loop()"),
        QStringLiteral("loop.run_until_complete(asyncio.gather(preheat(), mix_ingredients()))"),
        QStringLiteral("loop.close()"),
    };
    QCOMPARE(legacy.lines(), expected);
    // No await to forget in it.
    QCOMPARE(SourceListing(Kind::LegacyGenerator, bake(475, 2, 250, MixTrap::ForgotToAwait)).lines(), expected);
}

void TestSourceListing::legacyListingShowsStirringByHand()
{
    const SourceListing legacy(Kind::LegacyGenerator, bake(400, 3, 1000, MixTrap::StirByHand));
    QCOMPARE(legacy.shownTrap(), MixTrap::StirByHand);
    QCOMPARE(legacy.lines().at(2), QStringLiteral("import asyncio, time"));
    const int helper = legacy.lines().indexOf(QStringLiteral("def stir_by_hand(seconds):"));
    QVERIFY(helper > 0 && helper < legacy.lineOf(TaskId::Preheat, TaskState::NotStarted));
    const int wait = legacy.lineOf(TaskId::Mix, TaskState::Waiting);
    QCOMPARE(legacy.lines().at(wait),
             QStringLiteral("        stir_by_hand(1)  # computes on the loop's thread: the loop stalls for the step"));
    QCOMPARE(legacy.lines().at(wait + 1), QStringLiteral("        print(f\"mix_ingredients:: mixing things {i}\")"));
    QCOMPARE(
        legacy.lines().at(wait + 2),
        QStringLiteral("        yield from asyncio.sleep(0)  # nothing to wait for: lets the others due run first"));
}

void TestSourceListing::legacyListingNoLongerRuns()
{
    const PythonRun version = runPython(
        QString(), {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.version_info >= (3, 11))")});
    if (!version.started)
        QSKIP("python3 is not installed");
    if (version.out.trimmed() != QLatin1String("True"))
        QSKIP("python3 is older than 3.11, where @asyncio.coroutine still exists");

    const PythonRun run = runPython(SourceListing(Kind::LegacyGenerator, bake(200, 1, 1)).text());
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QLatin1String("AttributeError")) && run.err.contains(QLatin1String("coroutine")),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestSourceListing)
#include "tst_sourcelisting.moc"
