// SPDX-License-Identifier: MIT
#pragma once

#include "coroutine.h"
#include "eventloop.h"
#include "taskcontrol.h"

#include <vector>

/// A TaskControl of a test: a loop and a clock of its own, a current task set by hand, and a record of cancels.
class FakeTaskControl : public recipe::TaskControl
{
public:
    recipe::EventLoop &loop() override { return eventLoop; }
    qint64 nowNs() override { return now; }
    recipe::Future *currentTask() override { return current.get(); }
    bool cancelTask(recipe::Future &task) override
    {
        cancelled.push_back(&task);
        task.countCancelRequest();
        return true;
    }
    int uncancelTask(recipe::Future &task) override { return task.uncancel(); }
    recipe::FuturePtr ensureFuture(const recipe::Value &awaitable, std::optional<recipe::RecipeError> &error) override
    {
        if (const auto *future = awaitable.get<recipe::FuturePtr>())
            return *future;
        if (awaitable.get<recipe::Ref<recipe::Coroutine>>()) {
            made.push_back(recipe::Future::task(&eventLoop, nullptr, int(made.size()) + 2));
            return made.back();
        }
        error = recipe::RecipeError{QStringLiteral("TypeError"), QStringLiteral("not a future"), 0, QString()};
        return nullptr;
    }

    recipe::EventLoop eventLoop;
    qint64 now = 0;
    recipe::FuturePtr current;
    std::vector<recipe::Future *> cancelled;
    /// The tasks ensureFuture() made of coroutines, in order.
    std::vector<recipe::FuturePtr> made;
};
