#!/usr/bin/env python3
"""Benchmark the recipe engine against CPython on the same recipes.

    python3 bench/run_recipe_bench.py [--bakeloop PATH] [--runs N]
                                      [--startup-runs N] [--no-million]

Every figure comes from a child process of its own (run_bench.py's way:
wall time from spawn to reaping, peak RSS from wait4). The table goes to
standard output and to bench/recipe-results.md; progress to standard error.
The goals are issue 9's.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run_bench import (REPO, BenchError, Row, display_path, machine,
                       median_worst, met_count, progress, run_child)

RESULTS = REPO / "bench" / "recipe-results.md"
CAKE = REPO / "recipes" / "cake.py"
RESUMPTION = REPO / "bench" / "recipes" / "resumption.py"
READY = REPO / "bench" / "recipes" / "ready.py"
SCALE_GOALS = {  # cakes: (wall time in s, peak RSS in MB)
    100_000: (3.05, 64),
    1_000_000: (3.4, 400),
}
STALL_GOALS_MS = {1_000_000: 150}
STARTUP_GOAL_MS = 30
COMPILE_GOAL_MS = 20
COMPILE_LINES = 1_000
RESUMPTION_GOAL_NS = 40


def cakes_in_python(cakes):
    """cake.py with its asyncio.run coroutine gathered `cakes` times: what --cakes runs."""
    source = CAKE.read_text(encoding="utf-8")
    gathered = (f"async def cakes():\n"
                f"    await asyncio.gather(*[main() for cake in range({cakes})])\n\n\n"
                f"asyncio.run(cakes())\n")
    source, count = re.subn(r"^asyncio\.run\(main\(\)\)\n", gathered, source,
                            flags=re.MULTILINE)
    if count != 1:
        raise BenchError("recipes/cake.py no longer ends with asyncio.run(main())")
    return source


def long_recipe(lines):
    """A recipe of `lines` lines, of the statements lessons are made of."""
    head = ["import asyncio", "", "STEP = 0", ""]
    stations, calls = [], []
    tail = ["", "", "async def main():", "    results = []", "    print(len(results))", "", "",
            "asyncio.run(main())"]
    index = 0
    while len(head) + len(stations) + len(calls) + len(tail) + 10 <= lines:
        stations += [
            "",
            f"async def station_{index}(count, label=\"station {index}\"):",
            "    total = 0",
            "    for i in range(count):",
            f"        total += i * {index % 7 + 2} % 5",
            "        if total > 100 and not (i % 3 == 0):",
            "            total = total // 2",
            "    await asyncio.sleep(STEP)",
            "    return f\"{label}: {total:>5} {[total, count]}\"",
        ]
        calls.append(f"    results.append(await station_{index}({index % 10}))")
        index += 1
    while len(head) + len(stations) + len(calls) + len(tail) < lines:
        calls.append("    results.append(len(results))")
    return "\n".join(head + stations + tail[:4] + calls + tail[4:]) + "\n"


class RecipeBench:
    """Runs the recipe benchmarks and keeps their rows."""

    def __init__(self, bakeloop, python, folder):
        self.bakeloop = bakeloop
        self.python = python
        self.folder = folder
        self.rows = []
        self.commands = []

    def shown(self, argv):
        names = {str(self.bakeloop): display_path(self.bakeloop), self.python: "python3"}
        return shlex.join(names.get(arg, display_path(Path(arg)) if arg.startswith("/") else arg)
                          for arg in argv)

    def scale(self, runs, million):
        """cake.py with many cakes, through the engine and through CPython."""
        for cakes in SCALE_GOALS:
            if cakes == 1_000_000 and not million:
                continue
            argv = [str(self.bakeloop), "--headless", "--recipe", "cake", "--cakes", str(cakes), "--quiet",
                    "--report", "-"]
            self.commands.append((f"Scale, {cakes:,} cakes", self.shown(argv)))
            ours, stalls = [], []
            for i in range(runs):
                progress(f"scale: engine, {cakes:,} cakes, {i + 1}/{runs}")
                try:
                    child = run_child(argv)
                except BenchError as error:
                    said = " ".join(str(error).split()).replace("|", "\\|")  # one table cell: one line, no bars
                    self.rows.append(Row(f"Scale: cake.py, {cakes:,} cakes", f"**did not finish**: {said}",
                                         f"≤ {SCALE_GOALS[cakes][0]} s, ≤ {SCALE_GOALS[cakes][1]} MB", "no"))
                    break
                ours.append(child)
                stalls.append(json.loads(child.stdout)["max_loop_stall_ms"])
            if not ours:
                continue
            runs_made = len(ours)
            wall_goal, rss_goal = SCALE_GOALS[cakes]
            walls = [c.wall_s for c in ours]
            rsses = [c.rss_mb for c in ours]
            self.rows.append(Row(f"Scale: cake.py, {cakes:,} cakes, wall time", median_worst(walls, "s", 2),
                                 f"≤ {wall_goal} s", met_count(sum(w <= wall_goal for w in walls), runs_made)))
            stall_goal = STALL_GOALS_MS.get(cakes)
            self.rows.append(Row(f"Scale: cake.py, {cakes:,} cakes, largest loop stall (its --report)",
                                 median_worst(stalls, "ms", 0),
                                 f"≤ {stall_goal} ms" if stall_goal else "reference",
                                 met_count(sum(s <= stall_goal for s in stalls), runs_made) if stall_goal else "—"))
            self.rows.append(Row(f"Scale: cake.py, {cakes:,} cakes, peak RSS", median_worst(rsses, "MB", 1),
                                 f"≤ {rss_goal} MB", met_count(sum(r <= rss_goal for r in rsses), runs_made)))
            if cakes == 100_000:
                script = self.folder / "cakes.py"
                script.write_text(cakes_in_python(cakes), encoding="utf-8")
                theirs_argv = [self.python, str(script)]
                self.commands.append((f"Scale, CPython, {cakes:,} cakes",
                                      f"python3 CAKES.py (recipes/cake.py, its main gathered {cakes:,} times)"))
                progress(f"scale: CPython, {cakes:,} cakes")
                theirs = run_child(theirs_argv)
                self.rows.append(Row(f"Scale: CPython asyncio, same recipe, {cakes:,} cakes",
                                     f"{theirs.wall_s:.2f} s, {theirs.rss_mb:.1f} MB (1 run)", "reference", "—"))

    def startup(self, runs):
        """The smallest recipe, start to end."""
        argv = [str(self.bakeloop), "--headless", "--recipe", str(READY)]
        self.commands.append(("Startup", self.shown(argv)))
        progress(f"startup: {runs} runs")
        for _ in range(2):  # warm the page cache first
            run_child(argv)
        walls = [run_child(argv).wall_s * 1000 for _ in range(runs)]
        median = statistics.median(walls)
        self.rows.append(Row("Startup: a one-line recipe, wall time",
                             f"median {median:.1f} ms, best {min(walls):.1f} ms ({runs} runs)",
                             f"median ≤ {STARTUP_GOAL_MS} ms", "yes" if median <= STARTUP_GOAL_MS else "no"))

    def compile(self, runs):
        """--check of a long recipe, less --check of the smallest: what parsing and compiling cost."""
        recipe = self.folder / "long.py"
        recipe.write_text(long_recipe(COMPILE_LINES), encoding="utf-8")
        lines = len(recipe.read_text(encoding="utf-8").splitlines())
        long_argv = [str(self.bakeloop), "--check", str(recipe)]
        short_argv = [str(self.bakeloop), "--check", str(READY)]
        self.commands.append((f"Compile, {lines:,} lines", f"{display_path(self.bakeloop)} --check LONG.py, "
                              f"less {self.shown(short_argv)}"))
        progress(f"compile: {runs} runs")
        run_child(long_argv)
        longs = [run_child(long_argv).wall_s * 1000 for _ in range(runs)]
        shorts = [run_child(short_argv).wall_s * 1000 for _ in range(runs)]
        cost = statistics.median(longs) - statistics.median(shorts)
        self.rows.append(Row(f"Compile: a {lines:,}-line recipe (--check, less a one-line --check)",
                             f"{cost:.1f} ms (median of {runs})", f"≤ {COMPILE_GOAL_MS} ms",
                             "yes" if cost <= COMPILE_GOAL_MS else "no"))

    def resumption(self, runs):
        """bench/recipes/resumption.py prints the ns one resumption took; so does CPython for the same file."""
        ours_argv = [str(self.bakeloop), "--headless", "--recipe", str(RESUMPTION)]
        theirs_argv = [self.python, str(RESUMPTION)]
        self.commands.append(("Resumption, engine", self.shown(ours_argv)))
        self.commands.append(("Resumption, CPython", self.shown(theirs_argv)))
        progress(f"resumption: {runs} runs each")
        ours = [float(run_child(ours_argv).stdout) for _ in range(runs)]
        theirs = [float(run_child(theirs_argv).stdout) for _ in range(runs)]
        median = statistics.median(ours)
        self.rows.append(Row("Resumption: a task's await asyncio.sleep(0), one loop turn (with its for loop)",
                             f"median {median:.0f} ns; CPython 3.11 asyncio: median "
                             f"{statistics.median(theirs):.0f} ns ({runs} runs each)",
                             f"≤ {RESUMPTION_GOAL_NS} ns", "yes" if median <= RESUMPTION_GOAL_NS else "no"))


def markdown(command, about, bench):
    lines = ["# Bakeloop recipe engine benchmark", "", f"Command: `{command}`", "", f"Machine: {about}", "",
             "| Benchmark | Measured | Goal | Met |", "| --- | --- | --- | --- |"]
    lines += [f"| {r.what} | {r.measured} | {r.goal} | {r.met} |" for r in bench.rows]
    lines += ["", "Commands, run from the repository root:", ""]
    lines += [f"- {label}: `{shown}`" for label, shown in bench.commands]
    lines += ["", "Wall time runs from the spawn of a child to its reaping; peak RSS is the child's ru_maxrss "
              "from wait4; 1 MB = 10^6 bytes.", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="Benchmark the recipe engine against CPython.")
    parser.add_argument("--bakeloop", type=Path, default=REPO / "build" / "dev" / "bakeloop",
                        help="the bakeloop binary (default: build/dev/bakeloop)")
    parser.add_argument("--runs", type=int, default=3, metavar="N", help="repeats of each measurement (default 3)")
    parser.add_argument("--startup-runs", type=int, default=20, metavar="N",
                        help="runs of the startup recipe (default 20)")
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000 cakes")
    args = parser.parse_args()
    if args.runs < 1 or args.startup_runs < 1:
        parser.error("--runs and --startup-runs take a number above 0")
    bakeloop = args.bakeloop.resolve()
    if not bakeloop.is_file() or not os.access(bakeloop, os.X_OK):
        sys.exit(f"run_recipe_bench.py: no bakeloop binary at {bakeloop}; build it with "
                 f"`cmake --workflow --preset app`, or name it with --bakeloop PATH")
    python = shutil.which("python3") or sys.executable
    command = shlex.join(["python3", "bench/run_recipe_bench.py", *sys.argv[1:]])
    with tempfile.TemporaryDirectory() as folder:
        bench = RecipeBench(bakeloop, python, Path(folder))
        try:
            bench.resumption(args.runs)
            bench.compile(args.runs)
            bench.startup(args.startup_runs)
            bench.scale(args.runs, not args.no_million)
        except BenchError as error:
            sys.exit(f"run_recipe_bench.py: {error}")
    text = markdown(command, machine(bakeloop), bench)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
