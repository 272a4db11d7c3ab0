// SPDX-License-Identifier: MIT
#include "outputfile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

/**
 * OutputFile writes regular files only, whole or not at all, and refuses up
 * front what it would refuse at the write: devices, FIFOs, kernel file
 * systems (also through a link such as /dev/stdout), names the file system
 * cannot take, missing folders. Every write here goes to a temporary folder;
 * a device is only ever asked about, never written, so a broken check cannot
 * clobber one.
 */
class TestOutputFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void writesANewFile();
    void replacesAnExistingFileWhole();
    void writesThroughALinkToItsFile();
    void refusesAFifoAndLeavesIt();
    void refusesDevicesUpFront_data();
    void refusesDevicesUpFront();
    void refusesKernelFileSystemsAlsoThroughLinks();
    void refusesAFolderAMissingFolderAndADanglingLink();
    void refusesANameTooLongForTheFileSystem();
    void refusesAPathTooLongForTheSystem();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    static QByteArray contents(const QString &file);

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {
const QByteArray payload = QByteArrayLiteral("{\"total_ms\": 3000}\n");
}

void TestOutputFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QByteArray TestOutputFile::contents(const QString &file)
{
    QFile in(file);
    return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
}

void TestOutputFile::writesANewFile()
{
    const QString file = path(QStringLiteral("report.json"));
    QCOMPARE(OutputFile(file).problem(), QString());
    QString error;
    QVERIFY2(OutputFile(file).write(payload, &error), qPrintable(error));
    QCOMPARE(contents(file), payload);
}

void TestOutputFile::replacesAnExistingFileWhole()
{
    const QString file = path(QStringLiteral("log.txt"));
    QVERIFY(OutputFile(file).write(QByteArray(10000, 'x'), nullptr));
    QVERIFY(OutputFile(file).write(payload, nullptr));
    // Shorter than before, and nothing of the old text left behind it.
    QCOMPARE(contents(file), payload);
}

void TestOutputFile::writesThroughALinkToItsFile()
{
    const QString file = path(QStringLiteral("real.csv"));
    const QString link = path(QStringLiteral("link.csv"));
    QVERIFY(OutputFile(file).write("old\n", nullptr));
    QVERIFY(QFile::link(file, link));
    QString error;
    QVERIFY2(OutputFile(link).write(payload, &error), qPrintable(error));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(contents(file), payload);
}

void TestOutputFile::refusesAFifoAndLeavesIt()
{
    const QString fifo = path(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QString problem = OutputFile(fifo).problem();
    QVERIFY2(problem.contains(QStringLiteral("FIFO")), qPrintable(problem));
    QString error;
    QVERIFY(!OutputFile(fifo).write(payload, &error));
    QCOMPARE(error, problem);
    // Still a FIFO: a rename over it would have left a plain file in its place.
    struct stat info {
    };
    QCOMPARE(::lstat(QFile::encodeName(fifo).constData(), &info), 0);
    QVERIFY(S_ISFIFO(info.st_mode));
}

void TestOutputFile::refusesDevicesUpFront_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<QString>("expected");
    QTest::newRow("/dev/full") << QStringLiteral("/dev/full") << QStringLiteral("character device");
    QTest::newRow("/dev/null") << QStringLiteral("/dev/null") << QStringLiteral("character device");
}

void TestOutputFile::refusesDevicesUpFront()
{
    QFETCH(QString, device);
    QFETCH(QString, expected);
    if (!QFileInfo::exists(device))
        QSKIP("no such device here");
    const QString problem = OutputFile(device).problem();
    QVERIFY2(problem.contains(expected), qPrintable(problem));
    // A link to the device is the device.
    const QString link = path(QStringLiteral("device-link"));
    QVERIFY(QFile::link(device, link));
    QVERIFY2(OutputFile(link).problem().contains(expected), qPrintable(OutputFile(link).problem()));
}

void TestOutputFile::refusesKernelFileSystemsAlsoThroughLinks()
{
    const QString inProc = OutputFile(QStringLiteral("/proc/self/bakeloop.json")).problem();
    QVERIFY2(inProc.contains(QStringLiteral("kernel file system (proc)")), qPrintable(inProc));
    if (QFileInfo::exists(QStringLiteral("/sys/kernel")))
        QVERIFY(!OutputFile(QStringLiteral("/sys/kernel/bakeloop.json")).problem().isEmpty());
    // /dev/stdout leads through /proc/self/fd to whatever standard output is, even a regular file.
    const QString link = path(QStringLiteral("stdout-link"));
    QVERIFY(QFile::link(QStringLiteral("/proc/self/fd/1"), link));
    const QString throughLink = OutputFile(link).problem();
    QVERIFY2(throughLink.contains(QStringLiteral("kernel file system")), qPrintable(throughLink));
}

void TestOutputFile::refusesAFolderAMissingFolderAndADanglingLink()
{
    QVERIFY2(OutputFile(m_dir->path()).problem().contains(QStringLiteral("a folder")),
             qPrintable(OutputFile(m_dir->path()).problem()));
    const QString missing = path(QStringLiteral("no-such-folder/report.json"));
    QVERIFY(OutputFile(missing).problem().contains(QStringLiteral("does not exist")));
    QVERIFY(!OutputFile(missing).write(payload, nullptr));
    const QString dangling = path(QStringLiteral("dangling"));
    QVERIFY(QFile::link(path(QStringLiteral("nowhere")), dangling));
    QVERIFY(OutputFile(dangling).problem().contains(QStringLiteral("does not exist")));
    QVERIFY(OutputFile(QString()).problem().contains(QStringLiteral("no file name")));
}

void TestOutputFile::refusesANameTooLongForTheFileSystem()
{
    const QString file = path(QString(300, QLatin1Char('a')));
    const QString problem = OutputFile(file).problem();
    QVERIFY2(problem.contains(QStringLiteral("file name is 300 bytes")), qPrintable(problem));
    QString error;
    QVERIFY(!OutputFile(file).write(payload, &error));
    QCOMPARE(error, problem);
    // 255 bytes is what ext4 and tmpfs take.
    QCOMPARE(OutputFile(path(QString(255, QLatin1Char('a')))).problem(), QString());
}

void TestOutputFile::refusesAPathTooLongForTheSystem()
{
    QString deep = m_dir->path();
    while (deep.size() < 5000)
        deep += QLatin1Char('/') + QString(200, QLatin1Char('d'));
    const QString problem = OutputFile(deep + QStringLiteral("/x.json")).problem();
    QVERIFY2(problem.contains(QStringLiteral("path is")), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
