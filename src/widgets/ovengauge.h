// SPDX-License-Identifier: MIT
#pragma once

#include "taskview.h"

class QVariantAnimation;

/**
 * The oven of the preheat task as a dial: a scale from room temperature to
 * somewhat above the target, a cold-to-hot colour ramp along the arc that
 * lights up to the needle, a marker at the target and a big readout.
 *
 * It owns the needle's glide, an animation run by the event loop: while the
 * loop is free the needle glides from one reported temperature to the next;
 * while the loop is blocked it cannot move, which is what the bake teaches.
 * Replays and resets set the temperature without animation and the needle
 * jumps.
 */
class OvenGauge : public TaskView
{
    Q_OBJECT

public:
    /// The bottom of the scale: the oven starts cold, at room temperature.
    static constexpr int roomTemperature = 70;
    /// The scale reaches at least this far, so the default bake (400 °F) has room above its target.
    static constexpr int minimumScaleTop = 500;
    static constexpr int defaultGlideMs = 400;

    explicit OvenGauge(QWidget *parent = nullptr);

    /// Sets the scale (see scaleTop()) and the target marker.
    void setTargetTemperature(int fahrenheit);
    int targetTemperature() const { return m_target; }

    /// The reported temperature. animated: the needle glides there on the event loop; false: it jumps (replay,
    /// reset).
    void setTemperature(int fahrenheit, bool animated = true);
    int temperature() const { return m_temperature; }

    /// Where the needle is drawn right now.
    qreal needleTemperature() const { return m_needle; }

    /// How long a glide takes; the window sets a fraction of the step. 0 makes every change a jump.
    void setGlideDurationMs(int ms);
    int glideDurationMs() const { return m_glideMs; }

    /// The top of the scale: the target plus 100 °F rounded up to the next 100, and at least minimumScaleTop.
    int scaleTop() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void drawPicture(QPainter *painter) const override;
    QString readoutText() const override;
    QString valueDescription() const override;

private:
    void drawArc(QPainter *painter) const;
    void drawTicks(QPainter *painter) const;
    void drawTargetMarker(QPainter *painter) const;
    void drawTargetLabel(QPainter *painter) const;
    void drawNeedle(QPainter *painter) const;

    /// The needle's rotation for @p fahrenheit, in degrees clockwise from twelve o'clock.
    qreal rotationFor(qreal fahrenheit) const;
    /// The distance between labelled ticks, chosen so the labels never crowd.
    int labelStep() const;

    QVariantAnimation *m_glide = nullptr;
    int m_target = 400;
    int m_temperature = roomTemperature;
    qreal m_needle = roomTemperature;
    int m_glideMs = defaultGlideMs;
};
