// SPDX-License-Identifier: MIT
#include "ovengauge.h"

#include <QConicalGradient>
#include <QPainter>
#include <QVariantAnimation>

#include <cmath>
#include <iterator>

namespace {

// The dial, in the canvas's logical units: a 270° arc open at the bottom, where the readout sits.
const QPointF dialCentre(0, -14);
constexpr qreal arcRadius = 56.0;
constexpr qreal arcWidth = 9.0;
constexpr qreal startRotation = -135.0; // degrees clockwise from twelve o'clock, at the bottom of the scale
constexpr qreal sweepDegrees = 270.0;

// The ramp along the arc is semantic, not themed: everyone reads blue as cold and red as hot.
const QColor coldColor(0x2f, 0x80, 0xed);
const QColor warmColor(0xf5, 0xa6, 0x23);
const QColor hotColor(0xe0, 0x3b, 0x24);

constexpr int scaleStep = 100; // the analogy's step: every report is 100 °F hotter
constexpr int highestTarget = 100000; // keeps the scale's arithmetic far from overflow
constexpr int maximumLabels = 6;

/// Qt's arcs count counter-clockwise from three o'clock; the needle's rotation clockwise from twelve.
qreal qtAngle(qreal rotation)
{
    return 90.0 - rotation;
}

QPointF pointAt(qreal rotation, qreal radius)
{
    const qreal radians = qDegreesToRadians(rotation);
    return dialCentre + QPointF(radius * std::sin(radians), -radius * std::cos(radians));
}

} // namespace

OvenGauge::OvenGauge(QWidget *parent)
    : TaskView(TaskId::Preheat, parent)
    , m_glide(new QVariantAnimation(this))
{
    m_glide->setEasingCurve(QEasingCurve::InOutCubic);
    connect(m_glide, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_needle = value.toReal();
        update();
    });

    setAccessibleName(tr("Oven"));
    refreshAccessibleDescription();
}

void OvenGauge::setTargetTemperature(int fahrenheit)
{
    m_target = qBound(0, fahrenheit, highestTarget);
    refreshAccessibleDescription();
    update();
}

void OvenGauge::setTemperature(int fahrenheit, bool animated)
{
    m_temperature = fahrenheit;
    m_glide->stop();
    if (animated && m_glideMs > 0 && !qFuzzyCompare(m_needle, qreal(fahrenheit))) {
        m_glide->setStartValue(m_needle);
        m_glide->setEndValue(qreal(fahrenheit));
        m_glide->setDuration(m_glideMs);
        m_glide->start();
    } else {
        m_needle = fahrenheit;
    }
    refreshAccessibleDescription();
    update();
}

void OvenGauge::setGlideDurationMs(int ms)
{
    m_glideMs = qMax(0, ms);
}

int OvenGauge::scaleTop() const
{
    const int aboveTarget = m_target + scaleStep;
    const int roundedUp = (aboveTarget + scaleStep - 1) / scaleStep * scaleStep;
    return qMax(minimumScaleTop, roundedUp);
}

int OvenGauge::labelStep() const
{
    static constexpr int niceSteps[] = {100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 25000, 50000};
    const int span = scaleTop() - roomTemperature;
    for (const int step : niceSteps) {
        if (span / step < maximumLabels)
            return step;
    }
    return niceSteps[std::size(niceSteps) - 1];
}

qreal OvenGauge::rotationFor(qreal fahrenheit) const
{
    const qreal fraction = (fahrenheit - roomTemperature) / qreal(scaleTop() - roomTemperature);
    return startRotation + sweepDegrees * qBound(0.0, fraction, 1.0);
}

QSize OvenGauge::sizeHint() const
{
    return {300, 264};
}

QSize OvenGauge::minimumSizeHint() const
{
    return {200, 176};
}

QString OvenGauge::readoutText() const
{
    return tr("%1 °F").arg(m_temperature);
}

QString OvenGauge::valueDescription() const
{
    return tr("%1 °F, target %2 °F").arg(m_temperature).arg(m_target);
}

void OvenGauge::drawPicture(QPainter *painter) const
{
    drawArc(painter);
    drawTicks(painter);
    drawTargetMarker(painter);
    drawTargetLabel(painter);
    drawNeedle(painter);
}

void OvenGauge::drawArc(QPainter *painter) const
{
    // The track shows the whole ramp faintly, so the viewer sees where "hot" is before the oven gets there.
    static constexpr qreal trackAlpha = 0.22;
    static constexpr int sixteenths = 16;
    // Past both ends of the arc the ramp must keep the colour of the nearer end, for the round caps.
    static constexpr qreal coldEnd = 0.75;
    static constexpr qreal bottomGapMiddle = 0.875;
    static constexpr qreal hardEdge = 0.001;

    QConicalGradient ramp(dialCentre, qtAngle(startRotation + sweepDegrees));
    ramp.setColorAt(0.0, pictureColor(hotColor));
    ramp.setColorAt(coldEnd / 2, pictureColor(warmColor));
    ramp.setColorAt(coldEnd, pictureColor(coldColor));
    ramp.setColorAt(bottomGapMiddle, pictureColor(coldColor));
    ramp.setColorAt(bottomGapMiddle + hardEdge, pictureColor(hotColor));
    ramp.setColorAt(1.0, pictureColor(hotColor));

    const QRectF arcBounds(dialCentre.x() - arcRadius, dialCentre.y() - arcRadius, 2 * arcRadius, 2 * arcRadius);
    const int start = qRound(qtAngle(startRotation) * sixteenths);

    painter->setBrush(Qt::NoBrush);
    painter->save();
    painter->setOpacity(trackAlpha);
    painter->setPen(QPen(QBrush(ramp), arcWidth, Qt::SolidLine, Qt::RoundCap));
    painter->drawArc(arcBounds, start, -qRound(sweepDegrees * sixteenths));
    painter->restore();

    const qreal litDegrees = rotationFor(m_needle) - startRotation;
    painter->setPen(QPen(QBrush(ramp), arcWidth, Qt::SolidLine, Qt::RoundCap));
    painter->drawArc(arcBounds, start, -qRound(litDegrees * sixteenths));
}

void OvenGauge::drawTicks(QPainter *painter) const
{
    static constexpr qreal tickOuter = 48.5;
    static constexpr qreal majorTickInner = 43.0;
    static constexpr qreal minorTickInner = 46.0;
    static constexpr qreal majorTickWidth = 1.6;
    static constexpr qreal minorTickWidth = 0.9;
    static constexpr qreal minorSoftness = 0.35;
    static constexpr int minorPerLabel = 5;
    static constexpr qreal labelRadius = 33.5;
    static constexpr int labelPixelSize = 9;
    static constexpr qreal labelBox = 24.0;

    const int step = labelStep();
    const int minorStep = step / minorPerLabel;
    const int top = scaleTop();
    const QColor text = palette().color(QPalette::Text);
    const QPen majorPen(pictureColor(text), majorTickWidth, Qt::SolidLine, Qt::RoundCap);
    const QPen minorPen(pictureColor(blend(text, palette().color(QPalette::Base), minorSoftness)), minorTickWidth,
                        Qt::SolidLine, Qt::RoundCap);

    QFont labelFont = font();
    labelFont.setPixelSize(labelPixelSize);
    painter->setFont(labelFont);

    const int firstTick = (roomTemperature + minorStep - 1) / minorStep * minorStep;
    for (int fahrenheit = firstTick; fahrenheit <= top; fahrenheit += minorStep) {
        const bool major = fahrenheit % step == 0;
        const qreal rotation = rotationFor(fahrenheit);
        painter->setPen(major ? majorPen : minorPen);
        painter->drawLine(pointAt(rotation, major ? majorTickInner : minorTickInner), pointAt(rotation, tickOuter));
        if (major) {
            const QPointF centre = pointAt(rotation, labelRadius);
            const QRectF box(centre.x() - labelBox / 2, centre.y() - labelBox / 2, labelBox, labelBox);
            painter->drawText(box, Qt::AlignCenter, QString::number(fahrenheit));
        }
    }
}

void OvenGauge::drawTargetMarker(QPainter *painter) const
{
    // A notch across the arc and a pointer outside it, both in the text colour so they stand out on any ramp.
    static const QPointF pointer[3] = {{0, -arcRadius - 5.5}, {-4.5, -arcRadius - 12.5}, {4.5, -arcRadius - 12.5}};
    static constexpr qreal notchInner = arcRadius - arcWidth / 2 - 1.0;
    static constexpr qreal notchOuter = arcRadius + arcWidth / 2 + 1.0;
    static constexpr qreal notchWidth = 2.0;

    const QColor ink = pictureColor(palette().color(QPalette::Text));
    painter->save();
    painter->translate(dialCentre);
    painter->rotate(rotationFor(m_target));
    painter->setPen(QPen(ink, notchWidth, Qt::SolidLine, Qt::FlatCap));
    painter->drawLine(QPointF(0, -notchInner), QPointF(0, -notchOuter));
    painter->setPen(Qt::NoPen);
    painter->setBrush(ink);
    painter->drawConvexPolygon(pointer, 3);
    painter->restore();
}

void OvenGauge::drawTargetLabel(QPainter *painter) const
{
    static constexpr int labelPixelSize = 8;
    static const QRectF labelRect(-40, 12, 80, 12);

    QFont labelFont = font();
    labelFont.setPixelSize(labelPixelSize);
    painter->setFont(labelFont);
    painter->setPen(pictureColor(palette().color(QPalette::Text)));
    painter->drawText(labelRect, Qt::AlignCenter, tr("target %1 °F").arg(m_target));
}

void OvenGauge::drawNeedle(QPainter *painter) const
{
    static const QPointF needle[5] = {{0, -47}, {2.6, 1.5}, {1.5, 10}, {-1.5, 10}, {-2.6, 1.5}};
    static constexpr qreal hubRadius = 5.5;
    static constexpr qreal hubDotRadius = 2.2;

    const QColor ink = pictureColor(palette().color(QPalette::Text));
    painter->save();
    painter->translate(dialCentre);
    painter->rotate(rotationFor(m_needle));
    painter->setPen(Qt::NoPen);
    painter->setBrush(ink);
    painter->drawConvexPolygon(needle, 5);
    painter->restore();

    painter->setPen(Qt::NoPen);
    painter->setBrush(ink);
    painter->drawEllipse(dialCentre, hubRadius, hubRadius);
    painter->setBrush(pictureColor(taskColor()));
    painter->drawEllipse(dialCentre, hubDotRadius, hubDotRadius);
}
