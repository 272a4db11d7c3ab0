// SPDX-License-Identifier: MIT
#pragma once

#include "runtrace.h"

#include <QWidget>

#include <vector>

class BakeLogModel;

/**
 * The last few runs drawn one above the other on a shared time axis: for each
 * run a lane per task and one for the thread the event loop runs on. A task's
 * waits are hatched bars in its colour, each report a solid tick; the loop's
 * lane turns red where the loop was blocked. A sync run of 6 s above an async
 * run of 3 s shows the difference at a glance.
 *
 * It draws the traces it is given and forwards clicks as log rows; the log
 * model is read only for the tooltips' text.
 */
class TimelineView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    /// How many runs stay stacked; older ones scroll out of the timeline (not out of the log).
    static constexpr int maxRuns = 3;

    explicit TimelineView(QWidget *parent = nullptr);

    /// The log the tooltips read their lines from; not owned.
    void setLog(const BakeLogModel *log) { m_log = log; }
    /// The runs to draw, oldest first; only the last maxRuns are kept.
    void setTraces(std::vector<RunTrace> traces);
    const std::vector<RunTrace> &traces() const { return m_traces; }

    /// The log row shown as selected, with a playhead at its moment; -1 for none.
    void setSelectedRow(int row);
    int selectedRow() const { return m_selectedRow; }

    /// The log row of the report drawn nearest @p position, within a few pixels; -1 if none.
    int rowAt(const QPointF &position) const;
    /// Where the report of @p row is drawn, for tests and tooltips; a null point if it is not drawn.
    QPointF markPosition(int row) const;
    /// The axis length in ms: the longest total or ideal of the runs shown, rounded up to a whole tick.
    qint64 axisEndMs() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The user clicked the report of log row @p row.
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry {
        QRectF plot; ///< where time runs, left to right
        qreal runHeight;
        qreal titleHeight;
        qreal laneHeight;
        qint64 tickStepMs; ///< between two labelled ticks of the axis
        qint64 axisEndMs; ///< the time at the plot's right edge
    };
    Geometry geometry() const;
    qreal xFor(qint64 ms, const Geometry &g) const;
    QRectF laneRect(int runSlot, RunTrace::Lane lane, const Geometry &g) const;
    /// The longest total or ideal of the runs shown.
    qint64 longestMs() const;
    /// The finest round tick step whose labels fit side by side in @p plotWidth.
    qint64 tickStepMs(qreal plotWidth) const;

    void drawLaneLabels(QPainter &painter, const Geometry &g) const;
    void drawRun(QPainter &painter, int slot, const Geometry &g) const;
    void drawAxis(QPainter &painter, const Geometry &g) const;
    void drawEmptyHint(QPainter &painter) const;
    QColor laneColor(RunTrace::Lane lane) const;

    const BakeLogModel *m_log = nullptr;
    std::vector<RunTrace> m_traces;
    int m_selectedRow = -1;
};
