// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <compare>
#include <cstdint>
#include <memory>
#include <vector>

/**
 * The syntax tree of a recipe: what the parser hands the compiler. Plain
 * data, one node type for expressions and one for statements, each with a
 * kind and the fields that kind uses (the comments say which), so the two
 * stages share nothing but this header. Every node knows where it came from,
 * for messages in the form FILE:LINE:COL.
 */
namespace recipe {

/// 1-based line and column of a node's first character, the column counted in characters as Python does.
struct SourceLocation {
    int line = 0;
    int column = 0;

    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
    friend auto operator<=>(const SourceLocation &, const SourceLocation &) = default;
};

struct Expression;
struct Statement;
using ExpressionPtr = std::unique_ptr<Expression>;
using StatementPtr = std::unique_ptr<Statement>;
using Block = std::vector<StatementPtr>;

enum class ExpressionKind {
    Name, ///< text: the identifier
    Integer, ///< integer (a literal that does not fit 64 bits is a parse error)
    Float, ///< number
    String, ///< text: the value, escapes resolved; adjacent literals already joined
    FormattedString, ///< parts: an f-string
    True,
    False,
    None,
    List, ///< operands: the elements
    ListComprehension, ///< operands[0]: element; text: the loop variable; operands[1]: iterable; operands[2..]: ifs
    Unary, ///< unaryOperator, operands[0]
    Binary, ///< binaryOperator, operands[0] and operands[1]
    Compare, ///< operands[0] compareOperators[0] operands[1] compareOperators[1] operands[2] ...
    And, ///< operands: two or more, evaluated left to right with short-circuit
    Or, ///< operands: two or more
    Conditional, ///< operands[0] if operands[1] else operands[2]
    Call, ///< operands[0]: the callee; operands[1..]: positional arguments (Starred allowed);
          ///< keywords: keyword arguments, in order
    Attribute, ///< operands[0].text, e.g. asyncio.sleep, task.done, "x".upper
    Subscript, ///< operands[0][operands[1]]
    Await, ///< await operands[0]
    Starred, ///< *operands[0], only as a call argument
};

enum class UnaryOperator { Negate, Plus, Not };
enum class BinaryOperator { Add, Subtract, Multiply, Divide, FloorDivide, Modulo, Power };
enum class CompareOperator { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual, Is, IsNot, In, NotIn };

struct Keyword {
    QString name;
    ExpressionPtr value;
    SourceLocation at;
};

/// One piece of an f-string: literal text, or a replacement field {value!conversion:spec}.
struct FormattedPart {
    QString literal; ///< the text, when value is null
    ExpressionPtr value; ///< the field's expression, when not null
    QChar conversion; ///< 'r', 's' or null: !r, !s or none
    QString formatSpec; ///< after the colon, as written
    /// The spec as an f-string of its own when fields are nested in it ({x:>{width}}), else null.
    ExpressionPtr formatSpecValue;
};

struct Expression {
    ExpressionKind kind = ExpressionKind::None;
    SourceLocation at;
    /// Just after the expression's last character; enclosing parentheses belong to neither at nor end, as in
    /// Python's ast. A twin is written as edits of the recipe's own text between these two.
    SourceLocation end;
    QString text;
    std::int64_t integer = 0;
    double number = 0;
    UnaryOperator unaryOperator = UnaryOperator::Negate;
    BinaryOperator binaryOperator = BinaryOperator::Add;
    std::vector<CompareOperator> compareOperators;
    std::vector<ExpressionPtr> operands;
    std::vector<Keyword> keywords;
    std::vector<FormattedPart> parts;
};

enum class StatementKind {
    Expression, ///< value: evaluated for its effect
    Assign, ///< target (a Name or a Subscript) = value
    AugmentedAssign, ///< target binaryOperator= value
    If, ///< if value: body, else: orElse (an elif is an If alone in orElse)
    While, ///< while value: body
    For, ///< for name in value: body
    Break,
    Continue,
    Pass,
    Return, ///< value may be null
    FunctionDefinition, ///< [async] def name(parameters): body
    Import, ///< import names[0], names[1], ...
    Try, ///< try: body, handlers (except clauses), else: orElse, finally: finallyBody
    Raise, ///< raise value; value null for a bare raise (again the exception being handled)
    AsyncWith, ///< async with value as name: body (name empty without `as`); a second item nests in body
};

struct Statement;

/// One except clause: `except types as name:` body; no types for a bare `except:`.
struct ExceptHandler {
    std::vector<std::unique_ptr<Expression>> types; ///< one, or the names of a parenthesized tuple
    QString name; ///< empty without `as`
    bool star = false; ///< except*: it takes the part of an exception group that matches
    std::vector<std::unique_ptr<Statement>> body;
    SourceLocation at;
};

struct Parameter {
    QString name;
    ExpressionPtr defaultValue; ///< null when it has none
    SourceLocation at;
};

struct Statement {
    StatementKind kind = StatementKind::Pass;
    SourceLocation at;
    /// Just after the statement's last character (a compound statement's: its last block's).
    SourceLocation end;
    ExpressionPtr target;
    ExpressionPtr value;
    BinaryOperator binaryOperator = BinaryOperator::Add;
    QString name;
    bool isAsync = false;
    std::vector<Parameter> parameters;
    std::vector<QString> names;
    Block body;
    Block orElse;
    std::vector<ExceptHandler> handlers;
    Block finallyBody;
    /// The line after the function's last line: the listing shows where each definition ends.
    int endLine = 0;
};

/// The blocks a statement holds, in the order they are written: body, except clauses, else, finally.
inline std::vector<const Block *> innerBlocks(const Statement &statement)
{
    std::vector<const Block *> blocks{&statement.body};
    for (const ExceptHandler &handler : statement.handlers)
        blocks.push_back(&handler.body);
    blocks.push_back(&statement.orElse);
    blocks.push_back(&statement.finallyBody);
    return blocks;
}

/// A whole recipe: its statements in order, and the source lines for messages and listings.
struct Module {
    Block body;
    std::vector<QString> lines;
};

} // namespace recipe
