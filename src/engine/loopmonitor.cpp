// SPDX-License-Identifier: MIT
#include "loopmonitor.h"

namespace {
constexpr qint64 nsPerMs = 1000000;
}

LoopMonitor::LoopMonitor(QObject *parent)
    : QObject(parent)
{
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    m_heartbeat.setSingleShot(true);
    connect(&m_heartbeat, &QTimer::timeout, this, &LoopMonitor::beat);
}

void LoopMonitor::start()
{
    m_maxStallNs = 0;
    m_lateHeartbeats = 0;
    m_heartbeats = 0;
    m_running = true;
    m_finishing = false;
    m_clock.start();
    m_expectedNs = m_clock.nsecsElapsed() + heartbeatMs * nsPerMs;
    m_heartbeat.start(heartbeatMs);
}

void LoopMonitor::measure()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 lagNs = std::max<qint64>(0, now - m_expectedNs);
    ++m_heartbeats;
    m_maxStallNs = std::max(m_maxStallNs, lagNs);
    if (lagNs > lateThresholdMs * nsPerMs)
        ++m_lateHeartbeats;
    Q_EMIT heartbeat(lagNs / nsPerMs);
    m_expectedNs = now + heartbeatMs * nsPerMs;
}

void LoopMonitor::beat()
{
    if (!m_running)
        return;
    measure();
    if (m_finishing) {
        stop();
        Q_EMIT finished(maxStallMs(), m_lateHeartbeats);
        return;
    }
    m_heartbeat.start(heartbeatMs);
}

void LoopMonitor::finish()
{
    if (!m_running || m_finishing)
        return;
    m_finishing = true;
    // A zero timer runs on the loop's next turn, no sooner than a beat overdue from a block would;
    // measuring then against the expected beat sees such a block in full without waiting a period.
    m_heartbeat.start(0);
}

void LoopMonitor::stop()
{
    m_running = false;
    m_finishing = false;
    m_heartbeat.stop();
}
