// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

/**
 * How much memory this process holds, as the system counts it. Reading it is
 * cheap (one small file on Linux), so a heartbeat may sample it while a bake
 * runs and show what a thousand threads cost against a thousand timers.
 */
class ProcessMemory
{
public:
    /// The resident set now, in bytes; -1 where the system does not tell.
    static qint64 residentBytes();
    /// The largest resident set the process has had so far, in bytes; -1 where the system does not tell.
    static qint64 peakResidentBytes();
    /// The machine's physical memory, in bytes; -1 where the system does not tell.
    static qint64 machineBytes();
};
