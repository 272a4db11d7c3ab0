// SPDX-License-Identifier: MIT
#include "recipetimelimit.h"

namespace recipe {

RecipeError RecipeTimeLimit::error() const
{
    return RecipeError{
        QStringLiteral("TimeoutError"),
        QStringLiteral("the recipe ran past its time limit of %1 s and was stopped").arg(double(m_ns) / 1e9), 0,
        QString()};
}

} // namespace recipe
