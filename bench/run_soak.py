#!/usr/bin/env python3
"""Soak the window: a long session of short bakes, and the window at rest.

    python3 bench/run_soak.py [--build-dir build/dev] [--bakes 1000] [--idle-seconds 10]

Builds nothing: it runs BUILD_DIR/bench/bakeloop-soak (built with the project)
and BUILD_DIR/bakeloop, both on Qt's offscreen platform, so no display is
needed. Three measurements, one child process each:

- soak: bakeloop-soak drives the real MainWindow through BAKES bakes at a 1 ms
  step (of every ten: eight async, one sync, one threaded) and reports the CPU
  time (all threads) and resident memory of each bake, its follow-up work in
  the window included. A bake must cost the same at the end as at the start.
- idle, in process: bakeloop-soak --idle, the window shown, minimised, hidden.
- idle, from outside: bakeloop itself, shown with nothing to do, its CPU read
  from /proc/PID/stat over IDLE_SECONDS, as `top` would.

The table goes to standard output and to bench/soak-results.md.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "soak-results.md"
MB = 1_000_000
BLOCK = 100  # bakes averaged at the start and at the end of the soak
# A bake at the end may cost at most this much more than one at the start: noise, not growth.
FLAT_RATIO = 1.25
IDLE_GOAL_PERCENT = 1.0
SETTLE_S = 3  # start-up and first paints are not idling


def environment(config_home):
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Never the user's settings or runtime folder.
    env["XDG_CONFIG_HOME"] = config_home
    runtime = Path(config_home) / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def run_json(argv, env):
    print("running:", " ".join(argv), file=sys.stderr)
    done = subprocess.run(argv, env=env, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def block_figures(samples):
    cpu = [s[1] for s in samples]
    return {
        "cpu_mean": statistics.fmean(cpu),
        "cpu_median": statistics.median(cpu),
        "wall_mean": statistics.fmean(s[2] for s in samples),
    }


def soak(soak_binary, bakes, env):
    report = run_json([str(soak_binary), "--bakes", str(bakes)], env)
    samples = report["samples"]
    block = min(BLOCK, len(samples) // 2) or 1
    first = block_figures(samples[:block])
    last = block_figures(samples[-block:])
    by_mode = {}
    for mode in ("async", "sync", "threaded"):
        of_mode = [s for s in samples if s[0] == mode]
        if len(of_mode) >= 4:
            half = len(of_mode) // 10 or 1
            by_mode[mode] = (block_figures(of_mode[:half])["cpu_mean"], block_figures(of_mode[-half:])["cpu_mean"],
                             half)
    return {
        "bakes": len(samples),
        "block": block,
        "first": first,
        "last": last,
        "by_mode": by_mode,
        "rss_start": samples[0][3] / MB,
        "rss_first_block": samples[block - 1][3] / MB,
        "rss_end": samples[-1][3] / MB,
        "total_wall_s": sum(s[2] for s in samples) / 1000,
    }


def cpu_seconds_of(pid):
    # utime and stime, fields 14 and 15 of /proc/PID/stat, after the command name in parentheses.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_from_outside(bakeloop, seconds, env):
    print("running:", bakeloop, "(idle, read from /proc)", file=sys.stderr)
    child = subprocess.Popen([str(bakeloop)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(SETTLE_S)
        cpu_before, wall_before = cpu_seconds_of(child.pid), time.monotonic()
        time.sleep(seconds)
        cpu_after, wall_after = cpu_seconds_of(child.pid), time.monotonic()
    finally:
        child.terminate()
        child.wait(timeout=10)
    return 100 * (cpu_after - cpu_before) / (wall_after - wall_before)


def table(soaked, idle_inside, idle_outside, idle_seconds):
    first, last = soaked["first"], soaked["last"]
    ratio = last["cpu_mean"] / first["cpu_mean"]
    block, bakes = soaked["block"], soaked["bakes"]
    rows = [
        ("Soak: CPU per bake, first %d bakes" % block,
         "mean %.1f ms, median %.1f ms (wall %.0f ms a bake)" % (first["cpu_mean"], first["cpu_median"],
                                                                  first["wall_mean"]),
         "reference", "—"),
        ("Soak: CPU per bake, last %d of %d bakes" % (block, bakes),
         "mean %.1f ms, median %.1f ms (wall %.0f ms a bake); %.2f× the first" % (
             last["cpu_mean"], last["cpu_median"], last["wall_mean"], ratio),
         "≤ %.2f× the first (flat)" % FLAT_RATIO, "yes" if ratio <= FLAT_RATIO else "no"),
    ]
    for mode, (start, end, count) in soaked["by_mode"].items():
        rows.append(("Soak: CPU per %s bake, first and last %d" % (mode, count),
                     "%.1f ms → %.1f ms" % (start, end), "flat", "yes" if end <= FLAT_RATIO * start else "no"))
    rows.append(("Soak: RSS after bake 1, %d and %d" % (block, bakes),
                 "%.1f MB, %.1f MB, %.1f MB" % (soaked["rss_start"], soaked["rss_first_block"], soaked["rss_end"]),
                 "no growth beyond the log's lines", "—"))
    for state in ("shown", "minimised", "hidden"):
        figure = idle_inside[state]
        rows.append(("Idle CPU, window %s (in process, %.0f s)" % (state, figure["seconds"]),
                     "%.2f %% of a core" % figure["cpu_percent"], "≤ %.0f %%" % IDLE_GOAL_PERCENT,
                     "yes" if figure["cpu_percent"] <= IDLE_GOAL_PERCENT else "no"))
    rows.append(("Idle CPU, `bakeloop` shown (from /proc, %d s)" % idle_seconds, "%.2f %% of a core" % idle_outside,
                 "≤ %.0f %%" % IDLE_GOAL_PERCENT, "yes" if idle_outside <= IDLE_GOAL_PERCENT else "no"))
    lines = ["| Benchmark | Measured | Goal | Met |", "| --- | --- | --- | --- |"]
    lines += ["| %s |" % " | ".join(row) for row in rows]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", default=str(REPO / "build" / "dev"))
    parser.add_argument("--bakes", type=int, default=1000)
    parser.add_argument("--idle-seconds", type=int, default=10)
    args = parser.parse_args()
    build = Path(args.build_dir)
    soak_binary, bakeloop = build / "bench" / "bakeloop-soak", build / "bakeloop"
    for binary in (soak_binary, bakeloop):
        if not binary.exists():
            sys.exit(f"{binary} is missing: build first (cmake --workflow --preset app)")

    with tempfile.TemporaryDirectory(prefix="bakeloop-soak-") as config_home:
        env = environment(config_home)
        soaked = soak(soak_binary, args.bakes, env)
        idle_inside = run_json([str(soak_binary), "--idle", str(args.idle_seconds)], env)
        idle_outside = idle_from_outside(bakeloop, args.idle_seconds, env)

    machine = "%s, %d cores, %s" % (platform.processor() or platform.machine(), os.cpu_count(), platform.platform())
    text = "\n".join([
        "# Bakeloop soak benchmark",
        "",
        "`python3 bench/run_soak.py --bakes %d --idle-seconds %d` on %s (Qt offscreen platform)." % (
            args.bakes, args.idle_seconds, machine),
        "",
        table(soaked, idle_inside, idle_outside, args.idle_seconds),
        "",
    ])
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
