// SPDX-License-Identifier: MIT
#include "bakeparameters.h"

#include "bowl.h"
#include "oven.h"

#include <algorithm>

QString mixTrapName(MixTrap trap)
{
    switch (trap) {
    case MixTrap::None:
        return QStringLiteral("none");
    case MixTrap::StirByHand:
        return QStringLiteral("stir_by_hand");
    case MixTrap::ForgotToAwait:
        return QStringLiteral("forgot_to_await");
    }
    Q_UNREACHABLE();
    return {};
}

QString ParameterRange::describe() const
{
    const QString range = QStringLiteral("%1 to %2").arg(minimum).arg(maximum);
    return *unit ? range + QLatin1Char(' ') + QString::fromUtf8(unit) : range;
}

QString BakeParameters::validationError(BakeMode mode) const
{
    const auto outOfRange = [](const char *what, int value, const ParameterRange &range) {
        return QStringLiteral("%1 must be %2, not %3").arg(QLatin1String(what), range.describe()).arg(value);
    };
    if (!targetTemperatureRange.contains(targetTemperature))
        return outOfRange("target temperature", targetTemperature, targetTemperatureRange);
    if (!mixCountRange.contains(mixCount))
        return outOfRange("mix count", mixCount, mixCountRange);
    if (!stepMsRange.contains(stepMs))
        return outOfRange("step", stepMs, stepMsRange);
    if (!cakesRange.contains(cakes))
        return outOfRange("cakes", cakes, cakesRange);
    if (!speedPercentRange.contains(speedPercent))
        return outOfRange("speed", speedPercent, speedPercentRange);
    if (mode == BakeMode::Sync && cakes != 1)
        return QStringLiteral("a sync bake bakes one cake; more than one needs async mode");
    if (mixTrap == MixTrap::ForgotToAwait && mode != BakeMode::Async)
        return QStringLiteral("forgetting to await is a trap of async code; it needs async mode");
    if (mode == BakeMode::Threaded && cakes > maxThreadedCakes)
        return QStringLiteral("a threaded bake starts two threads a cake: at most %1 cakes, not %2")
            .arg(maxThreadedCakes)
            .arg(cakes);
    return {};
}

QString BakeParameters::speedText() const
{
    // QString::number drops trailing zeros: 0.5, 1, 2.25.
    return QString::number(speedPercent / 100.0, 'g', 4) + QStringLiteral("×");
}

int BakeParameters::ovenSteps() const
{
    return Oven::stepCount(targetTemperature);
}

int BakeParameters::mixSteps() const
{
    return Bowl::stepCount(mixCount);
}

MixTrap BakeParameters::trapIn(BakeMode mode) const
{
    return mixTrap == MixTrap::ForgotToAwait && mode != BakeMode::Async ? MixTrap::None : mixTrap;
}

bool BakeParameters::mixingHoldsTheLoop(BakeMode mode) const
{
    return mode == BakeMode::Async && trapIn(mode) != MixTrap::None;
}

qint64 BakeParameters::idealSteps(BakeMode mode) const
{
    const qint64 oven = ovenSteps();
    const qint64 mix = mixSteps();
    if (runsTasksInTurn(mode))
        return oven + mix;
    if (!mixingHoldsTheLoop(mode) || mix == 0)
        return std::max(oven, mix);
    // The oven's first wait ends during the first cake's first step of mixing; it reports once the last is done.
    const qint64 held = qint64(cakes) * mix;
    return oven > 0 ? held + oven - 1 : held;
}

qint64 BakeParameters::longestFreezeWallMs(BakeMode mode) const
{
    switch (mode) {
    case BakeMode::Sync:
        return wallMs(idealMs(BakeMode::Sync));
    case BakeMode::Async:
        if (mixTrap == MixTrap::ForgotToAwait)
            return wallMs(qint64(cakes) * mixSteps() * stepMs);
        if (mixTrap == MixTrap::StirByHand && mixSteps() > 0)
            return wallMs(qint64(cakes) * stepMs);
        return 0;
    case BakeMode::Threaded:
        return 0;
    }
    Q_UNREACHABLE();
    return 0;
}

QString BakeParameters::windowFreezeError(BakeMode mode) const
{
    const qint64 freezeMs = longestFreezeWallMs(mode);
    if (freezeMs <= maxWindowFreezeMs)
        return {};
    const QString length = QString::number(freezeMs / 1000.0, 'f', 1);
    const QString limit = QString::number(maxWindowFreezeMs / 1000);
    if (mode == BakeMode::Sync)
        return QStringLiteral("this sync bake would freeze the window for %1 s without a break, and the window allows "
                              "%2 s; take fewer or shorter steps, or a faster speed")
            .arg(length, limit);
    if (mixTrap == MixTrap::ForgotToAwait)
        return QStringLiteral("forgetting to await with %1 cake(s) would freeze the window for %2 s without a break "
                              "(each cake's mixing runs to its end before the loop turns), and the window allows "
                              "%3 s; take fewer cakes, mixes or shorter steps")
            .arg(cakes)
            .arg(length, limit);
    return QStringLiteral("stirring %1 cake(s) by hand would stall the window for %2 s at every step, and the window "
                          "allows %3 s; take fewer cakes or shorter steps")
        .arg(cakes)
        .arg(length, limit);
}
