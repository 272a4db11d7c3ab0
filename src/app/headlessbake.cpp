// SPDX-License-Identifier: MIT
#include "headlessbake.h"

#include "bakereport.h"
#include "consoleoutput.h"

#include <QTimer>

namespace {
constexpr int failureExitCode = 1;
}

HeadlessBake::HeadlessBake(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_session.setKeepsLog(false);
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
        Q_EMIT done(failureExitCode);
    }
}

void HeadlessBake::print(const LogEntry &entry)
{
    const LogEntry::LineFormat format{.timestamps = m_options.timestamps, .cakeNumbers = m_options.parameters.cakes > 1};
    ConsoleOutput::printLine(entry.line(format));
    if (m_options.parameters.cakes == 1 && !m_options.reportPath.isEmpty())
        m_entries.append(entry);
}

void HeadlessBake::onBakeMeasured(const BakeOutcome &outcome, qint64 maxStallMs, int lateHeartbeats)
{
    if (m_options.reportPath.isEmpty()) {
        Q_EMIT done(0);
        return;
    }
    BakeReport report(outcome);
    report.setLoopFigures(maxStallMs, lateHeartbeats);
    if (!m_options.quiet)
        report.setEntries(m_entries);
    QString error;
    if (!report.write(m_options.reportPath, &error)) {
        ConsoleOutput::printError(error);
        Q_EMIT done(failureExitCode);
        return;
    }
    Q_EMIT done(0);
}
