// SPDX-License-Identifier: MIT
#pragma once

#include "cyclebreaker.h"
#include "ref.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <variant>
#include <vector>

namespace recipe {

struct CodeObject;
class Coroutine;
class Future;
class Resource;
struct ListObject;
struct FunctionObject;

/// The built-in functions and module functions a recipe may call; nothing else can be reached.
enum class Builtin : std::uint8_t {
    Print,
    Len,
    Range,
    Str,
    Repr,
    Int,
    Float,
    Min,
    Max,
    Abs,
    Round,
    Sum,
    AsyncioRun,
    AsyncioSleep,
    AsyncioGather,
    AsyncioCreateTask,
    AsyncioLock,
    AsyncioSemaphore,
    AsyncioEvent,
    AsyncioQueue,
    AsyncioWaitFor,
    AsyncioTimeout,
    AsyncioTaskGroup,
    TimeSleep,
    TimePerfCounter,
    TimeMonotonic,
    // The exception classes a recipe can name, raise and catch (ExceptionClasses), from the root down.
    BaseException,
    Exception,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    LookupError,
    IndexError,
    KeyError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    NameError,
    UnboundLocalError,
    ValueError,
    TypeError,
    AttributeError,
    MemoryError,
    OSError,
    TimeoutError,
    AssertionError,
    BaseExceptionGroup,
    ExceptionGroup,
    CancelledError, ///< asyncio.CancelledError, a BaseException: `except Exception` lets it pass
    QueueEmpty, ///< asyncio.QueueEmpty, what get_nowait() raises
    QueueFull, ///< asyncio.QueueFull, what put_nowait() raises
};
/// The methods a recipe may call on a value; anything else is an AttributeError.
enum class Method : std::uint8_t {
    StrUpper,
    StrLower,
    StrJoin,
    StrFormat,
    ListAppend,
    TaskDone,
    TaskResult,
    TaskCancel,
    TaskCancelled,
    TaskUncancel,
    TaskCancelling,
    OfResource ///< one of a resource's, which BoundMethod::resourceMethod says
};
/// The methods of asyncio's resources a recipe may call; which of them a resource has, Resource::has() says.
enum class ResourceMethod : std::uint8_t {
    Acquire,
    Release,
    Locked,
    Set,
    Clear,
    IsSet,
    Wait,
    Put,
    Get,
    PutNowait,
    GetNowait,
    Qsize,
    Empty,
    Full,
    TaskDone,
    Join,
    Expired, ///< a timeout's expired()
    CreateTask, ///< a task group's create_task()
    Enter, ///< __aenter__, what `async with` awaits first
    Exit, ///< __aexit__, what `async with` awaits last
};
/// The two modules a recipe may import.
enum class ModuleId : std::uint8_t { Asyncio, Time };

struct NoneValue {
    friend bool operator==(NoneValue, NoneValue) { return true; }
};
/// A range as range() makes it, iterated lazily.
struct RangeValue {
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::int64_t step = 1;
    std::int64_t length() const;
    std::int64_t at(std::int64_t i) const { return start + i * step; }
};
struct BoundMethod;
struct IteratorObject;
struct RecipeError;
/// A future or task as values hold it.
using FuturePtr = Ref<Future>;

/**
 * One value of a running recipe: what Python would hold in a variable. Ints
 * are 64-bit (leaving that range is an error, never a wrap); lists,
 * functions, coroutines and futures are shared, as Python's objects are.
 */
class Value
{
public:
    /// A str and a range are kept behind a pointer, as every other object is, and every pointer is a one-word Ref
    /// (ref.h): no alternative is larger than a word, so a value takes 16 bytes (an inline QString made it 32,
    /// shared_ptrs 24) in every local, stack slot and result of a million tasks. A str is immutable, so sharing
    /// one is as copying it.
    using StrPtr = BoxRef<QString>;
    using RangePtr = BoxRef<RangeValue>;
    /// An exception as a value: what gather(..., return_exceptions=True) gives for a task that raised.
    using ErrorPtr = BoxRef<RecipeError>;
    using Data = std::variant<NoneValue, bool, std::int64_t, double, StrPtr, Ref<ListObject>, Ref<FunctionObject>,
                              Builtin, Ref<BoundMethod>, ModuleId, Ref<Coroutine>, Ref<Future>, RangePtr,
                              Ref<IteratorObject>, ErrorPtr, Ref<Resource>>;

    Value() = default;
    Value(bool b)
        : m_data(b)
    {
    }
    Value(std::int64_t n)
        : m_data(n)
    {
    }
    Value(int n)
        : m_data(std::int64_t(n))
    {
    }
    Value(double x)
        : m_data(x)
    {
    }
    Value(const QString &s)
        : m_data(StrPtr::make(s))
    {
    }
    Value(const RangeValue &range)
        : m_data(RangePtr::make(range))
    {
    }
    Value(Data data)
        : m_data(std::move(data))
    {
    }

    static Value list(std::vector<Value> items);

    bool isNone() const { return std::holds_alternative<NoneValue>(m_data); }
    bool isBool() const { return std::holds_alternative<bool>(m_data); }
    bool isInt() const { return std::holds_alternative<std::int64_t>(m_data); }
    bool isFloat() const { return std::holds_alternative<double>(m_data); }
    /// int or bool or float: what arithmetic takes.
    bool isNumber() const { return isInt() || isBool() || isFloat(); }
    bool isStr() const { return std::holds_alternative<StrPtr>(m_data); }
    bool isList() const { return std::holds_alternative<Ref<ListObject>>(m_data); }

    bool asBool() const { return std::get<bool>(m_data); }
    /// The value of an int or a bool as an int.
    std::int64_t asInt() const { return isBool() ? std::int64_t(asBool()) : std::get<std::int64_t>(m_data); }
    /// The value of any number as a float.
    double asFloat() const { return isFloat() ? std::get<double>(m_data) : double(asInt()); }
    const QString &asStr() const { return *std::get<StrPtr>(m_data); }
    const Ref<ListObject> &asList() const { return std::get<Ref<ListObject>>(m_data); }

    const Data &data() const { return m_data; }
    /// The value as a T, or null if it is something else; a str and a range are read through their pointers.
    template<typename T>
    const T *get() const
    {
        if constexpr (std::is_same_v<T, QString>) {
            const StrPtr *str = std::get_if<StrPtr>(&m_data);
            return str ? str->get() : nullptr;
        } else if constexpr (std::is_same_v<T, RangeValue>) {
            const RangePtr *range = std::get_if<RangePtr>(&m_data);
            return range ? range->get() : nullptr;
        } else {
            return std::get_if<T>(&m_data);
        }
    }

    /// Python's name for the value's type, as error messages give it: 'int', 'str', 'coroutine', ...
    QString typeName() const;
    /// Truth as `if value:` sees it.
    bool isTruthy() const;
    /// str(value) and repr(value); a list that holds itself shows as [...], as in CPython.
    QString str() const;
    QString repr() const;
    /// ==, as Python compares: 1 == 1.0 == True, lists item by item (an item identical to the other is equal).
    bool equals(const Value &other) const;
    /// `is`: the same object (for None, bools and small ints, the same value).
    bool isSameObject(const Value &other) const;
    /// How two numbers (ints, bools or floats) order: -1, 0 or 1, exactly, as CPython compares an int with a float
    /// (9007199254740993 > 9007199254740992.0, where converting the int would make them equal); none when either
    /// is a nan, which orders with nothing.
    static std::optional<int> numericOrder(const Value &a, const Value &b);

private:
    QString reprNested(int depth) const;
    bool equalsNested(const Value &other, int depth) const;

    Data m_data;
};

/**
 * A list. Its destructor frees nested lists one after another, not one
 * inside another, so that dropping a list nested a million deep costs no
 * stack; and it keeps the count of items alive for the memory budget.
 */
struct ListObject : RefCounted, CycleBreaker::Link {
    std::vector<Value> items;
    /// A tuple, which Kitchen Python only ever reads (an ExceptionGroup's exceptions): shown as (a, b), never changed.
    bool isTuple = false;
    ListObject();
    ListObject(const ListObject &) = delete;
    ListObject &operator=(const ListObject &) = delete;
    ~ListObject();
};

/// Nested deeper than this, repr() and == give up, as CPython raises RecursionError there.
constexpr int maxNestedDepth = 1000;
/// Set when a repr() or str() met a list nested deeper than maxNestedDepth; the caller raises RecursionError.
bool takeNestingOverflow();
/// Says, for takeNestingOverflow(), that an object met itself while it was being shown (a queue holding itself).
void markNestingOverflow();

/// A function as `def` makes it: its code and the values of its defaults, evaluated once at the def.
struct FunctionObject : RefCounted {
    const CodeObject *code = nullptr;
    std::vector<Value> defaults;
};

/// Where a for loop stands in what it iterates (a list, a str or a range).
struct IteratorObject : RefCounted {
    Value iterable;
    std::int64_t index = 0;
};

/// A method taken from a value, e.g. "x".upper or tasks[0].done, ready to be called.
struct BoundMethod : RefCounted {
    BoundMethod(Value self, Method method, ResourceMethod resourceMethod = ResourceMethod::Acquire)
        : self(std::move(self))
        , method(method)
        , resourceMethod(resourceMethod)
    {
    }
    Value self;
    Method method;
    ResourceMethod resourceMethod;
};

} // namespace recipe
