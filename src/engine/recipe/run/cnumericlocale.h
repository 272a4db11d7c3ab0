// SPDX-License-Identifier: MIT
#pragma once

#include <locale.h>

namespace recipe {

/**
 * While it lives, the calling thread reads and writes numbers as the C
 * locale does, whatever the process's locale is. Qt sets the process to
 * the user's locale, and snprintf and strtod follow it: under de_DE a
 * recipe's f"{2.25:.1f}" printed "2,2" and float("1.5") read 1.0. Python
 * itself never does. uselocale() changes only this thread, and only until
 * the guard goes, so it is safe on any thread a kitchen runs on.
 */
class CNumericLocale
{
public:
    CNumericLocale();
    ~CNumericLocale();
    CNumericLocale(const CNumericLocale &) = delete;
    CNumericLocale &operator=(const CNumericLocale &) = delete;

private:
    locale_t m_previous;
};

} // namespace recipe
