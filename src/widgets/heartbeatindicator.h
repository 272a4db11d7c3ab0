// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QFont>
#include <QPointer>
#include <QStaticText>
#include <QTimer>
#include <QWidget>

#include <array>

/**
 * Shows that the event loop is turning: a small dial whose hand sweeps once
 * a second and a wall clock to the tenth of a second under it. It owns the
 * frame timer that drives it and the QElapsedTimer that places the hand, so
 * it moves exactly as long as its thread's loop runs and stands visibly
 * still while that loop is blocked. After a stall it briefly rings the dial
 * in red, so the jump is noticed even after the freeze is over.
 *
 * Active, it draws ~60 frames a second, so every stall shows as a jump; at
 * rest, ten, a tick a tenth of a second: still plainly alive, at a sixth of
 * the cost, for a laptop on battery. It draws nothing while it is hidden or
 * its window is minimised. It knows nothing about bakes.
 */
class HeartbeatIndicator : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeartbeatIndicator)

public:
    /// Frames while active: as smooth as the screen, and any stall longer than a frame shows as a jump.
    static constexpr int activeFrameMs = 16;
    /// Frames at rest: one per tick of the dial and per digit of the clock.
    static constexpr int restingFrameMs = 100;

    explicit HeartbeatIndicator(QWidget *parent = nullptr);

    /// Whether it draws at the screen's rate (the default) or at rest's.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    /// The time between two frames now: activeFrameMs or restingFrameMs.
    int frameIntervalMs() const { return m_frameTimer.interval(); }
    /// Whether frames come at all: not while hidden or minimised.
    bool isAnimating() const { return m_frameTimer.isActive(); }

    /// Frames its own timer has advanced; stops growing while the loop is blocked.
    quint64 ticks() const { return m_ticks; }
    /// The gap, in ms, between the two frames around the latest stall; 0 until one is seen.
    qint64 lastStallMs() const { return m_lastStallMs; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    // Minimising the window sends these to every widget in it, as hiding does.
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;
    /// Watches its window for being minimised or restored, which a platform need not tell child widgets.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void advanceFrame();
    /// Runs the frame timer exactly while the dial can be seen: shown, and its window not minimised.
    void updateAnimation();
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
    bool m_active = true;
    bool m_shown = false;
    QPointer<QWidget> m_watchedWindow;
    // The clock's text, laid out once a second: the seconds, and each tenth's digit beside them.
    mutable QStaticText m_clockSeconds;
    mutable std::array<QStaticText, 10> m_clockTenths;
    mutable QFont m_clockFont;
    mutable QFont m_clockBaseFont;
    mutable qreal m_clockWidth = -1;
};
