// SPDX-License-Identifier: MIT
#pragma once

#include "bakedriver.h"
#include "bakelogmodel.h"
#include "loopmonitor.h"
#include "wakequeue.h"

#include <QObject>

#include <array>
#include <limits>
#include <memory>
#include <optional>

class CakeRecipeDriver;

/**
 * The bakes of one session, as the window and the headless run see them:
 * it owns a driver per mode, the log of every run and a loop monitor that
 * watches each bake. Every mode bakes recipes/cake.py through the recipe
 * engine (CakeRecipeDriver): one definition of the oven and the bowl, three
 * kitchens. bake() starts one; the session feeds the log, and
 * once the driver has finished and the monitor has taken its last beat it
 * emits bakeMeasured() with everything a report needs.
 *
 * It holds no widget and decides nothing about display; views connect to
 * its signals and read the live kitchen.
 */
class BakeSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BakeSession)

public:
    explicit BakeSession(QObject *parent = nullptr);
    ~BakeSession() override;

    /// Whether each report is stored in the log; off for a quiet bake of a million cakes.
    void setKeepsLog(bool keep) { m_keepsLog = keep; }
    /// Only the lines of the first @p cakes cakes go to the log; a window baking a million keeps a readable few.
    void setLoggedCakes(int cakes) { m_loggedCakes = cakes; }

    /**
     * Starts a bake. Returns false, starting nothing, while a bake or its last
     * measurement is under way or when the parameters are out of range;
     * errorString() then says why. A sync bake returns only once it has ended.
     */
    bool bake(BakeMode mode, const BakeParameters &parameters);
    QString errorString() const { return m_error; }

    /// True from bake() until bakeMeasured(), so no bake starts over another's last measurement.
    bool isBusy() const { return m_busy; }
    bool isBaking() const { return m_current && m_current->isRunning(); }
    /// The mode of the running bake, or of the last one.
    std::optional<BakeMode> currentMode() const;
    qint64 elapsedMs() const { return m_current ? m_current->elapsedMs() : 0; }
    /// The first cake's kitchen in the running or last bake; nullptr before any bake.
    const Kitchen *liveKitchen() const;
    const BakeDriver *currentDriver() const { return m_current; }

    /// Step mode for async bakes (see CakeRecipeDriver::setStepping); kept across bakes.
    void setStepping(bool on);
    bool isStepping() const;
    bool isPausedForStep() const;
    /// Lets one more task resume in a stepped async bake; false, doing nothing, when nothing waits on the loop.
    bool step();
    /// The tasks waiting on the loop, in the order it will resume them; empty unless an async bake runs.
    QList<WakeQueue::Wake> pendingWakes(qsizetype limit) const;
    /// How many tasks wait on the loop in all, of which pendingWakes() gives the first few.
    qsizetype pendingWakeCount() const;

    BakeLogModel *log() { return &m_log; }
    const BakeLogModel *log() const { return &m_log; }
    const LoopMonitor *monitor() const { return &m_monitor; }

public Q_SLOTS:
    void cancel();
    /// Forgets every run; refused (false) while busy.
    bool clearLog();

Q_SIGNALS:
    void bakeStarted(BakeMode mode, const BakeParameters &parameters);
    void entryAppended(const LogEntry &entry);
    void kitchenChanged(int cake);
    void bakeFinished(const BakeOutcome &outcome);
    /// After bakeFinished(), once the loop monitor has measured the loop after the bake's end.
    void bakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats);
    /// The async driver's queue changed, or it paused for a step.
    void pendingWorkChanged();

private:
    CakeRecipeDriver *driverFor(BakeMode mode) const;
    /// The drivers, each with its signals connected to the session's.
    std::array<CakeRecipeDriver *, 3> drivers() const;
    void onFinished(const BakeOutcome &outcome);
    void onMonitorFinished(qint64 maxStallMs, int lateHeartbeats);
    void sampleMemory();

    std::unique_ptr<CakeRecipeDriver> m_syncDriver;
    std::unique_ptr<CakeRecipeDriver> m_asyncDriver;
    std::unique_ptr<CakeRecipeDriver> m_threadedDriver;
    BakeDriver *m_current = nullptr;
    BakeLogModel m_log;
    LoopMonitor m_monitor;
    std::optional<BakeOutcome> m_outcome;
    QString m_error;
    bool m_keepsLog = true;
    int m_loggedCakes = std::numeric_limits<int>::max();
    bool m_busy = false;
    /// Resident memory as the bake began, and the most seen since: what the bake cost the process.
    qint64 m_memoryAtStart = -1;
    qint64 m_memoryPeak = -1;
    static constexpr int beatsPerMemorySample = 5;
    int m_beatsSinceSample = 0;
};
