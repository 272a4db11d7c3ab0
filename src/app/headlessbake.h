// SPDX-License-Identifier: MIT
#pragma once

#include "bakesession.h"
#include "commandline.h"

#include <QList>
#include <QObject>

/**
 * One bake without a window, for `bakeloop --headless`: prints each log
 * line the moment it is reported and, once the session has measured the
 * loop after the bake, writes the report and says which exit code the
 * process should return. It keeps no log model: a quiet bake of a million
 * cakes stores nothing per line.
 */
class HeadlessBake : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessBake)

public:
    explicit HeadlessBake(const CommandLineOptions &options, QObject *parent = nullptr);

    /// Starts on the event loop's first turn, so the loop monitor sees the loop from before the bake.
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void bake();
    void print(const LogEntry &entry);
    void onBakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats);

    CommandLineOptions m_options;
    BakeSession m_session;
    QList<LogEntry> m_entries;
};
