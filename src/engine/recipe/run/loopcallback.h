// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace recipe {

/**
 * What the event loop runs: a move-only callable kept inside the object.
 * std::function puts every capture of more than 16 bytes on the heap, and
 * libstdc++ does so for any smart pointer; with a timer and a wake-up per
 * task, a million tasks paid that allocation millions of times. A capture
 * up to inlineBytes lives here; a larger one still works, on the heap.
 */
class LoopCallback
{
public:
    /// Room for the interpreter's captures: `this` with two Refs, or a shared record and an index.
    static constexpr std::size_t inlineBytes = 24;
    /// Captures are pointers and indexes: aligned as a pointer, a callback is 32 bytes, where max_align_t's 16
    /// would round every future and loop entry holding one up by 8.
    static constexpr std::size_t inlineAlignment = alignof(void *);

    LoopCallback() = default;

    template<typename Function, typename = std::enable_if_t<!std::is_same_v<std::decay_t<Function>, LoopCallback>>>
    LoopCallback(Function &&function) // NOLINT(google-explicit-constructor): a lambda converts, as to std::function
    {
        using Stored = std::decay_t<Function>;
        if constexpr (fitsInline<Stored>()) {
            ::new (static_cast<void *>(m_storage)) Stored(std::forward<Function>(function));
            m_operations = &inlineOperations<Stored>;
        } else {
            ::new (static_cast<void *>(m_storage)) Stored *(new Stored(std::forward<Function>(function)));
            m_operations = &heapOperations<Stored>;
        }
    }

    LoopCallback(LoopCallback &&other) noexcept { takeFrom(other); }
    LoopCallback &operator=(LoopCallback &&other) noexcept
    {
        if (this != &other) {
            reset();
            takeFrom(other);
        }
        return *this;
    }
    LoopCallback(const LoopCallback &) = delete;
    LoopCallback &operator=(const LoopCallback &) = delete;
    ~LoopCallback() { reset(); }

    explicit operator bool() const { return m_operations != nullptr; }
    /// Whether a callable of type @p Stored is kept inside the callback (else on the heap): small enough, aligned
    /// as a pointer, and moved without a throw. A capture of a const copy moves by copying, so it must not throw.
    template<typename Stored>
    static constexpr bool fitsInline()
    {
        return sizeof(Stored) <= inlineBytes && alignof(Stored) <= inlineAlignment
            && std::is_nothrow_move_constructible_v<Stored>;
    }
    void operator()() { m_operations->call(m_storage); }

private:
    struct Operations {
        void (*call)(void *storage);
        /// Moves the callable from @p from into the empty @p to, and destroys what is left in @p from.
        void (*relocate)(void *to, void *from);
        void (*destroy)(void *storage);
    };

    template<typename Stored>
    static constexpr Operations inlineOperations{
        [](void *storage) { (*std::launder(static_cast<Stored *>(storage)))(); },
        [](void *to, void *from) {
            Stored *source = std::launder(static_cast<Stored *>(from));
            ::new (to) Stored(std::move(*source));
            source->~Stored();
        },
        [](void *storage) { std::launder(static_cast<Stored *>(storage))->~Stored(); },
    };

    template<typename Stored>
    static constexpr Operations heapOperations{
        [](void *storage) { (**std::launder(static_cast<Stored **>(storage)))(); },
        [](void *to, void *from) { ::new (to) Stored *(*std::launder(static_cast<Stored **>(from))); },
        [](void *storage) { delete *std::launder(static_cast<Stored **>(storage)); },
    };

    void takeFrom(LoopCallback &other) noexcept
    {
        if (!other.m_operations)
            return;
        other.m_operations->relocate(m_storage, other.m_storage);
        m_operations = std::exchange(other.m_operations, nullptr);
    }

    void reset() noexcept
    {
        if (m_operations)
            std::exchange(m_operations, nullptr)->destroy(m_storage);
    }

    alignas(inlineAlignment) unsigned char m_storage[inlineBytes];
    const Operations *m_operations = nullptr;
};

} // namespace recipe
