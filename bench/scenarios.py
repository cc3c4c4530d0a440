"""The scenarios: each runs once for one implementation and returns its measurements.

A scenario returns {row id: [seconds, …]}; one run may give several rows (a lifecycle
times the cold `up`, the no-op `up` and the `down` of the same project) or several
samples of one row (each edge of the health-gated chain). Row ids are stable; their
titles and goals live in bench/report.py.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from bench import floor as F
from bench import gen
from bench.events import health_gaps
from bench.harness import Bench, Impl, RunFailed

Samples = dict[str, list[float]]


@dataclass(frozen=True)
class Scenario:
    name: str
    run: Callable[[Bench, Impl], Samples]
    floor: bool                        # whether the engine floor takes part


def _floor_for(bench: Bench, impl: Impl, kind: str, n: int, project: str) -> F.Floor:
    fp = F.prepare(bench.folder(kind, n), project, bench.image_id())
    return F.Floor(bench.api, fp, impl.pool)


def _clock(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def startup(bench: Bench, impl: Impl) -> Samples:
    return {"startup": [bench.timed(impl, ["version"], bench.work)]}


def config(n: int) -> Callable[[Bench, Impl], Samples]:
    def run(bench: Bench, impl: Impl) -> Samples:
        folder = bench.folder("large", n)
        return {f"config-{n}": [bench.timed(impl, ["-p", "benchconfig", "config"], folder)]}
    return run


def _measure(out: Samples, row: str, fn: Callable[[], float]) -> None:
    """out[row] = [fn()]; a failure names the row and carries what was measured before."""
    try:
        out[row] = [fn()]
    except Exception as e:
        failed = e if isinstance(e, RunFailed) else RunFailed(f"{type(e).__name__}: {e}")
        failed.row, failed.partial = row, dict(out)
        raise failed from (None if failed is e else e)


def lifecycle(kind: str, n: int, tag: str, noop: bool = True
              ) -> Callable[[Bench, Impl], Samples]:
    """Cold `up -d`, then (optionally) a no-op `up -d`, then `down`, of one project."""
    def run(bench: Bench, impl: Impl) -> Samples:
        project = bench.new_project(tag)
        out: Samples = {}
        try:
            if impl.is_floor:
                fl = _floor_for(bench, impl, kind, n, project)
                steps = [("up", lambda: _clock(fl.up)), ("noop", lambda: _clock(fl.noop)),
                         ("noopfull", lambda: _clock(fl.noop)),
                         ("down", lambda: _clock(fl.down))]
            else:
                # the second no-op goes the whole way: composer answers a repeated no-op
                # from the note the first `up` left (composer/upmemo.py) unless told not to
                folder, base = bench.folder(kind, n), ["-p", project]
                whole = {"COMPOSER_UP_MEMO": "0"}
                steps = [(what, lambda args=args, env=env: bench.timed(impl, base + args,
                                                                        folder, env))
                         for what, args, env in (("up", ["up", "-d"], None),
                                                 ("noop", ["up", "-d"], None),
                                                 ("noopfull", ["up", "-d"], whole),
                                                 ("down", ["down"], None))]
            for what, fn in steps:
                if not what.startswith("noop") or noop:
                    _measure(out, f"{what}-{tag}-{n}", fn)
            return out
        finally:
            bench.sweep(project)
    return run


def health_chain(n: int) -> Callable[[Bench, Impl], Samples]:
    """`up -d` of a chain gated by service_healthy; the gaps come from engine events."""
    def run(bench: Bench, impl: Impl) -> Samples:
        project = bench.new_project("health")
        try:
            since = time.time() - 0.5
            if impl.is_floor:
                fl = _floor_for(bench, impl, "health", n, project)
                up = _clock(fl.up_health_gated)
            else:
                up = bench.timed(impl, ["-p", project, "up", "-d"], bench.folder("health", n))
            time.sleep(0.05)   # let the engine publish the last events
            gaps = health_gaps(bench.api, project, gen.health_edges(n), since)
            return {f"up-health-{n}": [up], "health-gap": gaps}
        finally:
            bench.sweep(project)
    return run


@dataclass(frozen=True)
class Sizes:
    config: tuple[int, ...] = (10, 100, 1000)
    up: tuple[int, ...] = (10, 30)
    dag: int = 30
    chain: int = 10
    health: int = 4
    pools: tuple[int, ...] = (4, 8, 16)


SMOKE = Sizes(config=(3,), up=(2,), dag=4, chain=3, health=2, pools=(2,))


def scenarios(sizes: Sizes) -> list[Scenario]:
    out = [Scenario("start-up", startup, False)]
    out += [Scenario(f"config {n}", config(n), False) for n in sizes.config]
    out += [Scenario(f"lifecycle {n}", lifecycle("independent", n, "indep"), True)
            for n in sizes.up]
    out.append(Scenario(f"dag {sizes.dag}", lifecycle("dag", sizes.dag, "dag", noop=False),
                        True))
    out.append(Scenario(f"chain {sizes.chain}",
                        lifecycle("chain", sizes.chain, "chain", noop=False), True))
    out.append(Scenario(f"health {sizes.health}", health_chain(sizes.health), True))
    return out


__all__ = ["RunFailed", "SMOKE", "Scenario", "Sizes", "scenarios"]
