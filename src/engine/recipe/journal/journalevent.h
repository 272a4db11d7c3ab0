// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace recipe {

/**
 * One thing a RunJournal heard from a running recipe, at the moment it
 * heard it: what happened (kind), to which task (0: the module's own code,
 * or MainThread), and the one or two facts that kind needs. The journal
 * keeps them in order; every view of the run's state is replayed from them.
 */
struct JournalEvent {
    enum class Kind : std::uint8_t {
        TaskMade, ///< text: the coroutine's function; other: 1 for a thread of the threaded twin
        TaskResumed,
        TaskSleeps, ///< wakeNs: when its timer is due (now for a sleep of 0)
        TaskParked, ///< it awaits something not yet told (what comes next says what)
        TaskWaitsIn, ///< text: the method ("Lock.acquire"); other: the resource's number (0: a timeout)
        TaskAwaits, ///< tasks: those it awaits
        TaskFinished,
        TaskFailed, ///< text: the error's line
        TaskCancelled,
        CancelAsked, ///< other: the task that asked (0: the module, or asyncio.run() as it ends)
        TaskWoken, ///< other: the task whose use of a resource (the ResourceUsed just before) woke it
        ResourceMade, ///< other: its number; text: its type; state: what it holds
        ResourceUsed, ///< other: its number; text: the method; state: what it holds after
        Printed, ///< text: the line(s), as printed
    };
    Kind kind = Kind::TaskResumed;
    qint64 timeNs = 0;
    int task = 0;
    int other = 0;
    qint64 wakeNs = 0;
    QString text;
    QString state;
    std::vector<int> tasks;
};

} // namespace recipe
