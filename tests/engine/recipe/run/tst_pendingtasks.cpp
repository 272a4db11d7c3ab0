// SPDX-License-Identifier: MIT
#include "pendingtasks.h"

#include <QTest>

using namespace recipe;

/**
 * PendingTasks: the interpreter's account of what its loop will resume
 * lists the ready tasks in queue order, then the sleepers by (wake time,
 * order of sleeping), as the loop's ready queue and timers run them.
 */
class TestPendingTasks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readyTasksComeFirstInQueueOrder();
    void sleepersComeByTimeThenByOrderOfSleeping();
    void aWokenSleeperKeepsItsWakeTime();
    void aStepThatRunsLeavesTheAccount();
    void clearForgetsEveryTask();
    void aLimitListsTheFirstFewInOrder();

private:
    static QString listed(const PendingTasks &pending);
};

QString TestPendingTasks::listed(const PendingTasks &pending)
{
    QStringList tasks;
    for (const PendingTask &task : pending.inOrder())
        tasks
            << QStringLiteral("%1%2@%3/%4").arg(task.ready ? "r" : "s").arg(task.task).arg(task.wakeNs).arg(task.cake);
    return tasks.join(QLatin1Char(' '));
}

void TestPendingTasks::readyTasksComeFirstInQueueOrder()
{
    PendingTasks pending;
    QVERIFY(pending.isEmpty());
    pending.sleeping(1, 0, 50);
    pending.stepQueued(3, 1, 10);
    pending.stepQueued(2, 2, 20);
    QCOMPARE(listed(pending), QStringLiteral("r3@10/1 r2@20/2 s1@50/0"));
    QVERIFY(!pending.isEmpty());
}

void TestPendingTasks::sleepersComeByTimeThenByOrderOfSleeping()
{
    PendingTasks pending;
    pending.sleeping(1, 0, 300);
    pending.sleeping(2, 0, 100);
    pending.sleeping(3, 0, 300);
    pending.sleeping(4, 0, 200);
    pending.sleeping(5, 0, 100);
    QCOMPARE(listed(pending), QStringLiteral("s2@100/0 s5@100/0 s4@200/0 s1@300/0 s3@300/0"));
}

void TestPendingTasks::aWokenSleeperKeepsItsWakeTime()
{
    PendingTasks pending;
    pending.sleeping(1, 0, 100);
    pending.sleeping(2, 0, 100);
    pending.sleeping(3, 0, 50);
    // The loop wakes the earliest first; one woken out of that order is found all the same.
    pending.stepQueued(3, 0, 70);
    pending.stepQueued(2, 0, 130);
    QCOMPARE(listed(pending), QStringLiteral("r3@50/0 r2@100/0 s1@100/0"));
}

void TestPendingTasks::aStepThatRunsLeavesTheAccount()
{
    PendingTasks pending;
    pending.stepQueued(1, 0, 10);
    pending.stepQueued(2, 0, 10);
    pending.stepRuns(7); // a task woken by a future's callback: never queued here
    QCOMPARE(listed(pending), QStringLiteral("r1@10/0 r2@10/0"));
    pending.stepRuns(1);
    QCOMPARE(listed(pending), QStringLiteral("r2@10/0"));
    pending.stepRuns(2);
    QVERIFY(pending.isEmpty());
}

void TestPendingTasks::clearForgetsEveryTask()
{
    PendingTasks pending;
    pending.stepQueued(1, 0, 10);
    pending.sleeping(2, 0, 10);
    pending.clear();
    QVERIFY(pending.isEmpty());
    QCOMPARE(listed(pending), QString());
}

void TestPendingTasks::aLimitListsTheFirstFewInOrder()
{
    PendingTasks pending;
    for (int task = 1; task <= 6; ++task)
        pending.sleeping(task, 0, 100 * (7 - task)); // the last to sleep wakes first
    pending.stepQueued(7, 0, 10);
    pending.stepQueued(8, 0, 20);
    QCOMPARE(pending.size(), std::size_t(8));
    QVERIFY(pending.heads(7));
    QVERIFY(!pending.heads(8));
    const auto numbers = [&](std::size_t limit) {
        QList<int> tasks;
        for (const PendingTask &task : pending.inOrder(limit))
            tasks << task.task;
        return tasks;
    };
    QCOMPARE(numbers(0), QList<int>());
    QCOMPARE(numbers(1), QList<int>{7});
    QCOMPARE(numbers(4), (QList<int>{7, 8, 6, 5}));
    QCOMPARE(numbers(100), (QList<int>{7, 8, 6, 5, 4, 3, 2, 1}));
}

QTEST_APPLESS_MAIN(TestPendingTasks)
#include "tst_pendingtasks.moc"
