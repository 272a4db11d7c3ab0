// SPDX-License-Identifier: MIT
#pragma once

#include "taskview.h"

class QTimer;
class QVariantAnimation;

/**
 * The mixing task as a bowl of batter seen from above the rim: lumpy and
 * streaky at the start, smoother and evener with every mix done, until it is
 * one glossy colour. A balloon whisk stands in the batter.
 *
 * It owns two animations run by the event loop: the whisk turns (a child
 * timer, one fixed turn per tick) only while a mix step is under way, that
 * is while the task waits and counts down; and the lumps melt away over a
 * moment when a mix completes. When the loop is blocked the whisk freezes.
 */
class MixingBowl : public TaskView
{
    Q_OBJECT

public:
    /// The whisk turns by a fixed angle per tick, so a blocked loop costs it turns rather than making it jump.
    static constexpr int whiskFrameMs = 33;
    static constexpr qreal whiskDegreesPerFrame = 9.0;
    /// How long the batter takes to settle after a mix completes.
    static constexpr int smoothingMs = 700;

    explicit MixingBowl(QWidget *parent = nullptr);

    void setMixCount(int count);
    int mixCount() const { return m_count; }

    /// animated: the lumps melt away on the event loop; false: the batter shows the new count at once.
    void setMixesDone(int done, bool animated = true);
    int mixesDone() const { return m_done; }

    /// Degrees; advances only while a mix step is under way (state Waiting and counting down).
    qreal whiskAngle() const { return m_whiskAngle; }
    /// How mixed the batter is drawn right now: 0 lumpy, 1 smooth.
    qreal smoothness() const { return m_smoothness; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void drawPicture(QPainter *painter) const override;
    QString readoutText() const override;
    QString valueDescription() const override;
    void taskStateChanged() override;

private:
    void drawShadowAndFoot(QPainter *painter) const;
    void drawBowlBody(QPainter *painter) const;
    void drawBowlInside(QPainter *painter) const;
    void drawBatter(QPainter *painter) const;
    void drawLumps(QPainter *painter) const;
    void drawSwirl(QPainter *painter) const;
    void drawWhisk(QPainter *painter) const;

    /// The mixes done as a fraction of all, 0 when there is nothing to mix.
    qreal mixedFraction() const;
    void turnWhisk();

    QTimer *m_whiskTimer = nullptr;
    QVariantAnimation *m_smoothing = nullptr;
    int m_count = 3;
    int m_done = 0;
    qreal m_smoothness = 0.0;
    qreal m_whiskAngle = 0.0;
};
