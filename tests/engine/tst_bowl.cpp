// SPDX-License-Identifier: MIT
#include "bowl.h"
#include "enginetestsupport.h"

#include <QTest>

/**
 * Bowl: what the window knows of a cake's mixing bowl, recorded from what
 * the recipe's mix_ingredients() reports: reporting mix i means i + 1 done.
 */
class TestBowl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchTheAnalogy();
    void aReportOfMixICountsIPlusOneDone();
    void stepCount_data();
    void stepCount();
    void cancelEndsAllButADoneBowl();
    void staysSixBytes();
    void message();
};

void TestBowl::defaultsMatchTheAnalogy()
{
    const Bowl bowl;
    QCOMPARE(bowl.mixCount(), 3);
    QCOMPARE(bowl.mixesDone(), 0);
    QCOMPARE(bowl.state(), TaskState::NotStarted);
    QCOMPARE(Bowl(7).mixCount(), 7);
}

void TestBowl::aReportOfMixICountsIPlusOneDone()
{
    Bowl bowl(3);
    bowl.setState(TaskState::Waiting);
    QCOMPARE(bowl.mixesDone(), 0);
    bowl.recordReport(0);
    QCOMPARE(bowl.mixesDone(), 1);
    QCOMPARE(bowl.state(), TaskState::Running);
    bowl.recordReport(2);
    QCOMPARE(bowl.mixesDone(), 3);
    bowl.setState(TaskState::Done);
    QCOMPARE(bowl.state(), TaskState::Done);
}

void TestBowl::stepCount_data()
{
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("steps");
    // cake.py's `for i in range(MIX_COUNT)` waits once a mix, and not at all for none or fewer.
    QTest::newRow("the analogy's 3") << 3 << 3;
    QTest::newRow("one") << 1 << 1;
    QTest::newRow("none") << 0 << 0;
    QTest::newRow("negative") << -2 << 0;
    QTest::newRow("the largest count") << 100 << 100;
}

void TestBowl::stepCount()
{
    QFETCH(int, mixes);
    QFETCH(int, steps);
    QCOMPARE(Bowl::stepCount(mixes), steps);
}

void TestBowl::cancelEndsAllButADoneBowl()
{
    for (const TaskState before : {TaskState::NotStarted, TaskState::Running, TaskState::Waiting, TaskState::Done}) {
        Bowl bowl;
        bowl.recordReport(0);
        bowl.setState(before);
        bowl.cancel();
        QCOMPARE(bowl.state(), before == TaskState::Done ? TaskState::Done : TaskState::Cancelled);
        QCOMPARE(bowl.mixesDone(), 1);
    }
}

void TestBowl::staysSixBytes()
{
    QVERIFY2(sizeof(Bowl) <= 6, qPrintable(QString::number(sizeof(Bowl))));
}

void TestBowl::message()
{
    QCOMPARE(Bowl::message(1), QStringLiteral("mixing things 1"));
}

QTEST_GUILESS_MAIN(TestBowl)
#include "tst_bowl.moc"
