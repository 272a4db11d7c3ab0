// SPDX-License-Identifier: MIT
#include "cakegridview.h"

#include "bakedriver.h"
#include "taskpalette.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPaintEvent>
#include <QTimer>
#include <QtMath>
#include <QToolTip>

#include <algorithm>

namespace {

// The grid around the tiles, in pixels.
constexpr int outerMargin = 8;
constexpr int gridToSummary = 8;
// A tile is as large as the widget allows for the cakes drawn, between these sides in pixels.
constexpr int largestTile = 96;
constexpr int smallestTile = 16;
constexpr int tileSideHint = 40;
constexpr int columnsHint = 14; // 14 by 8 holds the hundred tiles in a wide, short panel
constexpr int columnsAtMinimum = 10;
constexpr int smallestGap = 3;
constexpr int gapPerTile = 10; // the gap is a tenth of a tile, so the grid looks the same at every size

// The summary: a bold headline, then a line per task, a little larger than the window's text for a projector.
constexpr int summaryLines = 3;
constexpr qreal summaryFontScale = 1.3;
constexpr qreal summaryLineSpacing = 1.3;

// Each tile is drawn on a logical canvas of this side and scaled to fit, so no pixel arithmetic below.
constexpr qreal tileCanvas = 100.0;

// Signal colours for the two end states, as the big task views use them; lightened on a dark theme
// just enough to stay visible (WCAG's 3:1 for graphical objects).
const QColor doneSignal(0x23, 0x82, 0x3f);
const QColor cancelledSignal(0xc6, 0x2f, 0x2f);
constexpr double signalContrast = 3.0;

// How a task's colour shows its state: dimmed while it waits, grey before its start and after a cancel.
constexpr qreal waitingDim = 0.45;
constexpr qreal inactiveFade = 0.45;
// The unlit part of the arc and of the pips: the task's colour, faintly.
constexpr qreal trackFade = 0.72;
constexpr qreal cardBorderFade = 0.8;
constexpr qreal placeholderFade = 0.4;

constexpr quint8 nibbleBits = 4;
constexpr quint8 lowNibble = 0x0f;

QColor blend(const QColor &from, const QColor &to, qreal amount)
{
    const qreal t = qBound(0.0, amount, 1.0);
    const auto mix = [t](float a, float b) { return a + (b - a) * t; };
    return QColor::fromRgbF(mix(from.redF(), to.redF()), mix(from.greenF(), to.greenF()), mix(from.blueF(), to.blueF()),
                            mix(from.alphaF(), to.alphaF()));
}

quint8 packedStates(const Kitchen &kitchen)
{
    return quint8(quint8(kitchen.state(TaskId::Preheat)) << nibbleBits | quint8(kitchen.state(TaskId::Mix)));
}

TaskState preheatOf(quint8 packed)
{
    return TaskState(packed >> nibbleBits);
}

TaskState mixOf(quint8 packed)
{
    return TaskState(packed & lowNibble);
}

/// Where a cake stands as a whole, which decides its tile's border and mark.
enum class CakeStanding { NotStarted, Baking, Done, Cancelled };

CakeStanding standingOf(const Kitchen &kitchen)
{
    const TaskState oven = kitchen.state(TaskId::Preheat);
    const TaskState mixing = kitchen.state(TaskId::Mix);
    if (oven == TaskState::Cancelled || mixing == TaskState::Cancelled)
        return CakeStanding::Cancelled;
    if (oven == TaskState::Done && mixing == TaskState::Done)
        return CakeStanding::Done;
    if (oven == TaskState::NotStarted && mixing == TaskState::NotStarted)
        return CakeStanding::NotStarted;
    return CakeStanding::Baking;
}

QString stateWord(TaskState state)
{
    // The words of the big task views' captions, so the grid and the gauges say the same.
    switch (state) {
    case TaskState::NotStarted:
        return CakeGridView::tr("not started");
    case TaskState::Running:
        return CakeGridView::tr("reporting");
    case TaskState::Waiting:
        return CakeGridView::tr("waiting");
    case TaskState::Done:
        return CakeGridView::tr("done");
    case TaskState::Cancelled:
        return CakeGridView::tr("cancelled");
    }
    Q_UNREACHABLE();
    return {};
}

int gapFor(int tileSide)
{
    return std::max(smallestGap, tileSide / gapPerTile);
}

/// How far the oven has come from its start toward the target, 0 to 1.
qreal ovenProgress(const Oven &oven)
{
    const int span = oven.targetTemperature() - Oven::startTemperature;
    if (span <= 0)
        return oven.state() == TaskState::Done ? 1.0 : 0.0;
    return qBound(0.0, qreal(oven.temperature() - Oven::startTemperature) / span, 1.0);
}

} // namespace

CakeGridView::CakeGridView(QWidget *parent)
    : QWidget(parent)
    , m_summaryRefresh(new QTimer(this))
{
    m_summaryRefresh->setSingleShot(true);
    m_summaryRefresh->setInterval(summaryRefreshMs);
    connect(m_summaryRefresh, &QTimer::timeout, this, &CakeGridView::refreshSummary);

    setAccessibleName(tr("Cakes"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
    refreshSummary();
}

CakeGridView::~CakeGridView() = default;

void CakeGridView::setCakes(const BakeDriver *driver)
{
    disconnect(m_driverGone);
    m_driver = driver;
    if (driver)
        m_driverGone = connect(driver, &QObject::destroyed, this, &CakeGridView::clear);
    recount();
}

void CakeGridView::clear()
{
    disconnect(m_driverGone);
    m_driver = nullptr;
    recount();
}

void CakeGridView::recount()
{
    const int cakes = m_driver ? m_driver->cakeCount() : 0;
    m_lastSeen.assign(std::size_t(cakes), 0);
    m_lastSeen.shrink_to_fit(); // a million cakes, then ten: give the megabyte back
    m_counts = {};
    for (int cake = 0; cake < cakes; ++cake) {
        const quint8 seen = packedStates(m_driver->kitchen(cake));
        m_lastSeen[std::size_t(cake)] = seen;
        ++m_counts[std::size_t(TaskId::Preheat)][std::size_t(preheatOf(seen))];
        ++m_counts[std::size_t(TaskId::Mix)][std::size_t(mixOf(seen))];
    }
    m_summaryRefresh->stop();
    refreshSummary();
    update();
}

void CakeGridView::cakeChanged(int cake)
{
    if (!m_driver)
        return;
    if (m_driver->cakeCount() != cakeCount()) {
        recount(); // a new bake the owner did not announce with setCakes()
        return;
    }
    if (cake < 0 || cake >= cakeCount())
        return;

    const quint8 now = packedStates(m_driver->kitchen(cake));
    quint8 &seen = m_lastSeen[std::size_t(cake)];
    if (now != seen) {
        auto &oven = m_counts[std::size_t(TaskId::Preheat)];
        auto &mixing = m_counts[std::size_t(TaskId::Mix)];
        --oven[std::size_t(preheatOf(seen))];
        ++oven[std::size_t(preheatOf(now))];
        --mixing[std::size_t(mixOf(seen))];
        ++mixing[std::size_t(mixOf(now))];
        seen = now;
        scheduleSummaryRefresh();
    }
    // A tile changes with every report, not only with its states: the arc grows, a pip fills.
    if (cake < drawnCount())
        update(tileRect(cake));
}

int CakeGridView::drawnCount() const
{
    return std::min(maxDrawnCakes, cakeCount());
}

int CakeGridView::count(TaskId task, TaskState state) const
{
    return m_counts[std::size_t(task)][std::size_t(state)];
}

void CakeGridView::scheduleSummaryRefresh()
{
    // Coalesces a burst of changes: the first one arms the timer, the rest ride along.
    if (!m_summaryRefresh->isActive())
        m_summaryRefresh->start();
}

void CakeGridView::refreshSummary()
{
    const QString summary = summaryText();
    if (summary != accessibleDescription())
        setAccessibleDescription(summary);
    update(summaryRect());
}

QString CakeGridView::number(int value) const
{
    // Grouped even in the C locale: "10,000" reads at a glance on a projector, "10000" does not.
    QLocale numbers = locale();
    numbers.setNumberOptions(numbers.numberOptions() & ~QLocale::OmitGroupSeparator);
    return numbers.toString(value);
}

QString CakeGridView::cakesText() const
{
    const int cakes = cakeCount();
    if (cakes == 0)
        return tr("No cakes");
    return cakes == 1 ? tr("1 cake") : tr("%1 cakes").arg(number(cakes));
}

QString CakeGridView::shownText() const
{
    return cakeCount() > drawnCount() ? tr("showing the first %1").arg(number(drawnCount())) : QString();
}

QString CakeGridView::headlineText() const
{
    const QString shown = shownText();
    return shown.isEmpty() ? cakesText() : cakesText() + QStringLiteral(" · ") + shown;
}

QString CakeGridView::taskSummary(TaskId task, bool named) const
{
    QStringList parts;
    for (int state = 0; state < stateCount; ++state) {
        const int cakes = m_counts[std::size_t(task)][std::size_t(state)];
        if (cakes > 0)
            parts << tr("%1 %2").arg(number(cakes), stateWord(TaskState(state)));
    }
    const QString counts = parts.join(QStringLiteral(", "));
    if (!named)
        return counts;
    return (task == TaskId::Preheat ? tr("oven: %1") : tr("mixing: %1")).arg(counts);
}

QString CakeGridView::summaryText() const
{
    if (cakeCount() == 0)
        return cakesText();
    QStringList parts{cakesText(), taskSummary(TaskId::Preheat, true), taskSummary(TaskId::Mix, true)};
    if (const QString shown = shownText(); !shown.isEmpty())
        parts << shown;
    return parts.join(QStringLiteral(" · "));
}

QString CakeGridView::cakeText(int cake) const
{
    if (!m_driver || cake < 0 || cake >= std::min(cakeCount(), m_driver->cakeCount()))
        return {};
    const Kitchen &kitchen = m_driver->kitchen(cake);
    const Oven &oven = kitchen.oven();
    const Bowl &bowl = kitchen.bowl();
    return tr("Cake %1: oven %2 °F of %3 °F, %4 · mixing %5 of %6, %7")
        .arg(number(cake + 1))
        .arg(oven.temperature())
        .arg(oven.targetTemperature())
        .arg(stateWord(oven.state()))
        .arg(bowl.mixesDone())
        .arg(bowl.mixCount())
        .arg(stateWord(bowl.state()));
}

QFont CakeGridView::summaryFont(bool headline) const
{
    QFont summary = font();
    if (summary.pointSizeF() > 0)
        summary.setPointSizeF(summary.pointSizeF() * summaryFontScale);
    else
        summary.setPixelSize(qRound(summary.pixelSize() * summaryFontScale));
    summary.setBold(headline);
    return summary;
}

qreal CakeGridView::summaryLineHeight() const
{
    if (m_lineHeight < 0)
        m_lineHeight = QFontMetricsF(summaryFont(true)).height() * summaryLineSpacing;
    return m_lineHeight;
}

QRect CakeGridView::summaryRect() const
{
    const int height = qCeil(summaryLines * summaryLineHeight());
    return QRect(outerMargin, this->height() - outerMargin - height, width() - 2 * outerMargin, height);
}

void CakeGridView::invalidateLayout()
{
    m_gridTiles = -1;
    m_lineHeight = -1;
}

const CakeGridView::Grid &CakeGridView::grid() const
{
    const int tiles = drawnCount();
    if (m_gridTiles == tiles && m_gridSize == size())
        return m_grid;
    m_gridTiles = tiles;
    m_gridSize = size();

    Grid &grid = m_grid;
    grid.area
        = QRect(outerMargin, outerMargin, width() - 2 * outerMargin, summaryRect().top() - gridToSummary - outerMargin);
    // The largest tile at which every drawn cake fits; below the smallest, the grid is cut at the bottom.
    int side = largestTile;
    for (; side > smallestTile; --side) {
        const int gap = gapFor(side);
        const int columns = std::max(1, (grid.area.width() + gap) / (side + gap));
        const int rows = (tiles + columns - 1) / columns;
        if (rows * (side + gap) - gap <= grid.area.height())
            break;
    }
    grid.side = side;
    grid.gap = gapFor(side);
    const int fitting = std::max(1, (grid.area.width() + grid.gap) / (side + grid.gap));
    grid.columns = std::clamp(tiles, 1, fitting);
    return grid;
}

QRect CakeGridView::tileRect(int cake) const
{
    if (cake < 0 || cake >= drawnCount())
        return {};
    const Grid &layout = grid();
    const int pitch = layout.side + layout.gap;
    const int gridWidth = layout.columns * pitch - layout.gap;
    const int left = layout.area.left() + std::max(0, (layout.area.width() - gridWidth) / 2);
    return QRect(left + cake % layout.columns * pitch, layout.area.top() + cake / layout.columns * pitch, layout.side,
                 layout.side);
}

int CakeGridView::cakeAt(const QPoint &point) const
{
    const Grid &layout = grid();
    const int pitch = layout.side + layout.gap;
    const QRect first = tileRect(0);
    if (first.isEmpty() || point.x() < first.left() || point.y() < first.top())
        return -1;
    const int column = (point.x() - first.left()) / pitch;
    const int row = (point.y() - first.top()) / pitch;
    const int cake = row * layout.columns + column;
    return column < layout.columns && tileRect(cake).contains(point) ? cake : -1;
}

QSize CakeGridView::sizeHint() const
{
    const int pitch = tileSideHint + gapFor(tileSideHint);
    const int rows = (maxDrawnCakes + columnsHint - 1) / columnsHint;
    return {columnsHint * pitch - gapFor(tileSideHint) + 2 * outerMargin,
            rows * pitch - gapFor(tileSideHint) + gridToSummary + summaryRect().height() + 2 * outerMargin};
}

QSize CakeGridView::minimumSizeHint() const
{
    const int pitch = smallestTile + gapFor(smallestTile);
    const int rows = (maxDrawnCakes + columnsAtMinimum - 1) / columnsAtMinimum;
    const int grid = columnsAtMinimum * pitch - gapFor(smallestTile);
    return {grid + 2 * outerMargin,
            rows * pitch - gapFor(smallestTile) + gridToSummary + summaryRect().height() + 2 * outerMargin};
}

bool CakeGridView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int cake = cakeAt(help->pos());
        if (cake >= 0)
            QToolTip::showText(help->globalPos(), cakeText(cake), this, tileRect(cake));
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void CakeGridView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::LocaleChange:
    case QEvent::PaletteChange:
        invalidateLayout(); // the summary's height follows the font
        refreshSummary();
        update();
        break;
    default:
        break;
    }
}

void CakeGridView::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(event->rect(), palette().color(QPalette::Window));
    if (!m_driver || cakeCount() == 0) {
        drawPlaceholder(&painter);
        return;
    }
    // The driver may have begun a bake with fewer cakes since the view last heard from it.
    const int tiles = std::min(drawnCount(), m_driver->cakeCount());
    for (int cake = 0; cake < tiles; ++cake) {
        const QRect tile = tileRect(cake);
        if (event->region().intersects(tile))
            drawTile(&painter, tile, m_driver->kitchen(cake));
    }
    if (event->region().intersects(summaryRect()))
        drawSummary(&painter);
}

QColor CakeGridView::stateColor(TaskId task, TaskState state) const
{
    const QColor colour = taskColor(task, palette());
    const QColor base = palette().color(QPalette::Base);
    switch (state) {
    case TaskState::Waiting:
        return blend(colour, base, waitingDim);
    case TaskState::NotStarted:
    case TaskState::Cancelled: {
        const int grey = qGray(colour.rgb());
        return blend(QColor(grey, grey, grey), base, inactiveFade);
    }
    case TaskState::Running:
    case TaskState::Done:
        break;
    }
    return colour;
}

void CakeGridView::drawTile(QPainter *painter, const QRect &rect, const Kitchen &kitchen) const
{
    painter->save();
    painter->translate(rect.topLeft());
    painter->scale(rect.width() / tileCanvas, rect.height() / tileCanvas);
    drawTileCard(painter, kitchen);
    drawOvenArc(painter, kitchen);
    drawMixingPips(painter, kitchen);
    drawTileGlyph(painter, kitchen);
    painter->restore();
}

void CakeGridView::drawTileCard(QPainter *painter, const Kitchen &kitchen) const
{
    static constexpr qreal cornerRadius = 14.0;
    static constexpr qreal plainBorder = 3.0;
    static constexpr qreal signalBorder = 7.0;

    const QColor base = palette().color(QPalette::Base);
    QPen border(blend(palette().color(QPalette::Text), base, cardBorderFade), plainBorder);
    switch (standingOf(kitchen)) {
    case CakeStanding::Done:
        border = QPen(readableColor(doneSignal, palette(), signalContrast), signalBorder);
        break;
    case CakeStanding::Cancelled:
        border = QPen(readableColor(cancelledSignal, palette(), signalContrast), signalBorder);
        break;
    case CakeStanding::NotStarted:
    case CakeStanding::Baking:
        break;
    }
    const qreal inset = border.widthF() / 2;
    painter->setPen(border);
    painter->setBrush(base);
    painter->drawRoundedRect(QRectF(0, 0, tileCanvas, tileCanvas).adjusted(inset, inset, -inset, -inset), cornerRadius,
                             cornerRadius);
}

void CakeGridView::drawOvenArc(QPainter *painter, const Kitchen &kitchen) const
{
    // A 270° arc open at the bottom, as on the big oven gauge, lit from its start toward the target.
    static const QPointF centre(50, 40);
    static constexpr qreal radius = 26.0;
    static constexpr qreal penWidth = 12.0;
    static constexpr int sixteenths = 16;
    static constexpr int startAngle = 225 * sixteenths; // Qt counts counter-clockwise from three o'clock
    static constexpr int sweep = -270 * sixteenths;

    const Oven &oven = kitchen.oven();
    const QColor lit = stateColor(TaskId::Preheat, oven.state());
    const QRectF bounds(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);

    painter->setBrush(Qt::NoBrush);
    painter->setPen(
        QPen(blend(lit, palette().color(QPalette::Base), trackFade), penWidth, Qt::SolidLine, Qt::RoundCap));
    painter->drawArc(bounds, startAngle, sweep);
    const int litSweep = qRound(sweep * ovenProgress(oven));
    if (litSweep == 0)
        return;
    painter->setPen(QPen(lit, penWidth, Qt::SolidLine, Qt::RoundCap));
    painter->drawArc(bounds, startAngle, litSweep);
}

void CakeGridView::drawMixingPips(QPainter *painter, const Kitchen &kitchen) const
{
    // One pip per mix while they are few enough to count; past that a bar that fills.
    static constexpr int mostPips = 8;
    static const QRectF row(16, 74, 68, 14);
    static constexpr qreal pipGap = 4.0;
    static constexpr qreal pipRadius = 4.0;

    const Bowl &bowl = kitchen.bowl();
    const QColor done = stateColor(TaskId::Mix, bowl.state());
    const QColor track = blend(done, palette().color(QPalette::Base), trackFade);
    painter->setPen(Qt::NoPen);

    const int pips = bowl.mixCount();
    if (pips > 0 && pips <= mostPips) {
        const qreal pipWidth = (row.width() - (pips - 1) * pipGap) / pips;
        for (int pip = 0; pip < pips; ++pip) {
            painter->setBrush(pip < bowl.mixesDone() ? done : track);
            painter->drawRoundedRect(QRectF(row.left() + pip * (pipWidth + pipGap), row.top(), pipWidth, row.height()),
                                     pipRadius, pipRadius);
        }
        return;
    }
    const qreal filled
        = pips > 0 ? qBound(0.0, qreal(bowl.mixesDone()) / pips, 1.0) : (bowl.state() == TaskState::Done ? 1.0 : 0.0);
    painter->setBrush(track);
    painter->drawRoundedRect(row, pipRadius, pipRadius);
    if (filled <= 0.0)
        return;
    painter->setBrush(done);
    painter->drawRoundedRect(QRectF(row.topLeft(), QSizeF(row.width() * filled, row.height())), pipRadius, pipRadius);
}

void CakeGridView::drawTileGlyph(QPainter *painter, const Kitchen &kitchen) const
{
    // In the arc's opening: a tick for a cake that is done, a cross for one that was cancelled.
    static const QPointF tick[3] = {{38, 41}, {47, 50}, {63, 31}};
    static const QLineF cross[2] = {{41, 31, 59, 49}, {59, 31, 41, 49}};
    static constexpr qreal strokeWidth = 9.0;

    const CakeStanding standing = standingOf(kitchen);
    if (standing != CakeStanding::Done && standing != CakeStanding::Cancelled)
        return;
    const QColor ink
        = readableColor(standing == CakeStanding::Done ? doneSignal : cancelledSignal, palette(), signalContrast);
    painter->setPen(QPen(ink, strokeWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    if (standing == CakeStanding::Done)
        painter->drawPolyline(tick, 3);
    else
        painter->drawLines(cross, 2);
}

void CakeGridView::drawSummary(QPainter *painter) const
{
    const QRectF area = summaryRect();
    const qreal line = summaryLineHeight();
    painter->setFont(summaryFont(true));
    painter->setPen(palette().color(QPalette::WindowText));
    const QRectF headline(area.left(), area.top(), area.width(), line);
    painter->drawText(headline, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(painter->font()).elidedText(headlineText(), Qt::ElideRight, headline.width()));

    drawSummaryLine(painter, QRectF(area.left(), area.top() + line, area.width(), line),
                    taskColor(TaskId::Preheat, palette()), tr("Oven: %1").arg(taskSummary(TaskId::Preheat, false)));
    drawSummaryLine(painter, QRectF(area.left(), area.top() + 2 * line, area.width(), line),
                    taskColor(TaskId::Mix, palette()), tr("Mixing: %1").arg(taskSummary(TaskId::Mix, false)));
}

void CakeGridView::drawSummaryLine(QPainter *painter, const QRectF &line, const QColor &swatch,
                                   const QString &text) const
{
    // A swatch in the task's colour, so the line doubles as the legend of the tiles.
    static constexpr qreal swatchEms = 0.8;
    static constexpr qreal swatchGapEms = 0.5;
    static constexpr qreal swatchRadiusEms = 0.2;

    const QFont font = summaryFont(false);
    const QFontMetricsF metrics(font);
    const qreal em = metrics.height();
    const qreal side = em * swatchEms;
    painter->setPen(Qt::NoPen);
    painter->setBrush(swatch);
    painter->drawRoundedRect(QRectF(line.left(), line.center().y() - side / 2, side, side), em * swatchRadiusEms,
                             em * swatchRadiusEms);

    const QRectF textRect = line.adjusted(side + em * swatchGapEms, 0, 0, 0);
    painter->setFont(font);
    painter->setPen(palette().color(QPalette::WindowText));
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(text, Qt::ElideRight, textRect.width()));
}

void CakeGridView::drawPlaceholder(QPainter *painter) const
{
    const QColor text = palette().color(QPalette::WindowText);
    painter->setFont(summaryFont(false));
    painter->setPen(blend(text, palette().color(QPalette::Window), placeholderFade));
    painter->drawText(rect(), Qt::AlignCenter, tr("No cakes yet: start a bake to see them here"));
}
