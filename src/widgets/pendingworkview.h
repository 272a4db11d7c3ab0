// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QList>
#include <QWidget>

/**
 * What waits on the event loop: each suspended task with its wake time and
 * the time left, in the order the loop will resume them, the next one marked.
 * In step mode the next task, once due, shows as held until Step is pressed.
 *
 * It draws the list it is given; the async driver's own queue is the source.
 */
class PendingWorkView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingWorkView)

public:
    struct Item {
        int cake; ///< from 0
        TaskId task;
        qint64 wakeMs; ///< on the bake's clock
    };

    explicit PendingWorkView(QWidget *parent = nullptr);

    /**
     * Shows @p items (the queue's head, in order) at @p nowMs on the bake's
     * clock; @p total is the whole queue's length, which may be longer than
     * what is listed; @p heldForStep marks the head as due and held.
     */
    void setPending(const QList<Item> &items, qint64 nowMs, qsizetype total, bool heldForStep);
    const QList<Item> &items() const { return m_items; }
    bool isHeldForStep() const { return m_heldForStep; }

    /// The text of row @p index as drawn ("next · preheat · wakes at 2000 ms · in 0.40 s"), for tests and tools.
    QString rowText(int index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString whenText(const Item &item, bool first) const;

    QList<Item> m_items;
    qint64 m_nowMs = 0;
    qsizetype m_total = 0;
    bool m_heldForStep = false;
};
