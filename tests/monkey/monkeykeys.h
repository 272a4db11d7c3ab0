// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <vector>

/// One key the monkey presses, with its modifiers.
struct MonkeyKey {
    int key;
    Qt::KeyboardModifiers modifiers;

    /// "Ctrl+2", as the menus write it.
    QString name() const;
};

/// The keys the monkey knows: the window's shortcuts, and keys any widget may take.
namespace MonkeyKeys {
/// Every shortcut of the window but Quit, which would end the session rather than test it.
const std::vector<MonkeyKey> &shortcuts();
/// Keys that move, edit and toggle in whatever widget has the focus.
const std::vector<MonkeyKey> &editingKeys();
} // namespace MonkeyKeys
