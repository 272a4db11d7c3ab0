// SPDX-License-Identifier: MIT
#include "recipesettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

/**
 * RecipeSettings: a hand-edited settings file never reaches a bake. Values
 * that are not whole numbers in range, or not plain yes or no, fall back to
 * their defaults with a warning; what is written reads back the same; a
 * file that cannot be written is reported.
 */
class TestRecipeSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void nothingStoredGivesTheDefaults();
    void writtenReadsBackTheSame();
    void badValuesFallBackToTheDefaultsWithAWarning_data();
    void badValuesFallBackToTheDefaultsWithAWarning();
    void aFileThatCannotBeWrittenIsReported();

private:
    /// An INI file in the test's folder with @p text in it.
    QString iniWith(const QByteArray &text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRecipeSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestRecipeSettings::iniWith(const QByteArray &text) const
{
    const QString path = m_dir->filePath(QStringLiteral("bakeloop.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestRecipeSettings::nothingStoredGivesTheDefaults()
{
    QSettings settings(iniWith(""), QSettings::IniFormat);
    QCOMPARE(RecipeSettings::read(settings), RecipeSettings());
}

void TestRecipeSettings::writtenReadsBackTheSame()
{
    RecipeSettings stored;
    stored.recipe.targetTemperature = 475;
    stored.recipe.mixCount = 0;
    stored.recipe.stepMs = 1;
    stored.recipe.speedPercent = 400;
    stored.recipe.cakes = 1000000;
    stored.askForPrediction = true;
    const QString path = iniWith("");
    {
        QSettings settings(path, QSettings::IniFormat);
        QVERIFY(stored.write(settings));
    }
    QSettings again(path, QSettings::IniFormat);
    QCOMPARE(RecipeSettings::read(again), stored);
}

void TestRecipeSettings::badValuesFallBackToTheDefaultsWithAWarning_data()
{
    QTest::addColumn<QByteArray>("ini");
    // The cases: stepMs=abc gave a 1 ms step, 64-bit values wrapped, "maybe" turned predict first on.
    QTest::newRow("not a number") << QByteArray("[recipe]\nstepMs=abc\n");
    QTest::newRow("64-bit, wraps to 1000") << QByteArray("[recipe]\nstepMs=4294968296\n");
    QTest::newRow("huge") << QByteArray("[recipe]\ncakes=99999999999999999999999\n");
    QTest::newRow("out of range") << QByteArray("[recipe]\ntargetTemperature=-40\n");
    QTest::newRow("a fraction") << QByteArray("[recipe]\nspeedPercent=50.5\n");
    QTest::newRow("maybe") << QByteArray("[lesson]\naskForPrediction=maybe\n");
}

void TestRecipeSettings::badValuesFallBackToTheDefaultsWithAWarning()
{
    QFETCH(QByteArray, ini);
    QSettings settings(iniWith(ini), QSettings::IniFormat);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^settings: .* but must be ")));
    QCOMPARE(RecipeSettings::read(settings), RecipeSettings());
}

void TestRecipeSettings::aFileThatCannotBeWrittenIsReported()
{
    if (::geteuid() == 0)
        QSKIP("root writes a read-only file all the same");
    const QString path = iniWith("[recipe]\nstepMs=500\n");
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner));
    QSettings settings(path, QSettings::IniFormat);
    RecipeSettings stored = RecipeSettings::read(settings);
    QCOMPARE(stored.recipe.stepMs, 500);
    stored.recipe.stepMs = 700;
    QVERIFY(!stored.write(settings));
}

QTEST_GUILESS_MAIN(TestRecipeSettings)
#include "tst_recipesettings.moc"
