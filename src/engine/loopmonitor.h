// SPDX-License-Identifier: MIT
#pragma once

#include "loopstall.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

/**
 * Measures how late the event loop of its thread answers. A heartbeat timer
 * is armed every few milliseconds; the time by which each beat comes later
 * than asked for is the loop's lag at that moment. A loop blocked for three
 * seconds shows up as one beat three seconds late.
 *
 * finish() takes one last measurement on the loop's next turn before it
 * reports, so a block that lasted until the very end (a whole sync bake)
 * is counted too.
 *
 * The beat's interval can be slowed for a loop at rest (setIntervalMs()):
 * each beat's lateness is still measured to the millisecond, but a stall
 * shorter than the interval may then fall between two beats unseen.
 */
class LoopMonitor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopMonitor)

public:
    /// The interval it beats at unless told otherwise: fine enough to see every stall a bake causes.
    static constexpr int heartbeatMs = 10;
    /// A beat later than this counts as late: the loop was visibly unresponsive.
    static constexpr int lateThresholdMs = 50;

    explicit LoopMonitor(QObject *parent = nullptr);

    bool isRunning() const { return m_running; }
    int intervalMs() const { return m_intervalMs; }
    qint64 maxStallMs() const { return m_maxStallNs / 1000000; }
    int lateHeartbeats() const { return m_lateHeartbeats; }
    int heartbeats() const { return m_heartbeats; }
    /// Each late beat since start(), in order; at most maxRecordedStalls, the longest kept when there are more.
    const std::vector<LoopStall> &stalls() const { return m_stalls; }
    static constexpr std::size_t maxRecordedStalls = 4096;

public Q_SLOTS:
    /// Clears the figures and starts beating.
    void start();
    /// Takes the last measurement on the loop's next turn, stops and emits finished().
    void finish();
    /// Stops at once, without a last measurement.
    void stop();
    /// Beats every @p ms from now on; a finer beat applies at once, a slower one from the next beat.
    void setIntervalMs(int ms);

Q_SIGNALS:
    /// Each beat, with how late it came.
    void heartbeat(qint64 lagMs);
    void finished(qint64 maxStallMs, int lateHeartbeats);

private:
    void beat();
    void measure();
    void recordStall(const LoopStall &stall);

    QTimer m_heartbeat;
    QElapsedTimer m_clock;
    std::vector<LoopStall> m_stalls;
    qint64 m_expectedNs = 0;
    int m_intervalMs = heartbeatMs;
    qint64 m_maxStallNs = 0;
    int m_lateHeartbeats = 0;
    int m_heartbeats = 0;
    bool m_running = false;
    bool m_finishing = false;
};
