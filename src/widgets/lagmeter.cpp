// SPDX-License-Identifier: MIT
#include "lagmeter.h"

#include "taskpalette.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <array>

namespace {

// The linear part (0 to slowLagMs) takes this share of the bar; the log part the rest.
constexpr qreal linearShare = 0.5;

// Meter ballistics: a stall arrives as one late heartbeat, so hold it, then let it fall.
constexpr qint64 peakHoldMs = 600;
constexpr qreal fallPerSecond = 0.8; // bar lengths per second: a full bar empties in about 1.2 s
constexpr int releaseFrameMs = 16;

// Zone colours, before readableColor() adapts them to the palette.
constexpr QRgb okRgb = 0x16a34a; // green
constexpr QRgb slowRgb = 0xd97706; // amber
constexpr QRgb frozenRgb = 0xdc2626; // red
// Graphics (bars, arrows) need 3:1 against the background (WCAG non-text contrast).
constexpr double graphicContrast = 3.0;
constexpr int zoneTintAlpha = 45; // the zones show faintly on the empty track

// Vertical rhythm, in lines of the font, so presentation mode's larger font scales the meter.
// The text sits at the top of its row; the rest leaves room for the maximum's notch above the bar.
constexpr qreal textRowLines = 1.7;
constexpr qreal minBarLines = 0.9;
constexpr qreal maxBarLines = 1.6;
constexpr qreal labelRowLines = 1.15;
constexpr qreal labelScale = 0.85; // scale labels are secondary, but must still read from the back
constexpr qreal preferredWidthEms = 16;
constexpr qreal minimumWidthEms = 11;

struct ScaleMark {
    qint64 ms;
    const char *label;
    bool major; ///< the thresholds the colours change at
};
constexpr std::array<ScaleMark, 5> scaleMarks{{
    {0, "0", false},
    {LagMeter::okLagMs, "50", true},
    {LagMeter::slowLagMs, "100 ms", true},
    {1000, "1 s", false},
    {LagMeter::scaleEndMs, "10 s", false},
}};

QFont labelFont(const QFont &base)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * labelScale);
    else
        font.setPixelSize(qMax(1, qRound(font.pixelSize() * labelScale)));
    return font;
}

} // namespace

LagMeter::LagMeter(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Event loop lag"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_releaseTimer.setSingleShot(true);
    connect(&m_releaseTimer, &QTimer::timeout, this, &LagMeter::releaseStep);
    updateDescription();
}

qreal LagMeter::scalePosition(qint64 lagMs)
{
    if (lagMs <= 0)
        return 0;
    if (lagMs <= slowLagMs)
        return linearShare * qreal(lagMs) / slowLagMs;
    const qreal decades = std::log10(qreal(lagMs) / slowLagMs) / std::log10(qreal(scaleEndMs) / slowLagMs);
    return std::min(1.0, linearShare + (1.0 - linearShare) * decades);
}

QString LagMeter::text() const
{
    return tr("now %1 ms · max %2 ms").arg(m_currentMs).arg(m_maxMs);
}

void LagMeter::setLag(qint64 currentMs)
{
    currentMs = std::max<qint64>(0, currentMs);
    if (currentMs == m_currentMs && currentMs <= m_maxMs)
        return;
    m_currentMs = currentMs;
    m_maxMs = std::max(m_maxMs, currentMs);
    if (scalePosition(currentMs) >= displayedPosition()) {
        m_peakMs = currentMs;
        m_sincePeak.start();
    } else {
        scheduleRelease();
    }
    updateDescription();
    update();
}

void LagMeter::resetMaximum()
{
    setMaximum(m_currentMs);
}

void LagMeter::setMaximum(qint64 maxMs)
{
    m_maxMs = std::max<qint64>(0, maxMs);
    updateDescription();
    update();
}

qreal LagMeter::displayedPosition() const
{
    const qreal now = scalePosition(m_currentMs);
    // Only a stall is held: a lag in the green is the jitter of a free loop, and the bar simply follows it.
    if (!m_sincePeak.isValid() || m_peakMs < okLagMs)
        return now;
    const qint64 falling = std::max<qint64>(0, m_sincePeak.elapsed() - peakHoldMs);
    return std::max(now, scalePosition(m_peakMs) - fallPerSecond * qreal(falling) / 1000.0);
}

void LagMeter::releaseStep()
{
    update();
    scheduleRelease();
}

void LagMeter::scheduleRelease()
{
    // A free loop's lag jitters by a millisecond: holding and redrawing its fall 60 times a second was most of
    // what an idle window cost. Nothing to animate either when the bar stands within a pixel of the lag.
    const qreal barWidth = layout().bar.width();
    const qreal pixel = barWidth > 0 ? 1.0 / barWidth : 1.0;
    if (displayedPosition() - scalePosition(m_currentMs) < pixel) {
        m_releaseTimer.stop();
        return;
    }
    // While the peak is held the bar stands still: sleep through the hold instead of redrawing it unchanged.
    const qint64 holdLeft = m_sincePeak.isValid() ? peakHoldMs - m_sincePeak.elapsed() : 0;
    m_releaseTimer.start(int(std::max<qint64>(releaseFrameMs, holdLeft)));
}

void LagMeter::updateDescription()
{
    setAccessibleDescription(tr("Current lag %1 ms, largest stall %2 ms").arg(m_currentMs).arg(m_maxMs));
    setToolTip(tr("How late the event loop answers its heartbeat.\nNow: %1 ms. Largest stall: %2 ms.")
                   .arg(m_currentMs)
                   .arg(m_maxMs));
}

void LagMeter::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

QSize LagMeter::sizeHint() const
{
    const qreal line = QFontMetricsF(font()).height();
    const qreal labelLine = QFontMetricsF(labelFont(font())).height();
    return QSizeF(line * preferredWidthEms, line * (textRowLines + maxBarLines) + labelLine * labelRowLines).toSize();
}

QSize LagMeter::minimumSizeHint() const
{
    const qreal line = QFontMetricsF(font()).height();
    const qreal labelLine = QFontMetricsF(labelFont(font())).height();
    return QSizeF(line * minimumWidthEms, line * (textRowLines + minBarLines) + labelLine * labelRowLines).toSize();
}

LagMeter::Layout LagMeter::layout() const
{
    const QFontMetricsF metrics(font());
    const QFontMetricsF labelMetrics(labelFont(font()));
    const qreal line = metrics.height();
    const qreal textHeight = line * textRowLines;
    const qreal labelHeight = labelMetrics.height() * labelRowLines;
    const qreal barHeight = std::clamp(height() - textHeight - labelHeight, line * minBarLines, line * maxBarLines);
    const qreal top = std::max(0.0, (height() - textHeight - barHeight - labelHeight) / 2);

    // Room at the ends so the first and last labels are not clipped and the overflow arrow fits.
    const qreal leftInset = labelMetrics.horizontalAdvance(QLatin1String(scaleMarks.front().label)) / 2 + 1;
    const qreal rightInset
        = std::max(labelMetrics.horizontalAdvance(QLatin1String(scaleMarks.back().label)) / 2, barHeight * 0.6) + 1;
    const qreal barWidth = std::max(0.0, width() - leftInset - rightInset);
    return {
        QRectF(leftInset, top, barWidth, textHeight),
        QRectF(leftInset, top + textHeight, barWidth, barHeight),
        QRectF(0, top + textHeight + barHeight, width(), labelHeight),
    };
}

QColor LagMeter::zoneColor(qint64 lagMs) const
{
    const QRgb rgb = lagMs < okLagMs ? okRgb : lagMs <= slowLagMs ? slowRgb : frozenRgb;
    return readableColor(QColor(rgb), palette(), graphicContrast);
}

QColor LagMeter::zoneColorAt(qreal position) const
{
    if (position < scalePosition(okLagMs))
        return zoneColor(0);
    return zoneColor(position <= scalePosition(slowLagMs) ? slowLagMs : scaleEndMs);
}

void LagMeter::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Layout parts = layout();
    drawText(painter, parts.text);
    drawTrack(painter, parts.bar);
    drawBar(painter, parts.bar);
    drawMarks(painter, parts.bar, parts.labels);
    drawMaximum(painter, parts.bar);
    drawOverflow(painter, parts.bar);
}

void LagMeter::drawText(QPainter &painter, const QRectF &rect) const
{
    // "now 2 ms · max 3012 ms" with the numbers bold and the maximum in its zone's colour,
    // so the figure that matters after a freeze is the one the eye lands on.
    QFont plain = font();
    QFont bold = font();
    bold.setBold(true);
    const QColor text = palette().color(QPalette::WindowText);
    struct Run {
        QString text;
        const QFont *font;
        QColor color;
    };
    const std::array<Run, 4> runs{{
        {tr("now "), &plain, text},
        {tr("%1 ms").arg(m_currentMs), &bold, text},
        {tr(" · max "), &plain, text},
        {tr("%1 ms").arg(m_maxMs), &bold, m_maxMs > okLagMs ? zoneColor(m_maxMs) : text},
    }};

    painter.save();
    qreal x = rect.left();
    for (const Run &run : runs) {
        painter.setFont(*run.font);
        painter.setPen(run.color);
        const qreal advance = QFontMetricsF(*run.font).horizontalAdvance(run.text);
        painter.drawText(QRectF(x, rect.top(), advance + 1, rect.height()), Qt::AlignLeft | Qt::AlignTop, run.text);
        x += advance;
    }
    painter.restore();
}

void LagMeter::drawTrack(QPainter &painter, const QRectF &bar) const
{
    const qreal radius = bar.height() / 4;
    QPainterPath track;
    track.addRoundedRect(bar, radius, radius);

    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawPath(track);
    painter.setClipPath(track);
    // Faint zone bands, so the empty meter already says where green ends and red begins.
    const std::array<std::pair<qint64, qint64>, 3> zones{{{0, okLagMs}, {okLagMs, slowLagMs}, {slowLagMs, scaleEndMs}}};
    for (const auto &[from, to] : zones) {
        // Coloured by its middle: at the edges zoneColor() belongs to the band below (50 ms is amber, 100 ms too).
        QColor tint = zoneColor((from + to) / 2);
        tint.setAlpha(zoneTintAlpha);
        const qreal left = bar.left() + bar.width() * scalePosition(from);
        const qreal right = bar.left() + bar.width() * scalePosition(to);
        painter.fillRect(QRectF(left, bar.top(), right - left, bar.height()), tint);
    }
    painter.restore();

    painter.save();
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(track);
    painter.restore();
}

void LagMeter::drawBar(QPainter &painter, const QRectF &bar) const
{
    const qreal position = displayedPosition();
    if (position <= 0)
        return;
    // The bar takes the colour of the lag it shows, so a falling red bar turns amber, then green.
    const QColor fill = zoneColorAt(position);
    const qreal radius = bar.height() / 4;
    const qreal inset = 1; // inside the track's outline
    QPainterPath track;
    track.addRoundedRect(bar.adjusted(inset, inset, -inset, -inset), radius, radius);

    painter.save();
    painter.setClipPath(track);
    painter.fillRect(QRectF(bar.left(), bar.top(), bar.width() * position, bar.height()), fill);
    painter.restore();
}

void LagMeter::drawMarks(QPainter &painter, const QRectF &bar, const QRectF &labels) const
{
    static const qreal markOverhang = 3; // marks poke out of the bar so they read over a full bar
    const QColor ink = palette().color(QPalette::WindowText);
    const QFont labelsFont = labelFont(font());
    const QFontMetricsF metrics(labelsFont);

    painter.save();
    painter.setFont(labelsFont);
    for (const ScaleMark &mark : scaleMarks) {
        const qreal x = bar.left() + bar.width() * scalePosition(mark.ms);
        if (mark.ms > 0 && mark.ms < scaleEndMs) {
            painter.setPen(QPen(ink, mark.major ? 2 : 1));
            painter.drawLine(QPointF(x, bar.top() - (mark.major ? markOverhang : 0)),
                             QPointF(x, bar.bottom() + markOverhang));
        }
        const QString label = QLatin1String(mark.label);
        const qreal labelWidth = metrics.horizontalAdvance(label);
        QFont markFont = labelsFont;
        markFont.setBold(mark.major);
        painter.setFont(markFont);
        painter.setPen(ink);
        painter.drawText(QRectF(x - labelWidth, labels.top(), 2 * labelWidth, labels.height()),
                         Qt::AlignHCenter | Qt::AlignBottom, label);
    }
    painter.restore();
}

void LagMeter::drawMaximum(QPainter &painter, const QRectF &bar) const
{
    if (m_maxMs <= 0)
        return;
    // A bold line with a notch above: the largest stall stays in view after the bar has fallen.
    const qreal x = bar.left() + bar.width() * scalePosition(m_maxMs);
    const qreal notch = bar.height() / 3;
    const QColor ink = palette().color(QPalette::WindowText);

    painter.save();
    painter.setPen(QPen(ink, 3, Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(QPointF(x, bar.top()), QPointF(x, bar.bottom()));
    painter.setPen(QPen(palette().color(QPalette::Window), 1));
    painter.setBrush(ink);
    const QPolygonF marker{QPointF(x - notch, bar.top() - notch), QPointF(x + notch, bar.top() - notch),
                           QPointF(x, bar.top())};
    painter.drawPolygon(marker);
    painter.restore();
}

void LagMeter::drawOverflow(QPainter &painter, const QRectF &bar) const
{
    if (m_maxMs <= scaleEndMs)
        return;
    // Past the end of the scale: an arrow says "more than this"; the number is in the text.
    const qreal arrow = bar.height() * 0.5;
    const qreal gap = 2;
    const QPolygonF head{QPointF(bar.right() + gap, bar.center().y() - arrow),
                         QPointF(bar.right() + gap + arrow, bar.center().y()),
                         QPointF(bar.right() + gap, bar.center().y() + arrow)};
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(zoneColor(m_maxMs));
    painter.drawPolygon(head);
    painter.restore();
}
