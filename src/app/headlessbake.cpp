// SPDX-License-Identifier: MIT
#include "headlessbake.h"

#include "bakereport.h"
#include "chrometracewriter.h"
#include "consoleoutput.h"
#include "csvlogwriter.h"
#include "exitstatus.h"
#include "predictionresult.h"
#include "processmemory.h"

#include <QTimer>

HeadlessBake::HeadlessBake(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    // Only the exports read the log; they need one cake and the lines, so what it keeps stays small.
    m_session.setKeepsLog(!options.exportTracePath.isEmpty() || !options.exportCsvPath.isEmpty());
    if (!options.quiet)
        connect(&m_session, &BakeSession::entryAppended, this, &HeadlessBake::print);
    connect(&m_session, &BakeSession::bakeMeasured, this, &HeadlessBake::onBakeMeasured);
}

void HeadlessBake::start()
{
    QTimer::singleShot(0, this, &HeadlessBake::bake);
}

void HeadlessBake::bake()
{
    if (!m_session.bake(m_options.mode, m_options.parameters)) {
        // The command line checked everything bake() checks; this is a defect, not a user error.
        ConsoleOutput::printError(m_session.errorString());
        Q_EMIT done(ExitStatus::cutShort);
    }
}

void HeadlessBake::print(const LogEntry &entry)
{
    const LogEntry::LineFormat format{.timestamps = m_options.timestamps,
                                      .cakeNumbers = m_options.parameters.cakes > 1};
    printLine(entry.line(format));
    // The report lists one cake's lines; a guess is judged on the first cake's.
    const bool forReport = m_options.parameters.cakes == 1 && !m_options.reportPath.isEmpty();
    if (entry.cake == 0 && (forReport || m_options.prediction))
        m_entries.append(entry);
}

bool HeadlessBake::printLine(const QString &line)
{
    if (m_standardOutputFailed)
        return false;
    if (ConsoleOutput::printLine(line))
        return true;
    // Nobody can read the lines: say so once, and stop the bake rather than bake on unseen.
    m_standardOutputFailed = true;
    ConsoleOutput::printStandardOutputFailure();
    m_session.cancel();
    return false;
}

void HeadlessBake::onBakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats)
{
    bool ok = true;
    if (m_options.prediction) {
        // The verdict follows the lines, marked as comments so the lines stay the reference output.
        const PredictionResult verdict(*m_options.prediction, outcome, m_entries);
        if (printLine(QStringLiteral("# ") + verdict.headline()))
            printLine(QStringLiteral("# ") + verdict.details());
    }
    if (!m_options.reportPath.isEmpty()) {
        BakeReport report(outcome);
        report.setLoopFigures(maxStallMs, lateHeartbeats);
        report.setPeakMemory(ProcessMemory::peakResidentBytes());
        if (!m_options.quiet)
            report.setEntries(m_entries);
        QString error;
        if (!report.write(m_options.reportPath, &error)) {
            ConsoleOutput::printError(error);
            ok = false;
        }
    }
    // Each output is written even when another failed: one bad path costs only its own file.
    ok = writeExports() && ok;
    // A bake the system cut short (no more threads to be had) says why, after whatever it could report.
    const QString cutShort = m_session.currentDriver() ? m_session.currentDriver()->errorString() : QString();
    if (!cutShort.isEmpty())
        ConsoleOutput::printError(cutShort);
    if (!ok || m_standardOutputFailed)
        Q_EMIT done(ExitStatus::badFlagOrOutput);
    else
        Q_EMIT done(outcome.cancelled ? ExitStatus::cutShort : ExitStatus::success);
}

bool HeadlessBake::writeExports() const
{
    const BakeLogModel *log = m_session.log();
    if (log->runCount() == 0)
        return true;
    const int run = log->runCount() - 1;
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
    return ok;
}
