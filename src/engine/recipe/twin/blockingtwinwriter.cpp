// SPDX-License-Identifier: MIT
#include "blockingtwinwriter.h"

#include "sourcerewriter.h"
#include "sourcetext.h"
#include "twinrules.h"

#include "resource.h"

namespace recipe {

namespace {
/// asyncio.Lock for one thread. %1 is Resource::waitsForItself("Lock.acquire"), as the engine raises it.
const char lockClass[] = R"(class Lock:
    """asyncio.Lock in one thread: nobody else contends for it, and nobody else could release it."""

    def __init__(self):
        self._locked = False

    def acquire(self):
        if self._locked:
            raise RuntimeError("%1")
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("Lock is not acquired.")
        self._locked = False

    def locked(self):
        return self._locked

    def __enter__(self):
        self.acquire()

    def __exit__(self, *error):
        self.release()
)";

const char semaphoreClass[] = R"(class Semaphore:
    """asyncio.Semaphore in one thread: nobody else contends for it, and nobody else could release it."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._value = value

    def acquire(self):
        if self._value == 0:
            raise RuntimeError("%1")
        self._value -= 1
        return True

    def release(self):
        self._value += 1

    def locked(self):
        return self._value == 0

    def __enter__(self):
        self.acquire()

    def __exit__(self, *error):
        self.release()
)";

const char eventClass[] = R"(class Event:
    """asyncio.Event in one thread: nobody else could set it while it is waited for."""

    def __init__(self):
        self._set = False

    def set(self):
        self._set = True

    def clear(self):
        self._set = False

    def is_set(self):
        return self._set

    def wait(self):
        if not self._set:
            raise RuntimeError("%1")
        return True
)";

/// %1 to %3: the RuntimeErrors of put, get and join.
const char queueClass[] = R"(class Queue:
    """asyncio.Queue in one thread: nobody else could fill it, empty it or finish its items while it is waited for."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._items = []
        self._unfinished = 0

    def qsize(self):
        return len(self._items)

    def empty(self):
        return not self._items

    def full(self):
        return self._maxsize > 0 and len(self._items) >= self._maxsize

    def put(self, item):
        if self.full():
            raise RuntimeError("%1")
        self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise asyncio.QueueFull
        self._items.append(item)
        self._unfinished += 1

    def get(self):
        if self.empty():
            raise RuntimeError("%2")
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise asyncio.QueueEmpty
        return self._items.pop(0)

    def task_done(self):
        if self._unfinished <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished -= 1

    def join(self):
        if self._unfinished:
            raise RuntimeError("%3")

    def __str__(self):
        items = f" _queue={self._items!r}" if self._items else ""
        tasks = f" tasks={self._unfinished}" if self._unfinished else ""
        return f"<Queue maxsize={self._maxsize!r}{items}{tasks}>"
)";

const QString blankLines = QStringLiteral("\n\n");
} // namespace

QString BlockingTwinWriter::resourceClasses(const QSet<QString> &named)
{
    QString classes;
    if (named.contains(QStringLiteral("Lock")))
        classes
            += QString::fromUtf8(lockClass).arg(Resource::waitsForItself(QStringLiteral("Lock.acquire"))) + blankLines;
    if (named.contains(QStringLiteral("Semaphore")))
        classes += QString::fromUtf8(semaphoreClass).arg(Resource::waitsForItself(QStringLiteral("Semaphore.acquire")))
            + blankLines;
    if (named.contains(QStringLiteral("Event")))
        classes
            += QString::fromUtf8(eventClass).arg(Resource::waitsForItself(QStringLiteral("Event.wait"))) + blankLines;
    if (named.contains(QStringLiteral("Queue")))
        classes += QString::fromUtf8(queueClass)
                       .arg(Resource::waitsForItself(QStringLiteral("Queue.put")),
                            Resource::waitsForItself(QStringLiteral("Queue.get")),
                            Resource::waitsForItself(QStringLiteral("Queue.join")))
            + blankLines;
    return classes;
}

QString BlockingTwinWriter::taskQuestionRefusal()
{
    return QStringLiteral("asks a task whether it is done or for its result; the blocking twin runs each call to its "
                          "end, so it has no tasks to ask");
}

TwinSource BlockingTwinWriter::write(const Module &module)
{
    if (const Expression *cancel = TwinRules::findFirst(module.body, TwinRules::isCancel)) {
        return {QString(), cancel->at,
                QStringLiteral("cancels a task or asks whether it was; the blocking twin runs each call to its end "
                               "where it stands, so there is nothing left to cancel")};
    }
    if (const Expression *timeout = TwinRules::firstTimeout(module)) {
        return {QString(), timeout->at,
                QStringLiteral("gives up on a wait with asyncio.%1; the blocking twin's one thread cannot wait for "
                               "itself and give up, so it has no timeout")
                    .arg(TwinRules::asyncioFunctionCalled(*timeout))};
    }
    if (const Expression *group = TwinRules::firstTaskGroup(module)) {
        return {QString(), group->at,
                QStringLiteral("uses asyncio.TaskGroup, whose failing task cancels the others; the blocking twin runs "
                               "each call to its end where it stands, so there is nothing left to cancel")};
    }
    // QueueEmpty and QueueFull stay asyncio's: the twin keeps `import asyncio`, and its Queue raises them.
    QSet<QString> resources = TwinRules::resourcesNamed(module);
    resources.remove(QStringLiteral("QueueEmpty"));
    resources.remove(QStringLiteral("QueueFull"));
    for (const QString &resource : std::as_const(resources)) {
        if (TwinRules::usesName(module, resource)) {
            return {QString(), module.body.front()->at,
                    QStringLiteral("uses the name %1 for something of its own, and the blocking twin defines a class "
                                   "of that name for asyncio.%1; rename it to see the blocking twin")
                        .arg(resource)};
        }
    }
    const Expression *question = TwinRules::findFirst(module.body, [](const Expression &e) {
        return e.kind == ExpressionKind::Attribute
            && (e.text == QLatin1String("done") || e.text == QLatin1String("result"));
    });
    if (question)
        return {QString(), question->at, taskQuestionRefusal()};
    if (const Expression *collecting = TwinRules::gatherCollectingErrors(module)) {
        return {
            QString(), collecting->at,
            QStringLiteral("gathers with return_exceptions; the blocking twin runs each call to its end where it "
                           "stands, and an error there ends the program, so it has no gather to collect errors in")};
    }
    const SourceText source(module.lines);
    const SourceRewriter rewriter(
        source, [](const SourceRewriter &self, const Expression &e) -> std::optional<QString> {
            if (e.kind == ExpressionKind::Await)
                return TwinRules::withoutAwait(self, e);
            if (const QString resource = TwinRules::resourceNamed(e); !resource.isEmpty()
                && resource != QLatin1String("QueueEmpty") && resource != QLatin1String("QueueFull"))
                return resource;
            const QString function = TwinRules::asyncioFunctionCalled(e);
            if (function == QLatin1String("sleep"))
                return TwinRules::blockingSleep(self, e);
            if (function == QLatin1String("run") || function == QLatin1String("create_task"))
                return TwinRules::argumentInPlace(self, e);
            if (function == QLatin1String("gather"))
                return u'[' + self.splice(self.argumentsStartOf(e), self.endOf(e) - 1, SourceRewriter::argumentsOf(e))
                    + u']';
            return std::nullopt;
        });
    std::vector<SourceRewriter::Edit> edits = TwinRules::plainDefinitions(module, source);
    const qsizetype at = TwinRules::afterImports(module, source);
    if (!TwinRules::imports(module, QStringLiteral("time")))
        edits.push_back({at, at, QStringLiteral("import time\n")});
    if (!resources.isEmpty()) {
        // Two blank lines on each side of the classes, counting those the recipe has there already.
        qsizetype blanksAfter = 0;
        while (at + blanksAfter < source.text().size() && source.text().at(at + blanksAfter) == u'\n')
            ++blanksAfter;
        const QString classes = resourceClasses(resources);
        edits.push_back({at, at, blankLines + classes.left(classes.size() - std::min<qsizetype>(blanksAfter, 2))});
    }
    return {rewriter.rewriteModule(module, std::move(edits)), {}, {}};
}

} // namespace recipe
