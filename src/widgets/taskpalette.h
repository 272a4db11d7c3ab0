// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QColor>
#include <QPalette>

/**
 * @file
 * One colour per task, shared by the log, the gauges and the timeline, so a
 * viewer learns "orange is the oven, blue is the mixing" once and reads it
 * everywhere. The colours follow the palette: deeper on a light window,
 * brighter on a dark one, always readable against both Base and Window.
 */

/// The minimum WCAG contrast ratio taskColor() keeps against Base and Window:
/// 4.5:1 is WCAG AA for body text, and a projector's washed-out image needs it.
inline constexpr double minimumTaskContrast = 4.5;

/// The task's colour: the oven warm (orange), the mixing cool (teal-blue),
/// adjusted so it keeps minimumTaskContrast against palette Base and Window.
QColor taskColor(TaskId task, const QPalette &palette);

/// @p wanted with its lightness moved just far enough (darker on a light
/// background, lighter on a dark one) to keep @p minimumContrast against
/// palette Base and Window; hue and saturation stay, so green stays green.
QColor readableColor(const QColor &wanted, const QPalette &palette, double minimumContrast = minimumTaskContrast);

/// A colour for text drawn on a fill of taskColor(task, palette): black or
/// white, whichever contrasts more.
QColor taskTextColor(TaskId task, const QPalette &palette);

/// WCAG 2 relative luminance of @p color, 0 (black) to 1 (white).
double relativeLuminance(const QColor &color);

/// WCAG 2 contrast ratio between two colours, 1 (same) to 21 (black on white).
double contrastRatio(const QColor &a, const QColor &b);
