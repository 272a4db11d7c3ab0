// SPDX-License-Identifier: MIT
#include "consoleoutput.h"

#include <QProcess>
#include <QTest>

#include <cstdio>
#include <cstring>

/**
 * ConsoleOutput: UTF-8 lines on standard output, "bakeloop: " errors on
 * standard error, and each flushed the moment it is printed. The printing
 * happens in a child (this executable started again with childFlag) whose
 * standard output is a pipe, where the C library buffers everything unless
 * flushed: the child prints, then waits for its standard input to close, so
 * the test reads what arrived while the child still runs.
 */
class TestConsoleOutput : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *childFlag = "--print-and-wait";
    /// In the child: prints as @p kind asks, then waits for standard input to close.
    static int printAndWait(const char *kind);

private Q_SLOTS:
    void printsAtOnceThroughAPipe_data();
    void printsAtOnceThroughAPipe();
    void successiveLinesKeepTheirOrder();
};

namespace {
// "°" and "…" are two and three bytes in UTF-8: a Latin-1 or locale encoding would show here.
const QString sample = QStringLiteral("oven at 475 °F… done");
constexpr int arrivalTimeoutMs = 10000;

/// Reads from @p process until @p expected bytes have come on @p channel, or the timeout.
QByteArray readAtLeast(QProcess &process, QProcess::ProcessChannel channel, qsizetype expected)
{
    process.setReadChannel(channel);
    QByteArray bytes;
    QElapsedTimer clock;
    clock.start();
    while (bytes.size() < expected && clock.elapsed() < arrivalTimeoutMs) {
        if (process.bytesAvailable() == 0 && !process.waitForReadyRead(int(arrivalTimeoutMs - clock.elapsed())))
            break;
        bytes += process.readAll();
    }
    return bytes;
}
} // namespace

int TestConsoleOutput::printAndWait(const char *kind)
{
    if (std::strcmp(kind, "line") == 0) {
        ConsoleOutput::printLine(sample);
    } else if (std::strcmp(kind, "text") == 0) {
        ConsoleOutput::print(sample);
    } else if (std::strcmp(kind, "error") == 0) {
        ConsoleOutput::printError(sample);
    } else if (std::strcmp(kind, "lines") == 0) {
        ConsoleOutput::printLine(QStringLiteral("first"));
        ConsoleOutput::printError(QStringLiteral("between"));
        ConsoleOutput::print(QStringLiteral("sec"));
        ConsoleOutput::printLine(QStringLiteral("ond"));
    } else {
        return 3;
    }
    // Until the test closes our standard input: what it read meanwhile cannot have come from the flush at exit.
    while (std::fgetc(stdin) != EOF) { }
    return 0;
}

void TestConsoleOutput::printsAtOnceThroughAPipe_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("expectedOut");
    QTest::addColumn<QByteArray>("expectedErr");

    const QByteArray utf8 = sample.toUtf8();
    QTest::newRow("printLine") << QStringLiteral("line") << utf8 + '\n' << QByteArray();
    QTest::newRow("print adds no newline") << QStringLiteral("text") << utf8 << QByteArray();
    QTest::newRow("printError") << QStringLiteral("error") << QByteArray() << "bakeloop: " + utf8 + '\n';
}

void TestConsoleOutput::printsAtOnceThroughAPipe()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, expectedOut);
    QFETCH(QByteArray, expectedErr);

    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(childFlag), kind});
    QVERIFY(child.waitForStarted());
    const QByteArray &expected = expectedOut.isEmpty() ? expectedErr : expectedOut;
    const QProcess::ProcessChannel channel = expectedOut.isEmpty() ? QProcess::StandardError : QProcess::StandardOutput;
    const QByteArray arrived = readAtLeast(child, channel, expected.size());
    QCOMPARE(child.state(), QProcess::Running);
    QCOMPARE(arrived, expected);

    child.closeWriteChannel();
    QVERIFY(child.waitForFinished(arrivalTimeoutMs));
    QCOMPARE(child.exitCode(), 0);
    // Nothing more, and nothing on the other stream.
    QCOMPARE(child.readAllStandardOutput(), channel == QProcess::StandardOutput ? QByteArray() : expectedOut);
    QCOMPARE(child.readAllStandardError(), channel == QProcess::StandardError ? QByteArray() : expectedErr);
}

void TestConsoleOutput::successiveLinesKeepTheirOrder()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(childFlag), QStringLiteral("lines")});
    QVERIFY(child.waitForStarted());
    // Through one merged pipe, each write reaches it before the next is made: the error sits between the lines.
    const QByteArray expected("first\nbakeloop: between\nsecond\n");
    QCOMPARE(readAtLeast(child, QProcess::StandardOutput, expected.size()), expected);
    child.closeWriteChannel();
    QVERIFY(child.waitForFinished(arrivalTimeoutMs));
    QCOMPARE(child.exitCode(), 0);
}

int main(int argc, char *argv[])
{
    if (argc == 3 && std::strcmp(argv[1], TestConsoleOutput::childFlag) == 0)
        return TestConsoleOutput::printAndWait(argv[2]);
    QCoreApplication app(argc, argv);
    TestConsoleOutput test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_consoleoutput.moc"
