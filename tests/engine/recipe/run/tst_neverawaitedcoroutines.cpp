// SPDX-License-Identifier: MIT
#include "interpreter.h"
#include "neverawaitedcoroutines.h"
#include "recipetestsupport.h"

#include <QTest>

#include <memory>

using namespace recipe;

/**
 * NeverAwaitedCoroutines: CPython's "coroutine 'f' was never awaited", each
 * place and text once, placed where the interpreter stood as the coroutine was
 * freed (checked against python3 3.11 by the corpus's error_never_awaited_*
 * recipes; here the places one by one) and written as CPython writes it.
 */
class TestNeverAwaitedCoroutines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nobodyListeningIsNothing();
    void warnsOncePerPlaceAndText();
    void anInnerListenerHidesTheOuterOneUntilItGoes();
    void writesItAsCPythonDoes();
    void placesEachFreeingWhereTheRecipeStood();
    void aProgramThatAwaitsEverythingIsNotWarnedOf();
};

namespace {
NeverAwaitedCoroutines::Place placeAt(const void *context)
{
    return *static_cast<const NeverAwaitedCoroutines::Place *>(context);
}

/// The warnings of a run of @p source in the async kitchen, the interpreter gone (what it held is freed at exit).
std::vector<NeverAwaitedCoroutines::Warning> warningsOf(const QByteArray &source)
{
    NeverAwaitedCoroutines listener;
    const Program program = compiledForTest(source);
    qint64 now = 0;
    {
        Interpreter interpreter(program, testClockHooks(now));
        runOnTestClock(interpreter, now);
    }
    return listener.warnings();
}

QStringList described(const std::vector<NeverAwaitedCoroutines::Warning> &warnings)
{
    QStringList lines;
    for (const NeverAwaitedCoroutines::Warning &warning : warnings)
        lines << QStringLiteral("%1@%2").arg(warning.coroutine).arg(warning.place.line);
    return lines;
}
} // namespace

void TestNeverAwaitedCoroutines::nobodyListeningIsNothing()
{
    QVERIFY(!NeverAwaitedCoroutines::isListening());
    NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("frost"));
    NeverAwaitedCoroutines listener;
    QVERIFY(NeverAwaitedCoroutines::isListening());
    QVERIFY(listener.warnings().empty());
}

void TestNeverAwaitedCoroutines::warnsOncePerPlaceAndText()
{
    NeverAwaitedCoroutines listener;
    NeverAwaitedCoroutines::Place place{12, 0};
    {
        const NeverAwaitedCoroutines::Locating locating(&placeAt, &place);
        NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("frost"));
        NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("frost"));
        NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("sleep"));
        place.line = 13;
        NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("frost"));
    }
    // Nobody locating: the program is ending, and every place is sys:1.
    NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("frost"));
    NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("frost"));
    QCOMPARE(described(listener.warnings()),
             QStringList(
                 {"frost@12", "sleep@12", "frost@13", QStringLiteral("frost@%1").arg(NeverAwaitedCoroutines::atExit)}));
}

void TestNeverAwaitedCoroutines::anInnerListenerHidesTheOuterOneUntilItGoes()
{
    NeverAwaitedCoroutines outer;
    {
        NeverAwaitedCoroutines inner;
        NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("inner"));
        QCOMPARE(inner.warnings().size(), std::size_t(1));
    }
    NeverAwaitedCoroutines::coroutineFreed(QStringLiteral("outer"));
    QCOMPARE(described(outer.warnings()), QStringList({QStringLiteral("outer@-1")}));
}

void TestNeverAwaitedCoroutines::writesItAsCPythonDoes()
{
    const std::vector<QString> lines{QStringLiteral("async def main():"), QStringLiteral("    frost()  ")};
    const NeverAwaitedCoroutines::Warning atLine{QStringLiteral("frost"), {2, 0}};
    QCOMPARE(atLine.text(QStringLiteral("/home/me/cake.py"), lines),
             QStringLiteral("/home/me/cake.py:2: RuntimeWarning: coroutine 'frost' was never awaited\n"
                            "  frost()\n"
                            "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n"));
    QCOMPARE(atLine.lastLine(),
             QStringLiteral("RuntimeWarning: Enable tracemalloc to get the object allocation traceback"));
    const NeverAwaitedCoroutines::Warning inAsyncio{QStringLiteral("sleep"), {NeverAwaitedCoroutines::inAsyncio, 0}};
    QVERIFY(inAsyncio.text(QStringLiteral("cake.py"), lines)
                .startsWith(QStringLiteral("asyncio/events.py:80: RuntimeWarning: coroutine 'sleep' was never "
                                           "awaited\n  self._context.run(self._callback, *self._args)\n")));
    const NeverAwaitedCoroutines::Warning atExit{QStringLiteral("frost"), {NeverAwaitedCoroutines::atExit, 0}};
    QCOMPARE(atExit.text(QStringLiteral("cake.py"), lines),
             QStringLiteral("sys:1: RuntimeWarning: coroutine 'frost' was never awaited\n"));
}

void TestNeverAwaitedCoroutines::placesEachFreeingWhereTheRecipeStood()
{
    // Each line below is where CPython 3.11 places the warning for the same program.
    const QByteArray recipe = "import asyncio\n"
                              "async def frost(n):\n"
                              "    return n\n"
                              "async def helper():\n"
                              "    kept = frost(1)\n"
                              "    return 1\n"
                              "async def main():\n"
                              "    frost(2)\n" // 8: the statement that drops it
                              "    x = await helper()\n" // 9: helper's local, freed as helper returns
                              "    [frost(i) for i in range(2)]\n" // 10: the comprehension's list
                              "    last = asyncio.sleep(1)\n" // main's own local: asyncio's loop frees it
                              "HELD = frost(3)\n" // a global: at exit
                              "asyncio.run(main())\n";
    QCOMPARE(described(warningsOf(recipe)), QStringList({"frost@8", "frost@9", "frost@10", "sleep@0", "frost@-1"}));
}

void TestNeverAwaitedCoroutines::aProgramThatAwaitsEverythingIsNotWarnedOf()
{
    const QByteArray recipe = "import asyncio\n"
                              "async def frost(n):\n"
                              "    await asyncio.sleep(0)\n"
                              "    return n\n"
                              "async def main():\n"
                              "    coroutine = frost(1)\n"
                              "    task = asyncio.create_task(frost(2))\n"
                              "    print(await coroutine, await task, await asyncio.gather(frost(3), frost(4)))\n"
                              "    await asyncio.sleep(0.01)\n"
                              "asyncio.run(main())\n";
    QCOMPARE(described(warningsOf(recipe)), QStringList());
}

QTEST_GUILESS_MAIN(TestNeverAwaitedCoroutines)
#include "tst_neverawaitedcoroutines.moc"
