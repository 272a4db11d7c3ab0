// SPDX-License-Identifier: MIT
#include "pythontext.h"

#include "cnumericlocale.h"

#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

namespace recipe {
namespace {

/// repr() writes a float in fixed notation while its decimal point lies in (-4, 16], as CPython's 'r' mode does.
constexpr int fixedNotationMinDecimalPoint = -3;
constexpr int fixedNotationMaxDecimalPoint = 16;
/// Python's default precision for the f, e, g and % presentation types.
constexpr int defaultFloatPrecision = 6;
/// A width or precision past this is refused: it would only make a recipe print gigabytes.
constexpr int maxFormatWidth = 10000;

constexpr char32_t capitalSigma = 0x3A3;
constexpr char32_t smallSigma = 0x3C3;
constexpr char32_t finalSigma = 0x3C2;

/// Unicode's Case_Ignorable, as CPython 3.11's database has it (Unicode 14, Qt 6.4's too): the general categories
/// Mn, Me, Cf, Lm and Sk, and the characters whose Word_Break is MidLetter, MidNumLet or Single_Quote.
bool isCaseIgnorable(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Letter_Modifier:
    case QChar::Symbol_Modifier:
        return true;
    default:
        break;
    }
    static constexpr char32_t wordMiddles[] = {0x27,   0x2E,   0x3A,   0xB7,   0x387,  0x55F,  0x5F4,  0x2018, 0x2019,
                                               0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};
    return std::binary_search(std::begin(wordMiddles), std::end(wordMiddles), c);
}

/// Unicode's Cased, for a character that is not case-ignorable (the only ones CPython asks about): the letters
/// Lu, Ll and Lt, and those of Other_Lowercase and Other_Uppercase that are no modifier or mark (ª, º, the Roman
/// numerals, the circled and squared letters).
bool isCasedNotIgnorable(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
        return true;
    default:
        break;
    }
    static constexpr std::pair<char32_t, char32_t> otherCased[] = {
        {0xAA, 0xAA},       {0xBA, 0xBA},       {0x2160, 0x217F},   {0x24B6, 0x24E9},
        {0x1F130, 0x1F149}, {0x1F150, 0x1F169}, {0x1F170, 0x1F189},
    };
    return std::any_of(std::begin(otherCased), std::end(otherCased),
                       [c](const auto &range) { return c >= range.first && c <= range.second; });
}

/// CPython's handle_capital_sigma(): the sigma at @p i is final when a cased character comes before it and none
/// after it, case-ignorable characters skipped on both sides.
char32_t lowercaseSigma(const QList<uint> &text, qsizetype i)
{
    qsizetype j = i - 1;
    while (j >= 0 && isCaseIgnorable(text[j]))
        --j;
    if (j < 0 || !isCasedNotIgnorable(text[j]))
        return smallSigma;
    j = i + 1;
    while (j < text.size() && isCaseIgnorable(text[j]))
        ++j;
    return j == text.size() || !isCasedNotIgnorable(text[j]) ? finalSigma : smallSigma;
}

/// A parsed format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type].
struct FormatSpec {
    QString fill = QStringLiteral(" "); ///< one character, two UTF-16 units beyond the BMP
    QChar align; ///< '<', '>', '^', '=' or null for the type's default
    QChar sign; ///< '+', '-', ' ' or null
    bool noNegativeZero = false; ///< 'z': a float that rounds to zero loses its minus sign
    bool alternate = false;
    int width = -1;
    QChar grouping; ///< ',' or '_' or null
    int precision = -1;
    char32_t type = 0; ///< the type given, else the object's default ('d' for an int, none for a float, 's')
    /// "0" before the width with no fill: numbers pad with zeros after their sign; strings (since 3.10) just fill.
    bool zeroPadding = false;
};

QString invalidSpec(const QString &spec, const char *typeName)
{
    return QStringLiteral("Invalid format specifier '%1' for object of type '%2'").arg(spec, QLatin1String(typeName));
}

/// A presentation type as CPython quotes it in a message: 'x', or '\x..' when it is no printable ASCII character.
QString quotedType(char32_t type)
{
    if (type > 32 && type < 128)
        return QStringLiteral("'%1'").arg(QChar(type));
    return QStringLiteral("'\\x%1'").arg(uint(type), 0, 16);
}

QString unknownType(char32_t type, const char *typeName)
{
    return QStringLiteral("Unknown format code %1 for object of type '%2'")
        .arg(quotedType(type), QLatin1String(typeName));
}

bool isAlign(char32_t c)
{
    return c == U'<' || c == U'>' || c == U'^' || c == U'=';
}

/// Reads decimal digits (of any script, as CPython's get_integer does) at @p i into @p value, -1 when there are
/// none; false when they pass the sanity bound.
bool readNumber(const QList<uint> &spec, qsizetype &i, int &value)
{
    value = 0;
    const qsizetype start = i;
    while (i < spec.size() && QChar::isDigit(spec[i])) {
        value = value * 10 + QChar::digitValue(spec[i]);
        if (value > maxFormatWidth)
            return false;
        ++i;
    }
    if (i == start)
        value = -1;
    return true;
}

/// Parses @p text as CPython 3.11's parse_internal_render_format_spec does, for an object of type @p typeName whose
/// presentation type is @p defaultType when none is given; nullopt with @p error set to CPython's ValueError text
/// when the spec is malformed (the checks that depend on the type come after, in each format function).
std::optional<FormatSpec> parseSpec(const QString &text, const char *typeName, char32_t defaultType, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<FormatSpec> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QList<uint> spec = text.toUcs4();
    FormatSpec f;
    f.type = defaultType;
    qsizetype i = 0;
    bool fillGiven = false;
    if (spec.size() >= 2 && isAlign(spec[1])) {
        f.fill = QString::fromUcs4(reinterpret_cast<const char32_t *>(&spec[0]), 1);
        f.align = QChar(spec[1]);
        fillGiven = true;
        i = 2;
    } else if (!spec.isEmpty() && isAlign(spec[0])) {
        f.align = QChar(spec[0]);
        i = 1;
    }
    if (i < spec.size() && (spec[i] == U'+' || spec[i] == U'-' || spec[i] == U' '))
        f.sign = QChar(spec[i++]);
    if (i < spec.size() && spec[i] == U'z') {
        f.noNegativeZero = true;
        ++i;
    }
    if (i < spec.size() && spec[i] == U'#') {
        f.alternate = true;
        ++i;
    }
    // "0" before the width, when no fill was given: zeros fill, and go between a number's sign and digits unless
    // an alignment was given ({x:<08.2f} is 3.140000). After a fill it is only the width's first digit.
    if (!fillGiven && i < spec.size() && spec[i] == U'0') {
        f.fill = QStringLiteral("0");
        f.zeroPadding = f.align.isNull();
        ++i;
    }
    if (!readNumber(spec, i, f.width))
        return fail(invalidSpec(text, typeName));
    if (i < spec.size() && spec[i] == U',') {
        f.grouping = QLatin1Char(',');
        ++i;
    }
    if (i < spec.size() && spec[i] == U'_') {
        if (!f.grouping.isNull())
            return fail(QStringLiteral("Cannot specify both ',' and '_'."));
        f.grouping = QLatin1Char('_');
        ++i;
    }
    if (i < spec.size() && spec[i] == U',' && f.grouping == QLatin1Char('_'))
        return fail(QStringLiteral("Cannot specify both ',' and '_'."));
    if (i < spec.size() && spec[i] == U'.') {
        ++i;
        if (!readNumber(spec, i, f.precision))
            return fail(invalidSpec(text, typeName));
        if (f.precision < 0)
            return fail(QStringLiteral("Format specifier missing precision"));
    }
    if (spec.size() - i > 1)
        return fail(invalidSpec(text, typeName));
    if (i < spec.size())
        f.type = spec[i];
    if (!f.grouping.isNull()) {
        // Grouping goes with the decimal types (PEP 378), and '_' with the binary, octal and hex ones (PEP 515).
        const bool decimal = f.type == 0 || QStringLiteral("deEfFgG%").contains(QChar(f.type));
        const bool underscored = f.grouping == QLatin1Char('_') && QStringLiteral("boxX").contains(QChar(f.type));
        if (!decimal && !underscored)
            return fail(QStringLiteral("Cannot specify '%1' with %2.").arg(f.grouping, quotedType(f.type)));
    }
    return f;
}

/// Inserts @p separator every @p every digits of the integer part of @p digits (which has no sign).
QString grouped(const QString &digits, QChar separator, int every)
{
    if (separator.isNull())
        return digits;
    // The integer part ends at the point, the exponent or the percent sign; hex digits count as digits.
    qsizetype end = 0;
    while (end < digits.size() && (digits[end].isDigit() || (every == 4 && digits[end].isLetter())))
        ++end;
    QString out = digits.mid(end);
    for (qsizetype i = end, count = 0; i > 0; --i, ++count) {
        if (count > 0 && count % every == 0)
            out.prepend(separator);
        out.prepend(digits[i - 1]);
    }
    return out;
}

/// The alignment a number's padding takes: the spec's, else '=' for zero padding, else @p defaultAlign.
QChar effectiveAlign(const FormatSpec &f, QChar defaultAlign)
{
    if (!f.align.isNull())
        return f.align;
    return f.zeroPadding && defaultAlign == QLatin1Char('>') ? QLatin1Char('=') : defaultAlign;
}

/// The number's digits grouped; with zeros padding between the sign and the digits, CPython groups the zeros too
/// ({255:08,} is 0,000,255), adding zeros until the grouped digits and the sign fill the width.
QString groupedDigits(const QString &sign, QString digits, const FormatSpec &f, int every = 3)
{
    const bool zerosGrouped = f.fill == QLatin1String("0") && effectiveAlign(f, QLatin1Char('>')) == QLatin1Char('=');
    if (f.grouping.isNull() || !zerosGrouped || f.width <= 0 || digits.isEmpty() || !digits[0].isDigit())
        return grouped(digits, f.grouping, every);
    QString out = grouped(digits, f.grouping, every);
    while (sign.size() + out.size() < f.width) {
        digits.prepend(QLatin1Char('0'));
        out = grouped(digits, f.grouping, every);
    }
    return out;
}

/// Pads a number's sign and digits to the spec's width; numbers align right by default.
QString pad(const QString &sign, const QString &body, const FormatSpec &f, QChar defaultAlign)
{
    const qsizetype length = sign.size() + PythonText::length(body);
    if (f.width <= length)
        return sign + body;
    const qsizetype missing = f.width - length;
    const QChar align = effectiveAlign(f, defaultAlign);
    if (align == QLatin1Char('<'))
        return sign + body + f.fill.repeated(missing);
    if (align == QLatin1Char('^'))
        return f.fill.repeated(missing / 2) + sign + body + f.fill.repeated(missing - missing / 2);
    if (align == QLatin1Char('='))
        return sign + f.fill.repeated(missing) + body;
    return f.fill.repeated(missing) + sign + body;
}

QString signOf(bool negative, const FormatSpec &f)
{
    if (negative)
        return QStringLiteral("-");
    if (f.sign == QLatin1Char('+'))
        return QStringLiteral("+");
    if (f.sign == QLatin1Char(' '))
        return QStringLiteral(" ");
    return {};
}

QString printfDouble(const char *conversion, int precision, double x)
{
    // Large enough for 1e308 in fixed notation with the widest precision allowed.
    std::string buffer(size_t(400 + maxFormatWidth), '\0');
    const CNumericLocale point; // a decimal point, whatever the user's locale
    const int written = std::snprintf(buffer.data(), buffer.size(), conversion, precision, x);
    buffer.resize(size_t(std::max(0, written)));
    return QString::fromStdString(buffer);
}

/// The digits of |x| for a presentation type, without sign and grouping, as CPython's format_float_short writes
/// them ('#' keeps the point even with no digits after it, and 'g''s trailing zeros).
QString floatDigits(double x, const FormatSpec &f)
{
    // 'n' is 'g' in the C locale, which Python keeps for numbers.
    const char32_t type = f.type == U'n' ? U'g' : f.type;
    const bool upper = type == U'E' || type == U'F' || type == U'G';
    // A percentage keeps its sign even for inf and nan, as CPython writes them: inf%, nan%.
    const QString percent = type == U'%' ? QStringLiteral("%") : QString();
    if (std::isinf(x))
        return (upper ? QStringLiteral("INF") : QStringLiteral("inf")) + percent;
    if (std::isnan(x))
        return (upper ? QStringLiteral("NAN") : QStringLiteral("nan")) + percent;
    const int precision = f.precision >= 0 ? f.precision : defaultFloatPrecision;
    switch (type) {
    case U'f':
    case U'F':
        return printfDouble(f.alternate ? "%#.*f" : "%.*f", precision, x);
    case U'e':
        return printfDouble(f.alternate ? "%#.*e" : "%.*e", precision, x);
    case U'E':
        return printfDouble(f.alternate ? "%#.*E" : "%.*E", precision, x);
    case U'%':
        return printfDouble(f.alternate ? "%#.*f" : "%.*f", precision, x * 100) + QLatin1Char('%');
    case U'g':
        return printfDouble(f.alternate ? "%#.*g" : "%.*g", precision == 0 ? 1 : precision, x);
    case U'G':
        return printfDouble(f.alternate ? "%#.*G" : "%.*G", precision == 0 ? 1 : precision, x);
    default:
        break;
    }
    // No type and no precision: repr(), which '#' gives a point even in exponent form (1.e+16).
    if (f.precision < 0) {
        QString repr = PythonText::floatRepr(x);
        if (f.alternate && !repr.contains(QLatin1Char('.')))
            repr.insert(repr.indexOf(QLatin1Char('e')), QLatin1Char('.'));
        return repr;
    }
    // With a precision, as 'g' but switching to exponent notation one digit sooner (at an exponent of
    // precision - 1), and keeping a digit after the point in fixed notation; '#' keeps the trailing zeros.
    const int digits = precision == 0 ? 1 : precision;
    const QString scientific = printfDouble(f.alternate ? "%#.*e" : "%.*e", digits - 1, x);
    const int exponent = scientific.mid(scientific.indexOf(QLatin1Char('e')) + 1).toInt();
    const auto withoutTrailingZeros = [&f](QString number) {
        if (!f.alternate && number.contains(QLatin1Char('.'))) {
            while (number.endsWith(QLatin1Char('0')))
                number.chop(1);
            if (number.endsWith(QLatin1Char('.')))
                number.chop(1);
        }
        return number;
    };
    if (exponent < -4 || exponent >= digits - 1) {
        const qsizetype e = scientific.indexOf(QLatin1Char('e'));
        return withoutTrailingZeros(scientific.left(e)) + scientific.mid(e);
    }
    QString fixed = withoutTrailingZeros(printfDouble("%.*f", digits - 1 - exponent, x));
    if (!fixed.contains(QLatin1Char('.')))
        fixed += QStringLiteral(".0");
    return fixed;
}

/// True when @p digits (a formatted float without its sign) shows zero: 'z' then drops a minus sign.
bool showsZero(const QString &digits)
{
    bool anyDigit = false;
    for (const QChar c : digits) {
        if (c == QLatin1Char('e') || c == QLatin1Char('E'))
            break;
        if (c.isDigit() && c != QLatin1Char('0'))
            return false;
        anyDigit = anyDigit || c.isDigit();
    }
    return anyDigit;
}

/// format(x, spec) for a float after its spec is parsed: the digits, the sign ('z' drops it from a zero) and the
/// padding.
QString formatParsedFloat(double x, const FormatSpec &f)
{
    const QString digits = floatDigits(std::abs(x), f);
    const bool negative = std::signbit(x) && !std::isnan(x) && !(f.noNegativeZero && showsZero(digits));
    const QString sign = signOf(negative, f);
    return pad(sign, groupedDigits(sign, digits, f), f, QLatin1Char('>'));
}

/// str.isprintable() for one character: not a control, format, surrogate, private-use or unassigned character,
/// and no separator but the plain space. repr() escapes the others.
bool isPrintable(char32_t point)
{
    switch (QChar::category(point)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    case QChar::Separator_Space:
        return point == U' ';
    default:
        return true;
    }
}

} // namespace

QString PythonText::floatRepr(double x)
{
    if (std::isnan(x))
        return QStringLiteral("nan");
    if (std::isinf(x))
        return x < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    // The shortest digits that read back as x, in scientific form: "3.0000000000000004e-01".
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::abs(x), std::chars_format::scientific);
    const std::string scientific(buffer, result.ptr);
    const std::size_t e = scientific.find('e');
    std::string digits = scientific.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exponent = std::atoi(scientific.c_str() + e + 1);
    const int decimalPoint = exponent + 1; // digits before the point
    QString out = std::signbit(x) ? QStringLiteral("-") : QString();
    const QString allDigits = QString::fromStdString(digits);
    if (decimalPoint >= fixedNotationMinDecimalPoint && decimalPoint <= fixedNotationMaxDecimalPoint) {
        if (decimalPoint <= 0) {
            out += QStringLiteral("0.") + QString(-decimalPoint, QLatin1Char('0')) + allDigits;
        } else if (decimalPoint >= allDigits.size()) {
            out += allDigits + QString(decimalPoint - allDigits.size(), QLatin1Char('0')) + QStringLiteral(".0");
        } else {
            out += allDigits.left(decimalPoint) + QLatin1Char('.') + allDigits.mid(decimalPoint);
        }
    } else {
        out += allDigits.left(1);
        if (allDigits.size() > 1)
            out += QLatin1Char('.') + allDigits.mid(1);
        out += QStringLiteral("e%1%2")
                   .arg(exponent < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                   .arg(std::abs(exponent), 2, 10, QLatin1Char('0'));
    }
    return out;
}

QString PythonText::lower(const QString &s)
{
    if (!s.contains(QChar(capitalSigma)))
        return s.toLower();
    // Every other character lowers on its own: the runs between the sigmas go to Qt whole.
    const QList<uint> text = s.toUcs4();
    QString lowered;
    lowered.reserve(s.size());
    qsizetype runStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != capitalSigma)
            continue;
        lowered += QString::fromUcs4(reinterpret_cast<const char32_t *>(text.constData()) + runStart, i - runStart)
                       .toLower();
        if (i < text.size())
            lowered += QChar(char16_t(lowercaseSigma(text, i)));
        runStart = i + 1;
    }
    return lowered;
}

QString PythonText::ascii(const QString &repr)
{
    QString out;
    for (const char32_t point : QStringView(repr).toUcs4()) {
        if (point < 0x80)
            out += QChar(char16_t(point));
        else if (point <= 0xFF)
            out += QStringLiteral("\\x%1").arg(uint(point), 2, 16, QLatin1Char('0'));
        else if (point <= 0xFFFF)
            out += QStringLiteral("\\u%1").arg(uint(point), 4, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\U%1").arg(uint(point), 8, 16, QLatin1Char('0'));
    }
    return out;
}

int PythonText::compare(const QString &a, const QString &b)
{
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        char16_t x = a[i].unicode();
        char16_t y = b[i].unicode();
        if (x == y)
            continue;
        // At the first difference, code point order is UTF-16 order with the surrogates moved above U+FFFF:
        // a lead surrogate stands for a character past every unit from U+E000 up.
        const auto rank = [](char16_t unit) {
            return unit >= 0xE000 ? unit - 0x800 : unit >= 0xD800 ? unit + 0x2000 : unit;
        };
        return rank(x) < rank(y) ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

qsizetype PythonText::length(const QString &s)
{
    qsizetype pairs = 0;
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i].isHighSurrogate() && s[i + 1].isLowSurrogate()) {
            ++pairs;
            ++i;
        }
    }
    return s.size() - pairs;
}

QString PythonText::characterAt(const QString &s, qsizetype index)
{
    // Most text has no surrogates: then a character is a unit.
    if (length(s) == s.size())
        return QString(s[index]);
    for (qsizetype i = 0, point = 0; i < s.size(); ++i, ++point) {
        const bool pair = s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate();
        if (point == index)
            return s.mid(i, pair ? 2 : 1);
        if (pair)
            ++i;
    }
    return {};
}

QString PythonText::stringRepr(const QString &s)
{
    const bool useDouble = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'));
    const QChar quote = useDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString out(quote);
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        char32_t point = c.unicode();
        // A surrogate pair is one character to Python: read it whole.
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            point = QChar::surrogateToUcs4(c, s[++i]);
        if (point == quote.unicode() || point == U'\\') {
            out += QLatin1Char('\\');
            out += QChar(point);
        } else if (point == U'\n') {
            out += QStringLiteral("\\n");
        } else if (point == U'\r') {
            out += QStringLiteral("\\r");
        } else if (point == U'\t') {
            out += QStringLiteral("\\t");
        } else if (point < 0x20 || point == 0x7f) {
            out += QStringLiteral("\\x%1").arg(uint(point), 2, 16, QLatin1Char('0'));
        } else if (point < 0x7f || isPrintable(point)) {
            out += QString::fromUcs4(&point, 1);
        } else if (point < 0x100) {
            out += QStringLiteral("\\x%1").arg(uint(point), 2, 16, QLatin1Char('0'));
        } else if (point < 0x10000) {
            out += QStringLiteral("\\u%1").arg(uint(point), 4, 16, QLatin1Char('0'));
        } else {
            out += QStringLiteral("\\U%1").arg(uint(point), 8, 16, QLatin1Char('0'));
        }
    }
    out += quote;
    return out;
}

std::optional<QString> PythonText::formatInt(std::int64_t n, const QString &spec, QString *error, const char *typeName)
{
    const std::optional<FormatSpec> f = parseSpec(spec, typeName, U'd', error);
    if (!f)
        return std::nullopt;
    const auto fail = [error](const QString &message) -> std::optional<QString> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    // An int given a float's presentation is formatted as that float, as Python does; any other type is unknown.
    if (QStringLiteral("eEfFgG%").contains(QChar(f->type)))
        return formatParsedFloat(double(n), *f);
    if (!QStringLiteral("bcdoxXn").contains(QChar(f->type)) || f->type > 0xFFFF)
        return fail(unknownType(f->type, typeName));
    if (f->precision >= 0)
        return fail(QStringLiteral("Precision not allowed in integer format specifier"));
    if (f->noNegativeZero)
        return fail(QStringLiteral("Negative zero coercion (z) not allowed in integer format specifier"));
    const bool negative = n < 0;
    // The magnitude as unsigned, so that the most negative 64-bit value has one too.
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(n) : std::uint64_t(n);
    int base = 10;
    QString prefix;
    switch (f->type) {
    case U'x':
    case U'X':
        base = 16;
        prefix = f->alternate ? QStringLiteral("0x") : QString();
        break;
    case U'o':
        base = 8;
        prefix = f->alternate ? QStringLiteral("0o") : QString();
        break;
    case U'b':
        base = 2;
        prefix = f->alternate ? QStringLiteral("0b") : QString();
        break;
    case U'c': {
        // The character of that code point, padded as a number is.
        if (!f->sign.isNull())
            return fail(QStringLiteral("Sign not allowed with integer format specifier 'c'"));
        if (f->alternate)
            return fail(QStringLiteral("Alternate form (#) not allowed with integer format specifier 'c'"));
        if (negative || magnitude > 0x10FFFF)
            return fail(QLatin1String(characterOutOfRange));
        return pad(QString(), QString::fromUcs4(std::array<char32_t, 1>{char32_t(magnitude)}.data(), 1), *f,
                   QLatin1Char('>'));
    }
    default: // 'd', and 'n', which is 'd' in the C locale Python keeps for numbers
        break;
    }
    QString digits = QString::number(magnitude, base);
    if (f->type == U'X') {
        digits = digits.toUpper();
        prefix = prefix.toUpper();
    }
    const QString sign = signOf(negative, *f) + prefix;
    // '_' groups binary, octal and hex digits by four.
    return pad(sign, groupedDigits(sign, digits, *f, base == 10 ? 3 : 4), *f, QLatin1Char('>'));
}

std::optional<QString> PythonText::formatFloat(double x, const QString &spec, QString *error)
{
    const std::optional<FormatSpec> f = parseSpec(spec, "float", 0, error);
    if (!f)
        return std::nullopt;
    if (f->type != 0 && !QStringLiteral("eEfFgGn%").contains(QChar(f->type))) {
        if (error)
            *error = unknownType(f->type, "float");
        return std::nullopt;
    }
    return formatParsedFloat(x, *f);
}

std::optional<QString> PythonText::formatString(const QString &s, const QString &spec, QString *error)
{
    const std::optional<FormatSpec> f = parseSpec(spec, "str", U's', error);
    if (!f)
        return std::nullopt;
    QString message;
    if (f->type != U's')
        message = unknownType(f->type, "str");
    else if (f->sign == QLatin1Char(' '))
        message = QStringLiteral("Space not allowed in string format specifier");
    else if (!f->sign.isNull())
        message = QStringLiteral("Sign not allowed in string format specifier");
    else if (f->noNegativeZero)
        message = QStringLiteral("Negative zero coercion (z) not allowed in string format specifier");
    else if (f->alternate)
        message = QStringLiteral("Alternate form (#) not allowed in string format specifier");
    else if (f->align == QLatin1Char('='))
        message = QStringLiteral("'=' alignment not allowed in string format specifier");
    if (!message.isNull()) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    QString text = s;
    if (f->precision >= 0 && f->precision < PythonText::length(s)) {
        text.clear();
        for (qsizetype i = 0; i < f->precision; ++i)
            text += PythonText::characterAt(s, i);
    }
    return pad(QString(), text, *f, QLatin1Char('<'));
}

std::optional<std::int64_t> PythonText::roundToInteger(double x)
{
    if (!std::isfinite(x))
        return std::nullopt;
    // The default rounding mode rounds ties to even, as Python's round() does.
    const double rounded = std::nearbyint(x);
    if (rounded < -9.2233720368547758e18 || rounded >= 9.2233720368547758e18)
        return std::nullopt;
    return std::int64_t(rounded);
}

std::string PythonText::asciiDigitsAndSpaces(const QString &text)
{
    std::string ascii;
    for (const char32_t c : text.toUcs4()) {
        if (QChar::isSpace(c) || (c >= 0x1c && c <= 0x1f)) // Python counts the ASCII separators as spaces too
            ascii += ' ';
        else if (QChar::isDigit(c))
            ascii += char('0' + QChar::digitValue(c));
        else
            ascii += c < 128 ? char(c) : '?'; // no literal has it: it stays invalid
    }
    return ascii;
}

std::optional<double> PythonText::parseFloat(const QString &text)
{
    std::string ascii = asciiDigitsAndSpaces(text);
    const std::size_t first = ascii.find_first_not_of(' ');
    if (first == std::string::npos)
        return std::nullopt;
    ascii = ascii.substr(first, ascii.find_last_not_of(' ') + 1 - first);
    std::string lower = ascii;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const bool negative = !lower.empty() && lower[0] == '-';
    const std::string_view unsignedLower = std::string_view(lower).substr(lower[0] == '-' || lower[0] == '+');
    if (unsignedLower == "inf" || unsignedLower == "infinity")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (unsignedLower == "nan")
        return std::nan("");
    // Python's float syntax; strtod then reads it, out-of-range values as inf or 0.0 as CPython does.
    static const QRegularExpression syntax(
        QStringLiteral("^[+-]?(([0-9](_?[0-9])*)?\\.?[0-9](_?[0-9])*|[0-9](_?[0-9])*\\.)([eE][+-]?[0-9](_?[0-9])*)?$"));
    if (!syntax.match(QLatin1String(ascii.data(), qsizetype(ascii.size()))).hasMatch())
        return std::nullopt;
    std::erase(ascii, '_');
    const CNumericLocale point;
    return std::strtod(ascii.c_str(), nullptr);
}

PythonText::IntLiteral PythonText::parseInt(const QString &text, int base, std::int64_t *value)
{
    // As CPython: Unicode spaces and decimal digits first become ASCII ones, then the ASCII literal is read.
    const std::string ascii = asciiDigitsAndSpaces(text);
    std::size_t i = ascii.find_first_not_of(' ');
    const std::size_t end = ascii.find_last_not_of(' ') + 1;
    if (i == std::string::npos)
        return IntLiteral::Invalid;
    const auto at = [&](std::size_t k) { return k < end ? ascii[k] : '\0'; };
    bool negative = false;
    if (at(i) == '+' || at(i) == '-')
        negative = ascii[i++] == '-';
    const char marker = at(i + 1) >= 'A' && at(i + 1) <= 'Z' ? char(at(i + 1) - 'A' + 'a') : at(i + 1);
    // Base 0 takes its base from the prefix; without one, a leading 0 allows only zeros (no C-style octal).
    bool onlyZeros = false;
    if (base == 0) {
        if (at(i) != '0')
            base = 10;
        else if (marker == 'x' || marker == 'o' || marker == 'b')
            base = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
        else
            onlyZeros = true, base = 10;
    }
    if (at(i) == '0'
        && ((base == 16 && marker == 'x') || (base == 8 && marker == 'o') || (base == 2 && marker == 'b'))) {
        i += 2;
        if (at(i) == '_') // one underscore may follow the prefix
            ++i;
    }
    // The magnitude, kept up to 2^63 (the most negative int); past that only the syntax is still checked.
    constexpr std::uint64_t limit = std::uint64_t(1) << 63;
    std::uint64_t magnitude = 0;
    bool tooLarge = false;
    bool digits = false;
    for (bool underscore = false; i < end; ++i) {
        const char c = ascii[i];
        if (c == '_') {
            if (!digits || underscore)
                return IntLiteral::Invalid;
            underscore = true;
            continue;
        }
        underscore = false;
        const int digit = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'z'             ? c - 'a' + 10
            : c >= 'A' && c <= 'Z'             ? c - 'A' + 10
                                               : 36;
        if (digit >= base || (onlyZeros && digit != 0))
            return IntLiteral::Invalid;
        digits = true;
        if (!tooLarge && magnitude > (limit - std::uint64_t(digit)) / std::uint64_t(base))
            tooLarge = true;
        else if (!tooLarge)
            magnitude = magnitude * std::uint64_t(base) + std::uint64_t(digit);
    }
    if (!digits || ascii[end - 1] == '_')
        return IntLiteral::Invalid;
    if (tooLarge || (!negative && magnitude == limit))
        return IntLiteral::TooLarge;
    *value = negative ? std::int64_t(0 - magnitude) : std::int64_t(magnitude);
    return IntLiteral::Valid;
}

double PythonText::roundFloat(double x, int digits)
{
    if (!std::isfinite(x) || x == 0)
        return x;
    if (digits >= 0) {
        // glibc prints the exact binary value correctly rounded, ties to even: CPython's own method.
        if (digits > 340)
            return x;
        const QString text = printfDouble("%.*f", digits, x);
        const CNumericLocale point;
        return std::strtod(text.toLatin1().constData(), nullptr);
    }
    // CPython's NDIGITS_MIN: past it every finite double rounds to a signed zero.
    constexpr int fewestDigits = -308;
    if (digits < fewestDigits)
        return 0.0 * x;
    // To a multiple of 10^-digits, as CPython's dtoa rounds the exact binary value, ties to even: x / scale
    // rounds twice, and missed the nearest double for large values (round(9223372036854775795 ** 1.5, -1)). The
    // integer part's exact digits decide, and what lies below the point only breaks a tie; the decimal result then
    // goes to its nearest double.
    const double whole = std::trunc(std::fabs(x));
    const bool belowThePoint = whole != std::fabs(x);
    QString decimal = printfDouble("%.*f", 0, whole);
    const auto places = std::size_t(-digits);
    if (std::size_t(decimal.size()) < places + 1)
        decimal = QString(qsizetype(places + 1) - decimal.size(), u'0') + decimal;
    const qsizetype keep = decimal.size() - qsizetype(places);
    const QString dropped = decimal.mid(keep);
    QString kept = decimal.left(keep);
    const QString half = QLatin1Char('5') + QString(dropped.size() - 1, u'0');
    const int against = dropped.compare(half);
    const bool odd = (kept.back().digitValue() % 2) != 0;
    if (against > 0 || (against == 0 && (belowThePoint || odd))) {
        // Carry the one up through the nines.
        qsizetype i = kept.size() - 1;
        while (i >= 0 && kept[i] == u'9')
            kept[i--] = u'0';
        if (i < 0)
            kept.prepend(u'1');
        else
            kept[i] = QChar(kept[i].unicode() + 1);
    }
    const CNumericLocale point;
    const double rounded
        = std::strtod((kept + QLatin1Char('e') + QString::number(places)).toLatin1().constData(), nullptr);
    return std::signbit(x) ? -rounded : rounded;
}

std::int64_t PythonText::roundInt(std::int64_t n, int digits)
{
    if (digits >= 0)
        return n;
    if (digits < -18)
        return 0;
    std::int64_t scale = 1;
    for (int i = 0; i < -digits; ++i)
        scale *= 10;
    std::int64_t quotient = n / scale;
    std::int64_t remainder = n % scale;
    if (remainder < 0) {
        remainder += scale;
        --quotient;
    }
    // Ties go to the even multiple.
    if (remainder * 2 > scale || (remainder * 2 == scale && quotient % 2 != 0))
        ++quotient;
    return quotient * scale;
}

} // namespace recipe
