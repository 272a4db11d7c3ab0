// SPDX-License-Identifier: MIT
#include "cakegridview.h"
#include "cakerecipedriver.h"
#include "loopmonitor.h"
#include "taskpalette.h"
#include "widgettestsupport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <algorithm>
#include <limits>

/**
 * CakeGridView: many cakes at once. Its counts must follow a real bake of
 * ten thousand cakes to the end, its summary must speak for all of them while
 * at most a hundred are drawn, each state must look different on its tile,
 * the tiles must reflow with the width, and the window must stay responsive
 * while a bake of ten thousand cakes runs on its own event loop.
 */
class TestCakeGridView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty();
    void drawnCountIsAtMostAHundred_data();
    void drawnCountIsAtMostAHundred();
    void summaryNamesTheTotals();
    void summaryFollowsTheLocale();
    void summaryIsRefreshedAfterABurst();
    void countsFollowARealAsyncBake();
    void cancelledCakesAreCounted();
    void aNewBakeIsCountedAfresh();
    void statesPaintDifferently();
    void theArcGrowsWithTheTemperature();
    void darkPaletteIsFollowed();
    void tilesReflowWithTheWidth();
    void sizeHintsHoldAHundredTiles();
    void eachCakeCanBeReadInWords();
    void aDestroyedDriverClearsTheView();
    void aChangeCostsTheSameWithFiftyTimesTheCakes();
    void windowStaysResponsiveDuringATenThousandCakeBake();
};

namespace {

const QSize paintSize(700, 420);
constexpr int outerMargin = 8; // around the grid, as cakegridview.cpp lays it out
constexpr int manyCakes = 10000;

// The signal colours the tiles use for the two end states (cakegridview.cpp), readable on the light palette as they
// are.
const QColor doneSignal(0x23, 0x82, 0x3f);
const QColor cancelledSignal(0xc6, 0x2f, 0x2f);

/**
 * A driver the test moves by hand, one resumption at a time, so every tile's
 * state is known. Each resumption does what the cake's task does at its
 * turn (back from a wait it reports, then waits again or ends) and tells it
 * as CakeRecipeDriver tells it; only the timing is the test's. Cancelling
 * ends the bake at once, as the async driver does.
 */
class ScriptedDriver : public BakeDriver
{
public:
    BakeMode mode() const override { return BakeMode::Async; }

    void advance(int cake, TaskId task)
    {
        Kitchen next = kitchen(cake);
        const TaskState state = next.state(task);
        if (state == TaskState::Done || state == TaskState::Cancelled)
            return;
        if (state == TaskState::Waiting) {
            const int value
                = task == TaskId::Preheat ? next.oven().temperature() + Oven::temperatureStep : next.bowl().mixesDone();
            next.recordReport(task, value);
            adoptReport(cake, task, next, value, elapsedMs(), 0);
        }
        const bool more = task == TaskId::Preheat ? next.oven().temperature() < next.oven().targetTemperature()
                                                  : next.bowl().mixesDone() < next.bowl().mixCount();
        next.setState(task, more ? TaskState::Waiting : TaskState::Done);
        if (more)
            next.setWakeMs(task, elapsedMs() + parameters().stepMs);
        adoptResumption(cake, task, next);
    }
    void bakeToTheEnd(int cake)
    {
        for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
            while (kitchen(cake).state(task) != TaskState::Done)
                advance(cake, task);
        }
    }

protected:
    void run() override { }
    void interruptWait() override { finish(); }
};

BakeParameters bakeOf(int cakes, int stepMs = 1000)
{
    BakeParameters parameters;
    parameters.cakes = cakes;
    parameters.stepMs = stepMs;
    return parameters;
}

/// The view as the main window will wire it: the driver's cakes on each start, each change as it happens.
void connectView(CakeGridView &view, BakeDriver &driver)
{
    QObject::connect(&driver, &BakeDriver::started, &view, [&view, &driver] { view.setCakes(&driver); });
    QObject::connect(&driver, &BakeDriver::kitchenChanged, &view, &CakeGridView::cakeChanged);
}

/// Counts every kitchen of @p driver the slow way, to hold the view's running counts against.
int scannedCount(const BakeDriver &driver, TaskId task, TaskState state)
{
    int count = 0;
    for (int cake = 0; cake < driver.cakeCount(); ++cake) {
        if (driver.kitchen(cake).state(task) == state)
            ++count;
    }
    return count;
}

QImage tileImage(CakeGridView &view, int cake)
{
    return grabbed(view).copy(view.tileRect(cake));
}

int pixelsLike(const QImage &image, const QColor &color, int tolerance = 3)
{
    return countPixels(image, image.rect(), [&](const QColor &pixel) { return sameColor(pixel, color, tolerance); });
}

void prepare(CakeGridView &view)
{
    view.resize(paintSize);
    view.setPalette(lightPalette());
    view.setLocale(QLocale::c());
}

/// The largest stall this machine may show while a bake of manyCakes cakes runs with the view painting. The
/// product's target is LoopMonitor::lateThresholdMs (50 ms); the tests run on two loaded shared cores, and a
/// sanitized build runs several times slower. Work per change that grew with the cakes (a scan of them all)
/// would cost 10,000 times 20,000 reads a step: seconds, far beyond either bound.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 stallBoundMs = 300;
#else
constexpr qint64 stallBoundMs = 150;
#endif

/**
 * Nanoseconds per change when each of @p cakes cakes' oven starts, through the driver's signal as in a bake: every
 * change moves the counts. Stops after @p budgetMs, so that work growing with the cakes shows as a slow rate
 * instead of a hung test. The first hundred cakes, whose tiles repaint, are left out to compare like with like.
 */
double nsPerChange(int cakes, qint64 budgetMs)
{
    constexpr int batch = 256;
    ScriptedDriver driver;
    if (!driver.start(bakeOf(cakes)))
        return -1;
    CakeGridView view;
    view.setCakes(&driver);
    QObject::connect(&driver, &BakeDriver::kitchenChanged, &view, &CakeGridView::cakeChanged);
    QElapsedTimer clock;
    clock.start();
    int cake = CakeGridView::maxDrawnCakes;
    while (cake < cakes && clock.elapsed() < budgetMs) {
        for (const int end = std::min(cakes, cake + batch); cake < end; ++cake)
            driver.advance(cake, TaskId::Preheat);
    }
    const double ns = double(clock.nsecsElapsed()) / (cake - CakeGridView::maxDrawnCakes);
    return view.count(TaskId::Preheat, TaskState::Waiting) == cake - CakeGridView::maxDrawnCakes ? ns : -1;
}

} // namespace

void TestCakeGridView::startsEmpty()
{
    CakeGridView view;
    prepare(view);
    QCOMPARE(view.cakeCount(), 0);
    QCOMPARE(view.drawnCount(), 0);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::NotStarted), 0);
    QCOMPARE(view.summaryText(), QStringLiteral("No cakes"));
    QCOMPARE(view.accessibleName(), QStringLiteral("Cakes"));
    QCOMPARE(view.accessibleDescription(), QStringLiteral("No cakes"));
    QVERIFY(view.tileRect(0).isEmpty());
    QCOMPARE(view.cakeAt(QPoint(20, 20)), -1);
    QCOMPARE(view.cakeText(0), QString());
    view.cakeChanged(0); // nothing to read: ignored
    QCOMPARE(view.cakeCount(), 0);
    // Something is drawn, the placeholder, on the palette's window colour.
    const QImage empty = grabbed(view);
    QVERIFY(pixelsLike(empty, lightPalette().color(QPalette::Window)) < paintSize.width() * paintSize.height());
}

void TestCakeGridView::drawnCountIsAtMostAHundred_data()
{
    QTest::addColumn<int>("cakes");
    QTest::addColumn<int>("drawn");

    QTest::newRow("one") << 1 << 1;
    QTest::newRow("ninety-nine") << 99 << 99;
    QTest::newRow("a hundred") << 100 << 100;
    QTest::newRow("a hundred and one") << 101 << 100;
    QTest::newRow("ten thousand") << manyCakes << 100;
}

void TestCakeGridView::drawnCountIsAtMostAHundred()
{
    QFETCH(int, cakes);
    QFETCH(int, drawn);

    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(cakes)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    QCOMPARE(view.cakeCount(), cakes);
    QCOMPARE(view.drawnCount(), drawn);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::NotStarted), cakes);
    QCOMPARE(view.count(TaskId::Mix, TaskState::NotStarted), cakes);
    // Every drawn tile lies inside the widget, above the summary; there is none past the last drawn.
    for (int cake = 0; cake < drawn; ++cake)
        QVERIFY2(view.rect().contains(view.tileRect(cake)), qPrintable(QString::number(cake)));
    QVERIFY(view.tileRect(drawn).isEmpty());
    QCOMPARE(view.summaryText().contains(QStringLiteral("showing the first 100")), cakes > drawn);
}

void TestCakeGridView::summaryNamesTheTotals()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(manyCakes)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    connectView(view, driver);
    QCOMPARE(view.summaryText(),
             QStringLiteral("10,000 cakes · oven: 10,000 not started · mixing: 10,000 not started"
                            " · showing the first 100"));

    driver.bakeToTheEnd(0);
    driver.advance(1, TaskId::Preheat);
    driver.advance(5000, TaskId::Mix);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Done), 1);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Waiting), 1);
    QCOMPARE(view.count(TaskId::Mix, TaskState::Waiting), 1);
    QCOMPARE(view.summaryText(),
             QStringLiteral("10,000 cakes · oven: 9,998 not started, 1 waiting, 1 done"
                            " · mixing: 9,998 not started, 1 waiting, 1 done"
                            " · showing the first 100"));

    // A single cake is a cake, and with all of it drawn there is nothing to say about the first hundred.
    ScriptedDriver single;
    QVERIFY(single.start(bakeOf(1)));
    view.setCakes(&single);
    QCOMPARE(view.summaryText(), QStringLiteral("1 cake · oven: 1 not started · mixing: 1 not started"));
}

void TestCakeGridView::summaryFollowsTheLocale()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(manyCakes)));
    CakeGridView view;
    view.setLocale(QLocale(QLocale::German, QLocale::Germany));
    view.setCakes(&driver);
    QVERIFY2(view.summaryText().startsWith(QStringLiteral("10.000 cakes")), qPrintable(view.summaryText()));
}

void TestCakeGridView::summaryIsRefreshedAfterABurst()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(manyCakes)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    connectView(view, driver);
    QCOMPARE(view.accessibleDescription(), view.summaryText());

    // The counts move at once; the text that is read out and drawn follows once the burst is over.
    for (int cake = 0; cake < manyCakes; cake += 2)
        driver.advance(cake, TaskId::Preheat);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Waiting), manyCakes / 2);
    QVERIFY(view.accessibleDescription() != view.summaryText());
    QTRY_COMPARE_WITH_TIMEOUT(view.accessibleDescription(), view.summaryText(), 2000);
    QVERIFY(view.accessibleDescription().contains(QStringLiteral("5,000 waiting")));
}

void TestCakeGridView::countsFollowARealAsyncBake()
{
    CakeRecipeDriver driver(BakeMode::Async);
    CakeGridView view;
    prepare(view);
    connectView(view, driver);

    // Every few milliseconds of the bake, the running counts must equal a count of every kitchen.
    int samples = 0;
    int samplesMidBake = 0;
    QStringList mismatches;
    QTimer sampler;
    sampler.setInterval(5);
    connect(&sampler, &QTimer::timeout, this, [&] {
        ++samples;
        for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
            int total = 0;
            for (const TaskState state : {TaskState::NotStarted, TaskState::Running, TaskState::Waiting,
                                          TaskState::Done, TaskState::Cancelled}) {
                const int counted = view.count(task, state);
                total += counted;
                if (counted != scannedCount(driver, task, state))
                    mismatches << QStringLiteral("%1 %2: %3").arg(taskName(task), taskStateName(state)).arg(counted);
            }
            if (total != driver.cakeCount())
                mismatches << QStringLiteral("%1 adds up to %2").arg(taskName(task)).arg(total);
        }
        if (view.count(TaskId::Preheat, TaskState::Waiting) > 0)
            ++samplesMidBake;
    });

    QSignalSpy finished(&driver, &BakeDriver::finished);
    QVERIFY(driver.start(bakeOf(manyCakes, 30)));
    sampler.start();
    QVERIFY(finished.wait(20000));
    sampler.stop();

    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 5).join(QStringLiteral("; "))));
    QVERIFY(samplesMidBake > 0);
    QCOMPARE(view.cakeCount(), manyCakes);
    QCOMPARE(view.drawnCount(), 100);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Done), manyCakes);
    QCOMPARE(view.count(TaskId::Mix, TaskState::Done), manyCakes);
    QCOMPARE(view.summaryText(),
             QStringLiteral("10,000 cakes · oven: 10,000 done · mixing: 10,000 done · showing the first 100"));
    qInfo("%d samples, %d mid-bake", samples, samplesMidBake);
}

void TestCakeGridView::cancelledCakesAreCounted()
{
    CakeRecipeDriver driver(BakeMode::Async);
    CakeGridView view;
    prepare(view);
    connectView(view, driver);
    QSignalSpy finished(&driver, &BakeDriver::finished);
    // Steps of ten seconds: the loop starts every oven on its first turns (two seconds for ten thousand under a
    // sanitizer), and each then waits out its first step.
    QVERIFY(driver.start(bakeOf(manyCakes, 10000)));
    QTRY_COMPARE_WITH_TIMEOUT(view.count(TaskId::Preheat, TaskState::Waiting), manyCakes, 9000);
    driver.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Cancelled), manyCakes);
    QCOMPARE(view.count(TaskId::Mix, TaskState::Cancelled), manyCakes);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Waiting), 0);
    QVERIFY(view.summaryText().contains(QStringLiteral("oven: 10,000 cancelled")));
}

void TestCakeGridView::aNewBakeIsCountedAfresh()
{
    ScriptedDriver driver;
    CakeGridView view;
    prepare(view);
    QObject::connect(&driver, &BakeDriver::kitchenChanged, &view, &CakeGridView::cakeChanged);
    QVERIFY(driver.start(bakeOf(500)));
    view.setCakes(&driver);
    driver.cancel();
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Cancelled), 500);

    // A second bake with fewer cakes, not announced with setCakes(): its first change makes the view count anew.
    QVERIFY(driver.start(bakeOf(50)));
    driver.advance(0, TaskId::Preheat);
    QCOMPARE(view.cakeCount(), 50);
    QCOMPARE(view.drawnCount(), 50);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Cancelled), 0);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::Waiting), 1);
    QCOMPARE(view.count(TaskId::Preheat, TaskState::NotStarted), 49);
    QVERIFY(!grabbed(view).isNull()); // painting the smaller bake reads no kitchen past its end

    view.clear();
    QCOMPARE(view.cakeCount(), 0);
    QCOMPARE(view.summaryText(), QStringLiteral("No cakes"));
    driver.advance(1, TaskId::Preheat); // the view no longer listens to a driver it was not given
    QCOMPARE(view.cakeCount(), 0);
}

void TestCakeGridView::statesPaintDifferently()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(4)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    connectView(view, driver);
    driver.bakeToTheEnd(0); // done
    for (int step = 0; step < 2; ++step) { // both tasks waiting, a step done: 200 °F, one mix
        driver.advance(1, TaskId::Preheat);
        driver.advance(1, TaskId::Mix);
    }
    // cake 2: not started

    const QImage done = tileImage(view, 0);
    const QImage waiting = tileImage(view, 1);
    const QImage notStarted = tileImage(view, 2);
    QCOMPARE(done.size(), waiting.size());
    const int area = done.width() * done.height();
    QVERIFY2(differingPixels(done, waiting) > area / 10, qPrintable(QString::number(differingPixels(done, waiting))));
    QVERIFY(differingPixels(waiting, notStarted) > area / 20);
    QVERIFY(differingPixels(done, notStarted) > area / 10);

    // Done: the oven's and the mixing's own colours at full strength, and the green tick and border.
    const QColor oven = taskColor(TaskId::Preheat, lightPalette());
    const QColor mixing = taskColor(TaskId::Mix, lightPalette());
    QVERIFY(pixelsLike(done, oven) > area / 20);
    QVERIFY(pixelsLike(done, mixing) > area / 40);
    QVERIFY(pixelsLike(done, doneSignal) > area / 20);
    // Waiting: dimmed, so neither full colour appears, and no end-state mark.
    QCOMPARE(pixelsLike(waiting, oven), 0);
    QCOMPARE(pixelsLike(waiting, doneSignal), 0);
    QCOMPARE(pixelsLike(waiting, cancelledSignal), 0);
    // Not started: grey, no colour at all beyond the antialiasing.
    const auto colourful = [](const QColor &pixel) { return pixel.hsvSaturation() > 60; };
    QCOMPARE(countPixels(notStarted, notStarted.rect(), colourful), 0);
    QVERIFY(countPixels(waiting, waiting.rect(), colourful) > area / 40);

    // Cancelled: the unfinished cakes turn grey with a red cross and border; the finished one stays as it was.
    driver.cancel();
    const QImage cancelled = tileImage(view, 1);
    QVERIFY(differingPixels(waiting, cancelled) > area / 10);
    QVERIFY(pixelsLike(cancelled, cancelledSignal) > area / 20);
    QCOMPARE(pixelsLike(cancelled, oven), 0);
    QCOMPARE(differingPixels(done, tileImage(view, 0)), 0);
    QVERIFY(pixelsLike(tileImage(view, 2), cancelledSignal) > area / 20);
}

void TestCakeGridView::theArcGrowsWithTheTemperature()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(2)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    connectView(view, driver);
    driver.advance(0, TaskId::Preheat); // waiting at 100 °F
    driver.advance(1, TaskId::Preheat);
    driver.advance(1, TaskId::Preheat); // waiting at 200 °F

    // The lit part of the arc is the oven's colour dimmed for the wait; the track is fainter still.
    const auto lit = [](const QColor &pixel) { return pixel.hsvSaturation() > 80 && pixel.hsvHue() < 40; };
    const QImage cold = tileImage(view, 0);
    const QImage warmer = tileImage(view, 1);
    const int coldLit = countPixels(cold, cold.rect(), lit);
    const int warmerLit = countPixels(warmer, warmer.rect(), lit);
    QVERIFY2(warmerLit > coldLit + 20, qPrintable(QStringLiteral("%1 against %2").arg(warmerLit).arg(coldLit)));
}

void TestCakeGridView::darkPaletteIsFollowed()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(1)));
    driver.bakeToTheEnd(0);
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    const QImage light = grabbed(view);
    view.setPalette(darkPalette());
    const QImage dark = grabbed(view);
    QVERIFY(differingPixels(light, dark) > paintSize.width() * paintSize.height() / 2);
    const QImage tile = dark.copy(view.tileRect(0));
    QVERIFY(pixelsLike(tile, taskColor(TaskId::Preheat, darkPalette())) > 0);
    QVERIFY(pixelsLike(tile, darkPalette().color(QPalette::Base)) > 0);
    QCOMPARE(pixelsLike(tile, lightPalette().color(QPalette::Base)), 0);
}

void TestCakeGridView::tilesReflowWithTheWidth()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(manyCakes)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    const int wideColumns = view.columnCount();
    view.resize(350, 700);
    const int narrowColumns = view.columnCount();
    QVERIFY2(narrowColumns < wideColumns, qPrintable(QStringLiteral("%1, %2").arg(narrowColumns).arg(wideColumns)));

    for (const QSize size : {paintSize, QSize(350, 700), QSize(1200, 300)}) {
        view.resize(size);
        // Row-major, as many to a row as fit, no overlaps, all inside.
        QCOMPARE(view.tileRect(1).top(), view.tileRect(0).top());
        QCOMPARE(view.tileRect(view.columnCount()).left(), view.tileRect(0).left());
        QVERIFY(view.tileRect(view.columnCount()).top() > view.tileRect(0).bottom());
        for (int cake = 0; cake < view.drawnCount(); ++cake) {
            QVERIFY(view.rect().contains(view.tileRect(cake)));
            if (cake > 0)
                QVERIFY(!view.tileRect(cake).intersects(view.tileRect(cake - 1)));
        }
        // One more column would not fit between the margins.
        const int pitch = view.tileRect(1).left() - view.tileRect(0).left();
        const int gap = pitch - view.tileRect(0).width();
        QVERIFY((view.columnCount() + 1) * pitch - gap > size.width() - 2 * outerMargin);
    }
}

void TestCakeGridView::sizeHintsHoldAHundredTiles()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(manyCakes)));
    CakeGridView view;
    view.setCakes(&driver);
    QVERIFY(view.minimumSizeHint().width() <= view.sizeHint().width());
    QVERIFY(view.minimumSizeHint().height() <= view.sizeHint().height());
    for (const QSize size : {view.sizeHint(), view.minimumSizeHint()}) {
        view.resize(size);
        const QRect last = view.tileRect(view.drawnCount() - 1);
        QVERIFY2(view.rect().contains(last), qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
    }
    // At the hint every tile is large enough for its arc and pips to read.
    view.resize(view.sizeHint());
    QVERIFY(view.tileRect(0).width() >= 32);
}

void TestCakeGridView::eachCakeCanBeReadInWords()
{
    ScriptedDriver driver;
    QVERIFY(driver.start(bakeOf(3)));
    CakeGridView view;
    prepare(view);
    view.setCakes(&driver);
    connectView(view, driver);
    driver.bakeToTheEnd(0);
    driver.advance(1, TaskId::Preheat);
    driver.advance(1, TaskId::Preheat);
    QCOMPARE(view.cakeText(0), QStringLiteral("Cake 1: oven 400 °F of 400 °F, done · mixing 3 of 3, done"));
    QCOMPARE(view.cakeText(1), QStringLiteral("Cake 2: oven 200 °F of 400 °F, waiting · mixing 0 of 3, not started"));
    QCOMPARE(view.cakeText(3), QString());
    QCOMPARE(view.cakeAt(view.tileRect(2).center()), 2);
    QCOMPARE(view.cakeAt(view.tileRect(0).topRight() + QPoint(1, 0)), -1); // the gap between tiles
    QCOMPARE(view.cakeAt(QPoint(-1, -1)), -1);

    // Hovering a tile says the same in a tooltip.
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPoint over = view.tileRect(1).center();
    QHelpEvent help(QEvent::ToolTip, over, view.mapToGlobal(over));
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        QTest::ignoreMessage(QtWarningMsg, "This plugin does not support raise()"); // the tooltip's window
    QApplication::sendEvent(&view, &help);
    QTRY_COMPARE(QToolTip::text(), view.cakeText(1));
    QToolTip::hideText();
}

void TestCakeGridView::aDestroyedDriverClearsTheView()
{
    CakeGridView view;
    prepare(view);
    {
        ScriptedDriver driver;
        QVERIFY(driver.start(bakeOf(300)));
        view.setCakes(&driver);
        QCOMPARE(view.cakeCount(), 300);
    }
    QCOMPARE(view.cakeCount(), 0);
    QCOMPARE(view.summaryText(), QStringLiteral("No cakes"));
    QVERIFY(!grabbed(view).isNull());
}

void TestCakeGridView::aChangeCostsTheSameWithFiftyTimesTheCakes()
{
    // Constant work per change costs about the same per cake with fifty times the cakes (a little more for a
    // larger working set); work that scanned the cakes would cost fifty times more.
    constexpr int fewCakes = manyCakes;
    constexpr int fiftyTimes = 50 * manyCakes;
    constexpr qint64 budgetMs = 2000;
    constexpr double allowedRatio = 10.0;
    // The best of three runs each, so that a busy machine's preemption does not count as the view's cost.
    constexpr int runs = 3;
    double few = std::numeric_limits<double>::max();
    double many = std::numeric_limits<double>::max();
    for (int run = 0; run < runs; ++run) {
        few = std::min(few, nsPerChange(fewCakes, budgetMs));
        many = std::min(many, nsPerChange(fiftyTimes, budgetMs));
    }
    qInfo("%.0f ns a change with %d cakes, %.0f ns with %d", few, fewCakes, many, fiftyTimes);
    QVERIFY(few > 0);
    QVERIFY(many > 0);
    QVERIFY2(many < allowedRatio * few, qPrintable(QStringLiteral("%1 ns against %2 ns").arg(many).arg(few)));
}

void TestCakeGridView::windowStaysResponsiveDuringATenThousandCakeBake()
{
    CakeRecipeDriver driver(BakeMode::Async);
    CakeGridView view;
    prepare(view);
    connectView(view, driver);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    int paints = 0;
    class PaintCounter : public QObject
    {
    public:
        explicit PaintCounter(int *paints)
            : m_paints(paints)
        {
        }
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                ++*m_paints;
            return false;
        }

    private:
        int *m_paints;
    } counter(&paints);
    view.installEventFilter(&counter);

    LoopMonitor monitor;
    QSignalSpy measured(&monitor, &LoopMonitor::finished);
    QSignalSpy finished(&driver, &BakeDriver::finished);
    monitor.start();
    QElapsedTimer clock;
    clock.start();
    // Ten steps of each task, so the view repaints through half a second of bursts.
    BakeParameters longer = bakeOf(manyCakes, 50);
    longer.targetTemperature = 1000;
    longer.mixCount = 10;
    QVERIFY(driver.start(longer));
    QVERIFY(finished.wait(20000));
    monitor.finish();
    QVERIFY(measured.wait(2000));

    qInfo("STALL largest %lld ms, %d late of %d heartbeats, %d paints, bake %lld ms", monitor.maxStallMs(),
          monitor.lateHeartbeats(), monitor.heartbeats(), paints, clock.elapsed());
    QCOMPARE(view.count(TaskId::Mix, TaskState::Done), manyCakes);
    QVERIFY2(paints > 0, "the view painted during the bake");
    QVERIFY2(
        monitor.maxStallMs() < stallBoundMs,
        qPrintable(QStringLiteral("largest stall %1 ms, bound %2 ms").arg(monitor.maxStallMs()).arg(stallBoundMs)));
}

QTEST_MAIN(TestCakeGridView)
#include "tst_cakegridview.moc"
