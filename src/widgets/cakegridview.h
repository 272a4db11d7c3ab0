// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <vector>

class BakeDriver;
class Kitchen;
class QTimer;

/**
 * Many cakes baking at once: a grid of small tiles, one per cake for the
 * first maxDrawnCakes cakes, each a tiny oven arc (temperature toward the
 * target, in the oven's colour) over a row of mixing pips (mixes done of the
 * mix count, in the mixing colour), dimmed while a task waits, greyed before
 * it starts, ticked in green once the cake is done and crossed in red when it
 * was cancelled. Under the grid a summary counts the cakes in each state over
 * all of them, not only the ones drawn.
 *
 * It reads the kitchens where the driver keeps them and copies none: the
 * tiles are painted straight from BakeDriver::kitchen(). The driver's signal
 * names only the cake, not the states it left, so for the summary the view
 * keeps one byte per cake, the pair of states it last saw, and running counts
 * per task and state; cakeChanged() reads that one cake's kitchen and moves
 * its counts, so a change costs the same with ten cakes or a million (and a
 * million cakes cost one megabyte here). A tile's change only marks its
 * rectangle dirty and the summary's text is redrawn at most every
 * summaryRefreshMs, so a burst of changes costs the event loop one paint.
 *
 * It leaves the bake to the driver and the wiring to its owner, who passes
 * the driver with setCakes() and each change with cakeChanged(). At a
 * million cakes the signal per change costs more than the view's work; an
 * owner may then call setCakes() on a timer instead, a full recount (a few
 * milliseconds for a million cakes) between the driver's bursts.
 */
class CakeGridView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CakeGridView)

public:
    /// Tiles beyond this many would be too small to read; the summary speaks for the rest.
    static constexpr int maxDrawnCakes = 100;
    /// The summary's text and accessible description are refreshed at most this often during a bake.
    static constexpr int summaryRefreshMs = 100;

    explicit CakeGridView(QWidget *parent = nullptr);
    ~CakeGridView() override;

    /**
     * Shows the cakes of @p driver, which the view reads but does not own; if
     * the driver is destroyed first the view clears itself. Reads every
     * kitchen once to count their states; call it again when the driver
     * starts a new bake (on its started() signal). nullptr clears the view.
     */
    void setCakes(const BakeDriver *driver);
    /// Shows no cakes and forgets the driver.
    void clear();

    /// How many cakes the driver has, all counted in the summary.
    int cakeCount() const { return int(m_lastSeen.size()); }
    /// How many of them have a tile: the first maxDrawnCakes.
    int drawnCount() const;
    /// How many cakes' @p task is in @p state now; the counts of a task add up to cakeCount().
    int count(TaskId task, TaskState state) const;

    /// The summary in one line, e.g. "10,000 cakes · oven: 2,113 waiting, 7,887 done · mixing: 10,000 waiting ·
    /// showing the first 100"; numbers grouped by the widget's locale().
    QString summaryText() const;
    /// One cake in words, as its tooltip says it: "Cake 3: oven 300 °F of 400 °F, waiting · mixing 2 of 3, waiting".
    QString cakeText(int cake) const;

    /// Where the tile of @p cake is drawn; empty when it has none.
    QRect tileRect(int cake) const;
    /// The cake whose tile is under @p point, or -1.
    int cakeAt(const QPoint &point) const;
    /// How many tiles fit across the current width.
    int columnCount() const { return grid().columns; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    /// @p cake's kitchen changed (BakeDriver::kitchenChanged): its counts move, its tile, if it has one, repaints.
    void cakeChanged(int cake);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    /// Reads every kitchen again: a new bake, or the driver's cake count changed behind the view's back.
    void recount();
    void scheduleSummaryRefresh();
    void refreshSummary();
    /// The grid laid out for the widget's size, the cakes drawn and the font; laid out again when one changed.
    struct Grid {
        QRect area;
        int side = 0;
        int gap = 0;
        int columns = 1;
    };
    const Grid &grid() const;
    /// Forgets the grid and the summary's line height, after a change of font.
    void invalidateLayout();

    QRect summaryRect() const;
    QFont summaryFont(bool headline) const;
    qreal summaryLineHeight() const;
    /// "10,000 cakes", "1 cake", "No cakes".
    QString cakesText() const;
    /// "showing the first 100" when not every cake has a tile; else empty.
    QString shownText() const;
    QString headlineText() const;
    /// "oven: 2,113 waiting, 7,887 done" without the task's name when @p named is false.
    QString taskSummary(TaskId task, bool named) const;
    QString number(int value) const;

    void drawTile(QPainter *painter, const QRect &rect, const Kitchen &kitchen) const;
    void drawTileCard(QPainter *painter, const Kitchen &kitchen) const;
    void drawOvenArc(QPainter *painter, const Kitchen &kitchen) const;
    void drawMixingPips(QPainter *painter, const Kitchen &kitchen) const;
    void drawTileGlyph(QPainter *painter, const Kitchen &kitchen) const;
    void drawSummary(QPainter *painter) const;
    void drawSummaryLine(QPainter *painter, const QRectF &line, const QColor &swatch, const QString &text) const;
    void drawPlaceholder(QPainter *painter) const;
    /// The task's colour as its state shows it: dimmed while waiting, greyed before the start and after a cancel.
    QColor stateColor(TaskId task, TaskState state) const;

    static constexpr int stateCount = int(TaskState::Cancelled) + 1;
    using StateCounts = std::array<int, stateCount>;

    QPointer<const BakeDriver> m_driver;
    /// The states each cake had when last seen, preheat in the high nibble and mixing in the low one.
    std::vector<quint8> m_lastSeen;
    std::array<StateCounts, 2> m_counts{};
    QTimer *m_summaryRefresh = nullptr;
    QMetaObject::Connection m_driverGone;

    // Laid out lazily: a hidden widget gets no resize event, yet its tiles have a place.
    mutable Grid m_grid;
    mutable QSize m_gridSize;
    mutable int m_gridTiles = -1;
    mutable qreal m_lineHeight = -1;
};
