"""Benchmark: how long the command line takes to answer, against docker compose.

    .venv/bin/python bench/startup.py [--repeat N]

Each command is run N times (default 30) as a fresh process, output discarded; the
median and the best wall time are printed, and composer's median as a ratio of
`docker compose version`'s. `python -c pass` is the floor any Python CLI pays.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSER = [str(ROOT / ".venv" / "bin" / "composer")]
if not Path(COMPOSER[0]).exists():
    COMPOSER = [sys.executable, "-m", "composer"]

CASES = [
    ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
    ("composer version", COMPOSER + ["version"]),
    ("composer version --format json", COMPOSER + ["version", "--format", "json"]),
    ("composer --help", COMPOSER + ["--help"]),
    ("composer ps --help", COMPOSER + ["ps", "--help"]),
    ("docker compose version", ["docker", "compose", "version"]),
    ("docker compose --help", ["docker", "compose", "--help"]),
]


def timed(argv: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    results = {}
    for label, argv in CASES:
        if argv[0] == "docker" and not shutil.which("docker"):
            continue
        timed(argv, 2)   # warm the page cache and the .pyc files
        results[label] = timed(argv, args.repeat)
    reference = statistics.median(results.get("docker compose version", [float("nan")]))
    print(f"{'command':34} {'median':>9} {'best':>9} {'vs docker compose version':>26}")
    for label, times in results.items():
        median = statistics.median(times)
        print(f"{label:34} {median * 1000:8.1f}ms {min(times) * 1000:8.1f}ms "
              f"{median / reference:25.2f}x")


if __name__ == "__main__":
    main()
