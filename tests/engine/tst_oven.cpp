// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "oven.h"

#include <QTest>

/**
 * Oven: what the window knows of a cake's oven, recorded from what the
 * recipe's preheat() reports. Its step count is what the prediction, the
 * ideal time and the timeline's lanes rest on, so it must be the recipe's.
 */
class TestOven : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchTheAnalogy();
    void reportsAreRecorded();
    void stepCount_data();
    void stepCount();
    void stepCountIsTheRecipeLoopsWaits();
    void cancelInEachState_data();
    void cancelInEachState();
    void copyIsAnIndependentSnapshot();
    void staysSixBytes();
    void message();
};

namespace {
/// How many times cake.py's oven loop waits for @p target: `temp = 100; while temp < target: sleep; temp += 100`.
int recipeLoopWaits(int target)
{
    int waits = 0;
    for (int temp = 100; temp < target; temp += 100)
        ++waits;
    return waits;
}
} // namespace

void TestOven::defaultsMatchTheAnalogy()
{
    const Oven oven;
    QCOMPARE(oven.targetTemperature(), 400);
    QCOMPARE(oven.temperature(), 100);
    QCOMPARE(oven.state(), TaskState::NotStarted);
    QCOMPARE(Oven(475).targetTemperature(), 475);
}

void TestOven::reportsAreRecorded()
{
    Oven oven(400);
    oven.setState(TaskState::Waiting);
    QCOMPARE(oven.state(), TaskState::Waiting);
    QCOMPARE(oven.temperature(), 100);
    oven.recordReport(200);
    QCOMPARE(oven.temperature(), 200);
    QCOMPARE(oven.state(), TaskState::Running);
    oven.setState(TaskState::Done);
    QCOMPARE(oven.state(), TaskState::Done);
    QCOMPARE(oven.temperature(), 200);
}

void TestOven::stepCount_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("steps");
    QTest::newRow("the analogy's 400") << 400 << 3;
    QTest::newRow("475 rounds up") << 475 << 4;
    QTest::newRow("just above the start") << 101 << 1;
    QTest::newRow("the start itself") << 100 << 0;
    QTest::newRow("below the start") << 0 << 0;
    QTest::newRow("the largest target") << 1000 << 9;
}

void TestOven::stepCount()
{
    QFETCH(int, target);
    QFETCH(int, steps);
    QCOMPARE(Oven::stepCount(target), steps);
}

void TestOven::stepCountIsTheRecipeLoopsWaits()
{
    for (int target = -5; target <= 1000; ++target)
        QCOMPARE(Oven::stepCount(target), recipeLoopWaits(target));
}

void TestOven::cancelInEachState_data()
{
    QTest::addColumn<TaskState>("before");
    QTest::addColumn<TaskState>("after");
    QTest::newRow("not started") << TaskState::NotStarted << TaskState::Cancelled;
    QTest::newRow("running") << TaskState::Running << TaskState::Cancelled;
    QTest::newRow("waiting") << TaskState::Waiting << TaskState::Cancelled;
    QTest::newRow("done stays done") << TaskState::Done << TaskState::Done;
    QTest::newRow("cancelled stays cancelled") << TaskState::Cancelled << TaskState::Cancelled;
}

void TestOven::cancelInEachState()
{
    QFETCH(TaskState, before);
    QFETCH(TaskState, after);
    Oven oven;
    oven.recordReport(300);
    oven.setState(before);
    oven.cancel();
    QCOMPARE(oven.state(), after);
    QCOMPARE(oven.temperature(), 300);
}

void TestOven::copyIsAnIndependentSnapshot()
{
    Oven oven;
    oven.recordReport(200);
    const Oven snapshot = oven;
    oven.recordReport(300);
    oven.cancel();
    QCOMPARE(snapshot.temperature(), 200);
    QCOMPARE(snapshot.state(), TaskState::Running);
}

void TestOven::staysSixBytes()
{
    // Every log line keeps a kitchen, and a million cakes keep one each.
    QVERIFY2(sizeof(Oven) <= 6, qPrintable(QString::number(sizeof(Oven))));
}

void TestOven::message()
{
    QCOMPARE(Oven::message(300), QStringLiteral("temp is now 300"));
}

QTEST_GUILESS_MAIN(TestOven)
#include "tst_oven.moc"
