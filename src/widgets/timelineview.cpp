// SPDX-License-Identifier: MIT
#include "timelineview.h"

#include "bakelogmodel.h"
#include "taskpalette.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace {
// Heights in lines of the widget's font, so presentation mode's larger font enlarges the timeline too.
constexpr qreal titleLines = 1.4;
constexpr qreal laneLines = 1.3;
constexpr qreal runGapLines = 0.5;
constexpr qreal axisLines = 1.6;
constexpr qreal gutterPadding = 12;
/// Room right of the axis for half of its last label.
constexpr qreal plotRightMargin = 28;
/// Tick labels stand at least this many label widths apart.
constexpr qreal labelSpacing = 1.6;
/// A wait bar leaves this share of its lane free above and below, so neighbouring lanes stay apart.
constexpr qreal waitInset = 0.18;
/// A report is instantaneous; it is drawn this wide so it can be seen and clicked.
constexpr qreal markWidth = 3;
/// How near (in pixels) a click must fall to a report to select it.
constexpr qreal hitSlop = 6;
constexpr int waitFillAlpha = 50;
constexpr QRgb blockedRgb = 0xdc2626; // the lag meter's red: a frozen loop looks the same everywhere
constexpr double graphicContrast = 3.0;
/// Round steps for the time axis; the first that gives at most maxTicks ticks is used.
constexpr std::array<qint64, 12> tickSteps{10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000};
constexpr qint64 maxTicks = 10;

constexpr std::array<RunTrace::Lane, RunTrace::laneCount> lanes{RunTrace::Lane::Preheat, RunTrace::Lane::Mix,
                                                                RunTrace::Lane::Loop};

QString secondsText(qint64 ms)
{
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 2);
}

/// "0 s", "0.2 s", "1.5 s", "10 s": as many decimals as the step needs, no more.
QString tickLabel(qint64 ms, qint64 stepMs)
{
    const int decimals = stepMs % 1000 == 0 ? 0 : stepMs % 100 == 0 ? 1 : stepMs % 10 == 0 ? 2 : 3;
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', ms == 0 ? 0 : decimals);
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(tr("Timeline"));
}

void TimelineView::setTraces(std::vector<RunTrace> traces)
{
    if (traces.size() > std::size_t(maxRuns))
        traces.erase(traces.begin(), traces.end() - maxRuns);
    m_traces = std::move(traces);
    setAccessibleDescription(m_traces.empty() ? tr("No runs yet")
                                              : tr("%n run(s) shown; the last took %1", nullptr, int(m_traces.size()))
                                                    .arg(secondsText(m_traces.back().totalMs())));
    update();
}

void TimelineView::setSelectedRow(int row)
{
    if (row == m_selectedRow)
        return;
    m_selectedRow = row;
    update();
}

qint64 TimelineView::longestMs() const
{
    qint64 longest = 1;
    for (const RunTrace &trace : m_traces)
        longest = std::max({longest, trace.totalMs(), trace.idealMs()});
    return longest;
}

qint64 TimelineView::tickStepMs(qreal plotWidth) const
{
    const qint64 longest = longestMs();
    // The finest round step whose labels still fit side by side, with a label's width to spare between them.
    const QFontMetricsF metrics(font());
    for (qint64 step : tickSteps) {
        const qint64 end = (longest + step - 1) / step * step;
        const qreal spacing = plotWidth * qreal(step) / qreal(end);
        const qreal label = metrics.horizontalAdvance(tickLabel(end, step));
        if (longest / step < maxTicks && spacing >= label * labelSpacing)
            return step;
    }
    return tickSteps.back();
}

qint64 TimelineView::axisEndMs() const
{
    return geometry().axisEndMs;
}

TimelineView::Geometry TimelineView::geometry() const
{
    const QFontMetricsF metrics(font());
    const qreal line = metrics.height();
    qreal gutter = 0;
    for (RunTrace::Lane lane : lanes)
        gutter = std::max(gutter, metrics.horizontalAdvance(RunTrace::laneName(lane)));
    gutter += 2 * gutterPadding;

    Geometry g;
    g.titleHeight = line * titleLines;
    g.laneHeight = line * laneLines;
    g.runHeight = g.titleHeight + RunTrace::laneCount * g.laneHeight + line * runGapLines;
    const qreal plotHeight = std::max(0.0, height() - line * axisLines);
    g.plot = QRectF(gutter, 0, std::max(1.0, width() - gutter - plotRightMargin), plotHeight);
    // The axis once per layout: every position drawn or hit-tested reads it.
    g.tickStepMs = tickStepMs(g.plot.width());
    g.axisEndMs = (longestMs() + g.tickStepMs - 1) / g.tickStepMs * g.tickStepMs;
    return g;
}

qreal TimelineView::xFor(qint64 ms, const Geometry &g) const
{
    return g.plot.left() + g.plot.width() * qreal(ms) / qreal(g.axisEndMs);
}

QRectF TimelineView::laneRect(int runSlot, RunTrace::Lane lane, const Geometry &g) const
{
    const qreal top = g.plot.top() + runSlot * g.runHeight + g.titleHeight + int(lane) * g.laneHeight;
    return QRectF(g.plot.left(), top, g.plot.width(), g.laneHeight);
}

QSize TimelineView::sizeHint() const
{
    const qreal line = QFontMetricsF(font()).height();
    const qreal run = line * (titleLines + RunTrace::laneCount * laneLines + runGapLines);
    return QSizeF(line * 40, run * maxRuns + line * axisLines).toSize();
}

QSize TimelineView::minimumSizeHint() const
{
    const qreal line = QFontMetricsF(font()).height();
    const qreal run = line * (titleLines + RunTrace::laneCount * laneLines + runGapLines);
    return QSizeF(line * 20, run + line * axisLines).toSize();
}

QColor TimelineView::laneColor(RunTrace::Lane lane) const
{
    switch (lane) {
    case RunTrace::Lane::Preheat:
        return taskColor(TaskId::Preheat, palette());
    case RunTrace::Lane::Mix:
        return taskColor(TaskId::Mix, palette());
    case RunTrace::Lane::Loop:
        break;
    }
    return readableColor(QColor(blockedRgb), palette(), graphicContrast);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (m_traces.empty()) {
        drawEmptyHint(painter);
        return;
    }
    const Geometry g = geometry();
    drawLaneLabels(painter, g);
    for (int slot = 0; slot < int(m_traces.size()); ++slot)
        drawRun(painter, slot, g);
    drawAxis(painter, g);
}

void TimelineView::drawEmptyHint(QPainter &painter) const
{
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Bake to draw the timeline: a lane for each task and one for the event loop."));
}

void TimelineView::drawLaneLabels(QPainter &painter, const Geometry &g) const
{
    painter.save();
    for (int slot = 0; slot < int(m_traces.size()); ++slot) {
        for (RunTrace::Lane lane : lanes) {
            const QRectF band = laneRect(slot, lane, g);
            const QRectF label(gutterPadding, band.top(), g.plot.left() - 2 * gutterPadding, band.height());
            painter.setPen(lane == RunTrace::Lane::Loop ? palette().color(QPalette::Text) : laneColor(lane));
            painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, RunTrace::laneName(lane));
        }
    }
    painter.restore();
}

void TimelineView::drawRun(QPainter &painter, int slot, const Geometry &g) const
{
    const RunTrace &trace = m_traces[std::size_t(slot)];
    const QRectF first = laneRect(slot, RunTrace::Lane::Preheat, g);
    const QRectF last = laneRect(slot, RunTrace::Lane::Loop, g);
    const QRectF lanesArea(first.topLeft(), last.bottomRight());
    painter.save();

    // The title: which run, and how long it took against the analogy's promise.
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::Text));
    // Short enough for a projector: the mode, the total against the ideal; the recipe is in the log's header.
    const QString timing = trace.isFinished()
        ? tr("%1 · ideal %2").arg(secondsText(trace.totalMs()), secondsText(trace.idealMs()))
        : tr("baking… %1 · ideal %2").arg(secondsText(trace.totalMs()), secondsText(trace.idealMs()));
    const QString title = tr("Run %1 · %2 · %3").arg(trace.run() + 1).arg(bakeModeTitle(trace.mode()), timing)
        + (trace.isCancelled() ? tr(" · cancelled") : QString());
    const QRectF titleRect(g.plot.left(), first.top() - g.titleHeight, g.plot.width(), g.titleHeight);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(bold).elidedText(title, Qt::ElideRight, titleRect.width()));
    painter.setFont(font());

    // Lane bands, alternating faintly so the eye can follow a lane across.
    for (RunTrace::Lane lane : lanes) {
        const QRectF band = laneRect(slot, lane, g);
        painter.fillRect(band,
                         int(lane) % 2 ? palette().color(QPalette::AlternateBase) : palette().color(QPalette::Base));
    }

    // Waits: hatched, in the task's colour.
    for (const RunTrace::Span &wait : trace.waits()) {
        const QRectF band = laneRect(slot, wait.lane, g);
        const QRectF bar(QPointF(xFor(wait.startMs, g), band.top() + band.height() * waitInset),
                         QPointF(xFor(wait.endMs, g), band.bottom() - band.height() * waitInset));
        const QColor color = laneColor(wait.lane);
        QColor fill = color;
        fill.setAlpha(waitFillAlpha);
        painter.fillRect(bar, fill);
        painter.fillRect(bar, QBrush(color, Qt::BDiagPattern));
        painter.setPen(QPen(color, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(bar);
    }

    // Steps a task held its thread through (a trap): solid, in the task's colour.
    for (const RunTrace::Span &run : trace.runs()) {
        const QRectF band = laneRect(slot, run.lane, g);
        const QRectF bar(QPointF(xFor(run.startMs, g), band.top() + band.height() * waitInset),
                         QPointF(xFor(run.endMs, g), band.bottom() - band.height() * waitInset));
        painter.fillRect(bar, laneColor(run.lane));
    }

    // The loop's blocks: solid red, with the length written in when it fits.
    const QColor blocked = laneColor(RunTrace::Lane::Loop);
    for (const RunTrace::Span &block : trace.blocks()) {
        const QRectF band = laneRect(slot, RunTrace::Lane::Loop, g);
        const QRectF bar(QPointF(xFor(block.startMs, g), band.top() + band.height() * waitInset),
                         QPointF(std::max(xFor(block.endMs, g), xFor(block.startMs, g) + 1),
                                 band.bottom() - band.height() * waitInset));
        painter.fillRect(bar, blocked);
        const QString text = tr("blocked %1").arg(secondsText(block.endMs - block.startMs));
        if (QFontMetricsF(font()).horizontalAdvance(text) + 8 < bar.width()) {
            painter.setPen(relativeLuminance(blocked) > 0.4 ? Qt::black : Qt::white);
            painter.drawText(bar, Qt::AlignCenter, text);
        }
    }

    // Reports: a solid tick across the task's lane, the selected one bolder with a playhead through every lane.
    for (const RunTrace::Mark &mark : trace.marks()) {
        const QRectF band = laneRect(slot, RunTrace::laneOf(mark.task), g);
        const qreal x = xFor(mark.timeMs, g);
        const bool selected = mark.row == m_selectedRow;
        const qreal w = selected ? 2 * markWidth : markWidth;
        painter.fillRect(QRectF(x - w / 2, band.top() + 1, w, band.height() - 2),
                         laneColor(RunTrace::laneOf(mark.task)));
        if (selected) {
            painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
            painter.drawLine(QPointF(x, lanesArea.top()), QPointF(x, lanesArea.bottom()));
        }
    }

    // The ideal total, dashed, so a late finish is seen against it.
    painter.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
    const qreal ideal = xFor(trace.idealMs(), g);
    painter.drawLine(QPointF(ideal, lanesArea.top()), QPointF(ideal, lanesArea.bottom()));
    if (!trace.isFinished()) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 1));
        const qreal now = xFor(trace.totalMs(), g);
        painter.drawLine(QPointF(now, lanesArea.top()), QPointF(now, lanesArea.bottom()));
    }
    painter.restore();
}

void TimelineView::drawAxis(QPainter &painter, const Geometry &g) const
{
    const QFontMetricsF metrics(font());
    const qreal top = g.plot.top() + int(m_traces.size()) * g.runHeight;
    painter.save();
    painter.setPen(palette().color(QPalette::Text));
    painter.drawLine(QPointF(g.plot.left(), top), QPointF(g.plot.right(), top));
    const qint64 step = g.tickStepMs;
    const qint64 end = g.axisEndMs;
    for (qint64 ms = 0; ms <= end; ms += step) {
        const qreal x = xFor(ms, g);
        painter.drawLine(QPointF(x, top), QPointF(x, top + metrics.height() * 0.3));
        const QString label = tickLabel(ms, step);
        const qreal w = metrics.horizontalAdvance(label);
        painter.drawText(QRectF(x - w / 2 - 1, top + metrics.height() * 0.3, w + 2, metrics.height()), Qt::AlignCenter,
                         label);
    }
    painter.restore();
}

QPointF TimelineView::markPosition(int row) const
{
    const Geometry g = geometry();
    for (int slot = 0; slot < int(m_traces.size()); ++slot) {
        for (const RunTrace::Mark &mark : m_traces[std::size_t(slot)].marks()) {
            if (mark.row == row)
                return {xFor(mark.timeMs, g), laneRect(slot, RunTrace::laneOf(mark.task), g).center().y()};
        }
    }
    return {};
}

int TimelineView::rowAt(const QPointF &position) const
{
    const Geometry g = geometry();
    int best = -1;
    qreal bestDistance = hitSlop;
    for (int slot = 0; slot < int(m_traces.size()); ++slot) {
        for (const RunTrace::Mark &mark : m_traces[std::size_t(slot)].marks()) {
            const QRectF band = laneRect(slot, RunTrace::laneOf(mark.task), g);
            if (position.y() < band.top() || position.y() > band.bottom())
                continue;
            const qreal distance = std::abs(position.x() - xFor(mark.timeMs, g));
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = mark.row;
            }
        }
    }
    return best;
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position());
    if (event->button() == Qt::LeftButton && row >= 0) {
        Q_EMIT rowClicked(row);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const int row = rowAt(help->pos());
    if (row >= 0 && m_log && row < m_log->rowCount()) {
        QToolTip::showText(help->globalPos(), m_log->line(row), this);
        return true;
    }
    // Over a block, say how long the loop could not answer.
    const Geometry g = geometry();
    for (int slot = 0; slot < int(m_traces.size()); ++slot) {
        const QRectF band = laneRect(slot, RunTrace::Lane::Loop, g);
        if (!band.contains(help->pos()))
            continue;
        for (const RunTrace::Span &block : m_traces[std::size_t(slot)].blocks()) {
            if (help->pos().x() >= xFor(block.startMs, g) - 1 && help->pos().x() <= xFor(block.endMs, g) + 1) {
                QToolTip::showText(help->globalPos(),
                                   tr("The event loop could not answer for %1 ms").arg(block.endMs - block.startMs),
                                   this);
                return true;
            }
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}
