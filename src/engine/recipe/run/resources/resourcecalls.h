// SPDX-License-Identifier: MIT
#pragma once

#include "resource.h"

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace recipe {

/**
 * How a recipe reaches asyncio's resources: asyncio.Lock() and its kin
 * made, and their methods called, with the arguments checked as CPython
 * checks a method written in Python (`self` counted among the positional
 * arguments, each parameter also by name). A coroutine method gives the
 * coroutine, which runs only when awaited.
 */
class ResourceCalls
{
public:
    using Keywords = std::vector<std::pair<QString, Value>>;
    /// The resource @p builtin (AsyncioLock, ...) names, made of the call's arguments, or the TypeError or
    /// ValueError CPython raises for them; @p threading: the threaded twin's, whose errors are threading's words.
    static ResourceStep construct(Builtin builtin, const std::vector<Value> &positional, const Keywords &keywords,
                                  bool threading = false);
    /// @p method of @p resource, called: a coroutine method's coroutine, or a plain method's result or error.
    static ResourceStep call(const Ref<Resource> &resource, ResourceMethod method, const std::vector<Value> &positional,
                             const Keywords &keywords);
    /// The method a recipe calls @p name, if a resource has one so called.
    static std::optional<ResourceMethod> methodNamed(const QString &name);
    /// The class asyncio.@p attribute names, if it is a resource's.
    static std::optional<Builtin> classNamed(const QString &attribute);

private:
    /// Binds the call of `function(self, names...)` whose first @p required names have no default: the
    /// TypeError's text, or a null string with @p bound holding each named parameter's argument.
    static QString bind(const QString &function, const std::vector<Value> &positional, const Keywords &keywords,
                        const std::vector<QLatin1String> &names, std::size_t required,
                        std::vector<std::optional<Value>> &bound);
    static ResourceStep typeError(const QString &message);
};

} // namespace recipe
