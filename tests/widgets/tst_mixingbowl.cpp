// SPDX-License-Identifier: MIT
#include "mixingbowl.h"
#include "widgettestsupport.h"

#include <QTest>
#include <QThread>

#include <cmath>

/**
 * MixingBowl: the mixing task as a bowl of batter. The count must read
 * right, the batter must smooth out as mixes complete (gliding on the event
 * loop or at once), and the whisk must turn exactly while a mix step is
 * under way, by fixed turns that a blocked loop costs rather than catches up.
 */
class TestMixingBowl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsUnmixed();
    void readoutCountsTheMixes_data();
    void readoutCountsTheMixes();
    void fewerMixesClampTheMixesDone();
    void batterSmoothsOnTheEventLoop();
    void jumpIsImmediate();
    void batterChangesAsMixesComplete_data();
    void batterChangesAsMixesComplete();
    void batterEvensOutWithEveryMix();
    void whiskTurnsOnlyDuringAMixStep_data();
    void whiskTurnsOnlyDuringAMixStep();
    void whiskStopsWhenTheStepEnds();
    void blockedLoopCostsTheWhiskTurns();
    void turningWhiskChangesThePicture();
    void stateIsShown_data();
    void stateIsShown();
};

namespace {

// Twice the logical canvas, so a canvas point (x, y) is the pixel (200 + 2x, 176 + 2y).
constexpr qreal pixelsPerUnit = 2.0;
const QSize paintSize(int(pixelsPerUnit *TaskView::canvasWidth), int(pixelsPerUnit *TaskView::canvasHeight));

QRect pixelRect(const QRectF &canvasRect)
{
    const QPointF centre(paintSize.width() / 2.0, paintSize.height() / 2.0);
    return QRectF(centre + pixelsPerUnit * canvasRect.topLeft(), centre + pixelsPerUnit * canvasRect.bottomRight())
        .toAlignedRect();
}

// The batter's surface as mixingbowl.cpp lays it out, and a patch of its left half that the whisk never reaches.
const QRectF batterBounds(-60, -38, 120, 22);
const QRectF leftBatterPatch(-42, -31, 30, 8);
// The picture ends where the readout begins.
const QRectF pictureCanvas(-TaskView::canvasWidth / 2, -TaskView::canvasHeight / 2, TaskView::canvasWidth,
                           TaskView::canvasHeight / 2 + 30);

/// The whisk's turn from @p from to @p to, clockwise, in [0, 360).
qreal turnBetween(qreal from, qreal to)
{
    return std::fmod(to - from + 360.0, 360.0);
}

/// The standard deviation of the grey levels in @p rect: how uneven the colour is there.
qreal unevenness(const QImage &image, const QRect &rect)
{
    qreal sum = 0;
    qreal squares = 0;
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const int grey = qGray(image.pixel(x, y));
            sum += grey;
            squares += qreal(grey) * grey;
            ++count;
        }
    }
    const qreal mean = sum / count;
    return std::sqrt(std::max(0.0, squares / count - mean * mean));
}

QImage batterWith(int mixesDone)
{
    MixingBowl bowl;
    bowl.resize(paintSize);
    bowl.setPalette(lightPalette());
    bowl.setMixesDone(mixesDone, false);
    // Done, so the colours are the picture's own, and nothing moves.
    bowl.setTaskState(TaskState::Done);
    return grabbed(bowl);
}

/// The readout, as the subclass hands it to the frame.
class ReadoutProbe : public MixingBowl
{
public:
    using MixingBowl::readoutText;
};

} // namespace

void TestMixingBowl::startsUnmixed()
{
    const MixingBowl bowl;
    QCOMPARE(bowl.task(), TaskId::Mix);
    QCOMPARE(bowl.mixCount(), 3);
    QCOMPARE(bowl.mixesDone(), 0);
    QCOMPARE(bowl.smoothness(), 0.0);
    QCOMPARE(bowl.whiskAngle(), 0.0);
    QCOMPARE(bowl.accessibleName(), QStringLiteral("Mixing bowl"));
    QCOMPARE(bowl.accessibleDescription(), QStringLiteral("0 / 3 mixes, not started"));
}

void TestMixingBowl::readoutCountsTheMixes_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("done");
    QTest::addColumn<int>("storedCount");
    QTest::addColumn<int>("storedDone");
    QTest::addColumn<QString>("readout");

    QTest::newRow("none yet") << 3 << 0 << 3 << 0 << QStringLiteral("0 / 3 mixes");
    QTest::newRow("two of three") << 3 << 2 << 3 << 2 << QStringLiteral("2 / 3 mixes");
    QTest::newRow("all") << 3 << 3 << 3 << 3 << QStringLiteral("3 / 3 mixes");
    QTest::newRow("one mix, none yet") << 1 << 0 << 1 << 0 << QStringLiteral("0 / 1 mix");
    QTest::newRow("one mix, done") << 1 << 1 << 1 << 1 << QStringLiteral("1 / 1 mix");
    QTest::newRow("nothing to mix") << 0 << 0 << 0 << 0 << QStringLiteral("0 / 0 mixes");
    QTest::newRow("more done than asked") << 3 << 5 << 3 << 3 << QStringLiteral("3 / 3 mixes");
    QTest::newRow("negative done") << 3 << -1 << 3 << 0 << QStringLiteral("0 / 3 mixes");
    QTest::newRow("negative count") << -2 << 1 << 0 << 0 << QStringLiteral("0 / 0 mixes");
}

void TestMixingBowl::readoutCountsTheMixes()
{
    QFETCH(int, count);
    QFETCH(int, done);
    QFETCH(int, storedCount);
    QFETCH(int, storedDone);
    QFETCH(QString, readout);

    ReadoutProbe bowl;
    bowl.setMixCount(count);
    bowl.setMixesDone(done, false);
    QCOMPARE(bowl.mixCount(), storedCount);
    QCOMPARE(bowl.mixesDone(), storedDone);
    QCOMPARE(bowl.readoutText(), readout);
    QCOMPARE(bowl.accessibleDescription(), readout + QStringLiteral(", not started"));
}

void TestMixingBowl::fewerMixesClampTheMixesDone()
{
    // A replay of a shorter recipe must not show more mixes done than it has, nor a lumpy batter when all are done.
    MixingBowl bowl;
    bowl.setMixesDone(3, false);
    bowl.setMixCount(2);
    QCOMPARE(bowl.mixesDone(), 2);
    QCOMPARE(bowl.smoothness(), 1.0);
    QCOMPARE(bowl.accessibleDescription(), QStringLiteral("2 / 2 mixes, not started"));
}

void TestMixingBowl::batterSmoothsOnTheEventLoop()
{
    MixingBowl bowl;
    bowl.setMixesDone(1);
    QCOMPARE(bowl.mixesDone(), 1);
    QCOMPARE(bowl.smoothness(), 0.0);
    // Only the event loop melts the lumps.
    QThread::msleep(MixingBowl::smoothingMs / 4);
    QCOMPARE(bowl.smoothness(), 0.0);
    QTRY_COMPARE(bowl.smoothness(), 1.0 / 3);

    bowl.setMixesDone(3);
    QTRY_VERIFY(bowl.smoothness() > 1.0 / 3 && bowl.smoothness() < 1.0);
    QTRY_COMPARE(bowl.smoothness(), 1.0);
}

void TestMixingBowl::jumpIsImmediate()
{
    MixingBowl bowl;
    bowl.setMixesDone(2, false);
    QCOMPARE(bowl.smoothness(), 2.0 / 3);
    // A jump also stops a glide under way, which must not carry on past it.
    bowl.setMixesDone(3);
    bowl.setMixesDone(0, false);
    QCOMPARE(bowl.smoothness(), 0.0);
    spinEventLoop(100);
    QCOMPARE(bowl.smoothness(), 0.0);
}

void TestMixingBowl::batterChangesAsMixesComplete_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");

    QTest::newRow("lumpy and mixed") << 0 << 3;
    QTest::newRow("one mix") << 0 << 1;
    QTest::newRow("the last mix") << 2 << 3;
    QTest::newRow("the same") << 2 << 2;
}

void TestMixingBowl::batterChangesAsMixesComplete()
{
    QFETCH(int, first);
    QFETCH(int, second);

    const QRect batter = pixelRect(batterBounds);
    const int changed = differingPixels(batterWith(first), batterWith(second), batter);
    if (first == second) {
        QCOMPARE(changed, 0);
    } else {
        // Not a pixel here and there: a visible part of the batter.
        QVERIFY2(changed > batter.width() * batter.height() / 20, qPrintable(QString::number(changed)));
    }
}

void TestMixingBowl::batterEvensOutWithEveryMix()
{
    // Lumpy and streaky at the start, one even colour at the end.
    const QRect patch = pixelRect(leftBatterPatch);
    const qreal lumpy = unevenness(batterWith(0), patch);
    qreal previous = lumpy;
    for (int done = 1; done <= 3; ++done) {
        const qreal now = unevenness(batterWith(done), patch);
        QVERIFY2(now < previous,
                 qPrintable(QStringLiteral("%1 mixes: %2, before: %3").arg(done).arg(now).arg(previous)));
        previous = now;
    }
    // Fully mixed, only the whisk's faint wake is left: a small part of the lumpy batter's unevenness.
    QVERIFY2(previous * 3 < lumpy, qPrintable(QStringLiteral("%1 against %2").arg(previous).arg(lumpy)));
}

void TestMixingBowl::whiskTurnsOnlyDuringAMixStep_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<bool>("countingDown");
    QTest::addColumn<bool>("turns");

    QTest::newRow("mix step under way") << TaskState::Waiting << true << true;
    QTest::newRow("replayed wait") << TaskState::Waiting << false << false;
    QTest::newRow("not started") << TaskState::NotStarted << true << false;
    QTest::newRow("reporting") << TaskState::Running << true << false;
    QTest::newRow("done") << TaskState::Done << true << false;
    QTest::newRow("cancelled") << TaskState::Cancelled << true << false;
}

void TestMixingBowl::whiskTurnsOnlyDuringAMixStep()
{
    QFETCH(TaskState, state);
    QFETCH(bool, countingDown);
    QFETCH(bool, turns);

    MixingBowl bowl;
    bowl.setTaskState(state, 5000, countingDown);
    if (turns) {
        QTRY_VERIFY(bowl.whiskAngle() >= 3 * MixingBowl::whiskDegreesPerFrame);
    } else {
        spinEventLoop(6 * MixingBowl::whiskFrameMs);
        QCOMPARE(bowl.whiskAngle(), 0.0);
    }
}

void TestMixingBowl::whiskStopsWhenTheStepEnds()
{
    MixingBowl bowl;
    bowl.setTaskState(TaskState::Waiting, 5000);
    QTRY_VERIFY(bowl.whiskAngle() > 0);
    bowl.setTaskState(TaskState::Running);
    const qreal stopped = bowl.whiskAngle();
    spinEventLoop(6 * MixingBowl::whiskFrameMs);
    QCOMPARE(bowl.whiskAngle(), stopped);
}

void TestMixingBowl::blockedLoopCostsTheWhiskTurns()
{
    // The whisk turns by a fixed step per frame: after a block it goes on from where it stood, it does not jump.
    static constexpr int blockMs = 400;
    static constexpr int afterMs = 2 * MixingBowl::whiskFrameMs;

    MixingBowl bowl;
    bowl.setTaskState(TaskState::Waiting, 5000);
    QTRY_VERIFY(bowl.whiskAngle() > 0);
    const qreal before = bowl.whiskAngle();
    QThread::msleep(blockMs);
    spinEventLoop(afterMs);
    const qreal turned = turnBetween(before, bowl.whiskAngle());

    // A catch-up would have turned about blockMs / whiskFrameMs frames (12); allow the frames after it and slack.
    const qreal mostFrames = 1 + afterMs / MixingBowl::whiskFrameMs + 3;
    QVERIFY2(turned <= mostFrames * MixingBowl::whiskDegreesPerFrame, qPrintable(QString::number(turned)));
    QVERIFY2(turned > 0, qPrintable(QString::number(turned)));
}

void TestMixingBowl::turningWhiskChangesThePicture()
{
    const QRect picture = pixelRect(pictureCanvas);

    MixingBowl bowl;
    bowl.resize(paintSize);
    bowl.setTaskState(TaskState::Waiting, 5000);
    const QImage first = grabbed(bowl);
    const qreal firstAngle = bowl.whiskAngle();
    QTRY_VERIFY(bowl.whiskAngle() != firstAngle);
    QVERIFY(differingPixels(first, grabbed(bowl), picture) > 0);

    // A replayed moment: the whisk stands where it was and the picture stays the same.
    bowl.setTaskState(TaskState::Waiting, 5000, false);
    const QImage replayed = grabbed(bowl);
    spinEventLoop(4 * MixingBowl::whiskFrameMs);
    QCOMPARE(differingPixels(replayed, grabbed(bowl)), 0);
}

void TestMixingBowl::stateIsShown_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<QString>("caption");

    QTest::newRow("not started") << TaskState::NotStarted << QStringLiteral("not started");
    QTest::newRow("reporting") << TaskState::Running << QStringLiteral("reporting");
    QTest::newRow("waiting") << TaskState::Waiting << QStringLiteral("waiting 1.0 s");
    QTest::newRow("done") << TaskState::Done << QStringLiteral("done");
    QTest::newRow("cancelled") << TaskState::Cancelled << QStringLiteral("cancelled");
}

void TestMixingBowl::stateIsShown()
{
    QFETCH(TaskState, state);
    QFETCH(QString, caption);

    MixingBowl notStarted;
    notStarted.resize(paintSize);
    notStarted.setMixesDone(1, false);

    MixingBowl bowl;
    bowl.resize(paintSize);
    bowl.setMixesDone(1, false);
    bowl.setTaskState(state, 1000, false);
    QCOMPARE(bowl.stateCaption(), caption);
    QCOMPARE(bowl.accessibleDescription(), QStringLiteral("1 / 3 mixes, %1").arg(caption));
    QCOMPARE(differingPixels(grabbed(bowl), grabbed(notStarted)) == 0, state == TaskState::NotStarted);
}

QTEST_MAIN(TestMixingBowl)
#include "tst_mixingbowl.moc"
