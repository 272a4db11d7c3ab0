// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "sourcelisting.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

/**
 * SourceListing: the text of each listing, the recipe's values in it, and the
 * line each task is at in each state. Where python3 is installed, the Python
 * listings are also parsed and run, so that what the class is shown matches
 * what Python really prints: in order for the blocking and the async
 * listings, and for the threaded one each task's lines in order, the two
 * threads' lines in any order where they fall at the same moment. The mix
 * traps are written into the listings they apply to, and where Python runs
 * them they print what the drivers do.
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
    void defaultListingsMirrorTheAnalogy_data();
    void defaultListingsMirrorTheAnalogy();
    void lineOfEachState_data();
    void lineOfEachState();
    void everyStateIsALineOfTheText();
    void eachTaskKeepsToItsOwnFunction();
    void parametersAppearInTheText_data();
    void parametersAppearInTheText();
    void legacyListingCarriesThePython311Note();
    void threadedListingRunsTheBlockingFunctions();
    void textIsTheLinesJoined();
    void pythonListingsParse();
    void pythonListingsPrintTheAnalogysLines_data();
    void pythonListingsPrintTheAnalogysLines();
    void threadedListingPrintsEveryLineOfTheBake_data();
    void threadedListingPrintsEveryLineOfTheBake();
    void legacyListingNoLongerRuns();
    void trapsShowInTheMixingStep_data();
    void trapsShowInTheMixingStep();
    void trapsLeaveTheOvenAlone();
    void trapListingsPrintWhatTheDriversDo_data();
    void trapListingsPrintWhatTheDriversDo();
};

using Kind = SourceListing::Kind;

namespace {

constexpr std::array allStates{TaskState::NotStarted, TaskState::Running, TaskState::Waiting, TaskState::Done,
                               TaskState::Cancelled};
constexpr std::array allTasks{TaskId::Preheat, TaskId::Mix};
constexpr std::array allTraps{MixTrap::None, MixTrap::StirByHand, MixTrap::ForgotToAwait};
constexpr std::array pythonKinds{Kind::Blocking, Kind::Async, Kind::Threaded, Kind::LegacyGenerator};
constexpr int pythonTimeoutMs = 30000;

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
        return "c++";
    }
    return "?";
}

BakeParameters recipe(int target, int count, int stepMs, MixTrap trap = MixTrap::None)
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

/// The lines of @p task's own function (its def or case line to its return), as written.
QStringList linesOfFunction(const SourceListing &listing, TaskId task)
{
    const int first = listing.lineOf(task, TaskState::NotStarted);
    return listing.lines().mid(first, listing.lineOf(task, TaskState::Done) - first + 1);
}

/// Recipes at the edges as well as the default: no oven step, no mix, the longest and shortest step.
QList<BakeParameters> sampleRecipes()
{
    return {BakeParameters{}, recipe(475, 5, 250), recipe(0, 0, 1), recipe(1000, 100, 10000), recipe(100, 1, 1500)};
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

/// The lines of @p lines that @p task printed ("preheat:: ..."), in their order.
QStringList linesOfTask(const QStringList &lines, TaskId task)
{
    return lines.filter(QRegularExpression(QLatin1Char('^') + taskName(task) + QLatin1String("::")));
}

/// The index of the first line of @p listing that starts with @p start, or lineCount() when there is none.
int firstLineStartingWith(const SourceListing &listing, const QString &start)
{
    const auto found = std::find_if(listing.lines().cbegin(), listing.lines().cend(),
                                    [&](const QString &line) { return line.startsWith(start); });
    return int(found - listing.lines().cbegin());
}

} // namespace

void TestSourceListing::listingForMode()
{
    QCOMPARE(SourceListing::forMode(BakeMode::Sync), Kind::Blocking);
    QCOMPARE(SourceListing::forMode(BakeMode::Async), Kind::Async);
    QCOMPARE(SourceListing::forMode(BakeMode::Threaded), Kind::Threaded);

    // Each mode has a listing of its own among the tabs.
    QList<Kind> kinds;
    for (const BakeMode mode : allBakeModes) {
        const Kind kind = SourceListing::forMode(mode);
        QVERIFY(std::find(SourceListing::allKinds.cbegin(), SourceListing::allKinds.cend(), kind)
                != SourceListing::allKinds.cend());
        QVERIFY2(!kinds.contains(kind), kindTag(kind));
        kinds << kind;
    }
}

void TestSourceListing::kindsInTabOrder()
{
    // The three modes' listings first, sync to threaded, then the old style and the engine's own code.
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
    QCOMPARE(SourceListing::title(Kind::StateMachine), QStringLiteral("C++ state machine"));
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

void TestSourceListing::defaultListingsMirrorTheAnalogy_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QStringList>("expectedLines");

    QTest::newRow("blocking") << Kind::Blocking
                              << QStringList{
                                     QStringLiteral("import time"),
                                     QStringLiteral("def preheat(target=400):"),
                                     QStringLiteral("    temp = 100"),
                                     QStringLiteral("    while temp < target:"),
                                     QStringLiteral("        temp = temp + 100"),
                                     QStringLiteral("def mix_ingredients(count=3):"),
                                     QStringLiteral("    for i in range(count):"),
                                     QStringLiteral("def main():"),
                                     QStringLiteral("main()"),
                                 };
    QTest::newRow("async") << Kind::Async
                           << QStringList{
                                  QStringLiteral("import asyncio"),
                                  QStringLiteral("async def preheat(target=400):"),
                                  QStringLiteral("async def mix_ingredients(count=3):"),
                                  QStringLiteral("async def main():"),
                                  QStringLiteral("    await asyncio.gather(preheat(), mix_ingredients())"),
                                  QStringLiteral("asyncio.run(main())"),
                              };
    QTest::newRow("threaded") << Kind::Threaded
                              << QStringList{
                                     QStringLiteral("import threading, time"),
                                     QStringLiteral("def preheat(target=400):"),
                                     QStringLiteral("    temp = 100"),
                                     QStringLiteral("    while temp < target:"),
                                     QStringLiteral("        temp = temp + 100"),
                                     QStringLiteral("def mix_ingredients(count=3):"),
                                     QStringLiteral("    for i in range(count):"),
                                     QStringLiteral("def main():"),
                                     QStringLiteral("    oven = threading.Thread(target=preheat)"),
                                     QStringLiteral("    bowl = threading.Thread(target=mix_ingredients)"),
                                     QStringLiteral("    oven.start()"),
                                     QStringLiteral("    bowl.start()"),
                                     QStringLiteral("    bowl.join()"),
                                     QStringLiteral("main()"),
                                 };
    QTest::newRow("legacy") << Kind::LegacyGenerator
                            << QStringList{
                                   QStringLiteral("import asyncio"),
                                   QStringLiteral("@asyncio.coroutine"),
                                   QStringLiteral("def preheat(target=400):"),
                                   QStringLiteral("def mix_ingredients(count=3):"),
                                   QStringLiteral("loop = asyncio.get_event_loop()"),
                                   QStringLiteral(
                                       "loop.run_until_complete(asyncio.gather(preheat(), mix_ingredients()))"),
                               };
    QTest::newRow("c++") << Kind::StateMachine
                         << QStringList{
                                QStringLiteral("TaskResumption Oven::resume()  // m_temperature starts at 100"),
                                QStringLiteral("TaskResumption Bowl::resume()  // m_done starts at 0"),
                                QStringLiteral("        m_temperature += 100;"),
                                QStringLiteral("        if (m_temperature < m_target) {"),
                                QStringLiteral("        if (m_done < m_count) {"),
                            };
}

void TestSourceListing::defaultListingsMirrorTheAnalogy()
{
    QFETCH(Kind, kind);
    QFETCH(QStringList, expectedLines);

    const SourceListing listing(kind);
    for (const QString &line : std::as_const(expectedLines))
        QVERIFY2(listing.lines().contains(line), qPrintable(line));

    const auto callOf = [&](const char *call) { return firstLineStartingWith(listing, QLatin1String(call)); };
    // In the blocking main(), preheat is called before mixing, each on its own line.
    if (kind == Kind::Blocking) {
        QVERIFY(callOf("    preheat()") < callOf("    mix_ingredients()"));
        QVERIFY(callOf("    mix_ingredients()") < listing.lineCount());
    }
    // In the threaded main(), both threads start before either is joined: joining the oven
    // before the bowl starts would bake one after the other again.
    if (kind == Kind::Threaded) {
        QVERIFY(callOf("    oven = ") < callOf("    oven.start()"));
        QVERIFY(callOf("    bowl = ") < callOf("    bowl.start()"));
        QVERIFY(callOf("    oven.start()") < callOf("    bowl.start()"));
        QVERIFY(callOf("    bowl.start()") < callOf("    oven.join()"));
        QVERIFY(callOf("    oven.join()") < callOf("    bowl.join()"));
        QVERIFY(callOf("    bowl.join()") < callOf("main()"));
        QCOMPARE(listing.lines().constLast(), QStringLiteral("main()"));

        // A comment above the threads says they run at once and that equal moments may swap lines.
        const int comment = firstLineStartingWith(listing, QStringLiteral("    # The two run at the same time"));
        QVERIFY(comment < callOf("    oven = "));
        const QString said = listing.lines().mid(comment, callOf("    oven = ") - comment).join(QLatin1Char(' '));
        QVERIFY2(said.contains(QLatin1String("two threads")), qPrintable(said));
        QVERIFY2(said.contains(QLatin1String("same moment")), qPrintable(said));
        QVERIFY2(said.contains(QLatin1String("order may differ from run to run")), qPrintable(said));
    }
}

void TestSourceListing::lineOfEachState_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<TaskId>("task");
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<QString>("expectedText");

    const QString preheatPrint = QStringLiteral("print(f\"preheat:: temp is now {temp}\")");
    const QString mixPrint = QStringLiteral("print(f\"mix_ingredients:: mixing things {i}\")");

    struct Row {
        Kind kind;
        TaskId task;
        TaskState state;
        QString text;
    };
    const QList<Row> rows{
        {Kind::Blocking, TaskId::Preheat, TaskState::NotStarted, QStringLiteral("def preheat(target=400):")},
        {Kind::Blocking, TaskId::Preheat, TaskState::Waiting, QStringLiteral("time.sleep(1)")},
        {Kind::Blocking, TaskId::Preheat, TaskState::Running, preheatPrint},
        {Kind::Blocking, TaskId::Preheat, TaskState::Done, QStringLiteral("return")},
        {Kind::Blocking, TaskId::Preheat, TaskState::Cancelled, QStringLiteral("time.sleep(1)")},
        {Kind::Blocking, TaskId::Mix, TaskState::NotStarted, QStringLiteral("def mix_ingredients(count=3):")},
        {Kind::Blocking, TaskId::Mix, TaskState::Waiting, QStringLiteral("time.sleep(1)")},
        {Kind::Blocking, TaskId::Mix, TaskState::Running, mixPrint},
        {Kind::Blocking, TaskId::Mix, TaskState::Done, QStringLiteral("return")},
        {Kind::Blocking, TaskId::Mix, TaskState::Cancelled, QStringLiteral("time.sleep(1)")},

        {Kind::Async, TaskId::Preheat, TaskState::NotStarted, QStringLiteral("async def preheat(target=400):")},
        {Kind::Async, TaskId::Preheat, TaskState::Waiting, QStringLiteral("await asyncio.sleep(1)")},
        {Kind::Async, TaskId::Preheat, TaskState::Running, preheatPrint},
        {Kind::Async, TaskId::Preheat, TaskState::Done, QStringLiteral("return")},
        {Kind::Async, TaskId::Preheat, TaskState::Cancelled, QStringLiteral("await asyncio.sleep(1)")},
        {Kind::Async, TaskId::Mix, TaskState::NotStarted, QStringLiteral("async def mix_ingredients(count=3):")},
        {Kind::Async, TaskId::Mix, TaskState::Waiting, QStringLiteral("await asyncio.sleep(1)")},
        {Kind::Async, TaskId::Mix, TaskState::Running, mixPrint},
        {Kind::Async, TaskId::Mix, TaskState::Done, QStringLiteral("return")},
        {Kind::Async, TaskId::Mix, TaskState::Cancelled, QStringLiteral("await asyncio.sleep(1)")},

        {Kind::Threaded, TaskId::Preheat, TaskState::NotStarted, QStringLiteral("def preheat(target=400):")},
        {Kind::Threaded, TaskId::Preheat, TaskState::Waiting, QStringLiteral("time.sleep(1)")},
        {Kind::Threaded, TaskId::Preheat, TaskState::Running, preheatPrint},
        {Kind::Threaded, TaskId::Preheat, TaskState::Done, QStringLiteral("return")},
        {Kind::Threaded, TaskId::Preheat, TaskState::Cancelled, QStringLiteral("time.sleep(1)")},
        {Kind::Threaded, TaskId::Mix, TaskState::NotStarted, QStringLiteral("def mix_ingredients(count=3):")},
        {Kind::Threaded, TaskId::Mix, TaskState::Waiting, QStringLiteral("time.sleep(1)")},
        {Kind::Threaded, TaskId::Mix, TaskState::Running, mixPrint},
        {Kind::Threaded, TaskId::Mix, TaskState::Done, QStringLiteral("return")},
        {Kind::Threaded, TaskId::Mix, TaskState::Cancelled, QStringLiteral("time.sleep(1)")},

        {Kind::LegacyGenerator, TaskId::Preheat, TaskState::NotStarted, QStringLiteral("def preheat(target=400):")},
        {Kind::LegacyGenerator, TaskId::Preheat, TaskState::Waiting, QStringLiteral("yield from asyncio.sleep(1)")},
        {Kind::LegacyGenerator, TaskId::Preheat, TaskState::Running, preheatPrint},
        {Kind::LegacyGenerator, TaskId::Preheat, TaskState::Done, QStringLiteral("return")},
        {Kind::LegacyGenerator, TaskId::Preheat, TaskState::Cancelled, QStringLiteral("yield from asyncio.sleep(1)")},
        {Kind::LegacyGenerator, TaskId::Mix, TaskState::NotStarted, QStringLiteral("def mix_ingredients(count=3):")},
        {Kind::LegacyGenerator, TaskId::Mix, TaskState::Waiting, QStringLiteral("yield from asyncio.sleep(1)")},
        {Kind::LegacyGenerator, TaskId::Mix, TaskState::Running, mixPrint},
        {Kind::LegacyGenerator, TaskId::Mix, TaskState::Done, QStringLiteral("return")},
        {Kind::LegacyGenerator, TaskId::Mix, TaskState::Cancelled, QStringLiteral("yield from asyncio.sleep(1)")},

        {Kind::StateMachine, TaskId::Preheat, TaskState::NotStarted, QStringLiteral("case TaskState::NotStarted:")},
        {Kind::StateMachine, TaskId::Preheat, TaskState::Waiting, QStringLiteral("return TaskResumption::wait();")},
        {Kind::StateMachine, TaskId::Preheat, TaskState::Running,
         QStringLiteral("return TaskResumption::report(m_temperature);")},
        {Kind::StateMachine, TaskId::Preheat, TaskState::Done, QStringLiteral("return TaskResumption::finished();")},
        {Kind::StateMachine, TaskId::Preheat, TaskState::Cancelled, QStringLiteral("return TaskResumption::wait();")},
        {Kind::StateMachine, TaskId::Mix, TaskState::NotStarted, QStringLiteral("case TaskState::NotStarted:")},
        {Kind::StateMachine, TaskId::Mix, TaskState::Waiting, QStringLiteral("return TaskResumption::wait();")},
        {Kind::StateMachine, TaskId::Mix, TaskState::Running, QStringLiteral("return TaskResumption::report(i);")},
        {Kind::StateMachine, TaskId::Mix, TaskState::Done, QStringLiteral("return TaskResumption::finished();")},
        {Kind::StateMachine, TaskId::Mix, TaskState::Cancelled, QStringLiteral("return TaskResumption::wait();")},
    };
    for (const Row &row : rows) {
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
    QVERIFY2(text.trimmed().startsWith(expectedText), qPrintable(text));

    // A Python task is highlighted in its own function: the nearest def above is the task's.
    if (kind != Kind::StateMachine) {
        int def = line;
        while (def >= 0 && !listing.lines().at(def).contains(QLatin1String("def ")))
            --def;
        QVERIFY(def >= 0);
        QVERIFY2(listing.lines().at(def).contains(taskName(task) + QLatin1Char('(')),
                 qPrintable(listing.lines().at(def)));
    }
    // The legacy def still carries its decorator, right above it.
    if (kind == Kind::LegacyGenerator && state == TaskState::NotStarted)
        QCOMPARE(listing.lines().at(line - 1), QStringLiteral("@asyncio.coroutine"));
    // The C++ task is highlighted in its own resume(): the nearest function header above is the task's.
    if (kind == Kind::StateMachine) {
        const QString owner
            = task == TaskId::Preheat ? QStringLiteral("Oven::resume()") : QStringLiteral("Bowl::resume()");
        int header = line;
        while (header >= 0 && !listing.lines().at(header).startsWith(QLatin1String("TaskResumption ")))
            --header;
        QVERIFY(header >= 0);
        QVERIFY2(listing.lines().at(header).contains(owner), qPrintable(listing.lines().at(header)));
    }
}

void TestSourceListing::everyStateIsALineOfTheText()
{
    for (const BakeParameters &sample : sampleRecipes()) {
        for (const Kind kind : SourceListing::allKinds) {
            for (const MixTrap trap : allTraps) {
                const SourceListing listing(kind, withTrap(sample, trap));
                for (const TaskId task : allTasks) {
                    for (const TaskState state : allStates) {
                        const int line = listing.lineOf(task, state);
                        const QByteArray where = QByteArray(kindTag(kind)) + ", " + taskName(task).toUtf8() + ", "
                            + taskStateName(state).toUtf8() + ", " + mixTrapName(trap).toUtf8();
                        QVERIFY2(line >= 0 && line < listing.lineCount(), where.constData());
                        QVERIFY2(!listing.lines().at(line).trimmed().isEmpty(), where.constData());
                    }
                }
            }
        }
    }
}

void TestSourceListing::eachTaskKeepsToItsOwnFunction()
{
    // Every preheat line comes before every mix line, so two highlights never share a line;
    // and within a task only Cancelled shares its line, with Waiting.
    for (const Kind kind : SourceListing::allKinds) {
        for (const MixTrap trap : allTraps) {
            const SourceListing listing(kind, recipe(400, 3, 1000, trap));
            QList<int> preheatLines;
            QList<int> mixLines;
            for (const TaskState state : allStates) {
                preheatLines << listing.lineOf(TaskId::Preheat, state);
                mixLines << listing.lineOf(TaskId::Mix, state);
            }
            QVERIFY2(*std::max_element(preheatLines.cbegin(), preheatLines.cend())
                         < *std::min_element(mixLines.cbegin(), mixLines.cend()),
                     kindTag(kind));
            for (const TaskId task : allTasks) {
                QCOMPARE(listing.lineOf(task, TaskState::Cancelled), listing.lineOf(task, TaskState::Waiting));
                QList<int> distinct{listing.lineOf(task, TaskState::NotStarted),
                                    listing.lineOf(task, TaskState::Running), listing.lineOf(task, TaskState::Waiting),
                                    listing.lineOf(task, TaskState::Done)};
                std::sort(distinct.begin(), distinct.end());
                QVERIFY2(std::adjacent_find(distinct.cbegin(), distinct.cend()) == distinct.cend(), kindTag(kind));
            }
        }
    }
}

void TestSourceListing::parametersAppearInTheText_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<QStringList>("expectedText");

    const BakeParameters changed = recipe(475, 5, 250);
    QTest::newRow("blocking") << Kind::Blocking << changed
                              << QStringList{QStringLiteral("def preheat(target=475):"),
                                             QStringLiteral("def mix_ingredients(count=5):"),
                                             QStringLiteral("time.sleep(0.25)")};
    QTest::newRow("async") << Kind::Async << changed
                           << QStringList{QStringLiteral("async def preheat(target=475):"),
                                          QStringLiteral("async def mix_ingredients(count=5):"),
                                          QStringLiteral("await asyncio.sleep(0.25)")};
    QTest::newRow("threaded") << Kind::Threaded << changed
                              << QStringList{QStringLiteral("def preheat(target=475):"),
                                             QStringLiteral("def mix_ingredients(count=5):"),
                                             QStringLiteral("time.sleep(0.25)")};
    QTest::newRow("threaded, no oven step, one mix")
        << Kind::Threaded << recipe(100, 1, 1)
        << QStringList{QStringLiteral("def preheat(target=100):"), QStringLiteral("def mix_ingredients(count=1):"),
                       QStringLiteral("time.sleep(0.001)")};
    QTest::newRow("legacy") << Kind::LegacyGenerator << changed
                            << QStringList{QStringLiteral("def preheat(target=475):"),
                                           QStringLiteral("def mix_ingredients(count=5):"),
                                           QStringLiteral("yield from asyncio.sleep(0.25)")};
    QTest::newRow("c++") << Kind::StateMachine << changed
                         << QStringList{QStringLiteral("Kitchen kitchen(475, 5);"),
                                        QStringLiteral("driver waits 250 ms")};
    QTest::newRow("async, long step, no mixing") << Kind::Async << recipe(100, 0, 1500)
                                                 << QStringList{QStringLiteral("async def preheat(target=100):"),
                                                                QStringLiteral("async def mix_ingredients(count=0):"),
                                                                QStringLiteral("await asyncio.sleep(1.5)")};
}

void TestSourceListing::parametersAppearInTheText()
{
    QFETCH(Kind, kind);
    QFETCH(BakeParameters, parameters);
    QFETCH(QStringList, expectedText);

    const SourceListing listing(kind, parameters);
    QCOMPARE(listing.parameters(), parameters);
    for (const QString &text : std::as_const(expectedText))
        QVERIFY2(listing.text().contains(text), qPrintable(text));
    // Both tasks' waits show the recipe's step, not the default.
    QVERIFY(!listing.text().contains(QStringLiteral("sleep(1)")));
    QVERIFY(!listing.text().contains(QStringLiteral("400")));

    // The state lines move with the text: still a sleep line and a print line.
    const QString waitLine = listing.lines().at(listing.lineOf(TaskId::Mix, TaskState::Waiting));
    QVERIFY2(waitLine.contains(kind == Kind::StateMachine ? QStringLiteral("wait()") : QStringLiteral("sleep(")),
             qPrintable(waitLine));
}

void TestSourceListing::legacyListingCarriesThePython311Note()
{
    const SourceListing legacy(Kind::LegacyGenerator);
    const QString note = legacy.lines().constFirst();
    QVERIFY2(note.startsWith(QLatin1String("# ")), qPrintable(note));
    QVERIFY2(note.contains(QLatin1String("Python 3.11 removed @asyncio.coroutine")), qPrintable(note));
    QVERIFY(legacy.lines().at(1).contains(QLatin1String("no longer runs")));
    // The note names today's spelling; the code itself is all old style.
    const QString code = legacy.lines().filter(QRegularExpression(QStringLiteral("^[^#]"))).join(QLatin1Char('\n'));
    QVERIFY(code.contains(QLatin1String("yield from asyncio.sleep(1)")));
    QVERIFY(!code.contains(QLatin1String("asyncio.run(")));
    QVERIFY(!code.contains(QLatin1String("await ")));
    QVERIFY(!code.contains(QLatin1String("async def")));

    // The modern listings do not mix in the old style.
    for (const Kind kind : {Kind::Blocking, Kind::Async, Kind::Threaded}) {
        const QString text = SourceListing(kind).text();
        QVERIFY(!text.contains(QLatin1String("yield from")));
        QVERIFY(!text.contains(QLatin1String("@asyncio.coroutine")));
        QVERIFY(!text.contains(QLatin1String("get_event_loop")));
    }
    QVERIFY(!SourceListing(Kind::Blocking).text().contains(QLatin1String("asyncio")));
    QVERIFY(!SourceListing(Kind::Threaded).text().contains(QLatin1String("asyncio")));
}

void TestSourceListing::threadedListingRunsTheBlockingFunctions()
{
    // The threaded bake runs the blocking code on two threads: the two functions are the blocking
    // listing's, line for line, but for their comments and the lock each print takes.
    const QString guard = QStringLiteral("with print_lock:");
    const auto functionsCode = [&](const SourceListing &listing) {
        const int first = listing.lineOf(TaskId::Preheat, TaskState::NotStarted);
        const int last = listing.lineOf(TaskId::Mix, TaskState::Done);
        QStringList code;
        for (const QString &line : listing.lines().mid(first, last - first + 1)) {
            const QString statement = line.section(QLatin1String("  #"), 0, 0).trimmed();
            if (statement != guard)
                code << statement;
        }
        return code;
    };
    for (const BakeParameters &parameters : sampleRecipes()) {
        const SourceListing blocking(Kind::Blocking, parameters);
        const SourceListing threaded(Kind::Threaded, parameters);
        QCOMPARE(functionsCode(threaded), functionsCode(blocking));
        QVERIFY(!blocking.text().contains(guard));

        // Each print, and nothing else, runs inside the lock: the line above is the guard, one level out.
        QCOMPARE(threaded.text().count(guard), 2);
        for (const TaskId task : allTasks) {
            const int print = threaded.lineOf(task, TaskState::Running);
            const QString above = threaded.lines().at(print - 1);
            QCOMPARE(above.trimmed(), guard);
            QCOMPARE(threaded.lines().at(print).indexOf(QLatin1String("print(")),
                     above.indexOf(guard) + int(QStringLiteral("    ").size()));
            QCOMPARE(threaded.lines().at(print + 1), threaded.lines().at(threaded.lineOf(task, TaskState::Done)));
        }
        // The lock is made once, before the functions and the threads use it.
        const int lock = firstLineStartingWith(threaded, QStringLiteral("print_lock = threading.Lock()"));
        QVERIFY(lock < threaded.lineOf(TaskId::Preheat, TaskState::NotStarted));
    }
    // Its sleep comment does not claim, as the blocking one does, that nothing else runs.
    const SourceListing threaded(Kind::Threaded);
    const QString sleepLine = threaded.lines().at(threaded.lineOf(TaskId::Preheat, TaskState::Waiting));
    QVERIFY2(sleepLine.contains(QLatin1String("this thread only")), qPrintable(sleepLine));
    QVERIFY(!threaded.text().contains(QLatin1String("nothing else runs")));
}

void TestSourceListing::textIsTheLinesJoined()
{
    for (const Kind kind : SourceListing::allKinds) {
        const SourceListing listing(kind, recipe(475, 5, 250));
        QCOMPARE(listing.text(), listing.lines().join(QLatin1Char('\n')));
        QCOMPARE(listing.lineCount(), listing.text().count(QLatin1Char('\n')) + 1);
        QVERIFY(!listing.lines().constLast().isEmpty());
    }
}

void TestSourceListing::pythonListingsParse()
{
    const QString parse = QStringLiteral("import ast, sys; ast.parse(sys.stdin.read())");
    for (const BakeParameters &sample : sampleRecipes()) {
        for (const Kind kind : pythonKinds) {
            for (const MixTrap trap : allTraps) {
                const PythonRun run
                    = runPython(SourceListing(kind, withTrap(sample, trap)).text(), {QStringLiteral("-c"), parse});
                if (!run.started)
                    QSKIP("python3 is not installed");
                QVERIFY2(run.exitCode == 0,
                         qPrintable(QString::fromUtf8(kindTag(kind)) + QLatin1Char(' ') + mixTrapName(trap)
                                    + QLatin1Char(' ') + run.err));
            }
        }
    }
}

void TestSourceListing::pythonListingsPrintTheAnalogysLines_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QStringList>("expectedLines");

    // 475 °F takes four oven steps and ends at 500; the longer task's lines follow alone.
    QTest::newRow("blocking") << Kind::Blocking << QStringList{QStringLiteral("preheat:: temp is now 200"),
                                                               QStringLiteral("preheat:: temp is now 300"),
                                                               QStringLiteral("preheat:: temp is now 400"),
                                                               QStringLiteral("preheat:: temp is now 500"),
                                                               QStringLiteral("mix_ingredients:: mixing things 0"),
                                                               QStringLiteral("mix_ingredients:: mixing things 1")};
    QTest::newRow("async") << Kind::Async << QStringList{QStringLiteral("preheat:: temp is now 200"),
                                                         QStringLiteral("mix_ingredients:: mixing things 0"),
                                                         QStringLiteral("preheat:: temp is now 300"),
                                                         QStringLiteral("mix_ingredients:: mixing things 1"),
                                                         QStringLiteral("preheat:: temp is now 400"),
                                                         QStringLiteral("preheat:: temp is now 500")};
}

void TestSourceListing::pythonListingsPrintTheAnalogysLines()
{
    QFETCH(Kind, kind);
    QFETCH(QStringList, expectedLines);

    const PythonRun run = runPython(SourceListing(kind, recipe(475, 2, 1)).text());
    if (!run.started)
        QSKIP("python3 is not installed");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList printed = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (kind == Kind::Blocking) {
        QCOMPARE(printed, expectedLines);
        return;
    }
    // Python's own timers decide the interleaving of 1 ms waits on a busy machine; each task's order is certain.
    for (const TaskId task : allTasks)
        QCOMPARE(linesOfTask(printed, task), linesOfTask(expectedLines, task));
    QCOMPARE(printed.size(), expectedLines.size());
}

void TestSourceListing::threadedListingPrintsEveryLineOfTheBake_data()
{
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<QStringList>("expectedLines");

    // The default bake's six lines, as ANALOGY.md gives them for async.
    QTest::newRow("the default bake") << recipe(400, 3, 1)
                                      << QStringList{QStringLiteral("preheat:: temp is now 200"),
                                                     QStringLiteral("mix_ingredients:: mixing things 0"),
                                                     QStringLiteral("preheat:: temp is now 300"),
                                                     QStringLiteral("mix_ingredients:: mixing things 1"),
                                                     QStringLiteral("preheat:: temp is now 400"),
                                                     QStringLiteral("mix_ingredients:: mixing things 2")};
    // 475 °F takes four oven steps and ends at 500; the longer task's lines follow alone.
    QTest::newRow("475 °F, two mixes") << recipe(475, 2, 1)
                                       << QStringList{QStringLiteral("preheat:: temp is now 200"),
                                                      QStringLiteral("mix_ingredients:: mixing things 0"),
                                                      QStringLiteral("preheat:: temp is now 300"),
                                                      QStringLiteral("mix_ingredients:: mixing things 1"),
                                                      QStringLiteral("preheat:: temp is now 400"),
                                                      QStringLiteral("preheat:: temp is now 500")};
    QTest::newRow("no oven step") << recipe(100, 2, 1)
                                  << QStringList{QStringLiteral("mix_ingredients:: mixing things 0"),
                                                 QStringLiteral("mix_ingredients:: mixing things 1")};
}

void TestSourceListing::threadedListingPrintsEveryLineOfTheBake()
{
    QFETCH(BakeParameters, parameters);
    QFETCH(QStringList, expectedLines);

    const PythonRun run = runPython(SourceListing(Kind::Threaded, parameters).text());
    if (!run.started)
        QSKIP("python3 is not installed");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QStringList printed = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);

    // Two threads decide between themselves which of two lines due at the same moment comes first,
    // so the whole output is compared as a set of lines; within each thread the order is certain.
    // Whole lines, though: print_lock keeps two prints from running together on one line.
    QStringList sortedPrinted = printed;
    QStringList sortedExpected = expectedLines;
    sortedPrinted.sort();
    sortedExpected.sort();
    QCOMPARE(sortedPrinted, sortedExpected);
    for (const TaskId task : allTasks)
        QCOMPARE(linesOfTask(printed, task), linesOfTask(expectedLines, task));
}

void TestSourceListing::legacyListingNoLongerRuns()
{
    const PythonRun version = runPython(
        QString(), {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.version_info >= (3, 11))")});
    if (!version.started)
        QSKIP("python3 is not installed");
    if (version.out.trimmed() != QLatin1String("True"))
        QSKIP("python3 is older than 3.11, where @asyncio.coroutine still exists");

    const PythonRun run = runPython(SourceListing(Kind::LegacyGenerator, recipe(200, 1, 1)).text());
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QLatin1String("AttributeError")) && run.err.contains(QLatin1String("coroutine")),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestSourceListing::trapsShowInTheMixingStep_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<bool>("shown");
    QTest::addColumn<QString>("trapMark");
    QTest::addColumn<int>("markOffset");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<QString>("lineAfter");

    const QString stir = QStringLiteral("stir_by_hand(0.25)");
    QTest::newRow("stir by hand, blocking")
        << Kind::Blocking << MixTrap::StirByHand << true << stir << 0 << QStringLiteral("computes instead of sleeping")
        << QStringLiteral("print(f\"mix_ingredients::");
    QTest::newRow("stir by hand, async") << Kind::Async << MixTrap::StirByHand << true << stir << 0
                                         << QStringLiteral("the loop stalls for the step")
                                         << QStringLiteral("print(f\"mix_ingredients::");
    QTest::newRow("stir by hand, threaded")
        << Kind::Threaded << MixTrap::StirByHand << true << stir << 0
        << QStringLiteral("only this thread's core is busy") << QStringLiteral("with print_lock:");
    QTest::newRow("stir by hand, legacy")
        << Kind::LegacyGenerator << MixTrap::StirByHand << true << stir << 0
        << QStringLiteral("the loop stalls for the step") << QStringLiteral("print(f\"mix_ingredients::");
    QTest::newRow("stir by hand, c++") << Kind::StateMachine << MixTrap::StirByHand << true
                                       << QStringLiteral("// stir by hand:") << -1
                                       << QStringLiteral("driver waits 250 ms") << QStringLiteral("}");
    QTest::newRow("forgot to await, async")
        << Kind::Async << MixTrap::ForgotToAwait << true << QStringLiteral("time.sleep(0.25)") << 0
        << QStringLiteral("forgot to await: blocks the one thread, the loop waits")
        << QStringLiteral("print(f\"mix_ingredients::");
    QTest::newRow("forgot to await, c++")
        << Kind::StateMachine << MixTrap::ForgotToAwait << true << QStringLiteral("// forgot to await:") << -1
        << QStringLiteral("driver waits 250 ms") << QStringLiteral("}");
    // No await to forget: these listings ignore the trap, as their drivers do.
    for (const Kind kind : {Kind::Blocking, Kind::Threaded, Kind::LegacyGenerator}) {
        QTest::addRow("forgot to await, %s", kindTag(kind))
            << kind << MixTrap::ForgotToAwait << false << QString() << 0 << QString() << QString();
    }
}

void TestSourceListing::trapsShowInTheMixingStep()
{
    QFETCH(Kind, kind);
    QFETCH(MixTrap, trap);
    QFETCH(bool, shown);
    QFETCH(QString, trapMark);
    QFETCH(int, markOffset);
    QFETCH(QString, comment);
    QFETCH(QString, lineAfter);

    const SourceListing listing(kind, recipe(475, 5, 250, trap));
    const SourceListing plain(kind, recipe(475, 5, 250));
    const int wait = listing.lineOf(TaskId::Mix, TaskState::Waiting);
    QCOMPARE(listing.lineOf(TaskId::Mix, TaskState::Cancelled), wait);
    if (!shown) {
        QCOMPARE(listing.shownTrap(), MixTrap::None);
        QCOMPARE(listing.text(), plain.text());
        return;
    }
    QCOMPARE(listing.shownTrap(), trap);
    QVERIFY(listing.text() != plain.text());

    // The trap's mark is written once, on the mixing task's wait (or just above it in C++), and nowhere else.
    QCOMPARE(listing.text().count(trapMark), 1);
    const QString waitLine = listing.lines().at(wait);
    QVERIFY2(listing.lines().at(wait + markOffset).trimmed().startsWith(trapMark), qPrintable(waitLine));
    // The line's own comment says what the trap does in this mode.
    const QString commentMarker = kind == Kind::StateMachine ? QStringLiteral("  // ") : QStringLiteral("  # ");
    QVERIFY2(waitLine.section(commentMarker, 1).contains(comment), qPrintable(waitLine));
    QVERIFY2(listing.lines().at(wait + 1).trimmed().startsWith(lineAfter), qPrintable(listing.lines().at(wait + 1)));

    // The mixing function keeps its def, its loop and its print; only its wait changed.
    QCOMPARE(listing.lines().at(listing.lineOf(TaskId::Mix, TaskState::NotStarted)),
             plain.lines().at(plain.lineOf(TaskId::Mix, TaskState::NotStarted)));
    QCOMPARE(listing.lines().at(listing.lineOf(TaskId::Mix, TaskState::Running)),
             plain.lines().at(plain.lineOf(TaskId::Mix, TaskState::Running)));
    QCOMPARE(listing.lines().at(listing.lineOf(TaskId::Mix, TaskState::Done)),
             plain.lines().at(plain.lineOf(TaskId::Mix, TaskState::Done)));
    if (kind == Kind::StateMachine) {
        QCOMPARE(listing.lineCount(), plain.lineCount() + 1);
        QCOMPARE(waitLine, plain.lines().at(plain.lineOf(TaskId::Mix, TaskState::Waiting)));
        return;
    }
    // No listing leaves its old wait in mix_ingredients as well.
    const QString plainWait = plain.lines().at(plain.lineOf(TaskId::Mix, TaskState::Waiting)).trimmed();
    QVERIFY(!linesOfFunction(listing, TaskId::Mix).contains(QStringLiteral("        ") + plainWait));

    // Python needs the time module for either trap: imported once, at the top.
    QCOMPARE(listing.lines().filter(QRegularExpression(QStringLiteral("^import .*\\btime\\b"))).size(), 1);
    const int helper = listing.lines().indexOf(QStringLiteral("def stir_by_hand(seconds):"));
    if (trap == MixTrap::StirByHand) {
        QVERIFY(helper >= 0 && helper < listing.lineOf(TaskId::Preheat, TaskState::NotStarted));
        QCOMPARE(listing.lines().at(helper + 1),
                 QStringLiteral("    # keeps the thread busy: no one else runs on it meanwhile"));
        QVERIFY(listing.text().contains(QLatin1String("time.monotonic()")));
        // The helper's def and the one call: stirring is the mixing task's alone.
        QCOMPARE(listing.text().count(QLatin1String("stir_by_hand(")), 2);
    } else {
        QCOMPARE(helper, -1);
        QVERIFY(!listing.text().contains(QLatin1String("stir_by_hand")));
        // A coroutine that forgets to await is still a coroutine.
        QVERIFY(listing.lines()
                    .at(listing.lineOf(TaskId::Mix, TaskState::NotStarted))
                    .startsWith(QLatin1String("async def")));
    }
}

void TestSourceListing::trapsLeaveTheOvenAlone()
{
    for (const BakeParameters &sample : sampleRecipes()) {
        for (const Kind kind : SourceListing::allKinds) {
            const SourceListing plain(kind, withTrap(sample, MixTrap::None));
            // Without a trap, nothing speaks of one.
            QVERIFY(!plain.text().contains(QLatin1String("stir")));
            QVERIFY(!plain.text().contains(QLatin1String("forgot")));
            for (const MixTrap trap : {MixTrap::StirByHand, MixTrap::ForgotToAwait}) {
                const SourceListing listing(kind, withTrap(sample, trap));
                const QByteArray where = QByteArray(kindTag(kind)) + ", " + mixTrapName(trap).toUtf8();
                QVERIFY2(linesOfFunction(listing, TaskId::Preheat) == linesOfFunction(plain, TaskId::Preheat),
                         where.constData());
                for (const TaskState state : allStates) {
                    QVERIFY2(listing.lines().at(listing.lineOf(TaskId::Preheat, state))
                                 == plain.lines().at(plain.lineOf(TaskId::Preheat, state)),
                             where.constData());
                }
            }
        }
    }
}

void TestSourceListing::trapListingsPrintWhatTheDriversDo_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<bool>("exactOrder");
    QTest::addColumn<QStringList>("expectedLines");

    const QStringList oven{QStringLiteral("preheat:: temp is now 200"), QStringLiteral("preheat:: temp is now 300"),
                           QStringLiteral("preheat:: temp is now 400")};
    const QStringList bowl{QStringLiteral("mix_ingredients:: mixing things 0"),
                           QStringLiteral("mix_ingredients:: mixing things 1"),
                           QStringLiteral("mix_ingredients:: mixing things 2")};
    const QStringList interleaved{oven.at(0), bowl.at(0), oven.at(1), bowl.at(1), oven.at(2), bowl.at(2)};

    QTest::newRow("stir by hand, blocking") << Kind::Blocking << MixTrap::StirByHand << true << oven + bowl;
    // Stirring stalls the loop a step at a time and yields after each line; the oven's timer comes due meanwhile,
    // but its task only runs on a later turn of the loop: asyncio prints the bowl's lines first, as the driver does.
    QTest::newRow("stir by hand, async") << Kind::Async << MixTrap::StirByHand << true << bowl + oven;
    QTest::newRow("stir by hand, threaded") << Kind::Threaded << MixTrap::StirByHand << false << interleaved;
    // The mixing never yields: asyncio runs it to its end before the oven's first wake.
    QTest::newRow("forgot to await, async") << Kind::Async << MixTrap::ForgotToAwait << true << bowl + oven;
}

void TestSourceListing::trapListingsPrintWhatTheDriversDo()
{
    QFETCH(Kind, kind);
    QFETCH(MixTrap, trap);
    QFETCH(bool, exactOrder);
    QFETCH(QStringList, expectedLines);

    const PythonRun run = runPython(SourceListing(kind, recipe(400, 3, 1, trap)).text());
    if (!run.started)
        QSKIP("python3 is not installed");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    const QStringList printed = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (exactOrder) {
        QCOMPARE(printed, expectedLines);
        return;
    }
    QStringList sortedPrinted = printed;
    QStringList sortedExpected = expectedLines;
    sortedPrinted.sort();
    sortedExpected.sort();
    QCOMPARE(sortedPrinted, sortedExpected);
    for (const TaskId task : allTasks)
        QCOMPARE(linesOfTask(printed, task), linesOfTask(expectedLines, task));
}

QTEST_GUILESS_MAIN(TestSourceListing)
#include "tst_sourcelisting.moc"
