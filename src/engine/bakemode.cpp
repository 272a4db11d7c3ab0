// SPDX-License-Identifier: MIT
#include "bakemode.h"

QString bakeModeName(BakeMode mode)
{
    switch (mode) {
    case BakeMode::Sync:
        return QStringLiteral("sync");
    case BakeMode::Async:
        return QStringLiteral("async");
    case BakeMode::Threaded:
        return QStringLiteral("threaded");
    }
    Q_UNREACHABLE();
    return {};
}

QString bakeModeTitle(BakeMode mode)
{
    switch (mode) {
    case BakeMode::Sync:
        return QStringLiteral("Bake Sync");
    case BakeMode::Async:
        return QStringLiteral("Bake Async");
    case BakeMode::Threaded:
        return QStringLiteral("Bake Threaded");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<BakeMode> bakeModeFromName(const QString &name)
{
    for (const BakeMode mode : allBakeModes) {
        if (name == bakeModeName(mode))
            return mode;
    }
    return std::nullopt;
}
