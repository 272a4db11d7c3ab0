// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

/// A stretch in which the event loop answered late: from when a heartbeat was due to when it came, in ms since the
/// monitor started.
struct LoopStall {
    qint64 startMs = 0;
    qint64 endMs = 0;

    qint64 durationMs() const { return endMs - startMs; }
    friend bool operator==(const LoopStall &, const LoopStall &) = default;
};
