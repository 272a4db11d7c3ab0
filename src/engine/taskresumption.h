// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

/**
 * What a task did with one turn of the thread: it reported a value (and
 * wants to be resumed at once to carry on), it suspended itself for one
 * step, or it finished. Drivers react to these three and nothing else,
 * which is what lets one task definition serve every mode.
 */
struct TaskResumption {
    enum class Kind : quint8 {
        Report, ///< value holds what was reported; resume again right away
        Wait, ///< wait one step, then resume
        Finished,
    };

    Kind kind = Kind::Finished;
    int value = 0;

    static constexpr TaskResumption report(int value) { return {Kind::Report, value}; }
    static constexpr TaskResumption wait() { return {Kind::Wait, 0}; }
    static constexpr TaskResumption finished() { return {Kind::Finished, 0}; }

    friend constexpr bool operator==(const TaskResumption &, const TaskResumption &) = default;
};
