// SPDX-License-Identifier: MIT
#include "taskpalette.h"
#include "widgettestsupport.h"

#include <QTest>

#include <algorithm>

/**
 * The task palette: one colour per task, shared by the log and the meters.
 * The WCAG arithmetic must be right, each task must keep its hue and be told
 * apart from the other, and every colour must stay readable against the
 * palette it is drawn on, light, dark or in between.
 */
class TestTaskPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void relativeLuminance_data();
    void relativeLuminance();
    void contrastRatio_data();
    void contrastRatio();
    void taskColoursAreReadableAndDistinct_data();
    void taskColoursAreReadableAndDistinct();
    void taskColoursFollowTheTheme();
    void readableColourKeepsItsHue_data();
    void readableColourKeepsItsHue();
    void readableColourLeavesAReadableColourAlone();
    void readableColourKeepsAlpha();
    void readableColourWhenBaseAndWindowDisagree();
    void taskTextContrastsWithItsPill_data();
    void taskTextContrastsWithItsPill();
};

namespace {

QPalette paletteOn(const QColor &base, const QColor &window)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Window, window);
    return palette;
}

void addPalettes()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("white") << paletteOn(Qt::white, Qt::white);
    QTest::newRow("light") << lightPalette();
    QTest::newRow("mid grey") << paletteOn(QColor(0x77, 0x77, 0x77), QColor(0x77, 0x77, 0x77));
    QTest::newRow("dark") << darkPalette();
    QTest::newRow("black") << paletteOn(Qt::black, Qt::black);
}

double worstContrast(const QColor &color, const QPalette &palette)
{
    return std::min(contrastRatio(color, palette.color(QPalette::Base)),
                    contrastRatio(color, palette.color(QPalette::Window)));
}

} // namespace

void TestTaskPalette::relativeLuminance_data()
{
    QTest::addColumn<QColor>("color");
    QTest::addColumn<double>("luminance");

    // Reference values from the WCAG 2 definition.
    QTest::newRow("black") << QColor(Qt::black) << 0.0;
    QTest::newRow("white") << QColor(Qt::white) << 1.0;
    QTest::newRow("red") << QColor(Qt::red) << 0.2126;
    QTest::newRow("green") << QColor(Qt::green) << 0.7152;
    QTest::newRow("blue") << QColor(Qt::blue) << 0.0722;
    QTest::newRow("mid grey") << QColor(0x80, 0x80, 0x80) << 0.2158605;
    QTest::newRow("dark grey, linear part of the curve") << QColor(0x0a, 0x0a, 0x0a) << 0.0030353;
}

void TestTaskPalette::relativeLuminance()
{
    QFETCH(QColor, color);
    QFETCH(double, luminance);
    QVERIFY2(qAbs(::relativeLuminance(color) - luminance) < 1e-6,
             qPrintable(QString::number(::relativeLuminance(color))));
}

void TestTaskPalette::contrastRatio_data()
{
    QTest::addColumn<QColor>("a");
    QTest::addColumn<QColor>("b");
    QTest::addColumn<double>("ratio");

    QTest::newRow("black on white") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
    QTest::newRow("white on black") << QColor(Qt::white) << QColor(Qt::black) << 21.0;
    QTest::newRow("same colour") << QColor(0x33, 0x66, 0x99) << QColor(0x33, 0x66, 0x99) << 1.0;
    QTest::newRow("black on black") << QColor(Qt::black) << QColor(Qt::black) << 1.0;
    // The grey that just fails WCAG AA on white.
    QTest::newRow("#777 on white") << QColor(0x77, 0x77, 0x77) << QColor(Qt::white) << 4.4781;
}

void TestTaskPalette::contrastRatio()
{
    QFETCH(QColor, a);
    QFETCH(QColor, b);
    QFETCH(double, ratio);
    QVERIFY2(qAbs(::contrastRatio(a, b) - ratio) < 1e-3, qPrintable(QString::number(::contrastRatio(a, b))));
}

void TestTaskPalette::taskColoursAreReadableAndDistinct_data()
{
    addPalettes();
}

void TestTaskPalette::taskColoursAreReadableAndDistinct()
{
    QFETCH(QPalette, palette);

    const QColor oven = taskColor(TaskId::Preheat, palette);
    const QColor bowl = taskColor(TaskId::Mix, palette);
    QVERIFY2(worstContrast(oven, palette) >= minimumTaskContrast, qPrintable(oven.name()));
    QVERIFY2(worstContrast(bowl, palette) >= minimumTaskContrast, qPrintable(bowl.name()));
    QVERIFY2(oven != bowl, qPrintable(oven.name()));

    // Orange for the oven and blue for the mixing, as long as the background leaves room for any colour at all.
    if (oven.hsvSaturation() > 0) {
        QVERIFY2(oven.hsvHue() >= 10 && oven.hsvHue() <= 40, qPrintable(oven.name()));
        QVERIFY2(bowl.hsvHue() >= 180 && bowl.hsvHue() <= 215, qPrintable(bowl.name()));
    }
}

void TestTaskPalette::taskColoursFollowTheTheme()
{
    // Deeper on a light window, brighter on a dark one.
    for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
        const QColor onLight = taskColor(task, lightPalette());
        const QColor onDark = taskColor(task, darkPalette());
        QVERIFY2(::relativeLuminance(onDark) > ::relativeLuminance(onLight), colorMessage(onDark, onLight).constData());
    }
}

void TestTaskPalette::readableColourKeepsItsHue_data()
{
    addPalettes();
}

void TestTaskPalette::readableColourKeepsItsHue()
{
    // A green that is too light for a white page is made darker, not turned into another colour.
    QFETCH(QPalette, palette);

    const QColor wanted(0x4a, 0xde, 0x80);
    const QColor readable = readableColor(wanted, palette);
    QVERIFY2(worstContrast(readable, palette) >= minimumTaskContrast, qPrintable(readable.name()));
    if (readable.hsvSaturation() > 40)
        QVERIFY2(qAbs(readable.hslHue() - wanted.hslHue()) <= 3, colorMessage(readable, wanted).constData());
}

void TestTaskPalette::readableColourLeavesAReadableColourAlone()
{
    const QColor navy(0x1e, 0x3a, 0x8a);
    QCOMPARE(readableColor(navy, lightPalette()), navy);
    QCOMPARE(readableColor(Qt::white, darkPalette()), QColor(Qt::white));
}

void TestTaskPalette::readableColourKeepsAlpha()
{
    const QColor translucent(0x4a, 0xde, 0x80, 90);
    QCOMPARE(readableColor(translucent, lightPalette()).alpha(), 90);
    QCOMPARE(readableColor(QColor(0x1e, 0x3a, 0x8a, 90), lightPalette()).alpha(), 90);
}

void TestTaskPalette::readableColourWhenBaseAndWindowDisagree()
{
    // White Base and black Window: only a narrow band of mid tones has 4.5:1 against both, and only on one side
    // of the walk. Either way the answer comes in finite time and is never worse than what was asked for.
    const QPalette torn = paletteOn(Qt::white, Qt::black);

    const QColor lightOrange(0xfb, 0x92, 0x3c);
    const QColor darkened = readableColor(lightOrange, torn);
    QVERIFY2(worstContrast(darkened, torn) >= minimumTaskContrast, qPrintable(darkened.name()));

    const QColor navy(0x1e, 0x3a, 0x8a);
    const QColor kept = readableColor(navy, torn);
    QVERIFY2(worstContrast(kept, torn) >= worstContrast(navy, torn), qPrintable(kept.name()));
}

void TestTaskPalette::taskTextContrastsWithItsPill_data()
{
    addPalettes();
}

void TestTaskPalette::taskTextContrastsWithItsPill()
{
    QFETCH(QPalette, palette);
    for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
        const QColor fill = taskColor(task, palette);
        const QColor text = taskTextColor(task, palette);
        QVERIFY(text == QColor(Qt::white) || text == QColor(Qt::black));
        const QColor otherText = text == QColor(Qt::white) ? QColor(Qt::black) : QColor(Qt::white);
        QVERIFY2(::contrastRatio(text, fill) >= ::contrastRatio(otherText, fill), colorMessage(text, fill).constData());
    }
}

QTEST_MAIN(TestTaskPalette)
#include "tst_taskpalette.moc"
