#!/usr/bin/env python3
"""How long a no-op `up -d` takes on a running project: composer vs docker compose.

Brings up N services (busybox, init, sleeping) once with each tool, each under its own
project name, then times R further `up -d` runs that must change nothing (the container
ids are checked before and after). composer is timed twice: going the whole way every
time (COMPOSER_UP_MEMO=0: load, observe, plan), and as a user repeating the command meets
it, where the first no-op run notes its answer and the next ones are answered from that
note after comparing every file and engine read (composer/upmemo.py). Prints min / median
/ max wall time per tool, and the floor: a bare Python process that only imports the
docker SDK and lists the project's containers. Everything it creates is removed at the
end (the notes go to a temporary XDG_CACHE_HOME).

    .venv/bin/python bench/noop_up.py [--services 30] [--runs 10] [--no-compose]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSER = [sys.executable, "-m", "composer"]
COMPOSE = ["docker", "compose"]
FLOOR = ("import docker; c = docker.from_env(version='auto'); "
         "c.api.containers(all=True, filters={'label': 'com.docker.compose.project=%s'})")


def compose_file(n: int) -> str:
    lines = ["services:"]
    for i in range(n):
        lines += [f"  s{i:02d}:", "    image: busybox:latest", "    command: sleep 3600",
                  "    init: true", f"    environment: {{N: \"{i}\"}}"]
    return "\n".join(lines) + "\n"


EXTRA_ENV: dict[str, str] = {}


def run(cmd: list[str], cwd: Path, extra: dict | None = None) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "COMPOSER_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(EXTRA_ENV)
    env.update(extra or {})
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return took


def ids(project: str) -> list[str]:
    out = subprocess.run(["docker", "ps", "-aq", "--no-trunc", "--filter",
                          f"label=com.docker.compose.project={project}"],
                         capture_output=True, text=True, check=True).stdout
    return sorted(out.split())


def measure(tool: list[str], project: str, folder: Path, runs: int, services: int,
            extra: dict | None = None) -> list[float]:
    run(tool + ["-p", project, "up", "-d"], folder, extra)
    before = ids(project)
    assert len(before) == services, f"{project}: {len(before)} containers, not {services}"
    times = [run(tool + ["-p", project, "up", "-d"], folder, extra) for _ in range(runs)]
    assert ids(project) == before, f"{project}: a no-op up changed containers"
    return times


def summary(name: str, times: list[float]) -> dict:
    return {"tool": name, "min": min(times), "median": statistics.median(times),
            "max": max(times), "runs": len(times)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--services", type=int, default=30)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--no-compose", action="store_true", help="skip docker compose")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tag = f"bnoop{os.getpid()}"
    folder = Path(tempfile.mkdtemp(prefix="noop-up-"))
    (folder / "compose.yaml").write_text(compose_file(args.services))
    EXTRA_ENV["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="noop-up-cache-")
    results = []
    try:
        results.append(summary("composer, the whole way (COMPOSER_UP_MEMO=0)",
                               measure(COMPOSER, f"{tag}a", folder, args.runs, args.services,
                                       {"COMPOSER_UP_MEMO": "0"})))
        results.append(summary("composer, repeated (1st notes, then from the note)",
                               measure(COMPOSER, f"{tag}a", folder, args.runs,
                                       args.services)))
        if not args.no_compose and shutil.which("docker"):
            results.append(summary("docker compose", measure(COMPOSE, f"{tag}b", folder,
                                                             args.runs, args.services)))
        floor = [run([sys.executable, "-c", FLOOR % f"{tag}a"], folder)
                 for _ in range(args.runs)]
        results.append(summary("floor (python + docker SDK + one list)", floor))
    finally:
        run(COMPOSER + ["-p", f"{tag}a", "down", "-t", "1"], folder)
        if not args.no_compose and shutil.which("docker"):
            run(COMPOSE + ["-p", f"{tag}b", "down", "-t", "1"], folder)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(EXTRA_ENV["XDG_CACHE_HOME"], ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"no-op `up -d` on {args.services} running services, {args.runs} runs each")
    print(f"{'':52} {'min':>7} {'median':>7} {'max':>7}")
    for r in results:
        print(f"{r['tool']:52} {r['min']:7.3f} {r['median']:7.3f} {r['max']:7.3f}")


if __name__ == "__main__":
    main()
