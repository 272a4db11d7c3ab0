// SPDX-License-Identifier: MIT
#pragma once

#include "bakedriver.h"

#include <condition_variable>
#include <mutex>

/**
 * The blocking bake: preheat runs to its end, then mix runs to its end, and
 * every wait is a real blocking sleep on the calling thread. start() returns
 * only when the bake is over, so the event loop gets no turn in between;
 * on the GUI thread that is the frozen window the lesson is about.
 *
 * cancel() may come from another thread (or from a slot connected to
 * entryAppended) and cuts the current sleep short.
 */
class SyncDriver : public BakeDriver
{
    Q_OBJECT

public:
    explicit SyncDriver(QObject *parent = nullptr);

    BakeMode mode() const override { return BakeMode::Sync; }

protected:
    void run() override;
    void interruptWait() override;

private:
    /// Blocks until @p wakeNs on the bake's clock; false when cancelled first.
    bool sleepUntil(qint64 wakeNs);

    std::mutex m_mutex;
    std::condition_variable m_wakeUp;
};
