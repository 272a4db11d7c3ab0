// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "applogging.h"
#include "loglinedelegate.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace {
/// How often the status bar's clock updates while the loop is free.
constexpr int statusIntervalMs = 100;
/// The needle glides over this share of a step, so it has arrived well before the next report.
constexpr double glideShareOfStep = 0.6;
constexpr int maxGlideMs = 800;
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

    connect(&m_session, &BakeSession::bakeStarted, this, &MainWindow::onBakeStarted);
    connect(&m_session, &BakeSession::entryAppended, this, &MainWindow::onEntryAppended);
    connect(&m_session, &BakeSession::kitchenChanged, this, [this] {
        if (m_replayedRow < 0)
            showLiveKitchen();
    });
    connect(&m_session, &BakeSession::bakeFinished, this, [this] {
        updateActions();
        updateStatus();
    });
    connect(&m_session, &BakeSession::bakeMeasured, this, &MainWindow::onBakeMeasured);
    connect(m_inputGuard, &FreezeInputGuard::inputWaited, this, &MainWindow::onInputWaited);

    // The lag meter watches the loop all the time, not only during bakes: a free loop is part of the lesson.
    connect(&m_liveMonitor, &LoopMonitor::heartbeat, ui->lagMeter, &LagMeter::setLag);
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
    setParameters(BakeParameters{});

    bindButton(ui->bakeSyncButton, ui->actionBakeSync);
    bindButton(ui->bakeAsyncButton, ui->actionBakeAsync);
    bindButton(ui->cancelButton, ui->actionCancel);
    bindButton(ui->resetButton, ui->actionReset);
    bindButton(ui->backToLiveButton, ui->actionBackToLive);

    connect(ui->actionBakeSync, &QAction::triggered, this, &MainWindow::bakeSync);
    connect(ui->actionBakeAsync, &QAction::triggered, this, &MainWindow::bakeAsync);
    connect(ui->actionCancel, &QAction::triggered, this, &MainWindow::cancelBake);
    connect(ui->actionReset, &QAction::triggered, this, &MainWindow::reset);
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionPresentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    connect(ui->actionAbout, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Bakeloop"),
                           tr("<h3>Bakeloop %1</h3><p>Bakes a cake two ways so the difference between blocking "
                              "and non-blocking code can be seen: a blocking bake freezes the window, an "
                              "event-loop bake keeps it alive.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });

    // Spin boxes only shape the next bake, so they stay usable while an async bake runs.
    for (QSpinBox *spin : {ui->targetTemperatureSpin, ui->mixCountSpin, ui->stepSpin})
        connect(spin, &QSpinBox::valueChanged, this, [this] { saveSettings(); });
}

void MainWindow::setUpLog()
{
    ui->logView->setModel(m_session.log());
    ui->logView->setItemDelegate(new LogLineDelegate(ui->logView));
    const std::pair<QToolButton *, QAction *> tools[] = {
        {ui->firstButton, ui->actionFirst}, {ui->previousButton, ui->actionPrevious}, {ui->nextButton, ui->actionNext},
        {ui->lastButton, ui->actionLast},   {ui->copyButton, ui->actionCopy},         {ui->saveButton, ui->actionSaveLog},
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
    connect(m_session.log(), &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow the newest line while live; a replay keeps its place.
        if (m_replayedRow < 0)
            ui->logView->scrollToBottom();
        updateActions();
    });
    connect(m_session.log(), &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
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
    return parameters;
}

void MainWindow::setParameters(const BakeParameters &parameters)
{
    ui->targetTemperatureSpin->setValue(parameters.targetTemperature);
    ui->mixCountSpin->setValue(parameters.mixCount);
    ui->stepSpin->setValue(parameters.stepMs);
}

void MainWindow::bakeSync()
{
    bake(BakeMode::Sync);
}

void MainWindow::bakeAsync()
{
    bake(BakeMode::Async);
}

void MainWindow::bake(BakeMode mode)
{
    if (m_session.isBusy()) {
        // Shortcuts and buttons are disabled meanwhile; this catches a call from anywhere else.
        statusBar()->showMessage(tr("A bake is already running: cancel it or wait for it to end."), 4000);
        return;
    }
    const BakeParameters recipe = parameters();
    ui->ovenGauge->setGlideDurationMs(std::min(maxGlideMs, int(recipe.stepMs * glideShareOfStep)));
    backToLive();

    if (mode == BakeMode::Sync) {
        m_freezing = true;
        showBanner(tr("<b>Sync bake running: the event loop is blocked.</b> Nothing in this window can move or "
                      "answer for %1. Try clicking anything.")
                       .arg(seconds(recipe.idealMs(BakeMode::Sync))),
                   false);
        updateActions();
        updateStatus();
        // One last frame before the thread blocks, so the frozen window says what is going on.
        repaint();
        m_inputGuard->beginFreeze();
    }
    const bool started = m_session.bake(mode, recipe);
    if (mode == BakeMode::Sync) {
        m_inputGuard->endFreeze();
        m_freezing = false;
    }
    if (!started)
        showBanner(tr("Could not start the bake: %1").arg(m_session.errorString()), false);
    // bakeStarted() comes before the driver runs, so Cancel can only be offered now.
    updateActions();
}

void MainWindow::onBakeStarted(BakeMode mode, const BakeParameters &parameters)
{
    m_lastMaxStallMs = -1;
    ui->lagMeter->resetMaximum();
    ui->ovenGauge->setTargetTemperature(parameters.targetTemperature);
    ui->mixingBowl->setMixCount(parameters.mixCount);
    if (mode == BakeMode::Async) {
        showBanner(tr("<b>Async bake running.</b> Both tasks wait on timers, so the loop stays free: scroll the "
                      "log, resize the window, change the recipe for the next bake."),
                   false);
        m_statusTimer.start();
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
    if (m_replayedRow < 0) {
        const QString result = outcome.cancelled
            ? tr("<b>%1 cancelled</b> after %2.").arg(bakeModeTitle(outcome.mode), seconds(outcome.totalMs))
            : tr("<b>%1 done</b> in %2 (ideal %3); the loop's longest stall was %4 ms.")
                  .arg(bakeModeTitle(outcome.mode), seconds(outcome.totalMs), seconds(outcome.idealMs()))
                  .arg(maxStallMs);
        showBanner(result + tr(" Select a log line to replay that moment."), false);
    }
    updateActions();
    updateStatus();
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
    ui->lagMeter->resetMaximum();
    const BakeParameters recipe = parameters();
    ui->ovenGauge->setTargetTemperature(recipe.targetTemperature);
    ui->mixingBowl->setMixCount(recipe.mixCount);
    showKitchen(Kitchen(recipe.targetTemperature, recipe.mixCount), 0, false);
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
    const int run = log->runOfRow(row);
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
    if (ui->logView->selectionModel()->currentIndex().isValid()) {
        // Clearing the current row calls back into onCurrentRowChanged(-1), which must find us live already.
        ui->logView->selectionModel()->clear();
    }
    showLiveKitchen();
    if (wasReplaying)
        showBanner(m_session.isBaking() ? tr("<b>Live.</b> The bake goes on.") : tr("<b>Live.</b>"), false);
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
    // QSaveFile: a save that fails halfway leaves the earlier file as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text) != text.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void MainWindow::saveLog()
{
    if (m_session.log()->rowCount() == 0) {
        statusBar()->showMessage(tr("The log is empty: bake something first."), 3000);
        return;
    }
    QSettings settings;
    const QString folder = settings.value(QStringLiteral("log/folder"),
                                          QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                               .toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Log"), folder + QStringLiteral("/bakeloop-log.txt"),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveLogTo(path, &error)) {
        QMessageBox::warning(this, tr("Could Not Save the Log"),
                             tr("The log could not be saved to %1:\n%2\n\nThe log is still here; try another place.")
                                 .arg(path, error));
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
    m_elapsedLabel->setText(mode ? tr("Elapsed %1").arg(seconds(m_session.elapsedMs())) : QString());
    const BakeParameters recipe = mode && m_session.currentDriver() ? m_session.currentDriver()->parameters()
                                                                      : parameters();
    const BakeMode shown = mode.value_or(BakeMode::Async);
    m_totalLabel->setText(m_session.isBusy() || !mode
                              ? tr("Ideal %1").arg(seconds(recipe.idealMs(shown)))
                              : tr("Total %1 · ideal %2")
                                    .arg(seconds(m_session.elapsedMs()), seconds(recipe.idealMs(shown))));
    m_stallLabel->setText(m_lastMaxStallMs >= 0 ? tr("Largest stall %1 ms").arg(m_lastMaxStallMs) : QString());
}

void MainWindow::loadSettings()
{
    QSettings settings;
    BakeParameters recipe;
    recipe.targetTemperature = settings.value(QStringLiteral("recipe/targetTemperature"), recipe.targetTemperature).toInt();
    recipe.mixCount = settings.value(QStringLiteral("recipe/mixCount"), recipe.mixCount).toInt();
    recipe.stepMs = settings.value(QStringLiteral("recipe/stepMs"), recipe.stepMs).toInt();
    // The spin boxes clamp a hand-edited settings file into range.
    setParameters(recipe);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    ui->mainSplitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    const BakeParameters recipe = parameters();
    settings.setValue(QStringLiteral("recipe/targetTemperature"), recipe.targetTemperature);
    settings.setValue(QStringLiteral("recipe/mixCount"), recipe.mixCount);
    settings.setValue(QStringLiteral("recipe/stepMs"), recipe.stepMs);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_session.cancel();
    saveSettings();
    QSettings settings;
    if (!ui->actionPresentation->isChecked())
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), ui->mainSplitter->saveState());
    event->accept();
}
