// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <string>

namespace recipe {

/**
 * Numbers and strings written exactly as CPython 3.11 writes them: repr()
 * of a float (the shortest digits that read back the same, in fixed
 * notation from 1e-4 up to 1e16), repr() of a str (quotes and escapes),
 * format() with a format spec as f-strings and str.format use it, and
 * round() on ints and floats. The recipe engine prints through these, so
 * its lines match python3's byte for byte.
 */
class PythonText
{
public:
    /// repr(x) and str(x) of a float: "0.30000000000000004", "1e+16", "100.0", "-0.0", "inf", "nan".
    static QString floatRepr(double x);
    /// repr(s): single quotes unless the text holds ' and no ", with Python's escapes.
    static QString stringRepr(const QString &s);
    /// ascii() of a repr: every character past ASCII escaped, as \xhh, \uhhhh or \Uhhhhhhhh.
    static QString ascii(const QString &repr);

    /// len(s): its characters as Python counts them, code points (an emoji is one, not two UTF-16 units).
    static qsizetype length(const QString &s);
    /// -1, 0 or 1 as Python orders two strs: by code point, where QString's compare() goes by UTF-16 unit and
    /// puts a character beyond U+FFFF (a surrogate pair) before U+E000..U+FFFF.
    static int compare(const QString &a, const QString &b);
    /// s[i] for 0 <= i < length(s): the character at code point @p index, one or two UTF-16 units.
    static QString characterAt(const QString &s, qsizetype index);
    /// s.lower(): Qt's full lowercase mapping, and a capital sigma in Unicode's Final_Sigma context (the end of a
    /// word: "ΣΑΣ" is "σας") as ς, which Qt leaves out; decided as CPython's handle_capital_sigma() decides it.
    static QString lower(const QString &s);

    /// format(n, spec); nullopt with @p error set to CPython's ValueError text when the spec does not apply, which
    /// names the type @p typeName (a bool formats as an int, but its messages say bool).
    static std::optional<QString> formatInt(std::int64_t n, const QString &spec, QString *error,
                                            const char *typeName = "int");
    static std::optional<QString> formatFloat(double x, const QString &spec, QString *error);
    static std::optional<QString> formatString(const QString &s, const QString &spec, QString *error);
    /// The error of {n:c} for an n outside Unicode, the one format error CPython raises as an OverflowError.
    static constexpr char characterOutOfRange[] = "%c arg not in range(0x110000)";

    /// round(x): the nearest integer, ties to even; nullopt for inf and nan, which have none.
    static std::optional<std::int64_t> roundToInteger(double x);
    /// round(x, digits) for a float, correctly rounded as CPython does it.
    static double roundFloat(double x, int digits);
    /// round(n, digits) for an int: unchanged for digits >= 0, else to a multiple of 10^-digits, ties to even.
    static std::int64_t roundInt(std::int64_t n, int digits);

    /// What int(s, base) reads in a str, as CPython 3.11's PyLong_FromUnicodeObject does (base 0 or 2..36).
    enum class IntLiteral { Valid, Invalid, TooLarge };
    /// int(@p text, @p base): whitespace around, a sign, a prefix (0x, 0o, 0b) that base 0 or its own base allows,
    /// single underscores between digits, any Unicode decimal digit. TooLarge for a literal beyond 64 bits, which
    /// CPython reads and the kitchen cannot hold; @p value is set only when Valid.
    static IntLiteral parseInt(const QString &text, int base, std::int64_t *value);
    /// float(@p text), as CPython 3.11 reads a str: whitespace around, inf, infinity and nan in any case with a
    /// sign, single underscores between digits, any Unicode decimal digit, a decimal point whatever the locale;
    /// nullopt when it is no float literal.
    static std::optional<double> parseFloat(const QString &text);

private:
    /// @p text with Unicode spaces as ASCII spaces and Unicode decimal digits as ASCII digits, as CPython makes a
    /// numeric literal ASCII before it reads it; any other non-ASCII character becomes '?', which no literal has.
    static std::string asciiDigitsAndSpaces(const QString &text);
};

} // namespace recipe
