// SPDX-License-Identifier: MIT
#include "bakeparameters.h"
#include "enginetestsupport.h"
#include "preheattask.h"

#include <QTest>

#include <algorithm>

/**
 * PreheatTask alone, resumed by hand: the oven loop of ANALOGY.md as a state
 * machine. Every driver runs this very machine, so its exact sequence of
 * resumptions and states is what every mode's output rests on.
 */
class TestPreheatTask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchTheAnalogy();
    void resumesLikeTheOvenLoop_data();
    void resumesLikeTheOvenLoop();
    void stepCount_data();
    void stepCount();
    void stepCountMatchesTheWaitsOfEveryValidTarget();
    void cancelInEachState_data();
    void cancelInEachState();
    void resumeAfterDoneKeepsFinishing();
    void copyIsAnIndependentSnapshot();
    void message();
};

namespace {
/// One resumption and the state it left behind: "wait/waiting", "report 200/running", "finished/done".
QString resumeOnce(PreheatTask &task)
{
    const TaskResumption resumption = task.resume();
    return describe(resumption) + QLatin1Char('/') + taskStateName(task.state());
}

/// Resumes until the task says it has finished; bounded, so a broken machine fails instead of hanging.
QStringList resumeToEnd(PreheatTask &task)
{
    QStringList trace;
    for (int i = 0; i < 100; ++i) {
        trace << resumeOnce(task);
        if (trace.constLast().startsWith(QLatin1String("finished")))
            break;
    }
    return trace;
}

/// What the loop must do: a wait and a report for each temperature, then the end.
QStringList expectedTrace(const QList<int> &reportedTemperatures)
{
    QStringList trace;
    for (const int temperature : reportedTemperatures)
        trace << QStringLiteral("wait/waiting") << QStringLiteral("report %1/running").arg(temperature);
    trace << QStringLiteral("finished/done");
    return trace;
}

int countWaits(const QStringList &trace)
{
    return int(std::count_if(trace.cbegin(), trace.cend(),
                             [](const QString &step) { return step.startsWith(QLatin1String("wait")); }));
}
} // namespace

void TestPreheatTask::defaultsMatchTheAnalogy()
{
    PreheatTask task;
    QCOMPARE(task.targetTemperature(), 400);
    QCOMPARE(task.temperature(), 100);
    QCOMPARE(task.state(), TaskState::NotStarted);
    // The default bake's three oven lines: 200, 300, 400.
    QCOMPARE(resumeToEnd(task), expectedTrace({200, 300, 400}));
    QCOMPARE(task.temperature(), 400);
}

void TestPreheatTask::resumesLikeTheOvenLoop_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QStringList>("trace");
    QTest::addColumn<int>("finalTemperature");

    // "while temp < T" is false at once for T <= 100: the first resume already ends the task.
    QTest::newRow("target 100, no oven step") << 100 << expectedTrace({}) << 100;
    QTest::newRow("target 0") << 0 << expectedTrace({}) << 100;
    QTest::newRow("target 99") << 99 << expectedTrace({}) << 100;
    QTest::newRow("target 101, one step past it") << 101 << expectedTrace({200}) << 200;
    QTest::newRow("target 200") << 200 << expectedTrace({200}) << 200;
    QTest::newRow("target 201") << 201 << expectedTrace({200, 300}) << 300;
    QTest::newRow("default 400") << 400 << expectedTrace({200, 300, 400}) << 400;
    // The analogy's own edge: 475 is not reached at 400, so a fourth step ends at 500.
    QTest::newRow("target 475, four steps to 500") << 475 << expectedTrace({200, 300, 400, 500}) << 500;
    QTest::newRow("target 500") << 500 << expectedTrace({200, 300, 400, 500}) << 500;
    QTest::newRow("target 1000, the maximum")
        << 1000 << expectedTrace({200, 300, 400, 500, 600, 700, 800, 900, 1000}) << 1000;
}

void TestPreheatTask::resumesLikeTheOvenLoop()
{
    QFETCH(int, target);
    QFETCH(QStringList, trace);
    QFETCH(int, finalTemperature);

    PreheatTask task(target);
    QCOMPARE(task.state(), TaskState::NotStarted);
    QCOMPARE(resumeToEnd(task), trace);
    QCOMPARE(task.temperature(), finalTemperature);
    QCOMPARE(task.targetTemperature(), target);
}

void TestPreheatTask::stepCount_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("steps");

    QTest::newRow("negative") << -100 << 0;
    QTest::newRow("0") << 0 << 0;
    QTest::newRow("100, already there") << 100 << 0;
    QTest::newRow("101") << 101 << 1;
    QTest::newRow("200") << 200 << 1;
    QTest::newRow("201") << 201 << 2;
    QTest::newRow("400") << 400 << 3;
    QTest::newRow("475") << 475 << 4;
    QTest::newRow("500") << 500 << 4;
    QTest::newRow("1000") << 1000 << 9;
}

void TestPreheatTask::stepCount()
{
    QFETCH(int, target);
    QFETCH(int, steps);
    QCOMPARE(PreheatTask::stepCount(target), steps);
}

void TestPreheatTask::stepCountMatchesTheWaitsOfEveryValidTarget()
{
    // idealMs() and every timing check trust stepCount(); it must agree with the machine for the whole range.
    for (int target = BakeParameters::targetTemperatureRange.minimum;
         target <= BakeParameters::targetTemperatureRange.maximum; ++target) {
        PreheatTask task(target);
        const QStringList trace = resumeToEnd(task);
        QVERIFY2(trace.constLast() == QLatin1String("finished/done"), qPrintable(QString::number(target)));
        QVERIFY2(countWaits(trace) == PreheatTask::stepCount(target), qPrintable(QString::number(target)));
    }
}

void TestPreheatTask::cancelInEachState_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("resumesBefore");
    QTest::addColumn<TaskState>("stateBefore");
    QTest::addColumn<TaskState>("stateAfter");
    QTest::addColumn<int>("temperature");

    QTest::newRow("not started") << 400 << 0 << TaskState::NotStarted << TaskState::Cancelled << 100;
    QTest::newRow("not started, nothing to do") << 100 << 0 << TaskState::NotStarted << TaskState::Cancelled << 100;
    QTest::newRow("waiting") << 400 << 1 << TaskState::Waiting << TaskState::Cancelled << 100;
    QTest::newRow("running after a report") << 400 << 2 << TaskState::Running << TaskState::Cancelled << 200;
    QTest::newRow("waiting again") << 400 << 3 << TaskState::Waiting << TaskState::Cancelled << 200;
    // A task that has ended is not undone by a late cancel.
    QTest::newRow("done") << 400 << 7 << TaskState::Done << TaskState::Done << 400;
}

void TestPreheatTask::cancelInEachState()
{
    QFETCH(int, target);
    QFETCH(int, resumesBefore);
    QFETCH(TaskState, stateBefore);
    QFETCH(TaskState, stateAfter);
    QFETCH(int, temperature);

    PreheatTask task(target);
    for (int i = 0; i < resumesBefore; ++i)
        task.resume();
    QCOMPARE(task.state(), stateBefore);

    task.cancel();
    QCOMPARE(task.state(), stateAfter);
    QCOMPARE(task.temperature(), temperature);

    // A cancelled task never runs on: every resume says finished, and nothing changes.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(describe(task.resume()), QStringLiteral("finished"));
        QCOMPARE(task.state(), stateAfter);
        QCOMPARE(task.temperature(), temperature);
    }

    // Cancelling twice is harmless.
    task.cancel();
    QCOMPARE(task.state(), stateAfter);
}

void TestPreheatTask::resumeAfterDoneKeepsFinishing()
{
    PreheatTask task(200);
    QCOMPARE(resumeToEnd(task), expectedTrace({200}));
    for (int i = 0; i < 3; ++i) {
        const TaskResumption resumption = task.resume();
        QVERIFY(resumption == TaskResumption::finished());
        QCOMPARE(task.state(), TaskState::Done);
        QCOMPARE(task.temperature(), 200);
    }
}

void TestPreheatTask::copyIsAnIndependentSnapshot()
{
    // Log entries keep copies of the task; running the original on must not change them.
    PreheatTask task;
    task.resume();
    task.resume();
    const PreheatTask snapshot = task;
    QCOMPARE(snapshot.temperature(), 200);
    QCOMPARE(snapshot.state(), TaskState::Running);

    resumeToEnd(task);
    QCOMPARE(task.temperature(), 400);
    QCOMPARE(snapshot.temperature(), 200);
    QCOMPARE(snapshot.state(), TaskState::Running);

    // And the copy resumes from where it was taken.
    PreheatTask resumed = snapshot;
    QCOMPARE(resumeToEnd(resumed),
             QStringList({QStringLiteral("wait/waiting"), QStringLiteral("report 300/running"),
                          QStringLiteral("wait/waiting"), QStringLiteral("report 400/running"),
                          QStringLiteral("finished/done")}));
}

void TestPreheatTask::message()
{
    QCOMPARE(PreheatTask::message(200), QStringLiteral("temp is now 200"));
    QCOMPARE(PreheatTask::message(500), QStringLiteral("temp is now 500"));
}

QTEST_GUILESS_MAIN(TestPreheatTask)
#include "tst_preheattask.moc"
