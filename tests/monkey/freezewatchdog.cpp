// SPDX-License-Identifier: MIT
#include "freezewatchdog.h"

#include "actionjournal.h"

#include <algorithm>

namespace {
/// The heartbeat's period: far below any allowance, far above what it costs.
constexpr int beatIntervalMs = 20;
/// How often the watchdog looks; a failure is seen at most this much late.
constexpr std::chrono::milliseconds checkInterval{100};
/// Sanitizers slow the busy waits of stirring by hand less than the sleeps; a quarter more covers both.
constexpr double freezeSlack = 1.25;

qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

FreezeWatchdog::FreezeWatchdog(ActionJournal *journal, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
{
    m_heartbeat.setInterval(beatIntervalMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &FreezeWatchdog::beat);
}

FreezeWatchdog::~FreezeWatchdog()
{
    stop();
}

void FreezeWatchdog::start()
{
    m_lastBeatMs = monotonicMs();
    m_heartbeat.start();
    std::lock_guard lock(m_mutex);
    m_stopping = false;
    if (!m_thread.joinable())
        m_thread = std::thread([this] { watch(); });
}

void FreezeWatchdog::stop()
{
    m_heartbeat.stop();
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void FreezeWatchdog::bakeStarted(BakeMode mode, const BakeParameters &parameters)
{
    // The engine's own account of what a bake holds its thread for; the window refuses what passes its limit.
    const qint64 freezeMs = parameters.longestFreezeWallMs(mode);
    {
        std::lock_guard lock(m_mutex);
        m_bakeDescription = QStringLiteral("%1 bake, %2 cake(s), step %3 ms, %4 mix(es), target %5 °F, speed %6, "
                                           "trap %7: it may hold the loop %8 ms by design")
                                .arg(bakeModeName(mode))
                                .arg(parameters.cakes)
                                .arg(parameters.stepMs)
                                .arg(parameters.mixCount)
                                .arg(parameters.targetTemperature)
                                .arg(parameters.speedText(), mixTrapName(parameters.mixTrap))
                                .arg(freezeMs)
                                .toStdString();
    }
    m_allowanceMs = std::min(hardLimitMs, qint64(double(freezeMs) * freezeSlack) + marginMs);
    m_blockingBake = mode == BakeMode::Sync || parameters.mixTrap == MixTrap::ForgotToAwait;
    ++m_bakesStarted;
    beat();
}

void FreezeWatchdog::bakeFinished()
{
    // The thread answers again: count that before the allowance shrinks, or the freeze just ended would fail.
    beat();
    m_blockingBake = false;
    m_allowanceMs = marginMs;
    std::lock_guard lock(m_mutex);
    m_bakeDescription = "no bake";
}

qint64 FreezeWatchdog::silentForMs() const
{
    return monotonicMs() - m_lastBeatMs.load();
}

void FreezeWatchdog::beat()
{
    m_lastBeatMs = monotonicMs();
}

void FreezeWatchdog::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, checkInterval, [this] { return m_stopping; })) {
        const qint64 silentMs = silentForMs();
        const qint64 allowanceMs = m_allowanceMs.load();
        if (silentMs <= allowanceMs)
            continue;
        const qint64 silenceStartMs = m_lastBeatMs.load();
        if (silenceStartMs == m_toleratedSilenceStartMs)
            continue;
        const QString bake = QString::fromStdString(m_bakeDescription.empty() ? "no bake" : m_bakeDescription);
        const QString failure = QStringLiteral("the event loop has not answered for %1 ms, more than the %2 ms "
                                               "allowed (%3; margin %4 ms, hard limit %5 ms)")
                                    .arg(silentMs)
                                    .arg(allowanceMs)
                                    .arg(bake)
                                    .arg(marginMs)
                                    .arg(hardLimitMs);
        lock.unlock();
        if (!m_journal->tolerates(failure))
            m_journal->fail(failure);
        m_toleratedSilenceStartMs = silenceStartMs;
        lock.lock();
    }
}
