// SPDX-License-Identifier: MIT
#include "blockingtwinwriter.h"
#include "parsedrecipe.h"
#include "resource.h"

#include <QTest>

using namespace recipe;

/**
 * BlockingTwinWriter: each rule on a small recipe, compared with the exact
 * text of its twin (the recipe's own text, only the rule's words changed),
 * and the refusal of a recipe that asks a task done() or result(), or gathers errors.
 */
class TestBlockingTwinWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheTwin_data();
    void writesTheTwin();
    void refusesATaskQuestion_data();
    void refusesATaskQuestion();
    void resourceClassesRaiseTheKitchensWords();
};

namespace {
TwinSource twinOf(const QString &recipe)
{
    return BlockingTwinWriter::write(parsedRecipe(recipe));
}
} // namespace

void TestBlockingTwinWriter::writesTheTwin_data()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("twin");
    QTest::newRow("async def, await, sleep, run; comments kept")
        << "import asyncio\n\n# the oven\nasync def heat(n):  # slowly\n    await asyncio.sleep(n)  # wait\n"
           "\n\nasyncio.run(heat(1))\n"
        << "import asyncio\nimport time\n\n# the oven\ndef heat(n):  # slowly\n    time.sleep(n)  # wait\n\n\n"
           "heat(1)\n";
    QTest::newRow("time imported already") << "import asyncio, time\nasync def f():\n    await asyncio.sleep(0)\n"
                                           << "import asyncio, time\ndef f():\n    time.sleep(0)\n";
    QTest::newRow("no imports: time goes before the first statement") << "# a plain program\nprint(1)\n"
                                                                      << "# a plain program\nimport time\nprint(1)\n";
    QTest::newRow("sleep's result is dropped")
        << "import time\nasync def f():\n    x = await asyncio.sleep(1, 'done')\n"
        << "import time\ndef f():\n    x = time.sleep(1)\n";
    QTest::newRow("gather becomes a list, starred too")
        << "import time\nasync def m():\n    r = await asyncio.gather(a(), b(2))\n"
           "    s = await asyncio.gather(*[c(i) for i in range(3)])\n"
        << "import time\ndef m():\n    r = [a(), b(2)]\n    s = [*[c(i) for i in range(3)]]\n";
    QTest::newRow("create_task, nested in gather")
        << "import time\nasync def m():\n    t = asyncio.create_task(a())\n    await t\n"
           "    await asyncio.gather(asyncio.create_task(b()), t)\n"
        << "import time\ndef m():\n    t = a()\n    t\n    [b(), t]\n";
    QTest::newRow("an awaited expression keeps its parentheses")
        << "import time\nasync def m():\n    return 2 * await (f())\n"
        << "import time\ndef m():\n    return 2 * (f())\n";
    QTest::newRow("run's argument parenthesized where needed") << "import time\nx = 1 + asyncio.run(a if b else c)\n"
                                                               << "import time\nx = 1 + (a if b else c)\n";
    QTest::newRow("await inside an f-string and a call spread over lines")
        << "import time\nasync def m():\n    print(f'{await f()}!',\n          await asyncio.sleep(\n"
           "              1))\n"
        << "import time\ndef m():\n    print(f'{f()}!',\n          time.sleep(\n              1))\n";
    QTest::newRow("a lock and an event: their classes after the imports, async with is with")
        << "import asyncio\n\n\nasync def m(q):\n    lock = asyncio.Lock()\n    e = asyncio.Event()\n"
           "    async with lock, q as x:\n        await e.wait()\n"
        << "import asyncio\nimport time\n\n\nLOCK\nEVENT\ndef m(q):\n    lock = Lock()\n    e = Event()\n"
           "    with lock, q as x:\n        e.wait()\n";
    QTest::newRow("a queue's exceptions stay asyncio's")
        << "import asyncio, time\nasync def m():\n    q = asyncio.Queue(2)\n    try:\n        q.get_nowait()\n"
           "    except asyncio.QueueEmpty:\n        pass\n"
        << "import asyncio, time\n\n\nQUEUE\ndef m():\n    q = Queue(2)\n    try:\n        q.get_nowait()\n"
           "    except asyncio.QueueEmpty:\n        pass\n";
    QTest::newRow("a wide character before the rewrite")
        << "import time\nasync def m():\n    print('\U0001F370', await f())\n"
        << "import time\ndef m():\n    print('\U0001F370', f())\n";
}

void TestBlockingTwinWriter::writesTheTwin()
{
    QFETCH(QString, recipe);
    QFETCH(QString, twin);
    const TwinSource written = twinOf(recipe);
    QVERIFY2(written.exists(), qPrintable(written.refusal));
    // The stand-in classes are checked on their own (resourceClassesRaiseTheKitchensWords).
    const auto classOf
        = [](const char *name) { return BlockingTwinWriter::resourceClasses({QString::fromLatin1(name)}); };
    QCOMPARE(written.text,
             twin.replace(QLatin1String("LOCK\n"), classOf("Lock"))
                 .replace(QLatin1String("EVENT\n"), classOf("Event"))
                 .replace(QLatin1String("QUEUE\n"), classOf("Queue")));
}

void TestBlockingTwinWriter::refusesATaskQuestion_data()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("done") << "import asyncio\nasync def m():\n    t = asyncio.create_task(f())\n    print(t.done())\n"
                          << "r.py:4:11 asks a task whether it is done";
    QTest::newRow("result") << "import asyncio\nasync def m():\n    x = [t.result() for t in ts]\n"
                            << "r.py:3:10 asks a task whether it is done or for its result";
    QTest::newRow("gather collecting errors")
        << "import asyncio\nasync def m():\n    r = await asyncio.gather(f(), return_exceptions=True)\n"
        << "r.py:3:15 gathers with return_exceptions";
    QTest::newRow("a class of the recipe's named as the twin's Lock")
        << "import asyncio\ndef Lock():\n    pass\nasync def m():\n    lock = asyncio.Lock()\n"
        << "r.py:1:1 uses the name Lock for something of its own";
    QTest::newRow("wait_for") << "import asyncio\nasync def m():\n    await asyncio.wait_for(f(), 1)\n"
                              << "r.py:3:11 gives up on a wait with asyncio.wait_for; the blocking twin's one thread";
}

void TestBlockingTwinWriter::refusesATaskQuestion()
{
    QFETCH(QString, recipe);
    QFETCH(QString, refusal);
    const TwinSource written = twinOf(recipe);
    QVERIFY(!written.exists());
    QVERIFY(written.text.isEmpty());
    QVERIFY2(written.refusalIn(QStringLiteral("r.py")).startsWith(refusal), qPrintable(written.refusalIn("r.py")));
}

void TestBlockingTwinWriter::resourceClassesRaiseTheKitchensWords()
{
    // What the engine's blocking kitchen raises where a method would wait is what the classes raise under python3.
    const QString all = BlockingTwinWriter::resourceClasses(
        {QStringLiteral("Lock"), QStringLiteral("Semaphore"), QStringLiteral("Event"), QStringLiteral("Queue")});
    for (const char *method :
         {"Lock.acquire", "Semaphore.acquire", "Event.wait", "Queue.put", "Queue.get", "Queue.join"}) {
        const QString raised
            = QStringLiteral("raise RuntimeError(\"%1\")").arg(Resource::waitsForItself(QString::fromLatin1(method)));
        QVERIFY2(all.count(raised) == 1, method);
    }
    // In the order asked for by name, each with two blank lines after it; none when none is named.
    QVERIFY(all.indexOf(QLatin1String("class Lock:")) < all.indexOf(QLatin1String("class Semaphore:")));
    QVERIFY(all.indexOf(QLatin1String("class Event:")) < all.indexOf(QLatin1String("class Queue:")));
    QVERIFY(all.endsWith(QLatin1String(">\"\n\n\n")));
    QVERIFY(BlockingTwinWriter::resourceClasses({}).isEmpty());
    QVERIFY(!BlockingTwinWriter::resourceClasses({QStringLiteral("Event")}).contains(QLatin1String("class Lock")));
}

QTEST_GUILESS_MAIN(TestBlockingTwinWriter)
#include "tst_blockingtwinwriter.moc"
