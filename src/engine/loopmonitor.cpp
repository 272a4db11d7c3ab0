// SPDX-License-Identifier: MIT
#include "loopmonitor.h"

#include <algorithm>

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
    m_stalls.clear();
    m_running = true;
    m_finishing = false;
    m_clock.start();
    m_expectedNs = m_clock.nsecsElapsed() + m_intervalMs * nsPerMs;
    m_heartbeat.start(m_intervalMs);
}

void LoopMonitor::setIntervalMs(int ms)
{
    m_intervalMs = std::max(1, ms);
    if (!m_running || m_finishing)
        return;
    // Only a beat that comes sooner is re-armed: a slower interval starts after the beat already due, and a beat
    // overdue from a block is kept, so its lateness is still measured.
    const qint64 soonerNs = m_clock.nsecsElapsed() + m_intervalMs * nsPerMs;
    if (soonerNs < m_expectedNs) {
        m_expectedNs = soonerNs;
        m_heartbeat.start(m_intervalMs);
    }
}

void LoopMonitor::measure()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 lagNs = std::max<qint64>(0, now - m_expectedNs);
    ++m_heartbeats;
    m_maxStallNs = std::max(m_maxStallNs, lagNs);
    if (lagNs > lateThresholdMs * nsPerMs) {
        ++m_lateHeartbeats;
        recordStall({m_expectedNs / nsPerMs, now / nsPerMs});
    }
    Q_EMIT heartbeat(lagNs / nsPerMs);
    m_expectedNs = now + m_intervalMs * nsPerMs;
}

void LoopMonitor::recordStall(const LoopStall &stall)
{
    if (m_stalls.size() < maxRecordedStalls) {
        m_stalls.push_back(stall);
        return;
    }
    // A loop that stutters for a long time keeps the worst stretches, which are the ones a timeline must show.
    const auto shortest
        = std::min_element(m_stalls.begin(), m_stalls.end(),
                           [](const LoopStall &a, const LoopStall &b) { return a.durationMs() < b.durationMs(); });
    if (shortest->durationMs() < stall.durationMs()) {
        m_stalls.erase(shortest);
        m_stalls.push_back(stall);
    }
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
    m_heartbeat.start(m_intervalMs);
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
