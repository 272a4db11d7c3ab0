// SPDX-License-Identifier: MIT
#include "userfunctions.h"

namespace recipe {

UserFunctions::UserFunctions(const Module &module)
{
    collect(module.body, &m_names);
}

bool UserFunctions::isCalledBy(const Expression &expression) const
{
    return expression.kind == ExpressionKind::Call && expression.operands[0]->kind == ExpressionKind::Name
        && m_names.contains(expression.operands[0]->text);
}

void UserFunctions::collect(const Block &block, QSet<QString> *names)
{
    for (const StatementPtr &statement : block) {
        if (statement->kind == StatementKind::FunctionDefinition)
            names->insert(statement->name);
        for (const Block *inner : innerBlocks(*statement))
            collect(*inner, names);
    }
}

} // namespace recipe
