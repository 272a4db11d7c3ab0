// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QString>

#include <deque>
#include <mutex>
#include <set>
#include <string>

/**
 * What the monkey did, for a failure to be replayed and understood: the seed
 * and the last actions, each with the moment it was made. Any thread may
 * record and fail; a failure prints everything on standard error and ends the
 * process at once, since what failed (a frozen loop, a warning deep in a
 * paint) leaves nothing safe to unwind through.
 */
class ActionJournal
{
public:
    /// How many of the last actions a failure prints.
    static constexpr std::size_t keptActions = 40;

    explicit ActionJournal(quint32 seed);
    ~ActionJournal();
    ActionJournal(const ActionJournal &) = delete;
    ActionJournal &operator=(const ActionJournal &) = delete;

    quint32 seed() const { return m_seed; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    qint64 actionCount() const;
    void record(const QString &action);
    /// True, and journalled, when @p failure matches BAKELOOP_MONKEY_TOLERATE: a regular expression for known
    /// bugs being fixed elsewhere, so that a run can look past them meanwhile. Unset, nothing is tolerated.
    bool tolerates(const QString &failure);
    /// Prints @p why, the seed and the last actions, then ends the process with a failure status.
    [[noreturn]] void fail(const QString &why);
    /// Prints @p why, the seed and the last actions, and nothing else.
    void printFailure(const QString &why) const;

    /// Makes every Qt warning, critical or fatal message a failure; returns the handler it replaced.
    void failOnQtWarnings();
    /// Also prints the seed and the last actions when a sanitizer reports or a signal kills the process.
    void reportOnCrash();

    /// The journal that failures of Qt messages and crashes go to; null when none is installed.
    static ActionJournal *installed();

private:
    const quint32 m_seed;
    QElapsedTimer m_clock;
    mutable std::mutex m_mutex;
    std::deque<std::string> m_lastActions;
    std::set<std::string> m_toleratedFailures;
    qint64 m_actionCount = 0;
};
