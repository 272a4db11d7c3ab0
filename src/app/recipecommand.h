// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

/**
 * The command line's recipe commands, each run to its end and giving the
 * exit status: --list-recipes, --check FILE (parse and compile only), and
 * --recipe FILE (run it, printing what python3 would print), and
 * --show-source KIND (print its listing). A recipe that
 * is not Kitchen Python gets every problem as FILE:LINE:COL: error: what,
 * exit 2, and nothing runs; one that fails while it runs ends as CPython's
 * traceback does, with the error on stderr's last line, exit 1.
 */
class RecipeCommand
{
public:
    static int listRecipes();
    static int check(const QString &pathOrName);
    static int run(const CommandLineOptions &options);
    /// --show-source KIND: the recipe (async), its blocking or threaded twin, or the state machine compiled from it.
    static int showSource(const QString &pathOrName, const QString &kind);
};
