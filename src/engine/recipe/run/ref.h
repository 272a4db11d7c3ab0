// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace recipe {

/**
 * An object that counts the Refs holding it, inside itself. A recipe's
 * objects are shared as Python's are, and a std::shared_ptr pays for that
 * with a control block beside each object and two words in each pointer (and
 * two more in an object that must make pointers to itself): a million tasks
 * paid for all of it. Here the count is in the object and a Ref is one word,
 * so a Value holding any object is 16 bytes.
 *
 * The destructor is virtual so that a Ref can be copied and dropped where its
 * type is only declared (a Value holds Refs to types defined after it). The
 * count is atomic, as shared_ptr's is: a program's constants are shared by
 * the interpreters that run it, which may be on different threads.
 */
class RefCounted
{
public:
    RefCounted() = default;
    RefCounted(const RefCounted &) = delete;
    RefCounted &operator=(const RefCounted &) = delete;
    virtual ~RefCounted() = default;

    /// How many Refs hold the object now.
    long refCount() const { return long(m_refs.load(std::memory_order_relaxed)); }
    /// Holds the object without a Ref, for one that must never be freed by its Refs (it lives on the stack or
    /// inside another object); every retain() needs its release().
    void retain() const { m_refs.fetch_add(1, std::memory_order_relaxed); }
    /// Lets go of a retain(), freeing the object when it was the last hold.
    void release() const
    {
        if (m_refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete this;
    }

protected:
    /// Four bytes a subclass may use: the count leaves them free before the subclass's first member, as an object
    /// with a vtable is aligned to 8, and a small number kept here saves a million objects 8 bytes each.
    std::uint32_t &spare() { return m_spare; }
    std::uint32_t spare() const { return m_spare; }

private:
    mutable std::atomic<std::uint32_t> m_refs = 0;
    std::uint32_t m_spare = 0;
};

/// A shared pointer to a RefCounted object, one word wide. Like std::shared_ptr, it may be copied, moved, compared
/// and tested; unlike it, a Ref can be made again from the bare pointer, as the count is in the object. It keeps
/// the object as a RefCounted, so that it can be copied and dropped where T is only declared; reaching the T
/// needs T defined.
template<typename T>
class Ref
{
public:
    Ref() = default;
    Ref(std::nullptr_t) { } // NOLINT(google-explicit-constructor): as shared_ptr converts from nullptr
    /// Holds @p object (which may be null), adding to its count.
    explicit Ref(T *object)
        : m_object(const_cast<std::remove_const_t<T> *>(object))
    {
        if (m_object)
            m_object->retain();
    }
    /// noexcept, as a count's increment cannot throw: a lambda that captures a const Ref is then moved without a
    /// throw too, which is what lets LoopCallback keep it inline rather than on the heap.
    Ref(const Ref &other) noexcept
        : m_object(other.m_object)
    {
        if (m_object)
            m_object->retain();
    }
    Ref(Ref &&other) noexcept
        : m_object(std::exchange(other.m_object, nullptr))
    {
    }
    Ref &operator=(const Ref &other) noexcept
    {
        Ref(other).swap(*this);
        return *this;
    }
    Ref &operator=(Ref &&other) noexcept
    {
        Ref(std::move(other)).swap(*this);
        return *this;
    }
    ~Ref()
    {
        if (m_object)
            m_object->release();
    }

    /// Takes over a hold on @p object made by retain(), without adding to its count.
    static Ref adopt(T *object)
    {
        Ref adopted;
        adopted.m_object = const_cast<std::remove_const_t<T> *>(object);
        return adopted;
    }
    /// A new T made of @p arguments, held by the Ref returned.
    template<typename... Arguments>
    static Ref make(Arguments &&...arguments)
    {
        return Ref(new T(std::forward<Arguments>(arguments)...));
    }

    T *get() const { return static_cast<T *>(m_object); }
    T &operator*() const { return *get(); }
    T *operator->() const { return get(); }
    explicit operator bool() const { return m_object != nullptr; }
    long use_count() const { return m_object ? m_object->refCount() : 0; }
    void reset() { Ref().swap(*this); }
    void swap(Ref &other) noexcept { std::swap(m_object, other.m_object); }

    friend bool operator==(const Ref &a, const Ref &b) { return a.m_object == b.m_object; }
    friend bool operator==(const Ref &a, std::nullptr_t) { return !a.m_object; }

private:
    RefCounted *m_object = nullptr;
};

/// A value of type T that cannot itself count its Refs (a QString, a RecipeError), kept in a RefCounted box.
template<typename T>
struct Boxed : RefCounted {
    template<typename... Arguments>
    explicit Boxed(Arguments &&...arguments)
        : value(std::forward<Arguments>(arguments)...)
    {
    }
    const T value;
};

/// A Ref to a Boxed T that reads as a pointer to the T inside: what shared_ptr<const T> was, one word wide.
template<typename T>
class BoxRef
{
public:
    BoxRef() = default;
    template<typename... Arguments>
    static BoxRef make(Arguments &&...arguments)
    {
        BoxRef made;
        made.m_box = Ref<Boxed<T>>::make(std::forward<Arguments>(arguments)...);
        return made;
    }
    const T *get() const { return m_box ? &m_box->value : nullptr; }
    const T &operator*() const { return m_box->value; }
    const T *operator->() const { return &m_box->value; }
    explicit operator bool() const { return bool(m_box); }
    long use_count() const { return m_box.use_count(); }

    friend bool operator==(const BoxRef &a, const BoxRef &b) { return a.m_box == b.m_box; }

private:
    Ref<Boxed<T>> m_box;
};

} // namespace recipe
