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
 * public slots, as a user would. Its exit status is a headless bake's: 1
 * when the bake was cut short (cancelled, the window closed, threads
 * refused), 2 when an output could not be written.
 */
class WindowAutomation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowAutomation)

public:
    /// Puts the recipe flags given without --autostart into @p window's recipe at once.
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
    /// Keeps whether the autostarted bake was cut short, and says why if the system cut it.
    void noteOutcome(const BakeOutcome &outcome);
    void finishJob(bool ok);
    void onWindowClosed();
    /// Emits done() once, with the status of everything that happened.
    void finish();

    MainWindow *m_window;
    CommandLineOptions m_options;
    int m_jobsLeft = 0;
    bool m_failed = false;
    bool m_cutShort = false;
    bool m_finished = false;
};
