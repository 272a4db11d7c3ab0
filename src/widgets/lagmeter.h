// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

/**
 * Shows how late the event loop answers, as LoopMonitor::heartbeat() reports
 * it: a horizontal bar for the current lag with a marker at the largest stall
 * so far, and the two numbers as text ("now 2 ms · max 3012 ms").
 *
 * The scale is linear up to 100 ms, where the eye judges "smooth" against
 * "sluggish", and logarithmic beyond, so a 6 s freeze still fits; anything past
 * the end of the scale pins the bar with an overflow arrow. Zones: green under
 * 50 ms, amber to 100 ms, red above.
 *
 * The widget owns its numbers and a release timer: a stall is reported by a
 * single late heartbeat, so the bar falls back slowly like an audio meter's
 * instead of vanishing after one frame. It knows nothing about bakes.
 */
class LagMeter : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagMeter)

public:
    /// Lags up to this stay green: the loop answers within a few frames.
    static constexpr qint64 okLagMs = 50;
    /// Lags up to this are amber; above, the loop has visibly frozen.
    static constexpr qint64 slowLagMs = 100;
    /// The end of the scale; longer lags pin the bar and show the overflow arrow.
    static constexpr qint64 scaleEndMs = 10000;

    explicit LagMeter(QWidget *parent = nullptr);

    qint64 currentLagMs() const { return m_currentMs; }
    qint64 maxLagMs() const { return m_maxMs; }
    /// Whether the bar is being animated down from a peak.
    bool isFalling() const { return m_releaseTimer.isActive(); }

    /// Where @p lagMs sits along the bar, 0 (none) to 1 (the end of the scale or beyond).
    static qreal scalePosition(qint64 lagMs);
    /// "now 2 ms · max 3012 ms"
    QString text() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    /// The current lag, as LoopMonitor::heartbeat() reports it; also raises the maximum.
    void setLag(qint64 currentMs);
    void resetMaximum();
    /// Shows @p maxMs as the largest stall, the figure a finished bake measured.
    void setMaximum(qint64 maxMs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout {
        QRectF text;
        QRectF bar;
        QRectF labels;
    };
    Layout layout() const;
    QColor zoneColor(qint64 lagMs) const;
    QColor zoneColorAt(qreal position) const;
    qreal displayedPosition() const;
    void releaseStep();
    /// Arms the next frame of the bar's fall, or none when the bar already stands within a pixel of the lag.
    void scheduleRelease();
    void updateDescription();

    void drawText(QPainter &painter, const QRectF &rect) const;
    void drawTrack(QPainter &painter, const QRectF &bar) const;
    void drawBar(QPainter &painter, const QRectF &bar) const;
    void drawMarks(QPainter &painter, const QRectF &bar, const QRectF &labels) const;
    void drawMaximum(QPainter &painter, const QRectF &bar) const;
    void drawOverflow(QPainter &painter, const QRectF &bar) const;

    QTimer m_releaseTimer;
    QElapsedTimer m_sincePeak; ///< started when the bar last rose; the fall is computed from it
    qint64 m_currentMs = 0;
    qint64 m_maxMs = 0;
    qint64 m_peakMs = 0; ///< the lag the falling bar started from
};
