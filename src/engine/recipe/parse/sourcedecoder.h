// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace recipe {

/**
 * Turns a recipe file's bytes into text, refusing what Python would refuse:
 * bytes that are not UTF-8, and NUL. Where it refuses, it says at which line
 * and column (counted in characters, as the parser counts them) the first bad
 * byte stands, so the message points into the file like any other.
 */
class SourceDecoder
{
public:
    /// The text, or nothing with @p problem set.
    static std::optional<QString> decode(const QByteArray &utf8, Diagnostic *problem);

private:
    /// The length of the valid UTF-8 sequence starting at @p at, or 0 when it is not one.
    static int sequenceLength(const QByteArray &utf8, qsizetype at);
};

} // namespace recipe
