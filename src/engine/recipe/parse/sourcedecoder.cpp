// SPDX-License-Identifier: MIT
#include "sourcedecoder.h"

namespace recipe {

namespace {

constexpr unsigned char asciiEnd = 0x80;
constexpr unsigned char continuationMask = 0xC0;
constexpr unsigned char continuationBits = 0x80;
constexpr unsigned char twoByteLead = 0xC2; // C0 and C1 could only spell ASCII again (overlong)
constexpr unsigned char threeByteLead = 0xE0;
constexpr unsigned char surrogateLead = 0xED;
constexpr unsigned char fourByteLead = 0xF0;
constexpr unsigned char lastFourByteLead = 0xF4;
constexpr unsigned char lowestContinuation = 0x80;
constexpr unsigned char highestContinuation = 0xBF;
// Second-byte bounds that rule out overlong forms, surrogates and code points past U+10FFFF.
constexpr unsigned char lowestAfterE0 = 0xA0;
constexpr unsigned char highestAfterED = 0x9F;
constexpr unsigned char lowestAfterF0 = 0x90;
constexpr unsigned char highestAfterF4 = 0x8F;
const QByteArray byteOrderMark = QByteArrayLiteral("\xEF\xBB\xBF");

bool isContinuation(unsigned char byte)
{
    return (byte & continuationMask) == continuationBits;
}

} // namespace

int SourceDecoder::sequenceLength(const QByteArray &utf8, qsizetype at)
{
    const auto byte = [&](qsizetype i) { return at + i < utf8.size() ? static_cast<unsigned char>(utf8[at + i]) : 0; };
    const unsigned char lead = byte(0);
    if (lead < asciiEnd)
        return 1;
    int length = 0;
    unsigned char lowest = lowestContinuation;
    unsigned char highest = highestContinuation;
    if (lead >= twoByteLead && lead < threeByteLead) {
        length = 2;
    } else if (lead >= threeByteLead && lead < fourByteLead) {
        length = 3;
        lowest = lead == threeByteLead ? lowestAfterE0 : lowest;
        highest = lead == surrogateLead ? highestAfterED : highest;
    } else if (lead >= fourByteLead && lead <= lastFourByteLead) {
        length = 4;
        lowest = lead == fourByteLead ? lowestAfterF0 : lowest;
        highest = lead == lastFourByteLead ? highestAfterF4 : highest;
    } else {
        return 0;
    }
    if (byte(1) < lowest || byte(1) > highest)
        return 0;
    for (int i = 2; i < length; ++i) {
        if (!isContinuation(byte(i)))
            return 0;
    }
    return length;
}

std::optional<QString> SourceDecoder::decode(const QByteArray &utf8, Diagnostic *problem)
{
    const qsizetype start = utf8.startsWith(byteOrderMark) ? byteOrderMark.size() : 0;
    int line = 1;
    int column = 1;
    for (qsizetype at = start; at < utf8.size();) {
        const char byte = utf8[at];
        if (byte == '\0') {
            *problem = {{line, column}, QStringLiteral("source code cannot contain null bytes")};
            return std::nullopt;
        }
        const int length = sequenceLength(utf8, at);
        if (length == 0) {
            *problem = {{line, column},
                        QStringLiteral("the recipe is not valid UTF-8 (byte 0x%1); save it as UTF-8")
                            .arg(static_cast<unsigned char>(byte), 2, 16, QLatin1Char('0'))};
            return std::nullopt;
        }
        // Lines break as the lexer breaks them: \n, \r\n and \r.
        const bool crBeforeLf = byte == '\r' && at + 1 < utf8.size() && utf8[at + 1] == '\n';
        if ((byte == '\n' || byte == '\r') && !crBeforeLf) {
            ++line;
            column = 1;
        } else if (!crBeforeLf) {
            ++column;
        }
        at += length;
    }
    return QString::fromUtf8(utf8.constData() + start, utf8.size() - start);
}

} // namespace recipe
