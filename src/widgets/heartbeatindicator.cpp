// SPDX-License-Identifier: MIT
#include "heartbeatindicator.h"

#include "taskpalette.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTime>
#include <QTransform>

#include <algorithm>

namespace {

constexpr qint64 sweepPeriodMs = 1000; // one turn per second, like a seconds hand sped up
// A gap this long between frames is a stall worth pointing out; well above the
// jitter of a loaded machine, well below what a blocking bake step causes.
constexpr qint64 stallThresholdMs = 250;
constexpr qint64 stallFlashMs = 1500; // how long the red ring fades after a stall

// The analog dial is drawn in a 200 x 200 logical square centred on the origin.
constexpr qreal logicalSide = 200.0;
constexpr qreal fullTurnDegrees = 360.0;

// Rows of the clock text as a fraction of the line height: room for descenders and breathing space.
constexpr qreal clockRowLines = 1.35;
// Size hints, in lines of the widget's font, so presentation mode's larger font grows the widget.
constexpr qreal preferredDialLines = 5.0;
constexpr qreal minimumDialLines = 2.5;
constexpr int clockPaddingEms = 1;

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

HeartbeatIndicator::HeartbeatIndicator(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Event loop heartbeat"));
    setAccessibleDescription(tr("Moves while the event loop turns; stands still while it is blocked."));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);

    m_sweep.start();
    // A precise timer so the frame count is a fair measure of the loop turning, not of coarse timer slack.
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    m_frameTimer.setInterval(activeFrameMs);
    connect(&m_frameTimer, &QTimer::timeout, this, &HeartbeatIndicator::advanceFrame);
    // The timer starts when the widget is shown: a heartbeat nobody can see would only drain the battery.
}

void HeartbeatIndicator::setActive(bool active)
{
    m_active = active;
    m_frameTimer.setInterval(active ? activeFrameMs : restingFrameMs);
}

void HeartbeatIndicator::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_shown = true;
    if (QWidget *top = window(); top != this && top != m_watchedWindow) {
        if (m_watchedWindow)
            m_watchedWindow->removeEventFilter(this);
        top->installEventFilter(this);
        m_watchedWindow = top;
    }
    updateAnimation();
}

void HeartbeatIndicator::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_shown = false;
    updateAnimation();
}

void HeartbeatIndicator::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange)
        updateAnimation();
}

bool HeartbeatIndicator::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watchedWindow && event->type() == QEvent::WindowStateChange)
        updateAnimation();
    return QWidget::eventFilter(watched, event);
}

void HeartbeatIndicator::updateAnimation()
{
    const bool visible = m_shown && !window()->isMinimized();
    if (visible == m_frameTimer.isActive())
        return;
    if (visible) {
        // The time out of sight was no stall of the loop; count the next gap from now.
        m_lastFrameMs = m_sweep.elapsed();
        m_frameTimer.start();
    } else {
        m_frameTimer.stop();
    }
}

QSize HeartbeatIndicator::sizeHint() const
{
    const QFontMetricsF metrics(clockFont());
    const qreal dial = metrics.height() * preferredDialLines;
    const qreal clockWidth
        = metrics.horizontalAdvance(QStringLiteral("00:00:00.0")) + 2 * clockPaddingEms * metrics.height();
    return QSizeF(std::max(dial, clockWidth), dial + metrics.height() * clockRowLines).toSize();
}

QSize HeartbeatIndicator::minimumSizeHint() const
{
    const QFontMetricsF metrics(clockFont());
    const qreal dial = metrics.height() * minimumDialLines;
    const qreal clockWidth = metrics.horizontalAdvance(QStringLiteral("00:00:00.0"));
    return QSizeF(std::max(dial, clockWidth), dial + metrics.height() * clockRowLines).toSize();
}

void HeartbeatIndicator::advanceFrame()
{
    ++m_ticks;
    const qint64 now = m_sweep.elapsed();
    const qint64 gap = now - m_lastFrameMs;
    m_lastFrameMs = now;
    if (gap > stallThresholdMs) {
        m_lastStallMs = gap;
        m_sinceStall.start();
    }
    update();
}

QFont HeartbeatIndicator::clockFont() const
{
    QFont clock = font();
    clock.setWeight(QFont::DemiBold);
    return clock;
}

QRectF HeartbeatIndicator::clockRect() const
{
    const qreal rowHeight = QFontMetricsF(clockFont()).height() * clockRowLines;
    return QRectF(0, height() - rowHeight, width(), rowHeight);
}

QRectF HeartbeatIndicator::dialRect() const
{
    const QRectF clock = clockRect();
    const qreal side = std::max(0.0, std::min(qreal(width()), clock.top()));
    return QRectF((width() - side) / 2, (clock.top() - side) / 2, side, side);
}

QColor HeartbeatIndicator::ringColor() const
{
    const QColor calm = blend(palette().color(QPalette::Window), palette().color(QPalette::WindowText), 0.35);
    if (!m_sinceStall.isValid() || m_sinceStall.elapsed() >= stallFlashMs)
        return calm;
    const QColor alarm = readableColor(QColor(0xdc2626), palette(), 3.0);
    return blend(alarm, calm, qreal(m_sinceStall.elapsed()) / stallFlashMs);
}

void HeartbeatIndicator::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    const QRectF dial = dialRect();
    if (dial.width() > 0) {
        const qreal handDegrees = fullTurnDegrees * qreal(m_sweep.elapsed() % sweepPeriodMs) / sweepPeriodMs;
        painter.save();
        painter.translate(dial.center());
        painter.scale(dial.width() / logicalSide, dial.width() / logicalSide);
        drawFace(painter, ringColor());
        drawTrail(painter, handDegrees);
        drawTicks(painter);
        drawHand(painter, handDegrees);
        painter.restore();
    }
    drawClock(painter);
}

void HeartbeatIndicator::drawFace(QPainter &painter, const QColor &ringColor) const
{
    static const qreal faceRadius = 92;
    static const qreal ringWidth = 10;

    painter.save();
    painter.setPen(QPen(ringColor, ringWidth));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawEllipse(QPointF(0, 0), faceRadius, faceRadius);
    painter.restore();
}

void HeartbeatIndicator::drawTicks(QPainter &painter) const
{
    // Ten ticks: one per tenth of a second, the tenth the clock text shows.
    static const int tickCount = 10;
    static const qreal tickOuter = 80;
    static const qreal tickInner = 68;
    static const qreal topTickInner = 58; // the full-second mark, where each turn begins
    static const qreal tickWidth = 5;

    QColor tickColor = palette().color(QPalette::WindowText);
    painter.save();
    painter.setPen(QPen(tickColor, tickWidth, Qt::SolidLine, Qt::RoundCap));
    for (int i = 0; i < tickCount; ++i) {
        painter.drawLine(QPointF(0, -tickOuter), QPointF(0, i == 0 ? -topTickInner : -tickInner));
        painter.rotate(fullTurnDegrees / tickCount);
    }
    painter.restore();
}

void HeartbeatIndicator::drawTrail(QPainter &painter, qreal handDegrees) const
{
    // A fading wedge behind the hand: the eye reads it as motion even in a single still
    // frame, and when the loop blocks, the frozen wedge makes the stop unmistakable.
    static const qreal trailRadius = 86;
    static const qreal trailDegrees = 120;
    static const int trailAlpha = 170;
    static const int qtAngleUnits = 16; // QPainter::drawPie() counts in 1/16 degree

    // Qt's angles run counter-clockwise from 3 o'clock; the hand's run clockwise from 12.
    const qreal qtHandAngle = 90.0 - handDegrees;
    QColor head = readableColor(QColor(0x16a34a), palette(), 3.0);
    head.setAlpha(trailAlpha);
    QColor tail = head;
    tail.setAlpha(0);
    QConicalGradient gradient(QPointF(0, 0), qtHandAngle);
    gradient.setColorAt(0.0, head);
    gradient.setColorAt(trailDegrees / fullTurnDegrees, tail);
    gradient.setColorAt(1.0, tail);

    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(gradient);
    // Without antialiasing: the wedge fades to nothing at its tail and the hand covers its head, and smoothing its
    // arc ten times a second was a third of what the window cost at rest.
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QRectF bounds(-trailRadius, -trailRadius, 2 * trailRadius, 2 * trailRadius);
    painter.drawPie(bounds, int(qtHandAngle * qtAngleUnits), int(trailDegrees * qtAngleUnits));
    painter.restore();
}

void HeartbeatIndicator::drawHand(QPainter &painter, qreal handDegrees) const
{
    static const qreal handLength = 84;
    static const qreal handWidth = 9;
    static const qreal hubRadius = 12;

    const QColor handColor = palette().color(QPalette::WindowText);
    painter.save();
    painter.rotate(handDegrees);
    painter.setPen(QPen(handColor, handWidth, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(0, 0), QPointF(0, -handLength));
    painter.setPen(Qt::NoPen);
    painter.setBrush(handColor);
    painter.drawEllipse(QPointF(0, 0), hubRadius, hubRadius);
    painter.restore();
}

void HeartbeatIndicator::drawClock(QPainter &painter) const
{
    static const int tenthMs = 100;

    const QTime now = QTime::currentTime();
    const QRectF rect = clockRect();
    // Laid out again only when the second changes, and the digits and the font only when the room or the font
    // does: at rest the clock is drawn ten times a second, and laying out its whole text each time was a third of
    // what the window cost doing nothing.
    const QFont base = clockFont();
    if (rect.width() != m_clockWidth || base != m_clockBaseFont) {
        m_clockWidth = rect.width();
        m_clockBaseFont = base;
        // Shrink rather than clip when the widget is narrower than the text, measured as sizeHint() measures it.
        m_clockFont = base;
        const qreal textWidth = QFontMetricsF(base).horizontalAdvance(QStringLiteral("00:00:00.0"));
        if (textWidth > rect.width() && textWidth > 0)
            m_clockFont.setPointSizeF(base.pointSizeF() * rect.width() / textWidth);
        for (int tenth = 0; tenth < int(m_clockTenths.size()); ++tenth) {
            m_clockTenths[std::size_t(tenth)].setText(QString::number(tenth));
            m_clockTenths[std::size_t(tenth)].prepare(QTransform(), m_clockFont);
        }
        m_clockSeconds.setText(QString());
    }
    if (const QString seconds = now.toString(QStringLiteral("hh:mm:ss.")); seconds != m_clockSeconds.text()) {
        m_clockSeconds.setText(seconds);
        m_clockSeconds.prepare(QTransform(), m_clockFont);
    }
    const QStaticText &tenth = m_clockTenths[std::size_t(std::clamp(now.msec() / tenthMs, 0, 9))];
    const QSizeF secondsSize = m_clockSeconds.size();
    const qreal left = rect.center().x() - (secondsSize.width() + tenth.size().width()) / 2;
    const qreal top = rect.center().y() - secondsSize.height() / 2;

    painter.save();
    painter.setFont(m_clockFont);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawStaticText(QPointF(left, top), m_clockSeconds);
    painter.drawStaticText(QPointF(left + secondsSize.width(), top), tenth);
    painter.restore();
}
