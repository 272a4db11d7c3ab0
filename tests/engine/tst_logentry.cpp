// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "logentry.h"

#include <QTest>
#include <QVariant>

/**
 * LogEntry: the lines every mode prints, made on demand from a task, a value
 * and a kitchen snapshot. The text must be the Python reference's, byte for byte.
 */
class TestLogEntry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messageAndText_data();
    void messageAndText();
    void lineFormats_data();
    void lineFormats();
    void snapshotIsIndependentOfTheKitchen();
    void travelsInAVariant();
    void aWorkersLineNamesItsThread();
};

namespace {
LogEntry makeEntry(qint64 timeMs, int cake, TaskId task, int value)
{
    LogEntry entry;
    entry.timeMs = timeMs;
    entry.cake = cake;
    entry.task = task;
    entry.value = value;
    return entry;
}
} // namespace

void TestLogEntry::messageAndText_data()
{
    QTest::addColumn<TaskId>("task");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("text");

    QTest::newRow("preheat 200") << TaskId::Preheat << 200 << QStringLiteral("temp is now 200")
                                 << QStringLiteral("preheat:: temp is now 200");
    QTest::newRow("preheat 500") << TaskId::Preheat << 500 << QStringLiteral("temp is now 500")
                                 << QStringLiteral("preheat:: temp is now 500");
    QTest::newRow("mix 0") << TaskId::Mix << 0 << QStringLiteral("mixing things 0")
                           << QStringLiteral("mix_ingredients:: mixing things 0");
    QTest::newRow("mix 2") << TaskId::Mix << 2 << QStringLiteral("mixing things 2")
                           << QStringLiteral("mix_ingredients:: mixing things 2");
}

void TestLogEntry::messageAndText()
{
    QFETCH(TaskId, task);
    QFETCH(int, value);
    QFETCH(QString, message);
    QFETCH(QString, text);

    const LogEntry entry = makeEntry(1000, 0, task, value);
    QCOMPARE(entry.message(), message);
    QCOMPARE(entry.text(), text);
    // With no prefix asked for, the command line prints exactly the reference's line.
    QCOMPARE(entry.line({}), text);
}

void TestLogEntry::lineFormats_data()
{
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<int>("cake");
    QTest::addColumn<bool>("timestamps");
    QTest::addColumn<bool>("cakeNumbers");
    QTest::addColumn<QString>("line");

    QTest::newRow("plain") << qint64(1000) << 0 << false << false << QStringLiteral("preheat:: temp is now 200");
    // The time is right-aligned in six places so that a column of lines stays aligned.
    QTest::newRow("timestamp") << qint64(1000) << 0 << true << false
                               << QStringLiteral("[  1000 ms] preheat:: temp is now 200");
    QTest::newRow("timestamp zero") << qint64(0) << 0 << true << false
                                    << QStringLiteral("[     0 ms] preheat:: temp is now 200");
    QTest::newRow("timestamp wider than six")
        << qint64(1234567) << 0 << true << false << QStringLiteral("[1234567 ms] preheat:: temp is now 200");
    // Cakes count from 0 inside and from 1 on screen.
    QTest::newRow("cake number") << qint64(1000) << 2 << false << true
                                 << QStringLiteral("cake 3: preheat:: temp is now 200");
    QTest::newRow("both, time first") << qint64(30) << 0 << true << true
                                      << QStringLiteral("[    30 ms] cake 1: preheat:: temp is now 200");
}

void TestLogEntry::lineFormats()
{
    QFETCH(qint64, timeMs);
    QFETCH(int, cake);
    QFETCH(bool, timestamps);
    QFETCH(bool, cakeNumbers);
    QFETCH(QString, line);

    const LogEntry entry = makeEntry(timeMs, cake, TaskId::Preheat, 200);
    QCOMPARE(entry.line({.timestamps = timestamps, .cakeNumbers = cakeNumbers}), line);
}

void TestLogEntry::snapshotIsIndependentOfTheKitchen()
{
    // A view replays a line's moment from its entry: the kitchen running on must not change it.
    Kitchen kitchen;
    playTurn(kitchen, TaskId::Preheat);
    playTurn(kitchen, TaskId::Preheat);
    LogEntry entry = makeEntry(1000, 0, TaskId::Preheat, 200);
    entry.kitchen = kitchen;

    playTurn(kitchen, TaskId::Preheat);
    playTurn(kitchen, TaskId::Preheat);
    kitchen.cancel();

    QCOMPARE(entry.kitchen.oven().temperature(), 200);
    QCOMPARE(entry.kitchen.state(TaskId::Preheat), TaskState::Running);
    QCOMPARE(entry.kitchen.state(TaskId::Mix), TaskState::NotStarted);
    QCOMPARE(kitchen.oven().temperature(), 300);
}

void TestLogEntry::travelsInAVariant()
{
    // Queued signals and the model's EntryRole carry entries as QVariants.
    LogEntry entry = makeEntry(2000, 4, TaskId::Mix, 1);
    entry.kitchen = Kitchen(300, 2);
    playTurn(entry.kitchen, TaskId::Mix);
    entry.kitchen.setWakeMs(TaskId::Mix, 2500);

    const QVariant variant = QVariant::fromValue(entry);
    QVERIFY(variant.canConvert<LogEntry>());
    const LogEntry back = variant.value<LogEntry>();
    QCOMPARE(back.timeMs, qint64(2000));
    QCOMPARE(back.cake, 4);
    QCOMPARE(back.task, TaskId::Mix);
    QCOMPARE(back.value, 1);
    QCOMPARE(back.text(), QStringLiteral("mix_ingredients:: mixing things 1"));
    QCOMPARE(back.kitchen.oven().targetTemperature(), 300);
    QCOMPARE(back.kitchen.wakeMs(TaskId::Mix), qint64(2500));
}

void TestLogEntry::aWorkersLineNamesItsThread()
{
    LogEntry entry{1000, 0, TaskId::Mix, 2, Kitchen()};
    QCOMPARE(entry.threadName(), QString());
    QCOMPARE(entry.line({}), QStringLiteral("mix_ingredients:: mixing things 2"));
    // As Python names a thread made with target=mix_ingredients.
    entry.thread = 4;
    QCOMPARE(entry.threadName(), QStringLiteral("Thread-4 (mix_ingredients)"));
    QCOMPARE(entry.line({true, true}),
             QStringLiteral("[  1000 ms] cake 1: [Thread-4 (mix_ingredients)] mix_ingredients:: mixing things 2"));
    QCOMPARE(entry.text(), QStringLiteral("mix_ingredients:: mixing things 2")); // the Python text stays as it is
}

QTEST_GUILESS_MAIN(TestLogEntry)
#include "tst_logentry.moc"
