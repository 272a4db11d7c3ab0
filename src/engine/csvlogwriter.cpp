// SPDX-License-Identifier: MIT
#include "csvlogwriter.h"

#include "outputfile.h"

#include "bakelogmodel.h"

#include <QStringList>

#include <algorithm>

namespace {
/// RFC 4180 ends every record, the last one too, with CRLF.
constexpr QLatin1String recordEnd("\r\n");
} // namespace

CsvLogWriter::CsvLogWriter(const BakeLogModel &log, int run)
    : m_log(log)
    , m_run(run)
{
}

QString CsvLogWriter::field(const QString &text)
{
    static const QString needsQuotes = QStringLiteral(",\"\r\n");
    const bool quoted = std::any_of(text.cbegin(), text.cend(), [](QChar c) { return needsQuotes.contains(c); });
    if (!quoted)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray CsvLogWriter::toBytes() const
{
    QString csv = QLatin1String(header) + recordEnd;
    for (const LogEntry &entry : m_log.entries(m_run)) {
        if (entry.cake != 0)
            continue;
        const QStringList row{
            QString::number(entry.timeMs),
            field(taskName(entry.task)),
            field(entry.message()),
            QString::number(entry.kitchen.oven().temperature()),
            QString::number(entry.kitchen.bowl().mixesDone()),
            field(taskStateName(entry.kitchen.state(TaskId::Preheat))),
            field(taskStateName(entry.kitchen.state(TaskId::Mix))),
        };
        csv += row.join(QLatin1Char(',')) + recordEnd;
    }
    return csv.toUtf8();
}

bool CsvLogWriter::write(const QString &path, QString *error) const
{
    const QByteArray bytes = toBytes();
    // OutputFile writes only regular files, and only whole: a failed write leaves what was there.
    QString why;
    if (!OutputFile(path).write(bytes, &why)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, why);
        return false;
    }
    return true;
}
