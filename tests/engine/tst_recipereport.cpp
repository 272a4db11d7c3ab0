// SPDX-License-Identifier: MIT
#include "recipereport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

/// RecipeReport: what --report writes for a recipe, finished or failed, with or without a loop to measure.
class TestRecipeReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFinishedAsyncRunHasItsLoopFigures();
    void aFailedTwinHasItsErrorAndNoLoopFigures();
    void itIsWrittenToTheFileNamed();
};

void TestRecipeReport::aFinishedAsyncRunHasItsLoopFigures()
{
    RecipeReport report(QStringLiteral("cake.py"), BakeMode::Async, 3);
    report.setEnd(std::nullopt, 3012);
    report.setLoopFigures(12, 0);
    report.setPeakMemory(18'250'000);
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(QStringLiteral("recipe")).toString(), QStringLiteral("cake.py"));
    QCOMPARE(json.value(QStringLiteral("mode")).toString(), QStringLiteral("async"));
    QCOMPARE(json.value(QStringLiteral("cakes")).toInt(), 3);
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
    QCOMPARE(json.value(QStringLiteral("wall_ms")).toInteger(), 3012);
    QCOMPARE(json.value(QStringLiteral("max_loop_stall_ms")).toInteger(), 12);
    QCOMPARE(json.value(QStringLiteral("late_heartbeats")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("peak_rss_mb")).toDouble(), 18.3);
    QVERIFY(!json.contains(QStringLiteral("error")));
}

void TestRecipeReport::aFailedTwinHasItsErrorAndNoLoopFigures()
{
    RecipeReport report(QStringLiteral("shares.py"), BakeMode::Sync, 1);
    report.setEnd(recipe::RecipeError{QStringLiteral("ZeroDivisionError"), QStringLiteral("division by zero"), 7,
                                      QStringLiteral("share")},
                  40);
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(json.value(QStringLiteral("error")).toString(), QStringLiteral("ZeroDivisionError: division by zero"));
    QCOMPARE(json.value(QStringLiteral("error_line")).toInt(), 7);
    // The blocking twin holds its thread by design: null, not a stall of zero.
    QVERIFY(json.value(QStringLiteral("max_loop_stall_ms")).isNull());
    QVERIFY(json.value(QStringLiteral("late_heartbeats")).isNull());
    QVERIFY(!json.contains(QStringLiteral("peak_rss_mb")));
}

void TestRecipeReport::itIsWrittenToTheFileNamed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.json"));
    RecipeReport report(QStringLiteral("cake.py"), BakeMode::Threaded, 1);
    report.setEnd(std::nullopt, 5);
    QString error;
    QVERIFY2(report.write(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), report.toJson());
    QVERIFY(!report.write(dir.path(), &error));
    QVERIFY2(error.contains(dir.path()), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRecipeReport)
#include "tst_recipereport.moc"
