// SPDX-License-Identifier: MIT
#include "lagmeter.h"
#include "widgettestsupport.h"

#include <QTest>

#include <algorithm>

/**
 * LagMeter: how late the event loop answers. The numbers must keep the
 * current lag and the largest stall (until reset), the scale must put the
 * 50 ms and 100 ms thresholds where the colours change, and the bar must take
 * its zone's colour, hold a stall for a moment and then fall back.
 */
class TestLagMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAtZero();
    void lagRaisesTheMaximum();
    void negativeLagIsNoLag();
    void resetMaximumKeepsTheCurrentLag();
    void scalePosition_data();
    void scalePosition();
    void scaleNeverRunsBackwards();
    void emptyMeterShowsItsZones();
    void barTakesItsZoneColour_data();
    void barTakesItsZoneColour();
    void largeLagPaintsALongerBar();
    void stallIsHeldThenFalls();
    void overflowArrowPastTheScaleEnd();
    void sizeHintsGrowWithTheFont();
    void aJitterOfAMillisecondAnimatesNothing();
};

namespace {

const QSize paintSize(480, 72);

enum class Zone { Green, Amber, Red, None };

/// The zone whose hue @p pixel has, among pixels at least @p minimumSaturation saturated; greys belong to none.
Zone zoneOf(const QColor &pixel, qreal minimumSaturation = 0.5)
{
    if (pixel.hsvSaturationF() < minimumSaturation || pixel.valueF() < 0.2)
        return Zone::None;
    const int hue = pixel.hsvHue();
    if (hue < 15 || hue > 340)
        return Zone::Red;
    if (hue >= 25 && hue <= 50)
        return Zone::Amber;
    if (hue >= 90 && hue <= 160)
        return Zone::Green;
    return Zone::None;
}

/// The faint zone bands on the empty track: tinted, but far from the saturated bar.
Zone tintOf(const QColor &pixel)
{
    static constexpr qreal faint = 0.05;
    static constexpr qreal strong = 0.3;
    return pixel.hsvSaturationF() < strong ? zoneOf(pixel, faint) : Zone::None;
}

int countZone(const QImage &image, Zone zone)
{
    return countPixels(image, image.rect(), [zone](const QColor &pixel) { return zoneOf(pixel) == zone; });
}

/// The rightmost column with a pixel of @p zone, -1 when there is none.
int rightmostOf(const QImage &image, Zone zone)
{
    for (int x = image.width() - 1; x >= 0; --x) {
        for (int y = 0; y < image.height(); ++y) {
            if (zoneOf(image.pixelColor(x, y)) == zone)
                return x;
        }
    }
    return -1;
}

void prepare(LagMeter &meter)
{
    meter.resize(paintSize);
    meter.setPalette(lightPalette());
}

} // namespace

void TestLagMeter::startsAtZero()
{
    const LagMeter meter;
    QCOMPARE(meter.currentLagMs(), 0);
    QCOMPARE(meter.maxLagMs(), 0);
    QCOMPARE(meter.text(), QStringLiteral("now 0 ms · max 0 ms"));
    QCOMPARE(meter.accessibleName(), QStringLiteral("Event loop lag"));
    QCOMPARE(meter.accessibleDescription(), QStringLiteral("Current lag 0 ms, largest stall 0 ms"));
}

void TestLagMeter::lagRaisesTheMaximum()
{
    LagMeter meter;
    meter.setLag(5);
    meter.setLag(120);
    meter.setLag(30);
    QCOMPARE(meter.currentLagMs(), 30);
    QCOMPARE(meter.maxLagMs(), 120);
    QCOMPARE(meter.text(), QStringLiteral("now 30 ms · max 120 ms"));
    QCOMPARE(meter.accessibleDescription(), QStringLiteral("Current lag 30 ms, largest stall 120 ms"));
    QVERIFY(meter.toolTip().contains(QStringLiteral("Largest stall: 120 ms")));

    meter.setLag(3012);
    QCOMPARE(meter.maxLagMs(), 3012);
    QCOMPARE(meter.text(), QStringLiteral("now 3012 ms · max 3012 ms"));
}

void TestLagMeter::negativeLagIsNoLag()
{
    // A heartbeat that came early is on time, not a negative stall.
    LagMeter meter;
    meter.setLag(40);
    meter.setLag(-7);
    QCOMPARE(meter.currentLagMs(), 0);
    QCOMPARE(meter.maxLagMs(), 40);
}

void TestLagMeter::resetMaximumKeepsTheCurrentLag()
{
    LagMeter meter;
    meter.setLag(3000);
    meter.setLag(20);
    meter.resetMaximum();
    QCOMPARE(meter.currentLagMs(), 20);
    QCOMPARE(meter.maxLagMs(), 20);
    QCOMPARE(meter.text(), QStringLiteral("now 20 ms · max 20 ms"));
    QCOMPARE(meter.accessibleDescription(), QStringLiteral("Current lag 20 ms, largest stall 20 ms"));

    // After a reset the maximum grows again from there.
    meter.setLag(60);
    QCOMPARE(meter.maxLagMs(), 60);
}

void TestLagMeter::scalePosition_data()
{
    QTest::addColumn<qint64>("lagMs");
    QTest::addColumn<qreal>("position");

    QTest::newRow("negative") << qint64(-5) << 0.0;
    QTest::newRow("none") << qint64(0) << 0.0;
    QTest::newRow("half the green zone") << qint64(25) << 0.125;
    // The thresholds: green ends at a quarter of the bar, amber at the half where the log scale begins.
    QTest::newRow("green ends") << qint64(LagMeter::okLagMs) << 0.25;
    QTest::newRow("amber ends") << qint64(LagMeter::slowLagMs) << 0.5;
    QTest::newRow("a second") << qint64(1000) << 0.75;
    QTest::newRow("end of the scale") << qint64(LagMeter::scaleEndMs) << 1.0;
    QTest::newRow("a minute") << qint64(60000) << 1.0;
}

void TestLagMeter::scalePosition()
{
    QFETCH(qint64, lagMs);
    QFETCH(qreal, position);

    QCOMPARE(LagMeter::okLagMs, qint64(50));
    QCOMPARE(LagMeter::slowLagMs, qint64(100));
    QCOMPARE(LagMeter::scalePosition(lagMs), position);
}

void TestLagMeter::scaleNeverRunsBackwards()
{
    // Linear up to 100 ms, logarithmic beyond: continuous at the seam and rising all the way to the end.
    qreal previous = LagMeter::scalePosition(0);
    for (qint64 lag = 1; lag <= LagMeter::scaleEndMs; lag += std::max<qint64>(1, lag / 100)) {
        const qreal position = LagMeter::scalePosition(lag);
        QVERIFY2(position > previous, qPrintable(QString::number(lag)));
        QVERIFY2(position - previous < 0.01, qPrintable(QString::number(lag)));
        previous = position;
    }
}

void TestLagMeter::emptyMeterShowsItsZones()
{
    // "The empty meter already says where green ends and red begins": a faint band for each zone on the track.
    LagMeter meter;
    prepare(meter);
    const QImage image = grabbed(meter);
    const auto tinted = [&image](Zone zone) {
        return countPixels(image, image.rect(), [zone](const QColor &pixel) { return tintOf(pixel) == zone; });
    };
    QVERIFY(tinted(Zone::Green) > 50);
    QVERIFY(tinted(Zone::Amber) > 50);
    QVERIFY(tinted(Zone::Red) > 50);
    // With no lag there is no bar.
    QCOMPARE(countZone(image, Zone::Green) + countZone(image, Zone::Amber) + countZone(image, Zone::Red), 0);
}

void TestLagMeter::barTakesItsZoneColour_data()
{
    QTest::addColumn<qint64>("lagMs");
    QTest::addColumn<int>("zone");

    QTest::newRow("smooth") << qint64(20) << int(Zone::Green);
    QTest::newRow("just under 50 ms") << qint64(49) << int(Zone::Green);
    QTest::newRow("at 50 ms") << qint64(50) << int(Zone::Amber);
    QTest::newRow("at 100 ms") << qint64(100) << int(Zone::Amber);
    QTest::newRow("just over 100 ms") << qint64(101) << int(Zone::Red);
    QTest::newRow("a frozen bake step") << qint64(3000) << int(Zone::Red);
}

void TestLagMeter::barTakesItsZoneColour()
{
    QFETCH(qint64, lagMs);
    QFETCH(int, zone);

    LagMeter meter;
    prepare(meter);
    meter.setLag(lagMs);
    const QImage image = grabbed(meter);
    const int expected = countZone(image, Zone(zone));
    QVERIFY2(expected > 50, qPrintable(QString::number(expected)));
    for (const Zone other : {Zone::Green, Zone::Amber, Zone::Red}) {
        if (int(other) == zone)
            continue;
        // Antialiasing may leave an odd pixel of a neighbouring hue; a bar of that colour would be hundreds.
        const int stray = countZone(image, other);
        QVERIFY2(stray * 20 < expected, qPrintable(QStringLiteral("%1 against %2").arg(stray).arg(expected)));
    }
}

void TestLagMeter::largeLagPaintsALongerBar()
{
    LagMeter small;
    LagMeter large;
    prepare(small);
    prepare(large);
    small.setLag(10);
    large.setLag(40);
    const QImage smallBar = grabbed(small);
    const QImage largeBar = grabbed(large);
    QVERIFY(differingPixels(smallBar, largeBar) > 0);
    // Both green; the longer lag shows more of it, reaching further right.
    QVERIFY(countZone(largeBar, Zone::Green) > 2 * countZone(smallBar, Zone::Green));
    QVERIFY(rightmostOf(largeBar, Zone::Green) > rightmostOf(smallBar, Zone::Green));

    // The same lag paints the same meter.
    LagMeter again;
    prepare(again);
    again.setLag(40);
    QCOMPARE(differingPixels(grabbed(again), largeBar), 0);
}

void TestLagMeter::stallIsHeldThenFalls()
{
    // A stall arrives as one late heartbeat; the bar must stay long enough to be seen, then fall back.
    static constexpr qint64 calmLagMs = 20;

    LagMeter calm;
    prepare(calm);
    calm.setLag(calmLagMs);
    const int calmBarEnd = rightmostOf(grabbed(calm), Zone::Green);
    QVERIFY(calmBarEnd > 0);

    LagMeter meter;
    prepare(meter);
    meter.setLag(3000);
    const int stallRed = countZone(grabbed(meter), Zone::Red);
    meter.setLag(calmLagMs);
    QCOMPARE(meter.currentLagMs(), calmLagMs);
    const int heldRed = countZone(grabbed(meter), Zone::Red);
    QVERIFY2(heldRed * 10 > stallRed * 9, qPrintable(QStringLiteral("%1 against %2").arg(heldRed).arg(stallRed)));

    // It falls through amber to the green of the current lag, and stops there.
    // (The calm meter's maximum marker covers the last pixel or two of its bar.)
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(rightmostOf(grabbed(meter), Zone::Green) - calmBarEnd) <= 2, 5000);
    spinEventLoop(100);
    const QImage fallen = grabbed(meter);
    QCOMPARE(countZone(fallen, Zone::Amber), 0);
    QVERIFY(countZone(fallen, Zone::Red) * 5 < stallRed);

    // The largest stall keeps its marker and red figure until the maximum is reset; then the meter looks calm.
    QVERIFY(differingPixels(fallen, grabbed(calm)) > 0);
    meter.resetMaximum();
    QCOMPARE(differingPixels(grabbed(meter), grabbed(calm)), 0);
}

void TestLagMeter::overflowArrowPastTheScaleEnd()
{
    // Beyond ten seconds the bar cannot grow; an arrow past its end says "more than this".
    LagMeter atEnd;
    LagMeter beyond;
    prepare(atEnd);
    prepare(beyond);
    atEnd.setLag(LagMeter::scaleEndMs);
    beyond.setLag(2 * LagMeter::scaleEndMs);
    const int barEnd = rightmostOf(grabbed(atEnd), Zone::Red);
    const int arrowEnd = rightmostOf(grabbed(beyond), Zone::Red);
    QVERIFY2(barEnd > paintSize.width() / 2, qPrintable(QString::number(barEnd)));
    QVERIFY2(arrowEnd > barEnd + 3, qPrintable(QStringLiteral("%1 against %2").arg(arrowEnd).arg(barEnd)));
}

void TestLagMeter::sizeHintsGrowWithTheFont()
{
    // Presentation mode's larger font must make a larger meter.
    LagMeter small;
    LagMeter large;
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

void TestLagMeter::aJitterOfAMillisecondAnimatesNothing()
{
    // A free loop's lag flips between 0 and 1 ms: less than a pixel of bar, nothing worth a 60 Hz animation.
    LagMeter meter;
    prepare(meter);
    meter.setLag(1);
    meter.setLag(0);
    QCOMPARE(meter.currentLagMs(), 0);
    QVERIFY(!meter.isFalling());

    // A stall still falls, after its hold, and the animation ends where the lag stands.
    meter.setLag(3000);
    meter.setLag(1);
    QVERIFY(meter.isFalling());
    QTRY_VERIFY_WITH_TIMEOUT(!meter.isFalling(), 5000);
}

QTEST_MAIN(TestLagMeter)
#include "tst_lagmeter.moc"
