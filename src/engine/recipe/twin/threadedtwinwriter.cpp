// SPDX-License-Identifier: MIT
#include "threadedtwinwriter.h"

#include "sourcerewriter.h"
#include "sourcetext.h"
#include "twinrules.h"

#include <QRegularExpression>
#include <QSet>

#include <unordered_set>

namespace recipe {

namespace {
/// The contract's prologue, checked under python3 3.11: change it only with the engine's threaded kitchen.
const char threadedPrologue[] = R"(class Task(threading.Thread):
    """A task of the recipe as a thread of its own: it starts when it is made and is joined where it is awaited."""

    def __init__(self, function, *args, **kwargs):
        super().__init__(target=function, args=args, kwargs=kwargs)
        self.start()

    def run(self):
        try:
            self.value = self._target(*self._args, **self._kwargs)
        except Exception as error:
            self.error = error

    def done(self):
        return not self.is_alive()

    def result(self):
        if self.is_alive():
            raise RuntimeError("the task's thread is still running")
        return wait(self)


def wait(awaited):
    """`await` in the threaded twin: a task's thread is joined for its result; anything else ran already."""
    if not isinstance(awaited, Task):
        return awaited
    awaited.join()
    if hasattr(awaited, "error"):
        raise awaited.error
    return awaited.value


def gather(*awaited):
    """asyncio.gather as threads: wait for each in turn, results in argument order."""
    return [wait(each) for each in awaited]


def say(*values, file=None, **options):
    """print(), with the name of a task's thread in front of what it prints, written at once: print() writes its
    end apart from its text, and another thread could print in between. print() itself makes the text, so a wrong
    argument fails as it does in print()."""
    thread = threading.current_thread()
    prefix = "" if thread is threading.main_thread() else f"[{thread.name}] "
    text = io.StringIO()
    print(*values, file=text, **options)
    print(prefix + text.getvalue(), end="", file=file, flush=bool(options.get("flush")))
)";

/// Python's layout: two blank lines around a top-level definition.
const QString blankLines = QStringLiteral("\n\n");
} // namespace

QString ThreadedTwinWriter::prologue()
{
    return QString::fromUtf8(threadedPrologue);
}

ThreadedTwinWriter::ThreadedTwinWriter(const Module &module)
    : m_functions(module)
    , m_queueModule(TwinRules::usesName(module, QStringLiteral("queue")) ? QStringLiteral("queues")
                                                                         : QStringLiteral("queue"))
{
}

QString ThreadedTwinWriter::resourceInThreads(const QString &resource) const
{
    if (resource == QLatin1String("Queue"))
        return m_queueModule + QStringLiteral(".Queue");
    if (resource == QLatin1String("QueueEmpty"))
        return m_queueModule + QStringLiteral(".Empty");
    if (resource == QLatin1String("QueueFull"))
        return m_queueModule + QStringLiteral(".Full");
    return QStringLiteral("threading.") + resource;
}

TwinSource ThreadedTwinWriter::write(const Module &module)
{
    const ThreadedTwinWriter writer(module);
    const Expression *unseen = TwinRules::findFirst(module.body, [&writer](const Expression &e) {
        return TwinRules::asyncioFunctionCalled(e) == QLatin1String("create_task")
            && (e.operands.size() != 2 || !e.keywords.empty() || !writer.isSpawnable(*e.operands[1]));
    });
    if (unseen) {
        return {QString(), unseen->at,
                QStringLiteral("gives asyncio.create_task something other than a call of one of the recipe's "
                               "functions; the threaded twin starts a thread for a call it can see, such as "
                               "asyncio.create_task(cook(1))")};
    }
    if (const Expression *timeout = TwinRules::firstTimeout(module)) {
        return {QString(), timeout->at,
                QStringLiteral("gives up on a wait with asyncio.%1; a thread cannot be cancelled from outside, so the "
                               "threaded twin has no timeout")
                    .arg(TwinRules::asyncioFunctionCalled(*timeout))};
    }
    if (const Expression *group = TwinRules::firstTaskGroup(module)) {
        return {QString(), group->at,
                QStringLiteral("uses asyncio.TaskGroup, whose failing task cancels the others; a thread cannot be "
                               "cancelled from outside, so the threaded twin has no task group")};
    }
    if (const Expression *cancel = TwinRules::findFirst(module.body, TwinRules::isCancel)) {
        return {QString(), cancel->at,
                QStringLiteral("cancels a task or asks whether it was; a thread cannot be cancelled from outside, so "
                               "the threaded twin has no way to do it")};
    }
    if (const Expression *named = TwinRules::findFirst(module.body, [](const Expression &e) {
            return e.kind == ExpressionKind::Attribute
                && (e.text == QLatin1String("CancelledError") || e.text == QLatin1String("TimeoutError"));
        })) {
        return {QString(), named->at,
                QStringLiteral("names asyncio.%1; the threaded twin has no asyncio, and its threads are never "
                               "cancelled")
                    .arg(named->text)};
    }
    if (const Expression *left = asyncioLeftOver(module)) {
        return {QString(), left->at,
                QStringLiteral("names asyncio.%1 other than in a call the threaded twin rewrites; the threaded twin "
                               "has no asyncio")
                    .arg(left->text)};
    }
    if (const Expression *collecting = TwinRules::gatherCollectingErrors(module)) {
        return {QString(), collecting->at,
                QStringLiteral("gathers with return_exceptions; the threaded twin's gather joins each thread in turn "
                               "and raises the first error it meets, so it collects no errors")};
    }
    const QSet<QString> resources = TwinRules::resourcesNamed(module);
    const bool queues = resources.contains(QStringLiteral("Queue")) || resources.contains(QStringLiteral("QueueEmpty"))
        || resources.contains(QStringLiteral("QueueFull"));
    if (queues && writer.m_queueModule == QLatin1String("queues")
        && TwinRules::usesName(module, QStringLiteral("queues"))) {
        return {QString(), module.body.front()->at,
                QStringLiteral("uses both the names queue and queues, one of which the threaded twin imports the "
                               "queue module as; rename one to see the threaded twin")};
    }
    if (const std::optional<std::pair<SourceLocation, QString>> clash = prologueNameUsed(module.body)) {
        return {QString(), clash->first,
                QStringLiteral("uses the name %1, which the threaded twin's prologue defines (Task, wait, gather, say, "
                               "threading, io); rename it to see the threaded twin")
                    .arg(clash->second)};
    }
    const SourceText source(module.lines);
    const SourceRewriter rewriter(
        source, [&writer](const SourceRewriter &self, const Expression &e) { return writer.rewritten(self, e); });
    std::vector<SourceRewriter::Edit> edits = TwinRules::plainDefinitions(module, source);
    // import asyncio becomes import threading: the twin has no event loop.
    static const QRegularExpression asyncioName(QStringLiteral("\\basyncio\\b"));
    for (const StatementPtr &statement : module.body) {
        if (statement->kind != StatementKind::Import)
            continue;
        const qsizetype start = source.offsetOf(statement->at);
        const QRegularExpressionMatch match = asyncioName.match(source.between(statement->at, statement->end));
        if (match.hasMatch())
            edits.push_back({start + match.capturedStart(), start + match.capturedEnd(), QStringLiteral("threading")});
    }
    QString imports;
    imports += QStringLiteral("import io\n");
    if (!TwinRules::imports(module, QStringLiteral("asyncio")))
        imports += QStringLiteral("import threading\n");
    if (!TwinRules::imports(module, QStringLiteral("time")))
        imports += QStringLiteral("import time\n");
    if (queues)
        imports += writer.m_queueModule == QLatin1String("queue") ? QStringLiteral("import queue\n")
                                                                  : QStringLiteral("import queue as queues\n");
    const qsizetype at = TwinRules::afterImports(module, source);
    // Two blank lines after the prologue's last definition, counting those the recipe has there already.
    qsizetype blanksAfter = 0;
    while (at + blanksAfter < source.text().size() && source.text().at(at + blanksAfter) == u'\n')
        ++blanksAfter;
    edits.push_back({at, at, imports + blankLines + prologue() + blankLines.left(blankLines.size() - blanksAfter)});
    return {rewriter.rewriteModule(module, std::move(edits)), {}, {}};
}

std::optional<std::pair<SourceLocation, QString>> ThreadedTwinWriter::prologueNameUsed(const Block &block)
{
    static const QSet<QString> prologueNames{QStringLiteral("Task"),      QStringLiteral("wait"),
                                             QStringLiteral("gather"),    QStringLiteral("say"),
                                             QStringLiteral("threading"), QStringLiteral("io")};
    return TwinRules::firstNameUsed(block, [](const QString &name) { return prologueNames.contains(name); });
}

const Expression *ThreadedTwinWriter::asyncioLeftOver(const Module &module)
{
    // The callees of the calls the twin rewrites (asyncio.sleep(...) and its kin) first, then anything else.
    std::unordered_set<const Expression *> rewrittenCallees;
    TwinRules::findFirst(module.body, [&rewrittenCallees](const Expression &e) {
        static const QSet<QString> rewritten{QStringLiteral("sleep"), QStringLiteral("run"),
                                             QStringLiteral("create_task"), QStringLiteral("gather")};
        if (rewritten.contains(TwinRules::asyncioFunctionCalled(e)))
            rewrittenCallees.insert(e.operands[0].get());
        return false;
    });
    return TwinRules::findFirst(module.body, [&rewrittenCallees](const Expression &e) {
        return e.kind == ExpressionKind::Attribute && e.operands[0]->kind == ExpressionKind::Name
            && e.operands[0]->text == QLatin1String("asyncio") && !rewrittenCallees.count(&e)
            && TwinRules::resourceNamed(e).isEmpty();
    });
}

bool ThreadedTwinWriter::isSpawnable(const Expression &expression) const
{
    return m_functions.isCalledBy(expression);
}

std::optional<QString> ThreadedTwinWriter::rewritten(const SourceRewriter &rewriter, const Expression &e) const
{
    if (const QString resource = TwinRules::resourceNamed(e); !resource.isEmpty())
        return resourceInThreads(resource);
    if (e.kind == ExpressionKind::Await) {
        const Expression &awaited = *e.operands[0];
        const QString function = TwinRules::asyncioFunctionCalled(awaited);
        if (isSpawnable(awaited) || function == QLatin1String("sleep") || function == QLatin1String("gather")
            || TwinRules::awaitsResourceMethod(e))
            return TwinRules::withoutAwait(rewriter, e);
        return QStringLiteral("wait(%1)").arg(rewriter.rewrite(awaited));
    }
    if (e.kind != ExpressionKind::Call)
        return std::nullopt;
    const QString function = TwinRules::asyncioFunctionCalled(e);
    const qsizetype calleeEnd = rewriter.endOf(*e.operands[0]);
    if (function == QLatin1String("sleep"))
        return TwinRules::blockingSleep(rewriter, e);
    if (function == QLatin1String("run"))
        return TwinRules::argumentInPlace(rewriter, e);
    if (function == QLatin1String("create_task"))
        return spawned(rewriter, *e.operands[1]);
    if (function == QLatin1String("gather")) {
        return QStringLiteral("gather")
            + rewriter.splice(calleeEnd, rewriter.endOf(e), SourceRewriter::argumentsOf(e),
                              [&](const Expression &argument) { return gathered(rewriter, argument); });
    }
    const Expression &callee = *e.operands[0];
    if (callee.kind == ExpressionKind::Name && callee.text == QLatin1String("print") && !m_functions.isCalledBy(e))
        return QStringLiteral("say") + rewriter.splice(calleeEnd, rewriter.endOf(e), SourceRewriter::argumentsOf(e));
    return std::nullopt;
}

QString ThreadedTwinWriter::spawned(const SourceRewriter &rewriter, const Expression &expression) const
{
    if (!isSpawnable(expression))
        return rewriter.rewrite(expression);
    const std::vector<const Expression *> arguments = SourceRewriter::argumentsOf(expression);
    return QStringLiteral("Task(") + rewriter.rewrite(*expression.operands[0])
        + (arguments.empty() ? QString() : QStringLiteral(", "))
        + rewriter.splice(rewriter.argumentsStartOf(expression), rewriter.endOf(expression), arguments);
}

QString ThreadedTwinWriter::gathered(const SourceRewriter &rewriter, const Expression &argument) const
{
    if (argument.kind == ExpressionKind::Starred) {
        const Expression &list = *argument.operands[0];
        if (list.kind != ExpressionKind::ListComprehension || !isSpawnable(*list.operands[0]))
            return rewriter.rewrite(argument);
        // *[cook(i) for i in range(3)]: the element is the spawn site, the loop and its conditions as they are.
        const QString comprehension = rewriter.splice(
            rewriter.startOf(list), rewriter.endOf(list), SourceRewriter::partsOf(list), [&](const Expression &part) {
                return &part == list.operands[0].get() ? spawned(rewriter, part) : rewriter.rewrite(part);
            });
        return rewriter.splice(rewriter.startOf(argument), rewriter.endOf(argument), {&list},
                               [&](const Expression &) { return comprehension; });
    }
    return spawned(rewriter, argument);
}

} // namespace recipe
