// SPDX-License-Identifier: MIT
#include "cnumericlocale.h"
#include "pythontext.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstdlib>

using recipe::CNumericLocale;
using recipe::PythonText;

/**
 * CNumericLocale: numbers read and written as Python does, with a decimal
 * point, whatever the locale. The test bakes under de_DE, whose decimal
 * comma made a recipe's f"{2.25:.1f}" print "2,2" and float("1.5") read
 * 1.0. It builds that locale from the `locales` package's source into a
 * folder of its own, as a fresh machine has no locale but C generated.
 */
class TestCNumericLocale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theGuardWritesAndReadsWithAPoint();
    void recipesFormatAndReadFloatsWithAPointUnderADecimalComma();

private:
    QTemporaryDir m_locales;
    locale_t m_german = locale_t(nullptr);
};

namespace {
QString printed(double x)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", x);
    return QString::fromLatin1(buffer);
}
} // namespace

void TestCNumericLocale::initTestCase()
{
    const QString localedef = QStandardPaths::findExecutable(QStringLiteral("localedef"));
    if (localedef.isEmpty() || !QFile::exists(QStringLiteral("/usr/share/i18n/locales/de_DE")))
        QFAIL("localedef and the locales package are needed: scripts/install-dependencies installs them");
    QVERIFY(m_locales.isValid());
    QProcess build;
    build.start(localedef,
                {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"), QStringLiteral("UTF-8"),
                 m_locales.filePath(QStringLiteral("de_DE.UTF-8"))});
    QVERIFY(build.waitForFinished(60000));
    // glibc reads LOCPATH as it loads a locale.
    qputenv("LOCPATH", QFile::encodeName(m_locales.path()));
    m_german = newlocale(LC_ALL_MASK, "de_DE.UTF-8", locale_t(nullptr));
    QVERIFY2(m_german, "de_DE.UTF-8 did not load from the locale built");
    uselocale(m_german);
    // What the guard is for: this thread now writes a decimal comma.
    QCOMPARE(printed(2.5), QStringLiteral("2,5"));
}

void TestCNumericLocale::cleanupTestCase()
{
    uselocale(LC_GLOBAL_LOCALE);
    if (m_german)
        freelocale(m_german);
}

void TestCNumericLocale::theGuardWritesAndReadsWithAPoint()
{
    {
        const CNumericLocale point;
        QCOMPARE(printed(2.5), QStringLiteral("2.5"));
        QCOMPARE(std::strtod("1.5", nullptr), 1.5);
        {
            const CNumericLocale nested;
            QCOMPARE(printed(0.5), QStringLiteral("0.5"));
        }
        QCOMPARE(printed(0.5), QStringLiteral("0.5"));
    }
    // Gone, the thread's own locale is back.
    QCOMPARE(printed(2.5), QStringLiteral("2,5"));
}

void TestCNumericLocale::recipesFormatAndReadFloatsWithAPointUnderADecimalComma()
{
    QString error;
    QCOMPARE(PythonText::formatFloat(2.25, QStringLiteral(".1f"), &error), QStringLiteral("2.2"));
    QCOMPARE(PythonText::formatFloat(1234.5, QStringLiteral(",.2f"), &error), QStringLiteral("1,234.50"));
    QCOMPARE(PythonText::formatFloat(0.000123, QStringLiteral("e"), &error), QStringLiteral("1.230000e-04"));
    QCOMPARE(PythonText::roundFloat(2.675, 2), 2.67);
    QCOMPARE(PythonText::parseFloat(QStringLiteral("1.5")), std::optional<double>(1.5));
    QCOMPARE(PythonText::parseFloat(QStringLiteral("1,5")), std::optional<double>());
    // And the thread is left as it was.
    QCOMPARE(printed(2.5), QStringLiteral("2,5"));
}

QTEST_GUILESS_MAIN(TestCNumericLocale)
#include "tst_cnumericlocale.moc"
