// SPDX-License-Identifier: MIT
#include "taskpalette.h"
#include "taskview.h"
#include "widgettestsupport.h"

#include <QPainter>
#include <QTest>

/**
 * TaskView: the frame shared by the oven gauge and the mixing bowl. It turns a
 * task's state into a caption, a countdown that runs on the event loop, a
 * badge and colours that grey or dim the picture, and a glow that fades after
 * a report. Tested through a minimal picture of its own, so a failure points
 * at the frame and not at a gauge.
 */
class TestTaskView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsNotStarted();
    void captionFollowsState_data();
    void captionFollowsState();
    void remainingTimeOnlyWhileWaiting();
    void accessibleDescriptionJoinsValuesAndState();
    void countdownRunsOnTheEventLoop();
    void replayedWaitStandsStill();
    void subclassHearsEveryChangeOfState();
    void stepMsIsAtLeastOne_data();
    void stepMsIsAtLeastOne();
    void pictureColorFollowsState_data();
    void pictureColorFollowsState();
    void textIsSoftenedWhileInactive_data();
    void textIsSoftenedWhileInactive();
    void blendMovesTowardsTheOtherColour();
    void tasksHaveDistinctColours_data();
    void tasksHaveDistinctColours();
    void taskColourIsTheSharedPalette_data();
    void taskColourIsTheSharedPalette();
    void everyStatePaintsDifferently();
    void samePaintForTheSameState();
    void badgeShowsHowTheTaskEnded_data();
    void badgeShowsHowTheTaskEnded();
    void reportGlowFadesBack();
};

namespace {

// Twice the logical canvas, so a canvas point (x, y) is the pixel (200 + 2x, 176 + 2y).
const QSize paintSize(2 * int(TaskView::canvasWidth), 2 * int(TaskView::canvasHeight));

QPoint pixelAt(const QPointF &canvasPoint)
{
    return QPoint(qRound(paintSize.width() / 2.0 + 2 * canvasPoint.x()),
                  qRound(paintSize.height() / 2.0 + 2 * canvasPoint.y()));
}

/// A TaskView with the plainest picture: a rectangle in the task's colour as the state shows it.
class ProbeView : public TaskView
{
public:
    explicit ProbeView(TaskId task = TaskId::Preheat)
        : TaskView(task, nullptr)
    {
        resize(paintSize);
        // As the real pictures do: the base cannot ask for the values while it is still being built.
        refreshAccessibleDescription();
    }

    using TaskView::blend;
    using TaskView::pictureColor;
    using TaskView::taskColor;
    using TaskView::textColor;

    int stateChanges = 0;

protected:
    void drawPicture(QPainter *painter) const override
    {
        painter->fillRect(pictureRect().adjusted(20, 20, -20, -20), pictureColor(taskColor()));
    }
    QString readoutText() const override { return QStringLiteral("42"); }
    QString valueDescription() const override { return QStringLiteral("value 42"); }
    void taskStateChanged() override { ++stateChanges; }
};

QImage paintedIn(TaskState state)
{
    ProbeView view;
    // A replayed moment, so nothing in the picture moves between grabs.
    view.setTaskState(state, state == TaskState::Waiting ? 700 : -1, false);
    return grabbed(view);
}

} // namespace

void TestTaskView::startsNotStarted()
{
    const ProbeView view(TaskId::Mix);
    QCOMPARE(view.task(), TaskId::Mix);
    QCOMPARE(view.taskState(), TaskState::NotStarted);
    QCOMPARE(view.stateCaption(), QStringLiteral("not started"));
    QCOMPARE(view.waitRemainingMs(), -1);
    QVERIFY(!view.isCountingDown());
    QCOMPARE(view.stepMs(), 1000);
}

void TestTaskView::captionFollowsState_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<qint64>("remainingMs");
    QTest::addColumn<QString>("caption");

    QTest::newRow("not started") << TaskState::NotStarted << qint64(-1) << QStringLiteral("not started");
    QTest::newRow("running") << TaskState::Running << qint64(-1) << QStringLiteral("reporting");
    QTest::newRow("done") << TaskState::Done << qint64(-1) << QStringLiteral("done");
    QTest::newRow("cancelled") << TaskState::Cancelled << qint64(-1) << QStringLiteral("cancelled");
    QTest::newRow("waiting, unknown time") << TaskState::Waiting << qint64(-1) << QStringLiteral("waiting");
    QTest::newRow("waiting a whole step") << TaskState::Waiting << qint64(1000) << QStringLiteral("waiting 1.0 s");
    QTest::newRow("waiting 2.5 s") << TaskState::Waiting << qint64(2500) << QStringLiteral("waiting 2.5 s");
    // A countdown rounds up: it shows 0.0 only once the time is really over.
    QTest::newRow("just over a tenth") << TaskState::Waiting << qint64(601) << QStringLiteral("waiting 0.7 s");
    QTest::newRow("exactly six tenths") << TaskState::Waiting << qint64(600) << QStringLiteral("waiting 0.6 s");
    QTest::newRow("one ms left") << TaskState::Waiting << qint64(1) << QStringLiteral("waiting 0.1 s");
    QTest::newRow("over") << TaskState::Waiting << qint64(0) << QStringLiteral("waiting 0.0 s");
}

void TestTaskView::captionFollowsState()
{
    QFETCH(TaskState, state);
    QFETCH(qint64, remainingMs);
    QFETCH(QString, caption);

    ProbeView view;
    view.setTaskState(state, remainingMs, false);
    QCOMPARE(view.taskState(), state);
    QCOMPARE(view.stateCaption(), caption);
}

void TestTaskView::remainingTimeOnlyWhileWaiting()
{
    // A remaining time given with any other state is meaningless and must not leak into the caption.
    ProbeView view;
    view.setTaskState(TaskState::Running, 500);
    QCOMPARE(view.waitRemainingMs(), -1);
    QVERIFY(!view.isCountingDown());

    view.setTaskState(TaskState::Waiting, 500, false);
    QCOMPARE(view.waitRemainingMs(), 500);
    QVERIFY(!view.isCountingDown());

    view.setTaskState(TaskState::Waiting, -40, true);
    QCOMPARE(view.waitRemainingMs(), -1);

    view.setTaskState(TaskState::Done, 500);
    QCOMPARE(view.waitRemainingMs(), -1);
    QVERIFY(!view.isCountingDown());
}

void TestTaskView::accessibleDescriptionJoinsValuesAndState()
{
    ProbeView view;
    QCOMPARE(view.accessibleDescription(), QStringLiteral("value 42, not started"));
    view.setTaskState(TaskState::Waiting, 1500, false);
    QCOMPARE(view.accessibleDescription(), QStringLiteral("value 42, waiting 1.5 s"));
    view.setTaskState(TaskState::Cancelled);
    QCOMPARE(view.accessibleDescription(), QStringLiteral("value 42, cancelled"));
}

void TestTaskView::countdownRunsOnTheEventLoop()
{
    static constexpr qint64 waitMs = 300;

    ProbeView view;
    view.setTaskState(TaskState::Waiting, waitMs, true);
    QVERIFY(view.isCountingDown());
    QVERIFY(view.waitRemainingMs() > 0);
    QVERIFY(view.waitRemainingMs() <= waitMs);

    QTRY_COMPARE(view.waitRemainingMs(), 0);
    QCOMPARE(view.stateCaption(), QStringLiteral("waiting 0.0 s"));
    // The description is refreshed by the countdown's own timer, not only by the next change of state.
    QTRY_COMPARE(view.accessibleDescription(), QStringLiteral("value 42, waiting 0.0 s"));
}

void TestTaskView::replayedWaitStandsStill()
{
    ProbeView view;
    view.setTaskState(TaskState::Waiting, 300, false);
    const QImage before = grabbed(view);
    spinEventLoop(2 * TaskView::countdownIntervalMs);
    QCOMPARE(view.waitRemainingMs(), 300);
    QCOMPARE(view.stateCaption(), QStringLiteral("waiting 0.3 s"));
    QCOMPARE(differingPixels(grabbed(view), before), 0);
}

void TestTaskView::subclassHearsEveryChangeOfState()
{
    // The bowl starts and stops its whisk from this hook; a missed call leaves it turning.
    ProbeView view;
    QCOMPARE(view.stateChanges, 0);
    view.setTaskState(TaskState::Waiting, 100);
    view.setTaskState(TaskState::Waiting, 50);
    view.setTaskState(TaskState::Done);
    QCOMPARE(view.stateChanges, 3);
}

void TestTaskView::stepMsIsAtLeastOne_data()
{
    QTest::addColumn<int>("set");
    QTest::addColumn<int>("read");

    QTest::newRow("a step") << 250 << 250;
    QTest::newRow("one ms") << 1 << 1;
    QTest::newRow("zero") << 0 << 1;
    QTest::newRow("negative") << -5 << 1;
}

void TestTaskView::stepMsIsAtLeastOne()
{
    // The countdown ring divides by the step.
    QFETCH(int, set);
    QFETCH(int, read);

    ProbeView view;
    view.setStepMs(set);
    QCOMPARE(view.stepMs(), read);
}

void TestTaskView::pictureColorFollowsState_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<QString>("look");

    QTest::newRow("not started") << TaskState::NotStarted << QStringLiteral("greyed");
    QTest::newRow("running") << TaskState::Running << QStringLiteral("as is");
    QTest::newRow("waiting") << TaskState::Waiting << QStringLiteral("dimmed");
    QTest::newRow("done") << TaskState::Done << QStringLiteral("as is");
    QTest::newRow("cancelled") << TaskState::Cancelled << QStringLiteral("greyed");
}

void TestTaskView::pictureColorFollowsState()
{
    QFETCH(TaskState, state);
    QFETCH(QString, look);

    ProbeView view;
    view.setPalette(lightPalette());
    view.setTaskState(state, -1, false);
    const QColor red(0xd0, 0x20, 0x20);
    const QColor shown = view.pictureColor(red);

    if (look == QLatin1String("as is")) {
        QCOMPARE(shown, red);
    } else if (look == QLatin1String("greyed")) {
        QCOMPARE(shown.red(), shown.green());
        QCOMPARE(shown.green(), shown.blue());
        // Faded towards the white Base, so it reads as inactive rather than as a dark grey.
        QVERIFY2(shown.lightness() > red.lightness(), colorMessage(shown, red).constData());
    } else {
        // Dimmed towards Base but still red: a waiting picture stays readable.
        const QColor dimmed = ProbeView::blend(red, Qt::white, 0.4);
        QVERIFY2(sameColor(shown, dimmed, 1), colorMessage(shown, dimmed).constData());
        QVERIFY(shown.red() > shown.green());
    }
    QCOMPARE(view.pictureColor(Qt::transparent).alpha(), 0);
}

void TestTaskView::textIsSoftenedWhileInactive_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<bool>("softened");

    QTest::newRow("not started") << TaskState::NotStarted << true;
    QTest::newRow("running") << TaskState::Running << false;
    QTest::newRow("waiting") << TaskState::Waiting << false;
    QTest::newRow("done") << TaskState::Done << false;
    QTest::newRow("cancelled") << TaskState::Cancelled << true;
}

void TestTaskView::textIsSoftenedWhileInactive()
{
    QFETCH(TaskState, state);
    QFETCH(bool, softened);

    ProbeView view;
    view.setPalette(lightPalette());
    view.setTaskState(state);
    QCOMPARE(view.textColor() != QColor(Qt::black), softened);
}

void TestTaskView::blendMovesTowardsTheOtherColour()
{
    const QColor from(0, 0, 0, 255);
    const QColor to(200, 100, 50, 0);
    QCOMPARE(ProbeView::blend(from, to, 0.0), from);
    QVERIFY(sameColor(ProbeView::blend(from, to, 1.0), to, 0));
    QCOMPARE(ProbeView::blend(from, to, 1.0).alpha(), 0);
    QVERIFY(sameColor(ProbeView::blend(from, to, 0.5), QColor(100, 50, 25), 1));
    // Out-of-range amounts are clamped rather than overshooting.
    QCOMPARE(ProbeView::blend(from, to, -1.0), ProbeView::blend(from, to, 0.0));
    QCOMPARE(ProbeView::blend(from, to, 2.0), ProbeView::blend(from, to, 1.0));
}

void TestTaskView::tasksHaveDistinctColours_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestTaskView::tasksHaveDistinctColours()
{
    QFETCH(QPalette, palette);

    ProbeView oven(TaskId::Preheat);
    ProbeView bowl(TaskId::Mix);
    oven.setPalette(palette);
    bowl.setPalette(palette);
    const QColor warm = oven.taskColor();
    const QColor cool = bowl.taskColor();
    QVERIFY2(warm != cool, colorMessage(warm, cool).constData());
    // "Orange is the oven, blue is the mixing", whatever the theme.
    QVERIFY2(warm.hsvHue() >= 0 && warm.hsvHue() < 60, colorMessage(warm, cool).constData());
    QVERIFY2(cool.hsvHue() > 170 && cool.hsvHue() < 250, colorMessage(cool, warm).constData());

    // The two views paint in their own colours.
    oven.setTaskState(TaskState::Running);
    bowl.setTaskState(TaskState::Running);
    QVERIFY(differingPixels(grabbed(oven), grabbed(bowl)) > 0);
}

void TestTaskView::taskColourIsTheSharedPalette_data()
{
    QTest::addColumn<TaskId>("task");
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("oven, light") << TaskId::Preheat << lightPalette();
    QTest::newRow("oven, dark") << TaskId::Preheat << darkPalette();
    QTest::newRow("bowl, light") << TaskId::Mix << lightPalette();
    QTest::newRow("bowl, dark") << TaskId::Mix << darkPalette();
}

void TestTaskView::taskColourIsTheSharedPalette()
{
    // taskpalette.h promises one colour per task for the log, the gauges and the timeline; the log uses it.
    QFETCH(TaskId, task);
    QFETCH(QPalette, palette);

    ProbeView view(task);
    view.setPalette(palette);
    QCOMPARE(view.taskColor(), ::taskColor(task, palette));
}

void TestTaskView::everyStatePaintsDifferently()
{
    const QList<TaskState> states{TaskState::NotStarted, TaskState::Running, TaskState::Waiting, TaskState::Done,
                                  TaskState::Cancelled};
    QList<QImage> images;
    for (const TaskState state : states)
        images << paintedIn(state);
    for (qsizetype i = 0; i < images.size(); ++i) {
        QCOMPARE(images.at(i).size(), paintSize);
        for (qsizetype j = i + 1; j < images.size(); ++j) {
            QVERIFY2(
                differingPixels(images.at(i), images.at(j)) > 0,
                qPrintable(
                    QStringLiteral("%1 looks like %2").arg(taskStateName(states.at(i)), taskStateName(states.at(j)))));
        }
    }
}

void TestTaskView::samePaintForTheSameState()
{
    // The picture depends on the state alone, not on when or how often it is drawn.
    QCOMPARE(differingPixels(paintedIn(TaskState::Done), paintedIn(TaskState::Done)), 0);
    QCOMPARE(differingPixels(paintedIn(TaskState::Waiting), paintedIn(TaskState::Waiting)), 0);
}

void TestTaskView::badgeShowsHowTheTaskEnded_data()
{
    QTest::addColumn<TaskState>("state");
    QTest::addColumn<QString>("badge");

    QTest::newRow("not started") << TaskState::NotStarted << QStringLiteral("none");
    QTest::newRow("running") << TaskState::Running << QStringLiteral("none");
    QTest::newRow("done") << TaskState::Done << QStringLiteral("green");
    QTest::newRow("cancelled") << TaskState::Cancelled << QStringLiteral("red");
}

void TestTaskView::badgeShowsHowTheTaskEnded()
{
    QFETCH(TaskState, state);
    QFETCH(QString, badge);

    // Inside the badge in the top right corner, above its check mark or cross.
    const QPoint inBadge = pixelAt(QPointF(TaskView::canvasWidth / 2 - 13, -TaskView::canvasHeight / 2 + 6));
    ProbeView view;
    view.setPalette(lightPalette());
    view.setTaskState(state);
    const QColor pixel = grabbed(view).pixelColor(inBadge);
    if (badge == QLatin1String("green"))
        QVERIFY2(pixel.green() > pixel.red() + 60, qPrintable(pixel.name()));
    else if (badge == QLatin1String("red"))
        QVERIFY2(pixel.red() > pixel.green() + 60, qPrintable(pixel.name()));
    else
        QVERIFY2(pixel.lightness() > 200, qPrintable(pixel.name()));
}

void TestTaskView::reportGlowFadesBack()
{
    // A report lasts no time on the loop, so it is shown by a glow that fades over glowFadeMs afterwards.
    const QColor red(0xd0, 0x20, 0x20);
    const QImage plainWaiting = paintedIn(TaskState::Waiting);

    ProbeView view;
    view.setTaskState(TaskState::Running);
    view.setTaskState(TaskState::Waiting, 700, false);
    QCOMPARE(view.pictureColor(red), red);
    QVERIFY(differingPixels(grabbed(view), plainWaiting) > 0);

    QTRY_VERIFY_WITH_TIMEOUT(differingPixels(grabbed(view), plainWaiting) == 0, 4 * TaskView::glowFadeMs);
    QVERIFY(view.pictureColor(red) != red);
}

QTEST_MAIN(TestTaskView)
#include "tst_taskview.moc"
