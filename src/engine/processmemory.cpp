// SPDX-License-Identifier: MIT
#include "processmemory.h"

#include <QFile>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#include <unistd.h>
#endif

qint64 ProcessMemory::residentBytes()
{
#if defined(Q_OS_LINUX)
    // statm: total pages, then resident pages, ...
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    bool ok = false;
    const qint64 pages = fields.size() > 1 ? fields.at(1).toLongLong(&ok) : 0;
    return ok ? pages * sysconf(_SC_PAGESIZE) : -1;
#else
    return -1;
#endif
}

qint64 ProcessMemory::peakResidentBytes()
{
#if defined(Q_OS_UNIX)
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
#if defined(Q_OS_MACOS)
    return qint64(usage.ru_maxrss); // bytes there
#else
    return qint64(usage.ru_maxrss) * 1024; // kilobytes on Linux
#endif
#else
    return -1;
#endif
}

qint64 ProcessMemory::machineBytes()
{
#if defined(Q_OS_UNIX) && defined(_SC_PHYS_PAGES)
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageBytes = sysconf(_SC_PAGESIZE);
    return pages > 0 && pageBytes > 0 ? qint64(pages) * pageBytes : -1;
#else
    return -1;
#endif
}
