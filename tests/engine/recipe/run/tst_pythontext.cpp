// SPDX-License-Identifier: MIT
#include "pythontext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cstdlib>

using recipe::PythonText;

/**
 * PythonText against CPython: every case in pythontext_cases.tsv was written
 * by python3 itself (pythontext_cases.py beside it), so each comparison is
 * with what CPython 3.11 prints, not with what we believe it prints.
 */
class TestPythonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesCPython_data();
    void matchesCPython();
    void refusesSpecsThatDoNotApply();
    void roundingInfinityHasNoInteger();
    void charactersAreCodePoints();
};

namespace {
double fromHex(const QString &hex)
{
    return std::strtod(hex.toLatin1().constData(), nullptr);
}

/// A JSON-encoded string field.
QString fromJson(const QString &field)
{
    return QJsonDocument::fromJson("[" + field.toUtf8() + "]").array().at(0).toString();
}
} // namespace

void TestPythonText::matchesCPython_data()
{
    QTest::addColumn<QStringList>("fields");
    QFile cases(QStringLiteral(PYTHONTEXT_CASES));
    QVERIFY2(cases.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(cases.fileName()));
    int line = 0;
    while (!cases.atEnd()) {
        const QString text = QString::fromUtf8(cases.readLine()).chopped(1);
        ++line;
        const QStringList fields = text.split(QLatin1Char('\t'));
        QTest::addRow("%d %s", line, qPrintable(fields.join(QLatin1Char(' ')))) << fields;
    }
    QVERIFY(line >= 100);
}

void TestPythonText::matchesCPython()
{
    QFETCH(QStringList, fields);
    const QString kind = fields.at(0);
    QString error;
    if (kind == QLatin1String("float_repr")) {
        QCOMPARE(PythonText::floatRepr(fromHex(fields[1])), fields[2]);
    } else if (kind == QLatin1String("format_float")) {
        QCOMPARE(PythonText::formatFloat(fromHex(fields[1]), fromJson(fields[2]), &error).value_or(error),
                 fromJson(fields[3]));
    } else if (kind == QLatin1String("format_int")) {
        QCOMPARE(PythonText::formatInt(fields[1].toLongLong(), fromJson(fields[2]), &error).value_or(error),
                 fromJson(fields[3]));
    } else if (kind == QLatin1String("format_str")) {
        QCOMPARE(PythonText::formatString(fromJson(fields[1]), fromJson(fields[2]), &error).value_or(error),
                 fromJson(fields[3]));
    } else if (kind == QLatin1String("string_repr")) {
        QCOMPARE(PythonText::stringRepr(fromJson(fields[1])), fromJson(fields[2]));
    } else if (kind == QLatin1String("str_lower")) {
        QCOMPARE(PythonText::lower(fromJson(fields[1])), fromJson(fields[2]));
    } else if (kind == QLatin1String("round_float")) {
        QCOMPARE(PythonText::floatRepr(PythonText::roundFloat(fromHex(fields[1]), fields[2].toInt())), fields[3]);
    } else if (kind == QLatin1String("round_to_int")) {
        QCOMPARE(PythonText::roundToInteger(fromHex(fields[1])), std::optional<std::int64_t>(fields[2].toLongLong()));
    } else if (kind == QLatin1String("round_int")) {
        QCOMPARE(PythonText::roundInt(fields[1].toLongLong(), fields[2].toInt()), fields[3].toLongLong());
    } else {
        QFAIL(qPrintable(QStringLiteral("unknown case kind ") + kind));
    }
}

void TestPythonText::refusesSpecsThatDoNotApply()
{
    QString error;
    QVERIFY(!PythonText::formatInt(5, QStringLiteral("q"), &error));
    QCOMPARE(error, QStringLiteral("Unknown format code 'q' for object of type 'int'"));
    QVERIFY(!PythonText::formatString(QStringLiteral("x"), QStringLiteral("d"), &error));
    QCOMPARE(error, QStringLiteral("Unknown format code 'd' for object of type 'str'"));
    QVERIFY(!PythonText::formatFloat(1.5, QStringLiteral("d"), &error));
    QCOMPARE(error, QStringLiteral("Unknown format code 'd' for object of type 'float'"));
    QVERIFY(!PythonText::formatInt(5, QStringLiteral(".2d"), &error));
    QCOMPARE(error, QStringLiteral("Precision not allowed in integer format specifier"));
    // A width that would print gigabytes is refused, not attempted.
    QVERIFY(!PythonText::formatInt(5, QStringLiteral("999999999"), &error));
}

void TestPythonText::roundingInfinityHasNoInteger()
{
    QVERIFY(!PythonText::roundToInteger(std::numeric_limits<double>::infinity()));
    QVERIFY(!PythonText::roundToInteger(std::nan("")));
    QVERIFY(!PythonText::roundToInteger(1e300));
}

void TestPythonText::charactersAreCodePoints()
{
    // An emoji is two UTF-16 units and one Python character.
    const QString cake = QStringLiteral("\U0001F600 cake");
    QCOMPARE(PythonText::length(cake), 6);
    QCOMPARE(PythonText::characterAt(cake, 0), QStringLiteral("\U0001F600"));
    QCOMPARE(PythonText::characterAt(cake, 2), QStringLiteral("c"));
    QCOMPARE(PythonText::length(QStringLiteral("plain")), 5);
    QCOMPARE(PythonText::characterAt(QStringLiteral("plain"), 4), QStringLiteral("n"));
    QString error;
    QCOMPARE(PythonText::formatString(QStringLiteral("\U0001F600"), QStringLiteral("*<3"), &error),
             std::optional<QString>(QStringLiteral("\U0001F600**")));
}

QTEST_GUILESS_MAIN(TestPythonText)
#include "tst_pythontext.moc"
