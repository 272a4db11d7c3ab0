// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

namespace recipe {

/**
 * std::optional's interface over a value kept on the heap: one pointer
 * wide when empty. For what a task holds only when something went wrong
 * (its error, the error it resumes with): a million tasks that never fail
 * should not each carry room for one.
 */
template<typename T>
class HeapOptional
{
public:
    HeapOptional() = default;
    HeapOptional(const T &value)
        : m_value(std::make_unique<T>(value))
    {
    }
    HeapOptional(const HeapOptional &other)
        : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr)
    {
    }
    HeapOptional(HeapOptional &&) noexcept = default;
    HeapOptional &operator=(const HeapOptional &other)
    {
        m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
        return *this;
    }
    HeapOptional &operator=(HeapOptional &&) noexcept = default;
    HeapOptional &operator=(const T &value)
    {
        m_value = std::make_unique<T>(value);
        return *this;
    }

    explicit operator bool() const { return m_value != nullptr; }
    bool has_value() const { return m_value != nullptr; }
    const T &operator*() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T *operator->() const { return m_value.get(); }
    T *operator->() { return m_value.get(); }
    void reset() { m_value.reset(); }

private:
    std::unique_ptr<T> m_value;
};

} // namespace recipe
