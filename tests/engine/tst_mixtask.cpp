// SPDX-License-Identifier: MIT
#include "bakeparameters.h"
#include "enginetestsupport.h"
#include "mixtask.h"

#include <QTest>

#include <algorithm>

/**
 * MixTask alone, resumed by hand: the mixing loop of ANALOGY.md as a state
 * machine, with the same five states and three kinds of resumption as the oven.
 */
class TestMixTask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchTheAnalogy();
    void resumesLikeTheMixingLoop_data();
    void resumesLikeTheMixingLoop();
    void mixesDoneCountsReportsNotWaits();
    void stepCount_data();
    void stepCount();
    void stepCountMatchesTheWaitsOfEveryValidCount();
    void cancelInEachState_data();
    void cancelInEachState();
    void resumeAfterDoneKeepsFinishing();
    void message();
};

namespace {
QString resumeOnce(MixTask &task)
{
    const TaskResumption resumption = task.resume();
    return describe(resumption) + QLatin1Char('/') + taskStateName(task.state());
}

/// Resumes until the task says it has finished; bounded, so a broken machine fails instead of hanging.
QStringList resumeToEnd(MixTask &task)
{
    QStringList trace;
    for (int i = 0; i < 1000; ++i) {
        trace << resumeOnce(task);
        if (trace.constLast().startsWith(QLatin1String("finished")))
            break;
    }
    return trace;
}

/// A wait and a report of each index from 0 to @p count - 1, then the end.
QStringList expectedTrace(int count)
{
    QStringList trace;
    for (int i = 0; i < count; ++i)
        trace << QStringLiteral("wait/waiting") << QStringLiteral("report %1/running").arg(i);
    trace << QStringLiteral("finished/done");
    return trace;
}
} // namespace

void TestMixTask::defaultsMatchTheAnalogy()
{
    MixTask task;
    QCOMPARE(task.mixCount(), 3);
    QCOMPARE(task.mixesDone(), 0);
    QCOMPARE(task.state(), TaskState::NotStarted);
    QCOMPARE(
        resumeToEnd(task),
        QStringList({QStringLiteral("wait/waiting"), QStringLiteral("report 0/running"), QStringLiteral("wait/waiting"),
                     QStringLiteral("report 1/running"), QStringLiteral("wait/waiting"),
                     QStringLiteral("report 2/running"), QStringLiteral("finished/done")}));
    QCOMPARE(task.mixesDone(), 3);
}

void TestMixTask::resumesLikeTheMixingLoop_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QStringList>("trace");

    // "for i in 0 .. -1" has no iteration: the first resume ends the task.
    QTest::newRow("no mix") << 0 << QStringList{QStringLiteral("finished/done")};
    QTest::newRow("negative count") << -2 << QStringList{QStringLiteral("finished/done")};
    QTest::newRow("one mix") << 1 << expectedTrace(1);
    QTest::newRow("five mixes") << 5 << expectedTrace(5);
    QTest::newRow("the maximum, 100") << 100 << expectedTrace(100);
}

void TestMixTask::resumesLikeTheMixingLoop()
{
    QFETCH(int, count);
    QFETCH(QStringList, trace);

    MixTask task(count);
    QCOMPARE(resumeToEnd(task), trace);
    QCOMPARE(task.mixesDone(), std::max(count, 0));
    QCOMPARE(task.mixCount(), count);
}

void TestMixTask::mixesDoneCountsReportsNotWaits()
{
    // The kitchen snapshot of a mix line shows mixesDone; it must already count the mix being reported.
    MixTask task(2);
    task.resume();
    QCOMPARE(task.state(), TaskState::Waiting);
    QCOMPARE(task.mixesDone(), 0);
    QCOMPARE(describe(task.resume()), QStringLiteral("report 0"));
    QCOMPARE(task.mixesDone(), 1);
    task.resume();
    QCOMPARE(task.mixesDone(), 1);
    QCOMPARE(describe(task.resume()), QStringLiteral("report 1"));
    QCOMPARE(task.mixesDone(), 2);
}

void TestMixTask::stepCount_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("steps");

    QTest::newRow("negative") << -1 << 0;
    QTest::newRow("0") << 0 << 0;
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("3") << 3 << 3;
    QTest::newRow("100") << 100 << 100;
}

void TestMixTask::stepCount()
{
    QFETCH(int, count);
    QFETCH(int, steps);
    QCOMPARE(MixTask::stepCount(count), steps);
}

void TestMixTask::stepCountMatchesTheWaitsOfEveryValidCount()
{
    for (int count = BakeParameters::mixCountRange.minimum; count <= BakeParameters::mixCountRange.maximum; ++count) {
        MixTask task(count);
        const QStringList trace = resumeToEnd(task);
        const auto waits = std::count(trace.cbegin(), trace.cend(), QStringLiteral("wait/waiting"));
        QVERIFY2(trace.constLast() == QLatin1String("finished/done"), qPrintable(QString::number(count)));
        QVERIFY2(waits == MixTask::stepCount(count), qPrintable(QString::number(count)));
    }
}

void TestMixTask::cancelInEachState_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("resumesBefore");
    QTest::addColumn<TaskState>("stateBefore");
    QTest::addColumn<TaskState>("stateAfter");
    QTest::addColumn<int>("mixesDone");

    QTest::newRow("not started") << 3 << 0 << TaskState::NotStarted << TaskState::Cancelled << 0;
    QTest::newRow("not started, nothing to do") << 0 << 0 << TaskState::NotStarted << TaskState::Cancelled << 0;
    QTest::newRow("waiting") << 3 << 1 << TaskState::Waiting << TaskState::Cancelled << 0;
    QTest::newRow("running after a report") << 3 << 2 << TaskState::Running << TaskState::Cancelled << 1;
    QTest::newRow("done") << 3 << 7 << TaskState::Done << TaskState::Done << 3;
    QTest::newRow("done, nothing to do") << 0 << 1 << TaskState::Done << TaskState::Done << 0;
}

void TestMixTask::cancelInEachState()
{
    QFETCH(int, count);
    QFETCH(int, resumesBefore);
    QFETCH(TaskState, stateBefore);
    QFETCH(TaskState, stateAfter);
    QFETCH(int, mixesDone);

    MixTask task(count);
    for (int i = 0; i < resumesBefore; ++i)
        task.resume();
    QCOMPARE(task.state(), stateBefore);

    task.cancel();
    QCOMPARE(task.state(), stateAfter);
    QCOMPARE(task.mixesDone(), mixesDone);

    for (int i = 0; i < 3; ++i) {
        QCOMPARE(describe(task.resume()), QStringLiteral("finished"));
        QCOMPARE(task.state(), stateAfter);
        QCOMPARE(task.mixesDone(), mixesDone);
    }
}

void TestMixTask::resumeAfterDoneKeepsFinishing()
{
    MixTask task(1);
    QCOMPARE(resumeToEnd(task), expectedTrace(1));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(task.resume() == TaskResumption::finished());
        QCOMPARE(task.state(), TaskState::Done);
        QCOMPARE(task.mixesDone(), 1);
    }
}

void TestMixTask::message()
{
    QCOMPARE(MixTask::message(0), QStringLiteral("mixing things 0"));
    QCOMPARE(MixTask::message(2), QStringLiteral("mixing things 2"));
}

QTEST_GUILESS_MAIN(TestMixTask)
#include "tst_mixtask.moc"
