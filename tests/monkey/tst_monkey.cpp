// SPDX-License-Identifier: MIT
#include "actionjournal.h"
#include "freezetyper.h"
#include "freezewatchdog.h"
#include "mainwindow.h"
#include "monkey.h"

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <numeric>

namespace {
/// A seed of its own for every run would find more, but a failure in CI must replay the same way.
constexpr quint32 defaultSeed = 20240601;
/// A run this long bakes in every mode whatever the seed; a shorter one may not.
constexpr qint64 everyModeAfterSeconds = 60;

/// A whole number from environment variable @p name, or @p fallback when it is unset or not a number.
qint64 fromEnvironment(const char *name, qint64 fallback)
{
    bool ok = false;
    const qint64 value = qEnvironmentVariable(name).toLongLong(&ok);
    return ok ? value : fallback;
}
} // namespace

/// The monkey test: random input on the real window must raise no warning, crash nothing, freeze nothing too long.
class TestMonkey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void randomInputRaisesNoWarningAndFreezesNothingTooLong();
};

void TestMonkey::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BakeloopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_monkey"));
    QSettings().clear();
    // Qt's own file dialog, on every platform theme: the monkey knows how to point it at its scratch folder.
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    // Quit closes the window; the monkey shows it again rather than end the session.
    QApplication::setQuitOnLastWindowClosed(false);
}

void TestMonkey::randomInputRaisesNoWarningAndFreezesNothingTooLong()
{
    const auto seed = quint32(fromEnvironment("BAKELOOP_MONKEY_SEED", defaultSeed));
    const qint64 seconds = fromEnvironment("BAKELOOP_MONKEY_SECONDS", BAKELOOP_MONKEY_DEFAULT_SECONDS);
    Monkey::Envelope envelope;
    envelope.maxCakes = int(fromEnvironment("BAKELOOP_MONKEY_MAX_CAKES", envelope.maxCakes));
    std::fprintf(stderr,
                 "monkey: seed %u for %lld s (replay: BAKELOOP_MONKEY_SEED=%u BAKELOOP_MONKEY_SECONDS=%lld); "
                 "recipe kept to step <= %d ms, mixes <= %d, cakes <= %d, speed >= %.1f\n",
                 seed, static_cast<long long>(seconds), seed, static_cast<long long>(seconds), envelope.maxStepMs,
                 envelope.maxMixCount, envelope.maxCakes, envelope.minSpeed);

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    ActionJournal journal(seed);
    journal.failOnQtWarnings();
    journal.reportOnCrash();

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    FreezeWatchdog watchdog(&journal);
    connect(window.session(), &BakeSession::bakeStarted, &watchdog, &FreezeWatchdog::bakeStarted);
    connect(window.session(), &BakeSession::bakeFinished, &watchdog, &FreezeWatchdog::bakeFinished);
    watchdog.start();
    FreezeTyper typer(window.windowHandle(), &watchdog, &journal, seed);
    typer.start();

    Monkey monkey(&window, &journal, &typer, scratch.path(), envelope);
    monkey.run(seconds * 1000);

    // The typer may wait for the GUI thread to take a key: keep the loop turning until it is done.
    typer.requestStop();
    QTRY_VERIFY_WITH_TIMEOUT(typer.hasStopped(), 10000);
    typer.join();
    watchdog.stop();

    const Monkey::Tally &tally = monkey.tally();
    std::fprintf(stderr,
                 "monkey: %lld actions; bakes: %d sync, %d async, %d threaded (%d with many cakes, %d with a trap); "
                 "%d keys pressed during freezes; %d modal dialogs attended, %d files saved\n",
                 static_cast<long long>(journal.actionCount()), tally.bakes[std::size_t(BakeMode::Sync)],
                 tally.bakes[std::size_t(BakeMode::Async)], tally.bakes[std::size_t(BakeMode::Threaded)],
                 tally.manyCakeBakes, tally.trapBakes, typer.keysPressed(), tally.modalsAttended, tally.filesSaved);
    // A monkey that never reached the bakes would pass without testing anything. A short run may miss a mode
    // (a sync bake refuses many cakes); a long one, as under the sanitizers, must have baked in each.
    const int allBakes = std::accumulate(tally.bakes.begin(), tally.bakes.end(), 0);
    QVERIFY2(allBakes > 0, "no bake in all that time");
    if (seconds >= everyModeAfterSeconds) {
        QVERIFY2(tally.bakes[std::size_t(BakeMode::Sync)] > 0, "no sync bake in all that time");
        QVERIFY2(tally.bakes[std::size_t(BakeMode::Async)] > 0, "no async bake in all that time");
        QVERIFY2(tally.bakes[std::size_t(BakeMode::Threaded)] > 0, "no threaded bake in all that time");
    }
}

QTEST_MAIN(TestMonkey)
#include "tst_monkey.moc"
