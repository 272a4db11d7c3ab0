// SPDX-License-Identifier: MIT
#include "windowautomation.h"

#include "bakereport.h"
#include "chrometracewriter.h"
#include "consoleoutput.h"
#include "csvlogwriter.h"
#include "exitstatus.h"
#include "mainwindow.h"
#include "outputfile.h"
#include "processmemory.h"

#include <QBuffer>
#include <QPixmap>
#include <QTimer>
#include <QWindow>

namespace {
/// A pause after the window opens, so an audience sees it alive before a sync bake freezes it.
constexpr int autostartDelayMs = 300;
/// How often to look again while the window system has not yet shown the window.
constexpr int exposePollMs = 20;
} // namespace

WindowAutomation::WindowAutomation(MainWindow *window, const CommandLineOptions &options)
    : QObject(window)
    , m_window(window)
    , m_options(options)
{
    // Recipe flags without --autostart: the window opens on that recipe, for this session, not remembered.
    if (!m_options.autostart && !m_options.recipeFlags.isEmpty())
        m_window->setParameters(m_options.recipeOver(m_window->parameters()));
}

bool WindowAutomation::hasWork() const
{
    return m_options.autostart || !m_options.screenshotPath.isEmpty();
}

void WindowAutomation::start()
{
    // Closed before every job was done (the screenshot not taken, the bake not started): cut short.
    connect(m_window, &MainWindow::closed, this, &WindowAutomation::onWindowClosed);
    if (m_options.autostart) {
        m_window->setParameters(m_options.parameters);
        // The autostarted bake's outcome decides the exit status, as it does headless, report or none.
        connect(m_window->session(), &BakeSession::bakeMeasured, this, &WindowAutomation::noteOutcome,
                Qt::SingleShotConnection);
        if (m_options.prediction)
            m_window->setPrediction(*m_options.prediction);
        if (!m_options.reportPath.isEmpty()) {
            ++m_jobsLeft;
            connect(m_window->session(), &BakeSession::bakeMeasured, this, &WindowAutomation::writeReport,
                    Qt::SingleShotConnection);
        }
        if (!m_options.exportTracePath.isEmpty() || !m_options.exportCsvPath.isEmpty()) {
            ++m_jobsLeft;
            // By bakeMeasured the session has put the loop's stalls into the log, so the trace shows them.
            connect(m_window->session(), &BakeSession::bakeMeasured, this, &WindowAutomation::writeExports,
                    Qt::SingleShotConnection);
        }
        QTimer::singleShot(autostartDelayMs, this, &WindowAutomation::startBakeWhenShown);
    }
    if (!m_options.screenshotPath.isEmpty()) {
        ++m_jobsLeft;
        // During a sync bake this timer cannot fire before the bake ends: the frozen loop, once more.
        QTimer::singleShot(m_options.screenshotAtMs, this, &WindowAutomation::takeScreenshot);
    }
}

void WindowAutomation::startBakeWhenShown()
{
    // A sync bake blocks the loop that maps and paints the window: on X11 it would freeze a blank rectangle.
    const QWindow *handle = m_window->windowHandle();
    if (!handle || !handle->isExposed()) {
        QTimer::singleShot(exposePollMs, this, &WindowAutomation::startBakeWhenShown);
        return;
    }
    switch (m_options.mode) {
    case BakeMode::Sync:
        m_window->bakeSync();
        break;
    case BakeMode::Async:
        m_window->bakeAsync();
        break;
    case BakeMode::Threaded:
        m_window->bakeThreaded();
        break;
    }
}

void WindowAutomation::takeScreenshot()
{
    // Encoded in memory and handed to OutputFile, which writes regular files only: never a device in its place.
    QByteArray png;
    QBuffer buffer(&png);
    QString error;
    const bool ok = buffer.open(QIODevice::WriteOnly) && m_window->grab().save(&buffer, "PNG")
        && OutputFile(m_options.screenshotPath).write(png, &error);
    if (!ok)
        ConsoleOutput::printError(
            QStringLiteral("cannot write the screenshot to %1: %2")
                .arg(m_options.screenshotPath, error.isEmpty() ? QStringLiteral("the PNG could not be made") : error));
    finishJob(ok);
}

void WindowAutomation::writeReport(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats)
{
    BakeReport report(outcome);
    report.setLoopFigures(maxStallMs, lateHeartbeats);
    report.setPeakMemory(ProcessMemory::peakResidentBytes());
    const BakeLogModel *log = m_window->session()->log();
    if (log->runCount() > 0)
        report.setEntries(log->entries(log->runCount() - 1));
    QString error;
    const bool ok = report.write(m_options.reportPath, &error);
    if (!ok)
        ConsoleOutput::printError(error);
    finishJob(ok);
}

void WindowAutomation::writeExports()
{
    const BakeLogModel *log = m_window->session()->log();
    const int run = log->runCount() - 1;
    if (run < 0) {
        ConsoleOutput::printError(QStringLiteral("the window's log holds no bake to export"));
        finishJob(false);
        return;
    }
    bool ok = true;
    QString error;
    if (!m_options.exportTracePath.isEmpty()
        && !ChromeTraceWriter(*log, run).write(m_options.exportTracePath, &error)) {
        ConsoleOutput::printError(error);
        ok = false;
    }
    if (!m_options.exportCsvPath.isEmpty() && !CsvLogWriter(*log, run).write(m_options.exportCsvPath, &error)) {
        ConsoleOutput::printError(error);
        ok = false;
    }
    finishJob(ok);
}

void WindowAutomation::noteOutcome(const BakeOutcome &outcome)
{
    m_cutShort = outcome.cancelled;
    // The system refusing threads is said on stderr, as a headless bake says it.
    if (const BakeDriver *driver = m_window->session()->currentDriver(); driver && !driver->errorString().isEmpty())
        ConsoleOutput::printError(driver->errorString());
}

void WindowAutomation::finishJob(bool ok)
{
    m_failed = m_failed || !ok;
    if (--m_jobsLeft == 0)
        finish();
}

void WindowAutomation::onWindowClosed()
{
    if (m_finished)
        return;
    if (m_jobsLeft > 0) {
        ConsoleOutput::printError(QStringLiteral("the window was closed before its scripted work was done"));
        m_cutShort = true;
    }
    finish();
}

void WindowAutomation::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT done(m_failed ? ExitStatus::badFlagOrOutput : m_cutShort ? ExitStatus::cutShort : ExitStatus::success);
}
