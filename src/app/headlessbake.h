// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "commandline.h"
#include "logentry.h"
#include "loopmonitor.h"

#include <QList>
#include <QObject>

#include <memory>

class BakeDriver;

/**
 * One bake without a window, for `bakeloop --headless`: prints each log
 * line the moment it is reported, watches the event loop with a
 * LoopMonitor and, once the bake and the monitor's last beat are done,
 * writes the report and says which exit code the process should return.
 */
class HeadlessBake : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessBake)

public:
    explicit HeadlessBake(const CommandLineOptions &options, QObject *parent = nullptr);
    ~HeadlessBake() override;

    /// Starts on the event loop's first turn, so the monitor sees the loop from before the bake.
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void bake();
    void print(const LogEntry &entry);
    void onBakeFinished(const BakeOutcome &outcome);
    void onMonitorFinished(qint64 maxStallMs, int lateHeartbeats);

    CommandLineOptions m_options;
    std::unique_ptr<BakeDriver> m_driver;
    LoopMonitor m_monitor;
    QList<LogEntry> m_entries;
    BakeOutcome m_outcome;
};
