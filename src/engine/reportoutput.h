// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

/**
 * Where a --report goes: a file the user named (written whole, through
 * OutputFile), or standard output for "-". A bake's report and a recipe's
 * are written the same way, and a full disk or a closed pipe never passes
 * for a report delivered.
 */
class ReportOutput
{
public:
    /// Writes @p json, indented, to @p path. False with @p error set on failure.
    static bool write(const QJsonObject &json, const QString &path, QString *error);
};
