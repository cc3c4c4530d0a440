"""Describe the machine a benchmark ran on: CPU, cores, memory, engine, Python, commit."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path


def _first(path: str, prefix: str) -> str | None:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _run(argv: list[str], cwd: Path | None = None) -> str:
    try:
        out = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def commit(root: Path) -> str:
    head = _run(["git", "rev-parse", "--short", "HEAD"], root) or "unknown"
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no", "--", "composer"],
                 root)
    return head + (" (composer/ has uncommitted changes)" if dirty else "")


def memory() -> str:
    kb = _first("/proc/meminfo", "MemTotal")
    return f"{int(kb.split()[0]) / 1024 / 1024:.1f} GiB" if kb else "unknown"


def cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return f"{os.cpu_count()}" + (f" ({usable} usable)" if usable != os.cpu_count() else "")


def engine(api) -> str:
    try:
        v = api.version()
        info = api.info()
    except Exception as e:  # noqa: BLE001 - a description, never a failure
        return f"unknown ({e})"
    return (f"Docker Engine {v.get('Version')} (API {v.get('ApiVersion')}), storage "
            f"{info.get('Driver')}, cgroup {info.get('CgroupVersion') or '?'}")


def describe(api, root: Path, impls: dict[str, tuple[str, ...]]) -> dict:
    out = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "CPU": _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "cores": cores(),
        "memory": memory(),
        "OS": f"{platform.system()} {platform.release()}",
        "engine": engine(api),
        "Python": sys.version.split()[0],
        "composer commit": commit(root),
    }
    for name, argv in impls.items():
        version = _run(list(argv) + ["version"]).splitlines()
        out[f"{name} version"] = version[0] if version else "unknown"
    out["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return out
