// SPDX-License-Identifier: MIT
#include "cnumericlocale.h"

namespace recipe {

namespace {
/// Made once and never freed: every guard of every thread shares it.
locale_t cLocale()
{
    static const locale_t made = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    return made;
}
} // namespace

CNumericLocale::CNumericLocale()
    : m_previous(uselocale(cLocale()))
{
}

CNumericLocale::~CNumericLocale()
{
    uselocale(m_previous);
}

} // namespace recipe
