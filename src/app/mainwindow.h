// SPDX-License-Identifier: MIT
#pragma once

#include "bakesession.h"
#include "freezeinputguard.h"
#include "loopmonitor.h"
#include "prediction.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>
#include <optional>

class QLabel;
class QSortFilterProxyModel;
class RunsTableModel;

namespace Ui {
class MainWindow;
}

/**
 * Bakeloop's window: the oven gauge and the mixing bowl, the event loop's
 * heartbeat and lag, the bake controls, and the log pane to step through.
 *
 * It owns the BakeSession and forwards the user's commands to it; it shows
 * either the live kitchen or, while a log line is selected, the kitchen as
 * it was at that line. A sync bake runs right here on the GUI thread, so
 * the window really freezes; a FreezeInputGuard catches what the user does
 * meanwhile.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    BakeSession *session() { return &m_session; }
    BakeParameters parameters() const;
    void setParameters(const BakeParameters &parameters);

    /// The row of the log replayed now, or -1 when the window shows the live kitchen.
    int replayedRow() const { return m_replayedRow; }
    /// The run an export takes: the selected line's run, else the last one; -1 when there is none to export.
    int runToExport() const;
    enum class ExportFormat { ChromeTrace, Csv };
    /// Writes run @p run to @p path; false with @p error set on failure, nothing else touched.
    bool exportRunTo(int run, ExportFormat format, const QString &path, QString *error) const;
    /// Writes every line of the log to @p path; false, with @p error set and the log untouched, on failure.
    bool saveLogTo(const QString &path, QString *error) const;
    /// Lines of the selected rows, as the command line prints them.
    QString selectedLines() const;
    /// The guess the next bake is compared with once measured, as the Predict First dialog would give it.
    void setPrediction(const Prediction &prediction) { m_prediction = prediction; }
    /// Off for scripted runs (--autostart, --screenshot): their recipe and window size are not the user's.
    void setRemembersSettings(bool remember) { m_remembersSettings = remember; }

public Q_SLOTS:
    void bakeSync();
    void bakeAsync();
    void bakeThreaded();
    void cancelBake();
    void reset();
    void goToFirstLine();
    void goToPreviousLine();
    void goToNextLine();
    void goToLastLine();
    void backToLive();
    void copySelectedLines();
    void saveLog();
    void setPresentationMode(bool on);
    /// Lets the loop resume one task in step mode; with nothing pending it says so and does nothing else.
    void stepOnce();
    void exportTrace();
    void exportCsv();

Q_SIGNALS:
    /// The window has closed for good (a close during a bake waits for the bake to end first).
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setUpControls();
    void setUpLog();
    void setUpStatusBar();
    void setUpPanels();
    /// Redraws the timeline from the log: the last runs, the running one up to now.
    void refreshTimeline();
    /// Redraws the pending-work panel from the async driver's queue, and says so when the loop is held for a step.
    void refreshPendingWork();
    /**
     * Shows in the Source panel the code of what the window shows: the replayed line's run, else the running
     * bake, else the recipe and traps set for the next bake. With @p bringUpItsMode, that run's listing comes to
     * the front too (idle: the last bake's mode, or async before any); otherwise the tab chosen stays.
     */
    void showSource(bool bringUpItsMode);
    void exportRun(ExportFormat format);
    void bake(BakeMode mode);
    void onBakeStarted(BakeMode mode, const BakeParameters &parameters);
    void onEntryAppended(const LogEntry &entry);
    void onBakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats);
    void onInputWaited(const QString &what, qint64 waitedMs, bool waitIsEstimate);
    void onCurrentRowChanged(int row);

    /// Shows @p kitchen in the gauge and the bowl; @p atMs is the moment it stands for, on the bake's clock.
    void showKitchen(const Kitchen &kitchen, qint64 atMs, bool live);
    void showLiveKitchen();
    void showBanner(const QString &text, bool offerBackToLive);
    void updateActions();
    void updateStatus();
    /// Watches the loop at full precision and draws the heartbeat smoothly while @p active (a bake), else at rest.
    void setLoopWatchActive(bool active);
    void selectRow(int row);
    int currentRow() const;
    /// The entry row that @p step entries away from @p row lands on, or -1.
    int entryRowFrom(int row, int step) const;

    void loadSettings();
    /// Writes the recipe to the settings, unless this is a scripted run or the program itself is setting it.
    void saveSettings();
    /// The freeze the last bake began is over: input is let through again once the window system's queue drains.
    void endFreeze();

    std::unique_ptr<Ui::MainWindow> ui;
    BakeSession m_session;
    LoopMonitor m_liveMonitor;
    FreezeInputGuard *m_inputGuard;
    QTimer m_statusTimer;
    QTimer m_logFollowTimer;
    int m_replayedRow = -1;
    /// While a bake blocks this thread: the input made meanwhile is swallowed, and the controls wait.
    bool m_freezing = false;
    /// An async bake that forgot to await freezes the loop on its first turns after the click, while its bowls mix
    /// in time.sleep(): the freeze lasts until every bowl is done.
    bool m_freezesUntilTheMixingEnds = false;
    qint64 m_lastMaxStallMs = -1;
    std::optional<BakeOutcome> m_lastOutcome;
    std::optional<Prediction> m_prediction;
    bool m_remembersSettings = true;
    /// True while the program (not the user) sets the controls: no write back to the settings.
    bool m_settingsHeld = false;
    bool m_settingsFailureShown = false;
    /// The window was asked to close mid-bake; it closes once the cancelled bake has been measured.
    bool m_closeWhenMeasured = false;
    QFont m_normalFont;
    QLabel *m_modeLabel = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_stallLabel = nullptr;
    RunsTableModel *m_runsModel = nullptr;
    QSortFilterProxyModel *m_sortedRuns = nullptr;
};
