// SPDX-License-Identifier: MIT
#include "eventloop.h"

#include <QStringList>
#include <QTest>

#include <algorithm>
#include <random>

using recipe::EventLoop;
using recipe::Ref;
using recipe::RefCounted;

namespace {
/// A sleeper for wakeAt(): says its name when woken.
struct Sleeper : RefCounted {
    explicit Sleeper(QString name)
        : name(std::move(name))
    {
    }
    QString name;
};
/// The loop's Wake for a test: the woken sleeper's name goes on the list given as context.
void wakeInto(void *ran, RefCounted &sleeper)
{
    *static_cast<QStringList *>(ran) << static_cast<Sleeper &>(sleeper).name;
}
} // namespace

/**
 * EventLoop: the iteration rules of asyncio's BaseEventLoop._run_once, on a
 * clock the test owns. Each rule is one that decides the order in which a
 * recipe's lines are printed.
 */
class TestEventLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readyCallbacksRunInOrder();
    void callbacksMadeReadyRunOnTheNextIteration();
    void dueTimersJoinTheReadyQueueBehindWhatIsReady();
    void timersRunInOrderOfTimeThenOfSetting();
    void timersSetInAndOutOfOrderAllRunInOrder();
    void aTimerNotYetDueWaits();
    void cancelledCallbacksAndTimersNeverRun();
    void timeUntilNextFollowsTheQueue();
    void aTimerWakesAFutureWhoseWaiterRunsAnIterationLater();
    void anIterationCutIntoSlicesRunsInTheSameOrder();
    void wakeUpsTakeTheirTurnAmongTimers();
    void aWakeUpHoldsItsSleeperUntilItRuns();
    void aLoopDroppedWithWakeUpsLetsGoOfTheirSleepers();
    void aForgottenWakeUpNeverRunsButTheNextSleepDoes();
    void forgottenWakeUpsAreSweptOnceTheyAreHalfOfAll();
};

namespace {
constexpr qint64 ms = 1000000;
}

void TestEventLoop::readyCallbacksRunInOrder()
{
    EventLoop loop;
    QStringList ran;
    for (const QString &name : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        loop.callSoon([&ran, name] { ran << name; });
    QCOMPARE(loop.runOnce(0), 3);
    QCOMPARE(ran, QStringList({"a", "b", "c"}));
    QVERIFY(!loop.hasWork());
}

void TestEventLoop::callbacksMadeReadyRunOnTheNextIteration()
{
    // asyncio.sleep(0) in two tasks: each yields to the other, a turn at a time.
    EventLoop loop;
    QStringList ran;
    loop.callSoon([&] {
        ran << QStringLiteral("a1");
        loop.callSoon([&] { ran << QStringLiteral("a2"); });
    });
    loop.callSoon([&] {
        ran << QStringLiteral("b1");
        loop.callSoon([&] { ran << QStringLiteral("b2"); });
    });
    QCOMPARE(loop.runOnce(0), 2);
    QCOMPARE(ran, QStringList({"a1", "b1"}));
    QCOMPARE(loop.runOnce(0), 2);
    QCOMPARE(ran, QStringList({"a1", "b1", "a2", "b2"}));
}

void TestEventLoop::dueTimersJoinTheReadyQueueBehindWhatIsReady()
{
    // A timer due as an iteration begins runs in it, but behind the callbacks already ready.
    EventLoop loop;
    QStringList ran;
    loop.callAt(5 * ms, [&] { ran << QStringLiteral("timer"); });
    loop.callSoon([&] { ran << QStringLiteral("ready"); });
    QCOMPARE(loop.runOnce(10 * ms), 2);
    QCOMPARE(ran, QStringList({"ready", "timer"}));
}

void TestEventLoop::timersRunInOrderOfTimeThenOfSetting()
{
    EventLoop loop;
    QStringList ran;
    loop.callAt(20 * ms, [&] { ran << QStringLiteral("late"); });
    loop.callAt(10 * ms, [&] { ran << QStringLiteral("early, set first"); });
    loop.callAt(10 * ms, [&] { ran << QStringLiteral("early, set second"); });
    QCOMPARE(loop.runOnce(25 * ms), 3);
    QCOMPARE(ran, QStringList({"early, set first", "early, set second", "late"}));
}

void TestEventLoop::timersSetInAndOutOfOrderAllRunInOrder()
{
    // Timers set in order queue apart from those set out of it: whatever the mix, the loop must merge the two as
    // one order of (time, setting). Times repeat, so ties between the two kinds are tried too.
    EventLoop loop;
    std::vector<int> ran;
    std::vector<std::pair<qint64, int>> expected;
    std::mt19937 random(7);
    for (int timer = 0; timer < 500; ++timer) {
        // Mostly rising, as tasks sleeping one step set them, with a timer out of order now and then.
        const qint64 whenNs = (timer % 7 == 3 ? qint64(random() % 50) : qint64(timer / 4)) * ms;
        expected.emplace_back(whenNs, timer);
        if (timer % 2)
            loop.callAt(whenNs, [&ran, timer] { ran.push_back(timer); });
        else
            loop.postAt(whenNs, [&ran, timer] { ran.push_back(timer); });
    }
    std::stable_sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    // Half of them run on an iteration of their own, the rest on the next.
    QCOMPARE(loop.timerCount(), std::size_t(500));
    loop.runOnce(expected[250].first - 1);
    const std::size_t firstHalf = ran.size();
    QVERIFY(firstHalf > 0 && firstHalf < 500);
    loop.runOnce(1000 * ms);
    QCOMPARE(loop.timerCount(), std::size_t(0));
    std::vector<int> expectedOrder;
    for (const auto &[whenNs, timer] : expected)
        expectedOrder.push_back(timer);
    QCOMPARE(ran, expectedOrder);
}

void TestEventLoop::aTimerNotYetDueWaits()
{
    EventLoop loop;
    bool ran = false;
    loop.callAt(10 * ms, [&] { ran = true; });
    QCOMPARE(loop.runOnce(10 * ms - 1), 0);
    QVERIFY(!ran);
    QCOMPARE(loop.runOnce(10 * ms), 1);
    QVERIFY(ran);
}

void TestEventLoop::cancelledCallbacksAndTimersNeverRun()
{
    EventLoop loop;
    int ran = 0;
    loop.callSoon([&] { ++ran; })->cancel();
    const EventLoop::HandlePtr timer = loop.callAt(ms, [&] { ++ran; });
    timer->cancel();
    QCOMPARE(loop.runOnce(2 * ms), 0);
    QCOMPARE(ran, 0);
    QVERIFY(!loop.hasWork());
}

void TestEventLoop::timeUntilNextFollowsTheQueue()
{
    EventLoop loop;
    QCOMPARE(loop.timeUntilNextNs(0), qint64(-1));
    loop.callAt(30 * ms, [] {});
    QCOMPARE(loop.timeUntilNextNs(10 * ms), 20 * ms);
    QCOMPARE(loop.timeUntilNextNs(40 * ms), qint64(0));
    loop.callSoon([] {});
    QCOMPARE(loop.timeUntilNextNs(0), qint64(0));
}

void TestEventLoop::aTimerWakesAFutureWhoseWaiterRunsAnIterationLater()
{
    // asyncio.sleep(d): the timer sets the future's result; the future schedules its task with call_soon, so the
    // task resumes on the iteration after the one the timer ran in, behind what that iteration made ready.
    EventLoop loop;
    QStringList ran;
    loop.callAt(ms, [&] {
        ran << QStringLiteral("timer sets the result");
        loop.callSoon([&] { ran << QStringLiteral("task resumes"); });
    });
    loop.callAt(ms, [&] { ran << QStringLiteral("another timer"); });
    QCOMPARE(loop.runOnce(ms), 2);
    QCOMPARE(ran, QStringList({"timer sets the result", "another timer"}));
    QCOMPARE(loop.runOnce(ms), 1);
    QCOMPARE(ran.last(), QStringLiteral("task resumes"));
}

void TestEventLoop::anIterationCutIntoSlicesRunsInTheSameOrder()
{
    // A driver on the window's thread runs a million wake-ups a slice at a time: the slices must not change who
    // runs when. What was ready, and the timers due, as the iteration began run first, whatever is set meanwhile.
    EventLoop loop;
    QStringList ran;
    loop.callSoon([&] {
        ran << QStringLiteral("a");
        loop.callSoon([&] { ran << QStringLiteral("made by a"); });
    });
    loop.callSoon([&] { ran << QStringLiteral("b"); });
    loop.callSoon([&] { ran << QStringLiteral("c"); });
    loop.callAt(5 * ms, [&] { ran << QStringLiteral("timer"); });
    QCOMPARE(loop.runSome(10 * ms, 2), 2);
    QCOMPARE(ran, QStringList({"a", "b"}));
    QVERIFY(loop.isInIteration());
    QCOMPARE(loop.timeUntilNextNs(10 * ms), qint64(0));
    loop.callAt(10 * ms, [&] { ran << QStringLiteral("timer set between slices"); });
    QCOMPARE(loop.runSome(10 * ms, 5), 2);
    QCOMPARE(ran, QStringList({"a", "b", "c", "timer"}));
    QVERIFY(!loop.isInIteration());
    QCOMPARE(loop.runOnce(10 * ms), 2);
    QCOMPARE(ran, QStringList({"a", "b", "c", "timer", "made by a", "timer set between slices"}));
    QVERIFY(!loop.hasWork());
}

void TestEventLoop::wakeUpsTakeTheirTurnAmongTimers()
{
    QStringList ran;
    EventLoop loop(&wakeInto, &ran);
    const auto first = Ref<Sleeper>::make(QStringLiteral("woken first"));
    const auto late = Ref<Sleeper>::make(QStringLiteral("woken late"));
    loop.wakeAt(20 * ms, *late);
    loop.wakeAt(10 * ms, *first);
    loop.callAt(10 * ms, [&] { ran << QStringLiteral("timer set after"); });
    loop.postAt(5 * ms, [&] { ran << QStringLiteral("earliest"); });
    loop.post([&] { ran << QStringLiteral("ready"); });
    QCOMPARE(loop.runOnce(25 * ms), 5);
    QCOMPARE(ran, QStringList({"ready", "earliest", "woken first", "timer set after", "woken late"}));
}

void TestEventLoop::aWakeUpHoldsItsSleeperUntilItRuns()
{
    QStringList ran;
    EventLoop loop(&wakeInto, &ran);
    auto sleeper = Ref<Sleeper>::make(QStringLiteral("woken"));
    Sleeper *bare = sleeper.get();
    loop.wakeAt(10 * ms, *sleeper);
    QCOMPARE(sleeper.use_count(), 2);
    const Ref<Sleeper> watch(bare);
    sleeper.reset();
    QCOMPARE(watch.use_count(), 2); // the loop's hold and the watch
    QCOMPARE(loop.timeUntilNextNs(0), 10 * ms);
    QCOMPARE(loop.runOnce(10 * ms), 1);
    QCOMPARE(ran, QStringList({"woken"}));
    QCOMPARE(watch.use_count(), 1); // let go once run
    QVERIFY(!loop.hasWork());
}

void TestEventLoop::aLoopDroppedWithWakeUpsLetsGoOfTheirSleepers()
{
    QStringList ran;
    const auto sleeper = Ref<Sleeper>::make(QStringLiteral("never woken"));
    {
        EventLoop loop(&wakeInto, &ran);
        loop.wakeAt(10 * ms, *sleeper);
        loop.wakeAt(20 * ms, *sleeper);
        QCOMPARE(sleeper.use_count(), 3);
        // A new loop over the old, as asyncio.run() ends one: the old loop's holds go.
        loop = EventLoop(&wakeInto, &ran);
        QCOMPARE(sleeper.use_count(), 1);
        loop.wakeAt(10 * ms, *sleeper);
        EventLoop moved(std::move(loop));
        QCOMPARE(sleeper.use_count(), 2);
        QVERIFY(moved.hasWork());
        QCOMPARE(moved.runOnce(0), 0);
        // With one due and run into the ready queue but not run, dropping the loop lets go too.
        QCOMPARE(moved.runSome(10 * ms, 0), 0);
        QVERIFY(moved.isInIteration());
    }
    QCOMPARE(sleeper.use_count(), 1);
    QVERIFY(ran.isEmpty());
}

void TestEventLoop::aForgottenWakeUpNeverRunsButTheNextSleepDoes()
{
    QStringList ran;
    EventLoop loop(&wakeInto, &ran);
    const auto sleeper = Ref<Sleeper>::make(QStringLiteral("sleeper"));
    const auto other = Ref<Sleeper>::make(QStringLiteral("other"));
    loop.wakeAt(50 * ms, *other);
    // A long sleep cancelled, then a short one and a long one again: only the last two wake it.
    loop.wakeAt(100 * ms, *sleeper);
    loop.forgetWake(*sleeper);
    loop.wakeAt(10 * ms, *sleeper);
    QCOMPARE(loop.runOnce(10 * ms), 1);
    loop.wakeAt(100 * ms, *sleeper);
    QCOMPARE(sleeper.use_count(), 3); // the forgotten timer still holds it, and the new one
    QCOMPARE(loop.timeUntilNextNs(10 * ms), 40 * ms);
    QCOMPARE(loop.runOnce(50 * ms), 1);
    QCOMPARE(loop.runOnce(100 * ms), 1);
    QCOMPARE(ran, QStringList({"sleeper", "other", "sleeper"}));
    QCOMPARE(sleeper.use_count(), 1); // the forgotten timer let go as it left
    // A forgotten wake-up alone leaves nothing to wait for.
    loop.wakeAt(200 * ms, *sleeper);
    loop.forgetWake(*sleeper);
    QCOMPARE(loop.timeUntilNextNs(100 * ms), -1);
    QVERIFY(!loop.hasWork());
    QCOMPARE(sleeper.use_count(), 1);
}

void TestEventLoop::forgottenWakeUpsAreSweptOnceTheyAreHalfOfAll()
{
    QStringList ran;
    EventLoop loop(&wakeInto, &ran);
    std::vector<Ref<Sleeper>> sleepers;
    constexpr int count = 1000;
    for (int i = 0; i < count; ++i) {
        sleepers.push_back(Ref<Sleeper>::make(QString::number(i)));
        // Out of order, so that the heap holds some and the run in order the others.
        loop.wakeAt((i % 2 == 0 ? count + i : count - i) * ms, *sleepers.back());
    }
    QStringList expected;
    for (int i = 0; i < count; ++i) {
        if (i % 5 < 3)
            loop.forgetWake(*sleepers[std::size_t(i)]);
    }
    // Forgotten timers may stay until they are half of all; past that they go at once.
    QVERIFY2(loop.timerCount() < std::size_t(count), qPrintable(QString::number(loop.timerCount())));
    QVERIFY(loop.timerCount() >= std::size_t(count) * 2 / 5);
    QList<int> kept;
    for (int i = 0; i < count; ++i) {
        if (i % 5 >= 3)
            kept << i;
    }
    std::sort(kept.begin(), kept.end(), [](int a, int b) {
        const int whenA = a % 2 == 0 ? count + a : count - a;
        const int whenB = b % 2 == 0 ? count + b : count - b;
        return whenA < whenB;
    });
    for (int i : kept)
        expected << QString::number(i);
    while (loop.hasWork())
        loop.runOnce(loop.timeUntilNextNs(0) + 3 * count * ms);
    QCOMPARE(ran, expected);
    for (const Ref<Sleeper> &sleeper : sleepers)
        QCOMPARE(sleeper.use_count(), 1);
}

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
