#!/usr/bin/env python3
"""Run Bakeloop's benchmark and print its results as a Markdown table.

    python3 bench/run_bench.py [--bakeloop PATH] [--runs N] [--startup-runs N]
                               [--python-million]

Every figure comes from a child process started on its own, one at a time:
wall time from just before the spawn to the moment the child is reaped, and
peak RSS from the child's own rusage (os.wait4), so nothing of this script
is counted. The table goes to standard output and to bench/results.md;
progress goes to standard error.
"""

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ASYNCIO_SCRIPT = "bench/bake_asyncio.py"
RESULTS = REPO / "bench" / "results.md"
MB = 1_000_000  # peak RSS is shown in MB of 10^6 bytes
CHILD_TIME_LIMIT_S = 600

# The default bake's lines, as shared/ANALOGY.md fixes them.
PREHEAT = [f"preheat:: temp is now {t}" for t in (200, 300, 400)]
MIX = [f"mix_ingredients:: mixing things {i}" for i in range(3)]
EXPECTED_LINES = {
    "sync": PREHEAT + MIX,
    "async": [line for pair in zip(PREHEAT, MIX) for line in pair],
}
FIDELITY_TOLERANCE = 0.005  # total_ms within 0.5 % of ideal_ms
# LoopMonitor::lateThresholdMs: a beat later than this is a visible stall.
LATE_THRESHOLD_MS = 50
SCALE_GOALS = {  # cakes: (wall time in s, peak RSS in MB)
    100_000: (3.06, 100),
    1_000_000: (3.5, 400),
}
STARTUP_GOAL_MS = 30
# Small bakes on which bake_asyncio.py must print bakeloop's very lines.
PARITY_BAKES = [
    [],
    ["--step-ms", "20", "--cakes", "3", "--target-temp", "475",
     "--mix-count", "1"],
    ["--step-ms", "10", "--cakes", "2", "--target-temp", "100",
     "--mix-count", "5"],
    ["--step-ms", "5", "--cakes", "50", "--target-temp", "900",
     "--mix-count", "7"],
]


class BenchError(Exception):
    """A benchmark that could not run; the message says why."""


@dataclass
class Child:
    """What one finished child process did and cost."""

    wall_s: float
    max_rss_kb: int
    stdout: str

    @property
    def rss_mb(self):
        """Peak resident set size in MB (ru_maxrss is in KiB on Linux)."""
        return self.max_rss_kb * 1024 / MB


@dataclass
class Row:
    """One line of the results table."""

    what: str
    measured: str
    goal: str
    met: str


def run_child(argv):
    """Run argv from the repository root; return its wall time and peak RSS.

    Output goes to temporary files rather than pipes, so that the child
    never waits on us and os.wait4 can reap it the moment it ends.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err)
        watchdog = threading.Timer(CHILD_TIME_LIMIT_S, proc.kill)
        watchdog.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall_s = time.perf_counter() - start
        watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode()
        stderr = err.read().decode()
    if proc.returncode != 0:
        raise BenchError(f"{shlex.join(argv)} exited with {proc.returncode}:"
                         f"\n{stderr.strip()}")
    return Child(wall_s, usage.ru_maxrss, stdout)


class Bench:
    """Runs the benchmark's children and turns their figures into rows."""

    def __init__(self, bakeloop, python):
        """Prepare to run bakeloop and Python asyncio by these paths."""
        self.bakeloop = bakeloop
        self.python = python
        self.rows = []
        self.commands = []  # (label, command as a reader would type it)

    def shown(self, argv):
        """Return argv as typed from the repository root."""
        names = {str(self.bakeloop): display_path(self.bakeloop),
                 self.python: "python3"}
        return shlex.join(names.get(arg, arg) for arg in argv)

    def note_command(self, label, argv):
        """Remember the command behind a group of rows."""
        self.commands.append((label, self.shown(argv)))

    def bake_with_report(self, args):
        """Run bakeloop --headless with args; return the child and report."""
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report.json"
            child = run_child([str(self.bakeloop), "--headless", *args,
                               "--report", str(report)])
            return child, json.loads(report.read_text())

    def fidelity(self, runs):
        """Time the default bake in both modes against its ideal length."""
        for mode in ("sync", "async"):
            args = ["--mode", mode]
            self.note_command(f"Fidelity, {mode}", [
                str(self.bakeloop), "--headless", *args, "--report", "FILE"])
            totals, stalls, lates, wrong_lines = [], [], 0, 0
            for i in range(runs):
                progress(f"fidelity: {mode} bake {i + 1}/{runs}")
                child, report = self.bake_with_report(args)
                ideal = report["ideal_ms"]
                totals.append(report["total_ms"])
                stalls.append(report["max_loop_stall_ms"])
                lates += report["late_heartbeats"]
                if child.stdout.splitlines() != EXPECTED_LINES[mode]:
                    wrong_lines += 1
            errors = [(total - ideal) / ideal for total in totals]
            worst = max(range(runs), key=lambda i: abs(errors[i]))
            median = statistics.median(totals)
            within = sum(abs(e) <= FIDELITY_TOLERANCE for e in errors)
            lines = ("" if not wrong_lines else
                     f"; **{wrong_lines} run(s) printed wrong lines**")
            self.rows.append(Row(
                f"Fidelity, {mode}: default bake, total_ms vs ideal "
                f"{ideal} ms",
                f"median {median:g} ms ({percent((median - ideal) / ideal)})"
                f", worst {totals[worst]} ms ({percent(errors[worst])})"
                + lines,
                f"within 0.5 % (±{ideal * FIDELITY_TOLERANCE:g} ms)",
                met_count(within if not wrong_lines else 0, runs)))
            stall = (f"median {statistics.median(stalls):g} ms, worst "
                     f"{max(stalls)} ms; {lates} late heartbeat(s) in all")
            if mode == "sync":
                self.rows.append(Row(
                    "Loop stall, sync: max_loop_stall_ms", stall,
                    "the whole bake, by design (blocking sleeps)", "—"))
            else:
                self.rows.append(Row(
                    "Loop stall, async: max_loop_stall_ms", stall,
                    f"< {LATE_THRESHOLD_MS} ms (no late heartbeat)",
                    met_count(sum(s < LATE_THRESHOLD_MS for s in stalls),
                              runs)))

    def parity(self):
        """Check that bake_asyncio.py prints the lines bakeloop prints."""
        same = 0
        for i, args in enumerate(PARITY_BAKES):
            progress(f"parity: bake {i + 1}/{len(PARITY_BAKES)}")
            ours = run_child([str(self.bakeloop), "--headless", *args])
            theirs = run_child([self.python, ASYNCIO_SCRIPT, *args])
            same += ours.stdout == theirs.stdout
        self.rows.append(Row(
            "Parity: bake_asyncio.py prints bakeloop --headless's lines",
            f"{same} of {len(PARITY_BAKES)} bakes identical",
            "all identical", met_count(same, len(PARITY_BAKES))))

    def scale(self, runs, python_million):
        """Bake many cakes at once in bakeloop and in Python asyncio."""
        sizes = [(100_000, True), (1_000_000, python_million)]
        for cakes, with_python in sizes:
            common = ["--cakes", str(cakes), "--quiet"]
            ours_argv = [str(self.bakeloop), "--headless", *common]
            theirs_argv = [self.python, ASYNCIO_SCRIPT, *common]
            self.note_command(f"Scale, bakeloop, {cakes:,} cakes",
                              ours_argv + ["--report", "FILE"])
            if with_python:
                self.note_command(f"Scale, Python asyncio, {cakes:,} cakes",
                                  theirs_argv)
            ours, reports, theirs = [], [], []
            # Alternate the two, so that both see the machine as it is.
            for i in range(runs):
                progress(f"scale: bakeloop, {cakes:,} cakes, {i + 1}/{runs}")
                child, report = self.bake_with_report(common)
                ours.append(child)
                reports.append(report)
                # Python at a million cakes takes over a minute: once only.
                if with_python and (cakes < 1_000_000 or i == 0):
                    progress(f"scale: Python, {cakes:,} cakes, "
                             f"{i + 1}/{runs}")
                    theirs.append(run_child(theirs_argv))
            self.scale_rows(cakes, ours, reports, theirs)

    def scale_rows(self, cakes, ours, reports, theirs):
        """Add the wall time and peak RSS rows of one number of cakes."""
        wall_goal, rss_goal = SCALE_GOALS[cakes]
        walls = [c.wall_s for c in ours]
        rsses = [c.rss_mb for c in ours]
        stalls = [r["max_loop_stall_ms"] for r in reports]
        totals = [r["total_ms"] for r in reports]
        self.rows.append(Row(
            f"Scale: bakeloop, {cakes:,} cakes, wall time",
            f"{median_worst(walls, 's', 2)} (its total_ms: median "
            f"{statistics.median(totals):g}; max loop stall: median "
            f"{statistics.median(stalls):g} ms, worst {max(stalls)} ms)",
            f"≤ {wall_goal} s",
            met_count(sum(w <= wall_goal for w in walls), len(walls))))
        self.rows.append(Row(
            f"Scale: bakeloop, {cakes:,} cakes, peak RSS",
            median_worst(rsses, "MB", 1), f"≤ {rss_goal} MB",
            met_count(sum(r <= rss_goal for r in rsses), len(rsses))))
        if theirs:
            self.rows.append(Row(
                f"Scale: Python asyncio, {cakes:,} cakes, wall time",
                median_worst([c.wall_s for c in theirs], "s", 2),
                "reference", "—"))
            self.rows.append(Row(
                f"Scale: Python asyncio, {cakes:,} cakes, peak RSS",
                median_worst([c.rss_mb for c in theirs], "MB", 1),
                "reference", "—"))

    def threads_cost(self, runs):
        """Bake the same 1,000 cakes with a thread per task and on one event loop."""
        cakes = 1_000
        common = ["--cakes", str(cakes), "--quiet"]
        figures = {}
        for mode in ("threaded", "async"):
            args = ["--mode", mode, *common]
            self.note_command(f"Threads against the event loop, {mode}",
                              [str(self.bakeloop), "--headless", *args,
                               "--report", "FILE"])
            children, reports = [], []
            for i in range(runs):
                progress(f"threads: {mode}, {cakes:,} cakes, {i + 1}/{runs}")
                child, report = self.bake_with_report(args)
                children.append(child)
                reports.append(report)
            figures[mode] = (children, reports)
        for mode, (children, reports) in figures.items():
            threads = reports[0]["threads_started"]
            totals = [r["total_ms"] for r in reports]
            self.rows.append(Row(
                f"Threads against the loop: {mode}, {cakes:,} cakes",
                f"{threads:,} threads started; total_ms median "
                f"{statistics.median(totals):g} (ideal "
                f"{reports[0]['ideal_ms']}); peak RSS "
                f"{median_worst([c.rss_mb for c in children], 'MB', 1)}; "
                f"wall {median_worst([c.wall_s for c in children], 's', 2)}",
                "reference: what each way costs", "—"))

    def startup(self, runs):
        """Time a bake with no steps: the cost of starting and ending."""
        argv = [str(self.bakeloop), "--headless", "--target-temp", "100",
                "--mix-count", "0"]
        self.note_command("Startup", argv)
        progress(f"startup: {runs} runs")
        for _ in range(2):  # warm the page cache first
            run_child(argv)
        walls = [run_child(argv).wall_s * 1000 for _ in range(runs)]
        median = statistics.median(walls)
        self.rows.append(Row(
            "Startup: bakeloop, a bake with no steps, wall time",
            f"median {median:.1f} ms, best {min(walls):.1f} ms, worst "
            f"{max(walls):.1f} ms ({runs} runs)",
            f"median ≤ {STARTUP_GOAL_MS} ms",
            "yes" if median <= STARTUP_GOAL_MS else "no"))


def percent(fraction):
    """Format a signed fraction as a percentage."""
    return f"{fraction * 100:+.2f} %"


def met_count(good, total):
    """Say whether every one of total runs met its goal."""
    return f"{'yes' if good == total else 'no'} ({good}/{total})"


def median_worst(values, unit, digits):
    """Format the median and the largest of values."""
    if len(values) == 1:
        return f"{values[0]:.{digits}f} {unit} (1 run)"
    return (f"median {statistics.median(values):.{digits}f} {unit}, "
            f"worst {max(values):.{digits}f} {unit} ({len(values)} runs)")


def display_path(path):
    """Return path relative to the repository root where it lies inside."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def progress(message):
    """Tell the person waiting what runs now."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def machine(bakeloop):
    """Describe the machine, the tools and the build under test."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = subprocess.run([str(bakeloop), "--version"], check=False,
                             capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                            cwd=REPO, check=False, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    built = time.strftime("%Y-%m-%d %H:%M",
                          time.localtime(bakeloop.stat().st_mtime))
    return (f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}; "
            f"Python {platform.python_version()}; {version or 'bakeloop'} "
            f"at {display_path(bakeloop)}, built {built} (HEAD {commit})")


def markdown(command, about, bench, runs):
    """Return the whole report as Markdown."""
    lines = [
        "# Bakeloop benchmark",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {about}",
        "",
        "| Benchmark | Measured | Goal | Met |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {r.what} | {r.measured} | {r.goal} | {r.met} |"
              for r in bench.rows]
    lines += ["", "Commands, run from the repository root "
              "(FILE: a temporary report file):", ""]
    lines += [f"- {label}: `{shown}`" for label, shown in bench.commands]
    lines += [
        "",
        f"Wall time runs from the spawn of a child to its reaping; peak RSS "
        f"is the child's ru_maxrss from wait4; 1 MB = 10^6 bytes. Fidelity "
        f"and scale repeat each bake {runs} time(s), and \"met\" counts the "
        f"runs that met the goal; the loop stall is bakeloop's own "
        f"max_loop_stall_ms from --report.",
        "",
    ]
    return "\n".join(lines)


def main():
    """Parse the options, run every benchmark and print the table."""
    parser = argparse.ArgumentParser(
        description="Run Bakeloop's benchmark and print a Markdown table.")
    parser.add_argument("--bakeloop", type=Path,
                        default=REPO / "build" / "dev" / "bakeloop",
                        help="the bakeloop binary (default: build/dev/"
                             "bakeloop in the repository)")
    parser.add_argument("--runs", type=int, default=3, metavar="N",
                        help="repeats of each fidelity and scale bake "
                             "(default 3)")
    parser.add_argument("--startup-runs", type=int, default=20, metavar="N",
                        help="runs of the startup bake (default 20)")
    parser.add_argument("--python-million", action="store_true",
                        help="also bake a million cakes in Python asyncio "
                             "(once; over a minute and several GB)")
    args = parser.parse_args()
    if args.runs < 1 or args.startup_runs < 1:
        parser.error("--runs and --startup-runs take a number above 0")

    bakeloop = args.bakeloop.resolve()
    if not bakeloop.is_file() or not os.access(bakeloop, os.X_OK):
        sys.exit(f"run_bench.py: no bakeloop binary at {bakeloop}; build it "
                 f"with `cmake --workflow --preset app` in {REPO}, or name "
                 f"it with --bakeloop PATH")
    python = shutil.which("python3") or sys.executable
    command = shlex.join(["python3", "bench/run_bench.py", *sys.argv[1:]])
    print(f"Command: `{command}`", file=sys.stderr, flush=True)

    bench = Bench(bakeloop, python)
    try:
        bench.fidelity(args.runs)
        bench.parity()
        bench.scale(args.runs, args.python_million)
        bench.threads_cost(args.runs)
        bench.startup(args.startup_runs)
    except BenchError as error:
        sys.exit(f"run_bench.py: {error}")
    report = markdown(command, machine(bakeloop), bench, args.runs)
    print(report, end="")
    RESULTS.write_text(report)
    progress(f"written to {display_path(RESULTS)}")


if __name__ == "__main__":
    main()
