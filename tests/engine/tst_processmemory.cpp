// SPDX-License-Identifier: MIT
#include "processmemory.h"

#include <QTest>

#include <memory>

/**
 * ProcessMemory: what the system says this process holds. The figures must
 * be plausible, the peak never below the present, and memory the process
 * touches must show up in them.
 */
class TestProcessMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresArePlausible();
    void touchedMemoryShows();
};

void TestProcessMemory::figuresArePlausible()
{
#if !defined(Q_OS_LINUX)
    QSKIP("resident memory is read from /proc on Linux");
#endif
    const qint64 now = ProcessMemory::residentBytes();
    const qint64 peak = ProcessMemory::peakResidentBytes();
    // A Qt test program holds more than a megabyte and far less than the machine.
    QVERIFY2(now > 1'000'000 && now < 4'000'000'000, qPrintable(QString::number(now)));
    QVERIFY(peak >= now * 9 / 10); // the kernel counts the two a little differently, never far apart
}

void TestProcessMemory::touchedMemoryShows()
{
#if !defined(Q_OS_LINUX)
    QSKIP("resident memory is read from /proc on Linux");
#endif
    constexpr std::size_t size = 64'000'000;
    const qint64 before = ProcessMemory::residentBytes();
    auto block = std::make_unique<char[]>(size);
    for (std::size_t i = 0; i < size; i += 4096)
        block[i] = char(i);
    const qint64 after = ProcessMemory::residentBytes();
    QVERIFY2(after - before >= qint64(size) * 8 / 10, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QVERIFY(ProcessMemory::peakResidentBytes() >= after * 9 / 10);
    QCOMPARE(block[4096], char(4096 % 256));
}

QTEST_GUILESS_MAIN(TestProcessMemory)
#include "tst_processmemory.moc"
