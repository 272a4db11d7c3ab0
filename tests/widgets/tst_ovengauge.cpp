// SPDX-License-Identifier: MIT
#include "ovengauge.h"
#include "widgettestsupport.h"

#include <QAccessible>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>

/**
 * OvenGauge: the preheat task as a dial. The needle must be drawn where the
 * temperature is, glide there only while the event loop runs (and jump when
 * asked to), the target must move its marker and the scale, and the readout,
 * the accessible text and the caption must follow the values and the state.
 */
class TestOvenGauge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsColdAtTheDefaultTarget();
    void scaleFollowsTheTarget_data();
    void scaleFollowsTheTarget();
    void readoutAndDescriptionFollowTheTemperature_data();
    void readoutAndDescriptionFollowTheTemperature();
    void jumpIsImmediate();
    void glideDurationZeroMakesEveryChangeAJump();
    void glideReachesTheTemperatureOnTheEventLoop();
    void glideRestartsFromWhereTheNeedleIs();
    void needleIsDrawnWhereTheTemperatureIs_data();
    void needleIsDrawnWhereTheTemperatureIs();
    void samePaintForTheSameTemperature();
    void needleStopsAtTheEndsOfTheScale_data();
    void needleStopsAtTheEndsOfTheScale();
    void targetMarkerFollowsTheTarget();
    void stateIsShown_data();
    void stateIsShown();
    void waitCountsDownInTheDescription();
    void sizeHintsKeepTheCanvasShape();
};

namespace {

// Twice the logical canvas, so a canvas point (x, y) is the pixel (200 + 2x, 176 + 2y).
constexpr qreal pixelsPerUnit = 2.0;
const QSize paintSize(int(pixelsPerUnit *TaskView::canvasWidth), int(pixelsPerUnit *TaskView::canvasHeight));

// The dial as ovengauge.cpp draws it: a 270° arc open at the bottom, centred a little above the canvas's centre.
const QPointF dialCentre(0, -14);
constexpr qreal startRotation = -135.0;
constexpr qreal sweepDegrees = 270.0;
// Along the needle, between the hub and the tick labels: only the needle is ever drawn there.
constexpr qreal needleProbeRadius = 20.0;
// On the target's pointer, outside the arc.
constexpr qreal markerProbeRadius = 65.0;
// The picture ends where the readout begins.
constexpr qreal readoutTop = 30.0;

/// Degrees clockwise from twelve o'clock at which @p fahrenheit is drawn on @p gauge's scale.
qreal rotationFor(const OvenGauge &gauge, qreal fahrenheit)
{
    const qreal fraction = (fahrenheit - OvenGauge::roomTemperature) / (gauge.scaleTop() - OvenGauge::roomTemperature);
    return startRotation + sweepDegrees * qBound(0.0, fraction, 1.0);
}

QPoint pixelAt(const QPointF &canvasPoint)
{
    return QPoint(qRound(paintSize.width() / 2.0 + pixelsPerUnit * canvasPoint.x()),
                  qRound(paintSize.height() / 2.0 + pixelsPerUnit * canvasPoint.y()));
}

/// The pixel at @p radius from the dial's centre, in the direction of @p fahrenheit.
QPoint pixelOnDial(const OvenGauge &gauge, qreal fahrenheit, qreal radius)
{
    const qreal radians = qDegreesToRadians(rotationFor(gauge, fahrenheit));
    return pixelAt(dialCentre + QPointF(radius * std::sin(radians), -radius * std::cos(radians)));
}

/// The part of the image above the readout: the dial alone, with the title.
QRect pictureArea()
{
    return QRect(QPoint(0, 0), QPoint(paintSize.width() - 1, pixelAt(QPointF(0, readoutTop)).y() - 1));
}

bool isDark(const QColor &pixel)
{
    return qGray(pixel.rgb()) < 100;
}

bool isLight(const QColor &pixel)
{
    return qGray(pixel.rgb()) > 200;
}

/// A gauge of the test's size in a known palette, reporting (so the picture is neither greyed nor dimmed).
void prepare(OvenGauge &gauge)
{
    gauge.resize(paintSize);
    gauge.setPalette(lightPalette());
    gauge.setTaskState(TaskState::Running);
}

/// The readout, as the subclass hands it to the frame.
class ReadoutProbe : public OvenGauge
{
public:
    using OvenGauge::readoutText;
};

} // namespace

void TestOvenGauge::startsColdAtTheDefaultTarget()
{
    const OvenGauge gauge;
    QCOMPARE(gauge.task(), TaskId::Preheat);
    QCOMPARE(gauge.temperature(), OvenGauge::roomTemperature);
    QCOMPARE(gauge.needleTemperature(), qreal(OvenGauge::roomTemperature));
    QCOMPARE(gauge.targetTemperature(), 400);
    QCOMPARE(gauge.scaleTop(), 500);
    QCOMPARE(gauge.glideDurationMs(), OvenGauge::defaultGlideMs);
    QCOMPARE(gauge.taskState(), TaskState::NotStarted);
    QCOMPARE(gauge.accessibleName(), QStringLiteral("Oven"));
    QCOMPARE(gauge.accessibleDescription(), QStringLiteral("70 °F, target 400 °F, not started"));
}

void TestOvenGauge::scaleFollowsTheTarget_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("storedTarget");
    QTest::addColumn<int>("scaleTop");

    QTest::newRow("default") << 400 << 400 << 500;
    QTest::newRow("cold oven") << 0 << 0 << OvenGauge::minimumScaleTop;
    QTest::newRow("negative") << -50 << 0 << OvenGauge::minimumScaleTop;
    QTest::newRow("just over a hundred") << 401 << 401 << 600;
    QTest::newRow("a round target") << 500 << 500 << 600;
    QTest::newRow("highest the window allows") << 1000 << 1000 << 1100;
    QTest::newRow("absurd") << 5000000 << 100000 << 100100;
}

void TestOvenGauge::scaleFollowsTheTarget()
{
    // The scale always shows room above the target: a 100 °F step, rounded up, and never less than 500 °F.
    QFETCH(int, target);
    QFETCH(int, storedTarget);
    QFETCH(int, scaleTop);

    OvenGauge gauge;
    gauge.setTargetTemperature(target);
    QCOMPARE(gauge.targetTemperature(), storedTarget);
    QCOMPARE(gauge.scaleTop(), scaleTop);
    QCOMPARE(gauge.accessibleDescription(), QStringLiteral("70 °F, target %1 °F, not started").arg(storedTarget));
}

void TestOvenGauge::readoutAndDescriptionFollowTheTemperature_data()
{
    QTest::addColumn<int>("temperature");
    QTest::addColumn<bool>("animated");

    QTest::newRow("first report") << 200 << true;
    QTest::newRow("at the target") << 400 << true;
    QTest::newRow("replayed") << 300 << false;
    QTest::newRow("off the scale") << 1200 << false;
}

void TestOvenGauge::readoutAndDescriptionFollowTheTemperature()
{
    // The numbers show the reported temperature at once, even while the needle is still gliding towards it.
    QFETCH(int, temperature);
    QFETCH(bool, animated);

    ReadoutProbe gauge;
    gauge.setTaskState(TaskState::Running);
    gauge.setTemperature(temperature, animated);
    QCOMPARE(gauge.temperature(), temperature);
    QCOMPARE(gauge.readoutText(), QStringLiteral("%1 °F").arg(temperature));
    const QString description = QStringLiteral("%1 °F, target 400 °F, reporting").arg(temperature);
    QCOMPARE(gauge.accessibleDescription(), description);

    // What a screen reader is told.
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(&gauge);
    QVERIFY(accessible);
    QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("Oven"));
    QCOMPARE(accessible->text(QAccessible::Description), description);
}

void TestOvenGauge::jumpIsImmediate()
{
    // Replays and resets must show the moment at once, with no glide in between.
    OvenGauge gauge;
    gauge.setTemperature(300, false);
    QCOMPARE(gauge.needleTemperature(), 300.0);
    gauge.setTemperature(OvenGauge::roomTemperature, false);
    QCOMPARE(gauge.needleTemperature(), qreal(OvenGauge::roomTemperature));
    spinEventLoop(50);
    QCOMPARE(gauge.needleTemperature(), qreal(OvenGauge::roomTemperature));
}

void TestOvenGauge::glideDurationZeroMakesEveryChangeAJump()
{
    OvenGauge gauge;
    gauge.setGlideDurationMs(-20);
    QCOMPARE(gauge.glideDurationMs(), 0);
    gauge.setTemperature(250);
    QCOMPARE(gauge.needleTemperature(), 250.0);
}

void TestOvenGauge::glideReachesTheTemperatureOnTheEventLoop()
{
    static constexpr int glideMs = 300;
    static constexpr int sampleMs = 5;

    OvenGauge gauge;
    gauge.setGlideDurationMs(glideMs);
    QCOMPARE(gauge.glideDurationMs(), glideMs);
    gauge.setTemperature(300);
    QCOMPARE(gauge.temperature(), 300);
    QCOMPARE(gauge.needleTemperature(), qreal(OvenGauge::roomTemperature));

    // The needle is moved by the event loop alone: a blocked thread leaves it where it was.
    QThread::msleep(glideMs / 3);
    QCOMPARE(gauge.needleTemperature(), qreal(OvenGauge::roomTemperature));

    QList<qreal> samples;
    QTimer sampler;
    sampler.setTimerType(Qt::PreciseTimer);
    QObject::connect(&sampler, &QTimer::timeout, &gauge, [&] { samples << gauge.needleTemperature(); });
    sampler.start(sampleMs);
    QTRY_COMPARE(gauge.needleTemperature(), 300.0);
    sampler.stop();

    // It glides: it passes through values between the two, and never turns back on its way.
    QVERIFY(std::any_of(samples.cbegin(), samples.cend(), [](qreal t) { return t > 80 && t < 290; }));
    QVERIFY(std::is_sorted(samples.cbegin(), samples.cend()));
}

void TestOvenGauge::glideRestartsFromWhereTheNeedleIs()
{
    // A new report during a glide starts the next glide from the needle, not from the last reported value.
    OvenGauge gauge;
    gauge.setGlideDurationMs(600);
    gauge.setTemperature(500);
    QTRY_VERIFY(gauge.needleTemperature() > 200);
    const qreal midway = gauge.needleTemperature();
    QVERIFY(midway < 500);

    gauge.setTemperature(100);
    QCOMPARE(gauge.needleTemperature(), midway);
    QTRY_COMPARE(gauge.needleTemperature(), 100.0);
}

void TestOvenGauge::needleIsDrawnWhereTheTemperatureIs_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");

    QTest::newRow("cold and hot") << 70 << 500;
    QTest::newRow("two reports") << 200 << 300;
    QTest::newRow("around the top") << 250 << 330;
    QTest::newRow("target and beyond") << 400 << 480;
}

void TestOvenGauge::needleIsDrawnWhereTheTemperatureIs()
{
    QFETCH(int, first);
    QFETCH(int, second);

    OvenGauge gauge;
    prepare(gauge);
    gauge.setTemperature(first, false);
    const QImage atFirst = grabbed(gauge);
    gauge.setTemperature(second, false);
    const QImage atSecond = grabbed(gauge);

    const QPoint firstNeedle = pixelOnDial(gauge, first, needleProbeRadius);
    const QPoint secondNeedle = pixelOnDial(gauge, second, needleProbeRadius);
    QVERIFY2(isDark(atFirst.pixelColor(firstNeedle)), qPrintable(atFirst.pixelColor(firstNeedle).name()));
    QVERIFY2(isLight(atFirst.pixelColor(secondNeedle)), qPrintable(atFirst.pixelColor(secondNeedle).name()));
    QVERIFY2(isDark(atSecond.pixelColor(secondNeedle)), qPrintable(atSecond.pixelColor(secondNeedle).name()));
    QVERIFY2(isLight(atSecond.pixelColor(firstNeedle)), qPrintable(atSecond.pixelColor(firstNeedle).name()));
}

void TestOvenGauge::samePaintForTheSameTemperature()
{
    OvenGauge gauge;
    prepare(gauge);
    gauge.setTemperature(300, false);
    const QImage once = grabbed(gauge);
    QCOMPARE(once.size(), paintSize);
    QCOMPARE(differingPixels(once, grabbed(gauge)), 0);

    // Getting there by a glide or by another path ends in the same picture.
    OvenGauge other;
    prepare(other);
    other.setGlideDurationMs(50);
    other.setTemperature(450);
    other.setTemperature(300);
    QTRY_COMPARE(other.needleTemperature(), 300.0);
    QCOMPARE(differingPixels(once, grabbed(other)), 0);
}

void TestOvenGauge::needleStopsAtTheEndsOfTheScale_data()
{
    QTest::addColumn<int>("beyond");
    QTest::addColumn<int>("end");

    QTest::newRow("below room temperature") << -100 << int(OvenGauge::roomTemperature);
    QTest::newRow("above the scale") << 2000 << 500;
}

void TestOvenGauge::needleStopsAtTheEndsOfTheScale()
{
    QFETCH(int, beyond);
    QFETCH(int, end);

    OvenGauge gauge;
    prepare(gauge);
    gauge.setTemperature(end, false);
    const QImage atEnd = grabbed(gauge);
    gauge.setTemperature(beyond, false);
    const QImage pinned = grabbed(gauge);
    // The readout says how far off the scale it is; the dial itself stays pinned to its end.
    QCOMPARE(differingPixels(atEnd, pinned, pictureArea()), 0);
    QVERIFY(differingPixels(atEnd, pinned) > 0);
}

void TestOvenGauge::targetMarkerFollowsTheTarget()
{
    OvenGauge gauge;
    prepare(gauge);
    gauge.setTargetTemperature(200);
    const QImage low = grabbed(gauge);
    const QPoint lowMarker = pixelOnDial(gauge, 200, markerProbeRadius);
    gauge.setTargetTemperature(400);
    const QImage high = grabbed(gauge);
    const QPoint highMarker = pixelOnDial(gauge, 400, markerProbeRadius);

    QVERIFY2(isDark(low.pixelColor(lowMarker)), qPrintable(low.pixelColor(lowMarker).name()));
    QVERIFY2(isLight(low.pixelColor(highMarker)), qPrintable(low.pixelColor(highMarker).name()));
    QVERIFY2(isDark(high.pixelColor(highMarker)), qPrintable(high.pixelColor(highMarker).name()));
    QVERIFY2(isLight(high.pixelColor(lowMarker)), qPrintable(high.pixelColor(lowMarker).name()));
}

void TestOvenGauge::stateIsShown_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<qint64>("remainingMs");
    QTest::addColumn<QString>("caption");

    QTest::newRow("not started") << TaskState::NotStarted << qint64(-1) << QStringLiteral("not started");
    QTest::newRow("reporting") << TaskState::Running << qint64(-1) << QStringLiteral("reporting");
    QTest::newRow("waiting") << TaskState::Waiting << qint64(600) << QStringLiteral("waiting 0.6 s");
    QTest::newRow("done") << TaskState::Done << qint64(-1) << QStringLiteral("done");
    QTest::newRow("cancelled") << TaskState::Cancelled << qint64(-1) << QStringLiteral("cancelled");
}

void TestOvenGauge::stateIsShown()
{
    QFETCH(TaskState, state);
    QFETCH(qint64, remainingMs);
    QFETCH(QString, caption);

    OvenGauge notStarted;
    notStarted.resize(paintSize);
    notStarted.setTemperature(300, false);

    OvenGauge gauge;
    gauge.resize(paintSize);
    gauge.setTemperature(300, false);
    gauge.setTaskState(state, remainingMs, false);
    QCOMPARE(gauge.stateCaption(), caption);
    QCOMPARE(gauge.accessibleDescription(), QStringLiteral("300 °F, target 400 °F, %1").arg(caption));

    // Only a gauge that has not started looks like one that has not started.
    const int changed = differingPixels(grabbed(gauge), grabbed(notStarted));
    QCOMPARE(changed == 0, state == TaskState::NotStarted);
}

void TestOvenGauge::waitCountsDownInTheDescription()
{
    OvenGauge gauge;
    gauge.setTaskState(TaskState::Waiting, 250);
    QVERIFY(gauge.isCountingDown());
    QVERIFY(gauge.accessibleDescription().startsWith(QStringLiteral("70 °F, target 400 °F, waiting 0.")));
    QTRY_COMPARE(gauge.accessibleDescription(), QStringLiteral("70 °F, target 400 °F, waiting 0.0 s"));
}

void TestOvenGauge::sizeHintsKeepTheCanvasShape()
{
    // The dial scales to fit, so the hints keep the canvas's proportions and the preferred size is the larger.
    const OvenGauge gauge;
    const QSize preferred = gauge.sizeHint();
    const QSize minimum = gauge.minimumSizeHint();
    QVERIFY(preferred.width() >= minimum.width() && preferred.height() >= minimum.height());
    QVERIFY(minimum.width() >= TaskView::canvasWidth && minimum.height() >= TaskView::canvasHeight);
    QCOMPARE(qRound(100.0 * preferred.height() / preferred.width()),
             qRound(100.0 * TaskView::canvasHeight / TaskView::canvasWidth));
}

QTEST_MAIN(TestOvenGauge)
#include "tst_ovengauge.moc"
