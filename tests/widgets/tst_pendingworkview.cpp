// SPDX-License-Identifier: MIT
#include "pendingworkview.h"
#include "widgettestsupport.h"

#include <QTest>

/**
 * PendingWorkView: the loop's queue as a list. The head is marked as next,
 * each row says when its task wakes and how long is left, a head held for a
 * step says so, and an empty queue says that nothing waits.
 */
class TestPendingWorkView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyQueueSaysNothingWaits();
    void rowsSayWhenEachTaskWakes();
    void aHeldHeadSaysItWaitsForStep();
    void cakesAreNamedOnlyWhenThereAreSeveral();
    void aLongQueueIsCutWithACount();
};

namespace {
using Item = PendingWorkView::Item;
const QSize paintSize(520, 240);
} // namespace

void TestPendingWorkView::emptyQueueSaysNothingWaits()
{
    PendingWorkView view;
    view.resize(paintSize);
    view.setPending({}, 0, 0, true);
    QVERIFY(view.items().isEmpty());
    QVERIFY(!view.isHeldForStep()); // nothing to hold
    QCOMPARE(view.rowText(0), QString());
    QVERIFY(view.accessibleDescription().contains(QStringLiteral("Nothing")));
    const QImage empty = grabbed(view);
    view.setPending({{0, TaskId::Preheat, 1000}}, 400, 1, false);
    QVERIFY(differingPixels(empty, grabbed(view), QRect(QPoint(), paintSize)) > 200);
}

void TestPendingWorkView::rowsSayWhenEachTaskWakes()
{
    PendingWorkView view;
    view.setPending({{0, TaskId::Preheat, 2000}, {0, TaskId::Mix, 2001}}, 1600, 2, false);
    QCOMPARE(view.rowText(0), QStringLiteral("next · preheat · wakes at 2000 ms · in 0.40 s"));
    QCOMPARE(view.rowText(1), QStringLiteral("2 · mix_ingredients · wakes at 2001 ms · in 0.40 s"));
    QCOMPARE(view.accessibleDescription(), view.rowText(0));
    // Past its wake time and not held, a task is simply due.
    view.setPending({{0, TaskId::Preheat, 2000}}, 2100, 1, false);
    QVERIFY(view.rowText(0).endsWith(QStringLiteral("due now")));
}

void TestPendingWorkView::aHeldHeadSaysItWaitsForStep()
{
    PendingWorkView view;
    view.resize(paintSize);
    const QList<Item> items{{0, TaskId::Mix, 1000}, {0, TaskId::Preheat, 1000}};
    view.setPending(items, 1200, 2, false);
    const QImage running = grabbed(view);
    view.setPending(items, 1200, 2, true);
    QVERIFY(view.isHeldForStep());
    QVERIFY(view.rowText(0).endsWith(QStringLiteral("due, held for Step")));
    // Only the head is held; the next one in line is merely due.
    QVERIFY(view.rowText(1).endsWith(QStringLiteral("due now")));
    QVERIFY(differingPixels(running, grabbed(view), QRect(QPoint(), paintSize)) > 50);
}

void TestPendingWorkView::cakesAreNamedOnlyWhenThereAreSeveral()
{
    PendingWorkView view;
    view.setPending({{0, TaskId::Preheat, 1000}}, 0, 1, false);
    QVERIFY(!view.rowText(0).contains(QStringLiteral("cake")));
    view.setPending({{0, TaskId::Preheat, 1000}, {1, TaskId::Preheat, 1000}}, 0, 4, false);
    QVERIFY(view.rowText(1).contains(QStringLiteral("cake 2")));
}

void TestPendingWorkView::aLongQueueIsCutWithACount()
{
    PendingWorkView view;
    view.resize(paintSize);
    QList<Item> few;
    for (int i = 0; i < 3; ++i)
        few.append({i, TaskId::Mix, 1000 + i});
    view.setPending(few, 0, 3, false);
    const QImage complete = grabbed(view);
    // The same rows, but the queue holds far more than is listed: the view says so below them.
    view.setPending(few, 0, 5000, false);
    const int rowHeight = int(QFontMetricsF(view.font()).height() * 1.6);
    QVERIFY(differingPixels(complete, grabbed(view), QRect(0, 3 * rowHeight, paintSize.width(), rowHeight)) > 20);
}

QTEST_MAIN(TestPendingWorkView)
#include "tst_pendingworkview.moc"
