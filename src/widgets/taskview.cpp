// SPDX-License-Identifier: MIT
#include "taskview.h"

#include "taskpalette.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QVariantAnimation>

#include <cmath>

namespace {

// Signal colours for the two end states; they fill a pill or badge under white text, so both stay dark enough
// for white to read on a projector whatever the theme.
const QColor doneFill(0x23, 0x82, 0x3f);
const QColor cancelledFill(0xc6, 0x2f, 0x2f);
const QColor onSignalFill(Qt::white);

QFont sizedFont(QFont font, int pixelSize, QFont::Weight weight)
{
    font.setPixelSize(pixelSize);
    font.setWeight(weight);
    return font;
}

} // namespace

TaskView::TaskView(TaskId task, QWidget *parent)
    : QWidget(parent)
    , m_task(task)
    , m_countdown(new QTimer(this))
    , m_glowFade(new QVariantAnimation(this))
{
    m_countdown->setInterval(countdownIntervalMs);
    connect(m_countdown, &QTimer::timeout, this, &TaskView::tickCountdown);

    m_glowFade->setStartValue(1.0);
    m_glowFade->setEndValue(0.0);
    m_glowFade->setDuration(glowFadeMs);
    m_glowFade->setEasingCurve(QEasingCurve::InQuad);
    connect(m_glowFade, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_glow = value.toReal();
        update();
    });

    // The pictures are drawn for any size; they only ask for room to breathe in a layout.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

TaskView::~TaskView() = default;

void TaskView::setTaskState(TaskState state, qint64 waitRemainingMs, bool countingDown)
{
    const TaskState previous = m_state;
    m_state = state;
    const bool waiting = state == TaskState::Waiting;
    m_waitRemainingMs = waiting ? qMax<qint64>(-1, waitRemainingMs) : -1;
    m_countingDown = waiting && countingDown;
    m_waitClock.start();
    if (m_countingDown && m_waitRemainingMs > 0)
        m_countdown->start();
    else
        m_countdown->stop();

    if (state == TaskState::Running) {
        m_glowFade->stop();
        m_glow = 1.0;
    } else if (previous == TaskState::Running) {
        m_glowFade->start();
    }

    taskStateChanged();
    refreshAccessibleDescription();
    update();
}

qint64 TaskView::waitRemainingMs() const
{
    if (m_state != TaskState::Waiting || m_waitRemainingMs < 0)
        return -1;
    if (!m_countingDown)
        return m_waitRemainingMs;
    return qMax<qint64>(0, m_waitRemainingMs - m_waitClock.elapsed());
}

bool TaskView::isCountingDown() const
{
    return m_countingDown;
}

void TaskView::setStepMs(int ms)
{
    m_stepMs = qMax(1, ms);
    update();
}

QString TaskView::stateCaption() const
{
    switch (m_state) {
    case TaskState::NotStarted:
        return tr("not started");
    case TaskState::Running:
        return tr("reporting");
    case TaskState::Waiting: {
        const qint64 remaining = waitRemainingMs();
        if (remaining < 0)
            return tr("waiting");
        // Rounded up to the tenth, as a countdown does: "0.0 s" only once the time is really over.
        constexpr qint64 msPerTenth = 100;
        const qint64 tenths = (remaining + msPerTenth - 1) / msPerTenth;
        return tr("waiting %1 s").arg(QString::number(tenths / 10.0, 'f', 1));
    }
    case TaskState::Done:
        return tr("done");
    case TaskState::Cancelled:
        return tr("cancelled");
    }
    Q_UNREACHABLE();
    return {};
}

QRectF TaskView::pictureRect()
{
    static const QRectF picture(-canvasWidth / 2 + 8, -canvasHeight / 2 + 4, canvasWidth - 16, 114);
    return picture;
}

QColor TaskView::blend(const QColor &from, const QColor &to, qreal amount)
{
    const qreal t = qBound(0.0, amount, 1.0);
    const auto mix = [t](float a, float b) { return a + (b - a) * t; };
    return QColor::fromRgbF(mix(from.redF(), to.redF()), mix(from.greenF(), to.greenF()), mix(from.blueF(), to.blueF()),
                            mix(from.alphaF(), to.alphaF()));
}

QColor TaskView::pictureColor(const QColor &color) const
{
    // Dimmed, not hidden: a waiting picture still shows its needle gliding or its whisk turning.
    static constexpr qreal waitingDim = 0.4;
    static constexpr qreal inactiveFade = 0.45;

    QColor background = palette().color(QPalette::Base);
    background.setAlpha(color.alpha());
    switch (m_state) {
    case TaskState::Waiting:
        return blend(color, background, waitingDim * (1.0 - m_glow));
    case TaskState::NotStarted:
    case TaskState::Cancelled: {
        const int grey = qGray(color.rgb());
        return blend(QColor(grey, grey, grey, color.alpha()), background, inactiveFade);
    }
    case TaskState::Running:
    case TaskState::Done:
        break;
    }
    return color;
}

QColor TaskView::taskColor() const
{
    // The shared palette, so the gauge, the bowl, the log and the timeline agree on each task's colour.
    return ::taskColor(m_task, palette());
}

QColor TaskView::textColor() const
{
    static constexpr qreal inactiveSoftening = 0.3;
    const QColor text = palette().color(QPalette::Text);
    if (m_state == TaskState::NotStarted || m_state == TaskState::Cancelled)
        return blend(text, palette().color(QPalette::Base), inactiveSoftening);
    return text;
}

void TaskView::refreshAccessibleDescription()
{
    const QString description = valueDescription() + QLatin1String(", ") + stateCaption();
    if (description != accessibleDescription())
        setAccessibleDescription(description);
}

void TaskView::tickCountdown()
{
    if (waitRemainingMs() <= 0)
        m_countdown->stop();
    refreshAccessibleDescription();
    update();
}

void TaskView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    drawCard(&painter);

    const qreal scale = qMin(width() / canvasWidth, height() / canvasHeight);
    painter.translate(width() / 2.0, height() / 2.0);
    painter.scale(scale, scale);

    drawTitle(&painter);
    painter.save();
    drawPicture(&painter);
    painter.restore();
    drawBadge(&painter);
    drawReadout(&painter);
    drawCaption(&painter);
}

void TaskView::drawCard(QPainter *painter) const
{
    // The card fills the whole widget, so it is drawn before the canvas is scaled; only its radius and border
    // follow the canvas scale.
    static constexpr qreal cornerRadius = 9.0;
    static constexpr qreal borderWidth = 1.0;
    static constexpr qreal glowBorderWidth = 3.0;
    static constexpr qreal glowTint = 0.12;
    static constexpr qreal borderSoftness = 0.78;

    const qreal scale = qMin(width() / canvasWidth, height() / canvasHeight);
    const QColor base = palette().color(QPalette::Base);
    QColor border = blend(palette().color(QPalette::Text), base, borderSoftness);
    if (m_state == TaskState::Cancelled)
        border = cancelledFill;
    border = blend(border, taskColor(), m_glow);

    const qreal penWidth = (borderWidth + glowBorderWidth * m_glow) * scale;
    const QRectF card = QRectF(rect()).adjusted(penWidth / 2, penWidth / 2, -penWidth / 2, -penWidth / 2);
    painter->setPen(QPen(border, penWidth));
    painter->setBrush(blend(base, taskColor(), glowTint * m_glow));
    painter->drawRoundedRect(card, cornerRadius * scale, cornerRadius * scale);
}

void TaskView::drawTitle(QPainter *painter) const
{
    static constexpr int titlePixelSize = 10;
    static constexpr qreal dotRadius = 3.5;
    static constexpr qreal dotGap = 4.0;
    static const QPointF dotCentre(-canvasWidth / 2 + 12, -canvasHeight / 2 + 12);

    painter->setPen(Qt::NoPen);
    painter->setBrush(pictureColor(taskColor()));
    painter->drawEllipse(dotCentre, dotRadius, dotRadius);

    painter->setFont(sizedFont(font(), titlePixelSize, QFont::DemiBold));
    painter->setPen(textColor());
    const QRectF titleRect(dotCentre.x() + dotRadius + dotGap, dotCentre.y() - titlePixelSize, canvasWidth / 2,
                           2 * titlePixelSize);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, taskName(m_task));
}

void TaskView::drawBadge(QPainter *painter) const
{
    static const QPointF centre(canvasWidth / 2 - 13, -canvasHeight / 2 + 12);
    static constexpr qreal radius = 8.5;
    static constexpr qreal markWidth = 2.2;
    static const QPointF checkMark[3] = {{-3.8, 0.2}, {-1.0, 3.2}, {4.0, -3.0}};
    static constexpr qreal crossArm = 3.2;

    if (m_state != TaskState::Done && m_state != TaskState::Cancelled)
        return;

    painter->save();
    painter->translate(centre);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_state == TaskState::Done ? doneFill : cancelledFill);
    painter->drawEllipse(QPointF(), radius, radius);

    painter->setPen(QPen(onSignalFill, markWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    if (m_state == TaskState::Done) {
        painter->drawPolyline(checkMark, 3);
    } else {
        painter->drawLine(QPointF(-crossArm, -crossArm), QPointF(crossArm, crossArm));
        painter->drawLine(QPointF(-crossArm, crossArm), QPointF(crossArm, -crossArm));
    }
    painter->restore();
}

void TaskView::drawReadout(QPainter *painter) const
{
    static constexpr int readoutPixelSize = 21;
    static const QRectF readoutRect(-canvasWidth / 2, 30, canvasWidth, 28);

    painter->setFont(sizedFont(font(), readoutPixelSize, QFont::Bold));
    painter->setPen(textColor());
    painter->drawText(readoutRect, Qt::AlignCenter, readoutText());
}

void TaskView::drawCaption(QPainter *painter) const
{
    static constexpr int captionPixelSize = 11;
    static constexpr qreal pillCentreY = 70.0;
    static constexpr qreal pillHeight = 18.0;
    static constexpr qreal pillPadding = 9.0;
    static constexpr qreal ringRadius = 5.0;
    static constexpr qreal ringGap = 5.0;
    static constexpr qreal outlineWidth = 1.4;
    static constexpr qreal quietOutline = 0.7;

    const QFont captionFont = sizedFont(font(), captionPixelSize, QFont::DemiBold);
    const QString caption = stateCaption();
    const bool withRing = m_state == TaskState::Waiting && waitRemainingMs() >= 0;
    const qreal textWidth = QFontMetricsF(captionFont).horizontalAdvance(caption);
    const qreal pillWidth = textWidth + 2 * pillPadding + (withRing ? 2 * ringRadius + ringGap : 0.0);
    const QRectF pill(-pillWidth / 2, pillCentreY - pillHeight / 2, pillWidth, pillHeight);

    // Filled pills for the moments that matter (a report, the end), outlined ones for the quiet states.
    QColor fill = Qt::transparent;
    QColor outline = blend(textColor(), palette().color(QPalette::Base), quietOutline);
    QColor ink = textColor();
    switch (m_state) {
    case TaskState::NotStarted:
        break;
    case TaskState::Waiting:
        outline = taskColor();
        break;
    case TaskState::Running:
        fill = outline = taskColor();
        ink = qGray(fill.rgb()) > 140 ? QColor(Qt::black) : QColor(Qt::white);
        break;
    case TaskState::Done:
        fill = outline = doneFill;
        ink = onSignalFill;
        break;
    case TaskState::Cancelled:
        fill = outline = cancelledFill;
        ink = onSignalFill;
        break;
    }

    painter->setPen(QPen(outline, outlineWidth));
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, pillHeight / 2, pillHeight / 2);

    QRectF textRect = pill.adjusted(pillPadding, 0, -pillPadding, 0);
    if (withRing) {
        drawCountdownRing(painter, QPointF(textRect.left() + ringRadius, pillCentreY), ringRadius);
        textRect.setLeft(textRect.left() + 2 * ringRadius + ringGap);
    }
    painter->setFont(captionFont);
    painter->setPen(ink);
    painter->drawText(textRect, Qt::AlignCenter, caption);
}

void TaskView::drawCountdownRing(QPainter *painter, const QPointF &centre, qreal radius) const
{
    static constexpr qreal ringWidth = 1.2;
    static constexpr int sixteenthsPerDegree = 16;
    static constexpr int twelveOClock = 90 * sixteenthsPerDegree;
    static constexpr int fullTurn = 360 * sixteenthsPerDegree;

    const qreal left = qBound(0.0, qreal(waitRemainingMs()) / m_stepMs, 1.0);
    const QRectF bounds(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
    painter->setPen(QPen(taskColor(), ringWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(bounds);
    // The part of the wait still to come, emptying clockwise like a kitchen timer.
    painter->setPen(Qt::NoPen);
    painter->setBrush(taskColor());
    painter->drawPie(bounds, twelveOClock, -qRound(left * fullTurn));
}
