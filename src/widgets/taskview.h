// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QElapsedTimer>
#include <QWidget>

class QTimer;
class QVariantAnimation;

/**
 * The frame shared by the kitchen pictures (the oven gauge, the mixing bowl):
 * a card in the palette's colours with the task's name, the subclass's
 * picture, a big readout and a caption pill saying where the task stands,
 * plus a corner badge once it is done or cancelled.
 *
 * It owns the countdown of a wait: a child timer that only calls update()
 * while the task waits and counts down, so the countdown visibly stops when
 * the event loop is blocked. It also owns the glow that fades after a report,
 * so that a report lasting no time on the loop is still seen.
 *
 * Subclasses draw in a fixed logical coordinate system (canvasWidth by
 * canvasHeight, origin at the centre) inside pictureRect(), and pass every
 * colour of the picture through pictureColor() so that the state greys or
 * dims it. Text, card and caption come from palette(), so light and dark
 * themes both work.
 */
class TaskView : public QWidget
{
    Q_OBJECT

public:
    /// The logical canvas every picture is drawn on; the widget scales it to fit.
    static constexpr qreal canvasWidth = 200.0;
    static constexpr qreal canvasHeight = 176.0;
    /// How often the countdown caption is refreshed while the loop is free.
    static constexpr int countdownIntervalMs = 100;
    /// How long the highlight of a report takes to fade once the task stops running.
    static constexpr int glowFadeMs = 650;

    ~TaskView() override;

    /// waitRemainingMs: for Waiting, how long is left; countingDown=false for a replayed moment, which stands still.
    void setTaskState(TaskState state, qint64 waitRemainingMs = -1, bool countingDown = true);
    TaskState taskState() const { return m_state; }
    TaskId task() const { return m_task; }

    /// The caption as drawn now: "not started", "waiting 0.6 s" (counting down live, one decimal), "reporting"
    /// (Running), "done", "cancelled".
    QString stateCaption() const;

    /// For Waiting: how long is left now (it stands still unless counting down); -1 otherwise or when unknown.
    qint64 waitRemainingMs() const;
    /// True while the task waits and its countdown runs live.
    bool isCountingDown() const;

    /// The full length of one wait, so the countdown ring can show how much of it is left.
    void setStepMs(int ms);
    int stepMs() const { return m_stepMs; }

protected:
    TaskView(TaskId task, QWidget *parent);

    /// The part of the canvas that belongs to the picture; the corners stay free for the title and the badge.
    static QRectF pictureRect();

    /// Draws the picture in logical coordinates; the painter is saved and restored around the call.
    virtual void drawPicture(QPainter *painter) const = 0;
    /// The big line under the picture, e.g. "350 °F".
    virtual QString readoutText() const = 0;
    /// The values for the accessible description, e.g. "350 °F, target 400 °F".
    virtual QString valueDescription() const = 0;
    /// Called after every change of state, e.g. to start or stop an animation that belongs to one state.
    virtual void taskStateChanged() { }

    /// @p color as the state shows it: greyed before the start and after a cancel, dimmed while waiting.
    QColor pictureColor(const QColor &color) const;
    /// The task's own colour for this palette, as the log and the other views use it.
    QColor taskColor() const;
    /// The colour a caption or readout is drawn in: the palette's text, softened when the task is inactive.
    QColor textColor() const;
    /// @p from moved by @p amount (0 to 1) towards @p to, alpha included.
    static QColor blend(const QColor &from, const QColor &to, qreal amount);

    /// Subclasses call this whenever a value in valueDescription() changes.
    void refreshAccessibleDescription();

    void paintEvent(QPaintEvent *event) override;

private:
    void drawCard(QPainter *painter) const;
    void drawTitle(QPainter *painter) const;
    void drawBadge(QPainter *painter) const;
    void drawReadout(QPainter *painter) const;
    void drawCaption(QPainter *painter) const;
    void drawCountdownRing(QPainter *painter, const QPointF &centre, qreal radius) const;
    void tickCountdown();

    const TaskId m_task;
    TaskState m_state = TaskState::NotStarted;
    qint64 m_waitRemainingMs = -1;
    bool m_countingDown = false;
    int m_stepMs = 1000;
    QElapsedTimer m_waitClock;
    QTimer *m_countdown = nullptr;
    QVariantAnimation *m_glowFade = nullptr;
    qreal m_glow = 0.0;
};
