// SPDX-License-Identifier: MIT
#include "heartbeatindicator.h"
#include "widgettestsupport.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

/**
 * HeartbeatIndicator: the proof on screen that the event loop turns. Its
 * frames must come while the loop runs and stop while the thread is blocked,
 * with no catching up afterwards; a block long enough to see must be
 * measured and ring the dial in red for a moment. Bounds are generous so
 * they hold on a loaded two-core machine and under AddressSanitizer, yet a
 * widget that counted time instead of frames would fail them.
 */
class TestHeartbeatIndicator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describesItself();
    void ticksWhileTheLoopTurns();
    void standsStillWhileTheThreadIsBlocked();
    void handMovesBetweenFrames();
    void stallRingsTheDialInRed();
    void sizeHintsGrowWithTheFont();
    void atRestItTicksTenTimesASecond();
    void nothingAnimatesWhileHiddenOrMinimised();
};

namespace {

// The frame timer's period in heartbeatindicator.cpp; the tests only rely on "about 60 Hz".
constexpr int frameMs = 16;
constexpr int blockMs = 300;
// Wider than tall, so the dial is as tall as the space above the clock and starts at the top edge.
const QSize paintSize(320, 260);

/// A pixel on the dial's ring, at twelve o'clock: the ring is drawn from 1.5 % to 6.5 % of the dial's side down
/// from its top, and the dial's side is the widget's height less one row of clock text.
QPoint ringPixel(const QImage &image)
{
    static constexpr qreal ringMiddle = 0.04;
    const int clockRow = QFontMetrics(QFont()).height() * 3 / 2;
    return QPoint(image.width() / 2, qRound((image.height() - clockRow) * ringMiddle));
}

bool isCalm(const QColor &pixel)
{
    return qAbs(pixel.red() - pixel.green()) < 25 && qAbs(pixel.red() - pixel.blue()) < 25;
}

bool isAlarm(const QColor &pixel)
{
    return pixel.red() > pixel.green() + 80 && pixel.red() > pixel.blue() + 80;
}

} // namespace

void TestHeartbeatIndicator::describesItself()
{
    const HeartbeatIndicator indicator;
    QCOMPARE(indicator.accessibleName(), QStringLiteral("Event loop heartbeat"));
    QVERIFY(!indicator.accessibleDescription().isEmpty());
    QCOMPARE(indicator.ticks(), quint64(0));
    QCOMPARE(indicator.lastStallMs(), 0);
}

void TestHeartbeatIndicator::ticksWhileTheLoopTurns()
{
    static constexpr int runMs = 300;

    HeartbeatIndicator indicator;
    indicator.show();
    QElapsedTimer clock;
    clock.start();
    spinEventLoop(runMs);
    const qint64 elapsed = clock.elapsed();
    const quint64 ticks = indicator.ticks();

    // About 19 frames; a loaded machine may lose some, but never gains any over what the period allows.
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
    QVERIFY2(ticks <= quint64(elapsed / frameMs + 2), qPrintable(QString::number(ticks)));
}

void TestHeartbeatIndicator::standsStillWhileTheThreadIsBlocked()
{
    static constexpr int afterMs = 3 * frameMs;

    HeartbeatIndicator indicator;
    indicator.show();
    spinEventLoop(100);
    QVERIFY(indicator.ticks() > 0);
    QCOMPARE(indicator.lastStallMs(), 0);

    const quint64 before = indicator.ticks();
    QThread::msleep(blockMs);
    QCOMPARE(indicator.ticks(), before);
    spinEventLoop(afterMs);
    const quint64 counted = indicator.ticks() - before;

    // The block costs its frames: one late frame for it, then the few the short run afterwards allows.
    // A widget that caught up would count blockMs / frameMs (about 19) more.
    QVERIFY2(counted >= 1, qPrintable(QString::number(counted)));
    QVERIFY2(counted <= 1 + afterMs / frameMs + 2, qPrintable(QString::number(counted)));

    // The gap between the frames around the block is at least the block, and not wildly more.
    QVERIFY2(indicator.lastStallMs() >= blockMs, qPrintable(QString::number(indicator.lastStallMs())));
    QVERIFY2(indicator.lastStallMs() < 4 * blockMs, qPrintable(QString::number(indicator.lastStallMs())));
}

void TestHeartbeatIndicator::handMovesBetweenFrames()
{
    // Between two frames a quarter of a second apart the hand has swept a quarter turn.
    HeartbeatIndicator indicator;
    indicator.resize(paintSize);
    const QImage first = grabbed(indicator);
    spinEventLoop(250);
    const QImage second = grabbed(indicator);
    // The dial alone, not the clock text under it, which changes as well.
    const QRect dial(0, 0, paintSize.width(), paintSize.height() / 2);
    QVERIFY(differingPixels(first, second, dial) > 0);
}

void TestHeartbeatIndicator::stallRingsTheDialInRed()
{
    HeartbeatIndicator indicator;
    indicator.resize(paintSize);
    indicator.setPalette(lightPalette());
    indicator.show();
    spinEventLoop(100);
    QCOMPARE(indicator.lastStallMs(), 0);
    const QImage calm = grabbed(indicator);
    QVERIFY2(isCalm(calm.pixelColor(ringPixel(calm))), qPrintable(calm.pixelColor(ringPixel(calm)).name()));

    QThread::msleep(blockMs);
    spinEventLoop(3 * frameMs);
    QVERIFY(indicator.lastStallMs() >= blockMs);
    const QImage alarmed = grabbed(indicator);
    QVERIFY2(isAlarm(alarmed.pixelColor(ringPixel(alarmed))),
             qPrintable(alarmed.pixelColor(ringPixel(alarmed)).name()));

    // The red fades within a second and a half once the loop runs freely again.
    QTRY_VERIFY_WITH_TIMEOUT(isCalm(grabbed(indicator).pixelColor(ringPixel(calm))), 4000);
}

void TestHeartbeatIndicator::sizeHintsGrowWithTheFont()
{
    // Presentation mode enlarges the font; the heartbeat must grow with it to stay readable from the back.
    HeartbeatIndicator small;
    HeartbeatIndicator large;
    QFont font = small.font();
    font.setPixelSize(12);
    small.setFont(font);
    font.setPixelSize(24);
    large.setFont(font);
    QVERIFY(large.sizeHint().width() > small.sizeHint().width());
    QVERIFY(large.sizeHint().height() > small.sizeHint().height());
    QVERIFY(large.minimumSizeHint().height() > small.minimumSizeHint().height());
    QVERIFY(small.sizeHint().width() >= small.minimumSizeHint().width());
    QVERIFY(small.sizeHint().height() >= small.minimumSizeHint().height());
}

void TestHeartbeatIndicator::atRestItTicksTenTimesASecond()
{
    static constexpr int runMs = 500;
    HeartbeatIndicator indicator;
    indicator.show();
    QVERIFY(indicator.isActive());
    QCOMPARE(indicator.frameIntervalMs(), HeartbeatIndicator::activeFrameMs);

    indicator.setActive(false);
    QCOMPARE(indicator.frameIntervalMs(), HeartbeatIndicator::restingFrameMs);
    const quint64 before = indicator.ticks();
    QElapsedTimer clock;
    clock.start();
    spinEventLoop(runMs);
    const quint64 ticks = indicator.ticks() - before;
    // About five frames: still alive, at a sixth of the active rate's thirty.
    QVERIFY2(ticks >= 2, qPrintable(QString::number(ticks)));
    QVERIFY2(ticks <= quint64(clock.elapsed() / HeartbeatIndicator::restingFrameMs + 2),
             qPrintable(QString::number(ticks)));

    // Still a heartbeat: the hand moves between two resting frames.
    indicator.resize(paintSize);
    const QImage first = grabbed(indicator);
    spinEventLoop(2 * HeartbeatIndicator::restingFrameMs);
    QVERIFY(differingPixels(first, grabbed(indicator), QRect(0, 0, paintSize.width(), paintSize.height() / 2)) > 0);

    indicator.setActive(true);
    QCOMPARE(indicator.frameIntervalMs(), HeartbeatIndicator::activeFrameMs);
}

void TestHeartbeatIndicator::nothingAnimatesWhileHiddenOrMinimised()
{
    QWidget window;
    auto *indicator = new HeartbeatIndicator(&window);
    QVERIFY(!indicator->isAnimating()); // not shown yet
    window.show();
    QVERIFY(indicator->isAnimating());

    window.showMinimized();
    QVERIFY(!indicator->isAnimating());
    const quint64 minimised = indicator->ticks();
    spinEventLoop(100);
    QCOMPARE(indicator->ticks(), minimised);

    window.showNormal();
    QVERIFY(indicator->isAnimating());
    QTRY_VERIFY(indicator->ticks() > minimised);
    // The time spent minimised was no stall of the loop.
    QCOMPARE(indicator->lastStallMs(), 0);

    window.hide();
    QVERIFY(!indicator->isAnimating());
    window.show();
    QVERIFY(indicator->isAnimating());
}

QTEST_MAIN(TestHeartbeatIndicator)
#include "tst_heartbeatindicator.moc"
