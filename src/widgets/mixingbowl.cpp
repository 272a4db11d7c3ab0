// SPDX-License-Identifier: MIT
#include "mixingbowl.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QTimer>
#include <QVariantAnimation>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

// The bowl, in the canvas's logical units, seen a little from above: the rim is an ellipse, the batter a smaller
// one just below it.
const QRectF rimBounds(-70, -45, 140, 30);
const QRectF batterBounds(-60, -38, 120, 22);
constexpr qreal footY = 27.0;

// Food colours are semantic, not themed: batter looks like batter on any window.
const QColor smoothBatter(0xf0, 0xc6, 0x6c);
const QColor yolk(0xf6, 0xaa, 0x1c);
const QColor flour(0xfd, 0xf8, 0xec);
const QColor batterShade(0xb9, 0x82, 0x2e);

constexpr qreal fullTurn = 360.0;

} // namespace

MixingBowl::MixingBowl(QWidget *parent)
    : TaskView(TaskId::Mix, parent)
    , m_whiskTimer(new QTimer(this))
    , m_smoothing(new QVariantAnimation(this))
{
    m_whiskTimer->setInterval(whiskFrameMs);
    connect(m_whiskTimer, &QTimer::timeout, this, &MixingBowl::turnWhisk);

    m_smoothing->setDuration(smoothingMs);
    m_smoothing->setEasingCurve(QEasingCurve::OutCubic);
    connect(m_smoothing, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_smoothness = value.toReal();
        update();
    });

    setAccessibleName(tr("Mixing bowl"));
    refreshAccessibleDescription();
}

void MixingBowl::setMixCount(int count)
{
    m_count = qMax(0, count);
    setMixesDone(qMin(m_done, m_count), false);
}

void MixingBowl::setMixesDone(int done, bool animated)
{
    m_done = qBound(0, done, m_count);
    m_smoothing->stop();
    const qreal target = mixedFraction();
    if (animated && !qFuzzyCompare(1.0 + m_smoothness, 1.0 + target)) {
        m_smoothing->setStartValue(m_smoothness);
        m_smoothing->setEndValue(target);
        m_smoothing->start();
    } else {
        m_smoothness = target;
    }
    refreshAccessibleDescription();
    update();
}

qreal MixingBowl::mixedFraction() const
{
    return m_count > 0 ? qreal(m_done) / m_count : 0.0;
}

void MixingBowl::taskStateChanged()
{
    // A mix step is under way exactly while the task waits out its step live; a replayed moment stands still.
    if (taskState() == TaskState::Waiting && isCountingDown())
        m_whiskTimer->start();
    else
        m_whiskTimer->stop();
}

void MixingBowl::turnWhisk()
{
    m_whiskAngle = std::fmod(m_whiskAngle + whiskDegreesPerFrame, fullTurn);
    update();
}

QSize MixingBowl::sizeHint() const
{
    return {300, 264};
}

QSize MixingBowl::minimumSizeHint() const
{
    return {200, 176};
}

QString MixingBowl::readoutText() const
{
    return m_count == 1 ? tr("%1 / %2 mix").arg(m_done).arg(m_count) : tr("%1 / %2 mixes").arg(m_done).arg(m_count);
}

QString MixingBowl::valueDescription() const
{
    return readoutText();
}

void MixingBowl::drawPicture(QPainter *painter) const
{
    drawShadowAndFoot(painter);
    drawBowlBody(painter);
    drawBowlInside(painter);
    drawBatter(painter);
    drawWhisk(painter);
}

void MixingBowl::drawShadowAndFoot(QPainter *painter) const
{
    static const QPointF shadowCentre(0, footY + 3);
    static constexpr qreal shadowRadiusX = 52.0;
    static constexpr qreal shadowRadiusY = 5.0;
    static constexpr qreal shadowAlpha = 0.18;
    static const QRectF foot(-25, footY - 4, 50, 8);
    static constexpr int footDarkness = 150;

    QColor shadow = palette().color(QPalette::Text);
    shadow.setAlphaF(shadowAlpha);
    QRadialGradient soft(shadowCentre, shadowRadiusX);
    soft.setColorAt(0.0, shadow);
    soft.setColorAt(1.0, Qt::transparent);
    painter->save();
    painter->translate(shadowCentre);
    painter->scale(1.0, shadowRadiusY / shadowRadiusX);
    painter->translate(-shadowCentre);
    painter->setPen(Qt::NoPen);
    painter->setBrush(soft);
    painter->drawEllipse(shadowCentre, shadowRadiusX, shadowRadiusX);
    painter->restore();

    painter->setPen(Qt::NoPen);
    painter->setBrush(pictureColor(taskColor().darker(footDarkness)));
    painter->drawEllipse(foot);
}

void MixingBowl::drawBowlBody(QPainter *painter) const
{
    // The outside of the bowl: the front half of the rim, then the sides curving in to the foot.
    static const QPointF rightSide[3] = {{70, -2}, {48, footY - 1}, {24, footY}};
    static const QPointF leftSide[3] = {{-48, footY - 1}, {-70, -2}, {-70, -30}};
    static constexpr int lightSide = 135;
    static constexpr int darkSide = 135;
    static constexpr qreal highlightAt = 0.3;

    QPainterPath body;
    body.moveTo(rimBounds.left(), rimBounds.center().y());
    body.arcTo(rimBounds, 180, 180);
    body.cubicTo(rightSide[0], rightSide[1], rightSide[2]);
    body.lineTo(-rightSide[2].x(), footY);
    body.cubicTo(leftSide[0], leftSide[1], leftSide[2]);
    body.closeSubpath();

    // Light from the upper left, as on the rest of the desktop.
    const QColor glaze = taskColor();
    QLinearGradient shading(rimBounds.left(), 0, rimBounds.right(), 0);
    shading.setColorAt(0.0, pictureColor(glaze));
    shading.setColorAt(highlightAt, pictureColor(glaze.lighter(lightSide)));
    shading.setColorAt(1.0, pictureColor(glaze.darker(darkSide)));
    painter->setPen(Qt::NoPen);
    painter->setBrush(shading);
    painter->drawPath(body);
}

void MixingBowl::drawBowlInside(QPainter *painter) const
{
    static constexpr qreal insideLightness = 0.55;
    static constexpr qreal rimWidth = 2.2;
    static constexpr int rimLightness = 150;

    const QColor base = palette().color(QPalette::Base);
    QLinearGradient inside(0, rimBounds.top(), 0, rimBounds.bottom());
    inside.setColorAt(0.0, pictureColor(blend(taskColor(), base, insideLightness)));
    inside.setColorAt(1.0, pictureColor(taskColor().darker()));
    painter->setPen(QPen(pictureColor(taskColor().lighter(rimLightness)), rimWidth));
    painter->setBrush(inside);
    painter->drawEllipse(rimBounds);
}

void MixingBowl::drawBatter(QPainter *painter) const
{
    // Streaks of flour and yolk that fade as the mixes add up: an uneven colour that evens out.
    struct Streak {
        QPointF centre;
        qreal radiusX;
        qreal radiusY;
        bool isFlour;
    };
    static const std::array<Streak, 6> streaks{{
        {{-36, -30}, 18, 5, true},
        {{12, -22}, 24, 4.5, true},
        {{30, -32}, 14, 3.5, false},
        {{-10, -33}, 16, 3, false},
        {{42, -24}, 11, 3.5, true},
        {{-30, -22}, 12, 3, false},
    }};
    static constexpr qreal streakAlpha = 0.85;
    static constexpr qreal glossAlpha = 0.55;
    static constexpr qreal glossWidth = 2.0;
    static const QRectF gloss(-48, -35, 60, 12);
    static constexpr int glossStart = 110;
    static constexpr int glossSpan = 60;
    static constexpr int sixteenths = 16;

    const qreal smooth = m_smoothness;
    QPainterPath surface;
    surface.addEllipse(batterBounds);

    painter->save();
    painter->setClipPath(surface);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pictureColor(blend(yolk, smoothBatter, 0.5 + smooth / 2)));
    painter->drawPath(surface);

    for (const Streak &streak : streaks) {
        QColor colour = streak.isFlour ? flour : yolk;
        colour.setAlphaF(streakAlpha * (1.0 - smooth));
        painter->setBrush(pictureColor(colour));
        painter->drawEllipse(streak.centre, streak.radiusX, streak.radiusY);
    }

    drawSwirl(painter);
    drawLumps(painter);

    // Smooth batter shines.
    QColor shine(Qt::white);
    shine.setAlphaF(glossAlpha * smooth);
    painter->setPen(QPen(pictureColor(shine), glossWidth, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawArc(gloss, glossStart * sixteenths, glossSpan * sixteenths);
    painter->restore();
}

void MixingBowl::drawLumps(QPainter *painter) const
{
    // Lumps of flour, fixed in place so every frame agrees; they shrink to nothing as the batter gets mixed.
    struct Lump {
        QPointF centre;
        qreal radius;
    };
    static const std::array<Lump, 9> lumps{{
        {{-40, -27}, 5.5},
        {{-22, -33}, 4.0},
        {{-16, -21}, 4.8},
        {{2, -30}, 3.4},
        {{18, -34}, 4.2},
        {{24, -23}, 5.2},
        {{42, -29}, 4.0},
        {{-50, -31}, 3.0},
        {{8, -20}, 3.2},
    }};
    static constexpr qreal flattening = 0.62; // seen from above the rim, a round lump looks flattened
    static constexpr qreal shadowDrop = 1.4;
    static constexpr qreal smallestVisible = 0.4;
    static const QPointF highlightOffset(-0.35, -0.45);

    const qreal scale = 1.0 - m_smoothness;
    painter->setPen(Qt::NoPen);
    for (const Lump &lump : lumps) {
        const qreal radius = lump.radius * scale;
        if (radius < smallestVisible)
            continue;
        const qreal radiusY = radius * flattening;
        painter->setBrush(pictureColor(batterShade));
        painter->drawEllipse(lump.centre + QPointF(0, shadowDrop * scale), radius, radiusY);

        QRadialGradient body(lump.centre + QPointF(highlightOffset.x() * radius, highlightOffset.y() * radiusY),
                             radius * 1.2);
        body.setColorAt(0.0, pictureColor(Qt::white));
        body.setColorAt(0.6, pictureColor(flour));
        body.setColorAt(1.0, pictureColor(blend(flour, batterShade, 0.4)));
        painter->setBrush(body);
        painter->drawEllipse(lump.centre, radius, radiusY);
    }
}

void MixingBowl::drawSwirl(QPainter *painter) const
{
    // Rings of the whisk's wake, drawn in a circle's coordinates squashed to the batter's ellipse, so they turn
    // with the whisk.
    static constexpr std::array<qreal, 3> radii{18.0, 34.0, 50.0};
    static constexpr qreal swirlSpan = 80.0;
    static constexpr qreal swirlAlpha = 0.45;
    static constexpr qreal swirlWidth = 1.6;
    static constexpr int sixteenths = 16;

    QColor wake = batterShade;
    wake.setAlphaF(swirlAlpha);
    painter->save();
    painter->translate(batterBounds.center());
    painter->scale(1.0, batterBounds.height() / batterBounds.width());
    painter->rotate(m_whiskAngle);
    painter->setPen(QPen(pictureColor(wake), swirlWidth, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    for (std::size_t i = 0; i < radii.size(); ++i) {
        const qreal r = radii[i];
        const int start = qRound(i * fullTurn / radii.size() * sixteenths);
        painter->drawArc(QRectF(-r, -r, 2 * r, 2 * r), start, qRound(swirlSpan * sixteenths));
    }
    painter->restore();
}

void MixingBowl::drawWhisk(QPainter *painter) const
{
    // A balloon whisk: wire loops in planes through its axis. Turning it about the axis widens and narrows each
    // loop as seen from the front, which is what makes it look like it spins.
    static constexpr int wirePlanes = 4;
    static constexpr qreal balloonLength = 34.0;
    static constexpr qreal balloonWidth = 13.0;
    static constexpr qreal handleLength = 30.0;
    static constexpr qreal handleWidth = 6.0;
    static constexpr qreal collarLength = 5.0;
    static constexpr qreal collarWidth = 4.0;
    static constexpr qreal wireWidth = 1.4;
    static constexpr qreal tilt = 14.0; // degrees, leaning towards the right of the bowl
    static constexpr qreal sink = 8.0; // how deep the tip is in the batter
    static constexpr qreal orbitRadiusX = 14.0;
    static constexpr qreal orbitRadiusY = 3.0;
    static constexpr qreal orbitRatio = 0.25; // the whisk circles the bowl slower than it spins
    static constexpr qreal metalSoftness = 0.45;
    static constexpr qreal backWireFade = 0.45;
    static constexpr qreal rippleRadiusX = 8.0;
    static constexpr qreal rippleRadiusY = 2.2;
    static constexpr qreal rippleWidth = 1.2;

    const qreal orbit = qDegreesToRadians(m_whiskAngle * orbitRatio);
    const QPointF entry
        = batterBounds.center() + QPointF(orbitRadiusX * std::sin(orbit), orbitRadiusY * std::cos(orbit));
    const QColor base = palette().color(QPalette::Base);
    const QColor metal = blend(palette().color(QPalette::Text), base, metalSoftness);

    // What is under the surface is hidden by the batter.
    QPainterPath batter;
    batter.addEllipse(batterBounds);
    QPainterPath underSurface;
    underSurface.addRect(QRectF(-canvasWidth, entry.y(), 2 * canvasWidth, canvasHeight));
    QPainterPath visible;
    visible.addRect(QRectF(-canvasWidth, -canvasHeight, 2 * canvasWidth, 2 * canvasHeight));
    visible = visible.subtracted(batter.intersected(underSurface));

    painter->save();
    painter->setClipPath(visible);
    painter->translate(entry);
    painter->rotate(tilt);
    painter->translate(0, sink);

    // Back wires first, so the front ones cross over them.
    std::array<qreal, wirePlanes> phases{};
    for (int i = 0; i < wirePlanes; ++i)
        phases[i] = qDegreesToRadians(m_whiskAngle + i * fullTurn / 2 / wirePlanes);
    std::sort(phases.begin(), phases.end(), [](qreal a, qreal b) { return std::sin(a) < std::sin(b); });
    painter->setBrush(Qt::NoBrush);
    for (const qreal phase : phases) {
        const qreal halfWidth = balloonWidth * std::cos(phase);
        const qreal nearness = (1.0 + std::sin(phase)) / 2;
        QPainterPath wire;
        wire.moveTo(0, -balloonLength);
        wire.cubicTo(1.3 * halfWidth, -0.8 * balloonLength, 1.1 * halfWidth, -0.1 * balloonLength, 0, 0);
        wire.cubicTo(-1.1 * halfWidth, -0.1 * balloonLength, -1.3 * halfWidth, -0.8 * balloonLength, 0, -balloonLength);
        painter->setPen(QPen(pictureColor(blend(metal, base, backWireFade * (1.0 - nearness))), wireWidth));
        painter->drawPath(wire);
    }

    painter->setPen(Qt::NoPen);
    painter->setBrush(pictureColor(metal));
    painter->drawRoundedRect(QRectF(-collarWidth / 2, -balloonLength - collarLength, collarWidth, collarLength + 1), 1,
                             1);
    painter->setBrush(pictureColor(taskColor().darker()));
    painter->drawRoundedRect(
        QRectF(-handleWidth / 2, -balloonLength - collarLength - handleLength, handleWidth, handleLength),
        handleWidth / 2, handleWidth / 2);
    painter->restore();

    painter->setPen(QPen(pictureColor(batterShade), rippleWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(entry, rippleRadiusX, rippleRadiusY);
}
