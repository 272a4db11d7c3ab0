// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"
#include "sourcelisting.h"
#include "taskstate.h"

#include <QWidget>

#include <array>
#include <optional>

class Kitchen;
class QLabel;
class QPaintEvent;
class QPlainTextEdit;
class QTabWidget;

/**
 * The code behind the bake, one tab per SourceListing kind in allKinds'
 * order: the cake's recipe as Bake Async runs it, its blocking and threaded
 * twins as Bake Sync and Bake Threaded run them, the legacy generator-based
 * Python and the state machine the engine compiles from the recipe. Each
 * tab is a read-only monospace text with line numbers; the line each task
 * is at is tinted full-width in the task's colour, with the task's colour
 * filling its line number as a marker, in every tab at once, and scrolled
 * into view. A legend under the tabs names each task's state and line; a
 * note above the legacy listing says that Python 3.11 removed that style,
 * and one above the state machine how to read it.
 *
 * It owns its tabs and draws what it is given: the recipe, the mode, the
 * tasks' states (live or replayed). Which line a state stands on is the
 * listing's business; colours come from TaskPalette and palette(), so dark
 * themes work, and the code font follows the widget's font size.
 */
class SourceView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceView)

public:
    using Kind = SourceListing::Kind;

    /// How far a highlighted line's background moves from Base towards the task's colour.
    static constexpr qreal lineTintAmount = 0.33;

    explicit SourceView(QWidget *parent = nullptr);

    /// Rewrites every listing with the recipe's values; the highlights follow.
    void setParameters(const BakeParameters &parameters);
    const BakeParameters &parameters() const { return m_parameters; }

    /// Brings up the listing @p mode mirrors (SourceListing::forMode); every tab stays a click away.
    void setMode(BakeMode mode);
    void setCurrentKind(Kind kind);
    Kind currentKind() const;

    /// Highlights the line each task of @p kitchen is at.
    void setKitchen(const Kitchen &kitchen);
    void setTaskStates(TaskState preheat, TaskState mix);
    TaskState taskState(TaskId task) const;

    /// The text edit showing @p kind's listing, e.g. for tests or to give it focus.
    QPlainTextEdit *editor(Kind kind) const;
    /// The legend's text as shown: "preheat: waiting, line 7 · mix_ingredients: reporting, line 15".
    QString legendText() const;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// One tab: its listing, the text edit, the line-number strip left of it and a note above, where it has one.
    struct Page {
        SourceListing listing;
        QPlainTextEdit *editor = nullptr;
        QWidget *lineNumbers = nullptr;
        QLabel *note = nullptr; ///< above the listing, so what it says never scrolls away
    };

    void addPage(Kind kind);
    void fillPages();
    void applyFonts();
    void refresh();
    void highlight(Page &page) const;
    void scrollToHighlights(Page &page) const;
    void paintLineNumbers(const Page &page, QPaintEvent *event) const;
    void updateLegend();
    /// The task whose highlight is on @p line of @p page, if any.
    std::optional<TaskId> taskOnLine(const Page &page, int line) const;
    QColor lineTint(TaskId task) const;
    /// Where @p kind stands in SourceListing::allKinds: its tab's index and its page's.
    static std::size_t indexOf(Kind kind);
    Page &page(Kind kind) { return m_pages[indexOf(kind)]; }
    const Page &page(Kind kind) const { return m_pages[indexOf(kind)]; }

    QTabWidget *m_tabs = nullptr;
    QLabel *m_legend = nullptr;
    std::array<Page, SourceListing::allKinds.size()> m_pages;
    BakeParameters m_parameters;
    TaskState m_preheatState = TaskState::NotStarted;
    TaskState m_mixState = TaskState::NotStarted;
};
