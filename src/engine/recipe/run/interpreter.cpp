// SPDX-License-Identifier: MIT
#include "interpreter.h"

#include "exceptionclasses.h"

#include "asynciotaskgroup.h"
#include "asynciotimeout.h"
#include "asynciowaitfor.h"
#include "coroutine.h"
#include "gathering.h"
#include "neverawaitedcoroutines.h"
#include "pythontext.h"
#include "resourcecalls.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <utility>

namespace recipe {
namespace {

constexpr qint64 nsPerSecond = 1000000000;
/// A task costs about a kilobyte with its frame: counted, so that tasks made without end meet the budget too.
constexpr qint64 bytesPerTask = 1024;
/// Sleeps are cut to this (about 31 years), so that their end in ns stays far inside 64 bits.
constexpr double longestSleepSeconds = 1e9;
/// No one value may grow past these: a recipe may print and wait, not fill the machine's memory.
constexpr std::size_t maxListItems = 8000000;
constexpr qsizetype maxStringLength = 16000000;
const QString memoryMessage = QStringLiteral("the recipe would hold more than Kitchen Python's memory budget");
/// CPython's RecursionError when a call from C code (a builtin's, a cancel() passed down) passes the limit.
const QString callTooDeepMessage = QStringLiteral("maximum recursion depth exceeded while calling a Python object");

const QHash<QString, Builtin> &builtinNames()
{
    static const QHash<QString, Builtin> names{
        {QStringLiteral("print"), Builtin::Print}, {QStringLiteral("len"), Builtin::Len},
        {QStringLiteral("range"), Builtin::Range}, {QStringLiteral("str"), Builtin::Str},
        {QStringLiteral("repr"), Builtin::Repr},   {QStringLiteral("int"), Builtin::Int},
        {QStringLiteral("float"), Builtin::Float}, {QStringLiteral("min"), Builtin::Min},
        {QStringLiteral("max"), Builtin::Max},     {QStringLiteral("abs"), Builtin::Abs},
        {QStringLiteral("round"), Builtin::Round}, {QStringLiteral("sum"), Builtin::Sum},
    };
    static const QHash<QString, Builtin> withClasses = [] {
        QHash<QString, Builtin> all = names;
        for (const QString &name : ExceptionClasses::names())
            all.insert(name, *ExceptionClasses::named(name));
        return all;
    }();
    return withClasses;
}

/// A switch of literals, not a search of builtinNames(): asyncio.sleep() binds its arguments under its name on every
/// call, and a literal costs no allocation.
QString builtinName(Builtin builtin)
{
    switch (builtin) {
    case Builtin::Print:
        return QStringLiteral("print");
    case Builtin::Len:
        return QStringLiteral("len");
    case Builtin::Range:
        return QStringLiteral("range");
    case Builtin::Str:
        return QStringLiteral("str");
    case Builtin::Repr:
        return QStringLiteral("repr");
    case Builtin::Int:
        return QStringLiteral("int");
    case Builtin::Float:
        return QStringLiteral("float");
    case Builtin::Min:
        return QStringLiteral("min");
    case Builtin::Max:
        return QStringLiteral("max");
    case Builtin::Abs:
        return QStringLiteral("abs");
    case Builtin::Round:
        return QStringLiteral("round");
    case Builtin::Sum:
        return QStringLiteral("sum");
    case Builtin::AsyncioRun:
        return QStringLiteral("run");
    case Builtin::AsyncioSleep:
        return QStringLiteral("sleep");
    case Builtin::AsyncioGather:
        return QStringLiteral("gather");
    case Builtin::AsyncioCreateTask:
        return QStringLiteral("create_task");
    case Builtin::AsyncioWaitFor:
        return QStringLiteral("wait_for");
    case Builtin::AsyncioTaskGroup:
        return QStringLiteral("TaskGroup");
    case Builtin::AsyncioTimeout:
        return QStringLiteral("timeout");
    // The time module's builtins name their module in their messages: time.sleep() takes no keyword arguments.
    case Builtin::TimeSleep:
        return QStringLiteral("time.sleep");
    case Builtin::TimePerfCounter:
        return QStringLiteral("time.perf_counter");
    case Builtin::TimeMonotonic:
        return QStringLiteral("time.monotonic");
    default:
        return ExceptionClasses::nameOf(builtin);
    }
    Q_UNREACHABLE();
    return QString();
}

/// CPython's check of the arguments of a builtin with keywords (Argument Clinic's, and PyArg_ParseTupleAndKeywords'
/// for min and max): @p parameters in all, the first @p leastPositional of them required positionally, keywords
/// only among @p names. The TypeError's text, or a null string when the arguments fit.
QString argumentsError(const QString &function, std::size_t positional, std::size_t leastPositional,
                       std::size_t parameters, const std::vector<std::pair<QString, Value>> &keywords,
                       std::initializer_list<QLatin1String> names)
{
    const std::size_t given = positional + keywords.size();
    // Counted before anything else, so a keyword given twice or unknown says only that there are too many.
    if (given > parameters)
        return QStringLiteral("%1() takes at most %2 %3argument%4 (%5 given)")
            .arg(function)
            .arg(parameters)
            .arg(positional == 0 ? QStringLiteral("keyword ") : QString(),
                 parameters == 1 ? QString() : QStringLiteral("s"))
            .arg(given);
    if (positional < leastPositional)
        return QStringLiteral("%1() takes at least %2 positional argument%3 (%4 given)")
            .arg(function)
            .arg(leastPositional)
            .arg(leastPositional == 1 ? QString() : QStringLiteral("s"))
            .arg(positional);
    for (const auto &keyword : keywords) {
        if (std::find(names.begin(), names.end(), keyword.first) == names.end())
            return QStringLiteral("'%1' is an invalid keyword argument for %2()").arg(keyword.first, function);
    }
    return QString();
}

/// Wide enough for any sum of a list of 64-bit ints (GCC's and Clang's 128-bit int, which -Wpedantic would flag).
__extension__ typedef __int128 WideInt;

/// How many levels of CPython's recursion check str() of @p value takes, up to @p most: one, and one more for each
/// level of non-empty lists, whose items' reprs are checked too.
qint64 strLevels(const Value &value, qint64 most)
{
    if (!value.isList() || value.asList()->items.empty() || most <= 1)
        return 1;
    qint64 deepest = 0;
    for (const Value &item : value.asList()->items)
        deepest = std::max(deepest, strLevels(item, most - 1));
    return 1 + deepest;
}

/// Where print() runs out of CPython 3.11's recursion levels when @p levels are left below the frame that calls it:
/// str() of an argument that is no str takes strLevels(), and each write to sys.stdout (an argument, a separator,
/// the end) one, as python3 runs a recipe, its output buffered (PYTHONUNBUFFERED's flush after each write would
/// take one more). CPython's RecursionError text at the first that does not fit, or a null string. A recursion
/// that prints at every level so stops a frame before one that does not.
QString printRecursionError(qint64 levels, const std::vector<Value> &arguments)
{
    constexpr qint64 writeLevels = 1;
    const QString exceeded = QStringLiteral("maximum recursion depth exceeded while ");
    if (levels >= writeLevels + 1 + 64) // no list in a print nests that deep without its own limit saying so first
        return QString();
    const QString calling = exceeded + QStringLiteral("calling a Python object");
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (i > 0 && levels < writeLevels)
            return calling;
        if (!arguments[i].isStr()) {
            if (levels < 1)
                return exceeded + QStringLiteral("getting the str of an object");
            if (strLevels(arguments[i], levels + 1) > levels)
                return exceeded + QStringLiteral("getting the repr of an object");
        }
        if (levels < writeLevels)
            return calling;
    }
    return levels < writeLevels ? calling : QString();
}

/// The "s" of a plural in a message: "1 argument", "2 arguments".
QLatin1String pluralS(std::size_t count)
{
    return QLatin1String(count == 1 ? "" : "s");
}

/// CPython's Argument Clinic binding of a builtin's arguments (_PyArg_UnpackKeywords) for `function(names...)`,
/// each parameter by position or by name and the first @p required of them needed: the TypeError's text, in the
/// order CPython checks, or a null string when the call fits; @p bound then holds each parameter's argument.
QString unpackLikeArgumentClinic(const QString &function, const std::vector<Value> &positional,
                                 const std::vector<std::pair<QString, Value>> &keywords,
                                 std::initializer_list<QLatin1String> names, std::size_t required,
                                 std::vector<std::optional<Value>> &bound)
{
    const std::size_t most = names.size();
    const std::size_t given = positional.size() + keywords.size();
    if (given > most)
        return QStringLiteral("%1() takes at most %2 %3argument%4 (%5 given)")
            .arg(function)
            .arg(most)
            .arg(positional.empty() ? QStringLiteral("keyword ") : QString(),
                 most == 1 ? QString() : QStringLiteral("s"))
            .arg(given);
    const auto byName = [&keywords](QLatin1String name) {
        return std::find_if(keywords.begin(), keywords.end(),
                            [name](const auto &keyword) { return keyword.first == name; });
    };
    bound.assign(most, std::nullopt);
    std::size_t keywordsLeft = keywords.size();
    for (std::size_t i = 0; i < most; ++i) {
        if (i < positional.size()) {
            bound[i] = positional[i];
            continue;
        }
        if (keywordsLeft == 0 && i >= required)
            break;
        if (const auto found = byName(names.begin()[i]); found != keywords.end()) {
            bound[i] = found->second;
            --keywordsLeft;
        } else if (i < required) {
            return QStringLiteral("%1() missing required argument '%2' (pos %3)")
                .arg(function, names.begin()[i])
                .arg(i + 1);
        }
    }
    if (keywordsLeft == 0)
        return QString();
    for (std::size_t i = 0; i < positional.size(); ++i) {
        if (byName(names.begin()[i]) != keywords.end())
            return QStringLiteral("argument for %1() given by name ('%2') and position (%3)")
                .arg(function, names.begin()[i])
                .arg(i + 1);
    }
    for (const auto &keyword : keywords) {
        if (std::find(names.begin(), names.end(), keyword.first) == names.end())
            return QStringLiteral("'%1' is an invalid keyword argument for %2()").arg(keyword.first, function);
    }
    return QString();
}

/// CPython's binding of a call to a function written in Python, `function(positionalNames..., *, keywordOnly...)`
/// whose first @p required parameters have no default (asyncio's own functions are such): the TypeError's text, in
/// the order CPython checks, or a null string when the call fits; @p bound then holds each parameter's argument.
QString bindLikeAPythonFunction(const QString &function, const std::vector<Value> &positional,
                                const std::vector<std::pair<QString, Value>> &keywords,
                                std::initializer_list<QLatin1String> positionalNames, std::size_t required,
                                std::initializer_list<QLatin1String> keywordOnly,
                                std::vector<std::optional<Value>> &bound)
{
    std::vector<QLatin1String> names(positionalNames);
    names.insert(names.end(), keywordOnly.begin(), keywordOnly.end());
    bound.assign(names.size(), std::nullopt);
    for (std::size_t i = 0; i < std::min(positional.size(), positionalNames.size()); ++i)
        bound[i] = positional[i];
    std::size_t keywordOnlyGiven = 0;
    for (const auto &[key, value] : keywords) {
        const auto found = std::find(names.begin(), names.end(), key);
        if (found == names.end())
            return QStringLiteral("%1() got an unexpected keyword argument '%2'").arg(function, key);
        auto &slot = bound[std::size_t(found - names.begin())];
        if (slot)
            return QStringLiteral("%1() got multiple values for argument '%2'").arg(function, key);
        slot = value;
        keywordOnlyGiven += std::size_t(found - names.begin()) >= positionalNames.size() ? 1 : 0;
    }
    if (positional.size() > positionalNames.size()) {
        const std::size_t most = positionalNames.size();
        const QString takes = required < most
            ? QStringLiteral("from %1 to %2 positional arguments").arg(required).arg(most)
            : QStringLiteral("%1 positional argument%2").arg(most).arg(pluralS(most));
        const QString andKeywordOnly = keywordOnlyGiven == 0
            ? QString()
            : QStringLiteral(" positional argument%1 (and %2 keyword-only argument%3)")
                  .arg(pluralS(positional.size()))
                  .arg(keywordOnlyGiven)
                  .arg(pluralS(keywordOnlyGiven));
        return QStringLiteral("%1() takes %2 but %3%4 %5 given")
            .arg(function, takes)
            .arg(positional.size())
            .arg(andKeywordOnly,
                 positional.size() == 1 && keywordOnlyGiven == 0 ? QStringLiteral("was") : QStringLiteral("were"));
    }
    QStringList missing;
    for (std::size_t i = 0; i < required; ++i) {
        if (!bound[i])
            missing << QStringLiteral("'%1'").arg(names[i]);
    }
    if (missing.isEmpty())
        return QString();
    const QString listed = missing.size() == 1 ? missing[0]
        : missing.size() == 2                  ? missing.join(QStringLiteral(" and "))
                              : QStringList(missing.mid(0, missing.size() - 1)).join(QStringLiteral(", "))
            + QStringLiteral(", and ") + missing.back();
    return QStringLiteral("%1() missing %2 required positional argument%3: %4")
        .arg(function)
        .arg(missing.size())
        .arg(pluralS(std::size_t(missing.size())), listed);
}

/// repr(@p value) cut to its first 200 characters, as CPython's "%.200R" writes it in a message.
QString shortRepr(const Value &value)
{
    QString repr = value.repr();
    qsizetype units = 0;
    for (int characters = 0; characters < 200 && units < repr.size(); ++characters)
        units += repr[units].isHighSurrogate() && units + 1 < repr.size() ? 2 : 1;
    repr.truncate(units);
    return repr;
}

QString operatorSymbol(BinaryOperator op)
{
    switch (op) {
    case BinaryOperator::Add:
        return QStringLiteral("+");
    case BinaryOperator::Subtract:
        return QStringLiteral("-");
    case BinaryOperator::Multiply:
        return QStringLiteral("*");
    case BinaryOperator::Divide:
        return QStringLiteral("/");
    case BinaryOperator::FloorDivide:
        return QStringLiteral("//");
    case BinaryOperator::Modulo:
        return QStringLiteral("%");
    case BinaryOperator::Power:
        return QStringLiteral("** or pow()");
    }
    return {};
}

QString compareSymbol(CompareOperator op)
{
    switch (op) {
    case CompareOperator::Less:
        return QStringLiteral("<");
    case CompareOperator::LessEqual:
        return QStringLiteral("<=");
    case CompareOperator::Greater:
        return QStringLiteral(">");
    case CompareOperator::GreaterEqual:
        return QStringLiteral(">=");
    default:
        return QStringLiteral("==");
    }
}

/// The edit distance CPython 3.11 uses for "Did you mean": a case change costs 1, any other edit 2.
int suggestionCost(const QString &a, const QString &b, int limit)
{
    constexpr int moveCost = 2;
    constexpr int caseCost = 1;
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[std::size_t(j)] = int(j) * moveCost;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i) * moveCost;
        int best = row[0];
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const QChar x = a[i - 1];
            const QChar y = b[j - 1];
            const int substitute = x == y ? 0 : x.toLower() == y.toLower() ? caseCost : moveCost;
            const int value
                = std::min({row[std::size_t(j)] + moveCost, row[std::size_t(j - 1)] + moveCost, diagonal + substitute});
            diagonal = row[std::size_t(j)];
            row[std::size_t(j)] = value;
            best = std::min(best, value);
        }
        if (best > limit)
            return limit + 1;
    }
    return row.back();
}
} // namespace

Interpreter::Interpreter(const Program &program, Hooks hooks, Kitchen kitchen)
    : m_program(program)
    , m_hooks(std::move(hooks))
    , m_kitchen(kitchen)
    , m_loop(&Interpreter::wakeSleeper, this)
    , m_module(&m_loop)
    , m_memory(program.memoryLimitBytes > 0 ? program.memoryLimitBytes : MemoryBudget::defaultLimitBytes)
{
    m_startNs = m_hooks.nowNs();
    resolveNames(*program.module);
    for (const auto &function : program.functions)
        resolveNames(*function);
    // The threaded kitchen names the thread that prints: never as written.
    m_printsAsWritten = bool(m_hooks.write) && m_kitchen != Kitchen::ThreadedTwin;
    // The module's future is no object of the heap: a hold that is never let go keeps any Ref from freeing it.
    m_module.retain();
    m_module.makeTask(Frame::make(program.module.get()), 0);
    if (m_kitchen == Kitchen::ThreadedTwin)
        m_threadRecords.push_back(
            {nullptr, QString(), std::nullopt, std::nullopt}); // MainThread: the module's own frames
}

void Interpreter::resolveNames(const CodeObject &code)
{
    static const QHash<QString, Builtin> asyncioFunctions{{QStringLiteral("run"), Builtin::AsyncioRun},
                                                          {QStringLiteral("sleep"), Builtin::AsyncioSleep},
                                                          {QStringLiteral("gather"), Builtin::AsyncioGather},
                                                          {QStringLiteral("create_task"), Builtin::AsyncioCreateTask},
                                                          {QStringLiteral("CancelledError"), Builtin::CancelledError},
                                                          {QStringLiteral("TimeoutError"), Builtin::TimeoutError},
                                                          {QStringLiteral("QueueEmpty"), Builtin::QueueEmpty},
                                                          {QStringLiteral("QueueFull"), Builtin::QueueFull},
                                                          {QStringLiteral("Lock"), Builtin::AsyncioLock},
                                                          {QStringLiteral("Semaphore"), Builtin::AsyncioSemaphore},
                                                          {QStringLiteral("Event"), Builtin::AsyncioEvent},
                                                          {QStringLiteral("Queue"), Builtin::AsyncioQueue},
                                                          {QStringLiteral("wait_for"), Builtin::AsyncioWaitFor},
                                                          {QStringLiteral("timeout"), Builtin::AsyncioTimeout},
                                                          {QStringLiteral("TaskGroup"), Builtin::AsyncioTaskGroup}};
    static const QHash<QString, Builtin> timeFunctions{{QStringLiteral("sleep"), Builtin::TimeSleep},
                                                       {QStringLiteral("perf_counter"), Builtin::TimePerfCounter},
                                                       {QStringLiteral("monotonic"), Builtin::TimeMonotonic}};
    static const QHash<QString, Method> methods{
        {QStringLiteral("upper"), Method::StrUpper},         {QStringLiteral("lower"), Method::StrLower},
        {QStringLiteral("join"), Method::StrJoin},           {QStringLiteral("format"), Method::StrFormat},
        {QStringLiteral("append"), Method::ListAppend},      {QStringLiteral("done"), Method::TaskDone},
        {QStringLiteral("result"), Method::TaskResult},      {QStringLiteral("cancel"), Method::TaskCancel},
        {QStringLiteral("uncancel"), Method::TaskUncancel},  {QStringLiteral("cancelling"), Method::TaskCancelling},
        {QStringLiteral("cancelled"), Method::TaskCancelled}};
    const auto optional = [](const auto &table, const QString &name) {
        const auto found = table.constFind(name);
        return found == table.cend() ? std::nullopt : std::optional(*found);
    };
    std::vector<NameMeaning> &meanings = m_meanings[&code];
    for (const QString &name : code.names) {
        NameMeaning meaning;
        const auto slot = std::find(m_globalNames.begin(), m_globalNames.end(), name);
        meaning.global = int(slot - m_globalNames.begin());
        if (slot == m_globalNames.end()) {
            m_globalNames.push_back(name);
            m_globalValues.emplace_back();
            m_globalBound.push_back(false);
        }
        meaning.builtin = optional(builtinNames(), name);
        meaning.asyncioFunction = optional(asyncioFunctions, name);
        meaning.timeFunction = optional(timeFunctions, name);
        meaning.method = optional(methods, name);
        meaning.resourceMethod = ResourceCalls::methodNamed(name);
        meanings.push_back(meaning);
    }
}

const Interpreter::NameMeaning *Interpreter::meaningsOf(const CodeObject *code)
{
    // Asked at every resumption, and a task mostly resumes in the code it last ran: remembered for that case.
    if (code != m_lastMeaningsCode) {
        const auto found = m_meanings.find(code);
        m_lastMeaningsCode = code;
        m_lastMeanings = found == m_meanings.end() ? nullptr : found->second.data();
    }
    return m_lastMeanings;
}

void Interpreter::setCakes(int cakes)
{
    m_cakes = std::max(1, cakes);
    m_module.cake = m_cakes > 1 ? outsideTheCakes : 0;
    m_printsAsWritten = m_hooks.write && m_cakes == 1 && m_kitchen != Kitchen::ThreadedTwin;
}

Interpreter::~Interpreter()
{
    // Values that hold each other would outlive the recipe: empty them all while the interpreter still stands.
    const CycleBreaker::Active active(&m_cycles);
    m_tasks.clear();
    m_tasksOfEndedLoop.clear();
    m_threadRecords.clear();
    m_cakeThreads.reset();
    m_waited = Value();
    m_cakesInTheMaking = {};
    m_resourceWaits.clear();
    m_mainTask.reset();
    m_heldTask.reset();
    m_cycles.breakAll();
}

bool Interpreter::take(qint64 items, qint64 characters)
{
    // More than could ever be allowed is refused before the product that would wrap round.
    constexpr qint64 mostItems = std::numeric_limits<qint64>::max() / 4 / MemoryBudget::bytesPerItem;
    if (items > mostItems || characters > mostItems)
        return raise(QStringLiteral("MemoryError"), memoryMessage);
    if (m_memory.allow(items * MemoryBudget::bytesPerItem + characters * qint64(sizeof(QChar))))
        return true;
    return raise(QStringLiteral("MemoryError"), memoryMessage);
}

bool Interpreter::raiseReprTooDeep()
{
    return raise(QStringLiteral("RecursionError"),
                 QStringLiteral("maximum recursion depth exceeded while getting the repr of an object"));
}

bool Interpreter::raiseValue(const Value &raised, bool again)
{
    if (const Value::ErrorPtr *error = raised.get<Value::ErrorPtr>()) {
        m_raised = **error;
        // Raised anew, it is raised here; raised again (a bare raise, a finally's end), where it first was. Raised
        // anew, an except* clause's part is a new exception to CPython, its traceback changed.
        if (!again) {
            m_raised->line = 0;
            m_raised->starMatch = false;
        }
        return false;
    }
    if (const Builtin *builtin = raised.get<Builtin>(); builtin && ExceptionClasses::isClass(*builtin))
        return raise(exceptionTypeOf(*builtin), QString());
    return raise(QStringLiteral("TypeError"), QStringLiteral("exceptions must derive from BaseException"));
}

QString Interpreter::exceptionTypeOf(Builtin builtin) const
{
    // The threaded twin's queue.Empty and queue.Full are queue's own, which the recipe names asyncio.QueueEmpty
    // and QueueFull; `except asyncio.QueueEmpty` still takes them (ExceptionClasses::isInstance).
    if (m_kitchen == Kitchen::ThreadedTwin && builtin == Builtin::QueueEmpty)
        return QStringLiteral("_queue.Empty");
    if (m_kitchen == Kitchen::ThreadedTwin && builtin == Builtin::QueueFull)
        return QStringLiteral("queue.Full");
    return ExceptionClasses::nameOf(builtin);
}

bool Interpreter::raise(const QString &type, const QString &message)
{
    m_raised = RecipeError{type, message, 0, QString()};
    return false;
}

Interpreter::Status Interpreter::advance(std::size_t mostCallbacks)
{
    // Lists and futures made while the recipe runs join its cycle breaker.
    const CycleBreaker::Active active(&m_cycles);
    if (m_status != Status::Running)
        return m_status;
    const NeverAwaitedCoroutines::Locating locating(&Interpreter::placeNow, this);
    if (m_kitchen == Kitchen::ThreadedTwin)
        return advanceThreads();
    if (m_loopRunning && !m_loopEnding) {
        if (m_cakesInTheMaking.coroutine)
            makeSomeCakes();
        else if (m_heldTask && !m_heldTaskReleased)
            return m_status; // held for a step
        else if (m_heldTask)
            runHeldTask();
        else if (m_loop.timeUntilNextNs(m_hooks.nowNs()) != 0)
            return m_status;
        else
            m_loop.runSome(m_hooks.nowNs(), m_pausesBeforeResumptions ? 1 : mostCallbacks);
        if (m_interrupted) {
            // Stopped by the driver inside one of the tasks: the whole recipe ends there, not just that task.
            m_status = Status::Failed;
            m_error = m_interrupted;
            return m_status;
        }
        if (!m_stopping && !m_heldTask && !m_loop.isInIteration() && m_loop.timeUntilNextNs(m_hooks.nowNs()) < 0)
            return failWithDeadlock();
        // loop.stop() takes effect once the iteration that asked for it has run to its end.
        if (!m_stopping || m_loop.isInIteration() || m_heldTask)
            return m_status;
        m_loopEnding = true;
        m_tasksCheckedAtEnd = 0;
    }
    if (m_loopEnding) {
        if (!endLoopSomeMore())
            return m_status;
        resumeAfterLoop();
    }
    switch (run(m_module)) {
    case Outcome::Suspended:
        break;
    case Outcome::Returned:
        m_status = Status::Finished;
        break;
    case Outcome::Raised:
        m_status = Status::Failed;
        m_error = m_raised;
        break;
    }
    return m_status;
}

Interpreter::Status Interpreter::failWithDeadlock()
{
    // Python would wait for ever here; a teaching kitchen says who waits where instead, and ends the run.
    QStringList waiting;
    const auto where = [](const Future &task) {
        if (task.frames.empty())
            return QString();
        const Frame &frame = *task.frames.back();
        return QStringLiteral(" at line %1").arg(frame.code->code[std::size_t(std::max(0, frame.pc - 1))].line);
    };
    // What a task parked on a resource waits in: "in Lock.acquire()".
    const auto waitsIn = [this](const Future &task) {
        const auto found = m_resourceWaits.find(&task);
        return found == m_resourceWaits.end() ? QString() : QStringLiteral(" in %1()").arg(found->second->name());
    };
    if (m_kitchen == Kitchen::ThreadedTwin) {
        for (std::size_t thread = 0; thread < m_threadRecords.size(); ++thread) {
            if (m_threads.hasEnded(ThreadScheduler::ThreadId(thread)))
                continue;
            const FuturePtr &task = m_threadRecords[thread].task;
            waiting << (task ? QStringLiteral("Thread-%1 (%2)").arg(thread).arg(task->code()->name) + where(*task)
                                + waitsIn(*task)
                             : QStringLiteral("MainThread") + where(m_module) + waitsIn(m_module));
        }
    } else {
        for (const FuturePtr &task : m_tasks) {
            if (task->isDone())
                continue;
            if (task->code())
                waiting << QStringLiteral("Task-%1 (%2)").arg(task->number()).arg(task->code()->name) + where(*task)
                        + waitsIn(*task);
            else if (m_resourceWaits.count(task.get()))
                waiting << QStringLiteral("Task-%1").arg(task->number()) + waitsIn(*task);
        }
    }
    m_status = Status::Failed;
    m_error
        = RecipeError{QStringLiteral("RuntimeError"),
                      QStringLiteral("deadlock: every %1 waits for another and nothing can wake them (%2); "
                                     "Python would wait for ever")
                          .arg(m_kitchen == Kitchen::ThreadedTwin ? QStringLiteral("thread") : QStringLiteral("task"),
                               waiting.join(QStringLiteral(", "))),
                      0, QString()};
    return m_status;
}

qint64 Interpreter::timeUntilNextNs()
{
    if (m_status != Status::Running)
        return -1;
    if (m_kitchen == Kitchen::ThreadedTwin)
        return threadsTimeUntilNextNs();
    if (!m_loopRunning || m_cakesInTheMaking.coroutine || m_loopEnding)
        return 0;
    if (m_heldTask) // nothing runs while it is held
        return m_heldTaskReleased ? 0 : std::numeric_limits<qint64>::max();
    const qint64 wait = m_loop.timeUntilNextNs(m_hooks.nowNs());
    // A loop with nothing left to do while its main task waits would wait for ever; asyncio does the same.
    return wait < 0 ? std::numeric_limits<qint64>::max() : wait;
}

void Interpreter::setPausesBeforeResumptions(bool on)
{
    m_pausesBeforeResumptions = on;
    if (!on && m_heldTask)
        m_heldTaskReleased = true;
}

int Interpreter::heldTask() const
{
    return m_heldTask ? m_heldTask->number() : 0;
}

void Interpreter::releaseHeldTask()
{
    m_heldTaskReleased = m_heldTask != nullptr;
}

void Interpreter::setTracksPendingTasks(bool on)
{
    m_pendingTasks = on ? std::make_unique<PendingTasks>() : nullptr;
}

bool Interpreter::heldTaskIsUnaccounted() const
{
    // Held at a step it was queued for, it heads the queue already; one woken by the future it awaits is in no
    // account.
    return m_pendingTasks && m_heldTask && !m_pendingTasks->heads(m_heldTask->number());
}

std::vector<PendingTask> Interpreter::pendingTasks(std::size_t limit) const
{
    if (!m_pendingTasks || limit == 0)
        return {};
    if (!heldTaskIsUnaccounted())
        return m_pendingTasks->inOrder(limit);
    // The held task runs first.
    std::vector<PendingTask> tasks = m_pendingTasks->inOrder(limit - 1);
    tasks.insert(tasks.begin(), {m_heldTask->number(), m_heldTask->cake, m_hooks.nowNs(), true});
    return tasks;
}

std::size_t Interpreter::pendingTaskCount() const
{
    return m_pendingTasks ? m_pendingTasks->size() + (heldTaskIsUnaccounted() ? 1 : 0) : 0;
}

bool Interpreter::parksBeforeItsStep(const FuturePtr &task)
{
    if (!m_pausesBeforeResumptions || task->isDone() || m_interrupted)
        return false;
    // With one callback per advance() while pausing, a second task cannot come to its step before the first ran.
    Q_ASSERT(!m_heldTask);
    m_heldTask = task;
    m_heldTaskReleased = false;
    return true;
}

void Interpreter::runHeldTask()
{
    const FuturePtr task = std::exchange(m_heldTask, nullptr);
    m_heldTaskReleased = false;
    const bool pauses = std::exchange(m_pausesBeforeResumptions, false);
    stepTask(task);
    m_pausesBeforeResumptions = pauses;
}

bool Interpreter::endLoopSomeMore()
{
    // asyncio.run() ends as CPython's does: the tasks still pending are cancelled, and the loop runs on until each
    // has ended (its finally blocks and except clauses run); those still pending after that are dropped unrun.
    // Then the loop's tasks are let go. A million cakes' three million tasks, each looked at and then freed in one
    // go, would hold the window's loop for half a second: a slice at a time, the module waiting.
    if (m_loopRunning) {
        if (m_tasksCheckedAtEnd == 0)
            m_failedTasksBeforeScan = m_failedTasks.size();
        const std::size_t last = std::min(m_tasks.size(), m_tasksCheckedAtEnd + tasksEndedPerSlice);
        for (; m_tasksCheckedAtEnd < last; ++m_tasksCheckedAtEnd) {
            const FuturePtr &task = m_tasks[m_tasksCheckedAtEnd];
            if (!task->isDone() && !m_shutdownCancelled) {
                m_pendingAtShutdown.push_back(task);
            } else if (!task->isDone()) {
                task->cancel();
                if (m_observer)
                    m_observer->taskCancelled(task->number());
            } else if (task->hasUnretrievedError() && task != m_mainTask)
                m_failedTasks.push_back(task);
        }
        if (m_tasksCheckedAtEnd < m_tasks.size())
            return false;
        if (!m_shutdownCancelled) {
            m_shutdownCancelled = true;
            if (!m_pendingAtShutdown.empty() && cancelAtShutdown())
                return false;
        }
        // Cancelled on the old loop, whose callbacks go with it. A later asyncio.run() gets a new loop.
        m_tasksOfEndedLoop = std::exchange(m_tasks, {});
        m_tasksSweptAt = minimumTasksSwept;
        if (m_pendingTasks)
            m_pendingTasks->clear();
        m_loop = EventLoop(&Interpreter::wakeSleeper, this);
        m_loopRunning = false;
        m_stopping = false;
        m_shutdownCancelled = false;
    }
    // In the order made, as clearing the roll at once freed them: their never-awaited coroutines are reported in
    // that order.
    for (std::size_t freed = 0; freed < tasksEndedPerSlice && !m_tasksOfEndedLoop.empty(); ++freed)
        m_tasksOfEndedLoop.pop_front();
    return m_tasksOfEndedLoop.empty();
}

bool Interpreter::cancelAtShutdown()
{
    // As asyncio.run's _cancel_all_tasks: each is cancelled (in the order made, where CPython's set of tasks has an
    // order of its own), and the loop runs until their gather, which takes their errors as results, is done.
    std::vector<FuturePtr> pending = std::exchange(m_pendingAtShutdown, {});
    for (const FuturePtr &task : pending) {
        if (!cancelDownTheChain(*task, QString(), framesBeneathShutdown, maxDepth)) {
            // The RecursionError leaves _cancel_all_tasks at once, and Runner.close closes the loop: the tasks
            // are never run again.
            m_shutdownError = RecipeError{QStringLiteral("RecursionError"), callTooDeepMessage, 0, QString()};
            return false;
        }
    }
    // Those this loop's scan found failed are found again by the next scan, once the loop stops again.
    m_failedTasks.resize(m_failedTasksBeforeScan);
    const FuturePtr gathered = Gathering::over(std::move(pending), true, m_loop);
    gathered->addDoneCallback([this] { m_stopping = true; });
    m_loopEnding = false;
    m_stopping = false;
    return true;
}

void Interpreter::resumeAfterLoop()
{
    m_loopEnding = false;
    logFreedTaskErrors(m_mainTask->errorToLog().has_value());
    if (m_shutdownError)
        m_module.setResumeError(*std::exchange(m_shutdownError, std::nullopt));
    else if (const HeapOptional<RecipeError> &error = m_mainTask->error())
        m_module.setResumeError(*error);
    else
        resumeWith(m_module, m_mainTask->result());
    m_mainTask.reset();
}

namespace {
Interpreter::UnretrievedTaskError unretrievedTaskError(const Future &task, bool atExit)
{
    const CodeObject *code = task.code();
    return {task.number(), code ? code->name : QString(), code ? code->firstLine : 0, *task.errorToLog(), atExit};
}
} // namespace

void Interpreter::logFreedTaskErrors(bool mainFailed)
{
    // asyncio logs a failed task's unretrieved error as the task is freed: a task nothing holds any more is freed
    // with its loop, unless the main task failed, whose traceback keeps what it held until the program ends.
    std::erase_if(m_failedTasks, [&](const FuturePtr &task) {
        if (!task->hasUnretrievedError())
            return true;
        if (mainFailed || task.use_count() > 1)
            return false;
        m_loggedTaskErrors.push_back(unretrievedTaskError(*task, false));
        return true;
    });
}

std::vector<Interpreter::UnretrievedTaskError> Interpreter::unretrievedTaskErrors() const
{
    std::vector<UnretrievedTaskError> errors = m_loggedTaskErrors;
    for (const FuturePtr &task : m_failedTasks) {
        if (task->hasUnretrievedError())
            errors.push_back(unretrievedTaskError(*task, true));
    }
    return errors;
}

FuturePtr Interpreter::createTask(const Ref<Coroutine> &coroutine, int cake)
{
    if (!m_memory.allow(bytesPerTask))
        m_interrupted = RecipeError{QStringLiteral("MemoryError"), memoryMessage, 0, QString()};
    coroutine->markAwaited();
    // asyncio.sleep() has no frame to take: its task is made without one, and given the frame below.
    FuturePtr task = Future::task(&m_loop, coroutine->takeFrame(), ++m_tasksMade);
    task->cake = cake;
    if (coroutine->isSleep() || coroutine->resource()) {
        // A task made of asyncio.sleep() (or of a resource's method) itself awaits it as its only work. It awaits a
        // sleep of its own: the one it was made from counts as awaited by the task, as in asyncio, so that awaiting it
        // again elsewhere is the same error.
        auto sleeping = Frame::make(&sleepOnlyCode());
        sleeping->values.push_back(Value(Value::Data(coroutine->freshCopy())));
        task->frames.push_back(std::move(sleeping));
    }
    forgetFinishedTasks();
    m_tasks.push_back(task);
    if (m_observer)
        m_observer->taskMade(task->number(), task->code() ? task->code()->name : QString(), cake);
    // Task.__init__ schedules the first step with call_soon: the task starts on the loop's next iteration.
    m_loop.post([this, task] { stepTask(task); });
    if (m_pendingTasks)
        m_pendingTasks->stepQueued(task->number(), cake, m_hooks.nowNs());
    return task;
}

void Interpreter::forgetFinishedTasks()
{
    // The roll is for the loop's end, which cancels the tasks still pending and logs the unretrieved errors of those
    // that failed: a task done without one has no business there, as asyncio's weak set of tasks lets it go. Swept
    // each time the roll has doubled, so a recipe that makes and awaits a million tasks one after another holds
    // them no longer than CPython does, at a constant cost a task.
    if (m_tasks.size() < m_tasksSweptAt)
        return;
    std::erase_if(m_tasks, [](const FuturePtr &task) { return task->isDone() && !task->hasUnretrievedError(); });
    m_tasksSweptAt = std::max(minimumTasksSwept, 2 * m_tasks.size());
}

FuturePtr Interpreter::gatheredCakes(const Ref<Coroutine> &coroutine)
{
    // As asyncio.run(cakes()) with `async def cakes(): return await asyncio.gather(*copies)`: a task that awaits
    // the copies' gather, so an error in one cake ends the loop on the same turn as in CPython.
    static const CodeObject awaitingCode = [] {
        CodeObject code;
        code.name = QStringLiteral("<cakes>");
        code.code = {{Opcode::Await, 0, 0, 0}, {Opcode::Return, 0, 0, 0}};
        code.maxStackDepth = 1; // the gather it awaits, pushed before it starts
        return code;
    }();
    FuturePtr main = createTask(Ref<Coroutine>::make(Frame::make(&awaitingCode)), outsideTheCakes);
    m_cakesInTheMaking.coroutine = coroutine;
    m_cakesInTheMaking.made.reserve(std::size_t(m_cakes));
    return main;
}

void Interpreter::makeSomeCakes()
{
    CakesInTheMaking &making = m_cakesInTheMaking;
    const int first = int(making.made.size()) + 1;
    const int last = std::min(m_cakes, first + cakesMadePerSlice - 1);
    // A task past the memory budget stops the making: the run fails before its loop turns once.
    for (int cake = first; cake <= last && !m_interrupted; ++cake)
        making.made.push_back(createTask(cake < m_cakes ? making.coroutine->freshCopy() : making.coroutine, cake));
    if (last < m_cakes && !m_interrupted)
        return;
    // The main task took its frame into its own block: the gather it awaits goes on the stack there.
    Frame &awaiting = *m_mainTask->frames.back();
    awaiting.values.push_back(Value(Value::Data(Gathering::over(std::move(making.made), false, m_loop))));
    making = {};
}

bool Interpreter::runCakesOneAfterAnother(Frame &frame, const Ref<Coroutine> &coroutine)
{
    // The blocking twin's gather: each copy runs to its end before the next starts; the first error ends them all.
    std::vector<Value> results;
    for (int cake = 1; cake <= m_cakes; ++cake) {
        const Ref<Coroutine> copy = cake < m_cakes ? coroutine->freshCopy() : coroutine;
        if (!copy || copy->wasAwaited())
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"));
        copy->markAwaited();
        Future baking(&m_loop);
        baking.retain(); // on the stack: no Ref may free it
        baking.makeTask(copy->takeFrame(), 0);
        baking.cake = cake;
        if (run(baking) != Outcome::Returned)
            return false;
        results.push_back(std::move(m_returned));
    }
    frame.values.push_back(Value::list(std::move(results)));
    return true;
}

QString Interpreter::withCakePrefixes(int cake, const QString &text)
{
    const QString prefix = cake == outsideTheCakes ? QString() : QStringLiteral("cake %1: ").arg(cake);
    QString prefixed;
    prefixed.reserve(text.size() + prefix.size());
    for (qsizetype start = 0; start < text.size();) {
        if (m_atLineStart)
            prefixed += prefix;
        const qsizetype newline = text.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = newline < 0 ? text.size() : newline + 1;
        prefixed += QStringView(text).mid(start, end - start);
        m_atLineStart = newline >= 0;
        start = end;
    }
    return prefixed;
}

const CodeObject &Interpreter::sleepOnlyCode()
{
    static const CodeObject code = [] {
        CodeObject sleep;
        sleep.name = QStringLiteral("sleep");
        sleep.code = {{.op = Opcode::Await}, {.op = Opcode::Return}};
        sleep.maxStackDepth = 1; // the sleep it awaits, pushed before it starts
        return sleep;
    }();
    return code;
}

void Interpreter::resumeWith(Future &task, Value value)
{
    // The value the task's Await gives goes on its frame's stack now, where the Await left room for it: a task
    // keeps no slot of its own for it, which a million sleeping tasks would each pay for.
    if (task.frames.empty())
        return; // cancelled meanwhile: nothing will resume
    task.frames.back()->values.push_back(std::move(value));
    task.resumeReady = true;
}

int Interpreter::frameLimitOf(const Future &task) const
{
    if (&task == m_calledToItsEnd)
        return m_calledToItsEndFrameLimit;
    if (&task == &m_module)
        return maxDepth;
    return maxDepth - (m_kitchen == Kitchen::ThreadedTwin ? framesBeneathAThread : framesBeneathATask);
}

void Interpreter::wakeSleeper(void *interpreter, RefCounted &sleeper)
{
    // The sleep's timer has come: as asyncio's sleep future getting its result, whose callback then puts the
    // task's next step in the ready queue.
    auto *self = static_cast<Interpreter *>(interpreter);
    auto &task = static_cast<Future &>(sleeper);
    if (!task.sleeping) // cancelled while its wake-up waited in the ready queue: woken already
        return;
    task.sleeping = false;
    task.resumeReady = true;
    self->m_loop.post([self, task = FuturePtr(&task)] { self->stepTask(task); });
    if (self->m_pendingTasks)
        self->m_pendingTasks->stepQueued(task.number(), task.cake, self->m_hooks.nowNs());
}

RecipeError Interpreter::cancelledError(const QString &message)
{
    // As Task._make_cancelled_error() makes it: CancelledError(), or CancelledError('msg') after cancel('msg').
    return RecipeError{QStringLiteral("asyncio.exceptions.CancelledError"), message, 0, QString(),
                       message.isEmpty() ? QString() : PythonText::stringRepr(message)};
}

Future *Interpreter::currentTask()
{
    return m_runningTask == &m_module ? nullptr : m_runningTask;
}

int Interpreter::uncancelTask(Future &task)
{
    return task.uncancel();
}

FuturePtr Interpreter::ensureFuture(const Value &awaitable, std::optional<RecipeError> &error)
{
    if (const auto *future = awaitable.get<FuturePtr>())
        return *future;
    const auto *coroutine = awaitable.get<Ref<Coroutine>>();
    if (!coroutine) {
        error = RecipeError{QStringLiteral("TypeError"),
                            QStringLiteral("An asyncio.Future, a coroutine or an awaitable is required"), 0, QString()};
        return nullptr;
    }
    if ((*coroutine)->wasAwaited()) {
        error = RecipeError{QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"), 0,
                            QString()};
        return nullptr;
    }
    return createTask(*coroutine, m_runningTask ? m_runningTask->cake : 0);
}

bool Interpreter::takeResourceStep(Frame &frame, const ResourceStep &step)
{
    Q_ASSERT(step.kind != ResourceStep::Kind::Park);
    if (step.kind == ResourceStep::Kind::Raise) {
        m_raised = *step.error;
        return false;
    }
    frame.values.push_back(step.result);
    return true;
}

void Interpreter::parkOnResource(Future &task, const Ref<Coroutine> &coroutine, const FuturePtr &waiter)
{
    // As a task parks on any future: the waiter stays on the stack while it waits, for task.cancel() to find.
    task.frames.back()->values.push_back(Value(Value::Data(waiter)));
    task.awaitsFuture = true;
    m_resourceWaits[&task] = coroutine;
    if (m_observer)
        m_observedWaiters.emplace_back(waiter, task.number());
    waiter->addDoneCallback([this, self = FuturePtr(&task), coroutine, waiter] {
        m_resourceWaits.erase(self.get());
        if (self->isDone())
            return;
        self->awaitsFuture = false;
        self->frames.back()->values.pop_back();
        // Cancelled while it waited, or woken but cancelled before it ran: the method goes on with the error, as
        // CPython throws it into the coroutine at its `await fut`.
        const bool cancelled = waiter->isCancelled() || self->cancelRequested;
        self->cancelRequested = false;
        ResourceStep step = coroutine->resource()->resume(coroutine->resourceMethod(), coroutine->resourceArgument(),
                                                          waiter, cancelled, m_loop);
        // The CancelledError a resource raises carries the message of the cancel(msg) that woke it.
        if (step.kind == ResourceStep::Kind::Raise && cancelled && step.error->message.isEmpty()
            && step.error->type == QLatin1String("asyncio.exceptions.CancelledError"))
            step.error = cancelledError(waiter->isCancelled() ? waiter->errorToLog()->message : self->cancelMessage());
        switch (step.kind) {
        case ResourceStep::Kind::Park:
            // A queue's waiter whose turn another task took looks again and queues anew.
            parkOnResource(*self, coroutine, step.waitOn);
            return;
        case ResourceStep::Kind::Done:
            tellResourceUsed(*coroutine->resource(), coroutine->resourceMethod(), self.get());
            resumeWith(*self, step.result);
            break;
        case ResourceStep::Kind::Raise:
            self->setResumeError(*step.error);
            break;
        }
        stepTask(self);
    });
}

bool Interpreter::requestCancel(Future &future, const QString &message)
{
    return cancelDownTheChain(future, message, framesBeneathATask, maxDepth).value_or(true);
}

std::optional<bool> Interpreter::cancelDownTheChain(Future &future, const QString &message, int level, int limit)
{
    // The tasks and gatherings asked so far whose answer waits on one deeper down, outermost first.
    struct Asked {
        FuturePtr future;
        bool isGathering;
        std::size_t nextChild = 0;
        bool anyChildTook = false;
    };
    std::vector<Asked> asked;
    FuturePtr next(&future);
    bool answer = false;
    for (;;) {
        if (next) {
            FuturePtr awaited;
            const int depth = level + int(asked.size()) + 1;
            const CancelAnswer step
                = depth > limit ? CancelAnswer::TooDeep : cancelOneLink(*next, message, depth, limit, awaited);
            switch (step) {
            case CancelAnswer::Refused:
            case CancelAnswer::Took:
                answer = step == CancelAnswer::Took;
                next.reset();
                break;
            case CancelAnswer::PassedOn:
                asked.push_back({std::exchange(next, awaited), false});
                continue;
            case CancelAnswer::AskChildren:
                asked.push_back({std::exchange(next, nullptr), true});
                break;
            case CancelAnswer::TooDeep:
                // As the RecursionError passes back up through CPython's calls: none of those above ends up
                // with a cancel of its own to deliver.
                for (const Asked &above : asked) {
                    if (!above.isGathering)
                        above.future->cancelRequested = false;
                }
                return std::nullopt;
            }
        }
        if (asked.empty())
            return answer;
        Asked &above = asked.back();
        if (!above.isGathering) {
            // Task.cancel: what it awaits took the cancel, so it is delivered there; else the task keeps it for
            // its next step. Either way the task took it.
            if (answer)
                above.future->cancelRequested = false;
            answer = true;
            asked.pop_back();
            continue;
        }
        // _GatheringFuture.cancel asks each child not done in turn; a child let go of ended with None already.
        auto &gathering = static_cast<Gathering &>(*above.future);
        if (above.nextChild > 0 && answer)
            above.anyChildTook = true;
        while (above.nextChild < gathering.childCount() && !gathering.child(above.nextChild))
            ++above.nextChild;
        if (above.nextChild < gathering.childCount()) {
            next = gathering.child(above.nextChild++);
            continue;
        }
        if (above.anyChildTook)
            gathering.cancelRequested = true;
        answer = above.anyChildTook;
        asked.pop_back();
    }
}

Interpreter::CancelAnswer Interpreter::cancelOneLink(Future &future, const QString &message, int depth, int limit,
                                                     FuturePtr &awaited)
{
    // A pending future's cancel() schedules its callbacks: loop.call_soon, _call_soon, Handle() and its
    // get_debug() run that many frames deeper than the cancel() itself.
    constexpr int callSoonFrames = 5;
    // Task.cancel(): what a parked task waits for is cancelled, and it wakes with the CancelledError on the next
    // turn; a task that cannot take it yet gets it at its next step.
    if (future.isDone())
        return CancelAnswer::Refused;
    if (future.isTask()) {
        future.countCancelRequest();
        future.setCancelMessage(message);
        if (m_observer)
            m_observer->taskCancelAsked(future.number(), m_runningTask ? m_runningTask->number() : 0);
    }
    // Asked already: nothing more to do, and tasks that await each other in a ring are not gone round for ever.
    if (future.cancelRequested)
        return CancelAnswer::Took;
    if (!future.isTask()) {
        // A gathering: its children are cancelled, and it ends as the first of them does. Any other is a
        // resource's waiter, cancelled itself.
        if (dynamic_cast<Gathering *>(&future))
            return CancelAnswer::AskChildren;
        if (depth + callSoonFrames > limit)
            return CancelAnswer::TooDeep;
        return future.cancelWaiting(message) ? CancelAnswer::Took : CancelAnswer::Refused;
    }
    if (&future == m_runningTask) {
        future.cancelRequested = true;
        return CancelAnswer::Took;
    }
    if (future.sleeping) {
        // The sleep's future is cancelled, one call deeper.
        if (depth + 1 + callSoonFrames > limit)
            return CancelAnswer::TooDeep;
        cancelSleep(future);
        return CancelAnswer::Took;
    }
    future.cancelRequested = true;
    if (future.awaitsFuture) {
        if (const FuturePtr *inner = future.frames.back()->values.back().get<FuturePtr>()) {
            awaited = *inner;
            return CancelAnswer::PassedOn;
        }
    }
    return CancelAnswer::Took;
}

void Interpreter::cancelSleep(Future &task)
{
    // The sleep ends now: its timer is taken back, and the task wakes on the next turn with the error, not the
    // sleep's result.
    task.sleeping = false;
    task.cancelRequested = false;
    m_loop.forgetWake(task);
    task.frames.back()->values.pop_back();
    task.setResumeError(cancelledError(task.cancelMessage()));
    task.resumeReady = true;
    m_loop.post([this, self = FuturePtr(&task)] { stepTask(self); });
    if (m_pendingTasks)
        m_pendingTasks->stepQueued(task.number(), task.cake, m_hooks.nowNs());
}

void Interpreter::cancelWhereItWaits(Future &task)
{
    if (task.sleeping) {
        cancelSleep(task);
        return;
    }
    if (task.awaitsFuture) {
        const FuturePtr *awaited = task.frames.back()->values.back().get<FuturePtr>();
        // Cancelling what it awaits is enough when that ends cancelled: the task hears of it as of any end.
        if (awaited && requestCancel(**awaited, task.cancelMessage()))
            task.cancelRequested = false;
    }
}

void Interpreter::stepTask(const FuturePtr &task)
{
    if (parksBeforeItsStep(task))
        return;
    if (m_pendingTasks)
        m_pendingTasks->stepRuns(task->number());
    if (task->isDone() || m_interrupted)
        return;
    if (task->cancelRequested) {
        // The CancelledError is raised where the task stands: at its await, or before its first line. A task of
        // asyncio.sleep() alone that never ran has the sleep thrown into, as CPython closes its coroutine: it
        // was not left unawaited.
        task->cancelRequested = false;
        // As Task.__step: whatever it would wake with becomes the CancelledError, but one it wakes with already
        // (the first of two cancel()s reached where it waited) stays, with its message.
        if (!task->resumesCancelled())
            task->setResumeError(cancelledError(task->cancelMessage()));
        if (task->frames.size() == 1 && task->frames.back()->code == &sleepOnlyCode() && task->frames.back()->pc == 0) {
            if (const auto *sleep = task->frames.back()->values.back().get<Ref<Coroutine>>())
                (*sleep)->markAwaited();
        }
    }
    if (m_observer)
        m_observer->taskResumed(task->number());
    const Outcome outcome = run(*task);
    if (outcome == Outcome::Suspended && task->cancelRequested)
        cancelWhereItWaits(*task); // it cancelled itself: what it now waits for is cancelled
    switch (outcome) {
    case Outcome::Suspended:
        if (m_observer) {
            m_observer->taskSuspended(task->number(),
                                      task->sleeping          ? m_observedWakeNs
                                          : task->resumeReady ? m_hooks.nowNs()
                                                              : InterpreterObserver::awaitsAnother);
            if (const auto found = m_resourceWaits.find(task.get()); found != m_resourceWaits.end())
                m_observer->taskWaitsIn(task->number(), found->second->name(), found->second->resource()->number());
            else if (std::vector<int> awaited = awaitedTasksOf(*task); !awaited.empty())
                m_observer->taskAwaits(task->number(), awaited);
        }
        break;
    case Outcome::Returned:
        // Cancelled while it ran, it ended before it could take the error: it ends cancelled all the same.
        if (task->cancelRequested) {
            task->cancelRequested = false;
            task->setError(cancelledError(task->cancelMessage()));
            if (m_observer)
                m_observer->taskCancelled(task->number());
            break;
        }
        task->setResult(m_returned);
        if (m_observer)
            m_observer->taskFinished(task->number(), false);
        break;
    case Outcome::Raised:
        task->setError(*m_raised);
        if (m_observer && task->isCancelled()) {
            m_observer->taskCancelled(task->number());
        } else if (m_observer) {
            m_observer->taskFailed(task->number(), m_raised->text());
            m_observer->taskFinished(task->number(), true);
        }
        break;
    }
}

std::unique_ptr<Frame> Interpreter::frameFor(const Ref<FunctionObject> &function, std::vector<Value> &positional,
                                             std::vector<std::pair<QString, Value>> keywords, RecipeError *error)
{
    const CodeObject &code = *function->code;
    const std::size_t parameters = code.parameters.size();
    auto frame = Frame::make(&code);
    const auto fail = [&](const QString &message) {
        *error = RecipeError{QStringLiteral("TypeError"), code.name + QStringLiteral("() ") + message, 0, QString()};
        return nullptr;
    };
    if (positional.size() > parameters) {
        const std::size_t required = parameters - std::size_t(code.defaultCount);
        const QString takes = required == parameters ? QString::number(parameters)
                                                     : QStringLiteral("from %1 to %2").arg(required).arg(parameters);
        return fail(QStringLiteral("takes %1 positional argument%2 but %3 %4 given")
                        .arg(takes, parameters == 1 && required == parameters ? QString() : QStringLiteral("s"))
                        .arg(positional.size())
                        .arg(positional.size() == 1 ? QStringLiteral("was") : QStringLiteral("were")));
    }
    for (std::size_t i = 0; i < positional.size(); ++i) {
        frame->values[i] = std::move(positional[i]);
        frame->bind(i);
    }
    for (auto &[name, value] : keywords) {
        const auto found = std::find(code.parameters.begin(), code.parameters.end(), name);
        if (found == code.parameters.end())
            return fail(QStringLiteral("got an unexpected keyword argument '%1'").arg(name));
        const std::size_t index = std::size_t(found - code.parameters.begin());
        if (frame->isBound(index))
            return fail(QStringLiteral("got multiple values for argument '%1'").arg(name));
        frame->values[index] = std::move(value);
        frame->bind(index);
    }
    QStringList missing;
    const std::size_t firstDefault = parameters - std::size_t(code.defaultCount);
    for (std::size_t i = 0; i < parameters; ++i) {
        if (frame->isBound(i))
            continue;
        if (i >= firstDefault) {
            frame->values[i] = function->defaults[i - firstDefault];
            frame->bind(i);
        } else {
            missing << QStringLiteral("'%1'").arg(code.parameters[i]);
        }
    }
    if (!missing.isEmpty()) {
        QString names = missing.size() == 1 ? missing.first()
                                            : missing.mid(0, missing.size() - 1).join(QStringLiteral(", "))
                + (missing.size() > 2 ? QStringLiteral(",") : QString()) + QStringLiteral(" and ") + missing.last();
        if (missing.size() == 1)
            names = missing.first();
        return fail(QStringLiteral("missing %1 required positional argument%2: %3")
                        .arg(missing.size())
                        .arg(missing.size() == 1 ? QString() : QStringLiteral("s"), names));
    }
    return frame;
}

QString Interpreter::nameErrorMessage(const QString &name, const Frame &frame) const
{
    // As CPython 3.11 suggests: the closest name among the locals, the globals and the builtins, if close enough.
    QStringList candidates;
    if (frame.code != m_program.module.get()) {
        for (std::size_t i = 0; i < frame.code->localNames.size(); ++i) {
            if (!frame.code->localNames[i].startsWith(QLatin1Char('<')))
                candidates << frame.code->localNames[i];
        }
    }
    for (std::size_t slot = 0; slot < m_globalNames.size(); ++slot) {
        if (m_globalBound[slot])
            candidates << m_globalNames[slot];
    }
    candidates << builtinNames().keys();
    QString best;
    int bestCost = std::numeric_limits<int>::max();
    for (const QString &candidate : std::as_const(candidates)) {
        if (candidate == name)
            continue;
        const int limit = (int(name.size() + candidate.size()) + 3) * 2 / 6;
        const int cost = suggestionCost(name, candidate, limit);
        if (cost <= limit && cost < bestCost) {
            bestCost = cost;
            best = candidate;
        }
    }
    const QString message = QStringLiteral("name '%1' is not defined").arg(name);
    return best.isEmpty() ? message : message + QStringLiteral(". Did you mean: '%1'?").arg(best);
}

void Interpreter::dropFramesOfFailure(Future &task)
{
    // CPython's traceback holds the failing frames, and what they hold, until the program ends; then it frees
    // them from the outermost in, each one's values in order, which is the order a coroutine freed unawaited
    // among them is warned of.
    m_unwinding = true;
    for (std::size_t i = 0; i < task.frames.size(); ++i) {
        FrameValues &values = task.frames.at(i)->values;
        for (std::size_t v = 0; v < values.size(); ++v)
            values[v] = Value();
    }
    task.frames.clear();
    m_unwinding = false;
}

NeverAwaitedCoroutines::Place Interpreter::placeNow(const void *context)
{
    const auto *self = static_cast<const Interpreter *>(context);
    NeverAwaitedCoroutines::Place place;
    place.taskLogsBefore = self->m_loggedTaskErrors.size();
    if (self->m_unwinding)
        return place;
    place.line = NeverAwaitedCoroutines::inAsyncio;
    // The frame that runs: after a return, the caller's, at its call.
    if (self->m_runningTask && !self->m_runningTask->frames.empty()) {
        const Frame &frame = *self->m_runningTask->frames.back();
        place.line = frame.code->code[std::size_t(std::max(0, frame.pc - 1))].line;
    }
    return place;
}

Interpreter::Outcome Interpreter::run(Future &task)
{
    // Which task runs, for a coroutine freed unawaited to say where (placeNow()); a run inside a run puts it back.
    struct RunningTask {
        Future *&running;
        Future *previous;
        ~RunningTask() { running = previous; }
    } const runningTask{m_runningTask, std::exchange(m_runningTask, &task)};
    while (!task.frames.empty()) {
        Frame &frame = *task.frames.back();
        const NameMeaning *meanings = meaningsOf(frame.code);
        const std::size_t depth = task.frames.size();
        if (std::optional<RecipeError> resumeError = task.takeResumeError()) {
            m_raised = std::move(resumeError);
            if (m_raised->line == 0 && frame.pc > 0) {
                m_raised->line = frame.code->code[std::size_t(frame.pc - 1)].line;
                m_raised->function = frame.code->name;
            }
            if (!catchRaised(task)) {
                dropFramesOfFailure(task);
                return Outcome::Raised;
            }
            continue; // at the handler, in whichever frame took it
        }
        task.resumeReady = false;
        bool switchFrames = false;
        while (!switchFrames) {
            if (--m_instructionsUntilCheck == 0) {
                m_instructionsUntilCheck = instructionsPerCheck;
                bool askDriver = true;
                if (m_kitchen == Kitchen::ThreadedTwin && m_threads.hasRivals()) {
                    // Another thread may want the lock: look at the clock more often, the driver as often as ever.
                    m_instructionsUntilCheck = instructionsPerSwitchCheck;
                    askDriver = ++m_switchChecks % (instructionsPerCheck / instructionsPerSwitchCheck) == 0;
                }
                if (askDriver && m_hooks.interruption) {
                    if (std::optional<RecipeError> stop = m_hooks.interruption()) {
                        stop->line = frame.code->code[std::size_t(frame.pc)].line;
                        stop->function = frame.code->name;
                        m_interrupted = stop;
                    }
                }
                if (m_interrupted) {
                    m_raised = m_interrupted;
                    dropFramesOfFailure(task);
                    return Outcome::Raised;
                }
                if (m_kitchen == Kitchen::ThreadedTwin && m_threads.hasRivals() && m_threads.switchDue(m_hooks.nowNs()))
                    return Outcome::Suspended;
            }
            // The compiler's depth is what every frame reserves: a deeper stack means StackDepth is wrong.
            Q_ASSERT(frame.code->maxStackDepth < 0
                     || frame.values.size() <= frame.code->localNames.size() + std::size_t(frame.code->maxStackDepth));
            const Instruction &instruction = frame.code->code[std::size_t(frame.pc++)];
            bool ok = true;
            switch (instruction.op) {
            case Opcode::LoadConst:
                frame.values.push_back(frame.code->constants[std::size_t(instruction.a)]);
                break;
            case Opcode::LoadLocal:
                if (!frame.isBound(std::size_t(instruction.a))) {
                    ok = raise(QStringLiteral("UnboundLocalError"),
                               QStringLiteral("cannot access local variable '%1' where it is not associated with a "
                                              "value")
                                   .arg(frame.code->localNames[std::size_t(instruction.a)]));
                    break;
                }
                frame.values.push_back(frame.values[std::size_t(instruction.a)]);
                break;
            case Opcode::StoreLocal:
                frame.values[std::size_t(instruction.a)] = std::move(frame.values.back());
                frame.bind(std::size_t(instruction.a));
                frame.values.pop_back();
                break;
            case Opcode::LoadGlobal: {
                const NameMeaning &meaning = meanings[instruction.a];
                if (m_globalBound[std::size_t(meaning.global)]) {
                    frame.values.push_back(m_globalValues[std::size_t(meaning.global)]);
                } else if (meaning.builtin) {
                    frame.values.push_back(Value(Value::Data(*meaning.builtin)));
                } else {
                    ok = raise(QStringLiteral("NameError"),
                               nameErrorMessage(frame.code->names[std::size_t(instruction.a)], frame));
                }
                break;
            }
            case Opcode::StoreGlobal: {
                const auto slot = std::size_t(meanings[instruction.a].global);
                m_globalValues[slot] = std::move(frame.values.back());
                m_globalBound[slot] = true;
                frame.values.pop_back();
                break;
            }
            case Opcode::Pop:
                frame.values.pop_back();
                break;
            case Opcode::Unary: {
                Value &operand = frame.values.back();
                const auto op = UnaryOperator(instruction.a);
                if (op == UnaryOperator::Not) {
                    operand = Value(!operand.isTruthy());
                } else if (!operand.isNumber()) {
                    ok = raise(QStringLiteral("TypeError"),
                               QStringLiteral("bad operand type for unary %1: '%2'")
                                   .arg(op == UnaryOperator::Negate ? QStringLiteral("-") : QStringLiteral("+"),
                                        operand.typeName()));
                } else if (operand.isFloat()) {
                    operand = Value(op == UnaryOperator::Negate ? -operand.asFloat() : operand.asFloat());
                } else if (op == UnaryOperator::Negate) {
                    if (operand.asInt() == std::numeric_limits<std::int64_t>::min())
                        ok = raise(QStringLiteral("OverflowError"),
                                   QStringLiteral("integer out of Kitchen Python's 64-bit range"));
                    else
                        operand = Value(-operand.asInt());
                } else {
                    operand = Value(operand.asInt());
                }
                break;
            }
            case Opcode::Binary: {
                const Value right = std::move(frame.values.back());
                frame.values.pop_back();
                std::optional<Value> result = instruction.b == 1
                    ? inPlace(BinaryOperator(instruction.a), frame.values.back(), right)
                    : binary(BinaryOperator(instruction.a), frame.values.back(), right);
                if (result)
                    frame.values.back() = std::move(*result);
                else
                    ok = false;
                break;
            }
            case Opcode::Compare: {
                const Value right = std::move(frame.values.back());
                frame.values.pop_back();
                std::optional<Value> result = compare(CompareOperator(instruction.a), frame.values.back(), right);
                if (takeNestingOverflow())
                    ok = raise(QStringLiteral("RecursionError"),
                               QStringLiteral("maximum recursion depth exceeded in comparison"));
                else if (result)
                    frame.values.back() = std::move(*result);
                else
                    ok = false;
                break;
            }
            case Opcode::Jump:
                frame.pc = instruction.a;
                break;
            case Opcode::JumpIfFalse: {
                const bool truth = frame.values.back().isTruthy();
                frame.values.pop_back();
                if (!truth)
                    frame.pc = instruction.a;
                break;
            }
            case Opcode::JumpIfFalseOrPop:
                if (!frame.values.back().isTruthy())
                    frame.pc = instruction.a;
                else
                    frame.values.pop_back();
                break;
            case Opcode::JumpIfTrueOrPop:
                if (frame.values.back().isTruthy())
                    frame.pc = instruction.a;
                else
                    frame.values.pop_back();
                break;
            case Opcode::BuildList: {
                if (!take(instruction.a)) {
                    ok = false;
                    break;
                }
                std::vector<Value> values(std::make_move_iterator(frame.values.end() - instruction.a),
                                          std::make_move_iterator(frame.values.end()));
                frame.values.resize(frame.values.size() - std::size_t(instruction.a));
                frame.values.push_back(Value::list(std::move(values)));
                break;
            }
            case Opcode::ListAppendTo: {
                std::vector<Value> &list = frame.values[std::size_t(instruction.a)].asList()->items;
                if (list.size() >= maxListItems) {
                    ok = raise(QStringLiteral("MemoryError"), memoryMessage);
                    break;
                }
                if (!take(1)) {
                    ok = false;
                    break;
                }
                list.push_back(std::move(frame.values.back()));
                frame.values.pop_back();
                break;
            }
            case Opcode::ListExtendTo: {
                std::optional<std::vector<Value>> values = items(frame.values.back());
                frame.values.pop_back();
                if (!values) {
                    ok = false;
                    break;
                }
                std::vector<Value> &list = frame.values[std::size_t(instruction.a)].asList()->items;
                if (list.size() + values->size() > maxListItems) {
                    ok = raise(QStringLiteral("MemoryError"), memoryMessage);
                    break;
                }
                if (!take(qint64(values->size()))) {
                    ok = false;
                    break;
                }
                list.insert(list.end(), values->begin(), values->end());
                break;
            }
            case Opcode::GetIter: {
                Value &iterable = frame.values.back();
                if (!iterable.isList() && !iterable.isStr() && !iterable.get<RangeValue>()) {
                    ok = raise(QStringLiteral("TypeError"),
                               QStringLiteral("'%1' object is not iterable").arg(iterable.typeName()));
                    break;
                }
                auto iterator = Ref<IteratorObject>::make();
                iterator->iterable = std::move(iterable);
                iterable = Value(Value::Data(std::move(iterator)));
                break;
            }
            case Opcode::ForIter: {
                IteratorObject &iterator = **frame.values.back().get<Ref<IteratorObject>>();
                const Value &iterable = iterator.iterable;
                std::optional<Value> next;
                if (iterable.isList()) {
                    if (iterator.index < std::int64_t(iterable.asList()->items.size()))
                        next = iterable.asList()->items[std::size_t(iterator.index)];
                } else if (iterable.isStr()) {
                    // A string's iterator keeps its place in UTF-16 units, so a long text is read once, not
                    // counted from its start at every character.
                    const QString &text = iterable.asStr();
                    if (iterator.index < text.size()) {
                        const bool pair = text[iterator.index].isHighSurrogate() && iterator.index + 1 < text.size()
                            && text[iterator.index + 1].isLowSurrogate();
                        next = Value(text.mid(iterator.index, pair ? 2 : 1));
                        if (pair)
                            ++iterator.index;
                    }
                } else if (const RangeValue *range = iterable.get<RangeValue>()) {
                    if (iterator.index < range->length())
                        next = Value(range->at(iterator.index));
                }
                if (!next) {
                    frame.values.pop_back();
                    frame.pc = instruction.a;
                    break;
                }
                ++iterator.index;
                frame.values.push_back(std::move(*next));
                break;
            }
            case Opcode::Call:
            case Opcode::CallWithList: {
                if (sleepsAtOnce(task, frame, instruction))
                    return Outcome::Suspended;
                std::vector<std::pair<QString, Value>> keywords;
                if (instruction.b >= 0) {
                    const std::vector<Value> &names = frame.code->constants[std::size_t(instruction.b)].asList()->items;
                    keywords.resize(names.size());
                    for (std::size_t i = names.size(); i-- > 0;) {
                        keywords[i] = {names[i].asStr(), std::move(frame.values.back())};
                        frame.values.pop_back();
                    }
                }
                std::vector<Value> positional = spareArguments();
                if (instruction.op == Opcode::CallWithList) {
                    positional = frame.values.back().asList()->items;
                    frame.values.pop_back();
                } else {
                    positional.assign(std::make_move_iterator(frame.values.end() - instruction.a),
                                      std::make_move_iterator(frame.values.end()));
                    frame.values.resize(frame.values.size() - std::size_t(instruction.a));
                }
                const Value callee = std::move(frame.values.back());
                frame.values.pop_back();
                ok = call(task, frame, callee, positional, std::move(keywords), instruction.spawnsThread);
                keepSpareArguments(std::move(positional));
                if (ok && m_suspendRequested) {
                    m_suspendRequested = false;
                    return Outcome::Suspended;
                }
                if (ok && task.frames.size() != depth)
                    switchFrames = true;
                break;
            }
            case Opcode::LoadAttribute: {
                const QString &name = frame.code->names[std::size_t(instruction.a)];
                const NameMeaning &meaning = meanings[instruction.a];
                Value &object = frame.values.back();
                std::optional<Value> attribute;
                if (const ModuleId *module = object.get<ModuleId>()) {
                    const std::optional<Builtin> &function
                        = *module == ModuleId::Asyncio ? meaning.asyncioFunction : meaning.timeFunction;
                    if (function)
                        attribute = Value(Value::Data(*function));
                } else if (const auto *error = object.get<Value::ErrorPtr>(); error && !(*error)->exceptions.empty()) {
                    // An exception group's message and exceptions (a tuple); no other exception has attributes here.
                    if (name == QLatin1String("exceptions")) {
                        auto tuple = Ref<ListObject>::make();
                        tuple->isTuple = true;
                        for (const RecipeError &inner : (*error)->exceptions)
                            tuple->items.push_back(Value(Value::Data(Value::ErrorPtr::make(inner))));
                        attribute = Value(Value::Data(std::move(tuple)));
                    } else if (name == QLatin1String("message")) {
                        attribute = Value(ExceptionClasses::groupMessage(**error));
                    }
                } else if (const auto *resource = object.get<Ref<Resource>>()) {
                    // A resource has its own methods, some named as a str's (a queue's join).
                    if (meaning.resourceMethod && Resource::isReachable(*meaning.resourceMethod)
                        && (*resource)->has(*meaning.resourceMethod))
                        attribute = Value(
                            Value::Data(Ref<BoundMethod>::make(object, Method::OfResource, *meaning.resourceMethod)));
                } else if (meaning.method) {
                    bool fits = false;
                    switch (*meaning.method) {
                    case Method::StrUpper:
                    case Method::StrLower:
                    case Method::StrJoin:
                    case Method::StrFormat:
                        fits = object.isStr();
                        break;
                    case Method::ListAppend:
                        fits = object.isList() && !object.asList()->isTuple;
                        break;
                    case Method::TaskDone:
                    case Method::TaskResult:
                    case Method::TaskCancel:
                    case Method::TaskCancelled:
                    case Method::TaskUncancel:
                    case Method::TaskCancelling:
                        // A task's, and gather's future's too.
                        fits = object.get<FuturePtr>() != nullptr;
                        break;
                    case Method::OfResource:
                        break;
                    }
                    if (fits)
                        attribute = Value(Value::Data(Ref<BoundMethod>::make(object, *meaning.method)));
                }
                if (!attribute) {
                    const QString owner = object.get<ModuleId>()
                        ? QStringLiteral("module '%1'")
                              .arg(*object.get<ModuleId>() == ModuleId::Asyncio ? QStringLiteral("asyncio")
                                                                                : QStringLiteral("time"))
                        : QStringLiteral("'%1' object").arg(object.typeName());
                    ok = raise(QStringLiteral("AttributeError"),
                               QStringLiteral("%1 has no attribute '%2'").arg(owner, name));
                    break;
                }
                object = std::move(*attribute);
                break;
            }
            case Opcode::LoadSubscript: {
                const Value index = std::move(frame.values.back());
                frame.values.pop_back();
                std::optional<Value> item = subscript(frame.values.back(), index);
                if (item)
                    frame.values.back() = std::move(*item);
                else
                    ok = false;
                break;
            }
            case Opcode::StoreSubscript: {
                const Value index = std::move(frame.values.back());
                frame.values.pop_back();
                const Value container = std::move(frame.values.back());
                frame.values.pop_back();
                if (!container.isList() || container.asList()->isTuple) {
                    ok = raise(
                        QStringLiteral("TypeError"),
                        QStringLiteral("'%1' object does not support item assignment").arg(container.typeName()));
                    break;
                }
                if (!index.isInt() && !index.isBool()) {
                    ok = raise(QStringLiteral("TypeError"),
                               QStringLiteral("list indices must be integers or slices, not %1").arg(index.typeName()));
                    break;
                }
                std::vector<Value> &list = container.asList()->items;
                std::int64_t i = index.asInt();
                if (i < 0)
                    i += std::int64_t(list.size());
                if (i < 0 || i >= std::int64_t(list.size())) {
                    ok = raise(QStringLiteral("IndexError"), QStringLiteral("list assignment index out of range"));
                    break;
                }
                list[std::size_t(i)] = std::move(frame.values.back());
                frame.values.pop_back();
                break;
            }
            case Opcode::FormatValue: {
                QString spec;
                if (instruction.b & 4) {
                    spec = frame.values.back().asStr();
                    frame.values.pop_back();
                }
                Value value = std::move(frame.values.back());
                frame.values.pop_back();
                if (instruction.b & 1)
                    value = Value(value.repr());
                else if (instruction.b & 2)
                    value = Value(value.str());
                else if (instruction.b & 8)
                    value = Value(PythonText::ascii(value.repr()));
                if (takeNestingOverflow()) {
                    ok = raiseReprTooDeep();
                    break;
                }
                std::optional<QString> text = format(value, spec);
                if (!text) {
                    ok = false;
                    break;
                }
                frame.values.push_back(Value(*text));
                break;
            }
            case Opcode::BuildString: {
                QString text;
                for (auto it = frame.values.end() - instruction.a; it != frame.values.end(); ++it) {
                    if (text.size() + it->asStr().size() > maxStringLength)
                        break;
                    text += it->asStr();
                }
                frame.values.resize(frame.values.size() - std::size_t(instruction.a));
                frame.values.push_back(Value(text));
                break;
            }
            case Opcode::MakeFunction: {
                auto function = Ref<FunctionObject>::make();
                function->code = m_program.functions[std::size_t(instruction.a)].get();
                function->defaults.assign(std::make_move_iterator(frame.values.end() - instruction.b),
                                          std::make_move_iterator(frame.values.end()));
                frame.values.resize(frame.values.size() - std::size_t(instruction.b));
                frame.values.push_back(Value(Value::Data(std::move(function))));
                break;
            }
            case Opcode::Await: {
                const Value awaitable = std::move(frame.values.back());
                frame.values.pop_back();
                m_raised.reset();
                if (!await(task, frame, awaitable, instruction.awaitsFinishedCall)) {
                    if (m_raised) {
                        ok = false;
                        break;
                    }
                    return Outcome::Suspended;
                }
                if (task.frames.size() != depth)
                    switchFrames = true;
                break;
            }
            case Opcode::Raise: {
                Value raised = std::move(frame.values.back());
                frame.values.pop_back();
                ok = raiseValue(raised, instruction.b == 1);
                break;
            }
            case Opcode::ExceptMatch: {
                const Value::ErrorPtr *error = frame.values.back().get<Value::ErrorPtr>();
                const QString type = error ? (*error)->type : QString();
                bool matches = false;
                for (const QStringView className :
                     QStringView(frame.code->constants[std::size_t(instruction.a)].asStr()).split(u' '))
                    matches = matches || ExceptionClasses::isInstance(type, className.toString());
                frame.values.back() = Value(matches);
                break;
            }
            case Opcode::Unbind:
                if (instruction.b == 1)
                    m_globalBound[std::size_t(meanings[instruction.a].global)] = false;
                else
                    frame.unbind(std::size_t(instruction.a));
                break;
            case Opcode::ExceptStarWrap: {
                Value &top = frame.values.back();
                const auto *error = top.get<Value::ErrorPtr>();
                if (!error)
                    break;
                RecipeError caught = **error;
                // A group's own starLeaf says whether it is such a wrapping, made here (-1): only then does a clause
                // that takes its one exception take it whole, as CPython takes the lone exception.
                caught.starLeaf = 0;
                if (caught.exceptions.empty()) {
                    // A lone exception meets except* as a group of one, made without a message.
                    RecipeError wrapped = ExceptionClasses::group(QString(), {caught});
                    wrapped.argumentsRepr = QStringLiteral("'', (") + top.repr() + QStringLiteral(",)");
                    wrapped.line = caught.line;
                    wrapped.function = caught.function;
                    wrapped.starLeaf = -1;
                    caught = std::move(wrapped);
                }
                // Its exceptions are numbered, for a part re-raised to be put back where it stood.
                caught.starMatch = false;
                ExceptionClasses::numberLeaves(caught);
                top = Value(Value::Data(Value::ErrorPtr::make(std::move(caught))));
                break;
            }
            case Opcode::ExceptStarSplit: {
                const Value remaining = std::move(frame.values.back());
                frame.values.pop_back();
                const QStringList classes = frame.code->constants[std::size_t(instruction.a)].asStr().split(u' ');
                if (classes.contains(QLatin1String("ExceptionGroup"))
                    || classes.contains(QLatin1String("BaseExceptionGroup"))) {
                    ok = raise(
                        QStringLiteral("TypeError"),
                        QStringLiteral("catching ExceptionGroup with except* is not allowed. Use except instead."));
                    break;
                }
                const auto *group = remaining.get<Value::ErrorPtr>();
                if (!group) {
                    frame.values.push_back(Value());
                    frame.values.push_back(Value());
                    break;
                }
                // A class the group itself is an instance of (Exception) takes it whole, as it is; else its
                // exceptions are split between the clause and the rest.
                const bool whole = std::any_of(classes.begin(), classes.end(), [group](const QString &name) {
                    const RecipeError &caught = **group;
                    return ExceptionClasses::isInstance(caught.type, name)
                        || (caught.starLeaf == -1 && ExceptionClasses::isInstance(caught.exceptions[0].type, name));
                });
                auto [match, rest] = whole
                    ? std::pair(std::optional<RecipeError>(**group), std::optional<RecipeError>())
                    : ExceptionClasses::split(**group, classes);
                if (match)
                    match->starMatch = true;
                const auto asValue = [](std::optional<RecipeError> &error) {
                    return error ? Value(Value::Data(Value::ErrorPtr::make(std::move(*error)))) : Value();
                };
                frame.values.push_back(asValue(rest));
                frame.values.push_back(asValue(match));
                break;
            }
            case Opcode::ExceptStarFinish: {
                // As CPython combines them: nothing raised, the unmatched part goes on (the exception as it came,
                // when no clause took any of it); else what the clauses raised, then that part, in a group of
                // their own unless one exception is all there is.
                const Value raised = std::move(frame.values.back());
                frame.values.pop_back();
                const Value remaining = std::move(frame.values.back());
                frame.values.pop_back();
                Value &original = frame.values.back();
                const auto *rest = remaining.get<Value::ErrorPtr>();
                const auto *caught = original.get<Value::ErrorPtr>();
                // A lone exception no clause took goes on as it came, not wrapped; a group's rest is a new group.
                const bool untouched = rest && caught && (*caught)->exceptions.empty();
                // A clause's part raised again as it came goes back where it stood in the group, with the rest;
                // anything else raised is new, and goes before them.
                QList<RecipeError> all;
                std::vector<int> kept = rest ? ExceptionClasses::leafNumbers(**rest) : std::vector<int>();
                bool reraised = false;
                for (const Value &item : raised.asList()->items) {
                    const auto *error = item.get<Value::ErrorPtr>();
                    if (!error)
                        continue;
                    // A lone exception caught (wrapped for the clauses) met one clause at most: what it raised goes
                    // on as it is, as CPython has it.
                    if ((*error)->starMatch && caught && !(*caught)->exceptions.empty()) {
                        const std::vector<int> numbers = ExceptionClasses::leafNumbers(**error);
                        kept.insert(kept.end(), numbers.begin(), numbers.end());
                        reraised = true;
                    } else {
                        all.push_back(**error);
                    }
                }
                if (all.empty() && !reraised) {
                    if (!untouched)
                        original = remaining;
                    break;
                }
                if (reraised) {
                    // The group as it was caught, its exceptions numbered as ExceptStarWrap numbered them.
                    RecipeError numbered = **caught;
                    ExceptionClasses::numberLeaves(numbered);
                    std::optional<RecipeError> keep
                        = ExceptionClasses::split(numbered, [&kept](const RecipeError &leaf) {
                              return std::find(kept.begin(), kept.end(), leaf.starLeaf) != kept.end();
                          }).first;
                    if (keep) {
                        keep->starMatch = false;
                        all.push_back(std::move(*keep));
                    }
                } else if (rest) {
                    all.push_back(untouched ? **caught : **rest);
                }
                original = all.size() == 1
                    ? Value(Value::Data(Value::ErrorPtr::make(all.front())))
                    : Value(Value::Data(Value::ErrorPtr::make(ExceptionClasses::group(QString(), std::move(all)))));
                break;
            }
            case Opcode::EnterContext:
            case Opcode::ExitContext: {
                Value exception;
                if (instruction.op == Opcode::ExitContext && instruction.a == 1) {
                    exception = std::move(frame.values.back());
                    frame.values.pop_back();
                }
                Value &manager = frame.values.back();
                const auto *resource = manager.get<Ref<Resource>>();
                const ResourceMethod method
                    = instruction.op == Opcode::EnterContext ? ResourceMethod::Enter : ResourceMethod::Exit;
                if (!resource || !(*resource)->has(method)) {
                    // The twins' `with` is a plain one, with a plain one's message.
                    ok = raise(QStringLiteral("TypeError"),
                               QStringLiteral("'%1' object does not support the %2context manager protocol")
                                   .arg(manager.typeName(),
                                        m_kitchen == Kitchen::Async ? QStringLiteral("asynchronous ") : QString()));
                    break;
                }
                manager = Value(Value::Data(Coroutine::ofResource(*resource, method, std::move(exception))));
                break;
            }
            case Opcode::Return: {
                m_returned = std::move(frame.values.back());
                task.frames.pop_back();
                if (task.frames.empty())
                    return Outcome::Returned;
                task.frames.back()->values.push_back(std::move(m_returned));
                switchFrames = true;
                break;
            }
            }
            if (!ok) {
                if (m_raised->line == 0) {
                    m_raised->line = instruction.line;
                    m_raised->function = frame.code->name;
                }
                if (catchRaised(task))
                    break; // on at the handler, perhaps in a frame further out
                dropFramesOfFailure(task);
                return Outcome::Raised;
            }
        }
    }
    return Outcome::Returned;
}

bool Interpreter::catchRaised(Future &task)
{
    // The driver's stop ends the whole recipe: no except clause may take it.
    if (m_interrupted)
        return false;
    while (!task.frames.empty()) {
        Frame &frame = *task.frames.back();
        // The instruction that raised is the one before pc: a call or an await, in a frame further out.
        const int raisedAt = frame.pc - 1;
        const ExceptionHandler *innermost = nullptr;
        for (const ExceptionHandler &handler : frame.code->handlers) {
            if (raisedAt >= handler.start && raisedAt < handler.end && (!innermost || handler.level > innermost->level))
                innermost = &handler;
        }
        if (innermost) {
            frame.values.resize(frame.code->localNames.size() + std::size_t(innermost->depth));
            frame.values.push_back(Value(Value::Data(Value::ErrorPtr::make(std::move(*m_raised)))));
            m_raised.reset();
            frame.pc = innermost->target;
            return true;
        }
        // Not handled in this frame: it ends, and its caller has the exception at its call. The last frame's end is
        // the task's, left to dropFramesOfFailure().
        if (task.frames.size() == 1)
            return false;
        m_unwinding = true;
        task.frames.pop_back();
        m_unwinding = false;
    }
    return false;
}

std::vector<Value> Interpreter::spareArguments()
{
    if (m_spareArguments.empty())
        return {};
    std::vector<Value> arguments = std::move(m_spareArguments.back());
    m_spareArguments.pop_back();
    return arguments;
}

void Interpreter::keepSpareArguments(std::vector<Value> arguments)
{
    // A call's arguments are a vector that the next call fills again: a task's every resumption calls at least
    // asyncio.sleep, and allocating its one argument each time was a tenth of the engine's instructions. A few are
    // kept, for the calls that run inside a call (a sync bake's cakes, one after another).
    constexpr std::size_t kept = 8;
    if (arguments.capacity() == 0 || m_spareArguments.size() >= kept)
        return;
    arguments.clear();
    m_spareArguments.push_back(std::move(arguments));
}

bool Interpreter::call(Future &task, Frame &frame, const Value &callee, std::vector<Value> &positional,
                       std::vector<std::pair<QString, Value>> keywords, bool spawnsThread)
{
    if (const auto *function = callee.get<Ref<FunctionObject>>()) {
        RecipeError error;
        std::unique_ptr<Frame> called = frameFor(*function, positional, std::move(keywords), &error);
        if (spawnsThread && m_kitchen == Kitchen::ThreadedTwin)
            return startThread(frame, **function, std::move(called), error);
        if (!called) {
            m_raised = error;
            return false;
        }
        // The blocking twin's module keeps its async calls for asyncio.run when it bakes several cakes of them.
        if ((*function)->code->isAsync
            && (m_kitchen == Kitchen::Async || (m_cakes > 1 && &task == &m_module && task.frames.size() == 1))) {
            // Calling an async function runs nothing yet: it makes a coroutine, a state machine at its start.
            frame.values.push_back(Value(Value::Data(Ref<Coroutine>::make(std::move(called)))));
            return true;
        }
        if (int(task.frames.size()) >= frameLimitOf(task))
            return raise(QStringLiteral("RecursionError"), QStringLiteral("maximum recursion depth exceeded"));
        task.frames.push_back(std::move(called));
        return true;
    }
    if (const Builtin *builtin = callee.get<Builtin>())
        return callBuiltin(task, frame, *builtin, positional, keywords);
    if (const auto *method = callee.get<Ref<BoundMethod>>())
        return callMethod(frame, **method, positional, keywords);
    return raise(QStringLiteral("TypeError"), QStringLiteral("'%1' object is not callable").arg(callee.typeName()));
}

bool Interpreter::callBuiltin(Future &task, Frame &frame, Builtin builtin, std::vector<Value> &positional,
                              std::vector<std::pair<QString, Value>> &keywords)
{
    Q_UNUSED(task)
    // Looked up only for a message: a builtin that is called correctly never pays for its name.
    const auto name = [builtin] { return builtinName(builtin); };
    const auto noKeywords = [&] {
        if (keywords.empty())
            return true;
        return raise(QStringLiteral("TypeError"), QStringLiteral("%1() takes no keyword arguments").arg(name()));
    };
    const auto arguments = [&](std::size_t least, std::size_t most) {
        if (positional.size() >= least && positional.size() <= most)
            return true;
        if (most == 0)
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("%1() takes no arguments (%2 given)").arg(name()).arg(positional.size()));
        if (least == most)
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("%1() takes exactly %2 argument%3 (%4 given)")
                             .arg(name())
                             .arg(least == 1 ? QStringLiteral("one") : QString::number(least))
                             .arg(least == 1 ? QString() : QStringLiteral("s"))
                             .arg(positional.size()));
        return raise(QStringLiteral("TypeError"),
                     positional.size() < least ? QStringLiteral("%1 expected at least %2 argument%3, got %4")
                                                     .arg(name())
                                                     .arg(least)
                                                     .arg(least == 1 ? QString() : QStringLiteral("s"))
                                                     .arg(positional.size())
                                               : QStringLiteral("%1 expected at most %2 argument%3, got %4")
                                                     .arg(name())
                                                     .arg(most)
                                                     .arg(most == 1 ? QString() : QStringLiteral("s"))
                                                     .arg(positional.size()));
    };
    const auto push = [&frame](Value value) {
        frame.values.push_back(std::move(value));
        return true;
    };
    // The twins write asyncio.sleep(x, result) and asyncio.sleep(delay=x) as time.sleep(x) (TwinRules::blockingSleep),
    // and any other call of it with its arguments as they are: its one argument left alone in positional[0].
    const auto sleepOfTheTwin = [&] {
        if (positional.empty()) {
            const auto delay = std::find_if(keywords.begin(), keywords.end(), [](const auto &keyword) {
                return keyword.first == QLatin1String("delay");
            });
            if (delay != keywords.end())
                positional.push_back(delay->second);
        } else {
            positional.resize(1);
        }
        if (!positional.empty())
            keywords.clear();
        if (!keywords.empty())
            return raise(QStringLiteral("TypeError"), QStringLiteral("time.sleep() takes no keyword arguments"));
        if (positional.size() != 1)
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("time.sleep() takes exactly one argument (%1 given)").arg(positional.size()));
        return true;
    };
    if (m_kitchen == Kitchen::BlockingTwin) {
        switch (builtin) {
        case Builtin::AsyncioRun:
            if (const auto *coroutine = positional.size() == 1 ? positional[0].get<Ref<Coroutine>>() : nullptr)
                return runCakesOneAfterAnother(frame, *coroutine);
            [[fallthrough]];
        case Builtin::AsyncioCreateTask:
            // asyncio.run(c) and create_task(c) are c: the call in the argument has run to its end already.
            return arguments(1, 1) && push(positional[0]);
        case Builtin::AsyncioSleep:
            if (!sleepOfTheTwin())
                return false;
            if (!positional[0].isNumber())
                return raise(
                    QStringLiteral("TypeError"),
                    QStringLiteral("'%1' object cannot be interpreted as an integer").arg(positional[0].typeName()));
            // asyncio.sleep is time.sleep in the twin, which refuses what time.sleep refuses.
            if (std::isnan(positional[0].asFloat()))
                return raise(QStringLiteral("ValueError"), QStringLiteral("Invalid value NaN (not a number)"));
            if (positional[0].asFloat() < 0)
                return raise(QStringLiteral("ValueError"), QStringLiteral("sleep length must be non-negative"));
            if (positional[0].asFloat() > 0 && m_observer)
                m_observer->blockingSleep(qint64(positional[0].asFloat() * nsPerSecond), task.number(), task.cake,
                                          frame.code->name);
            if (positional[0].asFloat() > 0) {
                m_hooks.blockFor(qint64(positional[0].asFloat() * nsPerSecond));
                askTheDriverNext();
            }
            return push(Value());
        case Builtin::AsyncioGather:
            // gather(a, b) is [a, b]: each ran to its end, one after the other, as its argument was evaluated.
            return push(Value::list(positional));
        default:
            break;
        }
    }
    if (m_kitchen == Kitchen::ThreadedTwin) {
        switch (builtin) {
        case Builtin::AsyncioRun:
            // With several cakes, the module kept main()'s call for asyncio.run: a thread a cake runs a copy of it.
            if (const auto *coroutine = positional.size() == 1 ? positional[0].get<Ref<Coroutine>>() : nullptr)
                return startCakeThreads(*coroutine);
            [[fallthrough]];
        case Builtin::AsyncioCreateTask:
            // asyncio.run(c) is c, run to its end in MainThread; create_task(f(x)) is the thread f(x) started.
            return arguments(1, 1) && push(positional[0]);
        case Builtin::AsyncioSleep:
            // asyncio.sleep is time.sleep in the twin, its result argument dropped.
            return sleepOfTheTwin() && sleepInThread(task, frame.code->name, positional[0]) && push(Value());
        case Builtin::TimeSleep:
            return noKeywords() && arguments(1, 1) && sleepInThread(task, frame.code->name, positional[0])
                && push(Value());
        case Builtin::AsyncioGather:
            // The twin's gather(*awaited) waits for each in turn and takes no keywords.
            if (!keywords.empty())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("gather() got an unexpected keyword argument '%1'").arg(keywords[0].first));
            if (waitInThread(frame, std::move(positional), true))
                return true;
            if (m_raised)
                return false;
            // Blocked: the thread stops after this call, and its result comes when the last one awaited ends.
            m_suspendRequested = true;
            return true;
        default:
            break;
        }
    }
    if (builtin == Builtin::ExceptionGroup || builtin == Builtin::BaseExceptionGroup) {
        // ExceptionGroup(message, exceptions): a str and a non-empty list of exceptions, as CPython checks them.
        const QString group = name();
        if (!keywords.empty())
            return raise(QStringLiteral("TypeError"), QStringLiteral("%1() takes no keyword arguments").arg(group));
        if (positional.size() != 2)
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("BaseExceptionGroup.__new__() takes exactly 2 arguments (%1 given)")
                             .arg(positional.size()));
        if (!positional[0].isStr())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("BaseExceptionGroup.__new__() argument 1 must be str, not %1")
                             .arg(positional[0].typeName()));
        if (!positional[1].isList())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("second argument (exceptions) must be a sequence"));
        const std::vector<Value> &items = positional[1].asList()->items;
        if (items.empty())
            return raise(QStringLiteral("ValueError"),
                         QStringLiteral("second argument (exceptions) must be a non-empty sequence"));
        QList<RecipeError> inner;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto *error = items[i].get<Value::ErrorPtr>();
            if (!error)
                return raise(QStringLiteral("ValueError"),
                             QStringLiteral("Item %1 of second argument (exceptions) is not an exception").arg(i));
            inner.push_back(**error);
        }
        RecipeError made = ExceptionClasses::group(positional[0].asStr(), std::move(inner));
        if (made.nesting > ExceptionClasses::maxNesting)
            return raise(QStringLiteral("RecursionError"), QStringLiteral("maximum recursion depth exceeded"));
        if (builtin == Builtin::ExceptionGroup && made.type != QLatin1String("ExceptionGroup"))
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("Cannot nest BaseExceptions in an ExceptionGroup"));
        // Its repr is the message's and the list's as given, which ExceptionClasses::repr makes from them when
        // asked: made here, a group nested ten thousand deep held every level's repr (gigabytes) and crashed.
        return push(Value(Value::Data(Value::ErrorPtr::make(std::move(made)))));
    }
    if (ExceptionClasses::isClass(builtin)) {
        // BaseException(*args): str() of it is its one argument's, or the tuple of several; KeyError's is the
        // repr of its key.
        if (!keywords.empty())
            return raise(QStringLiteral("TypeError"), QStringLiteral("%1() takes no keyword arguments").arg(name()));
        QStringList reprs;
        for (const Value &argument : positional)
            reprs << argument.repr();
        RecipeError error{exceptionTypeOf(builtin), QString(), 0, QString(), reprs.join(QStringLiteral(", "))};
        if (positional.size() == 1)
            error.message = builtin == Builtin::KeyError ? reprs[0] : positional[0].str();
        else if (positional.size() > 1)
            error.message = QLatin1Char('(') + error.argumentsRepr + QLatin1Char(')');
        return push(Value(Value::Data(Value::ErrorPtr::make(std::move(error)))));
    }
    switch (builtin) {
    default: // the exception classes, made above
        Q_UNREACHABLE();
        return false;
    case Builtin::AsyncioLock:
    case Builtin::AsyncioSemaphore:
    case Builtin::AsyncioEvent:
    case Builtin::AsyncioQueue: {
        const ResourceStep made
            = ResourceCalls::construct(builtin, positional, keywords, m_kitchen == Kitchen::ThreadedTwin);
        if (made.kind == ResourceStep::Kind::Done) {
            const Ref<Resource> &resource = *made.result.get<Ref<Resource>>();
            if (m_kitchen == Kitchen::ThreadedTwin)
                resource->actAsThreading();
            resource->setNumber(++m_resourcesMade);
            if (m_observer)
                m_observer->resourceMade(resource->number(), resource->typeName(), resource->state());
        }
        return takeResourceStep(frame, made);
    }
    case Builtin::AsyncioTaskGroup:
        if (!positional.empty() || !keywords.empty())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("TaskGroup.__init__() takes 1 positional argument but %1 were given")
                             .arg(positional.size() + keywords.size() + 1));
        return push(Value(Value::Data(Ref<Resource>(new AsyncioTaskGroup(*this)))));
    case Builtin::AsyncioWaitFor:
    case Builtin::AsyncioTimeout: {
        const bool waitFor = builtin == Builtin::AsyncioWaitFor;
        std::vector<std::optional<Value>> bound;
        if (const QString error = bindLikeAPythonFunction(
                name(), positional, keywords,
                waitFor ? std::initializer_list<QLatin1String>{QLatin1String("fut"), QLatin1String("timeout")}
                        : std::initializer_list<QLatin1String>{QLatin1String("delay")},
                waitFor ? 2 : 1, {}, bound);
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        if (waitFor)
            return push(Value(Value::Data(Coroutine::ofResource(
                Ref<Resource>(new AsyncioWaitFor(*this, *bound[0], *bound[1])), ResourceMethod::Wait))));
        // asyncio.timeout(delay) reads the running loop's clock as it is made, not as it is entered.
        if (!m_loopRunning)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"));
        const Value &delay = *bound[0];
        if (!delay.isNone() && !delay.isNumber())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("unsupported operand type(s) for +: 'float' and '%1'").arg(delay.typeName()));
        std::optional<qint64> deadlineNs;
        if (delay.isNumber()) {
            const double seconds = std::isnan(delay.asFloat()) ? 0.0 : std::min(delay.asFloat(), longestSleepSeconds);
            deadlineNs = m_hooks.nowNs() + qint64(seconds * nsPerSecond);
        }
        return push(Value(Value::Data(Ref<Resource>(new AsyncioTimeout(*this, deadlineNs)))));
    }
    case Builtin::Print: {
        // print(*args, sep=' ', end='\n', file=None, flush=False), checked as CPython checks it: every keyword's
        // name first, then sep, then end, whatever order the call gave them in; then the file, written to first.
        QString separator = QStringLiteral(" ");
        QString end = QStringLiteral("\n");
        const Value *keywordValues[3] = {};
        const std::array<QLatin1String, 4> parameters{QLatin1String("sep"), QLatin1String("end"), QLatin1String("file"),
                                                      QLatin1String("flush")};
        for (const auto &[key, value] : keywords) {
            const auto found = std::find(parameters.begin(), parameters.end(), key);
            if (found == parameters.end())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("'%1' is an invalid keyword argument for print()").arg(key));
            if (const auto index = std::size_t(found - parameters.begin()); index < 3)
                keywordValues[index] = &value;
        }
        for (const std::size_t index : {0, 1}) {
            const Value *value = keywordValues[index];
            if (!value || value->isNone())
                continue;
            if (!value->isStr())
                return raise(
                    QStringLiteral("TypeError"),
                    QStringLiteral("%1 must be None or a string, not %2").arg(parameters[index], value->typeName()));
            (index == 0 ? separator : end) = value->asStr();
        }
        // file=None is sys.stdout; anything else a recipe can make has no write(), which print looks up before it
        // writes anything, the end of an empty line included.
        if (const Value *file = keywordValues[2]; file && !file->isNone())
            return raise(QStringLiteral("AttributeError"),
                         QStringLiteral("'%1' object has no attribute 'write'").arg(file->typeName()));
        // The threaded twin prints through its say(), whose frames and calls run out of levels as they do.
        if (m_kitchen != Kitchen::ThreadedTwin) {
            if (const QString error = printRecursionError(frameLimitOf(task) - qint64(task.frames.size()), positional);
                !error.isNull())
                return raise(QStringLiteral("RecursionError"), error);
        }
        const auto printed = [&]() -> std::optional<QString> {
            QStringList parts;
            for (const Value &value : positional)
                parts << value.str();
            if (takeNestingOverflow())
                return std::nullopt;
            return parts.join(separator) + end;
        };
        // A thread other than MainThread says its name first, as the twin's say() does; several cakes, theirs.
        const auto write = [&](const QString &text) {
            const bool named = m_kitchen == Kitchen::ThreadedTwin && m_currentThread != ThreadScheduler::mainThread;
            const QString line = named ? m_threadRecords[std::size_t(m_currentThread)].prefix + text : text;
            m_hooks.write(m_cakes > 1 ? withCakePrefixes(task.cake, line) : line);
        };
        if (m_observer) {
            const std::optional<QString> text = printed();
            if (!text)
                return raiseReprTooDeep();
            m_observer->printed(*text, task.number(), task.cake, frame.code->name);
            if (m_printsAsWritten)
                m_hooks.write(*text);
            else if (m_hooks.write)
                write(*text);
            return push(Value());
        }
        // The one question a print asks in the common case; a quiet run and several cakes are the others.
        if (m_printsAsWritten) {
            const std::optional<QString> text = printed();
            if (!text)
                return raiseReprTooDeep();
            m_hooks.write(*text);
            return push(Value());
        }
        if (!m_hooks.write) {
            // Nothing is shown, so no text is made; a list nested too deep still fails as it would printed.
            for (const Value &value : positional) {
                if (value.isList())
                    value.str();
            }
            return takeNestingOverflow() ? raiseReprTooDeep() : push(Value());
        }
        const std::optional<QString> text = printed();
        if (!text)
            return raiseReprTooDeep();
        write(*text);
        return push(Value());
    }
    case Builtin::Len: {
        if (!noKeywords() || !arguments(1, 1))
            return false;
        const Value &value = positional[0];
        if (value.isStr()) {
            chargeForText(value.asStr().size());
            return push(Value(std::int64_t(PythonText::length(value.asStr()))));
        }
        if (value.isList())
            return push(Value(std::int64_t(value.asList()->items.size())));
        if (const RangeValue *range = value.get<RangeValue>())
            return push(Value(range->length()));
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("object of type '%1' has no len()").arg(value.typeName()));
    }
    case Builtin::Range: {
        if (!noKeywords() || !arguments(1, 3))
            return false;
        for (const Value &value : positional) {
            if (!value.isInt() && !value.isBool())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("'%1' object cannot be interpreted as an integer").arg(value.typeName()));
        }
        RangeValue range;
        if (positional.size() == 1) {
            range.stop = positional[0].asInt();
        } else {
            range.start = positional[0].asInt();
            range.stop = positional[1].asInt();
            if (positional.size() == 3)
                range.step = positional[2].asInt();
        }
        if (range.step == 0)
            return raise(QStringLiteral("ValueError"), QStringLiteral("range() arg 3 must not be zero"));
        return push(Value(range));
    }
    case Builtin::Str: {
        // str(object='', encoding, errors): with an encoding or errors it decodes bytes, which no recipe has.
        std::vector<std::optional<Value>> bound;
        if (const QString error = unpackLikeArgumentClinic(
                name(), positional, keywords,
                {QLatin1String("object"), QLatin1String("encoding"), QLatin1String("errors")}, 0, bound);
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        for (const std::size_t i : {1, 2}) {
            if (bound[i] && !bound[i]->isStr())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("str() argument '%1' must be str, not %2")
                                 .arg(QLatin1String(i == 1 ? "encoding" : "errors"), bound[i]->typeName()));
        }
        if (!bound[0])
            return push(Value(QString()));
        if (bound[1] || bound[2])
            return raise(
                QStringLiteral("TypeError"),
                bound[0]->isStr()
                    ? QStringLiteral("decoding str is not supported")
                    : QStringLiteral("decoding to str: need a bytes-like object, %1 found").arg(bound[0]->typeName()));
        // str() of what is no str takes CPython's recursion levels, as print() does (printRecursionError).
        if (const qint64 levels = frameLimitOf(task) - qint64(task.frames.size());
            !bound[0]->isStr() && levels < 1 + 64 && strLevels(*bound[0], levels + 1) > levels)
            return raise(QStringLiteral("RecursionError"),
                         levels < 1
                             ? QStringLiteral("maximum recursion depth exceeded while getting the str of an object")
                             : QStringLiteral("maximum recursion depth exceeded while getting the repr of an object"));
        if (QString text = bound[0]->str(); !takeNestingOverflow())
            return push(Value(text));
        return raiseReprTooDeep();
    }
    case Builtin::Repr:
        if (!noKeywords() || !arguments(1, 1))
            return false;
        if (QString text = positional[0].repr(); !takeNestingOverflow())
            return push(Value(text));
        return raiseReprTooDeep();
    case Builtin::Int: {
        if (const QString error = argumentsError(name(), positional.size(), 0, 2, keywords, {QLatin1String("base")});
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        std::optional<Value> base;
        if (positional.size() > 1)
            base = positional[1];
        else if (!keywords.empty())
            base = keywords[0].second;
        if (positional.empty()) {
            if (base)
                return raise(QStringLiteral("TypeError"), QStringLiteral("int() missing string argument"));
            return push(Value(std::int64_t(0)));
        }
        const Value &value = positional[0];
        int radix = 10;
        if (base) {
            // As CPython: the base is read and checked before the value it applies to.
            if (!base->isInt() && !base->isBool())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("'%1' object cannot be interpreted as an integer").arg(base->typeName()));
            if ((base->asInt() != 0 && base->asInt() < 2) || base->asInt() > 36)
                return raise(QStringLiteral("ValueError"), QStringLiteral("int() base must be >= 2 and <= 36, or 0"));
            if (!value.isStr())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("int() can't convert non-string with explicit base"));
            radix = int(base->asInt());
        }
        if (value.isInt() || value.isBool())
            return push(Value(value.asInt()));
        if (value.isFloat()) {
            const double x = std::trunc(value.asFloat());
            if (std::isnan(x))
                return raise(QStringLiteral("ValueError"), QStringLiteral("cannot convert float NaN to integer"));
            if (std::isinf(x))
                return raise(QStringLiteral("OverflowError"),
                             QStringLiteral("cannot convert float infinity to integer"));
            if (x < -9.2233720368547758e18 || x >= 9.2233720368547758e18)
                return raise(QStringLiteral("OverflowError"),
                             QStringLiteral("integer out of Kitchen Python's 64-bit range"));
            return push(Value(std::int64_t(x)));
        }
        if (value.isStr()) {
            chargeForText(value.asStr().size());
            std::int64_t n = 0;
            switch (PythonText::parseInt(value.asStr(), radix, &n)) {
            case PythonText::IntLiteral::Valid:
                return push(Value(n));
            case PythonText::IntLiteral::TooLarge:
                return raise(QStringLiteral("OverflowError"),
                             QStringLiteral("integer out of Kitchen Python's 64-bit range"));
            case PythonText::IntLiteral::Invalid:
                break;
            }
            // The base as it was given: int("08", 0) names base 0, not the 10 it chose.
            return raise(QStringLiteral("ValueError"),
                         QStringLiteral("invalid literal for int() with base %1: %2").arg(radix).arg(shortRepr(value)));
        }
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("int() argument must be a string, a bytes-like object or a real number, not '%1'")
                         .arg(value.typeName()));
    }
    case Builtin::Float: {
        if (!noKeywords() || !arguments(0, 1))
            return false;
        if (positional.empty())
            return push(Value(0.0));
        const Value &value = positional[0];
        if (value.isNumber())
            return push(Value(value.asFloat()));
        if (value.isStr()) {
            if (const std::optional<double> parsed = PythonText::parseFloat(value.asStr()))
                return push(Value(*parsed));
            return raise(QStringLiteral("ValueError"),
                         QStringLiteral("could not convert string to float: %1").arg(value.repr()));
        }
        return raise(
            QStringLiteral("TypeError"),
            QStringLiteral("float() argument must be a string or a real number, not '%1'").arg(value.typeName()));
    }
    case Builtin::Min:
    case Builtin::Max: {
        // CPython counts min() and max() as a level of depth, and their key calls and comparisons one deeper: a
        // key that calls max() again recurses through them.
        const int level = int(task.frames.size()) + 1;
        const int limit = frameLimitOf(task);
        if (level > limit)
            return raise(QStringLiteral("RecursionError"), callTooDeepMessage);
        if (positional.empty())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("%1 expected at least 1 argument, got 0").arg(name()));
        // Their keywords are parsed apart from the positional arguments, as the only arguments given.
        if (const QString error
            = argumentsError(name(), 0, 0, 2, keywords, {QLatin1String("key"), QLatin1String("default")});
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        Value key;
        std::optional<Value> fallback;
        for (const auto &[keyword, value] : keywords) {
            if (keyword == QLatin1String("key"))
                key = value;
            else
                fallback = value;
        }
        if (fallback && positional.size() > 1)
            return raise(
                QStringLiteral("TypeError"),
                QStringLiteral("Cannot specify a default for %1() with multiple positional arguments").arg(name()));
        std::vector<Value> candidates;
        if (positional.size() == 1) {
            std::optional<std::vector<Value>> values = items(positional[0]);
            if (!values)
                return false;
            candidates = std::move(*values);
            if (candidates.empty()) {
                if (fallback)
                    return push(*fallback);
                return raise(QStringLiteral("ValueError"), QStringLiteral("%1() arg is an empty sequence").arg(name()));
            }
        } else {
            candidates = positional;
        }
        // The first of the smallest or largest wins, as in CPython: max(2, 2.0) is 2. With a key, each candidate's
        // key is made just before it is compared, so a key that prints or fails does so at CPython's moment.
        std::size_t best = 0;
        Value bestKey;
        const CompareOperator better = builtin == Builtin::Min ? CompareOperator::Less : CompareOperator::Greater;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            Value candidateKey = candidates[i];
            if (!key.isNone()) {
                std::optional<Value> made = callToItsEnd(task, frame, level, key, candidates[i]);
                if (!made)
                    return false;
                candidateKey = std::move(*made);
            }
            if (i == 0) {
                bestKey = std::move(candidateKey);
                continue;
            }
            if (level + 1 > limit)
                return raise(QStringLiteral("RecursionError"),
                             QStringLiteral("maximum recursion depth exceeded in comparison"));
            std::optional<Value> wins = compare(better, candidateKey, bestKey);
            if (!wins)
                return false;
            if (wins->asBool()) {
                best = i;
                bestKey = std::move(candidateKey);
            }
        }
        return push(candidates[best]);
    }
    case Builtin::Abs: {
        if (!noKeywords() || !arguments(1, 1))
            return false;
        const Value &value = positional[0];
        if (value.isFloat())
            return push(Value(std::abs(value.asFloat())));
        if (value.isInt() || value.isBool()) {
            if (value.asInt() == std::numeric_limits<std::int64_t>::min())
                return raise(QStringLiteral("OverflowError"),
                             QStringLiteral("integer out of Kitchen Python's 64-bit range"));
            return push(Value(value.asInt() < 0 ? -value.asInt() : value.asInt()));
        }
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("bad operand type for abs(): '%1'").arg(value.typeName()));
    }
    case Builtin::Round: {
        std::vector<std::optional<Value>> bound;
        if (const QString error = unpackLikeArgumentClinic(
                name(), positional, keywords, {QLatin1String("number"), QLatin1String("ndigits")}, 1, bound);
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        const Value &value = *bound[0];
        const bool hasDigits = bound[1] && !bound[1]->isNone();
        if (hasDigits && !bound[1]->isInt() && !bound[1]->isBool())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("'%1' object cannot be interpreted as an integer").arg(bound[1]->typeName()));
        const int digits = hasDigits ? int(std::clamp<std::int64_t>(bound[1]->asInt(), -400, 400)) : 0;
        if (value.isFloat()) {
            if (!hasDigits) {
                const std::optional<std::int64_t> n = PythonText::roundToInteger(value.asFloat());
                if (!n)
                    return raise(std::isnan(value.asFloat()) ? QStringLiteral("ValueError")
                                                             : QStringLiteral("OverflowError"),
                                 std::isnan(value.asFloat()) ? QStringLiteral("cannot convert float NaN to integer")
                                                             : QStringLiteral("cannot convert float infinity to "
                                                                              "integer"));
                return push(Value(*n));
            }
            const double rounded = PythonText::roundFloat(value.asFloat(), digits);
            if (std::isinf(rounded) && std::isfinite(value.asFloat()))
                return raise(QStringLiteral("OverflowError"), QStringLiteral("rounded value too large to represent"));
            return push(Value(rounded));
        }
        if (value.isInt() || value.isBool())
            return push(Value(PythonText::roundInt(value.asInt(), digits)));
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("type %1 doesn't define __round__ method").arg(value.typeName()));
    }
    case Builtin::Sum: {
        if (const QString error = argumentsError(name(), positional.size(), 1, 2, keywords, {QLatin1String("start")});
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        std::optional<std::vector<Value>> values = items(positional[0]);
        if (!values)
            return false;
        Value total = positional.size() > 1 ? positional[1]
            : keywords.empty()              ? Value(std::int64_t(0))
                                            : keywords[0].second;
        if (total.isStr())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("sum() can't sum strings [use ''.join(seq) instead]"));
        // Ints add up in 128 bits, as CPython's sum() goes on past a C long with its unbounded ints: a partial sum
        // beyond 64 bits stops the recipe only if it is still there at the end (or meets a value it cannot add).
        WideInt wide = 0;
        bool adding = false;
        const auto settle = [&](const Value *next) {
            if (!adding)
                return true;
            adding = false;
            if (wide >= std::numeric_limits<std::int64_t>::min() && wide <= std::numeric_limits<std::int64_t>::max()) {
                total = Value(std::int64_t(wide));
                return true;
            }
            if (next && next->isFloat()) {
                total = Value(double(wide)); // as int + float: the int correctly rounded to a float first
                return true;
            }
            return raise(QStringLiteral("OverflowError"),
                         QStringLiteral("integer out of Kitchen Python's 64-bit range"));
        };
        for (const Value &value : *values) {
            if ((total.isInt() || total.isBool() || adding) && (value.isInt() || value.isBool())) {
                if (!adding)
                    wide = total.asInt();
                adding = true;
                wide += value.asInt();
                continue;
            }
            if (!settle(&value))
                return false;
            std::optional<Value> next = binary(BinaryOperator::Add, total, value);
            if (!next)
                return false;
            total = std::move(*next);
        }
        return settle(nullptr) && push(total);
    }
    case Builtin::AsyncioRun: {
        if (m_loopRunning)
            return raise(QStringLiteral("RuntimeError"),
                         QStringLiteral("asyncio.run() cannot be called from a running event loop"));
        if (positional.size() != 1 || !positional[0].get<Ref<Coroutine>>())
            return raise(QStringLiteral("ValueError"),
                         QStringLiteral("a coroutine was expected, got %1")
                             .arg(positional.empty() ? QStringLiteral("nothing") : positional[0].repr()));
        const Ref<Coroutine> &coroutine = *positional[0].get<Ref<Coroutine>>();
        if (coroutine->wasAwaited())
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"));
        m_loopRunning = true;
        m_stopping = false;
        m_mainTask = m_cakes > 1 ? gatheredCakes(coroutine) : createTask(coroutine, task.cake);
        // run_until_complete stops the loop from a done callback: the iteration after the task ends still runs.
        m_mainTask->addDoneCallback([this] { m_stopping = true; });
        m_suspendRequested = true;
        return true;
    }
    case Builtin::AsyncioSleep: {
        // asyncio.sleep(delay, result=None), a Python function: its arguments by position or by name. The common
        // call, sleep(x), skips the binding: every resumption of a cake pays for it.
        const auto sleepOf = [&](const Value &delay, const Value &result) {
            if (!delay.isNumber())
                return raise(
                    QStringLiteral("TypeError"),
                    QStringLiteral("'<=' not supported between instances of '%1' and 'int'").arg(delay.typeName()));
            return push(Value(Value::Data(Coroutine::sleep(delay.asFloat(), result))));
        };
        if (keywords.empty() && positional.size() == 1)
            return sleepOf(positional[0], Value());
        std::vector<std::optional<Value>> bound;
        if (const QString error = bindLikeAPythonFunction(
                name(), positional, keywords, {QLatin1String("delay"), QLatin1String("result")}, 1, {}, bound);
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        return sleepOf(*bound[0], bound[1].value_or(Value()));
    }
    case Builtin::AsyncioCreateTask: {
        if (!m_loopRunning)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"));
        if (positional.size() != 1 || !positional[0].get<Ref<Coroutine>>())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("a coroutine was expected, got %1")
                             .arg(positional.empty() ? QStringLiteral("nothing") : positional[0].repr()));
        const Ref<Coroutine> &coroutine = *positional[0].get<Ref<Coroutine>>();
        if (coroutine->wasAwaited())
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"));
        return push(Value(Value::Data(createTask(coroutine, task.cake))));
    }
    case Builtin::AsyncioGather: {
        bool returnExceptions = false;
        for (const auto &[key, value] : keywords) {
            if (key != QLatin1String("return_exceptions"))
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("gather() got an unexpected keyword argument '%1'").arg(key));
            returnExceptions = value.isTruthy();
        }
        if (!m_loopRunning)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"));
        if (positional.empty()) {
            auto outer = FuturePtr::make(&m_loop);
            outer->setResult(Value::list({}));
            return push(Value(Value::Data(outer)));
        }
        // Each coroutine becomes a task, in order; the same coroutine twice is one task. Looked up by address, so
        // gathering a hundred thousand cakes costs a hundred thousand lookups, not their square.
        std::vector<FuturePtr> children;
        children.reserve(positional.size());
        std::unordered_map<const Coroutine *, FuturePtr> taskOf;
        for (const Value &argument : positional) {
            if (const auto *future = argument.get<FuturePtr>()) {
                children.push_back(*future);
            } else if (const auto *coroutine = argument.get<Ref<Coroutine>>()) {
                FuturePtr &child = taskOf[coroutine->get()];
                if (!child) {
                    if ((*coroutine)->wasAwaited())
                        return raise(QStringLiteral("RuntimeError"),
                                     QStringLiteral("cannot reuse already awaited coroutine"));
                    child = createTask(*coroutine, task.cake);
                }
                children.push_back(child);
            } else {
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("An asyncio.Future, a coroutine or an awaitable is required"));
            }
        }
        return push(Value(Value::Data(Gathering::over(std::move(children), returnExceptions, m_loop))));
    }
    case Builtin::TimeSleep: {
        if (!noKeywords() || !arguments(1, 1))
            return false;
        if (!positional[0].isNumber())
            return raise(
                QStringLiteral("TypeError"),
                QStringLiteral("'%1' object cannot be interpreted as an integer").arg(positional[0].typeName()));
        if (std::isnan(positional[0].asFloat()))
            return raise(QStringLiteral("ValueError"), QStringLiteral("Invalid value NaN (not a number)"));
        if (positional[0].asFloat() < 0)
            return raise(QStringLiteral("ValueError"), QStringLiteral("sleep length must be non-negative"));
        if (m_observer)
            m_observer->blockingSleep(qint64(positional[0].asFloat() * nsPerSecond), task.number(), task.cake,
                                      frame.code->name);
        m_hooks.blockFor(qint64(positional[0].asFloat() * nsPerSecond));
        askTheDriverNext();
        return push(Value());
    }
    case Builtin::TimePerfCounter:
    case Builtin::TimeMonotonic:
        if (!noKeywords() || !arguments(0, 0))
            return false;
        return push(Value(double(m_hooks.nowNs() - m_startNs) / nsPerSecond));
    }
    return raise(QStringLiteral("TypeError"), QStringLiteral("'%1' is not callable here").arg(name()));
}

std::optional<Value> Interpreter::callToItsEnd(Future &task, Frame &frame, int level, const Value &callee,
                                               Value argument)
{
    const int limit = frameLimitOf(task);
    std::vector<Value> positional{std::move(argument)};
    std::vector<std::pair<QString, Value>> keywords;
    // The C++ calls beneath this one cannot stop halfway and resume on a later turn of the loop or of the lock.
    const auto cannotWait = [this]() -> std::optional<Value> {
        m_interrupted = RecipeError{QStringLiteral("RuntimeError"),
                                    QStringLiteral("Kitchen Python cannot wait inside a key function"), 0, QString()};
        m_raised = m_interrupted;
        return std::nullopt;
    };
    const auto *function = callee.get<Ref<FunctionObject>>();
    if (!function) {
        const Builtin *builtin = callee.get<Builtin>();
        const auto *method = callee.get<Ref<BoundMethod>>();
        if (!builtin && !method) {
            raise(QStringLiteral("TypeError"), QStringLiteral("'%1' object is not callable").arg(callee.typeName()));
            return std::nullopt;
        }
        // CPython counts the call of a builtin from C code as a level too.
        if (level + 1 > limit) {
            raise(QStringLiteral("RecursionError"), callTooDeepMessage);
            return std::nullopt;
        }
        if (builtin ? !callBuiltin(task, frame, *builtin, positional, keywords)
                    : !callMethod(frame, **method, positional, keywords))
            return std::nullopt;
        if (m_suspendRequested) {
            m_suspendRequested = false;
            return cannotWait();
        }
        // A builtin leaves its result on the caller's stack, as the Call instruction expects it.
        Value result = std::move(frame.values.back());
        frame.values.pop_back();
        return result;
    }
    RecipeError error;
    std::unique_ptr<Frame> called = frameFor(*function, positional, std::move(keywords), &error);
    if (!called) {
        m_raised = error;
        return std::nullopt;
    }
    if ((*function)->code->isAsync && m_kitchen == Kitchen::Async)
        return Value(Value::Data(Ref<Coroutine>::make(std::move(called))));
    if (level + 1 > limit) {
        raise(QStringLiteral("RecursionError"), QStringLiteral("maximum recursion depth exceeded"));
        return std::nullopt;
    }
    // The call runs in a future of its own that stands for the calling task (its number, its cake), allowed the
    // frames the task has left, as runCakesOneAfterAnother() runs a cake.
    Future calling(&m_loop);
    calling.retain(); // on the stack: no Ref may free it
    calling.makeTask(std::move(called), task.number());
    calling.cake = task.cake;
    const Future *outerCall = m_calledToItsEnd;
    const int outerFrameLimit = m_calledToItsEndFrameLimit;
    m_calledToItsEnd = &calling;
    m_calledToItsEndFrameLimit = limit - level;
    const Outcome outcome = run(calling);
    m_calledToItsEnd = outerCall;
    m_calledToItsEndFrameLimit = outerFrameLimit;
    switch (outcome) {
    case Outcome::Returned: {
        Value result = std::move(m_returned);
        m_returned = Value();
        return result;
    }
    case Outcome::Raised:
        return std::nullopt;
    case Outcome::Suspended:
        break;
    }
    return cannotWait();
}

bool Interpreter::callMethod(Frame &frame, const BoundMethod &method, std::vector<Value> &positional,
                             std::vector<std::pair<QString, Value>> &keywords)
{
    const auto push = [&frame](Value value) {
        frame.values.push_back(std::move(value));
        return true;
    };
    // A method of C takes no keywords (checked first), then its count of arguments.
    const auto noKeywords = [&](const char *name) {
        if (keywords.empty())
            return true;
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("%1() takes no keyword arguments").arg(QLatin1String(name)));
    };
    const auto noArguments = [&](const char *name) {
        if (!noKeywords(name))
            return false;
        if (positional.empty())
            return true;
        return raise(
            QStringLiteral("TypeError"),
            QStringLiteral("%1() takes no arguments (%2 given)").arg(QLatin1String(name)).arg(positional.size()));
    };
    // The threaded twin's Task.done() and Task.result() are Python methods, with a Python method's messages.
    const auto taskMethodArguments = [&](const char *name) {
        if (m_kitchen != Kitchen::ThreadedTwin)
            return noArguments(name);
        if (!keywords.empty())
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("%1() got an unexpected keyword argument '%2'")
                             .arg(QLatin1String(name), keywords[0].first));
        if (positional.empty())
            return true;
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("%1() takes 1 positional argument but %2 were given")
                         .arg(QLatin1String(name))
                         .arg(positional.size() + 1));
    };
    switch (method.method) {
    case Method::OfResource: {
        const Ref<Resource> &resource = *method.self.get<Ref<Resource>>();
        // A queue's item counts against the memory budget as a list's does.
        if ((method.resourceMethod == ResourceMethod::PutNowait || method.resourceMethod == ResourceMethod::Put)
            && !take(1))
            return false;
        const ResourceStep step = ResourceCalls::call(resource, method.resourceMethod, positional, keywords);
        if (step.kind == ResourceStep::Kind::Done && !Resource::isCoroutine(method.resourceMethod))
            tellResourceUsed(*resource, method.resourceMethod);
        const bool ok = takeResourceStep(frame, step);
        // release(), set() or put_nowait() may have woken a thread blocked in the resource.
        if (m_kitchen == Kitchen::ThreadedTwin)
            wakeThreadsIn(*resource);
        return ok;
    }
    case Method::StrUpper:
        return noArguments("str.upper") && push(Value(method.self.asStr().toUpper()));
    case Method::StrLower:
        return noArguments("str.lower") && push(Value(PythonText::lower(method.self.asStr())));
    case Method::StrJoin: {
        if (!noKeywords("str.join"))
            return false;
        if (positional.size() != 1)
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("str.join() takes exactly one argument (%1 given)").arg(positional.size()));
        if (!positional[0].isList() && !positional[0].isStr() && !positional[0].get<RangeValue>())
            return raise(QStringLiteral("TypeError"), QStringLiteral("can only join an iterable"));
        std::optional<std::vector<Value>> values = items(positional[0]);
        if (!values)
            return false;
        QStringList parts;
        qsizetype total = 0;
        for (std::size_t i = 0; i < values->size(); ++i) {
            if (!(*values)[i].isStr())
                return raise(QStringLiteral("TypeError"),
                             QStringLiteral("sequence item %1: expected str instance, %2 found")
                                 .arg(i)
                                 .arg((*values)[i].typeName()));
            parts << (*values)[i].asStr();
            total += (*values)[i].asStr().size() + method.self.asStr().size();
            if (total > maxStringLength)
                return raise(QStringLiteral("MemoryError"), memoryMessage);
        }
        return push(Value(parts.join(method.self.asStr())));
    }
    case Method::StrFormat: {
        std::optional<QString> text = strFormat(method.self.asStr(), positional, keywords);
        return text && push(Value(*text));
    }
    case Method::ListAppend:
        if (!noKeywords("list.append"))
            return false;
        if (positional.size() != 1)
            return raise(QStringLiteral("TypeError"),
                         QStringLiteral("list.append() takes exactly one argument (%1 given)").arg(positional.size()));
        if (method.self.asList()->items.size() >= maxListItems)
            return raise(QStringLiteral("MemoryError"), memoryMessage);
        if (!take(1))
            return false;
        method.self.asList()->items.push_back(positional[0]);
        return push(Value());
    case Method::TaskDone: {
        const FuturePtr &task = *method.self.get<FuturePtr>();
        return taskMethodArguments("Task.done") && push(Value(task->isDone()));
    }
    case Method::TaskCancel: {
        // Task.cancel(msg=None), which a gather's future takes too.
        const FuturePtr &task = *method.self.get<FuturePtr>();
        if (m_kitchen == Kitchen::ThreadedTwin && !taskMethodArguments("Task.cancel"))
            return false;
        std::vector<std::optional<Value>> bound;
        if (const QString error = unpackLikeArgumentClinic(QStringLiteral("cancel"), positional, keywords,
                                                           {QLatin1String("msg")}, 0, bound);
            !error.isNull())
            return raise(QStringLiteral("TypeError"), error);
        const Value message = bound[0].value_or(Value());
        if (!message.isNone() && !message.isStr())
            return raise(
                QStringLiteral("TypeError"),
                QStringLiteral("Kitchen Python's cancel() takes a str message, not '%1'").arg(message.typeName()));
        // Called from the recipe, the chain's first cancel() is a call from the running task's frames.
        const Future &caller = m_runningTask ? *m_runningTask : m_module;
        const std::optional<bool> took = cancelDownTheChain(*task, message.isStr() ? message.asStr() : QString(),
                                                            int(caller.frames.size()), frameLimitOf(caller));
        if (!took)
            return raise(QStringLiteral("RecursionError"), callTooDeepMessage);
        return push(Value(*took));
    }
    case Method::TaskUncancel: {
        const FuturePtr &task = *method.self.get<FuturePtr>();
        return noArguments("Task.uncancel") && push(Value(std::int64_t(task->uncancel())));
    }
    case Method::TaskCancelling: {
        const FuturePtr &task = *method.self.get<FuturePtr>();
        return noArguments("Task.cancelling") && push(Value(std::int64_t(task->cancelsRequested())));
    }
    case Method::TaskCancelled: {
        const FuturePtr &task = *method.self.get<FuturePtr>();
        return taskMethodArguments("Task.cancelled") && push(Value(task->isCancelled()));
    }
    case Method::TaskResult: {
        const FuturePtr &task = *method.self.get<FuturePtr>();
        if (!taskMethodArguments("Task.result"))
            return false;
        if (!task->isDone() && m_kitchen == Kitchen::ThreadedTwin)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("the task's thread is still running"));
        if (!task->isDone())
            return raise(QStringLiteral("asyncio.exceptions.InvalidStateError"), QStringLiteral("Result is not set."));
        if (task->error()) {
            // Raised again with the line it was raised at: CPython's traceback ends there, in the task's frame.
            m_raised = *task->error();
            return false;
        }
        return push(task->result());
    }
    }
    return false;
}

bool Interpreter::await(Future &task, Frame &frame, const Value &awaitable, bool finishedCall)
{
    if (m_kitchen != Kitchen::Async) {
        if (const auto *pointer = awaitable.get<Ref<Coroutine>>(); pointer && (*pointer)->resource())
            return awaitResourceInTwin(task, frame, *pointer);
    }
    if (m_kitchen == Kitchen::ThreadedTwin && !finishedCall) {
        // `await x` is wait(x) in the twin: a thread is joined for its result; anything else ran already.
        m_raised.reset();
        return waitInThread(frame, {awaitable}, false);
    }
    if (m_kitchen != Kitchen::Async) {
        // `await x` is `x` in the twin: what was awaited has run to its end already and is its own result.
        frame.values.push_back(awaitable);
        return true;
    }
    if (const auto *pointer = awaitable.get<Ref<Coroutine>>()) {
        const Ref<Coroutine> &coroutine = *pointer;
        if (coroutine->wasAwaited())
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"));
        coroutine->markAwaited();
        if (const Ref<Resource> &resource = coroutine->resource()) {
            if (!m_loopRunning || &task == &m_module)
                return raise(QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"));
            // wait_for(aw, None) is `await aw`, in this task.
            if (const auto *waitFor = dynamic_cast<const AsyncioWaitFor *>(resource.get());
                waitFor && !waitFor->hasTimeout())
                return await(task, frame, waitFor->awaitable(), finishedCall);
            const ResourceStep step
                = resource->begin(coroutine->resourceMethod(), coroutine->resourceArgument(), m_loop);
            if (step.kind == ResourceStep::Kind::Park) {
                parkOnResource(task, coroutine, step.waitOn);
                return false;
            }
            if (step.kind == ResourceStep::Kind::Done)
                tellResourceUsed(*resource, coroutine->resourceMethod());
            return takeResourceStep(frame, step);
        }
        if (!coroutine->isSleep()) {
            // Awaiting a coroutine runs it right here, in this task, as a call would: no loop turn in between.
            if (int(task.frames.size()) >= frameLimitOf(task))
                return raise(QStringLiteral("RecursionError"), QStringLiteral("maximum recursion depth exceeded"));
            task.frames.push_back(coroutine->takeFrame());
            return true;
        }
        // Only a task on the loop can wait; the module's own code is no task.
        if (!m_loopRunning || &task == &m_module)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"));
        sleep(task, frame, coroutine->sleepSeconds(), coroutine->sleepResult());
        return false;
    }
    if (const auto *pointer = awaitable.get<FuturePtr>()) {
        const FuturePtr &future = *pointer;
        if (future.get() == &task)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("Task cannot await on itself"));
        if (future->isDone()) {
            if (future->error()) {
                // Raised again with the line it was raised at, as a task woken by the error raises it.
                m_raised = *future->error();
                return false;
            }
            task.frames.back()->values.push_back(future->result());
            return true;
        }
        // Only a task on the loop can wait; the module's own code is no task.
        if (&task == &m_module)
            return raise(QStringLiteral("RuntimeError"), QStringLiteral("no running event loop"));
        // The awaited future stays on the stack while the task waits: task.cancel() finds there what to cancel.
        task.frames.back()->values.push_back(awaitable);
        task.awaitsFuture = true;
        future->addDoneCallback([this, self = FuturePtr(&task), future] {
            if (self->isDone())
                return;
            self->awaitsFuture = false;
            self->frames.back()->values.pop_back();
            if (future->error())
                self->setResumeError(*future->error());
            else
                resumeWith(*self, future->result());
            stepTask(self);
        });
        return false;
    }
    return raise(QStringLiteral("TypeError"),
                 QStringLiteral("object %1 can't be used in 'await' expression").arg(awaitable.typeName()));
}

void Interpreter::sleep(Future &task, Frame &frame, double delaySeconds, const Value &result)
{
    // A NaN delay is not <= 0, and its timer, compared false with every time, is due at once: a timer still,
    // not sleep(0)'s yield. A delay past the longest is cut to it, so that its end stays inside 64 bits.
    const bool dueAtOnce = std::isnan(delaySeconds);
    const double seconds = dueAtOnce ? 0.0 : std::min(delaySeconds, longestSleepSeconds);
    if (seconds <= 0 && !dueAtOnce) {
        // asyncio.sleep(0) yields once: the task steps again on the next iteration, behind what is ready.
        resumeWith(task, result);
        m_loop.post([this, self = FuturePtr(&task)] { stepTask(self); });
        if (m_pendingTasks)
            m_pendingTasks->stepQueued(task.number(), task.cake, m_hooks.nowNs());
        return;
    }
    // As asyncio.sleep: a timer from now sets the result of a future the task waits on, and the task hears
    // of it through the ready queue, on the iteration after. Nothing else can see that future, so the timer
    // does its part itself: it puts the task's next step in the ready queue, where the future's callback
    // would have gone.
    if (m_observer)
        m_observedWakeNs = m_hooks.nowNs() + qint64(seconds * nsPerSecond);
    task.sleeping = true;
    // What the sleep gives goes on the stack now, so that the timer needs to hold nothing of it.
    frame.values.push_back(result);
    const qint64 wakeNs = m_hooks.nowNs() + qint64(seconds * nsPerSecond);
    m_loop.wakeAt(wakeNs, task);
    if (m_pendingTasks)
        m_pendingTasks->sleeping(task.number(), task.cake, wakeNs);
}

bool Interpreter::sleepsAtOnce(Future &task, Frame &frame, const Instruction &call)
{
    // Every resumption of a cake is `await asyncio.sleep(STEP)`: made as a call and an await, it allocated a
    // coroutine that only the next instruction ever saw. The general path keeps every other case (keywords, a
    // result, a delay that is no number and must raise, a sleep awaited later or in a twin).
    if (call.op != Opcode::Call || call.a != 1 || call.b >= 0 || m_kitchen != Kitchen::Async || !m_loopRunning
        || &task == &m_module)
        return false;
    const Instruction &next = frame.code->code[std::size_t(frame.pc)];
    if (next.op != Opcode::Await)
        return false;
    const std::size_t size = frame.values.size();
    const Builtin *callee = frame.values[size - 2].get<Builtin>();
    const Value &delay = frame.values[size - 1];
    if (!callee || *callee != Builtin::AsyncioSleep || !delay.isNumber())
        return false;
    const double seconds = delay.asFloat();
    frame.values.resize(size - 2);
    ++frame.pc;
    sleep(task, frame, seconds, Value());
    return true;
}

std::optional<std::vector<Value>> Interpreter::items(const Value &iterable)
{
    if (iterable.isList())
        return iterable.asList()->items;
    if (iterable.isStr()) {
        std::vector<Value> characters;
        const QString &text = iterable.asStr();
        for (qsizetype i = 0; i < text.size(); ++i) {
            const bool pair = text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
            characters.push_back(Value(text.mid(i, pair ? 2 : 1)));
            if (pair)
                ++i;
        }
        return characters;
    }
    if (const RangeValue *range = iterable.get<RangeValue>()) {
        // sum(range(2**63 - 1)) would take CPython ages; made into a list first here, it is refused at once.
        if (range->length() > std::int64_t(maxListItems)) {
            raise(QStringLiteral("MemoryError"), memoryMessage);
            return std::nullopt;
        }
        if (!take(range->length()))
            return std::nullopt;
        std::vector<Value> numbers;
        for (std::int64_t i = 0; i < range->length(); ++i)
            numbers.push_back(Value(range->at(i)));
        return numbers;
    }
    raise(QStringLiteral("TypeError"), QStringLiteral("'%1' object is not iterable").arg(iterable.typeName()));
    return std::nullopt;
}

std::optional<Value> Interpreter::inPlace(BinaryOperator op, const Value &left, const Value &right)
{
    // Only a list changes in place: list.__iadd__ takes any iterable (a str's characters, a range's numbers), and
    // list.__imul__ repeats the list itself. Everything else is `x = x op v`.
    const bool extends = op == BinaryOperator::Add && left.isList();
    const bool repeats = op == BinaryOperator::Multiply && left.isList() && (right.isInt() || right.isBool());
    if (!extends && !repeats)
        return binary(op, left, right);
    std::vector<Value> &items = left.asList()->items;
    const auto tooMuch = [this] {
        raise(QStringLiteral("MemoryError"), memoryMessage);
        return std::nullopt;
    };
    if (repeats) {
        const std::int64_t times = std::max<std::int64_t>(0, right.asInt());
        if (times == 0 || items.empty()) {
            items.clear();
            return left;
        }
        if (times > std::int64_t(maxListItems) / std::int64_t(items.size()))
            return tooMuch();
        if (!take(std::int64_t(items.size()) * (times - 1)))
            return std::nullopt;
        const std::vector<Value> once = items;
        for (std::int64_t i = 1; i < times; ++i)
            items.insert(items.end(), once.begin(), once.end());
        return left;
    }
    std::int64_t more = 0;
    if (const RangeValue *range = right.get<RangeValue>()) {
        more = range->length();
    } else if (right.isList()) {
        more = std::int64_t(right.asList()->items.size());
    } else if (right.isStr()) {
        more = right.asStr().size();
    } else {
        raise(QStringLiteral("TypeError"), QStringLiteral("'%1' object is not iterable").arg(right.typeName()));
        return std::nullopt;
    }
    // Compared without a sum: a range of 2**63 - 1 added to a list's length wrapped round to a small number.
    if (more > std::int64_t(maxListItems) - std::int64_t(items.size()))
        return tooMuch();
    if (!take(more))
        return std::nullopt;
    // Read first: `xs += xs` adds the items it had.
    std::optional<std::vector<Value>> added = this->items(right);
    if (!added)
        return std::nullopt;
    items.insert(items.end(), std::make_move_iterator(added->begin()), std::make_move_iterator(added->end()));
    return left;
}

std::optional<Value> Interpreter::binary(BinaryOperator op, const Value &left, const Value &right)
{
    const auto overflow = [this] {
        raise(QStringLiteral("OverflowError"), QStringLiteral("integer out of Kitchen Python's 64-bit range"));
        return std::nullopt;
    };
    const auto unsupported = [&]() -> std::optional<Value> {
        if (op == BinaryOperator::Add && left.isStr())
            raise(QStringLiteral("TypeError"),
                  QStringLiteral("can only concatenate str (not \"%1\") to str").arg(right.typeName()));
        else if (op == BinaryOperator::Add && left.isList())
            raise(QStringLiteral("TypeError"),
                  QStringLiteral("can only concatenate list (not \"%1\") to list").arg(right.typeName()));
        else
            raise(QStringLiteral("TypeError"),
                  QStringLiteral("unsupported operand type(s) for %1: '%2' and '%3'")
                      .arg(operatorSymbol(op), left.typeName(), right.typeName()));
        return std::nullopt;
    };
    if (left.isNumber() && right.isNumber()) {
        const bool floats = left.isFloat() || right.isFloat();
        if (!floats) {
            const std::int64_t a = left.asInt();
            const std::int64_t b = right.asInt();
            std::int64_t r = 0;
            switch (op) {
            case BinaryOperator::Add:
                if (__builtin_add_overflow(a, b, &r))
                    return overflow();
                return Value(r);
            case BinaryOperator::Subtract:
                if (__builtin_sub_overflow(a, b, &r))
                    return overflow();
                return Value(r);
            case BinaryOperator::Multiply:
                if (__builtin_mul_overflow(a, b, &r))
                    return overflow();
                return Value(r);
            case BinaryOperator::Divide:
                if (b == 0) {
                    raise(QStringLiteral("ZeroDivisionError"), QStringLiteral("division by zero"));
                    return std::nullopt;
                }
                return Value(double(a) / double(b));
            case BinaryOperator::FloorDivide:
            case BinaryOperator::Modulo: {
                if (b == 0) {
                    raise(QStringLiteral("ZeroDivisionError"),
                          op == BinaryOperator::FloorDivide ? QStringLiteral("integer division or modulo by zero")
                                                            : QStringLiteral("integer modulo by zero"));
                    return std::nullopt;
                }
                if (a == std::numeric_limits<std::int64_t>::min() && b == -1)
                    return op == BinaryOperator::Modulo ? std::optional<Value>(Value(std::int64_t(0))) : overflow();
                std::int64_t quotient = a / b;
                std::int64_t remainder = a % b;
                // Python rounds the quotient down and gives the remainder the divisor's sign.
                if (remainder != 0 && ((remainder < 0) != (b < 0))) {
                    --quotient;
                    remainder += b;
                }
                return Value(op == BinaryOperator::FloorDivide ? quotient : remainder);
            }
            case BinaryOperator::Power: {
                if (b < 0) {
                    if (a == 0) {
                        raise(QStringLiteral("ZeroDivisionError"),
                              QStringLiteral("0.0 cannot be raised to a negative power"));
                        return std::nullopt;
                    }
                    return Value(std::pow(double(a), double(b)));
                }
                std::int64_t result = 1;
                std::int64_t base = a;
                std::int64_t exponent = b;
                while (exponent > 0) {
                    if ((exponent & 1) && __builtin_mul_overflow(result, base, &result))
                        return overflow();
                    exponent >>= 1;
                    if (exponent > 0 && __builtin_mul_overflow(base, base, &base))
                        return overflow();
                }
                return Value(result);
            }
            }
        }
        const double a = left.asFloat();
        const double b = right.asFloat();
        switch (op) {
        case BinaryOperator::Add:
            return Value(a + b);
        case BinaryOperator::Subtract:
            return Value(a - b);
        case BinaryOperator::Multiply:
            return Value(a * b);
        case BinaryOperator::Divide:
            if (b == 0) {
                raise(QStringLiteral("ZeroDivisionError"), QStringLiteral("float division by zero"));
                return std::nullopt;
            }
            return Value(a / b);
        case BinaryOperator::FloorDivide:
        case BinaryOperator::Modulo: {
            if (b == 0) {
                raise(QStringLiteral("ZeroDivisionError"),
                      op == BinaryOperator::FloorDivide ? QStringLiteral("float floor division by zero")
                                                        : QStringLiteral("float modulo"));
                return std::nullopt;
            }
            // As CPython's float_divmod: the remainder takes the divisor's sign, the quotient is floored.
            double mod = std::fmod(a, b);
            double div = (a - mod) / b;
            if (mod != 0) {
                if ((b < 0) != (mod < 0)) {
                    mod += b;
                    div -= 1.0;
                }
            } else {
                mod = std::copysign(0.0, b);
            }
            double floordiv = 0;
            if (div != 0) {
                floordiv = std::floor(div);
                if (div - floordiv > 0.5)
                    floordiv += 1.0;
            } else {
                floordiv = std::copysign(0.0, a / b);
            }
            return Value(op == BinaryOperator::FloorDivide ? floordiv : mod);
        }
        case BinaryOperator::Power:
            if (a == 0 && b < 0) {
                raise(QStringLiteral("ZeroDivisionError"), QStringLiteral("0.0 cannot be raised to a negative power"));
                return std::nullopt;
            }
            if (a < 0 && b != std::floor(b)) {
                raise(QStringLiteral("ValueError"),
                      QStringLiteral("a negative number to a fractional power has no real result in Kitchen Python"));
                return std::nullopt;
            }
            if (const double power = std::pow(a, b); std::isinf(power) && std::isfinite(a) && std::isfinite(b)) {
                raise(QStringLiteral("OverflowError"), QStringLiteral("(34, 'Numerical result out of range')"));
                m_raised->argumentsRepr = QStringLiteral("34, 'Numerical result out of range'"); // errno's two
                return std::nullopt;
            } else {
                return Value(power);
            }
        }
    }
    if (op == BinaryOperator::Add) {
        if ((left.isStr() && right.isStr() && left.asStr().size() + right.asStr().size() > maxStringLength)
            || (left.isList() && right.isList()
                && left.asList()->items.size() + right.asList()->items.size() > maxListItems)) {
            raise(QStringLiteral("MemoryError"), memoryMessage);
            return std::nullopt;
        }
        if (left.isStr() && right.isStr()) {
            if (!take(0, left.asStr().size() + right.asStr().size()))
                return std::nullopt;
            return Value(left.asStr() + right.asStr());
        }
        if (left.isList() && right.isList()
            && !take(qint64(left.asList()->items.size() + right.asList()->items.size())))
            return std::nullopt;
        if (left.isList() && right.isList()) {
            std::vector<Value> joined = left.asList()->items;
            joined.insert(joined.end(), right.asList()->items.begin(), right.asList()->items.end());
            return Value::list(std::move(joined));
        }
    }
    if (op == BinaryOperator::Multiply) {
        const Value &sequence = left.isStr() || left.isList() ? left : right;
        const Value &count = &sequence == &left ? right : left;
        if ((sequence.isStr() || sequence.isList()) && (count.isInt() || count.isBool())) {
            const std::int64_t times = std::max<std::int64_t>(0, count.asInt());
            const std::int64_t length
                = sequence.isStr() ? sequence.asStr().size() : std::int64_t(sequence.asList()->items.size());
            const std::int64_t maxItems = sequence.isStr() ? maxStringLength : std::int64_t(maxListItems);
            // Nothing repeated any number of times is nothing, at once: [] * 9223372036854775807 looped for ever.
            if (length == 0 || times == 0)
                return sequence.isStr() ? Value(QString()) : Value::list({});
            if (times > maxItems / length) {
                raise(QStringLiteral("MemoryError"), memoryMessage);
                return std::nullopt;
            }
            if (!(sequence.isStr() ? take(0, length * times) : take(length * times)))
                return std::nullopt;
            if (sequence.isStr())
                return Value(sequence.asStr().repeated(times));
            std::vector<Value> repeated;
            for (std::int64_t i = 0; i < times; ++i)
                repeated.insert(repeated.end(), sequence.asList()->items.begin(), sequence.asList()->items.end());
            return Value::list(std::move(repeated));
        }
    }
    if (op == BinaryOperator::Multiply && (left.isStr() || left.isList() || right.isStr() || right.isList())) {
        const Value &other = left.isStr() || left.isList() ? right : left;
        raise(QStringLiteral("TypeError"),
              QStringLiteral("can't multiply sequence by non-int of type '%1'").arg(other.typeName()));
        return std::nullopt;
    }
    return unsupported();
}

std::optional<Value> Interpreter::compare(CompareOperator op, const Value &left, const Value &right)
{
    switch (op) {
    case CompareOperator::Equal:
        return Value(left.equals(right));
    case CompareOperator::NotEqual:
        return Value(!left.equals(right));
    case CompareOperator::Is:
        return Value(left.isSameObject(right));
    case CompareOperator::IsNot:
        return Value(!left.isSameObject(right));
    case CompareOperator::In:
    case CompareOperator::NotIn: {
        bool found = false;
        if (right.isStr()) {
            if (!left.isStr()) {
                raise(QStringLiteral("TypeError"),
                      QStringLiteral("'in <string>' requires string as left operand, not %1").arg(left.typeName()));
                return std::nullopt;
            }
            found = right.asStr().contains(left.asStr());
        } else if (const RangeValue *range = right.get<RangeValue>()) {
            if (left.isInt() || left.isBool()) {
                const std::int64_t n = left.asInt();
                const std::int64_t offset = n - range->start;
                found = range->step > 0 ? n >= range->start && n < range->stop && offset % range->step == 0
                                        : n <= range->start && n > range->stop && offset % range->step == 0;
            }
        } else if (right.isList()) {
            for (const Value &item : right.asList()->items) {
                if (item.isSameObject(left) || item.equals(left)) {
                    found = true;
                    break;
                }
            }
        } else {
            raise(QStringLiteral("TypeError"),
                  QStringLiteral("argument of type '%1' is not iterable").arg(right.typeName()));
            return std::nullopt;
        }
        return Value(op == CompareOperator::In ? found : !found);
    }
    default:
        break;
    }
    int order = 0;
    if (left.isNumber() && right.isNumber()) {
        const std::optional<int> numeric = Value::numericOrder(left, right);
        if (!numeric)
            return Value(false); // a nan orders with nothing
        order = *numeric;
    } else if (left.isStr() && right.isStr()) {
        order = PythonText::compare(left.asStr(), right.asStr());
    } else if (left.isList() && right.isList()) {
        const std::vector<Value> &a = left.asList()->items;
        const std::vector<Value> &b = right.asList()->items;
        std::size_t i = 0;
        while (i < a.size() && i < b.size() && a[i].equals(b[i]))
            ++i;
        if (i < a.size() && i < b.size())
            return compare(op, a[i], b[i]);
        order = a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    } else {
        raise(QStringLiteral("TypeError"),
              QStringLiteral("'%1' not supported between instances of '%2' and '%3'")
                  .arg(compareSymbol(op), left.typeName(), right.typeName()));
        return std::nullopt;
    }
    switch (op) {
    case CompareOperator::Less:
        return Value(order < 0);
    case CompareOperator::LessEqual:
        return Value(order <= 0);
    case CompareOperator::Greater:
        return Value(order > 0);
    case CompareOperator::GreaterEqual:
        return Value(order >= 0);
    default:
        return Value(false);
    }
}

std::optional<Value> Interpreter::subscript(const Value &container, const Value &index)
{
    if (container.isStr())
        chargeForText(container.asStr().size());
    const bool isIndex = index.isInt() || index.isBool();
    if (container.isList() || container.isStr() || container.get<RangeValue>()) {
        const char *kind = container.isList() ? "list" : container.isStr() ? "string" : "range object";
        if (!isIndex) {
            // CPython words the two differently: a str's message quotes the type and offers no slices.
            if (container.isStr())
                raise(QStringLiteral("TypeError"),
                      QStringLiteral("string indices must be integers, not '%1'").arg(index.typeName()));
            else
                raise(
                    QStringLiteral("TypeError"),
                    QStringLiteral("%1 indices must be integers or slices, not %2")
                        .arg(container.isList() ? QStringLiteral("list") : QStringLiteral("range"), index.typeName()));
            return std::nullopt;
        }
        const std::int64_t length = container.isList() ? std::int64_t(container.asList()->items.size())
            : container.isStr()                        ? PythonText::length(container.asStr())
                                                       : container.get<RangeValue>()->length();
        std::int64_t i = index.asInt();
        if (i < 0)
            i += length;
        if (i < 0 || i >= length) {
            raise(QStringLiteral("IndexError"), QStringLiteral("%1 index out of range").arg(QLatin1String(kind)));
            return std::nullopt;
        }
        if (container.isList())
            return container.asList()->items[std::size_t(i)];
        if (container.isStr())
            return Value(PythonText::characterAt(container.asStr(), i));
        return Value(container.get<RangeValue>()->at(i));
    }
    raise(QStringLiteral("TypeError"), QStringLiteral("'%1' object is not subscriptable").arg(container.typeName()));
    return std::nullopt;
}

std::optional<QString> Interpreter::format(const Value &value, const QString &spec)
{
    if (spec.isEmpty()) {
        QString text = value.str();
        if (takeNestingOverflow()) {
            raiseReprTooDeep();
            return std::nullopt;
        }
        return text;
    }
    QString error;
    std::optional<QString> text;
    if (value.isBool() || value.isInt())
        text = PythonText::formatInt(value.asInt(), spec, &error, value.isBool() ? "bool" : "int");
    else if (value.isFloat())
        text = PythonText::formatFloat(value.asFloat(), spec, &error);
    else if (value.isStr())
        text = PythonText::formatString(value.asStr(), spec, &error);
    else
        error = QStringLiteral("unsupported format string passed to %1.__format__").arg(value.typeName());
    if (!text) {
        const QString type = error == QLatin1String(PythonText::characterOutOfRange) ? QStringLiteral("OverflowError")
            : value.isNumber() || value.isStr()                                      ? QStringLiteral("ValueError")
                                                                                     : QStringLiteral("TypeError");
        raise(type, error);
    }
    return text;
}

std::optional<QString> Interpreter::strFormat(const QString &pattern, const std::vector<Value> &positional,
                                              const std::vector<std::pair<QString, Value>> &keywords)
{
    FieldNumbering numbering;
    return strFormat(pattern, positional, keywords, numbering, 0);
}

std::optional<QString> Interpreter::strFormat(const QString &pattern, const std::vector<Value> &positional,
                                              const std::vector<std::pair<QString, Value>> &keywords,
                                              FieldNumbering &numbering, int depth)
{
    // CPython's MarkupIterator and its messages: a field runs to its matching '}', '[' keys may hold anything
    // but ']', and a spec may hold fields of its own, one level deep.
    const auto fail = [this](const QString &message) -> std::optional<QString> {
        raise(QStringLiteral("ValueError"), message);
        return std::nullopt;
    };
    QString out;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == QLatin1Char('}')) {
            if (i + 1 < pattern.size() && pattern[i + 1] == QLatin1Char('}')) {
                out += c;
                ++i;
                continue;
            }
            return fail(QStringLiteral("Single '}' encountered in format string"));
        }
        if (c != QLatin1Char('{')) {
            out += c;
            continue;
        }
        if (i + 1 < pattern.size() && pattern[i + 1] == QLatin1Char('{')) {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 == pattern.size())
            return fail(QStringLiteral("Single '{' encountered in format string"));
        // The field's name: up to '!' or ':', a bracketed key read whole.
        qsizetype k = i + 1;
        while (k < pattern.size() && pattern[k] != QLatin1Char('!') && pattern[k] != QLatin1Char(':')
               && pattern[k] != QLatin1Char('}')) {
            if (pattern[k] == QLatin1Char('[')) {
                k = pattern.indexOf(QLatin1Char(']'), k);
                if (k < 0)
                    return fail(QStringLiteral("expected '}' before end of string"));
            }
            ++k;
        }
        if (k == pattern.size())
            return fail(QStringLiteral("expected '}' before end of string"));
        const QString name = pattern.mid(i + 1, k - i - 1);
        QChar conversion;
        if (pattern[k] == QLatin1Char('!')) {
            if (k + 1 == pattern.size())
                return fail(QStringLiteral("end of string while looking for conversion specifier"));
            conversion = pattern[k + 1];
            k += 2;
            if (k < pattern.size() && pattern[k] != QLatin1Char(':') && pattern[k] != QLatin1Char('}'))
                return fail(QStringLiteral("expected ':' after conversion specifier"));
        }
        // The spec: up to the '}' that matches the field's '{'.
        QString spec;
        if (k < pattern.size() && pattern[k] == QLatin1Char(':')) {
            qsizetype end = k + 1;
            for (int open = 1; end < pattern.size(); ++end) {
                if (pattern[end] == QLatin1Char('{'))
                    ++open;
                else if (pattern[end] == QLatin1Char('}') && --open == 0)
                    break;
            }
            if (end == pattern.size())
                return fail(QStringLiteral("unmatched '{' in format spec"));
            spec = pattern.mid(k + 1, end - k - 1);
            k = end;
        }
        if (k >= pattern.size())
            return fail(QStringLiteral("unmatched '{' in format spec"));
        i = k;
        std::optional<Value> value = formatField(name, positional, keywords, numbering);
        if (!value)
            return std::nullopt;
        if (spec.contains(QLatin1Char('{'))) {
            if (depth >= 1)
                return fail(QStringLiteral("Max string recursion exceeded"));
            const std::optional<QString> expanded = strFormat(spec, positional, keywords, numbering, depth + 1);
            if (!expanded)
                return std::nullopt;
            spec = *expanded;
        }
        if (conversion == QLatin1Char('r'))
            value = Value(value->repr());
        else if (conversion == QLatin1Char('s'))
            value = Value(value->str());
        else if (conversion == QLatin1Char('a'))
            value = Value(PythonText::ascii(value->repr()));
        else if (!conversion.isNull())
            return fail(QStringLiteral("Unknown conversion specifier %1").arg(conversion));
        std::optional<QString> text = format(*value, spec);
        if (!text)
            return std::nullopt;
        out += *text;
    }
    return out;
}

std::optional<Value> Interpreter::formatField(const QString &name, const std::vector<Value> &positional,
                                              const std::vector<std::pair<QString, Value>> &keywords,
                                              FieldNumbering &numbering)
{
    qsizetype k = 0;
    while (k < name.size() && name[k] != QLatin1Char('.') && name[k] != QLatin1Char('['))
        ++k;
    const QString argument = name.left(k);
    const auto allDigits = [](const QString &text) {
        return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
    };
    std::optional<Value> value;
    if (argument.isEmpty() || allDigits(argument)) {
        const bool automatic = argument.isEmpty();
        if (automatic ? numbering.manual : numbering.automatic) {
            raise(QStringLiteral("ValueError"),
                  automatic
                      ? QStringLiteral("cannot switch from manual field specification to automatic field numbering")
                      : QStringLiteral("cannot switch from automatic field numbering to manual field specification"));
            return std::nullopt;
        }
        (automatic ? numbering.automatic : numbering.manual) = true;
        const qint64 index = automatic ? numbering.next++ : argument.toLongLong();
        if (index >= qint64(positional.size())) {
            raise(QStringLiteral("IndexError"),
                  QStringLiteral("Replacement index %1 out of range for positional args tuple").arg(index));
            return std::nullopt;
        }
        value = positional[std::size_t(index)];
    } else {
        for (const auto &[key, keyword] : keywords) {
            if (key == argument)
                value = keyword;
        }
        if (!value) {
            raise(QStringLiteral("KeyError"), PythonText::stringRepr(argument));
            return std::nullopt;
        }
    }
    // Then each [key] and .attribute, in order.
    while (k < name.size()) {
        if (name[k] == QLatin1Char('[')) {
            const qsizetype close = name.indexOf(QLatin1Char(']'), k);
            const QString key = name.mid(k + 1, close - k - 1);
            value = subscript(*value, allDigits(key) ? Value(std::int64_t(key.toLongLong())) : Value(key));
            if (!value)
                return std::nullopt;
            k = close + 1;
            if (k < name.size() && name[k] != QLatin1Char('.') && name[k] != QLatin1Char('[')) {
                raise(QStringLiteral("ValueError"),
                      QStringLiteral("Only '.' or '[' may follow ']' in format field specifier"));
                return std::nullopt;
            }
            continue;
        }
        qsizetype end = k + 1;
        while (end < name.size() && name[end] != QLatin1Char('.') && name[end] != QLatin1Char('['))
            ++end;
        const QString attribute = name.mid(k + 1, end - k - 1);
        if (attribute.isEmpty()) {
            raise(QStringLiteral("ValueError"), QStringLiteral("Empty attribute in format string"));
            return std::nullopt;
        }
        // Kitchen Python's values have methods, which print as addresses in CPython, and no data attributes.
        raise(QStringLiteral("AttributeError"),
              QStringLiteral("'%1' object has no attribute '%2'").arg(value->typeName(), attribute));
        return std::nullopt;
    }
    return value;
}

Interpreter::Status Interpreter::advanceThreads()
{
    const auto finishIfAllEnded = [this] {
        // Python joins every thread before it exits, even after MainThread raised.
        if (m_threads.allEnded()) {
            m_status = m_mainThreadError ? Status::Failed : Status::Finished;
            m_error = m_mainThreadError;
        }
        return m_status;
    };
    const std::optional<ThreadScheduler::ThreadId> holder = m_threads.holder(m_hooks.nowNs());
    if (!holder) {
        if (!m_threads.allEnded() && m_threads.nextWakeNs() < 0)
            return failWithDeadlock();
        return finishIfAllEnded();
    }
    m_currentThread = *holder;
    const FuturePtr thread = m_threadRecords[std::size_t(*holder)].task;
    Future &task = thread ? *thread : m_module;
    if (!thread && m_cakeThreads) {
        // MainThread has the lock back from the cake it started last: the next one starts, or it raises there.
        if (startNextCakeThread())
            return m_status;
        task.setResumeError(*m_raised);
    }
    if (task.isDone()) {
        // A thread whose call did not fit its function: it raised as it began.
        if (thread && m_observer)
            m_observer->taskFinished(task.number(), true);
        m_threads.end(m_hooks.nowNs());
        return finishIfAllEnded();
    }
    // A thread that waited in a resource, or for other threads, goes on with what it waited for; or waits again.
    ThreadRecord &record = m_threadRecords[std::size_t(*holder)];
    if (record.inResource || record.waiting) {
        switch (record.inResource ? resumeInResource(task, record) : waitForThreads(record)) {
        case WaitOutcome::Blocked:
            return m_status;
        case WaitOutcome::Raised:
            task.setResumeError(*m_raised);
            break;
        case WaitOutcome::Finished:
            resumeWith(task, std::move(m_waited));
            m_waited = Value();
            break;
        }
    }
    if (m_threads.hasRivals())
        m_instructionsUntilCheck = std::min(m_instructionsUntilCheck, instructionsPerSwitchCheck);
    const Outcome outcome = run(task);
    if (m_interrupted) {
        // Stopped by the driver, or out of memory for one more thread: the whole recipe ends there.
        m_status = Status::Failed;
        m_error = m_interrupted;
        return m_status;
    }
    switch (outcome) {
    case Outcome::Suspended:
        // It slept, joined, started a thread or gave the lock up: the scheduler knows which.
        return m_status;
    case Outcome::Returned:
        if (thread)
            thread->setResult(m_returned);
        m_returned = Value();
        break;
    case Outcome::Raised:
        // A thread keeps its error for whoever waits for it (Task.run); MainThread's ends the program.
        if (thread)
            thread->setError(*m_raised);
        else
            m_mainThreadError = m_raised;
        break;
    }
    if (thread && m_observer) {
        if (outcome == Outcome::Raised)
            m_observer->taskFailed(thread->number(), m_raised->text());
        m_observer->taskFinished(thread->number(), outcome == Outcome::Raised);
    }
    m_threads.end(m_hooks.nowNs());
    return finishIfAllEnded();
}

qint64 Interpreter::threadsTimeUntilNextNs()
{
    const qint64 now = m_hooks.nowNs();
    if (m_threads.holder(now) || m_threads.allEnded())
        return 0;
    const qint64 wake = m_threads.nextWakeNs();
    // Threads that only wait for each other would wait for ever, as they would in Python: the next advance()
    // ends the run with who waits where.
    return wake < 0 ? 0 : std::max<qint64>(0, wake - now);
}

bool Interpreter::startThread(Frame &frame, const FunctionObject &function, std::unique_ptr<Frame> called,
                              const RecipeError &error)
{
    // A thread bakes the cake of the thread that starts it.
    const FuturePtr &creator = m_threadRecords[std::size_t(m_currentThread)].task;
    FuturePtr task = newThread(function.code->name, std::move(called), error, creator ? creator->cake : m_module.cake);
    if (!task)
        return false;
    frame.values.push_back(Value(Value::Data(std::move(task))));
    // Thread.start() returns once the new thread runs: the creator stops here, waiting for the lock.
    m_suspendRequested = true;
    return true;
}

FuturePtr Interpreter::newThread(const QString &function, std::unique_ptr<Frame> called, const RecipeError &error,
                                 int cake)
{
    if (int(m_threadRecords.size()) > maxThreadsStarted) { // MainThread's record is not a start
        raise(QStringLiteral("RuntimeError"), QStringLiteral("can't start new thread"));
        return nullptr;
    }
    if (!m_memory.allow(bytesPerTask)) {
        raise(QStringLiteral("MemoryError"), memoryMessage);
        return nullptr;
    }
    const auto number = int(m_threadRecords.size());
    auto task = FuturePtr::make(&m_loop);
    const bool fits = called != nullptr;
    task->makeTask(std::move(called), number);
    task->cake = cake;
    if (m_observer)
        m_observer->taskMade(number, function, cake);
    if (!fits)
        task->setError(error);
    // threading names it so: Thread-N (target.__name__), N counted over the whole run.
    m_threadRecords.push_back(
        {task, QStringLiteral("[Thread-%1 (%2)] ").arg(number).arg(function), std::nullopt, std::nullopt});
    const ThreadScheduler::ThreadId started = m_threads.start(m_hooks.nowNs());
    Q_ASSERT(started == number);
    return task;
}

bool Interpreter::startCakeThreads(const Ref<Coroutine> &coroutine)
{
    if (!coroutine || coroutine->wasAwaited())
        return raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"));
    m_cakeThreads = CakeThreads{Value(Value::Data(coroutine)), {}};
    if (!startNextCakeThread()) {
        m_cakeThreads.reset();
        return false;
    }
    // MainThread waits for the lock, then starts the next cake (advanceThreads()); the list of the cakes' results
    // is asyncio.run's value once it has joined them all.
    m_suspendRequested = true;
    return true;
}

bool Interpreter::startNextCakeThread()
{
    CakeThreads &cakes = *m_cakeThreads;
    const int cake = int(cakes.started.size()) + 1;
    const Ref<Coroutine> &original = *cakes.coroutine.get<Ref<Coroutine>>();
    // Fresh copies for all but the last cake, which runs the coroutine itself, as gatheredCakes() has them.
    const Ref<Coroutine> copy = cake < m_cakes ? original->freshCopy() : original;
    copy->markAwaited();
    const QString function = copy->name();
    FuturePtr thread = newThread(function, copy->takeFrame(), RecipeError(), cake);
    if (!thread) {
        m_cakeThreads.reset();
        return false;
    }
    cakes.started.push_back(Value(Value::Data(std::move(thread))));
    if (int(cakes.started.size()) == m_cakes) {
        // gather(*cakes) in MainThread: each joined in cake order.
        m_threadRecords[std::size_t(ThreadScheduler::mainThread)].waiting
            = ThreadRecord::Waiting{std::move(cakes.started), {}, true};
        m_cakeThreads.reset();
    }
    return true;
}

bool Interpreter::waitInThread(Frame &frame, std::vector<Value> awaited, bool asList)
{
    m_raised.reset();
    ThreadRecord &thread = m_threadRecords[std::size_t(m_currentThread)];
    thread.waiting = ThreadRecord::Waiting{std::move(awaited), {}, asList};
    if (waitForThreads(thread) != WaitOutcome::Finished)
        return false;
    frame.values.push_back(std::move(m_waited));
    m_waited = Value();
    return true;
}

Interpreter::WaitOutcome Interpreter::waitForThreads(ThreadRecord &thread)
{
    ThreadRecord::Waiting &waiting = *thread.waiting;
    while (waiting.results.size() < waiting.awaited.size()) {
        const Value &each = waiting.awaited[waiting.results.size()];
        const auto *pointer = each.get<FuturePtr>();
        if (!pointer || !(*pointer)->isTask()) {
            waiting.results.push_back(each);
            continue;
        }
        Future &awaited = **pointer;
        if (!awaited.isDone()) {
            if (awaited.number() == m_currentThread) {
                thread.waiting.reset();
                raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot join current thread"));
                return WaitOutcome::Raised;
            }
            m_threads.join(awaited.number());
            return WaitOutcome::Blocked;
        }
        if (awaited.error()) {
            // Raised again where it is awaited, as the twin's wait() does; CPython's traceback still ends where the
            // thread raised it.
            m_raised = *awaited.error();
            thread.waiting.reset();
            return WaitOutcome::Raised;
        }
        waiting.results.push_back(awaited.result());
    }
    m_waited = waiting.asList ? Value::list(std::move(waiting.results)) : std::move(waiting.results.front());
    thread.waiting.reset();
    return WaitOutcome::Finished;
}

void Interpreter::tellResourceUsed(const Resource &resource, ResourceMethod method, const Future *by)
{
    if (!m_observer || resource.number() == 0)
        return;
    switch (method) {
    case ResourceMethod::Locked:
    case ResourceMethod::IsSet:
    case ResourceMethod::Qsize:
    case ResourceMethod::Empty:
    case ResourceMethod::Full:
        return; // questions change nothing
    default:
        break;
    }
    // async with's way in and out are the acquire and release a window shows.
    const ResourceMethod shown = method == ResourceMethod::Enter ? ResourceMethod::Acquire
        : method == ResourceMethod::Exit                         ? ResourceMethod::Release
                                                                 : method;
    const Future *task = by ? by : m_runningTask;
    const int user = task ? task->number() : 0;
    m_observer->resourceUsed(user, resource.number(), resource.typeName() + QLatin1Char('.') + Resource::nameOf(shown),
                             resource.state());
    // The waiters this use woke: their futures are done now. One cancelled was woken by no use.
    const auto woken = std::stable_partition(m_observedWaiters.begin(), m_observedWaiters.end(),
                                             [](const auto &waiter) { return !waiter.first->isDone(); });
    for (auto each = woken; each != m_observedWaiters.end(); ++each) {
        if (!each->first->isCancelled() && each->second != user)
            m_observer->taskWoken(each->second, user);
    }
    m_observedWaiters.erase(woken, m_observedWaiters.end());
}

std::vector<int> Interpreter::awaitedTasksOf(const Future &task)
{
    std::vector<int> awaited;
    if (!task.awaitsFuture || task.frames.empty() || task.frames.back()->values.empty())
        return awaited;
    const auto *future = task.frames.back()->values.back().get<FuturePtr>();
    if (!future)
        return awaited;
    const std::function<void(const Future &)> collect = [&](const Future &each) {
        if (each.isDone())
            return;
        if (each.isTask()) {
            awaited.push_back(each.number());
        } else if (const auto *gathering = dynamic_cast<const Gathering *>(&each)) {
            for (std::size_t i = 0; i < gathering->childCount(); ++i)
                collect(*gathering->child(i));
        }
    };
    collect(**future);
    return awaited;
}

bool Interpreter::awaitResourceInTwin(Future &task, Frame &frame, const Ref<Coroutine> &method)
{
    if (method->wasAwaited())
        return raise(QStringLiteral("RuntimeError"), QStringLiteral("cannot reuse already awaited coroutine"));
    method->markAwaited();
    const Ref<Resource> &resource = method->resource();
    switch (resource->kind()) {
    case Resource::Kind::Lock:
    case Resource::Kind::Semaphore:
    case Resource::Kind::Event:
    case Resource::Kind::Queue:
        break;
    default:
        // The twins' writers refuse timeouts and task groups before a twin runs: this is a safety net.
        return raise(
            QStringLiteral("RuntimeError"),
            QStringLiteral("%1() has no twin: only the async kitchen can give up or cancel").arg(method->name()));
    }
    const ResourceStep step = resource->begin(method->resourceMethod(), method->resourceArgument(), m_loop);
    if (step.kind != ResourceStep::Kind::Park) {
        if (step.kind == ResourceStep::Kind::Done)
            tellResourceUsed(*resource, method->resourceMethod());
        const bool ok = takeResourceStep(frame, step);
        if (m_kitchen == Kitchen::ThreadedTwin)
            wakeThreadsIn(*resource);
        return ok;
    }
    if (m_kitchen == Kitchen::BlockingTwin) {
        // Nobody else runs to release, set or fill it: take the waiter back, and say why the call cannot wait.
        step.waitOn->cancel();
        resource->resume(method->resourceMethod(), method->resourceArgument(), step.waitOn, true, m_loop);
        return raise(QStringLiteral("RuntimeError"), Resource::waitsForItself(method->name()));
    }
    ThreadRecord &thread = m_threadRecords[std::size_t(m_currentThread)];
    thread.inResource = ThreadRecord::InResource{method, step.waitOn};
    m_threadsInResources[resource.get()].push_back(m_currentThread);
    if (m_observer)
        m_observedWaiters.emplace_back(step.waitOn, task.number());
    m_resourceWaits[&task] = method;
    m_threads.block();
    if (m_observer)
        m_observer->taskWaitsIn(task.number(), method->name(), resource->number());
    return false;
}

Interpreter::WaitOutcome Interpreter::resumeInResource(Future &task, ThreadRecord &thread)
{
    const ThreadRecord::InResource blocked = *thread.inResource;
    thread.inResource.reset();
    m_resourceWaits.erase(&task);
    const ResourceStep step = blocked.method->resource()->resume(
        blocked.method->resourceMethod(), blocked.method->resourceArgument(), blocked.waiter, false, m_loop);
    wakeThreadsIn(*blocked.method->resource());
    switch (step.kind) {
    case ResourceStep::Kind::Park:
        // A semaphore's count or a queue's item another thread took first: it waits again, at the back.
        thread.inResource = ThreadRecord::InResource{blocked.method, step.waitOn};
        m_threadsInResources[blocked.method->resource().get()].push_back(m_currentThread);
        if (m_observer)
            m_observedWaiters.emplace_back(step.waitOn, task.number());
        m_resourceWaits[&task] = blocked.method;
        m_threads.block();
        return WaitOutcome::Blocked;
    case ResourceStep::Kind::Raise:
        m_raised = *step.error;
        return WaitOutcome::Raised;
    case ResourceStep::Kind::Done:
        tellResourceUsed(*blocked.method->resource(), blocked.method->resourceMethod(), &task);
        break;
    }
    m_waited = step.result;
    return WaitOutcome::Finished;
}

void Interpreter::wakeThreadsIn(const Resource &resource)
{
    // Only the threads blocked in this resource are looked at, in the order they blocked: a run of thousands of
    // threads pays for those waiting on what was used, not for every thread waiting anywhere.
    const auto found = m_threadsInResources.find(&resource);
    if (found == m_threadsInResources.end())
        return;
    std::vector<ThreadScheduler::ThreadId> &blocked = found->second;
    const qint64 now = m_hooks.nowNs();
    const auto stillBlocked
        = std::stable_partition(blocked.begin(), blocked.end(), [this](ThreadScheduler::ThreadId thread) {
              return !m_threadRecords[std::size_t(thread)].inResource->waiter->isDone();
          });
    for (auto woken = stillBlocked; woken != blocked.end(); ++woken)
        m_threads.wake(*woken, now);
    blocked.erase(stillBlocked, blocked.end());
    if (blocked.empty())
        m_threadsInResources.erase(found);
}

bool Interpreter::sleepInThread(const Future &task, const QString &function, const Value &seconds)
{
    if (!seconds.isNumber())
        return raise(QStringLiteral("TypeError"),
                     QStringLiteral("'%1' object cannot be interpreted as an integer").arg(seconds.typeName()));
    const double value = seconds.asFloat();
    if (std::isnan(value))
        return raise(QStringLiteral("ValueError"), QStringLiteral("Invalid value NaN (not a number)"));
    if (value < 0)
        return raise(QStringLiteral("ValueError"), QStringLiteral("sleep length must be non-negative"));
    const auto ns = qint64(std::min(value, longestSleepSeconds) * nsPerSecond);
    // A sleep that takes time gives the lock up: the thread stops after this call until it has it again.
    if (m_threads.sleep(m_hooks.nowNs(), ns)) {
        m_suspendRequested = true;
        if (m_observer)
            m_observer->blockingSleep(ns, task.number(), task.cake, function);
    }
    return true;
}

} // namespace recipe
