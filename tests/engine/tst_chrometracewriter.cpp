// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "chrometracewriter.h"
#include "enginetestsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

/**
 * ChromeTraceWriter on logs built by hand, read back with QJsonDocument:
 * the tracks and their order, the waits and stalls as slices in
 * microseconds, one instant per line, and a write that fails cleanly.
 */
class TestChromeTraceWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topLevelHasEventsUnitAndRun();
    void everyTrackIsNamedInRecipeOrder();
    void asyncWaitsAreSlicesInMicroseconds();
    void syncWaitsSleepOneAfterTheOther();
    void loopStallsAreBlocksOnTheLoopTrack();
    void eachLineIsAnInstantOnItsTasksTrack();
    void notesAndOtherCakesAreLeftOut();
    void timesAreWholeNumbers();
    void writesTheFile();
    void unwritablePathFailsAndLeavesNoFile();
};

namespace {
constexpr qint64 usPerMs = 1000;
constexpr TaskId P = TaskId::Preheat;
constexpr TaskId M = TaskId::Mix;

BakeParameters recipe(int stepMs, int targetTemperature = 400, int mixCount = 3)
{
    BakeParameters p;
    p.targetTemperature = targetTemperature;
    p.mixCount = mixCount;
    p.stepMs = stepMs;
    return p;
}

/// Resumes @p task once it has woken at @p timeMs: logs its report with the kitchen, then lets it wait again or end.
void wakeAndReport(BakeLogModel &log, Kitchen &kitchen, TaskId task, qint64 timeMs, int stepMs)
{
    playTurn(kitchen, task);
    const int value = task == P ? kitchen.oven().temperature() : kitchen.bowl().mixesDone() - 1;
    log.appendEntry(LogEntry{timeMs, 0, task, value, kitchen});
    if (playTurn(kitchen, task) == QLatin1String("wait"))
        kitchen.setWakeMs(task, timeMs + stepMs);
}

/**
 * Logs a bake in @p mode as the drivers would, every wake exactly on time,
 * and returns its run. The log then reads like the analogy's output.
 */
int bakeByHand(BakeLogModel &log, BakeMode mode, const BakeParameters &p)
{
    const int run = log.beginRun(mode, p);
    Kitchen kitchen(p.targetTemperature, p.mixCount);
    qint64 now = 0;
    if (mode == BakeMode::Async) {
        for (TaskId task : {P, M}) {
            if (playTurn(kitchen, task) == QLatin1String("wait"))
                kitchen.setWakeMs(task, p.stepMs);
        }
        while (!kitchen.isFinished()) {
            now += p.stepMs;
            for (TaskId task : {P, M}) {
                if (kitchen.state(task) == TaskState::Waiting)
                    wakeAndReport(log, kitchen, task, now, p.stepMs);
            }
        }
    } else {
        for (TaskId task : {P, M}) {
            if (playTurn(kitchen, task) == QLatin1String("wait"))
                kitchen.setWakeMs(task, now + p.stepMs);
            while (kitchen.state(task) == TaskState::Waiting) {
                now += p.stepMs;
                wakeAndReport(log, kitchen, task, now, p.stepMs);
            }
        }
    }
    BakeOutcome outcome;
    outcome.mode = mode;
    outcome.parameters = p;
    outcome.totalMs = now;
    log.finishRun(outcome);
    return run;
}

QJsonObject traceOf(const BakeLogModel &log, int run)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(ChromeTraceWriter(log, run).toBytes(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "the trace is not JSON:" << error.errorString();
    return document.object();
}

/// The events of @p trace whose "ph" is @p phase, in the order they were written.
QList<QJsonObject> eventsOf(const QJsonObject &trace, const QString &phase)
{
    QList<QJsonObject> events;
    for (const QJsonValue &value : trace.value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(QStringLiteral("ph")).toString() == phase)
            events.append(event);
    }
    return events;
}

QList<QJsonObject> slicesOf(const QJsonObject &trace, const QString &category)
{
    QList<QJsonObject> slices;
    for (const QJsonObject &event : eventsOf(trace, QStringLiteral("X"))) {
        if (event.value(QStringLiteral("cat")).toString() == category)
            slices.append(event);
    }
    return slices;
}

/// "tid 1 [0, 1000000]", so a wrong slice reads well in a failed comparison.
QString describeSlice(const QJsonObject &slice)
{
    const qint64 ts = slice.value(QStringLiteral("ts")).toInteger();
    return QStringLiteral("tid %1 [%2, %3]")
        .arg(slice.value(QStringLiteral("tid")).toInt())
        .arg(ts)
        .arg(ts + slice.value(QStringLiteral("dur")).toInteger());
}

QString slice(int tid, qint64 startMs, qint64 endMs)
{
    return QStringLiteral("tid %1 [%2, %3]").arg(tid).arg(startMs * usPerMs).arg(endMs * usPerMs);
}

QString threadName(const QJsonObject &trace, int tid)
{
    for (const QJsonObject &event : eventsOf(trace, QStringLiteral("M"))) {
        if (event.value(QStringLiteral("name")).toString() == QLatin1String("thread_name")
            && event.value(QStringLiteral("tid")).toInt() == tid)
            return event.value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString();
    }
    return {};
}
} // namespace

void TestChromeTraceWriter::topLevelHasEventsUnitAndRun()
{
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(1000));
    const QJsonObject trace = traceOf(log, run);

    QVERIFY(trace.value(QStringLiteral("traceEvents")).isArray());
    QCOMPARE(trace.value(QStringLiteral("displayTimeUnit")).toString(), QStringLiteral("ms"));
    const QJsonObject other = trace.value(QStringLiteral("otherData")).toObject();
    QCOMPARE(other.value(QStringLiteral("mode")).toString(), QStringLiteral("async"));
    QCOMPARE(other.value(QStringLiteral("target_temp")).toInt(), 400);
    QCOMPARE(other.value(QStringLiteral("mix_count")).toInt(), 3);
    QCOMPARE(other.value(QStringLiteral("step_ms")).toInt(), 1000);
    QCOMPARE(other.value(QStringLiteral("cakes")).toInt(), 1);
    QCOMPARE(other.value(QStringLiteral("speed")).toDouble(), 1.0);
    QCOMPARE(other.value(QStringLiteral("total_ms")).toInt(), 3000);
    QCOMPARE(other.value(QStringLiteral("ideal_ms")).toInt(), 3000);
    QCOMPARE(other.value(QStringLiteral("cancelled")).toBool(), false);
}

void TestChromeTraceWriter::everyTrackIsNamedInRecipeOrder()
{
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(1000));
    const QJsonObject trace = traceOf(log, run);

    QString processName;
    QMap<int, int> sortIndexOf; // tid -> sort index
    for (const QJsonObject &event : eventsOf(trace, QStringLiteral("M"))) {
        QCOMPARE(event.value(QStringLiteral("pid")).toInt(), ChromeTraceWriter::processId);
        const QString name = event.value(QStringLiteral("name")).toString();
        const QJsonObject args = event.value(QStringLiteral("args")).toObject();
        if (name == QLatin1String("process_name"))
            processName = args.value(QStringLiteral("name")).toString();
        else if (name == QLatin1String("thread_sort_index"))
            sortIndexOf.insert(event.value(QStringLiteral("tid")).toInt(),
                               args.value(QStringLiteral("sort_index")).toInt());
    }
    QCOMPARE(processName, QStringLiteral("Bakeloop"));
    QCOMPARE(threadName(trace, ChromeTraceWriter::preheatThreadId), QStringLiteral("preheat"));
    QCOMPARE(threadName(trace, ChromeTraceWriter::mixThreadId), QStringLiteral("mix_ingredients"));
    QCOMPARE(threadName(trace, ChromeTraceWriter::loopThreadId), QStringLiteral("event loop"));
    QCOMPARE(sortIndexOf.size(), 3);
    QVERIFY(sortIndexOf.value(ChromeTraceWriter::preheatThreadId) < sortIndexOf.value(ChromeTraceWriter::mixThreadId));
    QVERIFY(sortIndexOf.value(ChromeTraceWriter::mixThreadId) < sortIndexOf.value(ChromeTraceWriter::loopThreadId));

    // Every event of the run sits on a named track of the one process.
    for (const QJsonValue &value : trace.value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject event = value.toObject();
        QCOMPARE(event.value(QStringLiteral("pid")).toInt(), ChromeTraceWriter::processId);
        if (event.value(QStringLiteral("ph")).toString() != QLatin1String("M"))
            QVERIFY(!threadName(trace, event.value(QStringLiteral("tid")).toInt()).isEmpty());
    }
}

void TestChromeTraceWriter::asyncWaitsAreSlicesInMicroseconds()
{
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(1000));
    const QList<QJsonObject> waits = slicesOf(traceOf(log, run), QStringLiteral("wait"));

    QCOMPARE(waits.size(), 6);
    for (const QJsonObject &wait : waits)
        QCOMPARE(wait.value(QStringLiteral("name")).toString(), QStringLiteral("await asyncio.sleep(1)"));
    constexpr int p = ChromeTraceWriter::preheatThreadId;
    constexpr int m = ChromeTraceWriter::mixThreadId;
    const QStringList expected{slice(p, 0, 1000),    slice(m, 0, 1000),    slice(p, 1000, 2000),
                               slice(m, 1000, 2000), slice(p, 2000, 3000), slice(m, 2000, 3000)};
    QStringList actual;
    for (const QJsonObject &wait : waits)
        actual << describeSlice(wait);
    QCOMPARE(actual, expected);
}

void TestChromeTraceWriter::syncWaitsSleepOneAfterTheOther()
{
    constexpr int stepMs = 50;
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Sync, recipe(stepMs, 300, 1));
    const QList<QJsonObject> waits = slicesOf(traceOf(log, run), QStringLiteral("wait"));

    QStringList actual;
    for (const QJsonObject &wait : waits) {
        QCOMPARE(wait.value(QStringLiteral("name")).toString(), QStringLiteral("time.sleep(0.05)"));
        actual << describeSlice(wait);
    }
    constexpr int p = ChromeTraceWriter::preheatThreadId;
    QCOMPARE(actual,
             QStringList({slice(p, 0, 50), slice(p, 50, 100), slice(ChromeTraceWriter::mixThreadId, 100, 150)}));
}

void TestChromeTraceWriter::loopStallsAreBlocksOnTheLoopTrack()
{
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Sync, recipe(1000));
    log.measureRun(5990, 1, {{3, 5993}, {5995, 6000}});
    const QList<QJsonObject> blocks = slicesOf(traceOf(log, run), QStringLiteral("stall"));

    QCOMPARE(blocks.size(), 2);
    for (const QJsonObject &block : blocks)
        QCOMPARE(block.value(QStringLiteral("name")).toString(), QStringLiteral("loop blocked"));
    QCOMPARE(describeSlice(blocks[0]), slice(ChromeTraceWriter::loopThreadId, 3, 5993));
    QCOMPARE(describeSlice(blocks[1]), slice(ChromeTraceWriter::loopThreadId, 5995, 6000));
    QCOMPARE(blocks[0].value(QStringLiteral("dur")).toInteger(), 5990 * usPerMs);
}

void TestChromeTraceWriter::eachLineIsAnInstantOnItsTasksTrack()
{
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(1000));
    const QList<QJsonObject> instants = eventsOf(traceOf(log, run), QStringLiteral("i"));
    const QList<LogEntry> entries = log.entries(run);

    QCOMPARE(instants.size(), entries.size());
    QCOMPARE(instants.size(), 6);
    for (int i = 0; i < instants.size(); ++i) {
        const QJsonObject &instant = instants[i];
        const LogEntry &entry = entries[i];
        QCOMPARE(instant.value(QStringLiteral("name")).toString(), entry.text());
        QCOMPARE(instant.value(QStringLiteral("s")).toString(), QStringLiteral("t"));
        QCOMPARE(instant.value(QStringLiteral("cat")).toString(), QStringLiteral("log"));
        QCOMPARE(instant.value(QStringLiteral("ts")).toInteger(), entry.timeMs * usPerMs);
        QCOMPARE(instant.value(QStringLiteral("tid")).toInt(),
                 entry.task == P ? ChromeTraceWriter::preheatThreadId : ChromeTraceWriter::mixThreadId);
        const QJsonObject args = instant.value(QStringLiteral("args")).toObject();
        QCOMPARE(args.value(QStringLiteral("line")).toInt(), i + 1);
        QCOMPARE(args.value(QStringLiteral("oven_temp")).toInt(), entry.kitchen.oven().temperature());
        QCOMPARE(args.value(QStringLiteral("mixes_done")).toInt(), entry.kitchen.bowl().mixesDone());
    }
    // The analogy's third line: the oven at 300 °F, one mix done, the bowl waiting as the oven reports.
    QCOMPARE(instants[2].value(QStringLiteral("name")).toString(), QStringLiteral("preheat:: temp is now 300"));
    const QJsonObject third = instants[2].value(QStringLiteral("args")).toObject();
    QCOMPARE(third.value(QStringLiteral("oven_temp")).toInt(), 300);
    QCOMPARE(third.value(QStringLiteral("mixes_done")).toInt(), 1);
    QCOMPARE(third.value(QStringLiteral("preheat_state")).toString(), QStringLiteral("running"));
    QCOMPARE(third.value(QStringLiteral("mix_state")).toString(), QStringLiteral("waiting"));
}

void TestChromeTraceWriter::notesAndOtherCakesAreLeftOut()
{
    BakeLogModel log;
    bakeByHand(log, BakeMode::Sync, recipe(1000));
    const int run = log.beginRun(BakeMode::Async, recipe(1000, 200, 0));
    Kitchen kitchen(200, 0);
    log.appendEntry(LogEntry{1000, 0, P, 200, kitchen});
    log.appendNote(1200, QStringLiteral("your click waited 0.2 s"));
    log.appendEntry(LogEntry{1000, 1, P, 200, kitchen});
    BakeOutcome outcome;
    outcome.parameters = recipe(1000, 200, 0);
    outcome.totalMs = 1000;
    log.finishRun(outcome);

    const QJsonObject trace = traceOf(log, run);
    const QList<QJsonObject> instants = eventsOf(trace, QStringLiteral("i"));
    QCOMPARE(instants.size(), 1);
    QCOMPARE(instants[0].value(QStringLiteral("name")).toString(), QStringLiteral("preheat:: temp is now 200"));
    // Only this run: the sync run before it is not in its trace.
    QCOMPARE(slicesOf(trace, QStringLiteral("wait")).size(), 1);
}

void TestChromeTraceWriter::timesAreWholeNumbers()
{
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(7));
    log.measureRun(12, 0, {{1, 13}});
    const QJsonObject trace = traceOf(log, run);
    int timed = 0;
    for (const QJsonValue &value : trace.value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject event = value.toObject();
        for (const QString &key : {QStringLiteral("ts"), QStringLiteral("dur")}) {
            if (!event.contains(key))
                continue;
            const QJsonValue time = event.value(key);
            QVERIFY(time.isDouble());
            QCOMPARE(time.toDouble(), double(time.toInteger()));
            QVERIFY(time.toInteger() % usPerMs == 0);
            ++timed;
        }
    }
    QVERIFY(timed > 0);
    // Written as integers too, never as "7000.0" or "7e+03".
    const QByteArray bytes = ChromeTraceWriter(log, run).toBytes();
    QVERIFY(bytes.contains("\"ts\": 7000"));
    QVERIFY(!bytes.contains("7000."));
    QVERIFY(!bytes.contains("e+"));
}

void TestChromeTraceWriter::writesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(1000));
    const QString path = dir.filePath(QStringLiteral("bake.json"));
    QString error;
    QVERIFY(ChromeTraceWriter(log, run).write(path, &error));
    QVERIFY(error.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), ChromeTraceWriter(log, run).toBytes());
}

void TestChromeTraceWriter::unwritablePathFailsAndLeavesNoFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BakeLogModel log;
    const int run = bakeByHand(log, BakeMode::Async, recipe(1000));
    const ChromeTraceWriter writer(log, run);

    const QString inMissingFolder = dir.filePath(QStringLiteral("gone/bake.json"));
    QString error;
    QVERIFY(!writer.write(inMissingFolder, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write %1: ").arg(inMissingFolder)), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QVERIFY(!QFile::exists(inMissingFolder));

    // A folder in the way: refused, the folder as it was, and nothing left beside it.
    const QString folder = dir.filePath(QStringLiteral("taken"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken")));
    error.clear();
    QVERIFY(!writer.write(folder, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write %1: ").arg(folder)), qPrintable(error));
    QVERIFY(QFileInfo(folder).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("taken")});

    // No error pointer is fine too.
    QVERIFY(!writer.write(inMissingFolder, nullptr));
}

QTEST_GUILESS_MAIN(TestChromeTraceWriter)
#include "tst_chrometracewriter.moc"
