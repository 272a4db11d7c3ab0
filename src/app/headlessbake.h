// SPDX-License-Identifier: MIT
#pragma once

#include "bakesession.h"
#include "commandline.h"

#include <QList>
#include <QObject>

/**
 * One bake without a window, for `bakeloop --headless`: prints each log
 * line the moment it is reported and, once the session has measured the
 * loop after the bake, writes the report and the exports and says which
 * exit code the process should return. It keeps a log only for the
 * exports, which need one cake's lines: a quiet bake of a million cakes
 * stores nothing per line.
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
    /// Prints @p line on standard output; the first failure there is said on stderr and stops the bake.
    bool printLine(const QString &line);
    void onBakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats);
    /// Writes --export-trace and --export-csv from the log, each error on its own line; false if any failed.
    bool writeExports() const;

    CommandLineOptions m_options;
    BakeSession m_session;
    QList<LogEntry> m_entries;
    /// Standard output refused a line; the bake was stopped and the exit status will say so.
    bool m_standardOutputFailed = false;
};
