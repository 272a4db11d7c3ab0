// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

class ActionJournal;

/**
 * Fails the monkey when the GUI thread stops answering for longer than the
 * bake in progress may hold it. A timer on the GUI thread bumps a counter;
 * a thread of the watchdog's own checks that it moves. The allowance is the
 * longest freeze the running bake's parameters call for, plus a margin, and
 * never more than a hard limit: a window frozen past it is a bug whatever
 * the recipe says.
 */
class FreezeWatchdog : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FreezeWatchdog)

public:
    /// Painting, layouts and starting threads under a sanitizer: what any turn of the loop may take.
    static constexpr qint64 marginMs = 4000;
    /// No lesson needs the window frozen this long; past it the freeze is reported as a bug.
    static constexpr qint64 hardLimitMs = 20000;

    FreezeWatchdog(ActionJournal *journal, QObject *parent = nullptr);
    ~FreezeWatchdog() override;

    void start();
    void stop();
    /// From the GUI thread, as a bake starts: the allowance becomes that bake's.
    void bakeStarted(BakeMode mode, const BakeParameters &parameters);
    /// From the GUI thread, as a bake ends: the allowance goes back to the margin.
    void bakeFinished();

    /// True while a bake that blocks the GUI thread by design (sync, forgot to await) has started and not ended.
    bool isBlockingBakeRunning() const { return m_blockingBake.load(); }
    /// Counts the bakes started, so that other threads can tell one freeze from the next.
    quint64 bakesStarted() const { return m_bakesStarted.load(); }
    /// How long the GUI thread has not answered, now.
    qint64 silentForMs() const;

private:
    void beat();
    void watch();

    ActionJournal *m_journal;
    QTimer m_heartbeat;
    std::atomic<qint64> m_lastBeatMs{0};
    std::atomic<qint64> m_allowanceMs{marginMs};
    std::atomic<bool> m_blockingBake{false};
    std::atomic<quint64> m_bakesStarted{0};
    std::mutex m_mutex; ///< guards m_bakeDescription, m_stopping
    std::condition_variable m_wake;
    std::string m_bakeDescription;
    /// A silence already tolerated (see ActionJournal::tolerates) is not reported again; its start tells it apart.
    qint64 m_toleratedSilenceStartMs = -1;
    bool m_stopping = false;
    std::thread m_thread;
};
