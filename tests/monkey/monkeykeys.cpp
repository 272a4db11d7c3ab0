// SPDX-License-Identifier: MIT
#include "monkeykeys.h"

#include <QKeySequence>

QString MonkeyKey::name() const
{
    return QKeySequence(QKeyCombination(modifiers, Qt::Key(key))).toString();
}

const std::vector<MonkeyKey> &MonkeyKeys::shortcuts()
{
    static const std::vector<MonkeyKey> keys{
        {Qt::Key_1, Qt::ControlModifier},  {Qt::Key_2, Qt::ControlModifier},    {Qt::Key_3, Qt::ControlModifier},
        {Qt::Key_Escape, Qt::NoModifier},  {Qt::Key_R, Qt::ControlModifier},    {Qt::Key_T, Qt::ControlModifier},
        {Qt::Key_F10, Qt::NoModifier},     {Qt::Key_F5, Qt::NoModifier},        {Qt::Key_Home, Qt::ControlModifier},
        {Qt::Key_Up, Qt::ControlModifier}, {Qt::Key_Down, Qt::ControlModifier}, {Qt::Key_End, Qt::ControlModifier},
        {Qt::Key_L, Qt::ControlModifier},  {Qt::Key_C, Qt::ControlModifier},    {Qt::Key_F11, Qt::NoModifier},
        {Qt::Key_P, Qt::ControlModifier},  {Qt::Key_S, Qt::ControlModifier},
    };
    return keys;
}

const std::vector<MonkeyKey> &MonkeyKeys::editingKeys()
{
    static const std::vector<MonkeyKey> keys{
        {Qt::Key_Up, Qt::NoModifier},         {Qt::Key_Down, Qt::NoModifier},     {Qt::Key_Left, Qt::NoModifier},
        {Qt::Key_Right, Qt::NoModifier},      {Qt::Key_Home, Qt::NoModifier},     {Qt::Key_End, Qt::NoModifier},
        {Qt::Key_PageUp, Qt::NoModifier},     {Qt::Key_PageDown, Qt::NoModifier}, {Qt::Key_Tab, Qt::NoModifier},
        {Qt::Key_Backtab, Qt::ShiftModifier}, {Qt::Key_Space, Qt::NoModifier},    {Qt::Key_Return, Qt::NoModifier},
        {Qt::Key_Backspace, Qt::NoModifier},  {Qt::Key_Delete, Qt::NoModifier},   {Qt::Key_A, Qt::ControlModifier},
        {Qt::Key_Up, Qt::ShiftModifier},      {Qt::Key_Down, Qt::ShiftModifier},  {Qt::Key_Alt, Qt::AltModifier},
        {Qt::Key_F, Qt::AltModifier},         {Qt::Key_B, Qt::AltModifier},
    };
    return keys;
}
