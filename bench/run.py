"""Run the benchmarks and write bench/RESULTS.md.

    .venv/bin/python -m bench.run                 # 5 repetitions, all scenarios
    .venv/bin/python -m bench.run --reps 3 --only config --only start-up
    .venv/bin/python -m bench.run --smoke --out /tmp/r.md   # tiny sizes, one repetition

Implementations are command templates (`--impl NAME=TEMPLATE`, `{root}` is the
repository); by default composer (`{root}/.venv/bin/composer`) and, when installed,
`docker compose`. The first is the subject, the second the reference; the engine floor
(bench/floor.py, one entry per pool size) joins every scenario that touches the engine.
Runs are interleaved: each repetition runs every scenario once per implementation,
alternating the order from one repetition to the next.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from bench import machine, report
from bench.harness import Bench, Impl, RunFailed, impl_from_template
from bench.scenarios import SMOKE, Scenario, Sizes, scenarios

ROOT = Path(__file__).resolve().parent.parent
COMPOSER = "{root}/.venv/bin/composer"
DOCKER_COMPOSE = "docker compose"


def default_impls() -> list[tuple[str, str]]:
    impls = [("composer", COMPOSER)]
    try:
        ok = subprocess.run(shlex.split(DOCKER_COMPOSE) + ["version"], capture_output=True,
                            timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    if ok:
        impls.append(("docker compose", DOCKER_COMPOSE))
    return impls


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--reps", type=int, default=None,
                   help="repetitions (default 5; 1 with --smoke)")
    p.add_argument("--smoke", action="store_true", help="tiny sizes, one pool size")
    p.add_argument("--impl", action="append", default=[], metavar="NAME=TEMPLATE",
                   help="an implementation; repeat; replaces the defaults")
    p.add_argument("--only", action="append", default=[], metavar="TEXT",
                   help="only scenarios whose name contains TEXT; repeat")
    p.add_argument("--pools", default=None, help="floor pool sizes, e.g. 4,8,16")
    p.add_argument("--no-floor", action="store_true", help="leave the engine floor out")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    p.add_argument("--json", type=Path, default=None, help="also write the raw samples")
    p.add_argument("--keep-work", action="store_true", help="keep the generated projects")
    return p.parse_args(argv)


def build_impls(args, sizes: Sizes) -> tuple[list[Impl], list[Impl]]:
    pairs = [tuple(s.split("=", 1)) for s in args.impl] or default_impls()
    cli = [impl_from_template(name, template, ROOT) for name, template in pairs]
    pools = [int(x) for x in args.pools.split(",")] if args.pools else list(sizes.pools)
    floors = [] if args.no_floor else [Impl(f"floor p={n}", pool=n) for n in pools]
    return cli, floors


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_one(bench: Bench, sc: Scenario, impl: Impl, res: report.Results) -> None:
    try:
        samples = sc.run(bench, impl)
    except RunFailed as e:
        for row, values in (e.partial or {}).items():
            res.add(row, impl.name, values)
        res.fail(e.row or sc.name, impl.name, str(e))
        say(f"  {impl.name}: FAILED {e}")
        return
    except Exception as e:  # noqa: BLE001 - one broken run must not lose the others
        res.fail(sc.name, impl.name, f"{type(e).__name__}: {e}")
        say(f"  {impl.name}: ERROR\n{traceback.format_exc()}")
        return
    for row, values in samples.items():
        res.add(row, impl.name, values)
    say(f"  {impl.name}: " + "  ".join(f"{row} {', '.join(f'{v:.3f}' for v in values)}"
                                       for row, values in samples.items()))


def run_all(bench: Bench, chosen: list[Scenario], cli: list[Impl], floors: list[Impl],
            reps: int, res: report.Results) -> None:
    for impl in cli:   # warm the file cache and the bytecode once, untimed
        bench.timed(impl, ["version"], bench.work)
    for rep in range(reps):
        for sc in chosen:
            impls = cli + (floors if sc.floor else [])
            if rep % 2:
                impls = impls[::-1]
            say(f"[{rep + 1}/{reps}] {sc.name}")
            for impl in impls:
                run_one(bench, sc, impl, res)


def _stop_cleanly() -> None:
    """SIGTERM, and SIGINT even when started in the background (where the shell ignores
    it), end the run through the `finally` that sweeps the projects."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main(argv: list[str] | None = None) -> int:
    import docker

    args = parse_args(sys.argv[1:] if argv is None else argv)
    _stop_cleanly()
    sizes = SMOKE if args.smoke else Sizes()
    reps = args.reps or (1 if args.smoke else 5)
    cli, floors = build_impls(args, sizes)
    chosen = [s for s in scenarios(sizes) if not args.only or any(t in s.name for t in args.only)]
    api = docker.APIClient(timeout=300, **docker.utils.kwargs_from_env())
    work = Path(tempfile.mkdtemp(prefix="composer-bench-"))
    bench = Bench(root=ROOT, work=work, api=api)
    res = report.Results(subject=cli[0].name, reference=cli[1].name if len(cli) > 1 else None)
    about = machine.describe(api, ROOT, {i.name: i.argv for i in cli})
    about["repetitions"] = str(reps)
    try:
        run_all(bench, chosen, cli, floors, reps, res)
    finally:
        bench.sweep_all()
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    if bench.leftovers:
        about["left behind (could not be removed)"] = "; ".join(dict.fromkeys(bench.leftovers))
    about["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    command = "python -m bench.run " + shlex.join(sys.argv[1:] if argv is None else argv)
    report.write(args.out, report.render(res, about, command.strip()))
    if args.json:
        args.json.write_text(json.dumps({"machine": about, "samples": res.samples,
                                         "failures": res.failures,
                                         "projects": sorted(bench.projects)}, indent=1))
    say(f"wrote {args.out}")
    return 1 if res.failures else 0


if __name__ == "__main__":
    sys.exit(main())
