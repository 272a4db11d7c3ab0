// SPDX-License-Identifier: MIT
#pragma once

// Shared by the engine's tests: readable QCOMPARE output for the engine's
// enums, and a recorder that keeps everything one bake emits, in order.

#include "bakedriver.h"
#include "kitchen.h"
#include "taskstate.h"

#include <QEventLoop>
#include <QList>
#include <QStringList>
#include <QTest>
#include <QTimer>

// Found by argument-dependent lookup, so a failed QCOMPARE prints "waiting" instead of nothing.
inline char *toString(TaskState state)
{
    return QTest::toString(taskStateName(state));
}

inline char *toString(TaskId task)
{
    return QTest::toString(taskName(task));
}

inline char *toString(BakeMode mode)
{
    return QTest::toString(bakeModeName(mode));
}

/**
 * Moves @p task of @p kitchen one turn on, as cake.py's loops move and as
 * CakeRecipeDriver records them: a task at the top of its loop waits, or ends
 * when its loop is over; a waiting one wakes and reports its next value.
 * Returns "wait", "report 200" or "finished", words that read well in a
 * failed comparison. For tests that need a kitchen at a given moment.
 */
inline QString playTurn(Kitchen &kitchen, TaskId task)
{
    const bool oven = task == TaskId::Preheat;
    switch (kitchen.state(task)) {
    case TaskState::Waiting: {
        const int value = oven ? kitchen.oven().temperature() + Oven::temperatureStep : kitchen.bowl().mixesDone();
        kitchen.recordReport(task, value);
        return QStringLiteral("report %1").arg(value);
    }
    case TaskState::NotStarted:
    case TaskState::Running: {
        const bool more = oven ? kitchen.oven().temperature() < kitchen.oven().targetTemperature()
                               : kitchen.bowl().mixesDone() < kitchen.bowl().mixCount();
        kitchen.setState(task, more ? TaskState::Waiting : TaskState::Done);
        return more ? QStringLiteral("wait") : QStringLiteral("finished");
    }
    case TaskState::Done:
    case TaskState::Cancelled:
        break;
    }
    return QStringLiteral("finished");
}

/**
 * Keeps what one driver emits with the engine's own types (a QSignalSpy would
 * hold QVariants), and counts anything that comes after finished(): a bake
 * that has ended must stay silent.
 */
class BakeRecorder : public QObject
{
public:
    explicit BakeRecorder(BakeDriver *driver)
        : m_driver(driver)
    {
        connect(driver, &BakeDriver::started, this, [this] { ++startedCount; });
        connect(driver, &BakeDriver::entryAppended, this, [this](const LogEntry &entry) {
            if (!outcomes.isEmpty())
                ++signalsAfterFinished;
            entries.append(entry);
        });
        connect(driver, &BakeDriver::kitchenChanged, this, [this](int cake) {
            if (!outcomes.isEmpty())
                ++signalsAfterFinished;
            changedCakes.append(cake);
        });
        connect(driver, &BakeDriver::finished, this, [this](const BakeOutcome &outcome) { outcomes.append(outcome); });
    }

    /// The lines as the Python reference prints them.
    QStringList texts() const
    {
        QStringList lines;
        lines.reserve(entries.size());
        for (const LogEntry &entry : entries)
            lines << entry.text();
        return lines;
    }

    /// Runs the event loop until finished() has come, at once when it already has.
    bool waitForFinished(int timeoutMs)
    {
        if (!outcomes.isEmpty())
            return true;
        QEventLoop loop;
        // Connected after the recorder's own slot, so the outcome is stored before the loop quits.
        connect(m_driver, &BakeDriver::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        return !outcomes.isEmpty();
    }

    const BakeOutcome &outcome() const { return outcomes.constFirst(); }

    int startedCount = 0;
    int signalsAfterFinished = 0;
    QList<LogEntry> entries;
    QList<int> changedCakes;
    QList<BakeOutcome> outcomes;

private:
    BakeDriver *m_driver;
};

/// A bake of one or more cakes with these values and the rest as the defaults.
inline BakeParameters bakeParameters(int target, int mixes, int stepMs, int cakes = 1)
{
    BakeParameters p;
    p.targetTemperature = target;
    p.mixCount = mixes;
    p.stepMs = stepMs;
    p.cakes = cakes;
    return p;
}

/// Runs the event loop for @p ms without the short sleeps QTest::qWait() takes between turns.
inline void spinEventLoop(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

/// "7 ms against 6 ms ideal (ratio 1.17)", for the message of a failed timing check.
inline QByteArray timingMessage(qint64 actualMs, qint64 idealMs)
{
    const double ratio = idealMs > 0 ? double(actualMs) / double(idealMs) : 0.0;
    qInfo("TIMING %lld ideal %lld ratio %.2f", actualMs, idealMs, ratio);
    return QStringLiteral("%1 ms against %2 ms ideal (ratio %3)")
        .arg(actualMs)
        .arg(idealMs)
        .arg(ratio, 0, 'f', 2)
        .toUtf8();
}
