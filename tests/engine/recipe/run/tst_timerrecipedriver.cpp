// SPDX-License-Identifier: MIT
#include "recipetestsupport.h"
#include "timerrecipedriver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <thread>

using namespace recipe;

/**
 * TimerRecipeDriver: a recipe on the Qt event loop leaves the loop free
 * while it waits, and even while a single iteration of its own loop wakes
 * tens of thousands of tasks; what the recipe blocks itself, it blocks.
 */
class TestTimerRecipeDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theEventLoopTurnsWhileTheRecipeWaits();
    void anIterationThatWakesManyTasksHandsTheThreadBackBetweenSlices();
    void aBlockingSleepInTheRecipeHoldsTheThread();
    void aRecipePastItsTimeLimitIsStopped();
    void theSpeedScalesTheRecipesClockNotItsTimeLimit();
    void aCancelFromAnotherThreadCutsWhatHoldsTheThreadShort_data();
    void aCancelFromAnotherThreadCutsWhatHoldsTheThreadShort();
    void aCancelFromTheRecipesOwnThreadStopsItAtTheNextCheck();
    void aCancelBeforeStartStopsItBeforeItBegins();
    void steppingHoldsEachResumptionUntilAStep();
    void aStepFilterLetsTheOtherTasksThrough();
    void aTaskWokenByTheFutureItAwaitsIsHeldAndListedFirst();
    void leavingStepModeRunsOnInOrder();
    void aStepWithNothingPendingDoesNothing();
    void aCancelWhilePausedEndsTheRecipe();
    void timePausedDoesNotCountAgainstTheTimeLimit();

private:
    /// The tasks @p driver will resume, as "Task-N ready" or "Task-N sleeps", in order.
    static QStringList pendingOf(const TimerRecipeDriver &driver);
    struct Run {
        Interpreter::Status status = Interpreter::Status::Running;
        QString out;
        std::optional<RecipeError> error;
        qint64 wallMs = 0;
        /// At each beat of a 2 ms timer running beside the recipe: how many lines the recipe had printed by then.
        std::vector<int> linesAtBeats;
        qint64 longestBeatGapMs = 0;
        bool cancelled = false;
        /// When another thread cancelled it, on the run's wall clock; -1 when none did.
        qint64 cancelledAtMs = -1;
    };
    /// Runs @p source on this thread's event loop; cancelled from another thread @p cancelAtMs into it if asked.
    static Run run(const QByteArray &source, RecipeTimeLimit limit = RecipeTimeLimit(), int speedPercent = 100,
                   int cancelAtMs = -1);
};

TestTimerRecipeDriver::Run TestTimerRecipeDriver::run(const QByteArray &source, RecipeTimeLimit limit, int speedPercent,
                                                      int cancelAtMs)
{
    const Program program = compiledForTest(source);
    Run result;
    int lines = 0;
    TimerRecipeDriver driver(program);
    driver.setTimeLimit(limit);
    driver.setSpeedPercent(speedPercent);
    driver.setOutput([&](const QString &text) {
        result.out += text;
        lines += int(text.count(QLatin1Char('\n')));
    });
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QElapsedTimer sinceBeat;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        result.linesAtBeats.push_back(lines);
        result.longestBeatGapMs = std::max(result.longestBeatGapMs, sinceBeat.restart());
    });
    QEventLoop loop;
    QObject::connect(&driver, &TimerRecipeDriver::finished, &loop, &QEventLoop::quit);
    QElapsedTimer wall;
    wall.start();
    std::thread canceller;
    if (cancelAtMs >= 0) {
        canceller = std::thread([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(cancelAtMs));
            result.cancelledAtMs = wall.elapsed();
            driver.cancel();
        });
    }
    sinceBeat.start();
    heartbeat.start(2);
    driver.start();
    loop.exec();
    result.wallMs = wall.elapsed();
    if (canceller.joinable())
        canceller.join();
    result.status = driver.status();
    result.error = driver.error();
    result.cancelled = driver.wasCancelled();
    return result;
}

void TestTimerRecipeDriver::theEventLoopTurnsWhileTheRecipeWaits()
{
    const Run result = run("import asyncio\n"
                           "async def wait(s):\n"
                           "    await asyncio.sleep(s)\n"
                           "    print(s)\n"
                           "async def main():\n"
                           "    await asyncio.gather(wait(0.12), wait(0.06))\n"
                           "asyncio.run(main())\n");
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out, QStringLiteral("0.06\n0.12\n"));
    QVERIFY2(result.wallMs >= 120, qPrintable(QString::number(result.wallMs)));
    // 120 ms of waiting at a 2 ms beat: a loop held for the whole wait would have beaten once or twice.
    QVERIFY2(result.linesAtBeats.size() >= 10, qPrintable(QString::number(result.linesAtBeats.size())));
}

void TestTimerRecipeDriver::anIterationThatWakesManyTasksHandsTheThreadBackBetweenSlices()
{
    // Fifty thousand tasks made by one gather take their first step in the same iteration of the recipe's loop.
    // The window's loop must still turn in the middle of it: some beat sees part of the lines printed, not none
    // or all.
    constexpr int tasks = 50000;
    const Run result = run("import asyncio\n"
                           "async def cook(k):\n"
                           "    total = 0\n"
                           "    for i in range(40):\n"
                           "        total += i\n"
                           "    print(k)\n"
                           "async def main():\n"
                           "    await asyncio.gather(*[cook(k) for k in range(50000)])\n"
                           "asyncio.run(main())\n");
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out.count(QLatin1Char('\n')), tasks);
    const bool beatInTheMiddle = std::any_of(result.linesAtBeats.begin(), result.linesAtBeats.end(),
                                             [](int lines) { return lines > 0 && lines < tasks; });
    QVERIFY(beatInTheMiddle);
}

void TestTimerRecipeDriver::aBlockingSleepInTheRecipeHoldsTheThread()
{
    // time.sleep() in async code blocks the loop: the lesson the kitchen exists to show, so the driver must not
    // hide it.
    const Run result = run("import asyncio, time\n"
                           "async def main():\n"
                           "    await asyncio.sleep(0.02)\n"
                           "    time.sleep(0.15)\n"
                           "    print('done')\n"
                           "asyncio.run(main())\n");
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QVERIFY2(result.longestBeatGapMs >= 140, qPrintable(QString::number(result.longestBeatGapMs)));
}

void TestTimerRecipeDriver::aRecipePastItsTimeLimitIsStopped()
{
    const Run result = run("import asyncio\n"
                           "async def main():\n"
                           "    print('waiting')\n"
                           "    await asyncio.sleep(30)\n"
                           "asyncio.run(main())\n",
                           RecipeTimeLimit(qint64(200) * 1000000));
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.out, QStringLiteral("waiting\n"));
    QVERIFY(result.error);
    QCOMPARE(result.error->type, QStringLiteral("TimeoutError"));
    // Stopped at its limit, not at the end of the sleep: generous for a loaded machine, far short of 30 s.
    QVERIFY2(result.wallMs >= 200 && result.wallMs < 5000, qPrintable(QString::number(result.wallMs)));
}

void TestTimerRecipeDriver::theSpeedScalesTheRecipesClockNotItsTimeLimit()
{
    // At 2x a recipe's 0.4 s of waiting and blocking pass in about 0.2 s of wall time, and its clock says 0.4 s.
    const QByteArray source = "import asyncio, time\n"
                              "async def main():\n"
                              "    start = time.perf_counter()\n"
                              "    await asyncio.sleep(0.3)\n"
                              "    time.sleep(0.1)\n"
                              "    print(round(time.perf_counter() - start, 1))\n"
                              "asyncio.run(main())\n";
    const Run faster = run(source, RecipeTimeLimit(), 200);
    QCOMPARE(faster.status, Interpreter::Status::Finished);
    QCOMPARE(faster.out, QStringLiteral("0.4\n"));
    // Tolerant of a loaded machine, yet well short of the 400 ms it takes at 1x.
    QVERIFY2(faster.wallMs >= 195 && faster.wallMs < 330, qPrintable(QString::number(faster.wallMs)));
    const Run slower = run(source, RecipeTimeLimit(), 50);
    QCOMPARE(slower.out, QStringLiteral("0.4\n"));
    QVERIFY2(slower.wallMs >= 795, qPrintable(QString::number(slower.wallMs)));
    // The limit is the wall clock's: a recipe slowed down is stopped as soon as one at its own speed.
    const Run limited = run(source, RecipeTimeLimit(qint64(300) * 1000000), 50);
    QCOMPARE(limited.status, Interpreter::Status::Failed);
    QVERIFY2(limited.wallMs < 600, qPrintable(QString::number(limited.wallMs)));
}

void TestTimerRecipeDriver::aCancelFromAnotherThreadCutsWhatHoldsTheThreadShort_data()
{
    QTest::addColumn<QByteArray>("source");
    // Each holds the thread for 30 s, or waits for as long between two turns; the cancel comes 150 ms in.
    QTest::newRow("a time.sleep()") << QByteArray("import asyncio, time\n"
                                                  "async def main():\n"
                                                  "    print('began')\n"
                                                  "    time.sleep(30)\n"
                                                  "    print('slept')\n"
                                                  "asyncio.run(main())\n");
    QTest::newRow("stirring by hand") << QByteArray("import asyncio, time\n"
                                                    "async def main():\n"
                                                    "    print('began')\n"
                                                    "    deadline = time.monotonic() + 30\n"
                                                    "    while time.monotonic() < deadline:\n"
                                                    "        pass\n"
                                                    "    print('stirred')\n"
                                                    "asyncio.run(main())\n");
    QTest::newRow("a loop that never ends") << QByteArray("import asyncio\n"
                                                          "async def main():\n"
                                                          "    print('began')\n"
                                                          "    while True:\n"
                                                          "        pass\n"
                                                          "asyncio.run(main())\n");
    QTest::newRow("an await between two turns") << QByteArray("import asyncio\n"
                                                              "async def main():\n"
                                                              "    print('began')\n"
                                                              "    await asyncio.sleep(30)\n"
                                                              "    print('woke')\n"
                                                              "asyncio.run(main())\n");
}

void TestTimerRecipeDriver::aCancelFromAnotherThreadCutsWhatHoldsTheThreadShort()
{
    QFETCH(QByteArray, source);
    constexpr int cancelAtMs = 150;
    const Run result = run(source, RecipeTimeLimit(), 100, cancelAtMs);
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QVERIFY(result.cancelled);
    QVERIFY(result.error);
    QCOMPARE(result.error->type, QStringLiteral("CancelledError"));
    QCOMPARE(result.out, QStringLiteral("began\n"));
    // Within a few milliseconds of the cancel; a loaded machine is given 100.
    const qint64 afterCancelMs = result.wallMs - result.cancelledAtMs;
    qInfo("ended %lld ms after the cancel", afterCancelMs);
    QVERIFY2(result.cancelledAtMs >= cancelAtMs && afterCancelMs < 100, qPrintable(QString::number(afterCancelMs)));
}

void TestTimerRecipeDriver::aCancelFromTheRecipesOwnThreadStopsItAtTheNextCheck()
{
    // A window's slot that hears a line cancels from inside the interpreter: the computing after it stops at the
    // interpreter's next check, and finished() comes once the interpreter has returned, not from inside it.
    const Program program = compiledForTest("import asyncio\n"
                                            "async def main():\n"
                                            "    print('began')\n"
                                            "    while True:\n"
                                            "        pass\n"
                                            "asyncio.run(main())\n");
    TimerRecipeDriver driver(program);
    bool insideTheRecipe = false;
    bool finishedInside = false;
    driver.setOutput([&](const QString &) {
        insideTheRecipe = true;
        driver.cancel();
        insideTheRecipe = false;
    });
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    connect(&driver, &TimerRecipeDriver::finished, this, [&] { finishedInside = insideTheRecipe; });
    QElapsedTimer wall;
    wall.start();
    driver.start();
    QVERIFY(finished.wait(5000));
    QVERIFY2(wall.elapsed() < 1000, qPrintable(QString::number(wall.elapsed())));
    QVERIFY(!finishedInside);
    QVERIFY(driver.wasCancelled());
    QCOMPARE(driver.error()->type, QStringLiteral("CancelledError"));
    QTest::qWait(20); // the turn the cancel queued finds the recipe ended and says nothing more
    QCOMPARE(finished.size(), 1);
}

void TestTimerRecipeDriver::aCancelBeforeStartStopsItBeforeItBegins()
{
    const Program program = compiledForTest("print('began')\n");
    TimerRecipeDriver driver(program);
    QString out;
    driver.setOutput([&out](const QString &text) { out += text; });
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.cancel();
    driver.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(driver.status(), Interpreter::Status::Failed);
    QVERIFY(driver.wasCancelled());
    QCOMPARE(out, QString());
    QTest::qWait(20);
    QCOMPARE(finished.size(), 1);
}

namespace {
// Two jobs of two steps each, 40 and 60 ms long, gathered by main(): Task-1 is main(), Task-2 job a, Task-3 job b.
const QByteArray twoJobs = "import asyncio\n"
                           "async def job(name, step):\n"
                           "    for i in range(2):\n"
                           "        await asyncio.sleep(step)\n"
                           "        print(name, i)\n"
                           "async def main():\n"
                           "    await asyncio.gather(job('a', 0.04), job('b', 0.06))\n"
                           "    print('done')\n"
                           "asyncio.run(main())\n";
const QString twoJobsOutput = QStringLiteral("a 0\nb 0\na 1\nb 1\ndone\n");
/// Long enough for any step here to come due on a loaded machine.
constexpr int dueTimeoutMs = 3000;
} // namespace

QStringList TestTimerRecipeDriver::pendingOf(const TimerRecipeDriver &driver)
{
    QStringList pending;
    for (const PendingTask &task : driver.pendingTasks())
        pending << QStringLiteral("Task-%1 %2").arg(task.task).arg(task.ready ? "ready" : "sleeps");
    return pending;
}

void TestTimerRecipeDriver::steppingHoldsEachResumptionUntilAStep()
{
    const Program program = compiledForTest(twoJobs);
    TimerRecipeDriver driver(program);
    QString out;
    driver.setOutput([&](const QString &text) { out += text; });
    driver.setTracksPendingTasks(true);
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();

    // Each pause: the tasks pending, in the order the loop resumes them, and what was printed by then.
    const QList<std::pair<QStringList, QString>> pauses{
        {{"Task-1 ready"}, ""}, // main()'s first step
        {{"Task-2 ready", "Task-3 ready"}, ""}, // gather made the jobs; main() awaits it, in no account
        {{"Task-3 ready", "Task-2 sleeps"}, ""},
        {{"Task-2 ready", "Task-3 sleeps"}, ""}, // a's sleep of 40 ms is over
        {{"Task-3 ready", "Task-2 sleeps"}, "a 0\n"},
        {{"Task-2 ready", "Task-3 sleeps"}, "a 0\nb 0\n"},
        {{"Task-3 ready"}, "a 0\nb 0\na 1\n"}, // a has ended
        {{"Task-1 ready"}, "a 0\nb 0\na 1\nb 1\n"}, // main() woken by its gather
    };
    for (qsizetype i = 0; i < pauses.size(); ++i) {
        QVERIFY2(driver.isPausedForStep() || paused.wait(dueTimeoutMs), qPrintable(QString::number(i)));
        QVERIFY(driver.isPausedForStep());
        QCOMPARE(pendingOf(driver), pauses[i].first);
        QCOMPARE(out, pauses[i].second);
        paused.clear();
        QVERIFY(driver.step());
        QVERIFY(!driver.isPausedForStep());
    }
    QVERIFY(finished.wait(dueTimeoutMs));
    QCOMPARE(out, twoJobsOutput);
    QVERIFY(driver.pendingTasks().empty());
}

void TestTimerRecipeDriver::aStepFilterLetsTheOtherTasksThrough()
{
    // Held for a step only at job b's resumptions after its first: a and main() run as they come, until b holds the
    // loop, and everything behind b in it.
    const Program program = compiledForTest(twoJobs);
    TimerRecipeDriver driver(program);
    QString out;
    driver.setOutput([&](const QString &text) { out += text; });
    bool bStarted = false;
    driver.setStepFilter([&bStarted](int task) { return task == 3 && std::exchange(bStarted, true); });
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();
    QVERIFY(paused.wait(dueTimeoutMs)); // b's sleep of 60 ms is over
    QCOMPARE(out, QStringLiteral("a 0\n"));
    QTest::qWait(100); // a's second sleep is over too, but the loop is held
    QCOMPARE(out, QStringLiteral("a 0\n"));
    QCOMPARE(paused.count(), 1); // held without spinning: one pause, not one per turn of the loop
    QVERIFY(driver.step());
    QVERIFY(paused.wait(dueTimeoutMs));
    QCOMPARE(out, QStringLiteral("a 0\nb 0\na 1\n"));
    QVERIFY(driver.step());
    QVERIFY(finished.wait(dueTimeoutMs));
    QCOMPARE(out, twoJobsOutput);
}

void TestTimerRecipeDriver::aTaskWokenByTheFutureItAwaitsIsHeldAndListedFirst()
{
    // main() awaits a task that sleeps: the task's end wakes main() through its done callback, not a queued step.
    const Program program = compiledForTest("import asyncio\n"
                                            "async def nap():\n"
                                            "    await asyncio.sleep(0.02)\n"
                                            "async def other():\n"
                                            "    await asyncio.sleep(10)\n"
                                            "async def main():\n"
                                            "    t = asyncio.create_task(other())\n"
                                            "    await asyncio.create_task(nap())\n"
                                            "    print('woken')\n"
                                            "asyncio.run(main())\n");
    TimerRecipeDriver driver(program);
    QString out;
    driver.setOutput([&](const QString &text) { out += text; });
    driver.setTracksPendingTasks(true);
    driver.setStepFilter([](int task) { return task == 1; });
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();
    QVERIFY(paused.wait(dueTimeoutMs)); // main()'s first step
    QCOMPARE(pendingOf(driver), QStringList{"Task-1 ready"});
    QVERIFY(driver.step());
    QVERIFY(paused.wait(dueTimeoutMs)); // nap() has ended
    QCOMPARE(pendingOf(driver), (QStringList{"Task-1 ready", "Task-2 sleeps"}));
    QCOMPARE(driver.pendingTaskCount(), std::size_t(2));
    QCOMPARE(driver.pendingTasks(1).size(), std::size_t(1));
    QCOMPARE(driver.pendingTasks(1).front().task, 1);
    QCOMPARE(out, QString());
    QVERIFY(driver.step());
    QVERIFY(finished.wait(dueTimeoutMs));
    QCOMPARE(out, QStringLiteral("woken\n"));
}

void TestTimerRecipeDriver::leavingStepModeRunsOnInOrder()
{
    const Program program = compiledForTest(twoJobs);
    TimerRecipeDriver driver(program);
    QString out;
    driver.setOutput([&](const QString &text) { out += text; });
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();
    QVERIFY(paused.wait(dueTimeoutMs));
    QTest::qWait(150); // both jobs' sleeps would be over, had they begun
    QCOMPARE(out, QString());
    driver.setStepping(false);
    QVERIFY(!driver.isPausedForStep());
    QVERIFY(finished.wait(dueTimeoutMs));
    QCOMPARE(finished.first().first().value<Interpreter::Status>(), Interpreter::Status::Finished);
    QCOMPARE(out, twoJobsOutput);
}

void TestTimerRecipeDriver::aStepWithNothingPendingDoesNothing()
{
    const Program program = compiledForTest(twoJobs);
    TimerRecipeDriver driver(program);
    QVERIFY(!driver.step()); // not started
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();
    QVERIFY(paused.wait(dueTimeoutMs));
    // Steps given ahead are spent one a resumption as the tasks come: ten more than the bake needs end it.
    for (int i = 0; i < 20; ++i)
        QVERIFY(driver.step());
    QVERIFY(finished.wait(dueTimeoutMs));
    QVERIFY(!driver.step());
    QVERIFY(!driver.isPausedForStep());
}

void TestTimerRecipeDriver::aCancelWhilePausedEndsTheRecipe()
{
    const Program program = compiledForTest(twoJobs);
    TimerRecipeDriver driver(program);
    driver.setTracksPendingTasks(true);
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();
    QVERIFY(paused.wait(dueTimeoutMs));
    driver.cancel();
    QVERIFY(finished.wait(dueTimeoutMs));
    QVERIFY(driver.wasCancelled());
    QVERIFY(!driver.isPausedForStep());
    QVERIFY(driver.pendingTasks().empty());
    QVERIFY(!driver.step());
}

void TestTimerRecipeDriver::timePausedDoesNotCountAgainstTheTimeLimit()
{
    // A class may hold a step for minutes; the limit guards against a recipe that runs for ever, not a paused one.
    const Program program = compiledForTest(twoJobs);
    TimerRecipeDriver driver(program);
    QString out;
    driver.setOutput([&](const QString &text) { out += text; });
    driver.setTimeLimit(RecipeTimeLimit(qint64(400) * 1000000));
    driver.setStepping(true);
    QSignalSpy paused(&driver, &TimerRecipeDriver::pausedForStep);
    QSignalSpy finished(&driver, &TimerRecipeDriver::finished);
    driver.start();
    QVERIFY(paused.wait(dueTimeoutMs));
    QTest::qWait(600);
    QVERIFY(driver.isRunning());
    driver.setStepping(false);
    QVERIFY(finished.wait(dueTimeoutMs));
    QCOMPARE(finished.first().first().value<Interpreter::Status>(), Interpreter::Status::Finished);
    QCOMPARE(out, twoJobsOutput);
}

QTEST_GUILESS_MAIN(TestTimerRecipeDriver)
#include "tst_timerrecipedriver.moc"
