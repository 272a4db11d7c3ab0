// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QString>

#include <optional>

/**
 * One job of one cake as recipes/cake.py bakes it: the oven (preheat()) or
 * the bowl (mix_ingredients()) of a cake numbered from 0, as the kitchens
 * are. The recipe engine names what runs by function and numbers several
 * cakes from 1; this says which job that is, and what a line of it reports.
 */
struct CakeJob {
    int cake;
    TaskId task;

    /// The job that @p function, run in the engine's cake @p engineCake, bakes; none for any other function.
    static std::optional<CakeJob> of(const QString &function, int engineCake);
    /// The value a line of a job reports: the number it ends with ("temp is now 200", "mixing things 1").
    static std::optional<int> reportedValue(const QString &text);
};
