// SPDX-License-Identifier: MIT
#include "resourcecalls.h"

#include "asyncioevent.h"
#include "asynciolock.h"
#include "asyncioqueue.h"
#include "asynciosemaphore.h"
#include "coroutine.h"

#include <QHash>

namespace recipe {

ResourceStep ResourceCalls::typeError(const QString &message)
{
    return ResourceStep::raise({QStringLiteral("TypeError"), message, 0, QString()});
}

QString ResourceCalls::bind(const QString &function, const std::vector<Value> &positional, const Keywords &keywords,
                            const std::vector<QLatin1String> &names, std::size_t required,
                            std::vector<std::optional<Value>> &bound)
{
    // CPython counts self among the positional arguments in its messages.
    const std::size_t most = names.size() + 1;
    const std::size_t given = positional.size() + 1;
    if (given > most) {
        const QString takes = required < names.size()
            ? QStringLiteral("from %1 to %2 positional arguments").arg(required + 1).arg(most)
            : QStringLiteral("%1 positional argument%2").arg(most).arg(most == 1 ? QString() : QStringLiteral("s"));
        return QStringLiteral("%1() takes %2 but %3 %4 given")
            .arg(function, takes)
            .arg(given)
            .arg(given == 1 ? QStringLiteral("was") : QStringLiteral("were"));
    }
    bound.assign(names.size(), std::nullopt);
    for (std::size_t i = 0; i < positional.size(); ++i)
        bound[i] = positional[i];
    for (const auto &[key, value] : keywords) {
        const auto found = std::find(names.begin(), names.end(), key);
        if (found == names.end())
            return QStringLiteral("%1() got an unexpected keyword argument '%2'").arg(function, key);
        std::optional<Value> &slot = bound[std::size_t(found - names.begin())];
        if (slot)
            return QStringLiteral("%1() got multiple values for argument '%2'").arg(function, key);
        slot = value;
    }
    for (std::size_t i = 0; i < required; ++i) {
        if (!bound[i])
            return QStringLiteral("%1() missing 1 required positional argument: '%2'").arg(function, names[i]);
    }
    return QString();
}

std::optional<Builtin> ResourceCalls::classNamed(const QString &attribute)
{
    static const QHash<QString, Builtin> classes{{QStringLiteral("Lock"), Builtin::AsyncioLock},
                                                 {QStringLiteral("Semaphore"), Builtin::AsyncioSemaphore},
                                                 {QStringLiteral("Event"), Builtin::AsyncioEvent},
                                                 {QStringLiteral("Queue"), Builtin::AsyncioQueue}};
    const auto found = classes.constFind(attribute);
    return found == classes.cend() ? std::nullopt : std::optional(*found);
}

std::optional<ResourceMethod> ResourceCalls::methodNamed(const QString &name)
{
    for (int i = 0; i <= int(ResourceMethod::Exit); ++i) {
        if (Resource::nameOf(ResourceMethod(i)) == name)
            return ResourceMethod(i);
    }
    return std::nullopt;
}

ResourceStep ResourceCalls::construct(Builtin builtin, const std::vector<Value> &positional, const Keywords &keywords,
                                      bool threading)
{
    std::vector<std::optional<Value>> bound;
    // A count must be an int: Kitchen Python has no other kind of number a count could be.
    const auto count = [](const std::optional<Value> &given, std::int64_t fallback) -> std::optional<std::int64_t> {
        if (!given)
            return fallback;
        if (given->isInt() || given->isBool())
            return given->asInt();
        return std::nullopt;
    };
    switch (builtin) {
    case Builtin::AsyncioLock:
    case Builtin::AsyncioEvent: {
        const bool lock = builtin == Builtin::AsyncioLock;
        if (QString error = bind(lock ? QStringLiteral("Lock.__init__") : QStringLiteral("Event.__init__"), positional,
                                 keywords, {}, 0, bound);
            !error.isNull())
            return typeError(error);
        if (lock)
            return ResourceStep::done(Value(Value::Data(Ref<Resource>(new AsyncioLock))));
        return ResourceStep::done(Value(Value::Data(Ref<Resource>(new AsyncioEvent))));
    }
    case Builtin::AsyncioSemaphore: {
        if (QString error
            = bind(QStringLiteral("Semaphore.__init__"), positional, keywords, {QLatin1String("value")}, 0, bound);
            !error.isNull())
            return typeError(error);
        const std::optional<std::int64_t> value = count(bound[0], 1);
        if (!value && bound[0]->isFloat())
            return typeError(QStringLiteral("Kitchen Python's Semaphore takes an int value, not 'float'"));
        if (!value)
            return typeError(
                QStringLiteral("'<' not supported between instances of '%1' and 'int'").arg(bound[0]->typeName()));
        if (*value < 0)
            return ResourceStep::raise({QStringLiteral("ValueError"),
                                        threading ? QStringLiteral("semaphore initial value must be >= 0")
                                                  : QStringLiteral("Semaphore initial value must be >= 0"),
                                        0, QString()});
        return ResourceStep::done(Value(Value::Data(Ref<Resource>(new AsyncioSemaphore(*value)))));
    }
    case Builtin::AsyncioQueue: {
        if (QString error
            = bind(QStringLiteral("Queue.__init__"), positional, keywords, {QLatin1String("maxsize")}, 0, bound);
            !error.isNull())
            return typeError(error);
        const std::optional<std::int64_t> maxsize = count(bound[0], 0);
        if (!maxsize)
            return typeError(
                QStringLiteral("Kitchen Python's Queue takes an int maxsize, not '%1'").arg(bound[0]->typeName()));
        return ResourceStep::done(Value(Value::Data(Ref<Resource>(new AsyncioQueue(bound[0].value_or(Value(0)))))));
    }
    default:
        return typeError(QStringLiteral("not a resource"));
    }
}

ResourceStep ResourceCalls::call(const Ref<Resource> &resource, ResourceMethod method,
                                 const std::vector<Value> &positional, const Keywords &keywords)
{
    const bool takesItem = method == ResourceMethod::Put || method == ResourceMethod::PutNowait;
    const bool takesCoroutine = method == ResourceMethod::CreateTask;
    std::vector<std::optional<Value>> bound;
    const QString function = resource->typeName() + QLatin1Char('.') + Resource::nameOf(method);
    std::vector<QLatin1String> names;
    if (takesItem)
        names.push_back(QLatin1String("item"));
    if (takesCoroutine)
        names.push_back(QLatin1String("coro"));
    if (QString error = bind(function, positional, keywords, names, names.size(), bound); !error.isNull())
        return typeError(error);
    const Value argument = takesItem || takesCoroutine ? *bound[0] : Value();
    if (Resource::isCoroutine(method))
        return ResourceStep::done(Value(Value::Data(Coroutine::ofResource(resource, method, argument))));
    return resource->call(method, argument);
}

} // namespace recipe
