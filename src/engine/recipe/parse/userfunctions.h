// SPDX-License-Identifier: MIT
#pragma once

#include "syntaxtree.h"

#include <QSet>
#include <QString>

namespace recipe {

/**
 * The functions a recipe defines, every def and async def at any depth, by
 * name. A call of one of them by its plain name is a call of the recipe's
 * own code: where the threaded twin may start a thread. The engine's
 * threaded kitchen and the twin's writer both ask this one definition, so
 * they can never disagree on which calls start threads.
 */
class UserFunctions
{
public:
    UserFunctions() = default;
    explicit UserFunctions(const Module &module);

    /// Whether @p expression is a call of one of the recipe's functions by its name.
    bool isCalledBy(const Expression &expression) const;

private:
    static void collect(const Block &block, QSet<QString> *names);

    QSet<QString> m_names;
};

} // namespace recipe
