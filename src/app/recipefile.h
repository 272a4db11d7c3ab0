// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * A recipe's text, from a file the user names or from the recipes bundled
 * with Bakeloop (`cake`, `three_jobs`, ...). A recipe is a file from a
 * stranger: only a regular file of at most maxBytes is read, so a device,
 * a FIFO or a huge file costs a message, not a hang.
 */
class RecipeFile
{
public:
    /// Larger than any lesson by far; a recipe past it is refused before it is read.
    static constexpr qint64 maxBytes = 1024 * 1024;

    /// The recipe at @p pathOrName: a bundled recipe's name, else a path. Nothing, with @p error set, on failure.
    static std::optional<RecipeFile> load(const QString &pathOrName, QString *error);
    /// The bundled recipes' names, sorted.
    static QStringList bundledNames();
    /// A bundled recipe's one-line summary, from its "# Summary: ..." first line.
    static QString summaryOf(const QString &name);

    /// How messages name it: the path as given, or "cake.py" for a bundled one.
    QString displayName;
    /// How CPython's tracebacks and warnings name it: python3 puts the working folder in front of a relative path,
    /// normalising nothing ("/home/me/./cake.py"); "cake.py" for a bundled one.
    QString pythonName;
    QByteArray bytes;
};
