// SPDX-License-Identifier: MIT
#include "memorybudget.h"
#include "processmemory.h"

#include <QTest>

using namespace recipe;

/**
 * MemoryBudget: a recipe may take what its limit allows, and never most of a
 * small machine; what it asks for beyond that is refused before it is taken.
 */
class TestMemoryBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSmallMachineCapsTheLimit_data();
    void aSmallMachineCapsTheLimit();
    void theBudgetHereIsCappedByThisMachine();
    void refusesWhatWouldPassTheLimit();
};

void TestMemoryBudget::aSmallMachineCapsTheLimit_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("machine");
    QTest::addColumn<qint64>("capped");
    constexpr qint64 gib = qint64(1) << 30;
    QTest::newRow("a large machine leaves the limit") << gib << 16 * gib << gib;
    QTest::newRow("a 1 GiB machine gives three quarters") << gib << gib << gib / 100 * 75;
    QTest::newRow("a million cakes on a 2 GiB machine") << 3 * gib << 2 * gib << 2 * gib / 100 * 75;
    QTest::newRow("an unknown machine leaves the limit") << gib << qint64(-1) << gib;
}

void TestMemoryBudget::aSmallMachineCapsTheLimit()
{
    QFETCH(qint64, limit);
    QFETCH(qint64, machine);
    QFETCH(qint64, capped);
    QCOMPARE(MemoryBudget::cappedToMachine(limit, machine), capped);
}

void TestMemoryBudget::theBudgetHereIsCappedByThisMachine()
{
    const qint64 machine = ProcessMemory::machineBytes();
    QVERIFY(machine > 0); // Linux tells
    const qint64 huge = machine * 4;
    QCOMPARE(MemoryBudget(huge).limitBytes(), machine / 100 * MemoryBudget::machineSharePercent);
    QCOMPARE(MemoryBudget(qint64(1) << 20).limitBytes(), qint64(1) << 20);
}

void TestMemoryBudget::refusesWhatWouldPassTheLimit()
{
    MemoryBudget budget(qint64(64) << 20);
    QVERIFY(budget.allow(qint64(1) << 20));
    QVERIFY(!budget.allow(qint64(65) << 20));
    // What it has not taken is still there to take.
    QVERIFY(budget.allow(qint64(1) << 20));
}

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memorybudget.moc"
