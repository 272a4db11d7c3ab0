// SPDX-License-Identifier: MIT
#pragma once

// Shared by the widgets' tests: readable QCOMPARE output for the engine's
// enums, a fixed-size grab of a widget, and the few pixel measures the tests
// judge a picture by.

#include "taskstate.h"

#include <QColor>
#include <QEventLoop>
#include <QImage>
#include <QRect>
#include <QStyledItemDelegate>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <cmath>
#include <functional>

// Found by argument-dependent lookup, so a failed QCOMPARE prints "waiting" instead of nothing.
inline char *toString(TaskState state)
{
    return QTest::toString(taskStateName(state));
}

inline char *toString(TaskId task)
{
    return QTest::toString(taskName(task));
}

/// Runs the event loop for @p ms without the short sleeps QTest::qWait() takes between turns.
inline void spinEventLoop(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

/// The widget as it paints now, at its current size, one device pixel per logical one, in one known format.
inline QImage grabbed(QWidget &widget)
{
    return widget.grab().toImage().convertToFormat(QImage::Format_ARGB32);
}

/// How many pixels of @p rect differ between two images of the same size.
inline int differingPixels(const QImage &a, const QImage &b, const QRect &rect)
{
    const QRect area = rect & a.rect() & b.rect();
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (a.pixel(x, y) != b.pixel(x, y))
                ++count;
        }
    }
    return count;
}

inline int differingPixels(const QImage &a, const QImage &b)
{
    return differingPixels(a, b, a.rect());
}

/// How many pixels of @p rect satisfy @p test.
inline int countPixels(const QImage &image, const QRect &rect, const std::function<bool(const QColor &)> &test)
{
    const QRect area = rect & image.rect();
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (test(image.pixelColor(x, y)))
                ++count;
        }
    }
    return count;
}

/// True when @p a and @p b are within @p tolerance on every channel: antialiasing and colour rounding aside, the
/// same colour.
inline bool sameColor(const QColor &a, const QColor &b, int tolerance = 3)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

/// "#c2410c" for a failed check's message.
inline QByteArray colorMessage(const QColor &actual, const QColor &expected)
{
    return QStringLiteral("%1 against %2").arg(actual.name(), expected.name()).toUtf8();
}

/// A delegate that counts the cells a view measures: what sizing a view's rows or columns costs.
class SizeHintCounter : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        ++measured;
        return QStyledItemDelegate::sizeHint(option, index);
    }
    mutable int measured = 0;
};

/// A light and a dark palette built from scratch, so the tests do not depend on the platform's theme.
inline QPalette lightPalette()
{
    QPalette palette(QColor(0xf0, 0xf0, 0xf0));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::WindowText, Qt::black);
    return palette;
}

inline QPalette darkPalette()
{
    QPalette palette(QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    return palette;
}
