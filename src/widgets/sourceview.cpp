// SPDX-License-Identifier: MIT
#include "sourceview.h"

#include "kitchen.h"
#include "taskpalette.h"

#include <QBoxLayout>
#include <QFontDatabase>
#include <QLabel>
#include <QPainter>
#include <QPaintEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBlock>
#include <QtMath>

#include <algorithm>

namespace {

constexpr std::array bothTasks{TaskId::Preheat, TaskId::Mix};

// The code is set a little larger than the window's text: it is what the back row reads.
constexpr qreal codeFontScale = 1.15;

// The line-number strip, in ems of the code font; room for two digits at least.
constexpr qreal stripPaddingEms = 0.6;
constexpr int stripMinimumDigits = 2;
// The strip is Base moved this far towards Text; its plain numbers are Text moved this far towards Base.
constexpr qreal stripBackgroundTint = 0.07;
constexpr qreal stripNumberTint = 0.4;

// The note above the legacy listing: its padding in ems, and the same quiet background as the strip.
constexpr qreal notePaddingEms = 0.5;

// Lines kept visible above and below a highlight when scrolling to it, where the view is tall enough.
constexpr int scrollContextLines = 2;

QColor blend(const QColor &from, const QColor &to, qreal amount)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * amount),
                            float(from.greenF() + (to.greenF() - from.greenF()) * amount),
                            float(from.blueF() + (to.blueF() - from.blueF()) * amount));
}

/// The state as the kitchen pictures caption it: a running task has just reported.
QString stateWord(TaskState state)
{
    return state == TaskState::Running ? QStringLiteral("reporting") : taskStateName(state);
}

/// Which task's line to keep in view when both do not fit: the one that just acted.
int scrollPriority(TaskState state)
{
    switch (state) {
    case TaskState::Running:
        return 4;
    case TaskState::Waiting:
        return 3;
    case TaskState::Cancelled:
        return 2;
    case TaskState::Done:
        return 1;
    case TaskState::NotStarted:
        break;
    }
    return 0;
}

QString tabToolTip(SourceListing::Kind kind)
{
    switch (kind) {
    case SourceListing::Kind::Blocking:
        return QStringLiteral("cake.py's blocking twin, which Bake Sync runs: time.sleep() holds the one thread.");
    case SourceListing::Kind::Async:
        return QStringLiteral("cake.py, which Bake Async runs: each await gives the event loop back.");
    case SourceListing::Kind::Threaded:
        return QStringLiteral(
            "cake.py's threaded twin, which Bake Threaded runs: each task a thread, each time.sleep() holding only its "
            "own.");
    case SourceListing::Kind::LegacyGenerator:
        return QStringLiteral("The async code in the generator-based style that Python 3.11 removed.");
    case SourceListing::Kind::StateMachine:
        return QStringLiteral(
            "The state machine the engine compiles from cake.py, a state per await, and runs in every mode.");
    }
    return {};
}

/// What a note above @p kind's listing says, or nothing where it needs none.
QString noteText(SourceListing::Kind kind)
{
    switch (kind) {
    case SourceListing::Kind::LegacyGenerator:
        return QStringLiteral("<b>Python 3.11 removed @asyncio.coroutine:</b> this style no longer runs. It is here "
                              "for reading old code; today one writes async def and await.");
    case SourceListing::Kind::StateMachine:
        return QStringLiteral("<b>What the engine runs:</b> the Async tab's code compiled, a state per await. "
                              "<tt>12 |</tt> is its line 12, with that line's instructions below.");
    case SourceListing::Kind::Blocking:
    case SourceListing::Kind::Async:
    case SourceListing::Kind::Threaded:
        break;
    }
    return {};
}

/// The top line of a view @p visible lines tall that moves least from @p top and shows @p first to @p last.
std::optional<int> topShowing(int top, int visible, int first, int last)
{
    for (int context = scrollContextLines; context >= 0; --context) {
        const int lowest = last + context - (visible - 1);
        const int highest = first - context;
        if (lowest <= highest)
            return std::clamp(top, lowest, highest);
    }
    return std::nullopt;
}

} // namespace

SourceView::SourceView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_legend(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(QMargins());
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_legend);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);

    for (const Kind kind : SourceListing::allKinds)
        addPage(kind);
    // The window starts in async mode, so does this.
    setCurrentKind(Kind::Async);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        scrollToHighlights(page(currentKind()));
        updateLegend();
    });

    fillPages();
}

void SourceView::setParameters(const BakeParameters &parameters)
{
    if (parameters == m_parameters)
        return;
    m_parameters = parameters;
    fillPages();
}

void SourceView::setMode(BakeMode mode)
{
    setCurrentKind(SourceListing::forMode(mode));
}

void SourceView::setCurrentKind(Kind kind)
{
    m_tabs->setCurrentIndex(int(indexOf(kind)));
}

SourceView::Kind SourceView::currentKind() const
{
    return SourceListing::allKinds.at(std::size_t(std::max(m_tabs->currentIndex(), 0)));
}

void SourceView::setKitchen(const Kitchen &kitchen)
{
    setTaskStates(kitchen.state(TaskId::Preheat), kitchen.state(TaskId::Mix));
}

void SourceView::setTaskStates(TaskState preheat, TaskState mix)
{
    if (preheat == m_preheatState && mix == m_mixState)
        return;
    m_preheatState = preheat;
    m_mixState = mix;
    refresh();
}

TaskState SourceView::taskState(TaskId task) const
{
    return task == TaskId::Preheat ? m_preheatState : m_mixState;
}

QPlainTextEdit *SourceView::editor(Kind kind) const
{
    return page(kind).editor;
}

QString SourceView::legendText() const
{
    const SourceListing &listing = page(currentKind()).listing;
    QStringList parts;
    for (const TaskId task : bothTasks) {
        parts << QStringLiteral("%1: %2, line %3")
                     .arg(taskName(task), stateWord(taskState(task)))
                     .arg(listing.lineOf(task, taskState(task)) + 1);
    }
    return parts.join(QStringLiteral(" · "));
}

void SourceView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
        applyFonts();
        refresh();
        break;
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
        refresh();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

bool SourceView::eventFilter(QObject *watched, QEvent *event)
{
    for (Page &shown : m_pages) {
        if (!shown.editor)
            continue; // the page is still being built
        if (watched == shown.lineNumbers && event->type() == QEvent::Paint) {
            paintLineNumbers(shown, static_cast<QPaintEvent *>(event));
            return true;
        }
        if (watched == shown.editor->viewport() && event->type() == QEvent::Resize) {
            // The editor sets its scroll range only after this event; scroll once it has.
            QMetaObject::invokeMethod(
                this, [this, &shown] { scrollToHighlights(shown); }, Qt::QueuedConnection);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SourceView::addPage(Kind kind)
{
    // A column with the tab's note, where it has one, over a row of the line numbers and the text.
    auto *container = new QWidget(m_tabs);
    auto *column = new QVBoxLayout(container);
    column->setContentsMargins(QMargins());
    column->setSpacing(0);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(QMargins());
    row->setSpacing(0);

    Page &added = page(kind);
    if (const QString text = noteText(kind); !text.isEmpty()) {
        // The listing's first lines say so too, but they scroll away.
        added.note = new QLabel(text, container);
        added.note->setObjectName(kind == Kind::LegacyGenerator ? QStringLiteral("legacyNote")
                                                                : QStringLiteral("machineNote"));
        added.note->setTextFormat(Qt::RichText);
        added.note->setWordWrap(true);
        added.note->setAutoFillBackground(true);
        column->addWidget(added.note);
    }
    column->addLayout(row, 1);

    added.lineNumbers = new QWidget(container);
    added.lineNumbers->setObjectName(QStringLiteral("lineNumbers"));
    added.lineNumbers->installEventFilter(this);
    added.editor = new QPlainTextEdit(container);
    added.editor->setReadOnly(true);
    added.editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    added.editor->setFrameShape(QFrame::NoFrame);
    added.editor->setAccessibleName(SourceListing::title(kind));
    added.editor->setAccessibleDescription(tabToolTip(kind));
    added.editor->viewport()->installEventFilter(this);
    // Scrolling, selecting and re-highlighting all repaint the text; the numbers beside it follow.
    connect(added.editor, &QPlainTextEdit::updateRequest, added.lineNumbers, qOverload<>(&QWidget::update));
    row->addWidget(added.lineNumbers);
    row->addWidget(added.editor, 1);

    const int index = m_tabs->addTab(container, SourceListing::title(kind));
    Q_ASSERT(index == int(indexOf(kind))); // pages are added in allKinds' order
    m_tabs->setTabToolTip(index, tabToolTip(kind));
}

void SourceView::fillPages()
{
    for (const Kind kind : SourceListing::allKinds) {
        Page &filled = page(kind);
        filled.listing = SourceListing(kind, m_parameters);
        filled.editor->setPlainText(filled.listing.text());
    }
    applyFonts();
    refresh();
}

void SourceView::applyFonts()
{
    QFont code = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    code.setStyleHint(QFont::TypeWriter);
    if (font().pointSizeF() > 0)
        code.setPointSizeF(font().pointSizeF() * codeFontScale);
    else
        code.setPixelSize(qRound(font().pixelSize() * codeFontScale));

    QFont boldCode = code;
    boldCode.setBold(true);
    const QFontMetricsF metrics(boldCode);
    const qreal padding = metrics.horizontalAdvance(QLatin1Char('M')) * stripPaddingEms;
    const int notePadding = qRound(QFontMetricsF(font()).horizontalAdvance(QLatin1Char('M')) * notePaddingEms);
    for (Page &styled : m_pages) {
        if (styled.note)
            styled.note->setMargin(notePadding);
        styled.editor->setFont(code);
        styled.lineNumbers->setFont(code);
        const int digits
            = std::max(stripMinimumDigits, int(QString::number(std::max(styled.listing.lineCount(), 1)).size()));
        const qreal numberWidth = metrics.horizontalAdvance(QString(digits, QLatin1Char('9')));
        styled.lineNumbers->setFixedWidth(qCeil(numberWidth + 2 * padding));
    }
}

void SourceView::refresh()
{
    for (Page &shown : m_pages) {
        highlight(shown);
        scrollToHighlights(shown);
        shown.lineNumbers->update();
    }
    updateLegend();

    QPalette notePalette = palette();
    notePalette.setColor(QPalette::Window,
                         blend(palette().color(QPalette::Base), palette().color(QPalette::Text), stripBackgroundTint));
    notePalette.setColor(QPalette::WindowText, palette().color(QPalette::Text));
    for (Page &shown : m_pages) {
        if (shown.note)
            shown.note->setPalette(notePalette);
    }
}

void SourceView::highlight(Page &shown) const
{
    QList<QTextEdit::ExtraSelection> selections;
    for (const TaskId task : bothTasks) {
        const int line = shown.listing.lineOf(task, taskState(task));
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(shown.editor->document()->findBlockByNumber(line));
        selection.format.setBackground(lineTint(task));
        selection.format.setForeground(palette().color(QPalette::Text));
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << selection;
    }
    shown.editor->setExtraSelections(selections);
}

void SourceView::scrollToHighlights(Page &shown) const
{
    // Without wrapping, the editor scrolls by whole lines: the value is the top line, the page step how many fit.
    QScrollBar *bar = shown.editor->verticalScrollBar();
    const int visible = std::max(1, bar->pageStep());
    const int preheatLine = shown.listing.lineOf(TaskId::Preheat, m_preheatState);
    const int mixLine = shown.listing.lineOf(TaskId::Mix, m_mixState);

    // Where both fit below the top with a line to spare, the top stays in view: the recipe's knobs, with its values.
    if (std::max(preheatLine, mixLine) + 1 < visible) {
        bar->setValue(0);
        return;
    }
    std::optional<int> top
        = topShowing(bar->value(), visible, std::min(preheatLine, mixLine), std::max(preheatLine, mixLine));
    if (!top) {
        const int line = scrollPriority(m_mixState) > scrollPriority(m_preheatState) ? mixLine : preheatLine;
        top = topShowing(bar->value(), visible, line, line);
    }
    bar->setValue(top.value_or(bar->value()));
}

void SourceView::paintLineNumbers(const Page &shown, QPaintEvent *event) const
{
    QWidget *strip = shown.lineNumbers;
    const QPalette &colors = palette();
    const QColor base = colors.color(QPalette::Base);
    const QColor text = colors.color(QPalette::Text);
    const QColor background = blend(base, text, stripBackgroundTint);
    const QColor plainNumber = readableColor(blend(text, base, stripNumberTint), colors);

    QPainter painter(strip);
    painter.fillRect(event->rect(), background);
    QFont boldCode = strip->font();
    boldCode.setBold(true);
    const qreal padding = QFontMetricsF(boldCode).horizontalAdvance(QLatin1Char('M')) * stripPaddingEms;

    // Both sit in one row with the same top, so the editor's viewport coordinates are the strip's.
    const QPlainTextEdit *editor = shown.editor;
    const int viewportBottom = editor->viewport()->height();
    painter.setClipRect(QRect(0, 0, strip->width(), viewportBottom));
    for (QTextBlock block = editor->cursorForPosition(QPoint(0, 0)).block(); block.isValid(); block = block.next()) {
        const QRect caret = editor->cursorRect(QTextCursor(block));
        if (caret.top() >= viewportBottom)
            break;
        const QTextLayout *layout = block.layout();
        const int height = layout && layout->lineCount() > 0 ? qCeil(layout->lineAt(0).height()) : caret.height();
        const QRect cell(0, caret.top(), strip->width(), height);
        const QRectF numberRect = QRectF(cell).adjusted(padding, 0, -padding, 0);
        const QString number = QString::number(block.blockNumber() + 1);

        if (const std::optional<TaskId> task = taskOnLine(shown, block.blockNumber())) {
            // The marker: the whole cell in the task's colour, the number in black or white on it.
            painter.fillRect(cell, taskColor(*task, colors));
            painter.setPen(taskTextColor(*task, colors));
            painter.setFont(boldCode);
        } else {
            painter.setPen(plainNumber);
            painter.setFont(strip->font());
        }
        painter.drawText(numberRect, Qt::AlignRight | Qt::AlignVCenter, number);
    }
}

void SourceView::updateLegend()
{
    const SourceListing &listing = page(currentKind()).listing;
    QStringList parts;
    for (const TaskId task : bothTasks) {
        parts << QStringLiteral("<b style=\"color:%1\">&#9632;&nbsp;%2</b>: %3, line %4")
                     .arg(taskColor(task, palette()).name(), taskName(task), stateWord(taskState(task)))
                     .arg(listing.lineOf(task, taskState(task)) + 1);
    }
    m_legend->setText(parts.join(QStringLiteral(" &nbsp;&middot;&nbsp; ")));
    m_legend->setAccessibleName(legendText());
}

std::optional<TaskId> SourceView::taskOnLine(const Page &shown, int line) const
{
    for (const TaskId task : bothTasks) {
        if (shown.listing.lineOf(task, taskState(task)) == line)
            return task;
    }
    return std::nullopt;
}

std::size_t SourceView::indexOf(Kind kind)
{
    const auto &kinds = SourceListing::allKinds;
    const auto found = std::find(kinds.cbegin(), kinds.cend(), kind);
    Q_ASSERT(found != kinds.cend());
    return std::size_t(found - kinds.cbegin());
}

QColor SourceView::lineTint(TaskId task) const
{
    return blend(palette().color(QPalette::Base), taskColor(task, palette()), lineTintAmount);
}
