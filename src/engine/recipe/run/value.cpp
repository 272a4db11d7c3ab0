// SPDX-License-Identifier: MIT
#include "value.h"

#include "exceptionclasses.h"

#include "codeobject.h"
#include "cyclebreaker.h"
#include "pythontext.h"
#include "recipeerror.h"
#include "resource.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace recipe {

std::int64_t RangeValue::length() const
{
    if (step > 0 && start < stop)
        return (stop - start - 1) / step + 1;
    if (step < 0 && start > stop)
        return (start - stop - 1) / -step + 1;
    return 0;
}

Value Value::list(std::vector<Value> items)
{
    auto list = Ref<ListObject>::make();
    list->items = std::move(items);
    return Value(Data(std::move(list)));
}

QString Value::typeName() const
{
    struct Namer {
        QString operator()(NoneValue) const { return QStringLiteral("NoneType"); }
        QString operator()(bool) const { return QStringLiteral("bool"); }
        QString operator()(std::int64_t) const { return QStringLiteral("int"); }
        QString operator()(double) const { return QStringLiteral("float"); }
        QString operator()(const StrPtr &) const { return QStringLiteral("str"); }
        QString operator()(const Ref<ListObject> &list) const
        {
            return list->isTuple ? QStringLiteral("tuple") : QStringLiteral("list");
        }
        QString operator()(const Ref<FunctionObject> &) const { return QStringLiteral("function"); }
        QString operator()(Builtin builtin) const
        {
            // As CPython types them: asyncio's functions are written in Python, its resources are classes, the
            // builtins and time's functions are C.
            switch (builtin) {
            case Builtin::AsyncioRun:
            case Builtin::AsyncioSleep:
            case Builtin::AsyncioGather:
            case Builtin::AsyncioCreateTask:
            case Builtin::AsyncioWaitFor:
            case Builtin::AsyncioTimeout:
                return QStringLiteral("function");
            case Builtin::AsyncioLock:
            case Builtin::AsyncioSemaphore:
            case Builtin::AsyncioEvent:
            case Builtin::AsyncioQueue:
            case Builtin::AsyncioTaskGroup:
                return QStringLiteral("type");
            default:
                return ExceptionClasses::isClass(builtin) ? QStringLiteral("type")
                                                          : QStringLiteral("builtin_function_or_method");
            }
        }
        QString operator()(const Ref<BoundMethod> &method) const
        {
            // A resource's methods are Python methods; a str's, a list's and a task's are C.
            return method->method == Method::OfResource ? QStringLiteral("method")
                                                        : QStringLiteral("builtin_function_or_method");
        }
        QString operator()(ModuleId) const { return QStringLiteral("module"); }
        QString operator()(const Ref<Coroutine> &) const { return QStringLiteral("coroutine"); }
        QString operator()(const FuturePtr &) const { return QStringLiteral("_asyncio.Task"); }
        QString operator()(const RangePtr &) const { return QStringLiteral("range"); }
        QString operator()(const Ref<IteratorObject> &) const { return QStringLiteral("iterator"); }
        QString operator()(const ErrorPtr &error) const { return error->type.section(QLatin1Char('.'), -1); }
        QString operator()(const Ref<Resource> &resource) const { return resource->typeName(); }
    };
    return std::visit(Namer{}, m_data);
}

bool Value::isTruthy() const
{
    if (isNone())
        return false;
    if (isBool())
        return asBool();
    if (isInt())
        return asInt() != 0;
    if (isFloat())
        return asFloat() != 0;
    if (isStr())
        return !asStr().isEmpty();
    if (isList())
        return !asList()->items.empty();
    if (const RangeValue *range = get<RangeValue>())
        return range->length() > 0;
    return true;
}

QString Value::str() const
{
    if (isStr())
        return asStr();
    if (const ErrorPtr *error = get<ErrorPtr>())
        return (*error)->message; // str() of an exception is its one argument, or '' without one
    if (const auto *resource = get<Ref<Resource>>())
        return (*resource)->str();
    return repr();
}

namespace {
/// The lists repr() is inside of, to show a list that holds itself as [...].
thread_local std::vector<const ListObject *> listsBeingShown;
thread_local bool nestingOverflow = false;
/// Lists whose last owner is gone, freed one by one by the outermost ListObject destructor.
thread_local std::vector<Ref<ListObject>> listsToFree;
thread_local bool freeingLists = false;
} // namespace

void markNestingOverflow()
{
    nestingOverflow = true;
}

bool takeNestingOverflow()
{
    const bool overflow = nestingOverflow;
    nestingOverflow = false;
    return overflow;
}

ListObject::ListObject()
{
    if (CycleBreaker *breaker = CycleBreaker::current())
        breaker->add(this);
}

ListObject::~ListObject()
{
    CycleBreaker::remove(*this);
    for (Value &item : items) {
        if (const auto *list = item.get<Ref<ListObject>>(); list && list->use_count() == 1)
            listsToFree.push_back(*list);
    }
    items.clear();
    if (freeingLists)
        return;
    freeingLists = true;
    while (!listsToFree.empty()) {
        // Dropped here, outside any other destructor: its own nested lists join the queue instead of recursing.
        Ref<ListObject> next = std::move(listsToFree.back());
        listsToFree.pop_back();
        next.reset();
    }
    freeingLists = false;
}

QString Value::repr() const
{
    return reprNested(0);
}

QString Value::reprNested(int depth) const
{
    if (isList()) {
        const ListObject *list = asList().get();
        if (std::find(listsBeingShown.begin(), listsBeingShown.end(), list) != listsBeingShown.end())
            return QStringLiteral("[...]");
        if (depth >= maxNestedDepth) {
            nestingOverflow = true;
            return QStringLiteral("[...]");
        }
        listsBeingShown.push_back(list);
        QStringList shown;
        for (const Value &item : list->items)
            shown << item.reprNested(depth + 1);
        listsBeingShown.pop_back();
        if (list->isTuple)
            return QLatin1Char('(') + shown.join(QStringLiteral(", "))
                + (shown.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
        return QLatin1Char('[') + shown.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    if (isNone())
        return QStringLiteral("None");
    if (isBool())
        return asBool() ? QStringLiteral("True") : QStringLiteral("False");
    if (isInt())
        return QString::number(asInt());
    if (isFloat())
        return PythonText::floatRepr(asFloat());
    if (isStr())
        return PythonText::stringRepr(asStr());
    if (const RangeValue *range = get<RangeValue>()) {
        return range->step == 1
            ? QStringLiteral("range(%1, %2)").arg(range->start).arg(range->stop)
            : QStringLiteral("range(%1, %2, %3)").arg(range->start).arg(range->stop).arg(range->step);
    }
    if (const ErrorPtr *error = get<ErrorPtr>())
        return ExceptionClasses::repr(**error);
    if (const Builtin *builtin = get<Builtin>(); builtin && ExceptionClasses::isClass(*builtin))
        return QStringLiteral("<class '%1'>").arg(ExceptionClasses::nameOf(*builtin));
    if (const auto *function = get<Ref<FunctionObject>>())
        return QStringLiteral("<function %1>").arg((*function)->code->name);
    if (const auto *resource = get<Ref<Resource>>())
        return (*resource)->repr();
    if (const ModuleId *module = get<ModuleId>())
        return QStringLiteral("<module '%1'>")
            .arg(*module == ModuleId::Asyncio ? QStringLiteral("asyncio") : QStringLiteral("time"));
    return QStringLiteral("<%1 object>").arg(typeName());
}

namespace {
/// The order of an int and a float, exactly: the float is split at the point instead of the int rounded.
int intFloatOrder(std::int64_t i, double d)
{
    constexpr double twoTo63 = 9223372036854775808.0;
    if (d >= twoTo63)
        return -1;
    if (d < -twoTo63)
        return 1;
    const auto whole = std::int64_t(d); // exact: |d| < 2**63, toward zero
    if (i != whole)
        return i < whole ? -1 : 1;
    const double fraction = d - double(whole);
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
}
} // namespace

std::optional<int> Value::numericOrder(const Value &a, const Value &b)
{
    if (!a.isFloat() && !b.isFloat()) {
        const std::int64_t x = a.asInt();
        const std::int64_t y = b.asInt();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    const double x = a.asFloat();
    const double y = b.asFloat();
    if (std::isnan(x) || std::isnan(y))
        return std::nullopt;
    if (a.isFloat() && b.isFloat())
        return x < y ? -1 : x > y ? 1 : 0;
    return a.isFloat() ? -intFloatOrder(b.asInt(), x) : intFloatOrder(a.asInt(), y);
}

bool Value::equals(const Value &other) const
{
    return equalsNested(other, 0);
}

bool Value::equalsNested(const Value &other, int depth) const
{
    if (isNumber() && other.isNumber())
        return numericOrder(*this, other) == 0;
    if (isStr() && other.isStr())
        return asStr() == other.asStr();
    if (isList() && other.isList()) {
        if (asList() == other.asList())
            return true;
        const std::vector<Value> &a = asList()->items;
        const std::vector<Value> &b = other.asList()->items;
        if (a.size() != b.size())
            return false;
        if (depth >= maxNestedDepth) {
            nestingOverflow = true;
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            // As PyObject_RichCompareBool: the same object is equal to itself without a look inside.
            if (!a[i].isSameObject(b[i]) && !a[i].equalsNested(b[i], depth + 1))
                return false;
        }
        return true;
    }
    if (const RangeValue *range = get<RangeValue>()) {
        const RangeValue *otherRange = other.get<RangeValue>();
        return otherRange && range->length() == otherRange->length()
            && (range->length() == 0 || (range->start == otherRange->start && range->step == otherRange->step));
    }
    return isSameObject(other);
}

bool Value::isSameObject(const Value &other) const
{
    if (m_data.index() != other.m_data.index())
        return false;
    // CPython caches -5..256; beyond, two equal ints made apart are different objects. Kitchen Python says
    // equal numbers and strs are the same: `is` on them is undefined in Python, and a SyntaxWarning in 3.11.
    return std::visit(
        [&theirs = other.m_data](const auto &mine) -> bool {
            using T = std::decay_t<decltype(mine)>;
            if constexpr (std::is_same_v<T, NoneValue>)
                return true;
            else if constexpr (std::is_same_v<T, double>)
                return std::memcmp(&mine, &std::get<double>(theirs), sizeof(double)) == 0; // a nan is itself
            else if constexpr (std::is_same_v<T, RangePtr>)
                return false;
            else if constexpr (std::is_same_v<T, StrPtr>)
                return *mine == *std::get<T>(theirs); // equal strs are one object, as said above
            else
                return mine == std::get<T>(theirs); // shared objects compare by address
        },
        m_data);
}

} // namespace recipe
