// SPDX-License-Identifier: MIT
#pragma once

#include "resource.h"

namespace recipe {

/**
 * asyncio.Event: a flag that tasks wait to see set. set() wakes every
 * waiter at once, in the order they came; a wait() on a set flag does not
 * wait at all.
 */
class AsyncioEvent : public Resource
{
public:
    AsyncioEvent()
        : Resource(Kind::Event)
    {
    }
    bool isSet() const { return m_set; }
    QString state() const override { return m_set ? QStringLiteral("set") : QStringLiteral("unset"); }
    void set();
    void clear() { m_set = false; }
    QString repr() const override;
    std::size_t waiterCount() const override { return m_waiters.size(); }
    ResourceStep call(ResourceMethod method, const Value &argument) override;
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;
    ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                        EventLoop &loop) override;

private:
    Waiters m_waiters;
    bool m_set = false;
};

} // namespace recipe
