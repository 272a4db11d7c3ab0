// SPDX-License-Identifier: MIT
#include "bakemode.h"

QString bakeModeName(BakeMode mode)
{
    return mode == BakeMode::Sync ? QStringLiteral("sync") : QStringLiteral("async");
}

QString bakeModeTitle(BakeMode mode)
{
    return mode == BakeMode::Sync ? QStringLiteral("Bake Sync") : QStringLiteral("Bake Async");
}

std::optional<BakeMode> bakeModeFromName(const QString &name)
{
    for (const BakeMode mode : {BakeMode::Sync, BakeMode::Async}) {
        if (name == bakeModeName(mode))
            return mode;
    }
    return std::nullopt;
}
