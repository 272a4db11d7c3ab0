// SPDX-License-Identifier: MIT
#include "outputfile.h"

#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <iterator>

#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace {
/// The longest path the kernel takes; a longer one fails in open() whatever the file system.
constexpr qsizetype maxPathBytes = 4095;
/// As the kernel's own limit on links followed in one lookup (ELOOP).
constexpr int maxLinkHops = 40;
/// What a file system takes when it cannot be asked: ext4, tmpfs, xfs and btrfs all take 255.
constexpr long fallbackNameMaxBytes = 255;

/// Kernel file systems whose files are the kernel's interfaces, never a place to save a report.
struct KernelFileSystem {
    long magic; ///< statfs' f_type, from linux/magic.h
    const char *name;
};
constexpr KernelFileSystem kernelFileSystems[] = {
    {0x9fa0, "proc"},       {0x62656572, "sysfs"},    {0x64626720, "debugfs"},  {0x73636673, "securityfs"},
    {0x27e0eb, "cgroup"},   {0x63677270, "cgroup2"},  {0x74726163, "tracefs"},  {0xcafe4a11, "bpf"},
    {0x6165676c, "pstore"}, {0xde5e81e4, "efivarfs"}, {0x62656570, "configfs"}, {0x1cd1, "devpts"},
};

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

/// What kind of thing other than a regular file @p mode says is there.
QString kindOf(mode_t mode)
{
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    return QStringLiteral("not a regular file");
}

/// The kernel file system @p folder lies in, or empty when it is an ordinary one.
QString kernelFileSystemOf(const QByteArray &folder)
{
    struct statfs info {
    };
    if (::statfs(folder.constData(), &info) != 0)
        return {};
    for (const KernelFileSystem &fs : kernelFileSystems) {
        if (long(info.f_type) == fs.magic)
            return QLatin1String(fs.name);
    }
    return {};
}
} // namespace

OutputFile::OutputFile(const QString &path)
    : m_path(path)
{
}

QString OutputFile::target() const
{
    const QFileInfo file(m_path);
    // QSaveFile would replace the link itself; the user meant the file it names.
    return file.isSymLink() && file.exists() ? file.canonicalFilePath() : file.absoluteFilePath();
}

QString OutputFile::problem() const
{
    if (m_path.isEmpty())
        return QStringLiteral("no file name was given");
    const QFileInfo link(m_path);
    if (link.isSymLink() && !link.exists())
        return QStringLiteral("it is a link to %1, which does not exist").arg(link.symLinkTarget());
    // /dev/stdout leads through /proc/self/fd to whatever standard output is: each hop of a link is checked,
    // not only where it ends, or a report would replace the file a shell redirected the lines to.
    QString hop = link.absoluteFilePath();
    for (int hops = 0; hops <= maxLinkHops; ++hops) {
        const QFileInfo step(hop);
        if (const QString fs = kernelFileSystemOf(QFile::encodeName(step.absolutePath())); !fs.isEmpty())
            return QStringLiteral("it lies in %1, a kernel file system (%2), not a place for files")
                .arg(step.absolutePath(), fs);
        if (!step.isSymLink())
            break;
        hop = step.symLinkTarget();
    }
    const QString path = target();
    const QByteArray native = QFile::encodeName(path);
    if (native.size() > maxPathBytes)
        return QStringLiteral("the path is %1 bytes long, more than the system takes (%2)")
            .arg(native.size())
            .arg(maxPathBytes);

    const QFileInfo file(path);
    const QByteArray folder = QFile::encodeName(file.absolutePath());
    struct stat folderInfo {
    };
    if (::stat(folder.constData(), &folderInfo) != 0 || !S_ISDIR(folderInfo.st_mode))
        return QStringLiteral("the folder %1 does not exist").arg(file.absolutePath());

    const long nameMax = ::pathconf(folder.constData(), _PC_NAME_MAX);
    const qsizetype nameBytes = QFile::encodeName(file.fileName()).size();
    if (nameBytes > (nameMax > 0 ? nameMax : fallbackNameMaxBytes))
        return QStringLiteral("the file name is %1 bytes long, more than its file system takes (%2)")
            .arg(nameBytes)
            .arg(nameMax > 0 ? nameMax : fallbackNameMaxBytes);

    struct stat info {
    };
    if (::stat(native.constData(), &info) == 0) {
        if (!S_ISREG(info.st_mode))
            return QStringLiteral("it is %1, not a regular file").arg(kindOf(info.st_mode));
        if (::access(native.constData(), W_OK) != 0)
            return errno == EROFS ? QStringLiteral("its file system is read-only")
                                  : QStringLiteral("permission denied");
    }
    // The file is written beside its target and renamed over it, so the folder must take a new file.
    if (::access(folder.constData(), W_OK | X_OK) != 0)
        return errno == EROFS ? QStringLiteral("its file system is read-only")
                              : QStringLiteral("permission denied in the folder %1").arg(file.absolutePath());
    return {};
}

bool OutputFile::write(const QByteArray &bytes, QString *error) const
{
    // Asked again at the last moment: a FIFO or a device may have taken the name since the bake began.
    if (const QString why = problem(); !why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    QSaveFile file(target());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString().isEmpty() ? systemError(errno) : file.errorString();
        return false;
    }
    return true;
}
