// SPDX-License-Identifier: MIT
#pragma once

#include "bakeparameters.h"

class QSettings;

/**
 * The recipe and the lesson choice the window remembers between sessions,
 * read and written through QSettings. A settings file is text anyone can
 * edit: a value that is not a whole number in its range, or not a plain
 * yes or no, never reaches a bake; it falls back to its default with a
 * warning in the bakeloop.ui log category.
 */
class RecipeSettings
{
public:
    BakeParameters recipe;
    bool askForPrediction = false;

    /// What @p settings hold, each value checked on its own.
    static RecipeSettings read(const QSettings &settings);
    /// Writes into @p settings and flushes them; false when the file cannot be written (read-only, no space).
    bool write(QSettings &settings) const;

    friend bool operator==(const RecipeSettings &, const RecipeSettings &) = default;
};
