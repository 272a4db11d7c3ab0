// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

class BakeLogModel;

/**
 * Writes the lines of one run of the log as CSV, for a spreadsheet or
 * pandas: a header, then one row per line with its time, task, message and
 * the kitchen as it was at that line.
 *
 *     t_ms,task,message,oven_temp,mixes_done,preheat_state,mix_state
 *     1000,preheat,temp is now 200,200,0,running,waiting
 *
 * Like the trace, it holds the first cake's lines only and leaves out
 * notes, which are not lines of the bake. Rows follow RFC 4180: CRLF line
 * ends, and a field with a comma, a quote or a line break quoted.
 */
class CsvLogWriter
{
public:
    static constexpr const char *header = "t_ms,task,message,oven_temp,mixes_done,preheat_state,mix_state";

    /// Reads run @p run of @p log each time it is asked, so the log must outlive the writer.
    CsvLogWriter(const BakeLogModel &log, int run);

    /// The whole file, UTF-8, header first.
    QByteArray toBytes() const;
    /// Writes toBytes() to @p path in full or not at all. False with @p error set to one sentence on failure.
    bool write(const QString &path, QString *error) const;

    /// @p text as one CSV field: as it is, or in double quotes with its own quotes doubled where it needs them.
    static QString field(const QString &text);

private:
    const BakeLogModel &m_log;
    int m_run;
};
