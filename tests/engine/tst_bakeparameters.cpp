// SPDX-License-Identifier: MIT
#include "bakemode.h"
#include "bakeparameters.h"
#include "enginetestsupport.h"

#include <QTest>

/**
 * BakeParameters: the ranges every front end checks against, the engine's
 * own check, and the ideal time every timing claim is measured against.
 * Also the mode names, which reports and the command line spell out.
 */
class TestBakeParameters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheAnalogysBake();
    void validationError_data();
    void validationError();
    void rangesDescribeThemselves();
    void stepsFollowTheTasks_data();
    void stepsFollowTheTasks();
    void idealMs_data();
    void idealMs();
    void idealMsIgnoresCakes();
    void idealMsFollowsTheTrap_data();
    void idealMsFollowsTheTrap();
    void speedScalesOnlyTheWallClock();
    void equality();
    void modeNames();
    void threadedCakesAndTrapsAreChecked();
    void longestFreeze_data();
    void longestFreeze();
    void windowRefusesFreezesPastItsLimit();
};

void TestBakeParameters::defaultsAreTheAnalogysBake()
{
    const BakeParameters parameters;
    QCOMPARE(parameters.targetTemperature, 400);
    QCOMPARE(parameters.mixCount, 3);
    QCOMPARE(parameters.stepMs, 1000);
    QCOMPARE(parameters.cakes, 1);
    QVERIFY(parameters.validationError(BakeMode::Sync).isEmpty());
    QVERIFY(parameters.validationError(BakeMode::Async).isEmpty());
    // "6 s in all" and "3 s in all".
    QCOMPARE(parameters.idealMs(BakeMode::Sync), qint64(6000));
    QCOMPARE(parameters.idealMs(BakeMode::Async), qint64(3000));
}

void TestBakeParameters::validationError_data()
{
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<QString>("error"); // empty: valid

    const auto with = [](auto member, int value) {
        BakeParameters parameters;
        parameters.*member = value;
        return parameters;
    };
    const auto both = [](const char *name, const BakeParameters &parameters, const QString &error) {
        QTest::addRow("%s, sync", name) << parameters << BakeMode::Sync << error;
        QTest::addRow("%s, async", name) << parameters << BakeMode::Async << error;
    };

    both("temperature at minimum 0", with(&BakeParameters::targetTemperature, 0), {});
    both("temperature at maximum 1000", with(&BakeParameters::targetTemperature, 1000), {});
    both("temperature one below", with(&BakeParameters::targetTemperature, -1),
         QStringLiteral("target temperature must be 0 to 1000 °F, not -1"));
    both("temperature one above", with(&BakeParameters::targetTemperature, 1001),
         QStringLiteral("target temperature must be 0 to 1000 °F, not 1001"));

    both("mixes at minimum 0", with(&BakeParameters::mixCount, 0), {});
    both("mixes at maximum 100", with(&BakeParameters::mixCount, 100), {});
    both("mixes one below", with(&BakeParameters::mixCount, -1), QStringLiteral("mix count must be 0 to 100, not -1"));
    both("mixes one above", with(&BakeParameters::mixCount, 101),
         QStringLiteral("mix count must be 0 to 100, not 101"));

    both("step at minimum 1", with(&BakeParameters::stepMs, 1), {});
    both("step at maximum 10000", with(&BakeParameters::stepMs, 10000), {});
    both("step one below", with(&BakeParameters::stepMs, 0), QStringLiteral("step must be 1 to 10000 ms, not 0"));
    both("step one above", with(&BakeParameters::stepMs, 10001),
         QStringLiteral("step must be 1 to 10000 ms, not 10001"));

    both("cakes at minimum 1", with(&BakeParameters::cakes, 1), {});
    both("cakes one below", with(&BakeParameters::cakes, 0), QStringLiteral("cakes must be 1 to 1000000, not 0"));
    both("cakes one above", with(&BakeParameters::cakes, 1000001),
         QStringLiteral("cakes must be 1 to 1000000, not 1000001"));

    both("speed at minimum 0.1x", with(&BakeParameters::speedPercent, 10), {});
    both("speed at maximum 4x", with(&BakeParameters::speedPercent, 400), {});
    both("speed one below", with(&BakeParameters::speedPercent, 9), QStringLiteral("speed must be 10 to 400 %, not 9"));
    both("speed one above", with(&BakeParameters::speedPercent, 401),
         QStringLiteral("speed must be 10 to 400 %, not 401"));

    // One blocking bake is one cake; only async may bake many.
    const QString oneCake = QStringLiteral("a sync bake bakes one cake; more than one needs async mode");
    QTest::newRow("two cakes, sync") << with(&BakeParameters::cakes, 2) << BakeMode::Sync << oneCake;
    QTest::newRow("two cakes, async") << with(&BakeParameters::cakes, 2) << BakeMode::Async << QString();
    QTest::newRow("a million cakes, sync") << with(&BakeParameters::cakes, 1000000) << BakeMode::Sync << oneCake;
    QTest::newRow("a million cakes, async") << with(&BakeParameters::cakes, 1000000) << BakeMode::Async << QString();

    // Several faults: the first in the order of the fields is the one reported.
    BakeParameters several;
    several.mixCount = -5;
    several.stepMs = 0;
    several.cakes = 3;
    QTest::newRow("several faults, sync")
        << several << BakeMode::Sync << QStringLiteral("mix count must be 0 to 100, not -5");
}

void TestBakeParameters::validationError()
{
    QFETCH(BakeParameters, parameters);
    QFETCH(BakeMode, mode);
    QFETCH(QString, error);
    QCOMPARE(parameters.validationError(mode), error);
}

void TestBakeParameters::rangesDescribeThemselves()
{
    QCOMPARE(BakeParameters::targetTemperatureRange.describe(), QStringLiteral("0 to 1000 °F"));
    QCOMPARE(BakeParameters::mixCountRange.describe(), QStringLiteral("0 to 100"));
    QCOMPARE(BakeParameters::stepMsRange.describe(), QStringLiteral("1 to 10000 ms"));
    QCOMPARE(BakeParameters::cakesRange.describe(), QStringLiteral("1 to 1000000"));

    const ParameterRange range{1, 3, ""};
    QVERIFY(!range.contains(0));
    QVERIFY(range.contains(1));
    QVERIFY(range.contains(3));
    QVERIFY(!range.contains(4));
}

void TestBakeParameters::stepsFollowTheTasks_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("ovenSteps");
    QTest::addColumn<int>("mixSteps");

    QTest::newRow("default") << 400 << 3 << 3 << 3;
    QTest::newRow("475") << 475 << 3 << 4 << 3;
    QTest::newRow("no oven step") << 100 << 3 << 0 << 3;
    QTest::newRow("no mix") << 400 << 0 << 3 << 0;
    QTest::newRow("maxima") << 1000 << 100 << 9 << 100;
}

void TestBakeParameters::stepsFollowTheTasks()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(int, ovenSteps);
    QFETCH(int, mixSteps);

    BakeParameters parameters;
    parameters.targetTemperature = target;
    parameters.mixCount = mixes;
    QCOMPARE(parameters.ovenSteps(), ovenSteps);
    QCOMPARE(parameters.mixSteps(), mixSteps);
}

void TestBakeParameters::idealMs_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("stepMs");
    QTest::addColumn<qint64>("sync");
    QTest::addColumn<qint64>("async");

    // sync = (oven + mix steps) x step; async = max(oven, mix steps) x step.
    QTest::newRow("default") << 400 << 3 << 1000 << qint64(6000) << qint64(3000);
    QTest::newRow("short steps") << 400 << 3 << 50 << qint64(300) << qint64(150);
    QTest::newRow("475, four oven steps") << 475 << 3 << 1000 << qint64(7000) << qint64(4000);
    QTest::newRow("oven longer than mixing") << 600 << 1 << 100 << qint64(600) << qint64(500);
    QTest::newRow("mixing longer than oven") << 400 << 5 << 20 << qint64(160) << qint64(100);
    QTest::newRow("no oven step") << 100 << 3 << 1000 << qint64(3000) << qint64(3000);
    QTest::newRow("no mix") << 400 << 0 << 1000 << qint64(3000) << qint64(3000);
    QTest::newRow("nothing to do") << 100 << 0 << 1000 << qint64(0) << qint64(0);
    QTest::newRow("every maximum") << 1000 << 100 << 10000 << qint64(1090000) << qint64(1000000);
}

void TestBakeParameters::idealMs()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(int, stepMs);
    QFETCH(qint64, sync);
    QFETCH(qint64, async);

    BakeParameters parameters;
    parameters.targetTemperature = target;
    parameters.mixCount = mixes;
    parameters.stepMs = stepMs;
    QCOMPARE(parameters.idealMs(BakeMode::Sync), sync);
    QCOMPARE(parameters.idealMs(BakeMode::Async), async);
}

void TestBakeParameters::speedScalesOnlyTheWallClock()
{
    BakeParameters p;
    QCOMPARE(p.speedPercent, 100);
    QCOMPARE(p.speedText(), QStringLiteral("1×"));
    p.speedPercent = 50;
    QCOMPARE(p.idealMs(BakeMode::Async), 3000); // the recipe does not change with the speed
    QCOMPARE(p.wallMs(3000), 6000);
    QCOMPARE(p.speedText(), QStringLiteral("0.5×"));
    p.speedPercent = 225;
    QCOMPARE(p.wallMs(4500), 2000);
    QCOMPARE(p.speedText(), QStringLiteral("2.25×"));
}

void TestBakeParameters::idealMsIgnoresCakes()
{
    // A thousand cakes in async take as long as one: that is the point of the many-cakes bake.
    BakeParameters parameters;
    parameters.stepMs = 30;
    const qint64 oneCake = parameters.idealMs(BakeMode::Async);
    parameters.cakes = 1000;
    QCOMPARE(parameters.idealMs(BakeMode::Async), oneCake);
    QCOMPARE(oneCake, qint64(90));
}

void TestBakeParameters::idealMsFollowsTheTrap_data()
{
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("cakes");
    QTest::addColumn<qint64>("steps");

    // Stirring by hand is all one to a blocking bake, and costs a thread of its own nothing but a core.
    QTest::newRow("sync, stir by hand") << BakeMode::Sync << MixTrap::StirByHand << 400 << 3 << 1 << qint64(6);
    QTest::newRow("threaded, stir by hand") << BakeMode::Threaded << MixTrap::StirByHand << 400 << 3 << 1 << qint64(3);
    QTest::newRow("threaded, 10 cakes, stir by hand")
        << BakeMode::Threaded << MixTrap::StirByHand << 400 << 3 << 10 << qint64(3);
    // In async code the mixing holds the loop: the oven's first line waits for the last mixing step, at step 3.
    QTest::newRow("async, stir by hand") << BakeMode::Async << MixTrap::StirByHand << 400 << 3 << 1 << qint64(5);
    QTest::newRow("async, forgot to await") << BakeMode::Async << MixTrap::ForgotToAwait << 400 << 3 << 1 << qint64(5);
    QTest::newRow("async, stir by hand, long oven")
        << BakeMode::Async << MixTrap::StirByHand << 600 << 1 << 1 << qint64(5);
    QTest::newRow("async, stir by hand, long mixing")
        << BakeMode::Async << MixTrap::StirByHand << 200 << 4 << 1 << qint64(4);
    // Every cake's mixing holds the one thread in turn.
    QTest::newRow("async, 3 cakes, stir by hand")
        << BakeMode::Async << MixTrap::StirByHand << 400 << 3 << 3 << qint64(11);
    QTest::newRow("async, 3 cakes, forgot to await")
        << BakeMode::Async << MixTrap::ForgotToAwait << 400 << 3 << 3 << qint64(11);
    QTest::newRow("async, 3 cakes, no oven, stir by hand")
        << BakeMode::Async << MixTrap::StirByHand << 100 << 3 << 3 << qint64(9);
    QTest::newRow("async, trap but no mixing") << BakeMode::Async << MixTrap::StirByHand << 400 << 0 << 3 << qint64(3);
    QTest::newRow("async, every maximum, stir by hand")
        << BakeMode::Async << MixTrap::StirByHand << 1000 << 100 << 1000000 << qint64(100000008);
    // Forgetting to await needs async code; elsewhere the bake has no such trap.
    QTest::newRow("threaded, forgot to await")
        << BakeMode::Threaded << MixTrap::ForgotToAwait << 400 << 3 << 1 << qint64(3);
}

void TestBakeParameters::idealMsFollowsTheTrap()
{
    QFETCH(BakeMode, mode);
    QFETCH(MixTrap, trap);
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(int, cakes);
    QFETCH(qint64, steps);

    // The longest step, so that a million cakes' worth of steps shows any overflow.
    const BakeParameters parameters{.targetTemperature = target,
                                    .mixCount = mixes,
                                    .stepMs = BakeParameters::stepMsRange.maximum,
                                    .cakes = cakes,
                                    .mixTrap = trap};
    QCOMPARE(parameters.idealSteps(mode), steps);
    QCOMPARE(parameters.idealMs(mode), steps * BakeParameters::stepMsRange.maximum);
}

void TestBakeParameters::equality()
{
    BakeParameters a;
    BakeParameters b;
    QVERIFY(a == b);
    b.cakes = 2;
    QVERIFY(!(a == b));
    b = a;
    b.stepMs = 999;
    QVERIFY(!(a == b));
}

void TestBakeParameters::modeNames()
{
    QCOMPARE(bakeModeName(BakeMode::Sync), QStringLiteral("sync"));
    QCOMPARE(bakeModeName(BakeMode::Async), QStringLiteral("async"));
    QCOMPARE(bakeModeTitle(BakeMode::Sync), QStringLiteral("Bake Sync"));
    QCOMPARE(bakeModeTitle(BakeMode::Async), QStringLiteral("Bake Async"));
    QCOMPARE(bakeModeName(BakeMode::Threaded), QStringLiteral("threaded"));
    QCOMPARE(bakeModeTitle(BakeMode::Threaded), QStringLiteral("Bake Threaded"));
    // Threads, like the event loop, run the two tasks at the same time: the ideal is the longer task.
    QCOMPARE(BakeParameters().idealMs(BakeMode::Threaded), qint64(3000));
    for (const BakeMode mode : allBakeModes)
        QCOMPARE(bakeModeFromName(bakeModeName(mode)), std::optional<BakeMode>(mode));
    QCOMPARE(bakeModeFromName(QStringLiteral("threads")), std::optional<BakeMode>());
    QCOMPARE(bakeModeFromName(QString()), std::optional<BakeMode>());
}

void TestBakeParameters::threadedCakesAndTrapsAreChecked()
{
    BakeParameters p;
    p.cakes = BakeParameters::maxThreadedCakes;
    QVERIFY(p.validationError(BakeMode::Threaded).isEmpty());
    p.cakes = BakeParameters::maxThreadedCakes + 1;
    QVERIFY(p.validationError(BakeMode::Threaded).contains(QStringLiteral("at most 1000 cakes")));
    QVERIFY(p.validationError(BakeMode::Async).isEmpty()); // an event loop takes a million

    BakeParameters trap;
    trap.mixTrap = MixTrap::ForgotToAwait;
    QVERIFY(trap.validationError(BakeMode::Async).isEmpty());
    QVERIFY(trap.validationError(BakeMode::Sync).contains(QStringLiteral("async")));
    QVERIFY(trap.validationError(BakeMode::Threaded).contains(QStringLiteral("async")));
    trap.mixTrap = MixTrap::StirByHand;
    for (const BakeMode mode : allBakeModes)
        QVERIFY(trap.validationError(mode).isEmpty());
    QCOMPARE(mixTrapName(MixTrap::None), QStringLiteral("none"));
    QCOMPARE(mixTrapName(MixTrap::StirByHand), QStringLiteral("stir_by_hand"));
    QCOMPARE(mixTrapName(MixTrap::ForgotToAwait), QStringLiteral("forgot_to_await"));
}

void TestBakeParameters::longestFreeze_data()
{
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<int>("cakes");
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<int>("speedPercent");
    QTest::addColumn<qint64>("expectedMs");
    // The analogy's recipe: 3 oven steps, 3 mixes, 1 s each.
    QTest::newRow("sync: the whole bake") << BakeMode::Sync << 1 << MixTrap::None << 100 << qint64(6000);
    QTest::newRow("sync at half speed") << BakeMode::Sync << 1 << MixTrap::None << 50 << qint64(12000);
    QTest::newRow("async: never") << BakeMode::Async << 1000 << MixTrap::None << 100 << qint64(0);
    QTest::newRow("threaded stirring: never") << BakeMode::Threaded << 10 << MixTrap::StirByHand << 100 << qint64(0);
    QTest::newRow("forgot to await: every cake's mixing")
        << BakeMode::Async << 5 << MixTrap::ForgotToAwait << 100 << qint64(15000);
    QTest::newRow("stir by hand: a step of every cake")
        << BakeMode::Async << 5 << MixTrap::StirByHand << 200 << qint64(2500);
}

void TestBakeParameters::longestFreeze()
{
    QFETCH(BakeMode, mode);
    QFETCH(int, cakes);
    QFETCH(MixTrap, trap);
    QFETCH(int, speedPercent);
    QFETCH(qint64, expectedMs);
    BakeParameters parameters;
    parameters.cakes = cakes;
    parameters.mixTrap = trap;
    parameters.speedPercent = speedPercent;
    QCOMPARE(parameters.longestFreezeWallMs(mode), expectedMs);
}

void TestBakeParameters::windowRefusesFreezesPastItsLimit()
{
    BakeParameters parameters;
    QCOMPARE(parameters.windowFreezeError(BakeMode::Sync), QString());
    // 15 s is allowed, a step more is not.
    parameters.speedPercent = 40;
    QCOMPARE(parameters.longestFreezeWallMs(BakeMode::Sync), BakeParameters::maxWindowFreezeMs);
    QCOMPARE(parameters.windowFreezeError(BakeMode::Sync), QString());
    parameters.mixCount = 4;
    QVERIFY(parameters.windowFreezeError(BakeMode::Sync).contains(QStringLiteral("17.5 s")));
    QCOMPARE(parameters.windowFreezeError(BakeMode::Async), QString());

    // The issue's own cases: 5,000 cakes that forget to await, or stir by hand at a 1 ms step.
    BakeParameters forgetful;
    forgetful.cakes = 5000;
    forgetful.stepMs = 1;
    forgetful.mixTrap = MixTrap::ForgotToAwait;
    QCOMPARE(forgetful.windowFreezeError(BakeMode::Async), QString()); // 15 s
    forgetful.mixCount = 10;
    QVERIFY(forgetful.windowFreezeError(BakeMode::Async).contains(QStringLiteral("forgetting to await")));
    BakeParameters stirring = forgetful;
    stirring.mixTrap = MixTrap::StirByHand;
    QCOMPARE(stirring.windowFreezeError(BakeMode::Async), QString()); // 5 s a step: a stutter, not a hang
    stirring.cakes = 20000;
    QVERIFY(stirring.windowFreezeError(BakeMode::Async).contains(QStringLiteral("at every step")));
    QCOMPARE(stirring.windowFreezeError(BakeMode::Threaded), QString());
}

QTEST_GUILESS_MAIN(TestBakeParameters)
#include "tst_bakeparameters.moc"
