// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

/**
 * A file the user named for Bakeloop to write: a report, an export, a saved
 * log, a screenshot. Only a regular file is ever written, and only whole:
 * the bytes go to a temporary file beside it that is renamed over it at the
 * end (QSaveFile), so a write that fails leaves what was there before.
 *
 * Anything else is refused before a byte is written: a device, a FIFO or a
 * socket (which a rename would replace with a plain file, even /dev/full as
 * root), a file in a kernel file system such as /proc or /sys, a name longer
 * than the file system takes, a folder that is missing or read-only.
 * problem() gives the same verdict up front, so a bad path costs no bake.
 */
class OutputFile
{
public:
    explicit OutputFile(const QString &path);

    /// Why the file cannot be written, as a phrase to follow "cannot write PATH: "; empty when it can.
    QString problem() const;
    /// Writes @p bytes as the whole file; false, with @p error set to why and the file as it was, on failure.
    bool write(const QByteArray &bytes, QString *error) const;

private:
    /// The file a write lands in: the path itself, or the file a symbolic link points to.
    QString target() const;

    QString m_path;
};
