// SPDX-License-Identifier: MIT
#pragma once

#include "runjournal.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace recipe {

/**
 * Writes a recipe's run, as its RunJournal heard it, as a Chrome trace-event
 * file for Perfetto (ui.perfetto.dev) or chrome://tracing: a track for each
 * task (each thread, threaded), its steps as "running" slices, its waits as
 * slices named after what it waits for ("asyncio.sleep", "Lock.acquire()",
 * "awaits Task-3"), each print, failure and cancel as an instant, and a flow
 * arrow from each task to the task it woke. Times are microseconds from the
 * start of the run, as the format wants.
 */
class RecipeTraceWriter
{
public:
    /// The process every track belongs to; fixed, so that two exports of one run are alike.
    static constexpr int processId = 1;

    /// @p title names the process: "lock_shared_oven.py (async)". The journal must outlive the writer.
    RecipeTraceWriter(const RunJournal &journal, const QString &title);

    QJsonObject toJson() const;
    /// Writes the trace to @p path in full or not at all. False with @p error set to one sentence on failure.
    bool write(const QString &path, QString *error) const;

private:
    const RunJournal &m_journal;
    QString m_title;
};

} // namespace recipe
