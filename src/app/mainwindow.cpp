// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "applogging.h"
#include "chrometracewriter.h"
#include "columnfitter.h"
#include "csvlogwriter.h"
#include "loglinedelegate.h"
#include "outputfile.h"
#include "predictiondialog.h"
#include "predictionresult.h"
#include "recipesettings.h"
#include "runstablemodel.h"
#include "runtrace.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QToolButton>

namespace {
/// How long new log lines wait before the log, the timeline and the actions follow them: about a frame.
constexpr int logFollowIntervalMs = 30;
/// How often the status bar's clock updates while the loop is free.
constexpr int statusIntervalMs = 100;
/// How often the lag meter's heartbeat beats while no bake runs: ten times a second is plenty to show a free loop.
constexpr int restingHeartbeatMs = 100;
/// The needle glides over this share of a step, so it has arrived well before the next report.
constexpr double glideShareOfStep = 0.6;
constexpr int maxGlideMs = 800;
/// How long the status bar says that the settings cannot be saved.
constexpr int settingsFailureMessageMs = 10000;
/// Presentation mode enlarges every text by this factor, for the back of a classroom.
constexpr double presentationFontScale = 1.5;

QString seconds(qint64 ms)
{
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 2);
}

/// How long a waiting task has left at @p atMs, or -1 when it is not waiting.
qint64 waitRemaining(const Kitchen &kitchen, TaskId task, qint64 atMs)
{
    const qint64 wake = kitchen.wakeMs(task);
    return wake < 0 ? -1 : std::max<qint64>(0, wake - atMs);
}

void bindButton(QAbstractButton *button, QAction *action)
{
    QObject::connect(button, &QAbstractButton::clicked, action, &QAction::trigger);
    const auto sync = [button, action] {
        button->setEnabled(action->isEnabled());
        button->setToolTip(action->toolTip());
    };
    QObject::connect(action, &QAction::changed, button, sync);
    sync();
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_inputGuard(new FreezeInputGuard(this))
{
    ui->setupUi(this);
    m_normalFont = font();
    setUpControls();
    setUpLog();
    setUpStatusBar();
    setUpPanels();

    connect(&m_session, &BakeSession::bakeStarted, this, &MainWindow::onBakeStarted);
    connect(&m_session, &BakeSession::entryAppended, this, &MainWindow::onEntryAppended);
    // The grid keeps its own running counts, so every cake's change is cheap to hand it.
    connect(&m_session, &BakeSession::kitchenChanged, ui->cakeGrid, &CakeGridView::cakeChanged);
    // The log keeps the lines of the cakes the grid draws: enough to replay, few enough to scroll.
    m_session.setLoggedCakes(CakeGridView::maxDrawnCakes);
    connect(&m_session, &BakeSession::kitchenChanged, this, [this](int cake) {
        // The grid heard this change first: its counts say whether every bowl is through its blocking mixing.
        if (m_freezesUntilTheMixingEnds
            && ui->cakeGrid->count(TaskId::Mix, TaskState::Done)
                    + ui->cakeGrid->count(TaskId::Mix, TaskState::Cancelled)
                >= ui->cakeGrid->cakeCount())
            endFreeze();
        // The gauge and the bowl show the first cake; the others change far too often to follow one by one.
        if (cake != 0)
            return;
        if (m_replayedRow < 0)
            showLiveKitchen();
    });
    connect(&m_session, &BakeSession::bakeFinished, this, [this] {
        if (m_freezing)
            endFreeze();
        updateActions();
        updateStatus();
    });
    connect(&m_session, &BakeSession::bakeMeasured, this, &MainWindow::onBakeMeasured);
    connect(m_inputGuard, &FreezeInputGuard::inputWaited, this, &MainWindow::onInputWaited);

    // The lag meter watches the loop all the time, not only during bakes: a free loop is part of the lesson.
    connect(&m_liveMonitor, &LoopMonitor::heartbeat, ui->lagMeter, &LagMeter::setLag);
    // At rest the loop is watched and the heartbeat drawn less often, so an idle window costs next to nothing;
    // a bake is watched at full precision from its first moment to its last measurement.
    connect(&m_session, &BakeSession::bakeStarted, this, [this] { setLoopWatchActive(true); });
    connect(&m_session, &BakeSession::bakeMeasured, this, [this] { setLoopWatchActive(false); });
    setLoopWatchActive(false);
    m_liveMonitor.start();

    m_statusTimer.setInterval(statusIntervalMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);

    loadSettings();
    showLiveKitchen();
    showBanner(tr("Click <b>Bake Sync</b> and try to use the window while it bakes; then click <b>Bake Async</b>."),
               false);
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_session.disconnect(this);
}

void MainWindow::setUpControls()
{
    ui->targetTemperatureSpin->setRange(BakeParameters::targetTemperatureRange.minimum,
                                        BakeParameters::targetTemperatureRange.maximum);
    ui->mixCountSpin->setRange(BakeParameters::mixCountRange.minimum, BakeParameters::mixCountRange.maximum);
    ui->stepSpin->setRange(BakeParameters::stepMsRange.minimum, BakeParameters::stepMsRange.maximum);
    ui->cakesSpin->setRange(BakeParameters::cakesRange.minimum, BakeParameters::cakesRange.maximum);
    ui->speedSpin->setRange(BakeParameters::speedPercentRange.minimum / 100.0,
                            BakeParameters::speedPercentRange.maximum / 100.0);
    setParameters(BakeParameters{});

    bindButton(ui->bakeSyncButton, ui->actionBakeSync);
    bindButton(ui->bakeAsyncButton, ui->actionBakeAsync);
    bindButton(ui->bakeThreadedButton, ui->actionBakeThreaded);
    bindButton(ui->cancelButton, ui->actionCancel);
    bindButton(ui->resetButton, ui->actionReset);
    bindButton(ui->backToLiveButton, ui->actionBackToLive);

    connect(ui->actionBakeSync, &QAction::triggered, this, &MainWindow::bakeSync);
    connect(ui->actionBakeAsync, &QAction::triggered, this, &MainWindow::bakeAsync);
    connect(ui->actionBakeThreaded, &QAction::triggered, this, &MainWindow::bakeThreaded);
    connect(ui->actionCancel, &QAction::triggered, this, &MainWindow::cancelBake);
    connect(ui->actionReset, &QAction::triggered, this, &MainWindow::reset);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionPresentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(ui->actionAskForPrediction, &QAction::toggled, this, [this] { saveSettings(); });
    connect(ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Bakeloop"),
                           tr("<h3>Bakeloop %1</h3><p>Bakes a cake two ways so the difference between blocking "
                              "and non-blocking code can be seen: a blocking bake freezes the window, an "
                              "event-loop bake keeps it alive.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });

    // Spin boxes only shape the next bake, so they stay usable while an async bake runs.
    for (QSpinBox *spin : {ui->targetTemperatureSpin, ui->mixCountSpin, ui->stepSpin, ui->cakesSpin})
        connect(spin, &QSpinBox::valueChanged, this, [this] { saveSettings(); });
    // The two traps are two ways of spending the same wait: one at a time. Either applies from the next bake.
    const auto trapToggled = [this](QCheckBox *other, bool on) {
        if (on)
            other->setChecked(false);
        if (m_session.isBusy())
            statusBar()->showMessage(tr("The trap applies from the next bake; this one carries on as it started."),
                                     5000);
    };
    connect(ui->stirByHandCheck, &QCheckBox::toggled, this,
            [this, trapToggled](bool on) { trapToggled(ui->forgotToAwaitCheck, on); });
    connect(ui->forgotToAwaitCheck, &QCheckBox::toggled, this,
            [this, trapToggled](bool on) { trapToggled(ui->stirByHandCheck, on); });
    connect(ui->speedSpin, &QDoubleSpinBox::valueChanged, this, [this] {
        saveSettings();
        updateStatus();
    });
}

void MainWindow::setUpLog()
{
    ui->logView->setModel(m_session.log());
    ui->logView->setItemDelegate(new LogLineDelegate(ui->logView));
    const std::pair<QToolButton *, QAction *> tools[] = {
        {ui->firstButton, ui->actionFirst}, {ui->previousButton, ui->actionPrevious},
        {ui->nextButton, ui->actionNext},   {ui->lastButton, ui->actionLast},
        {ui->copyButton, ui->actionCopy},   {ui->saveButton, ui->actionSaveLog},
    };
    for (const auto &[button, action] : tools) {
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    ui->saveButton->setText(tr("Save…"));

    connect(ui->actionFirst, &QAction::triggered, this, &MainWindow::goToFirstLine);
    connect(ui->actionPrevious, &QAction::triggered, this, &MainWindow::goToPreviousLine);
    connect(ui->actionNext, &QAction::triggered, this, &MainWindow::goToNextLine);
    connect(ui->actionLast, &QAction::triggered, this, &MainWindow::goToLastLine);
    connect(ui->actionBackToLive, &QAction::triggered, this, &MainWindow::backToLive);
    connect(ui->actionCopy, &QAction::triggered, this, &MainWindow::copySelectedLines);
    connect(ui->actionSaveLog, &QAction::triggered, this, &MainWindow::saveLog);

    connect(ui->logView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current.isValid() ? current.row() : -1); });
    // A hundred cakes report at once each step: the views follow the new lines once per frame, not once a line.
    m_logFollowTimer.setSingleShot(true);
    m_logFollowTimer.setInterval(logFollowIntervalMs);
    connect(m_session.log(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_logFollowTimer.isActive())
            m_logFollowTimer.start();
    });
    connect(&m_logFollowTimer, &QTimer::timeout, this, [this] {
        // Follow the newest line while live; a replay keeps its place.
        if (m_replayedRow < 0)
            ui->logView->scrollToBottom();
        updateActions();
        refreshTimeline();
    });
    connect(m_session.log(), &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
}

void MainWindow::setUpPanels()
{
    // The panels sit beside the log, so the kitchen and the log stay in view whichever panel is open.
    ui->lowerSplitter->setStretchFactor(0, 1);
    ui->lowerSplitter->setStretchFactor(1, 1);

    ui->timeline->setLog(m_session.log());
    connect(ui->timeline, &TimelineView::rowClicked, this, &MainWindow::selectRow);
    connect(m_session.log(), &BakeLogModel::runChanged, this, &MainWindow::refreshTimeline);
    connect(m_session.log(), &QAbstractItemModel::modelReset, this, &MainWindow::refreshTimeline);
    // While an async bake runs, the waits grow with the clock.
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshTimeline);

    m_runsModel = new RunsTableModel(m_session.log(), this);
    m_sortedRuns = new QSortFilterProxyModel(this);
    m_sortedRuns->setSourceModel(m_runsModel);
    m_sortedRuns->setSortRole(RunsTableModel::SortRole);
    ui->runsView->setModel(m_sortedRuns);
    ui->runsView->verticalHeader()->hide();
    // Each run is measured as it comes and changes; resizing to the whole table's contents cost more every run.
    new ColumnFitter(ui->runsView);
    ui->runsView->horizontalHeader()->setStretchLastSection(true);
    ui->runsView->sortByColumn(RunsTableModel::RunColumn, Qt::AscendingOrder);
    // Choosing a run shows it in the log: its header row, and the kitchen before its first line.
    connect(ui->runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                const int run = current.data(RunsTableModel::RunRole).toInt();
                if (run >= 0 && run < m_session.log()->runCount())
                    selectRow(m_session.log()->headerRow(run));
            });
    refreshTimeline();

    // The source of what the window shows, with each task's line lit in its colour. Idle, that is the next bake:
    // every recipe value and trap set meanwhile, and again once a bake ends.
    for (QSpinBox *spin : {ui->targetTemperatureSpin, ui->mixCountSpin, ui->stepSpin, ui->cakesSpin})
        connect(spin, &QSpinBox::valueChanged, this, [this] { showSource(false); });
    connect(ui->speedSpin, &QDoubleSpinBox::valueChanged, this, [this] { showSource(false); });
    for (QCheckBox *trap : {ui->stirByHandCheck, ui->forgotToAwaitCheck})
        connect(trap, &QCheckBox::toggled, this, [this] { showSource(false); });
    connect(&m_session, &BakeSession::bakeFinished, this, [this] { showSource(true); });
    showSource(true);

    // The loop's queue, and stepping through it one resumption at a time.
    const std::pair<QToolButton *, QAction *> stepTools[] = {{ui->stepModeButton, ui->actionStepMode},
                                                             {ui->stepButton, ui->actionStep},
                                                             {ui->continueButton, ui->actionContinue}};
    for (const auto &[button, action] : stepTools) {
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    connect(ui->actionStepMode, &QAction::toggled, this, [this](bool on) {
        m_session.setStepping(on);
        if (on)
            ui->panelTabs->setCurrentWidget(ui->pendingTab);
        updateActions();
    });
    connect(ui->actionStep, &QAction::triggered, this, &MainWindow::stepOnce);
    connect(ui->actionContinue, &QAction::triggered, this, [this] { ui->actionStepMode->setChecked(false); });
    connect(&m_session, &BakeSession::pendingWorkChanged, this, &MainWindow::refreshPendingWork);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshPendingWork);
    refreshPendingWork();

    connect(ui->actionExportTrace, &QAction::triggered, this, &MainWindow::exportTrace);
    connect(ui->actionExportCsv, &QAction::triggered, this, &MainWindow::exportCsv);
}

void MainWindow::showSource(bool bringUpItsMode)
{
    const BakeLogModel *log = m_session.log();
    BakeParameters recipe = parameters();
    // Before any bake the window stands ready for an async one; afterwards, for another of the last one's mode.
    BakeMode mode = m_session.currentMode().value_or(BakeMode::Async);
    if (m_replayedRow >= 0) {
        const int run = log->runOfRow(m_replayedRow);
        recipe = log->runParameters(run);
        mode = log->runMode(run);
    } else if (m_session.isBaking()) {
        recipe = m_session.currentDriver()->parameters();
    }
    ui->sourceView->setParameters(recipe);
    if (bringUpItsMode)
        ui->sourceView->setMode(mode);
}

void MainWindow::refreshPendingWork()
{
    // A few rows are all a panel can show; the queue's length is given beside them.
    static constexpr qsizetype shownWakes = 50;
    QList<PendingWorkView::Item> items;
    const QList<WakeQueue::Wake> wakes = m_session.pendingWakes(shownWakes);
    for (const WakeQueue::Wake &wake : wakes)
        items.append({int(wake.cake), wake.task, wake.timeNs / 1000000});
    const qsizetype total = m_session.pendingWakeCount();
    const bool held = m_session.isPausedForStep();
    ui->pendingView->setPending(items, m_session.elapsedMs(), total, held);
    if (held && m_replayedRow < 0 && !items.isEmpty()) {
        showBanner(tr("<b>The loop holds %1 before it resumes.</b> Step (F10) lets it run that one task; "
                      "Continue (F5) lets the loop run freely again.")
                       .arg(taskName(items.constFirst().task)),
                   false);
    }
    updateActions();
}

void MainWindow::stepOnce()
{
    ui->panelTabs->setCurrentWidget(ui->pendingTab);
    if (!m_session.isStepping()) {
        statusBar()->showMessage(tr("Step works in step mode: turn it on with Ctrl+T, then bake async."), 5000);
        return;
    }
    if (!m_session.step())
        statusBar()->showMessage(tr("Nothing waits on the event loop, so there is nothing to step: start an async "
                                    "bake first."),
                                 5000);
}

int MainWindow::runToExport() const
{
    const BakeLogModel *log = m_session.log();
    if (log->runCount() == 0)
        return -1;
    const int row = currentRow();
    const int run = row >= 0 ? log->runOfRow(row) : log->runCount() - 1;
    return log->runOutcome(run) ? run : -1;
}

bool MainWindow::exportRunTo(int run, ExportFormat format, const QString &path, QString *error) const
{
    if (format == ExportFormat::ChromeTrace)
        return ChromeTraceWriter(*m_session.log(), run).write(path, error);
    return CsvLogWriter(*m_session.log(), run).write(path, error);
}

void MainWindow::exportTrace()
{
    exportRun(ExportFormat::ChromeTrace);
}

void MainWindow::exportCsv()
{
    exportRun(ExportFormat::Csv);
}

void MainWindow::exportRun(ExportFormat format)
{
    const int run = runToExport();
    if (run < 0) {
        statusBar()->showMessage(m_session.log()->runCount() == 0
                                     ? tr("There is no run to export yet: bake something first.")
                                     : tr("The run is still baking: export it when it has finished."),
                                 5000);
        return;
    }
    const bool trace = format == ExportFormat::ChromeTrace;
    QSettings settings;
    const QString folder
        = settings
              .value(QStringLiteral("log/folder"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    const QString suggested
        = QStringLiteral("%1/bakeloop-run%2-%3.%4")
              .arg(folder)
              .arg(run + 1)
              .arg(bakeModeName(m_session.log()->runMode(run)), trace ? QStringLiteral("json") : QStringLiteral("csv"));
    const QString path = QFileDialog::getSaveFileName(this, trace ? tr("Export Trace") : tr("Export CSV"), suggested,
                                                      trace ? tr("Trace files (*.json);;All files (*)")
                                                            : tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportRunTo(run, format, path, &error)) {
        QMessageBox::warning(this, tr("Could Not Export the Run"),
                             tr("%1\n\nNothing else was changed; try another place.").arg(error));
        return;
    }
    settings.setValue(QStringLiteral("log/folder"), QFileInfo(path).absolutePath());
    statusBar()->showMessage(
        trace ? tr("Exported run %1 as a trace to %2; open it in Perfetto or chrome://tracing.").arg(run + 1).arg(path)
              : tr("Exported run %1 as CSV to %2").arg(run + 1).arg(path),
        6000);
}

void MainWindow::refreshTimeline()
{
    const BakeLogModel *log = m_session.log();
    std::vector<RunTrace> traces;
    const int first = std::max(0, log->runCount() - TimelineView::maxRuns);
    for (int run = first; run < log->runCount(); ++run) {
        const bool running = run == log->runCount() - 1 && !log->runOutcome(run);
        traces.push_back(RunTrace::fromLog(*log, run, running ? m_session.elapsedMs() : -1));
    }
    ui->timeline->setTraces(std::move(traces));
}

void MainWindow::setUpStatusBar()
{
    m_modeLabel = new QLabel(this);
    m_elapsedLabel = new QLabel(this);
    m_totalLabel = new QLabel(this);
    m_stallLabel = new QLabel(this);
    statusBar()->addWidget(m_modeLabel);
    statusBar()->addWidget(m_elapsedLabel);
    statusBar()->addPermanentWidget(m_totalLabel);
    statusBar()->addPermanentWidget(m_stallLabel);
}

BakeParameters MainWindow::parameters() const
{
    BakeParameters parameters;
    parameters.targetTemperature = ui->targetTemperatureSpin->value();
    parameters.mixCount = ui->mixCountSpin->value();
    parameters.stepMs = ui->stepSpin->value();
    parameters.speedPercent = int(std::lround(ui->speedSpin->value() * 100));
    parameters.cakes = ui->cakesSpin->value();
    parameters.mixTrap = ui->stirByHandCheck->isChecked() ? MixTrap::StirByHand
        : ui->forgotToAwaitCheck->isChecked()             ? MixTrap::ForgotToAwait
                                                          : MixTrap::None;
    return parameters;
}

void MainWindow::setParameters(const BakeParameters &parameters)
{
    // Set by the program, not by the user: the settings keep what the user chose.
    const QScopedValueRollback holdSettings(m_settingsHeld, true);
    ui->targetTemperatureSpin->setValue(parameters.targetTemperature);
    ui->mixCountSpin->setValue(parameters.mixCount);
    ui->stepSpin->setValue(parameters.stepMs);
    ui->speedSpin->setValue(parameters.speedPercent / 100.0);
    ui->cakesSpin->setValue(parameters.cakes);
    ui->stirByHandCheck->setChecked(parameters.mixTrap == MixTrap::StirByHand);
    ui->forgotToAwaitCheck->setChecked(parameters.mixTrap == MixTrap::ForgotToAwait);
}

void MainWindow::bakeSync()
{
    bake(BakeMode::Sync);
}

void MainWindow::bakeAsync()
{
    bake(BakeMode::Async);
}

void MainWindow::bakeThreaded()
{
    bake(BakeMode::Threaded);
}

void MainWindow::bake(BakeMode mode)
{
    if (m_session.isBusy()) {
        // Shortcuts and buttons are disabled meanwhile; this catches a call from anywhere else.
        statusBar()->showMessage(tr("A bake is already running: cancel it or wait for it to end."), 4000);
        return;
    }
    BakeParameters recipe = parameters();
    if (recipe.mixTrap == MixTrap::ForgotToAwait && mode != BakeMode::Async) {
        // Only async code can forget an await; the other modes bake as they always do.
        recipe.mixTrap = MixTrap::None;
        statusBar()->showMessage(tr("\u201cForgot to await\u201d is a trap of async code; this %1 runs without it.")
                                     .arg(bakeModeTitle(mode)),
                                 6000);
    }
    // Refused before anything freezes: a bake that cannot start must not take the window's input meanwhile.
    if (const QString invalid = recipe.validationError(mode); !invalid.isEmpty()) {
        showBanner(tr("<b>Not baked:</b> %1.").arg(invalid.toHtmlEscaped()), false);
        return;
    }
    // A freeze is the lesson, but one that outlasts a class's patience is a hang: refuse it, and say why.
    if (const QString freeze = recipe.windowFreezeError(mode); !freeze.isEmpty()) {
        showBanner(tr("<b>Not baked:</b> %1.").arg(freeze.toHtmlEscaped()), false);
        statusBar()->showMessage(tr("The bake was refused: it would freeze the window too long."), 6000);
        return;
    }
    // Predict first: the guess is asked before anything starts; Skip bakes without one.
    // A scripted run (--autostart) never stops to ask.
    if (ui->actionAskForPrediction->isChecked() && !m_prediction && m_remembersSettings) {
        bool askAgain = true;
        m_prediction = PredictionDialog::ask(mode, recipe, this, &askAgain);
        ui->actionAskForPrediction->setChecked(askAgain);
    }
    // The bake buttons are about to be disabled; rather than let focus fall on a spin box (where arrows would
    // change the recipe), hand it to the log, where the arrows step through the lines as they come.
    if (ui->bakeSyncButton->hasFocus() || ui->bakeAsyncButton->hasFocus() || ui->bakeThreadedButton->hasFocus())
        ui->logView->setFocus(Qt::OtherFocusReason);
    ui->ovenGauge->setGlideDurationMs(std::min(maxGlideMs, int(recipe.stepMs * glideShareOfStep)));
    backToLive();

    if (mode == BakeMode::Sync && m_session.isStepping())
        statusBar()->showMessage(tr("Step mode holds the event loop's tasks; a sync bake never gives the loop a "
                                    "turn, so it runs straight through."),
                                 6000);
    // A sync bake blocks this thread for real, and so does async code that forgot to await.
    const bool freezes = mode == BakeMode::Sync || recipe.mixTrap == MixTrap::ForgotToAwait;
    if (freezes) {
        m_freezing = true;
        if (mode == BakeMode::Sync) {
            showBanner(tr("<b>Sync bake running: the event loop is blocked.</b> Nothing in this window can move or "
                          "answer for %1. Try clicking anything.")
                           .arg(seconds(recipe.wallMs(recipe.idealMs(BakeMode::Sync)))),
                       false);
        } else {
            showBanner(tr("<b>Forgot to await:</b> the mixing step calls time.sleep() inside async code, so it never "
                          "hands the loop back, and everything freezes until the mixing is done."),
                       false);
        }
        updateActions();
        updateStatus();
        // Layouts settle on the loop's next turn, which will not come: settle them now, or new texts are clipped.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        // One last frame before the thread blocks, so the frozen window says what is going on.
        repaint();
        m_inputGuard->beginFreeze();
    }
    const bool started = m_session.bake(mode, recipe);
    // A sync bake has ended by now. The recipe that forgot to await freezes the loop on its next turns, when the
    // bowls run their blocking mixing, which a bake that did not start never does.
    m_freezesUntilTheMixingEnds = started && freezes && mode == BakeMode::Async;
    if (freezes && !m_freezesUntilTheMixingEnds)
        endFreeze();
    if (!started) {
        showBanner(tr("Could not start the bake: %1").arg(m_session.errorString()), false);
    } else {
        // The driver's kitchens exist once it has started; a many-cake bake opens the grid of them.
        ui->cakeGrid->setCakes(m_session.currentDriver());
        if (recipe.cakes > 1)
            ui->panelTabs->setCurrentWidget(ui->cakesTab);
    }
    // bakeStarted() comes before the driver runs, so Cancel can only be offered now.
    updateActions();
}

void MainWindow::endFreeze()
{
    m_inputGuard->endFreeze();
    m_freezing = false;
    m_freezesUntilTheMixingEnds = false;
    updateActions();
}

void MainWindow::onBakeStarted(BakeMode mode, const BakeParameters &parameters)
{
    m_lastMaxStallMs = -1;
    m_lastOutcome.reset();
    ui->lagMeter->resetMaximum();
    ui->ovenGauge->setTargetTemperature(parameters.targetTemperature);
    ui->mixingBowl->setMixCount(parameters.mixCount);
    ui->sourceView->setParameters(parameters);
    ui->sourceView->setMode(mode);
    if (mode == BakeMode::Async) {
        showBanner(tr("<b>Async bake running.</b> Both tasks wait on timers, so the loop stays free: scroll the "
                      "log, resize the window, change the recipe for the next bake."),
                   false);
        m_statusTimer.start();
    } else if (mode == BakeMode::Threaded) {
        showBanner(tr("<b>Threaded bake running.</b> Each task sleeps on a worker thread of its own and hands its "
                      "lines to this window through the event loop, which stays free. Two lines due at the same "
                      "moment come from two threads racing: their order can differ from run to run."),
                   false);
        m_statusTimer.start();
    }
    if (parameters.mixTrap == MixTrap::StirByHand) {
        const QString why = mode == BakeMode::Async
            ? tr("each mixing step keeps the loop's only thread busy instead of awaiting, so the loop stalls a "
                 "step at a time and the oven, due meanwhile, falls behind: watch the heartbeat stutter.")
            : mode == BakeMode::Threaded
            ? tr("each mixing step keeps its worker's core busy; the loop on this thread never notices.")
            : tr("each mixing step computes instead of sleeping; to a blocking bake it is all the same.");
        showBanner(tr("<b>Stir by hand:</b> %1").arg(why), false);
    }
    updateActions();
    updateStatus();
}

void MainWindow::onEntryAppended(const LogEntry &entry)
{
    if (m_replayedRow >= 0 || entry.cake != 0)
        return;
    ui->ovenGauge->setTemperature(entry.kitchen.oven().temperature(), true);
    ui->mixingBowl->setMixesDone(entry.kitchen.bowl().mixesDone(), true);
}

void MainWindow::onBakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats)
{
    Q_UNUSED(lateHeartbeats)
    m_statusTimer.stop();
    m_lastMaxStallMs = maxStallMs;
    m_lastOutcome = outcome;
    // The meter's own heartbeat started a moment before the bake's; show the bake's figure, as the report does.
    ui->lagMeter->setMaximum(maxStallMs);
    if (m_replayedRow < 0) {
        const QString result = outcome.cancelled
            ? tr("<b>%1 cancelled</b> after %2.").arg(bakeModeTitle(outcome.mode), seconds(outcome.totalMs))
            : tr("<b>%1 done</b> in %2 (ideal %3); the loop's longest stall was %4 ms.")
                  .arg(bakeModeTitle(outcome.mode), seconds(outcome.totalMs), seconds(outcome.idealMs()))
                  .arg(maxStallMs);
        showBanner(result + tr(" Select a log line to replay that moment."), false);
    }
    if (const QString cutShort = m_session.currentDriver()->errorString(); outcome.cancelled && !cutShort.isEmpty())
        showBanner(tr("<b>The bake was cut short:</b> %1. Try fewer cakes, or bake them async: one thread "
                      "holds them all.")
                       .arg(cutShort.toHtmlEscaped()),
                   false);
    if (m_prediction) {
        const BakeLogModel *log = m_session.log();
        const PredictionResult verdict(*m_prediction, outcome, log->entries(log->runCount() - 1));
        showBanner(
            QStringLiteral("<b>%1</b> %2").arg(verdict.headline().toHtmlEscaped(), verdict.details().toHtmlEscaped()),
            false);
        m_prediction.reset();
    }
    updateActions();
    updateStatus();
    if (m_closeWhenMeasured) {
        m_closeWhenMeasured = false;
        // After every other receiver of bakeMeasured, the report writer among them.
        QTimer::singleShot(0, this, &QWidget::close);
    }
}

void MainWindow::onInputWaited(const QString &what, qint64 waitedMs, bool waitIsEstimate)
{
    const QString text = waitIsEstimate ? tr("your %1 waited up to %2 for the frozen loop").arg(what, seconds(waitedMs))
                                        : tr("your %1 waited %2 for the frozen loop").arg(what, seconds(waitedMs));
    m_session.log()->appendNote(m_session.elapsedMs(), text);
    qCDebug(lcApp) << "input during the freeze:" << text;
}

void MainWindow::cancelBake()
{
    m_session.cancel();
}

void MainWindow::reset()
{
    if (!m_session.clearLog()) {
        statusBar()->showMessage(tr("Reset waits for the bake to end or be cancelled."), 4000);
        return;
    }
    m_replayedRow = -1;
    m_lastMaxStallMs = -1;
    m_lastOutcome.reset();
    ui->lagMeter->resetMaximum();
    const BakeParameters recipe = parameters();
    ui->ovenGauge->setTargetTemperature(recipe.targetTemperature);
    ui->mixingBowl->setMixCount(recipe.mixCount);
    showKitchen(Kitchen(recipe.targetTemperature, recipe.mixCount), 0, false);
    showSource(true);
    showBanner(tr("The kitchen is cold again."), false);
    updateActions();
    updateStatus();
}

void MainWindow::showKitchen(const Kitchen &kitchen, qint64 atMs, bool live)
{
    ui->ovenGauge->setTargetTemperature(kitchen.oven().targetTemperature());
    ui->ovenGauge->setTemperature(kitchen.oven().temperature(), live);
    ui->ovenGauge->setTaskState(kitchen.state(TaskId::Preheat), waitRemaining(kitchen, TaskId::Preheat, atMs), live);
    ui->mixingBowl->setMixCount(kitchen.bowl().mixCount());
    ui->mixingBowl->setMixesDone(kitchen.bowl().mixesDone(), live);
    ui->mixingBowl->setTaskState(kitchen.state(TaskId::Mix), waitRemaining(kitchen, TaskId::Mix, atMs), live);
    ui->sourceView->setKitchen(kitchen);
}

void MainWindow::showLiveKitchen()
{
    if (const Kitchen *kitchen = m_session.liveKitchen()) {
        showKitchen(*kitchen, m_session.elapsedMs(), true);
        return;
    }
    const BakeParameters recipe = parameters();
    showKitchen(Kitchen(recipe.targetTemperature, recipe.mixCount), 0, false);
}

void MainWindow::showBanner(const QString &text, bool offerBackToLive)
{
    ui->bannerLabel->setText(text);
    ui->backToLiveButton->setVisible(offerBackToLive);
}

void MainWindow::onCurrentRowChanged(int row)
{
    const BakeLogModel *log = m_session.log();
    if (row < 0 || row >= log->rowCount() || log->isNote(row)) {
        if (m_replayedRow >= 0 && row < 0)
            backToLive();
        return;
    }
    m_replayedRow = row;
    ui->timeline->setSelectedRow(row);
    const int run = log->runOfRow(row);
    showSource(true);
    const int lines = log->entryCount(run);
    if (log->isHeader(row)) {
        const BakeParameters recipe = log->runParameters(run);
        showKitchen(Kitchen(recipe.targetTemperature, recipe.mixCount), 0, false);
        showBanner(tr("<b>Replaying the start</b> of %1, before its first line.").arg(log->runTitle(run)), true);
    } else {
        const LogEntry &entry = log->entry(row);
        showKitchen(entry.kitchen, entry.timeMs, false);
        showBanner(tr("<b>Replaying %1 of %2</b> · %3 · at %4 ms")
                       .arg(log->entryNumber(row))
                       .arg(lines)
                       .arg(bakeModeTitle(log->runMode(run)))
                       .arg(entry.timeMs),
                   true);
    }
    updateActions();
}

void MainWindow::backToLive()
{
    const bool wasReplaying = m_replayedRow >= 0;
    m_replayedRow = -1;
    ui->timeline->setSelectedRow(-1);
    if (ui->logView->selectionModel()->currentIndex().isValid()) {
        // Clearing the current row calls back into onCurrentRowChanged(-1), which must find us live already.
        ui->logView->selectionModel()->clear();
    }
    showLiveKitchen();
    if (wasReplaying) {
        showSource(true);
        showBanner(m_session.isBaking() ? tr("<b>Live.</b> The bake goes on.") : tr("<b>Live.</b>"), false);
    }
    updateActions();
}

int MainWindow::currentRow() const
{
    const QModelIndex current = ui->logView->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void MainWindow::selectRow(int row)
{
    if (row < 0)
        return;
    const QModelIndex index = m_session.log()->index(row);
    ui->logView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    ui->logView->scrollTo(index);
    // Stepping leaves the keyboard in the log, so the arrow keys carry on from the line just shown.
    ui->logView->setFocus(Qt::ShortcutFocusReason);
}

int MainWindow::entryRowFrom(int row, int step) const
{
    const BakeLogModel *log = m_session.log();
    for (int r = row + step; r >= 0 && r < log->rowCount(); r += step) {
        if (!log->isHeader(r) && !log->isNote(r))
            return r;
    }
    return -1;
}

void MainWindow::goToFirstLine()
{
    const BakeLogModel *log = m_session.log();
    if (log->runCount() == 0)
        return;
    const int row = currentRow();
    const int run = row >= 0 ? log->runOfRow(row) : log->runCount() - 1;
    selectRow(entryRowFrom(log->headerRow(run), 1));
}

void MainWindow::goToPreviousLine()
{
    const int row = currentRow();
    selectRow(entryRowFrom(row >= 0 ? row : m_session.log()->rowCount(), -1));
}

void MainWindow::goToNextLine()
{
    selectRow(entryRowFrom(currentRow(), 1));
}

void MainWindow::goToLastLine()
{
    const BakeLogModel *log = m_session.log();
    if (log->runCount() == 0)
        return;
    const int row = currentRow();
    const int run = row >= 0 ? log->runOfRow(row) : log->runCount() - 1;
    const int end = run + 1 < log->runCount() ? log->headerRow(run + 1) : log->rowCount();
    const int last = entryRowFrom(end, -1);
    if (last >= 0 && log->runOfRow(last) == run)
        selectRow(last);
}

QString MainWindow::selectedLines() const
{
    QModelIndexList rows = ui->logView->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows))
        lines << m_session.log()->line(index.row());
    return lines.join(QLatin1Char('\n'));
}

void MainWindow::copySelectedLines()
{
    const QString lines = selectedLines();
    if (lines.isEmpty()) {
        statusBar()->showMessage(tr("Select log lines to copy first."), 3000);
        return;
    }
    QGuiApplication::clipboard()->setText(lines + QLatin1Char('\n'));
    statusBar()->showMessage(tr("Copied %n line(s).", nullptr, int(lines.count(QLatin1Char('\n')) + 1)), 3000);
}

bool MainWindow::saveLogTo(const QString &path, QString *error) const
{
    const BakeLogModel *log = m_session.log();
    QStringList lines;
    for (int row = 0; row < log->rowCount(); ++row)
        lines << log->line(row);
    const QByteArray text = (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
    // Only a regular file, and only whole: a save that fails halfway leaves the earlier file as it was.
    return OutputFile(path).write(text, error);
}

void MainWindow::saveLog()
{
    if (m_session.log()->rowCount() == 0) {
        statusBar()->showMessage(tr("The log is empty: bake something first."), 3000);
        return;
    }
    QSettings settings;
    const QString folder
        = settings
              .value(QStringLiteral("log/folder"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Log"), folder + QStringLiteral("/bakeloop-log.txt"), tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveLogTo(path, &error)) {
        QMessageBox::warning(
            this, tr("Could Not Save the Log"),
            tr("The log could not be saved to %1:\n%2\n\nThe log is still here; try another place.").arg(path, error));
        return;
    }
    settings.setValue(QStringLiteral("log/folder"), QFileInfo(path).absolutePath());
    statusBar()->showMessage(tr("Saved the log to %1").arg(path), 4000);
}

void MainWindow::setPresentationMode(bool on)
{
    if (on) {
        QFont larger = m_normalFont;
        larger.setPointSizeF(m_normalFont.pointSizeF() * presentationFontScale);
        setFont(larger);
        showFullScreen();
    } else {
        setFont(m_normalFont);
        showNormal();
    }
    if (ui->actionPresentation->isChecked() != on)
        ui->actionPresentation->setChecked(on);
}

void MainWindow::updateActions()
{
    const bool busy = m_session.isBusy() || m_freezing;
    const BakeLogModel *log = m_session.log();
    const bool hasRows = log->rowCount() > 0;
    const int row = currentRow();

    ui->actionBakeSync->setEnabled(!busy);
    ui->actionBakeAsync->setEnabled(!busy);
    ui->actionBakeThreaded->setEnabled(!busy);
    // A sync bake cannot be cancelled from the window: the frozen loop would never see the click.
    ui->actionCancel->setEnabled(m_session.isBaking() && !m_freezing);
    ui->actionReset->setEnabled(!busy && hasRows);
    ui->actionSaveLog->setEnabled(hasRows);
    ui->actionCopy->setEnabled(ui->logView->selectionModel()->hasSelection());
    ui->actionFirst->setEnabled(hasRows);
    ui->actionLast->setEnabled(hasRows);
    ui->actionPrevious->setEnabled(entryRowFrom(row >= 0 ? row : log->rowCount(), -1) >= 0);
    ui->actionNext->setEnabled(entryRowFrom(row, 1) >= 0);
    ui->actionBackToLive->setEnabled(m_replayedRow >= 0);
    ui->actionStepMode->setEnabled(!m_freezing);
    ui->actionStep->setEnabled(m_session.isStepping() && !m_freezing);
    ui->actionContinue->setEnabled(m_session.isStepping() && !m_freezing);
    const bool exportable = runToExport() >= 0;
    ui->actionExportTrace->setEnabled(exportable);
    ui->actionExportCsv->setEnabled(exportable);
}

void MainWindow::setLoopWatchActive(bool active)
{
    m_liveMonitor.setIntervalMs(active ? LoopMonitor::heartbeatMs : restingHeartbeatMs);
    ui->heartbeat->setActive(active);
}

void MainWindow::updateStatus()
{
    if (m_freezing) {
        // Painted once before the sync bake blocks, and then frozen on screen for the whole bake.
        m_modeLabel->setText(tr("Mode: %1 · the event loop is blocked").arg(bakeModeTitle(BakeMode::Sync)));
        m_elapsedLabel->clear();
        m_totalLabel->setText(tr("Ideal %1").arg(seconds(parameters().idealMs(BakeMode::Sync))));
        m_stallLabel->clear();
        return;
    }
    const std::optional<BakeMode> mode = m_session.currentMode();
    m_modeLabel->setText(mode ? tr("Mode: %1").arg(bakeModeTitle(*mode)) : tr("Mode: none yet"));
    const BakeParameters recipe
        = mode && m_session.currentDriver() ? m_session.currentDriver()->parameters() : parameters();
    // At another speed the recipe's clock and the wall clock part: show both, the recipe's first.
    QString elapsed;
    if (mode)
        elapsed = tr("Elapsed %1 of the recipe · %2 wall at %3")
                      .arg(seconds(m_session.elapsedMs()), seconds(m_session.currentDriver()->wallElapsedMs()),
                           recipe.speedText());
    m_elapsedLabel->setText(elapsed);
    const BakeMode shown = mode.value_or(BakeMode::Async);
    // Once measured, the total is the outcome's, the figure the log header and the report give too.
    m_totalLabel->setText(
        m_session.isBusy() || !m_lastOutcome
            ? tr("Ideal %1").arg(seconds(recipe.idealMs(shown)))
            : tr("Total %1 · ideal %2").arg(seconds(m_lastOutcome->totalMs), seconds(m_lastOutcome->idealMs()))
                + (m_lastOutcome->parameters.speedPercent == 100
                       ? QString()
                       : tr(" · wall %1 at %2")
                             .arg(seconds(m_lastOutcome->wallMs), m_lastOutcome->parameters.speedText())));
    m_stallLabel->setText(m_lastMaxStallMs >= 0 ? tr("Largest stall %1 ms").arg(m_lastMaxStallMs) : QString());
}

void MainWindow::loadSettings()
{
    // Read, not written back: what was read is what the file says, and a scripted run writes nothing.
    const QScopedValueRollback holdSettings(m_settingsHeld, true);
    QSettings settings;
    const RecipeSettings stored = RecipeSettings::read(settings);
    ui->actionAskForPrediction->setChecked(stored.askForPrediction);
    setParameters(stored.recipe);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    ui->mainSplitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveSettings()
{
    if (!m_remembersSettings || m_settingsHeld)
        return;
    QSettings settings;
    RecipeSettings stored;
    stored.recipe = parameters();
    stored.askForPrediction = ui->actionAskForPrediction->isChecked();
    if (!stored.write(settings) && !m_settingsFailureShown) {
        // Said once: every later change would fail the same way, and the window works on regardless.
        m_settingsFailureShown = true;
        qCWarning(lcApp).noquote() << "settings: cannot write" << settings.fileName();
        statusBar()->showMessage(tr("Your settings cannot be saved: %1 cannot be written. Changes last until "
                                    "Bakeloop closes.")
                                     .arg(settings.fileName()),
                                 settingsFailureMessageMs);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_session.isBusy()) {
        // The bake is cancelled and the window goes once it has been measured: whatever the mode, its cancelled
        // run reaches the log, and a scripted run writes its report and exports before the process ends.
        m_closeWhenMeasured = true;
        m_session.cancel();
        showBanner(tr("<b>Closing:</b> the bake is being cancelled."), false);
        event->ignore();
        return;
    }
    if (m_remembersSettings) {
        saveSettings();
        QSettings settings;
        if (!ui->actionPresentation->isChecked())
            settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/splitter"), ui->mainSplitter->saveState());
    }
    event->accept();
    Q_EMIT closed();
}
