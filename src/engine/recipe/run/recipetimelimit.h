// SPDX-License-Identifier: MIT
#pragma once

#include "recipeerror.h"

#include <QtGlobal>

#include <algorithm>
#include <optional>

namespace recipe {

/**
 * How long a recipe may run before the kitchen stops it (--time-limit), and
 * the error it is stopped with: the same in every driver, so a recipe that
 * waits or computes for ever ends the same way whichever kitchen runs it.
 */
class RecipeTimeLimit
{
public:
    /// Two minutes: far past any lesson, and short of a hang anyone waits out.
    static constexpr qint64 defaultNs = qint64(120) * 1000000000;

    explicit RecipeTimeLimit(qint64 ns = defaultNs)
        : m_ns(ns)
    {
    }
    qint64 ns() const { return m_ns; }
    bool isReachedAt(qint64 elapsedNs) const { return elapsedNs >= m_ns; }
    /// What is left of it after @p elapsedNs, never below zero.
    qint64 leftAfter(qint64 elapsedNs) const { return std::max<qint64>(0, m_ns - elapsedNs); }
    RecipeError error() const;
    /// What a driver's interruption hook answers after @p elapsedNs: the error once the limit is reached.
    std::optional<RecipeError> stopAt(qint64 elapsedNs) const
    {
        return isReachedAt(elapsedNs) ? std::optional(error()) : std::nullopt;
    }

private:
    qint64 m_ns;
};

} // namespace recipe
