// SPDX-License-Identifier: MIT
#include "kitchen.h"
#include "sourceview.h"
#include "taskpalette.h"
#include "widgettestsupport.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>

/**
 * SourceView: five listings in tabs, the one the mode mirrors brought up,
 * and each task's line tinted in its colour, with the colour filling its
 * line number, in every tab. The lines themselves are SourceListing's
 * business (tst_sourcelisting); here they are checked to land where the
 * listing says, in the right colours, in view, on light and dark palettes.
 */
class TestSourceView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheFiveListings();
    void modeSelectsItsTab_data();
    void modeSelectsItsTab();
    void highlightsLandOnEachTasksLine_data();
    void highlightsLandOnEachTasksLine();
    void waitingTaskIsOnItsAwaitLine();
    void threadedTabHighlightsEachThreadsLine_data();
    void threadedTabHighlightsEachThreadsLine();
    void followsTheKitchen();
    void parametersChangeTheText();
    void trapsChangeTheTextAndTheMixingLine();
    void everyTabHighlightsEachTaskInItsOwnFunction();
    void legendNamesEachTasksStateAndLine();
    void highlightsScrollIntoView();
    void lineNumberMarkerAndTintArePainted_data();
    void lineNumberMarkerAndTintArePainted();
    void highlightedTextStaysReadable_data();
    void highlightedTextStaysReadable();
    void codeFontFollowsTheWidgetFont();
    void notesStayAboveTheirListings_data();
    void notesStayAboveTheirListings();
    void knobsStayInViewWhereTheHighlightsFitBelowThem();
};

using Kind = SourceListing::Kind;

namespace {

constexpr std::array bothTasks{TaskId::Preheat, TaskId::Mix};
const QSize viewSize(700, 450);

const char *kindTag(Kind kind)
{
    switch (kind) {
    case Kind::Blocking:
        return "blocking";
    case Kind::Async:
        return "async";
    case Kind::Threaded:
        return "threaded";
    case Kind::LegacyGenerator:
        return "legacy";
    case Kind::StateMachine:
        return "machine";
    }
    return "?";
}

/// The index of @p kind's tab: its place in SourceListing::allKinds.
int tabIndex(Kind kind)
{
    const auto &kinds = SourceListing::allKinds;
    return int(std::find(kinds.cbegin(), kinds.cend(), kind) - kinds.cbegin());
}

QColor blendTowards(const QColor &from, const QColor &to, qreal amount)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * amount),
                            float(from.greenF() + (to.greenF() - from.greenF()) * amount),
                            float(from.blueF() + (to.blueF() - from.blueF()) * amount));
}

QColor expectedTint(TaskId task, const QPalette &palette)
{
    return blendTowards(palette.color(QPalette::Base), taskColor(task, palette), SourceView::lineTintAmount);
}

/// The highlight of @p task in @p editor: the extra selection whose tint is nearer that task's than the other's.
std::optional<QTextEdit::ExtraSelection> selectionOf(const QPlainTextEdit *editor, TaskId task, const QPalette &palette)
{
    for (const QTextEdit::ExtraSelection &selection : editor->extraSelections()) {
        if (sameColor(selection.format.background().color(), expectedTint(task, palette), 2))
            return selection;
    }
    return std::nullopt;
}

/// The shown SourceView, laid out at @p size, with its events handled.
void showAt(SourceView &view, const QSize &size)
{
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    spinEventLoop(0);
}

/// The line's rectangle in the editor's viewport.
QRect lineRect(const QPlainTextEdit *editor, int line)
{
    return editor->cursorRect(QTextCursor(editor->document()->findBlockByNumber(line)));
}

/// Narrow and wide letters take the same room. (QFontInfo::fixedPitch() says no for Noto Sans Mono.)
bool isMonospace(const QFont &font)
{
    const QFontMetricsF metrics(font);
    return qFuzzyCompare(metrics.horizontalAdvance(QLatin1Char('i')), metrics.horizontalAdvance(QLatin1Char('M')));
}

/// The lines of @p function's block in @p text: its header (a def, or the machine's section header) to the next line
/// at the left margin; {-1, -1} when there is none.
std::pair<int, int> functionSpan(const QString &text, const QString &function)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    const QRegularExpression header(QStringLiteral("^(async )?def %1\\(").arg(function));
    for (int first = 0; first < lines.size(); ++first) {
        if (!header.match(lines.at(first)).hasMatch())
            continue;
        int end = first + 1;
        while (end < lines.size() && (lines.at(end).isEmpty() || lines.at(end).front().isSpace()))
            ++end;
        return {first, end};
    }
    return {-1, -1};
}

bool lineIsInView(const QPlainTextEdit *editor, int line)
{
    const QRect rect = lineRect(editor, line);
    return rect.top() >= 0 && rect.bottom() < editor->viewport()->height();
}

} // namespace

void TestSourceView::showsTheFiveListings()
{
    const SourceView view;
    const auto *tabs = view.findChild<QTabWidget *>();
    QVERIFY(tabs);
    // The three modes' listings in the order of the buttons, then the old style and the engine's code.
    const QStringList titles{QStringLiteral("Blocking"), QStringLiteral("Async"), QStringLiteral("Threaded"),
                             QStringLiteral("Generator-based (legacy)"), QStringLiteral("State machine (compiled)")};
    QCOMPARE(tabs->count(), int(titles.size()));
    for (int index = 0; index < tabs->count(); ++index)
        QCOMPARE(tabs->tabText(index), titles.at(index));
    QVERIFY(tabs->tabToolTip(tabIndex(Kind::Threaded)).contains(QLatin1String("Bake Threaded")));
    for (const Kind kind : SourceListing::allKinds) {
        QCOMPARE(tabs->tabText(tabIndex(kind)), SourceListing::title(kind));
        QCOMPARE(tabs->widget(tabIndex(kind)), view.editor(kind)->parentWidget());
        const QPlainTextEdit *editor = view.editor(kind);
        QVERIFY(editor);
        QVERIFY(editor->isReadOnly());
        QCOMPARE(editor->lineWrapMode(), QPlainTextEdit::NoWrap);
        QVERIFY2(isMonospace(editor->font()), qPrintable(QFontInfo(editor->font()).family()));
        QCOMPARE(editor->toPlainText(), SourceListing(kind).text());
    }
    // The window starts in async mode; so does the view, with both tasks not started yet.
    QCOMPARE(view.currentKind(), Kind::Async);
    QCOMPARE(view.taskState(TaskId::Preheat), TaskState::NotStarted);
    QCOMPARE(view.taskState(TaskId::Mix), TaskState::NotStarted);
    QCOMPARE(view.parameters(), BakeParameters{});
}

void TestSourceView::modeSelectsItsTab_data()
{
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("sync") << BakeMode::Sync << Kind::Blocking;
    QTest::newRow("async") << BakeMode::Async << Kind::Async;
    QTest::newRow("threaded") << BakeMode::Threaded << Kind::Threaded;
}

void TestSourceView::modeSelectsItsTab()
{
    QFETCH(BakeMode, mode);
    QFETCH(Kind, kind);

    SourceView view;
    view.setCurrentKind(Kind::LegacyGenerator);
    QCOMPARE(view.currentKind(), Kind::LegacyGenerator);
    view.setMode(mode);
    QCOMPARE(view.currentKind(), kind);
    const auto *tabs = view.findChild<QTabWidget *>();
    QCOMPARE(tabs->currentWidget(), view.editor(kind)->parentWidget());
    QCOMPARE(tabs->currentIndex(), tabIndex(kind));
    QCOMPARE(tabs->tabText(tabs->currentIndex()), SourceListing::title(kind));
    // The other modes', the legacy and the machine tabs stay a click away.
    QCOMPARE(tabs->count(), 5);
    for (int index = 0; index < tabs->count(); ++index)
        QVERIFY(tabs->isTabEnabled(index) && tabs->isTabVisible(index));
    view.setCurrentKind(Kind::StateMachine);
    QCOMPARE(view.currentKind(), Kind::StateMachine);
    QCOMPARE(tabs->currentIndex(), tabIndex(Kind::StateMachine));
    // A click on a tab is read back as its kind.
    for (const Kind clicked : SourceListing::allKinds) {
        tabs->findChild<QTabBar *>()->setCurrentIndex(tabIndex(clicked));
        QCOMPARE(view.currentKind(), clicked);
    }
}

void TestSourceView::highlightsLandOnEachTasksLine_data()
{
    QTest::addColumn<TaskState>("preheat");
    QTest::addColumn<TaskState>("mix");

    QTest::newRow("cold kitchen") << TaskState::NotStarted << TaskState::NotStarted;
    QTest::newRow("sync: oven waits, mixing not started") << TaskState::Waiting << TaskState::NotStarted;
    QTest::newRow("async: oven reports, mixing waits") << TaskState::Running << TaskState::Waiting;
    QTest::newRow("async: oven waits, mixing reports") << TaskState::Waiting << TaskState::Running;
    QTest::newRow("oven done, mixing reports") << TaskState::Done << TaskState::Running;
    QTest::newRow("both done") << TaskState::Done << TaskState::Done;
    QTest::newRow("cancelled while waiting") << TaskState::Cancelled << TaskState::Cancelled;
}

void TestSourceView::highlightsLandOnEachTasksLine()
{
    QFETCH(TaskState, preheat);
    QFETCH(TaskState, mix);

    SourceView view;
    view.setTaskStates(preheat, mix);
    QCOMPARE(view.taskState(TaskId::Preheat), preheat);
    QCOMPARE(view.taskState(TaskId::Mix), mix);

    // Every tab, not only the one shown, so switching tabs shows the same moment.
    for (const Kind kind : SourceListing::allKinds) {
        const QPlainTextEdit *editor = view.editor(kind);
        const SourceListing listing(kind);
        QCOMPARE(editor->extraSelections().size(), 2);
        for (const TaskId task : bothTasks) {
            const auto selection = selectionOf(editor, task, view.palette());
            QVERIFY2(selection, kindTag(kind));
            const int line = listing.lineOf(task, view.taskState(task));
            QCOMPARE(selection->cursor.block().blockNumber(), line);
            QVERIFY(selection->format.boolProperty(QTextFormat::FullWidthSelection));
            // The tint keeps the task's hue, so orange still reads as the oven.
            const QColor tint = selection->format.background().color();
            QVERIFY2(std::abs(tint.hslHue() - taskColor(task, view.palette()).hslHue()) <= 6,
                     colorMessage(tint, taskColor(task, view.palette())).constData());
        }
    }
}

void TestSourceView::waitingTaskIsOnItsAwaitLine()
{
    SourceView view;
    view.setTaskStates(TaskState::Waiting, TaskState::Running);
    const QPalette palette = view.palette();

    const auto highlighted = [&](Kind kind, TaskId task) {
        const auto selection = selectionOf(view.editor(kind), task, palette);
        return selection ? selection->cursor.block().text().trimmed() : QString();
    };
    QCOMPARE(highlighted(Kind::Async, TaskId::Preheat), QStringLiteral("await asyncio.sleep(STEP)"));
    QCOMPARE(highlighted(Kind::Blocking, TaskId::Preheat), QStringLiteral("time.sleep(STEP)"));
    QVERIFY(
        highlighted(Kind::LegacyGenerator, TaskId::Preheat).startsWith(QLatin1String("yield from asyncio.sleep(1)")));
    QVERIFY2(highlighted(Kind::StateMachine, TaskId::Preheat)
                 .contains(QRegularExpression(QStringLiteral("^\\d+  Await +suspends here"))),
             qPrintable(highlighted(Kind::StateMachine, TaskId::Preheat)));
    const QString mixPrint = QStringLiteral("print(f\"mix_ingredients:: mixing things {i}\")");
    QCOMPARE(highlighted(Kind::Async, TaskId::Mix), mixPrint);
    QCOMPARE(highlighted(Kind::Blocking, TaskId::Mix), mixPrint);
    QCOMPARE(highlighted(Kind::Threaded, TaskId::Preheat), QStringLiteral("time.sleep(STEP)"));
    QCOMPARE(highlighted(Kind::Threaded, TaskId::Mix), QStringLiteral("say(f\"mix_ingredients:: mixing things {i}\")"));
    QCOMPARE(highlighted(Kind::StateMachine, TaskId::Mix), QStringLiteral("20 |         ") + mixPrint);
}

void TestSourceView::threadedTabHighlightsEachThreadsLine_data()
{
    QTest::addColumn<TaskState>("preheat");
    QTest::addColumn<TaskState>("mix");
    QTest::addColumn<QString>("preheatLine");
    QTest::addColumn<QString>("mixLine");

    const QString sleep = QStringLiteral("time.sleep(STEP)");
    const QString preheatSay = QStringLiteral("say(f\"preheat:: temp is now {temp}\")");
    const QString mixSay = QStringLiteral("say(f\"mix_ingredients:: mixing things {i}\")");
    QTest::newRow("threads not started") << TaskState::NotStarted << TaskState::NotStarted
                                         << QStringLiteral("def preheat():")
                                         << QStringLiteral("def mix_ingredients():");
    // Unlike in the blocking tab, both can sleep at once: each on its own thread.
    QTest::newRow("both threads sleep") << TaskState::Waiting << TaskState::Waiting << sleep << sleep;
    QTest::newRow("both report at the same moment") << TaskState::Running << TaskState::Running << preheatSay << mixSay;
    QTest::newRow("mixing done, oven reports")
        << TaskState::Running << TaskState::Done << preheatSay << QStringLiteral("for i in range(MIX_COUNT):");
    QTest::newRow("stopped in their sleeps") << TaskState::Cancelled << TaskState::Cancelled << sleep << sleep;
}

void TestSourceView::threadedTabHighlightsEachThreadsLine()
{
    QFETCH(TaskState, preheat);
    QFETCH(TaskState, mix);
    QFETCH(QString, preheatLine);
    QFETCH(QString, mixLine);

    SourceView view;
    view.setMode(BakeMode::Threaded);
    view.setTaskStates(preheat, mix);
    showAt(view, viewSize);
    const QPlainTextEdit *editor = view.editor(Kind::Threaded);
    const SourceListing listing(Kind::Threaded);
    QCOMPARE(editor->extraSelections().size(), 2);

    const QString expectedText[] = {preheatLine, mixLine};
    for (const TaskId task : bothTasks) {
        const auto selection = selectionOf(editor, task, view.palette());
        QVERIFY(selection);
        const int line = selection->cursor.block().blockNumber();
        QCOMPARE(line, listing.lineOf(task, view.taskState(task)));
        const QString text = selection->cursor.block().text().trimmed();
        QCOMPARE(text, expectedText[std::size_t(task)]);
        // Each in its own function, whatever the state.
        const auto [first, end] = functionSpan(editor->toPlainText(), taskName(task));
        QVERIFY(line >= first && line < end);
        QVERIFY(lineIsInView(editor, line));
    }
    QCOMPARE(view.legendText(),
             QStringLiteral("preheat: %1, line %2 · mix_ingredients: %3, line %4")
                 .arg(preheat == TaskState::Running ? QStringLiteral("reporting") : taskStateName(preheat))
                 .arg(listing.lineOf(TaskId::Preheat, preheat) + 1)
                 .arg(mix == TaskState::Running ? QStringLiteral("reporting") : taskStateName(mix))
                 .arg(listing.lineOf(TaskId::Mix, mix) + 1));
}

void TestSourceView::followsTheKitchen()
{
    // The kitchen after the first preheat wait and the first mixing report.
    Kitchen kitchen(400, 3);
    kitchen.setState(TaskId::Preheat, TaskState::Waiting);
    kitchen.setState(TaskId::Mix, TaskState::Waiting);
    kitchen.recordReport(TaskId::Mix, 0);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Running);

    SourceView view;
    view.setKitchen(kitchen);
    QCOMPARE(view.taskState(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(view.taskState(TaskId::Mix), TaskState::Running);
    const auto selection = selectionOf(view.editor(Kind::Async), TaskId::Preheat, view.palette());
    QVERIFY(selection);
    QVERIFY(selection->cursor.block().text().contains(QLatin1String("await asyncio.sleep")));

    view.setKitchen(Kitchen(400, 3));
    QCOMPARE(view.taskState(TaskId::Preheat), TaskState::NotStarted);
    QCOMPARE(view.taskState(TaskId::Mix), TaskState::NotStarted);
}

void TestSourceView::parametersChangeTheText()
{
    SourceView view;
    view.setTaskStates(TaskState::Waiting, TaskState::Waiting);
    BakeParameters parameters;
    parameters.targetTemperature = 475;
    parameters.mixCount = 5;
    parameters.stepMs = 250;
    view.setParameters(parameters);
    QCOMPARE(view.parameters(), parameters);

    const QString async = view.editor(Kind::Async)->toPlainText();
    for (const Kind kind : {Kind::Async, Kind::Blocking, Kind::Threaded}) {
        const QStringList lines = view.editor(kind)->toPlainText().split(QLatin1Char('\n'));
        QVERIFY(lines.contains(QStringLiteral("TARGET_TEMP = 475")));
        QVERIFY(lines.contains(QStringLiteral("MIX_COUNT = 5")));
        QVERIFY(lines.contains(QStringLiteral("STEP = 0.25")));
        QVERIFY(!lines.contains(QStringLiteral("STEP = 1")));
    }
    QVERIFY(
        view.editor(Kind::LegacyGenerator)->toPlainText().contains(QLatin1String("yield from asyncio.sleep(0.25)")));
    QVERIFY(view.editor(Kind::StateMachine)->toPlainText().contains(QLatin1String(" | TARGET_TEMP = 475\n")));
    for (const Kind kind : SourceListing::allKinds)
        QCOMPARE(view.editor(kind)->toPlainText(), SourceListing(kind, parameters).text());

    // The highlights are set again on the new text.
    for (const TaskId task : bothTasks) {
        const auto selection = selectionOf(view.editor(Kind::Async), task, view.palette());
        QVERIFY(selection);
        QCOMPARE(selection->cursor.block().text().trimmed(), QStringLiteral("await asyncio.sleep(STEP)"));
        QCOMPARE(selection->cursor.block().blockNumber(),
                 SourceListing(Kind::Async, parameters).lineOf(task, TaskState::Waiting));
    }
    QVERIFY(async.contains(QLatin1String("MIX_COUNT = 5")));
}

void TestSourceView::trapsChangeTheTextAndTheMixingLine()
{
    SourceView view;
    view.setTaskStates(TaskState::Waiting, TaskState::Waiting);
    const QPalette palette = view.palette();
    const auto highlighted = [&](Kind kind, TaskId task) {
        const auto selection = selectionOf(view.editor(kind), task, palette);
        return selection ? selection->cursor.block().text().trimmed() : QString();
    };

    BakeParameters parameters;
    parameters.mixTrap = MixTrap::StirByHand;
    view.setParameters(parameters);
    for (const Kind kind : SourceListing::allKinds) {
        QCOMPARE(view.editor(kind)->toPlainText(), SourceListing(kind, parameters).text());
        QVERIFY(view.editor(kind)->toPlainText() != SourceListing(kind).text());
    }
    // The mixing task computes where it used to wait; the oven still waits on its own line.
    for (const Kind kind : {Kind::Blocking, Kind::Async, Kind::Threaded}) {
        QVERIFY2(highlighted(kind, TaskId::Mix).startsWith(QLatin1String("stir_by_hand(STEP)  # ")),
                 qPrintable(highlighted(kind, TaskId::Mix)));
        QVERIFY(!highlighted(kind, TaskId::Preheat).contains(QLatin1String("stir")));
    }
    QVERIFY(highlighted(Kind::LegacyGenerator, TaskId::Mix).startsWith(QLatin1String("stir_by_hand(1)  # ")));
    QCOMPARE(highlighted(Kind::Async, TaskId::Preheat), QStringLiteral("await asyncio.sleep(STEP)"));
    QVERIFY2(highlighted(Kind::StateMachine, TaskId::Mix).contains(QLatin1String(" |         stir_by_hand(STEP)  # ")),
             qPrintable(highlighted(Kind::StateMachine, TaskId::Mix)));

    parameters.mixTrap = MixTrap::ForgotToAwait;
    view.setParameters(parameters);
    QCOMPARE(view.editor(Kind::Async)->toPlainText(), SourceListing(Kind::Async, parameters).text());
    QVERIFY2(highlighted(Kind::Async, TaskId::Mix)
                 .startsWith(QLatin1String("time.sleep(STEP)  # forgot to await: blocks the one thread")),
             qPrintable(highlighted(Kind::Async, TaskId::Mix)));
    QCOMPARE(highlighted(Kind::Async, TaskId::Preheat), QStringLiteral("await asyncio.sleep(STEP)"));
    // The twins have no await to forget: they bake, and show, the plain cake.
    QCOMPARE(view.editor(Kind::Blocking)->toPlainText(), SourceListing(Kind::Blocking).text());
    QCOMPARE(view.editor(Kind::Threaded)->toPlainText(), SourceListing(Kind::Threaded).text());
    QCOMPARE(highlighted(Kind::Blocking, TaskId::Mix), QStringLiteral("time.sleep(STEP)"));
    QVERIFY2(highlighted(Kind::StateMachine, TaskId::Mix).contains(QLatin1String(" |         time.sleep(STEP)  # ")),
             qPrintable(highlighted(Kind::StateMachine, TaskId::Mix)));

    // Without the trap, the text is the plain listing again.
    view.setParameters(BakeParameters{});
    QCOMPARE(view.editor(Kind::Async)->toPlainText(), SourceListing(Kind::Async).text());
    QCOMPARE(highlighted(Kind::Async, TaskId::Mix), QStringLiteral("await asyncio.sleep(STEP)"));
}

void TestSourceView::everyTabHighlightsEachTaskInItsOwnFunction()
{
    SourceView view;
    const std::array states{TaskState::NotStarted, TaskState::Waiting, TaskState::Running, TaskState::Done,
                            TaskState::Cancelled};
    for (const MixTrap trap : {MixTrap::None, MixTrap::StirByHand, MixTrap::ForgotToAwait}) {
        BakeParameters parameters;
        parameters.targetTemperature = 475;
        parameters.mixTrap = trap;
        view.setParameters(parameters);
        for (const TaskState state : states) {
            // The other task somewhere else, so that both highlights are there to tell apart.
            view.setTaskStates(state, state == TaskState::Running ? TaskState::Waiting : TaskState::Running);
            for (const Kind kind : SourceListing::allKinds) {
                const QPlainTextEdit *editor = view.editor(kind);
                for (const TaskId task : bothTasks) {
                    const auto selection = selectionOf(editor, task, view.palette());
                    QVERIFY(selection);
                    const int line = selection->cursor.block().blockNumber();
                    const auto [first, end] = functionSpan(editor->toPlainText(), taskName(task));
                    const QByteArray where = QByteArray(kindTag(kind)) + ", " + mixTrapName(trap).toUtf8() + ", "
                        + taskName(task).toUtf8() + ", " + taskStateName(view.taskState(task)).toUtf8();
                    QVERIFY2(first >= 0 && line >= first && line < end, where.constData());
                }
            }
        }
    }
}

void TestSourceView::legendNamesEachTasksStateAndLine()
{
    SourceView view;
    view.setTaskStates(TaskState::Waiting, TaskState::Running);
    const auto expected = [](Kind kind) {
        const SourceListing listing(kind);
        return QStringLiteral("preheat: waiting, line %1 · mix_ingredients: reporting, line %2")
            .arg(listing.lineOf(TaskId::Preheat, TaskState::Waiting) + 1)
            .arg(listing.lineOf(TaskId::Mix, TaskState::Running) + 1);
    };
    QCOMPARE(view.legendText(), expected(Kind::Async));
    view.setCurrentKind(Kind::StateMachine);
    QCOMPARE(view.legendText(), expected(Kind::StateMachine));

    view.setTaskStates(TaskState::Done, TaskState::Cancelled);
    QVERIFY(view.legendText().startsWith(QLatin1String("preheat: done, line ")));
    QVERIFY(view.legendText().contains(QLatin1String("mix_ingredients: cancelled, line ")));
}

void TestSourceView::highlightsScrollIntoView()
{
    SourceView view;
    view.setCurrentKind(Kind::StateMachine);
    showAt(view, QSize(560, 240));
    const QPlainTextEdit *editor = view.editor(Kind::StateMachine);
    const SourceListing listing(Kind::StateMachine);
    QVERIFY2(editor->verticalScrollBar()->maximum() > 0, "the view must be too short for the whole listing");

    // Far apart: the task that has just acted wins.
    view.setTaskStates(TaskState::NotStarted, TaskState::Running);
    QVERIFY(lineIsInView(editor, listing.lineOf(TaskId::Mix, TaskState::Running)));
    view.setTaskStates(TaskState::Running, TaskState::Done);
    QVERIFY(lineIsInView(editor, listing.lineOf(TaskId::Preheat, TaskState::Running)));

    // Near enough together in a view tall enough: both are shown.
    const SourceListing async(Kind::Async);
    view.resize(viewSize);
    view.setMode(BakeMode::Async);
    spinEventLoop(0);
    view.setTaskStates(TaskState::Waiting, TaskState::Running);
    QVERIFY(lineIsInView(view.editor(Kind::Async), async.lineOf(TaskId::Preheat, TaskState::Waiting)));
    QVERIFY(lineIsInView(view.editor(Kind::Async), async.lineOf(TaskId::Mix, TaskState::Running)));

    // A tab brought up later scrolls to its highlights too.
    view.setCurrentKind(Kind::StateMachine);
    spinEventLoop(0);
    QVERIFY(lineIsInView(editor, listing.lineOf(TaskId::Mix, TaskState::Running)));
}

void TestSourceView::lineNumberMarkerAndTintArePainted_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestSourceView::lineNumberMarkerAndTintArePainted()
{
    QFETCH(bool, dark);

    SourceView view;
    view.setPalette(dark ? darkPalette() : lightPalette());
    view.setTaskStates(TaskState::Waiting, TaskState::Running);
    showAt(view, viewSize);
    const QPalette palette = view.palette();
    const QPlainTextEdit *editor = view.editor(Kind::Async);
    const auto *strip = editor->parentWidget()->findChild<QWidget *>(QStringLiteral("lineNumbers"));
    QVERIFY(strip);
    const QImage image = grabbed(view);
    const SourceListing listing(Kind::Async);

    for (const TaskId task : bothTasks) {
        const QRect line = lineRect(editor, listing.lineOf(task, view.taskState(task)));
        const int y = editor->viewport()->mapTo(&view, QPoint(0, line.center().y())).y();
        // The marker: the line number's cell in the task's own colour.
        const QPoint marker = strip->mapTo(&view, QPoint(1, 0));
        const QColor markerPixel = image.pixelColor(marker.x(), y);
        QVERIFY2(sameColor(markerPixel, taskColor(task, palette)),
                 colorMessage(markerPixel, taskColor(task, palette)).constData());
        // The tint runs the full width, far past the end of the text.
        const QPoint farRight = editor->viewport()->mapTo(&view, QPoint(editor->viewport()->width() * 19 / 20, 0));
        const QColor tintPixel = image.pixelColor(farRight.x(), y);
        QVERIFY2(sameColor(tintPixel, expectedTint(task, palette)),
                 colorMessage(tintPixel, expectedTint(task, palette)).constData());
    }

    // A line no task is on keeps the plain strip and the plain Base.
    const QRect plainLine = lineRect(editor, listing.lineOf(TaskId::Preheat, TaskState::Waiting) + 1);
    const int y = editor->viewport()->mapTo(&view, QPoint(0, plainLine.center().y())).y();
    const QColor plainMarker = image.pixelColor(strip->mapTo(&view, QPoint(1, 0)).x(), y);
    for (const TaskId task : bothTasks)
        QVERIFY(!sameColor(plainMarker, taskColor(task, palette), 40));
    const QPoint farRight = editor->viewport()->mapTo(&view, QPoint(editor->viewport()->width() * 19 / 20, 0));
    QVERIFY(sameColor(image.pixelColor(farRight.x(), y), palette.color(QPalette::Base)));
}

void TestSourceView::highlightedTextStaysReadable_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestSourceView::highlightedTextStaysReadable()
{
    QFETCH(bool, dark);

    SourceView view;
    view.setPalette(dark ? darkPalette() : lightPalette());
    view.setTaskStates(TaskState::Waiting, TaskState::Running);
    const QPalette palette = view.palette();
    for (const TaskId task : bothTasks) {
        const auto selection = selectionOf(view.editor(Kind::Async), task, palette);
        QVERIFY(selection);
        // The tint follows the palette: lighter than the task colour on white, darker on a dark Base.
        const QColor tint = selection->format.background().color();
        const QColor text = selection->format.foreground().color();
        QVERIFY2(contrastRatio(text, tint) >= minimumTaskContrast, colorMessage(text, tint).constData());
        QVERIFY(dark ? tint.lightnessF() < 0.5 : tint.lightnessF() > 0.5);
    }
}

void TestSourceView::codeFontFollowsTheWidgetFont()
{
    SourceView view;
    const auto *strip = view.editor(Kind::Async)->parentWidget()->findChild<QWidget *>(QStringLiteral("lineNumbers"));
    const qreal normalSize = view.editor(Kind::Async)->font().pointSizeF();
    const int normalStrip = strip->width();
    QVERIFY(normalSize >= view.font().pointSizeF());

    QFont larger = view.font();
    larger.setPointSizeF(view.font().pointSizeF() * 1.5);
    view.setFont(larger);
    for (const Kind kind : SourceListing::allKinds) {
        QVERIFY(view.editor(kind)->font().pointSizeF() > normalSize);
        QVERIFY(isMonospace(view.editor(kind)->font()));
    }
    QVERIFY(strip->width() > normalStrip);
}

void TestSourceView::notesStayAboveTheirListings_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("says");
    QTest::newRow("legacy: no longer runs") << Kind::LegacyGenerator << QStringLiteral("legacyNote")
                                            << QStringLiteral("Python 3.11 removed @asyncio.coroutine");
    QTest::newRow("machine: how to read it")
        << Kind::StateMachine << QStringLiteral("machineNote") << QStringLiteral("a state per await");
}

void TestSourceView::notesStayAboveTheirListings()
{
    QFETCH(Kind, kind);
    QFETCH(QString, name);
    QFETCH(QString, says);

    SourceView view;
    const auto *note = view.findChild<QLabel *>(name);
    QVERIFY(note);
    QVERIFY(note->text().contains(says));
    // It sits above its listing, outside the text, so it stays in view however far the listing scrolls.
    QCOMPARE(note->parentWidget(), view.editor(kind)->parentWidget());
    view.setCurrentKind(kind);
    view.setTaskStates(TaskState::Done, TaskState::Done);
    showAt(view, QSize(560, 240));
    QVERIFY(note->isVisible());
    QVERIFY(note->geometry().bottom() <= view.editor(kind)->geometry().top());
    QVERIFY(view.editor(kind)->verticalScrollBar()->value() > 0);
    // The Python tabs need none.
    QCOMPARE(view.findChildren<QLabel *>(QRegularExpression(QStringLiteral("Note$"))).size(), 2);
}

void TestSourceView::knobsStayInViewWhereTheHighlightsFitBelowThem()
{
    SourceView view;
    QPlainTextEdit *editor = view.editor(Kind::Async);
    const SourceListing listing(Kind::Async);
    const int knob = int(listing.lines().indexOf(QStringLiteral("TARGET_TEMP = 400")));
    QVERIFY(knob > 0);
    // Tall enough for the knobs and both highlights, too short for the whole listing, whatever the font.
    const int lowestHighlight = listing.lineOf(TaskId::Mix, TaskState::Running);
    showAt(view, QSize(700, 200));
    for (int height = 200; editor->verticalScrollBar()->pageStep() <= lowestHighlight + 1 && height < 2000;
         height += 10) {
        view.resize(700, height);
        spinEventLoop(0);
    }
    QVERIFY(editor->verticalScrollBar()->pageStep() > lowestHighlight + 1);
    QVERIFY2(editor->verticalScrollBar()->maximum() > 0, "the whole listing must not fit");

    // Scrolled away by hand, the next highlight brings the top back, knobs and all.
    editor->verticalScrollBar()->setValue(editor->verticalScrollBar()->maximum());
    view.setTaskStates(TaskState::Waiting, TaskState::Running);
    QCOMPARE(editor->verticalScrollBar()->value(), 0);
    QVERIFY(lineIsInView(editor, knob));
    QVERIFY(lineIsInView(editor, listing.lineOf(TaskId::Mix, TaskState::Running)));
}

QTEST_MAIN(TestSourceView)
#include "tst_sourceview.moc"
