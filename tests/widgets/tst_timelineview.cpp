// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "taskpalette.h"
#include "timelineview.h"
#include "widgettestsupport.h"

#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

/**
 * TimelineView: runs stacked on one time axis. A sync run must take twice the
 * width of an async run, each report must sit where its time says and be
 * clickable, the selected line gets a playhead, a blocked loop paints red,
 * and only the last few runs stay.
 */
class TestTimelineView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyTimelineSaysWhatItWillShow();
    void axisCoversTheLongestRun();
    void reportsSitAtTheirTimesAndAreClickable();
    void laterReportsAreFurtherRight();
    void selectingARowDrawsAPlayhead();
    void aBlockedLoopPaintsRed();
    void onlyTheLastRunsAreKept();
    void aStepHeldOnTheThreadIsSolid();
    void hoveringAReportShowsItsLine();

private:
    static void fillDefaultRun(BakeLogModel &log, BakeMode mode);
};

namespace {
const QSize paintSize(800, 360);

LogEntry report(qint64 timeMs, TaskId task)
{
    return LogEntry{timeMs, 0, task, 0, Kitchen()};
}

BakeOutcome outcomeOf(BakeMode mode, qint64 totalMs)
{
    BakeOutcome outcome;
    outcome.mode = mode;
    outcome.totalMs = totalMs;
    return outcome;
}

std::vector<RunTrace> tracesOf(const BakeLogModel &log)
{
    std::vector<RunTrace> traces;
    for (int run = 0; run < log.runCount(); ++run)
        traces.push_back(RunTrace::fromLog(log, run));
    return traces;
}

int redPixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 150 && c.green() < 90 && c.blue() < 90)
                ++count;
        }
    }
    return count;
}
} // namespace

void TestTimelineView::fillDefaultRun(BakeLogModel &log, BakeMode mode)
{
    log.beginRun(mode, BakeParameters());
    if (mode == BakeMode::Sync) {
        for (qint64 t : {1000, 2000, 3000})
            log.appendEntry(report(t, TaskId::Preheat));
        for (qint64 t : {4000, 5000, 6000})
            log.appendEntry(report(t, TaskId::Mix));
        log.finishRun(outcomeOf(mode, 6000));
    } else {
        for (qint64 t : {1000, 2000, 3000}) {
            log.appendEntry(report(t, TaskId::Preheat));
            log.appendEntry(report(t, TaskId::Mix));
        }
        log.finishRun(outcomeOf(mode, 3000));
    }
}

void TestTimelineView::emptyTimelineSaysWhatItWillShow()
{
    TimelineView view;
    view.resize(paintSize);
    QVERIFY(view.traces().empty());
    QCOMPARE(view.rowAt(QPointF(400, 100)), -1);
    const QImage empty = grabbed(view);

    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Async);
    view.setTraces(tracesOf(log));
    QVERIFY(differingPixels(empty, grabbed(view), QRect(QPoint(), paintSize)) > 1000);
}

void TestTimelineView::axisCoversTheLongestRun()
{
    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Async);
    TimelineView view;
    view.setTraces(tracesOf(log));
    QCOMPARE(view.axisEndMs(), 3000);

    fillDefaultRun(log, BakeMode::Sync);
    view.setTraces(tracesOf(log));
    QCOMPARE(view.axisEndMs(), 6000);
}

void TestTimelineView::reportsSitAtTheirTimesAndAreClickable()
{
    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Sync); // rows 1..6
    fillDefaultRun(log, BakeMode::Async); // header row 7, lines at rows 8..13
    TimelineView view;
    view.setLog(&log);
    view.resize(paintSize);
    view.setTraces(tracesOf(log));

    // On one axis the sync run's last line (6 s) lies twice as far from the start as the async run's (3 s).
    const QPointF syncLast = view.markPosition(6);
    const QPointF asyncLast = view.markPosition(13);
    const QPointF syncFirst = view.markPosition(1);
    QVERIFY(!syncLast.isNull() && !asyncLast.isNull());
    const qreal origin = syncFirst.x() - (syncLast.x() - syncFirst.x()) / 5; // 1 s before the first line
    QVERIFY(qAbs((syncLast.x() - origin) / (asyncLast.x() - origin) - 2.0) < 0.05);
    // The async run is drawn below the sync run that came before it.
    QVERIFY(asyncLast.y() > syncLast.y());

    QSignalSpy clicked(&view, &TimelineView::rowClicked);
    QTest::mouseClick(&view, Qt::LeftButton, {}, view.markPosition(4).toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.constFirst().constFirst().toInt(), 4);
    QCOMPARE(view.rowAt(view.markPosition(10)), 10);
    // Far from any report, a click selects nothing.
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(paintSize.width() - 2, 2));
    QCOMPARE(clicked.count(), 1);
}

void TestTimelineView::laterReportsAreFurtherRight()
{
    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Async);
    TimelineView view;
    view.resize(paintSize);
    view.setTraces(tracesOf(log));
    // Preheat lines at rows 1, 3, 5; mixing at 2, 4, 6: same times, different lanes.
    QVERIFY(view.markPosition(1).x() < view.markPosition(3).x());
    QVERIFY(view.markPosition(3).x() < view.markPosition(5).x());
    QCOMPARE(view.markPosition(1).x(), view.markPosition(2).x());
    QVERIFY(view.markPosition(1).y() < view.markPosition(2).y());
}

void TestTimelineView::selectingARowDrawsAPlayhead()
{
    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Async);
    TimelineView view;
    view.resize(paintSize);
    view.setTraces(tracesOf(log));
    const QImage before = grabbed(view);
    view.setSelectedRow(3);
    QCOMPARE(view.selectedRow(), 3);
    const QImage after = grabbed(view);
    // The change is at the selected report's moment, not elsewhere.
    const int x = int(view.markPosition(3).x());
    QVERIFY(differingPixels(before, after, QRect(x - 4, 0, 9, paintSize.height())) > 20);
    QCOMPARE(differingPixels(before, after, QRect(0, 0, x - 8, paintSize.height())), 0);
}

void TestTimelineView::aBlockedLoopPaintsRed()
{
    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Sync);
    TimelineView view;
    view.resize(paintSize);
    view.setTraces(tracesOf(log));
    const int calm = redPixels(grabbed(view));

    log.measureRun(5990, 1, {{10, 6000}});
    view.setTraces(tracesOf(log));
    QVERIFY2(redPixels(grabbed(view)) > calm + 2000, "a 6 s block should paint a long red bar");
}

void TestTimelineView::onlyTheLastRunsAreKept()
{
    BakeLogModel log;
    for (int i = 0; i < TimelineView::maxRuns + 2; ++i)
        fillDefaultRun(log, i % 2 ? BakeMode::Async : BakeMode::Sync);
    TimelineView view;
    view.setTraces(tracesOf(log));
    QCOMPARE(int(view.traces().size()), TimelineView::maxRuns);
    QCOMPARE(view.traces().back().run(), TimelineView::maxRuns + 1);
    QCOMPARE(view.traces().front().run(), 2);
}

void TestTimelineView::aStepHeldOnTheThreadIsSolid()
{
    // The same bake, once awaited and once stirred by hand: the bowl's lane turns from hatched to solid.
    const auto paintedRun = [](MixTrap trap) {
        BakeLogModel log;
        BakeParameters recipe;
        recipe.mixTrap = trap;
        // Only the bowl has steps, so the trap costs no time and both runs share one axis: 3 s, their ideal too.
        recipe.targetTemperature = 100;
        log.beginRun(BakeMode::Async, recipe);
        for (qint64 t : {1000, 2000, 3000})
            log.appendEntry(report(t, TaskId::Mix));
        log.finishRun(outcomeOf(BakeMode::Async, 3000));
        TimelineView view;
        view.resize(paintSize);
        view.setTraces(tracesOf(log));
        const QImage image = grabbed(view);
        // The middle of the bowl's second step, away from its report ticks.
        const QPointF second = view.markPosition(2);
        const QPointF first = view.markPosition(1);
        return std::pair{image, QRect(int((first.x() + second.x()) / 2) - 10, int(second.y()) - 2, 20, 4)};
    };
    const auto [awaited, area] = paintedRun(MixTrap::None);
    const auto [stirred, sameArea] = paintedRun(MixTrap::StirByHand);
    QCOMPARE(area, sameArea);
    // Solid fills every pixel with the task's colour; hatching leaves most of them pale.
    const QColor mix = taskColor(TaskId::Mix, QPalette());
    const auto inTaskColour = [&mix](const QImage &image, const QRect &rect) {
        int count = 0;
        for (int y = rect.top(); y <= rect.bottom(); ++y)
            for (int x = rect.left(); x <= rect.right(); ++x)
                count += image.pixelColor(x, y) == mix;
        return count;
    };
    QVERIFY(inTaskColour(stirred, area) > area.width() * area.height() * 9 / 10);
    QVERIFY(inTaskColour(awaited, area) < area.width() * area.height() / 2);
}

void TestTimelineView::hoveringAReportShowsItsLine()
{
    BakeLogModel log;
    fillDefaultRun(log, BakeMode::Async);
    TimelineView view;
    view.setLog(&log);
    view.resize(paintSize);
    view.setTraces(tracesOf(log));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPoint over = view.markPosition(3).toPoint();
    QHelpEvent help(QEvent::ToolTip, over, view.mapToGlobal(over));
    QCoreApplication::sendEvent(&view, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), log.line(3));
    QToolTip::hideText();
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
