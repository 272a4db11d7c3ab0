// SPDX-License-Identifier: MIT
#pragma once

#include "kitchen.h"
#include "taskstate.h"

#include <QMetaType>
#include <QString>

/**
 * One report of one task: when it came, from which cake and task, and the
 * whole kitchen as it was at that moment (the reporting task shows as
 * running), so a view can show any line's moment again. The message text
 * is made on demand, which keeps a quiet bake of a million cakes cheap.
 */
struct LogEntry {
    struct LineFormat {
        bool timestamps = false; ///< "[  1000 ms] " before each line
        bool cakeNumbers = false; ///< "cake 2: " before each line, when more than one cake bakes
    };

    qint64 timeMs = 0;
    int cake = 0; ///< counted from 0; shown from 1
    TaskId task = TaskId::Preheat;
    int value = 0; ///< the temperature or the mix index reported
    Kitchen kitchen;
    /// Which thread reported: 0 for the thread the bake was started on, n for worker thread n (threaded mode).
    int thread = 0;

    /// "temp is now 200"
    QString message() const;
    /// "preheat:: temp is now 200", the line the Python reference prints.
    QString text() const;
    /// text() with the prefixes @p format asks for, as the command line prints it; a worker's line names its thread.
    QString line(LineFormat format) const;
    /// "Thread-1 (preheat)", as Python names a thread started with target=preheat; empty for thread 0.
    QString threadName() const;
};

Q_DECLARE_METATYPE(LogEntry)
