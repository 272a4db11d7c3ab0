// SPDX-License-Identifier: MIT
#pragma once

/**
 * The CPU time this process has used so far, every thread counted: what a
 * benchmark subtracts around the work it measures.
 */
class ProcessCpuTime
{
public:
    static double milliseconds();
};
