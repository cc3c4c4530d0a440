"""Where one composer command spends its wall time, phase by phase (in-process).

    .venv/bin/python -m bench.phases [--cwd DIR] [--cprofile FILE] [--no-gc] -- ARGS…
    e.g.  .venv/bin/python -m bench.phases --cwd /tmp/proj -- -p demo up -d

Runs composer's CLI in this process with timers around its phases: imports, argument
parsing, loading (each loader stage), connecting, observing, planning, applying and
printing `config`. Phases nest (loader stages are inside `load_project`); the table
shows each one's total wall time and call count. `--cprofile FILE` also writes a cProfile
of the command (open with `python -m pstats FILE`); `--no-gc` disables the cyclic
garbage collector first, to show what it costs.
"""
from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
import threading
import time
from collections import defaultdict

TOTALS: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
_local = threading.local()

# (module, attribute) pairs to time; patched where they are looked up.
TARGETS = [
    ("composer.api", "load_project"), ("composer.api", "connect"),
    ("composer.api", "observe"), ("composer.api", "plan_up"), ("composer.api", "plan_down"),
    ("composer.api", "apply"), ("composer.configout", "to_yaml"),
    ("composer.configout", "to_json"), ("composer.graph", "build_graph"),
    ("composer.loader", "read_yaml"), ("composer.loader", "substitute"),
    ("composer.loader", "_validate"), ("composer.loader", "resolve_paths"),
    ("composer.loader", "resolve_includes"), ("composer.loader", "resolve_extends"),
    ("composer.loader", "merge_files"), ("composer.loader", "strip_tags"),
    ("composer.loader", "apply_profiles"), ("composer.loader", "normalize_project"),
    ("composer.loader", "check_references"), ("composer.loader", "_environment"),
    ("composer.loader.build", "build_project"), ("composer.planner", "plan_up"),
    ("composer.planner", "plan_down"), ("composer.executor", "execute"),
]


def timed(name: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        depth = getattr(_local, "depth", 0)
        _local.depth = depth + 1
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _local.depth = depth
            total = TOTALS[name]
            total[0] += time.perf_counter() - start
            total[1] += 1
    return wrapper


def patch() -> None:
    import importlib

    for module_name, attr in TARGETS:
        module = importlib.import_module(module_name)
        fn = getattr(module, attr, None)
        if fn is not None:
            setattr(module, attr, timed(f"{module_name.rsplit('.', 1)[-1]}.{attr}", fn))


def run_cli(argv: list[str]) -> int:
    from composer.cli import main

    sys.argv = ["composer"] + argv
    try:
        main()
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1
    return 0


def main() -> int:
    p = argparse.ArgumentParser(usage=__doc__.split("\n")[2].strip())
    p.add_argument("--cwd", default=None, help="run the command in this folder")
    p.add_argument("--cprofile", default=None)
    p.add_argument("--no-gc", action="store_true")
    p.add_argument("args", nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.args[1:] if a.args[:1] == ["--"] else a.args
    if a.cwd:
        os.chdir(a.cwd)
    if a.no_gc:
        gc.disable()
    t0 = time.perf_counter()
    import composer.cli  # noqa: F401 - the imports a command pays before parsing
    imports = time.perf_counter() - t0
    patch()
    out = sys.stdout
    sys.stdout = open("/dev/null", "w")   # `config` output is timed, not shown
    profiler = None
    if a.cprofile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    t1 = time.perf_counter()
    code = run_cli(argv)
    total = time.perf_counter() - t1
    if profiler:
        profiler.disable()
        profiler.dump_stats(a.cprofile)
    sys.stdout = out
    print(f"exit {code}; imports of composer.cli {imports:.3f} s; command {total:.3f} s"
          f"{' (gc disabled)' if a.no_gc else ''}")
    for name, (seconds, calls) in sorted(TOTALS.items(), key=lambda kv: -kv[1][0]):
        print(f"  {seconds:8.3f} s  {calls:4d}×  {name}")
    return code


if __name__ == "__main__":
    sys.exit(main())
