// SPDX-License-Identifier: MIT
#include "recipetracewriter.h"

#include "interpreter.h"
#include "recipetestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace recipe;

/**
 * RecipeTraceWriter on a real run: a track per task, its steps and waits
 * as slices named after what it waits for, and an arrow from each task to
 * the one it woke, on the test's clock.
 */
class TestRecipeTraceWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tracksSlicesAndWakeArrows();
    void aFileIsWrittenWholeOrNotAtAll();

private:
    static QJsonArray eventsWhere(const QJsonArray &events, const QString &phase);
};

namespace {
const char lockRecipe[] = "import asyncio\n"
                          "async def hold(lock):\n"
                          "    async with lock:\n"
                          "        await asyncio.sleep(0.1)\n"
                          "    print('out')\n"
                          "async def main():\n"
                          "    lock = asyncio.Lock()\n"
                          "    await asyncio.gather(hold(lock), hold(lock))\n"
                          "asyncio.run(main())\n";

void runJournaled(RunJournal &journal)
{
    const Program program = compiledForTest(lockRecipe);
    qint64 now = 0;
    Interpreter interpreter(program, testClockHooks(now));
    interpreter.setObserver(&journal);
    runOnTestClock(interpreter, now);
}
} // namespace

QJsonArray TestRecipeTraceWriter::eventsWhere(const QJsonArray &events, const QString &phase)
{
    QJsonArray found;
    for (const QJsonValue &event : events) {
        if (event.toObject().value(QStringLiteral("ph")).toString() == phase)
            found.append(event);
    }
    return found;
}

void TestRecipeTraceWriter::tracksSlicesAndWakeArrows()
{
    RunJournal journal;
    runJournaled(journal);
    const QJsonArray events = RecipeTraceWriter(journal, QStringLiteral("r.py (async)"))
                                  .toJson()
                                  .value(QStringLiteral("traceEvents"))
                                  .toArray();
    QStringList tracks;
    for (const QJsonValue &event : eventsWhere(events, QStringLiteral("M")))
        tracks << event.toObject().value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString();
    QCOMPARE(tracks,
             QStringList({QStringLiteral("r.py (async)"), QStringLiteral("Task-1 (main)"),
                          QStringLiteral("Task-2 (hold)"), QStringLiteral("Task-3 (hold)")}));
    // Task-3 waits in the lock from the start until Task-2 releases it at 100 ms; the slice is named after the
    // method, not after a bare park.
    bool waitFound = false;
    for (const QJsonValue &value : eventsWhere(events, QStringLiteral("X"))) {
        const QJsonObject slice = value.toObject();
        QVERIFY(slice.value(QStringLiteral("name")).toString() != QLatin1String("awaits"));
        if (slice.value(QStringLiteral("tid")).toInt() == 4
            && slice.value(QStringLiteral("name")).toString() == QLatin1String("Lock.acquire()")) {
            waitFound = true;
            QCOMPARE(slice.value(QStringLiteral("ts")).toDouble(), 0.0);
            QCOMPARE(slice.value(QStringLiteral("dur")).toDouble(), 100000.0);
        }
    }
    QVERIFY(waitFound);
    // Two arrows: Task-2's release to Task-3, and the last hold's end to main.
    const QJsonArray starts = eventsWhere(events, QStringLiteral("s"));
    const QJsonArray finishes = eventsWhere(events, QStringLiteral("f"));
    QCOMPARE(starts.size(), 2);
    QCOMPARE(finishes.size(), 2);
    QCOMPARE(starts[0].toObject().value(QStringLiteral("tid")).toInt(), 3);
    QCOMPARE(finishes[0].toObject().value(QStringLiteral("tid")).toInt(), 4);
    QCOMPARE(starts[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Lock.release()"));
    QCOMPARE(starts[0].toObject().value(QStringLiteral("id")), finishes[0].toObject().value(QStringLiteral("id")));
    QCOMPARE(finishes[1].toObject().value(QStringLiteral("tid")).toInt(), 2);
    // Each print is an instant on its task's track, with its text.
    int prints = 0;
    for (const QJsonValue &value : eventsWhere(events, QStringLiteral("i"))) {
        const QJsonObject mark = value.toObject();
        if (mark.value(QStringLiteral("name")).toString() == QLatin1String("print")) {
            ++prints;
            QCOMPARE(mark.value(QStringLiteral("args")).toObject().value(QStringLiteral("text")).toString(),
                     QStringLiteral("out"));
        }
    }
    QCOMPARE(prints, 2);
}

void TestRecipeTraceWriter::aFileIsWrittenWholeOrNotAtAll()
{
    RunJournal journal;
    runJournaled(journal);
    const RecipeTraceWriter writer(journal, QStringLiteral("r.py (async)"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trace.json"));
    QString error;
    QVERIFY2(writer.write(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), writer.toJson());
    QVERIFY(!writer.write(dir.filePath(QStringLiteral("missing/trace.json")), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestRecipeTraceWriter)
#include "tst_recipetracewriter.moc"
