// SPDX-License-Identifier: MIT
#include "taskpalette.h"

#include <QtMath>

#include <algorithm>

namespace {

// Starting points chosen by eye: a light window wants deep, saturated tones,
// a dark one wants lighter tints of the same hues (too saturated glows on a projector).
constexpr QRgb preheatOnLight = 0xc2410c; // burnt orange
constexpr QRgb mixOnLight = 0x0369a1; // deep sky blue
constexpr QRgb preheatOnDark = 0xfb923c; // light orange
constexpr QRgb mixOnDark = 0x38bdf8; // light sky blue

// How finely readableColor() walks the lightness axis; 1 % steps are below what an eye can tell apart.
constexpr double lightnessStep = 0.01;

double linearChannel(double srgb)
{
    // The sRGB transfer curve, as WCAG 2 defines relative luminance.
    constexpr double linearLimit = 0.04045;
    constexpr double linearSlope = 12.92;
    constexpr double offset = 0.055;
    constexpr double gamma = 2.4;
    return srgb <= linearLimit ? srgb / linearSlope : qPow((srgb + offset) / (1.0 + offset), gamma);
}

double worstContrast(const QColor &color, const QPalette &palette)
{
    return std::min(contrastRatio(color, palette.color(QPalette::Base)),
                    contrastRatio(color, palette.color(QPalette::Window)));
}

bool isDarkBackground(const QPalette &palette)
{
    return worstContrast(Qt::white, palette) > worstContrast(Qt::black, palette);
}

} // namespace

double relativeLuminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    constexpr double redWeight = 0.2126;
    constexpr double greenWeight = 0.7152;
    constexpr double blueWeight = 0.0722;
    return redWeight * linearChannel(rgb.redF()) + greenWeight * linearChannel(rgb.greenF())
        + blueWeight * linearChannel(rgb.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    // WCAG adds 0.05 to both so that black on black is 1, not 0/0.
    constexpr double flare = 0.05;
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + flare) / (std::min(la, lb) + flare);
}

QColor readableColor(const QColor &wanted, const QPalette &palette, double minimumContrast)
{
    const QColor hsl = wanted.toHsl();
    const double hue = std::max(0.0, double(hsl.hslHueF())); // -1 for greys; any hue will do then
    const double saturation = hsl.hslSaturationF();
    const double direction = isDarkBackground(palette) ? lightnessStep : -lightnessStep;

    // Walk towards white (or black) until both backgrounds are satisfied; if the palette
    // mixes a light Base with a dark Window no lightness satisfies both, so keep the best seen.
    QColor best = wanted;
    double bestContrast = worstContrast(wanted, palette);
    for (double lightness = hsl.lightnessF(); bestContrast < minimumContrast && lightness >= 0.0 && lightness <= 1.0;
         lightness += direction) {
        const QColor candidate = QColor::fromHslF(float(hue), float(saturation), float(lightness)).toRgb();
        const double contrast = worstContrast(candidate, palette);
        if (contrast > bestContrast) {
            best = candidate;
            bestContrast = contrast;
        }
    }
    best.setAlpha(wanted.alpha());
    return best;
}

QColor taskColor(TaskId task, const QPalette &palette)
{
    const bool dark = isDarkBackground(palette);
    QRgb start = 0;
    switch (task) {
    case TaskId::Preheat:
        start = dark ? preheatOnDark : preheatOnLight;
        break;
    case TaskId::Mix:
        start = dark ? mixOnDark : mixOnLight;
        break;
    }
    return readableColor(QColor(start), palette);
}

QColor taskTextColor(TaskId task, const QPalette &palette)
{
    const QColor fill = taskColor(task, palette);
    return contrastRatio(fill, Qt::white) >= contrastRatio(fill, Qt::black) ? QColor(Qt::white) : QColor(Qt::black);
}
