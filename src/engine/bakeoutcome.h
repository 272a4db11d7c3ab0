// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"

#include <QMetaType>

/// What a finished (or cancelled) bake amounted to, as reports and status bars show it.
struct BakeOutcome {
    BakeMode mode = BakeMode::Async;
    BakeParameters parameters;
    qint64 totalMs = 0;
    quint64 resumptions = 0; ///< times a task was given the thread: its start and each wake
    quint64 reports = 0; ///< log lines written, over all cakes
    bool cancelled = false;
    qint64 wallMs = 0; ///< totalMs on the wall clock; the two differ when the speed is not 1×
    int threadsStarted = 0; ///< worker threads the bake started: two a cake when threaded, else none

    qint64 idealMs() const { return parameters.idealMs(mode); }
};

Q_DECLARE_METATYPE(BakeOutcome)
