// SPDX-License-Identifier: MIT
#include "parsedrecipe.h"
#include "threadedtwinwriter.h"

#include <QTest>

using namespace recipe;

/**
 * ThreadedTwinWriter: the contract's rules 1 to 10 each on a small recipe,
 * compared with the exact text of its twin (PROLOGUE in an expected text
 * stands for the prologue), and its refusals with where and why.
 */
class TestThreadedTwinWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheTwin_data();
    void writesTheTwin();
    void refuses_data();
    void refuses();
    void prologueDefinesTheTwinsNames();
};

namespace {
TwinSource twinOf(const QString &recipe)
{
    return ThreadedTwinWriter::write(parsedRecipe(recipe));
}
} // namespace

void TestThreadedTwinWriter::writesTheTwin_data()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("twin");
    QTest::newRow("imports, prologue, async def, sleep, run, print")
        << "# cake\nimport asyncio\n\n\nasync def f(n):  # oven\n    await asyncio.sleep(n, 'x')\n    print('hot', n)\n"
           "\n\nasyncio.run(f(1))\n"
        << "# cake\nimport threading\nimport io\nimport time\n\n\nPROLOGUE\n\n\ndef f(n):  # oven\n    time.sleep(n)\n"
           "    say('hot', n)\n\n\nf(1)\n";
    QTest::newRow("no blank line after the imports gets two")
        << "import asyncio, time\nprint(1)\n"
        << "import threading, time\nimport io\n\n\nPROLOGUE\n\n\nsay(1)\n";
    QTest::newRow("no imports at all") << "print(1)\n"
                                       << "import io\nimport threading\nimport time\n\n\nPROLOGUE\n\n\nsay(1)\n";
    QTest::newRow("spawn sites in gather, awaited calls run inline")
        << "import asyncio, time\nasync def m():\n    await asyncio.gather(a(1, k=2), b(), x)\n    await a(3)\n"
        << "import threading, time\nimport io\n\n\nPROLOGUE\n\n\ndef m():\n    gather(Task(a, 1, k=2), Task(b), x)\n   "
           " a(3)\n";
    QTest::newRow("create_task is a Task, awaiting a task waits")
        << "import asyncio, time\nasync def m():\n    t = asyncio.create_task(cook(i))\n    v = await t\n"
           "    print(t.done(), t.result())\n"
        << "import threading, time\nimport io\n\n\nPROLOGUE\n\n\ndef m():\n    t = Task(cook, i)\n    v = wait(t)\n"
           "    say(t.done(), t.result())\n";
    QTest::newRow("resources: threading's and queue's, async with is with, their waits plain calls")
        << "import asyncio\nasync def m():\n    lock = asyncio.Lock()\n    q = asyncio.Queue(2)\n"
           "    async with lock, asyncio.Semaphore(2) as s:\n        await q.put(await q.get())\n"
           "    try:\n        await asyncio.Event().wait()\n    except (asyncio.QueueEmpty, asyncio.QueueFull):\n"
           "        await t\n"
        << "import threading\nimport io\nimport time\nimport queue\n\n\nPROLOGUE\n\n\ndef m():\n"
           "    lock = threading.Lock()\n    q = queue.Queue(2)\n    with lock, threading.Semaphore(2) as s:\n"
           "        q.put(q.get())\n    try:\n        threading.Event().wait()\n"
           "    except (queue.Empty, queue.Full):\n        wait(t)\n";
    QTest::newRow("a recipe with a queue of its own imports the module as queues")
        << "import asyncio\nasync def m():\n    queue = asyncio.Queue()\n"
        << "import threading\nimport io\nimport time\nimport queue as queues\n\n\nPROLOGUE\n\n\ndef m():\n"
           "    queue = queues.Queue()\n";
    QTest::newRow("starred comprehension of spawn sites")
        << "import asyncio, time\nasync def m():\n    r = await asyncio.gather(*[cook(i) for i in range(3) if i])\n"
        << "import threading, time\nimport io\n\n\nPROLOGUE\n\n\ndef m():\n    r = gather(*[Task(cook, i) for i in "
           "range(3) if "
           "i])\n";
    QTest::newRow("anything else awaited is waited for")
        << "import asyncio, time\nasync def m():\n    x = await ts[0]\n    y = await asyncio.create_task(f())\n"
        << "import threading, time\nimport io\n\n\nPROLOGUE\n\n\ndef m():\n    x = wait(ts[0])\n    y = "
           "wait(Task(f))\n";
    QTest::newRow("a call that is not a spawn site stays a call")
        << "import asyncio, time\nasync def m():\n    c = f()\n    await asyncio.gather(c, len(c))\n"
        << "import threading, time\nimport io\n\n\nPROLOGUE\n\n\ndef m():\n    c = f()\n    gather(c, len(c))\n";
}

void TestThreadedTwinWriter::writesTheTwin()
{
    QFETCH(QString, recipe);
    QFETCH(QString, twin);
    // The rows' functions are defined where they are used: the writer only needs their names.
    const QString functions = QStringLiteral("\n\ndef a(n=0, k=0):\n    pass\n\n\ndef b():\n    pass\n\n\n"
                                             "def cook(i):\n    pass\n\n\ndef f(n=0):\n    pass\n");
    const TwinSource written = twinOf(recipe + functions);
    QVERIFY2(written.exists(), qPrintable(written.refusal));
    QString expected = twin + functions;
    expected.replace(QStringLiteral("PROLOGUE\n"), ThreadedTwinWriter::prologue());
    QCOMPARE(written.text, expected);
}

void TestThreadedTwinWriter::refuses_data()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("create_task of a coroutine made earlier")
        << "import asyncio\nasync def f():\n    pass\nasync def m():\n    c = f()\n    t = asyncio.create_task(c)\n"
        << "r.py:6:9 gives asyncio.create_task something other than a call of one of the recipe's functions";
    QTest::newRow("create_task of a builtin's call")
        << "import asyncio\nasync def m():\n    t = asyncio.create_task(asyncio.sleep(1))\n"
        << "r.py:3:9 gives asyncio.create_task";
    QTest::newRow("a timeout") << "import asyncio\nasync def m():\n    async with asyncio.timeout(1):\n        pass\n"
                               << "r.py:3:16 gives up on a wait with asyncio.timeout; a thread cannot be cancelled";
    QTest::newRow("asyncio's function as a value") << "import asyncio\nasync def m():\n    f = asyncio.sleep\n"
                                                   << "r.py:3:9 names asyncio.sleep other than in a call";
    QTest::newRow("both names the queue module could take")
        << "import asyncio\nqueue = 1\nqueues = 2\nasync def m():\n    q = asyncio.Queue(2)\n"
        << "r.py:1:1 uses both the names queue and queues";
    QTest::newRow("a name of the prologue") << "def say(x):\n    return x\n"
                                            << "r.py:1:1 uses the name say";
    QTest::newRow("a variable named wait") << "x = 1\nwait = 2\n"
                                           << "r.py:2:1 uses the name wait";
    // As the twin's `with`, an `as` name would hide the prologue's threading module too.
    QTest::newRow("a lock held as threading")
        << "import asyncio\nasync def m():\n    async with asyncio.Lock() as threading:\n        pass\n"
        << "r.py:3:5 uses the name threading";
    QTest::newRow("gather collecting errors")
        << "import asyncio\nasync def f():\n    pass\nasync def m():\n    r = await asyncio.gather(f(), "
           "return_exceptions=True)\n"
        << "r.py:5:15 gathers with return_exceptions";
}

void TestThreadedTwinWriter::refuses()
{
    QFETCH(QString, recipe);
    QFETCH(QString, refusal);
    const TwinSource written = twinOf(recipe);
    QVERIFY(!written.exists());
    QVERIFY2(written.refusalIn(QStringLiteral("r.py")).startsWith(refusal), qPrintable(written.refusalIn("r.py")));
}

void TestThreadedTwinWriter::prologueDefinesTheTwinsNames()
{
    const QString prologue = ThreadedTwinWriter::prologue();
    for (const char *definition : {"class Task(threading.Thread):\n", "\ndef wait(awaited):\n",
                                   "\ndef gather(*awaited):\n", "\ndef say(*values, file=None, **options):\n"})
        QVERIFY2(prologue.contains(QLatin1String(definition)), definition);
    QVERIFY(prologue.endsWith(QLatin1String("flush=bool(options.get(\"flush\")))\n")));
}

QTEST_GUILESS_MAIN(TestThreadedTwinWriter)
#include "tst_threadedtwinwriter.moc"
