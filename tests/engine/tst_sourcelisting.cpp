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
 * what Python really prints.
 */
class TestSourceListing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listingForMode();
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
    void textIsTheLinesJoined();
    void pythonListingsParse();
    void pythonListingsPrintTheAnalogysLines_data();
    void pythonListingsPrintTheAnalogysLines();
    void legacyListingNoLongerRuns();
};

using Kind = SourceListing::Kind;

namespace {

constexpr std::array allStates{TaskState::NotStarted, TaskState::Running, TaskState::Waiting, TaskState::Done,
                               TaskState::Cancelled};
constexpr std::array allTasks{TaskId::Preheat, TaskId::Mix};
constexpr int pythonTimeoutMs = 30000;

const char *kindTag(Kind kind)
{
    switch (kind) {
    case Kind::Blocking:
        return "blocking";
    case Kind::Async:
        return "async";
    case Kind::LegacyGenerator:
        return "legacy";
    case Kind::StateMachine:
        return "c++";
    }
    return "?";
}

BakeParameters recipe(int target, int count, int stepMs)
{
    BakeParameters parameters;
    parameters.targetTemperature = target;
    parameters.mixCount = count;
    parameters.stepMs = stepMs;
    return parameters;
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

} // namespace

void TestSourceListing::listingForMode()
{
    QCOMPARE(SourceListing::forMode(BakeMode::Sync), Kind::Blocking);
    QCOMPARE(SourceListing::forMode(BakeMode::Async), Kind::Async);
}

void TestSourceListing::titles()
{
    QCOMPARE(SourceListing::title(Kind::Blocking), QStringLiteral("Blocking"));
    QCOMPARE(SourceListing::title(Kind::Async), QStringLiteral("Async"));
    QCOMPARE(SourceListing::title(Kind::LegacyGenerator), QStringLiteral("Generator-based (legacy)"));
    QCOMPARE(SourceListing::title(Kind::StateMachine), QStringLiteral("C++ state machine"));
    QCOMPARE(SourceListing(Kind::LegacyGenerator).kind(), Kind::LegacyGenerator);
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
                                QStringLiteral("TaskResumption PreheatTask::resume()  // m_temperature starts at 100"),
                                QStringLiteral("TaskResumption MixTask::resume()  // m_done starts at 0"),
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

    // In the blocking main(), preheat is called before mixing, each on its own line.
    if (kind == Kind::Blocking) {
        const auto callOf = [&](const QString &call) {
            return std::find_if(listing.lines().cbegin(), listing.lines().cend(),
                                [&](const QString &line) { return line.startsWith(call); })
                - listing.lines().cbegin();
        };
        QVERIFY(callOf(QStringLiteral("    preheat()")) < callOf(QStringLiteral("    mix_ingredients()")));
        QVERIFY(callOf(QStringLiteral("    mix_ingredients()")) < listing.lineCount());
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

    // The legacy def still carries its decorator, right above it.
    if (kind == Kind::LegacyGenerator && state == TaskState::NotStarted)
        QCOMPARE(listing.lines().at(line - 1), QStringLiteral("@asyncio.coroutine"));
    // The C++ task is highlighted in its own resume(): the nearest function header above is the task's.
    if (kind == Kind::StateMachine) {
        const QString owner
            = task == TaskId::Preheat ? QStringLiteral("PreheatTask::resume()") : QStringLiteral("MixTask::resume()");
        int header = line;
        while (header >= 0 && !listing.lines().at(header).startsWith(QLatin1String("TaskResumption ")))
            --header;
        QVERIFY(header >= 0);
        QVERIFY2(listing.lines().at(header).contains(owner), qPrintable(listing.lines().at(header)));
    }
}

void TestSourceListing::everyStateIsALineOfTheText()
{
    for (const BakeParameters &parameters : sampleRecipes()) {
        for (const Kind kind : SourceListing::allKinds) {
            const SourceListing listing(kind, parameters);
            for (const TaskId task : allTasks) {
                for (const TaskState state : allStates) {
                    const int line = listing.lineOf(task, state);
                    const QByteArray where = QByteArray(kindTag(kind)) + ", " + taskName(task).toUtf8() + ", "
                        + taskStateName(state).toUtf8();
                    QVERIFY2(line >= 0 && line < listing.lineCount(), where.constData());
                    QVERIFY2(!listing.lines().at(line).trimmed().isEmpty(), where.constData());
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
        const SourceListing listing(kind);
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
            QList<int> distinct{listing.lineOf(task, TaskState::NotStarted), listing.lineOf(task, TaskState::Running),
                                listing.lineOf(task, TaskState::Waiting), listing.lineOf(task, TaskState::Done)};
            std::sort(distinct.begin(), distinct.end());
            QVERIFY2(std::adjacent_find(distinct.cbegin(), distinct.cend()) == distinct.cend(), kindTag(kind));
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
    for (const Kind kind : {Kind::Blocking, Kind::Async}) {
        const QString text = SourceListing(kind).text();
        QVERIFY(!text.contains(QLatin1String("yield from")));
        QVERIFY(!text.contains(QLatin1String("@asyncio.coroutine")));
        QVERIFY(!text.contains(QLatin1String("get_event_loop")));
    }
    QVERIFY(!SourceListing(Kind::Blocking).text().contains(QLatin1String("asyncio")));
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
    for (const BakeParameters &parameters : sampleRecipes()) {
        for (const Kind kind : {Kind::Blocking, Kind::Async, Kind::LegacyGenerator}) {
            const PythonRun run = runPython(SourceListing(kind, parameters).text(), {QStringLiteral("-c"), parse});
            if (!run.started)
                QSKIP("python3 is not installed");
            QVERIFY2(run.exitCode == 0, qPrintable(QString::fromUtf8(kindTag(kind)) + QLatin1Char(' ') + run.err));
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
    const auto onlyTask = [](const QStringList &lines, const QString &task) {
        return lines.filter(QRegularExpression(QLatin1Char('^') + task + QLatin1String("::")));
    };
    for (const QString &task : {taskName(TaskId::Preheat), taskName(TaskId::Mix)})
        QCOMPARE(onlyTask(printed, task), onlyTask(expectedLines, task));
    QCOMPARE(printed.size(), expectedLines.size());
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

QTEST_GUILESS_MAIN(TestSourceListing)
#include "tst_sourcelisting.moc"
