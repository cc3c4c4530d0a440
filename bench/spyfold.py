"""Fold py-spy raw stacks (`py-spy record --idle --threads -f raw`) into a wall-time table.

    .venv/bin/python -m bench.spyfold up.txt [--rate 250]

For the main thread: seconds per composer phase (the deepest `composer/` frame among a
fixed list of phase functions, or the module being imported). For the worker threads:
seconds per (composer action, engine call) pair, idle pool threads left out. Samples are
wall-clock (with --idle), so waiting on the engine counts.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter

PHASES = ("load_project", "connect", "observe", "plan_up", "plan_down", "apply",
          "execute", "make_sink", "to_yaml", "_load", "project_for")
FRAME = re.compile(r"^(?P<fn>.+?) \((?P<file>[^:]+):(?P<line>\d+)\)$")


def frames(stack: str) -> list[tuple[str, str]]:
    out = []
    for part in stack.split(";")[1:]:   # the first part names the thread
        m = FRAME.match(part)
        if m:
            out.append((m["fn"], m["file"]))
    return out


def main_phase(fs: list[tuple[str, str]]) -> str:
    phase = "start-up (imports, argument parsing)"
    for fn, file in fs:
        if file.startswith("composer/") and fn in PHASES:
            phase = fn
        if fn == "_find_and_load" and phase != "start-up (imports, argument parsing)":
            return f"{phase}: importing"
    return phase


def worker_key(fs: list[tuple[str, str]]) -> str | None:
    action = next((fn for fn, file in reversed(fs) if file == "composer/executor.py"), None)
    if action is None:
        return None
    api = next((f"{fn} ({file})" for fn, file in fs if file.startswith("docker/api/")), None)
    return f"{action} → {api or 'python'}"


def fold(path: str, rate: float) -> tuple[Counter, Counter]:
    main, workers = Counter(), Counter()
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        fs = frames(stack)
        n = int(count) / rate
        if stack.split(";", 1)[0].endswith("MainThread"):
            main[main_phase(fs)] += n
        else:
            key = worker_key(fs)
            if key:
                workers[key] += n
    return main, workers


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--rate", type=float, default=250)
    args = p.parse_args()
    main_t, workers = fold(args.file, args.rate)
    print(f"main thread: {sum(main_t.values()):.2f} s")
    for k, v in main_t.most_common():
        print(f"  {v:7.2f}  {k}")
    print(f"worker threads (sum over threads): {sum(workers.values()):.2f} s")
    for k, v in workers.most_common(15):
        print(f"  {v:7.2f}  {k}")


if __name__ == "__main__":
    main()
