// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

/**
 * Shows that the event loop is turning: a small dial whose hand sweeps once
 * a second and a wall clock to the tenth of a second under it. It owns the
 * ~60 Hz frame timer that drives it and the QElapsedTimer that places the
 * hand, so it moves exactly as long as its thread's loop runs and stands
 * visibly still while that loop is blocked. After a stall it briefly rings
 * the dial in red, so the jump is noticed even after the freeze is over.
 * It knows nothing about bakes.
 */
class HeartbeatIndicator : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeartbeatIndicator)

public:
    explicit HeartbeatIndicator(QWidget *parent = nullptr);

    /// Frames its own timer has advanced; stops growing while the loop is blocked.
    quint64 ticks() const { return m_ticks; }
    /// The gap, in ms, between the two frames around the latest stall; 0 until one is seen.
    qint64 lastStallMs() const { return m_lastStallMs; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void advanceFrame();
    QRectF dialRect() const;
    QRectF clockRect() const;
    QFont clockFont() const;
    void drawFace(QPainter &painter, const QColor &ringColor) const;
    void drawTicks(QPainter &painter) const;
    void drawTrail(QPainter &painter, qreal handDegrees) const;
    void drawHand(QPainter &painter, qreal handDegrees) const;
    void drawClock(QPainter &painter) const;
    QColor ringColor() const;

    QTimer m_frameTimer;
    QElapsedTimer m_sweep; ///< places the hand: monotonic, so it never runs backwards
    QElapsedTimer m_sinceStall; ///< invalid until a stall has been seen
    qint64 m_lastFrameMs = 0;
    qint64 m_lastStallMs = 0;
    quint64 m_ticks = 0;
};
