// SPDX-License-Identifier: MIT
#include "processcputime.h"

#include <ctime>

double ProcessCpuTime::milliseconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}
