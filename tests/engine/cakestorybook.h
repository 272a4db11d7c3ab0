// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

/**
 * What the hand-written cake drivers (the SyncDriver, AsyncDriver and
 * ThreadedDriver that baked the cake before the recipe engine did) told for
 * each bake tst_cakerecipedriver compares the engine with: recorded once
 * from them, kept in tests/engine/cakestories.txt, so the engine is held to
 * what the window showed before it took over, and the hand-written cake
 * could go.
 *
 * The file is a list of sections. A section begins with a line `== KEY`
 * (the test function and its data row) and holds one record a line, each
 * record fields apart by tabs, its first field its kind.
 */
class CakeStoryBook
{
public:
    using Record = QStringList;

    explicit CakeStoryBook(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            m_error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return;
        }
        QList<Record> *section = nullptr;
        int lineNumber = 0;
        while (!file.atEnd()) {
            ++lineNumber;
            QString line = QString::fromUtf8(file.readLine());
            if (line.endsWith(QLatin1Char('\n')))
                line.chop(1);
            if (line.isEmpty())
                continue;
            if (line.startsWith(QLatin1String("== "))) {
                section = &m_sections[line.mid(3)];
            } else if (!section) {
                m_error = QStringLiteral("%1:%2: a record before any section").arg(path).arg(lineNumber);
                return;
            } else {
                section->append(line.split(QLatin1Char('\t')));
            }
        }
    }

    /// Why the book could not be read; empty when it was.
    QString errorString() const { return m_error; }
    bool contains(const QString &key) const { return m_sections.contains(key); }
    /// The records kept under @p key, in order; none when there is no such section.
    QList<Record> section(const QString &key) const { return m_sections.value(key); }

private:
    QHash<QString, QList<Record>> m_sections;
    QString m_error;
};
