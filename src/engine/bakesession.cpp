// SPDX-License-Identifier: MIT
#include "bakesession.h"

#include "cakerecipedriver.h"
#include "processmemory.h"

BakeSession::BakeSession(QObject *parent)
    : QObject(parent)
    , m_syncDriver(std::make_unique<CakeRecipeDriver>(BakeMode::Sync))
    , m_asyncDriver(std::make_unique<CakeRecipeDriver>(BakeMode::Async))
    , m_threadedDriver(std::make_unique<CakeRecipeDriver>(BakeMode::Threaded))
{
    for (BakeDriver *driver : drivers()) {
        connect(driver, &BakeDriver::entryAppended, this, [this](const LogEntry &entry) {
            if (m_keepsLog && entry.cake < m_loggedCakes)
                m_log.appendEntry(entry);
            Q_EMIT entryAppended(entry);
        });
        connect(driver, &BakeDriver::kitchenChanged, this, &BakeSession::kitchenChanged);
        connect(driver, &BakeDriver::finished, this, &BakeSession::onFinished);
    }
    connect(&m_monitor, &LoopMonitor::finished, this, &BakeSession::onMonitorFinished);
    // Sampled on the monitor's beat, a few times a step: a worker thread's stack shows up while it lives.
    connect(&m_monitor, &LoopMonitor::heartbeat, this, [this] {
        if (++m_beatsSinceSample >= beatsPerMemorySample) {
            m_beatsSinceSample = 0;
            sampleMemory();
        }
    });
    connect(m_asyncDriver.get(), &CakeRecipeDriver::queueChanged, this, &BakeSession::pendingWorkChanged);
    connect(m_asyncDriver.get(), &CakeRecipeDriver::pausedForStep, this, &BakeSession::pendingWorkChanged);
}

std::array<CakeRecipeDriver *, 3> BakeSession::drivers() const
{
    return {m_syncDriver.get(), m_asyncDriver.get(), m_threadedDriver.get()};
}

CakeRecipeDriver *BakeSession::driverFor(BakeMode mode) const
{
    switch (mode) {
    case BakeMode::Sync:
        return m_syncDriver.get();
    case BakeMode::Async:
        return m_asyncDriver.get();
    case BakeMode::Threaded:
        return m_threadedDriver.get();
    }
    Q_UNREACHABLE();
    return nullptr;
}

void BakeSession::setStepping(bool on)
{
    m_asyncDriver->setStepping(on);
    Q_EMIT pendingWorkChanged();
}

bool BakeSession::isStepping() const
{
    return m_asyncDriver->isStepping();
}

bool BakeSession::isPausedForStep() const
{
    return m_asyncDriver->isRunning() && m_asyncDriver->isPausedForStep();
}

bool BakeSession::step()
{
    return m_current == m_asyncDriver.get() && m_asyncDriver->step();
}

QList<WakeQueue::Wake> BakeSession::pendingWakes(qsizetype limit) const
{
    if (m_current != m_asyncDriver.get() || !m_asyncDriver->isRunning())
        return {};
    return m_asyncDriver->firstPendingWakes(limit);
}

qsizetype BakeSession::pendingWakeCount() const
{
    if (m_current != m_asyncDriver.get() || !m_asyncDriver->isRunning())
        return 0;
    return m_asyncDriver->pendingWakeCount();
}

BakeSession::~BakeSession()
{
    // A driver still baking would otherwise report into a half-destroyed session.
    for (BakeDriver *driver : drivers())
        driver->disconnect(this);
}

bool BakeSession::bake(BakeMode mode, const BakeParameters &parameters)
{
    if (m_busy) {
        m_error = QStringLiteral("a bake is already running; cancel it or wait for it to finish");
        return false;
    }
    m_error = parameters.validationError(mode);
    if (!m_error.isEmpty())
        return false;

    m_current = driverFor(mode);
    m_busy = true;
    m_outcome.reset();
    if (m_keepsLog)
        m_log.beginRun(mode, parameters);
    m_memoryAtStart = ProcessMemory::residentBytes();
    m_memoryPeak = m_memoryAtStart;
    m_monitor.start();
    Q_EMIT bakeStarted(mode, parameters);
    if (!m_current->start(parameters)) {
        // validationError() above already checked what start() checks; keep the session usable regardless.
        m_error = m_current->errorString();
        m_monitor.stop();
        m_busy = false;
        return false;
    }
    // Right after the start, when a threaded bake has made all its threads and a sync bake has already ended.
    sampleMemory();
    return true;
}

std::optional<BakeMode> BakeSession::currentMode() const
{
    if (!m_current)
        return std::nullopt;
    return m_current->mode();
}

const Kitchen *BakeSession::liveKitchen() const
{
    if (!m_current || m_current->cakeCount() == 0)
        return nullptr;
    return &m_current->kitchen(0);
}

void BakeSession::cancel()
{
    if (m_current)
        m_current->cancel();
}

bool BakeSession::clearLog()
{
    if (m_busy)
        return false;
    m_log.clear();
    return true;
}

void BakeSession::onFinished(const BakeOutcome &outcome)
{
    m_outcome = outcome;
    if (m_keepsLog)
        m_log.finishRun(outcome);
    Q_EMIT bakeFinished(outcome);
    // The monitor's last beat comes on the loop's next turn: a blocking bake shows there in full.
    m_monitor.finish();
}

void BakeSession::sampleMemory()
{
    if (m_memoryAtStart >= 0)
        m_memoryPeak = std::max(m_memoryPeak, ProcessMemory::residentBytes());
}

void BakeSession::onMonitorFinished(qint64 maxStallMs, int lateHeartbeats)
{
    m_busy = false;
    if (m_keepsLog && m_outcome)
        m_log.measureRun(maxStallMs, lateHeartbeats, m_monitor.stalls(),
                         m_memoryAtStart < 0 ? -1 : std::max<qint64>(0, m_memoryPeak - m_memoryAtStart));
    if (m_outcome)
        Q_EMIT bakeMeasured(*m_outcome, maxStallMs, lateHeartbeats);
}
