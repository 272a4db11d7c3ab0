// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "commandline.h"

#include <QObject>

class MainWindow;

/**
 * What the command line asks the window to do by itself: start a bake as
 * it opens (--autostart), save a screenshot after a delay (--screenshot),
 * write the report and the exports when the bake has been measured
 * (--report, --export-trace, --export-csv), and quit
 * once every such job is done. It drives the window only through its
 * public slots, as a user would.
 */
class WindowAutomation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowAutomation)

public:
    WindowAutomation(MainWindow *window, const CommandLineOptions &options);

    /// Whether the options ask for anything at all.
    bool hasWork() const;
    void start();

Q_SIGNALS:
    /// Every job is done; the process should exit with @p exitCode.
    void done(int exitCode);

private:
    /// Starts the autostart bake once the window is on screen, so even a frozen window shows what it is doing.
    void startBakeWhenShown();
    void takeScreenshot();
    void writeReport(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats);
    /// Writes --export-trace and --export-csv from the window's log: its last run, the one just measured.
    void writeExports();
    void finishJob(bool ok);

    MainWindow *m_window;
    CommandLineOptions m_options;
    int m_jobsLeft = 0;
    bool m_failed = false;
};
