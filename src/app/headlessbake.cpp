// SPDX-License-Identifier: MIT
#include "headlessbake.h"

#include "asyncdriver.h"
#include "bakereport.h"
#include "syncdriver.h"

#include <QTimer>

#include <cstdio>

namespace {
constexpr int failureExitCode = 1;

void printLine(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
    std::fputc('\n', stream);
    // A teacher watching the terminal must see each line when it happens, even through a pipe.
    std::fflush(stream);
}
} // namespace

HeadlessBake::HeadlessBake(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    if (options.mode == BakeMode::Sync)
        m_driver = std::make_unique<SyncDriver>();
    else
        m_driver = std::make_unique<AsyncDriver>();

    if (!options.quiet)
        connect(m_driver.get(), &BakeDriver::entryAppended, this, &HeadlessBake::print);
    connect(m_driver.get(), &BakeDriver::finished, this, &HeadlessBake::onBakeFinished);
    connect(&m_monitor, &LoopMonitor::finished, this, &HeadlessBake::onMonitorFinished);
}

HeadlessBake::~HeadlessBake() = default;

void HeadlessBake::start()
{
    m_monitor.start();
    QTimer::singleShot(0, this, &HeadlessBake::bake);
}

void HeadlessBake::bake()
{
    if (!m_driver->start(m_options.parameters)) {
        // The command line checked everything start() checks; this is a defect, not a user error.
        printLine(stderr, QStringLiteral("bakeloop: ") + m_driver->errorString());
        m_monitor.stop();
        Q_EMIT done(failureExitCode);
    }
}

void HeadlessBake::print(const LogEntry &entry)
{
    const LogEntry::LineFormat format{.timestamps = m_options.timestamps, .cakeNumbers = m_options.parameters.cakes > 1};
    printLine(stdout, entry.line(format));
    if (m_options.parameters.cakes == 1 && !m_options.reportPath.isEmpty())
        m_entries.append(entry);
}

void HeadlessBake::onBakeFinished(const BakeOutcome &outcome)
{
    m_outcome = outcome;
    m_monitor.finish();
}

void HeadlessBake::onMonitorFinished(qint64 maxStallMs, int lateHeartbeats)
{
    if (m_options.reportPath.isEmpty()) {
        Q_EMIT done(0);
        return;
    }
    BakeReport report(m_outcome);
    report.setLoopFigures(maxStallMs, lateHeartbeats);
    if (!m_options.quiet)
        report.setEntries(m_entries);
    QString error;
    if (!report.write(m_options.reportPath, &error)) {
        printLine(stderr, QStringLiteral("bakeloop: ") + error);
        Q_EMIT done(failureExitCode);
        return;
    }
    Q_EMIT done(0);
}
