// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"

#include <QString>
#include <QtGlobal>

/**
 * The blocking-call traps of the lesson: how the mixing task spends its wait.
 * None awaits as the mode says. StirByHand computes for the step instead of
 * waiting, keeping its thread busy. ForgotToAwait calls a blocking sleep
 * inside async code, which never hands the loop back.
 */
enum class MixTrap : quint8 {
    None,
    StirByHand,
    ForgotToAwait,
};

/// "none", "stir_by_hand" or "forgot_to_await", as in reports.
QString mixTrapName(MixTrap trap);

/// The inclusive range a whole-number parameter may take, with what to call it in messages.
struct ParameterRange {
    int minimum;
    int maximum;
    const char *unit; ///< "°F", "ms" or empty

    bool contains(int value) const { return value >= minimum && value <= maximum; }
    /// "0 to 1000 °F"
    QString describe() const;
};

/**
 * Everything a bake is asked to do. Its ranges are the single source for
 * the command line, the spin boxes and the engine's own check.
 */
struct BakeParameters {
    static constexpr ParameterRange targetTemperatureRange{0, 1000, "°F"};
    static constexpr ParameterRange mixCountRange{0, 100, ""};
    static constexpr ParameterRange stepMsRange{1, 10000, "ms"};
    static constexpr ParameterRange cakesRange{1, 1000000, ""};
    /// The time scale in percent: 50 runs the recipe at half speed, each 1000 ms step taking 2 s of wall time.
    static constexpr ParameterRange speedPercentRange{10, 400, "%"};
    /// A threaded bake starts two threads a cake; past this the lesson is made and the machine suffers.
    static constexpr int maxThreadedCakes = 1000;
    /// The longest a window's thread may be held at once by a bake started there: long enough to feel a freeze,
    /// short enough that nobody reaches for the power button. Headless bakes have no window to freeze.
    static constexpr qint64 maxWindowFreezeMs = 15000;

    int targetTemperature = 400;
    int mixCount = 3;
    int stepMs = 1000;
    int cakes = 1;
    int speedPercent = 100;
    MixTrap mixTrap = MixTrap::None;

    /// Empty when a bake in @p mode may start with these values; otherwise one sentence saying why not.
    QString validationError(BakeMode mode) const;

    int ovenSteps() const;
    int mixSteps() const;
    /// The trap a bake in @p mode runs with: forgetting to await needs async code, so elsewhere there is none.
    MixTrap trapIn(BakeMode mode) const;
    /// Whether the mixing keeps the oven from the thread in @p mode: either trap in async code, where the one
    /// thread that should run the oven meanwhile is busy stirring or blocked in a sleep.
    bool mixingHoldsTheLoop(BakeMode mode) const;
    /**
     * The total a perfect clock would give, in steps: the sum of both tasks' for sync; the larger for async and
     * threaded. Under a trap in async, every cake's mixing holds the loop in turn (cakes x mix steps), and the
     * ovens, due meanwhile, report their first step only then: cakes x mix + oven - 1 steps.
     */
    qint64 idealSteps(BakeMode mode) const;
    qint64 idealMs(BakeMode mode) const { return idealSteps(mode) * stepMs; }
    /**
     * The longest the thread that starts a bake in @p mode is held without a
     * break, on the wall clock: the whole bake for sync; every cake's mixing
     * for async that forgot to await, since each runs to its end in the
     * loop's first turn; a step of every cake's stirring for async that stirs
     * by hand, once a turn; nothing otherwise, as every wait hands it back.
     */
    qint64 longestFreezeWallMs(BakeMode mode) const;
    /// Empty when a window may bake these values in @p mode; else a sentence on the freeze it would suffer.
    QString windowFreezeError(BakeMode mode) const;
    /// How long @p recipeMs of the recipe's time take on the wall clock at this speed.
    qint64 wallMs(qint64 recipeMs) const { return recipeMs * 100 / speedPercent; }
    /// "0.5×", "1×", "2.25×": the speed as the window and the command line write it.
    QString speedText() const;

    friend bool operator==(const BakeParameters &, const BakeParameters &) = default;
};
