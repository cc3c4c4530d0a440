"""One engine action over many containers (start, stop, kill, pause …), in dependency order.

Containers are grouped by service into levels: a service's level is one more than its
dependencies' highest. Levels run one after the other (reversed for actions that take a
project down), and every container within a level at once. Progress goes to a sink as
steps, like the executor's; with `dry_run` the steps are reported and nothing is done.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from composer.errors import ComposerError, EngineError
from composer.plan import Step

DRY_RUN = "DRY-RUN MODE -  "


@dataclass(frozen=True, slots=True)
class Batch:
    action: str                      # the step action the sink words it by: stop, kill …
    fn: Callable                     # fn(container) → None, the engine call
    reverse: bool = False            # dependents first (stop, kill)
    announce: bool = True            # report "…ing" before "…ed"
    dry_run: bool = False
    parallel: int = 8
    before: Callable | None = None   # before(services of a level, sink): e.g. wait for deps


def levels(services: Iterable[str], dependencies: dict[str, set[str]]) -> list[list[str]]:
    """Services grouped so that each group only needs groups before it; names sorted."""
    wanted = set(services)
    level: dict[str, int] = {}

    def depth(name: str, stack: tuple = ()) -> int:
        if name not in level:
            deps = [d for d in dependencies.get(name, ()) if d in wanted and d not in stack]
            level[name] = 1 + max((depth(d, stack + (name,)) for d in deps), default=-1)
        return level[name]

    for name in wanted:
        depth(name)
    out: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for name in sorted(wanted):
        out[level[name]].append(name)
    return out


def dependencies_of(project) -> dict[str, set[str]]:
    """service → the services it needs first (none when only a name is known)."""
    if project is None:
        return {}
    from composer.graph import edges

    out: dict[str, set[str]] = {}
    for e in edges(project):
        out.setdefault(e.target, set()).add(e.source)
    return out


def with_dependencies(services: Iterable[str], dependencies: dict[str, set[str]]) -> list[str]:
    """The services and everything they need, transitively; sorted."""
    seen: set[str] = set()
    todo = list(services)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(dependencies.get(name, ()))
    return sorted(seen)


def run_batch(batch: Batch, containers: Sequence, dependencies: dict[str, set[str]],
              sink) -> None:
    groups = levels({c.service for c in containers}, dependencies)
    if batch.reverse:
        groups.reverse()
    failures: list[str] = []
    counter = iter(range(1, 1_000_000))
    with ThreadPoolExecutor(max_workers=max(1, batch.parallel)) as pool:
        for group in groups:
            if batch.before is not None and not batch.dry_run:
                batch.before(group, sink)
            members = sorted((c for c in containers if c.service in group),
                             key=lambda c: (c.service, c.number, c.name))
            steps = [(c, Step(next(counter), batch.action, f"container:{c.name}", batch.action,
                              args={"container_id": c.id, "service": c.service}))
                     for c in members]
            for error in pool.map(lambda cs: _one(batch, cs[0], cs[1], sink), steps):
                if error:
                    failures.append(error)
            if failures:
                break
    if failures:
        raise EngineError("\n".join(failures))


def _one(batch: Batch, container, step: Step, sink) -> str | None:
    label = f"{DRY_RUN if batch.dry_run else ''}Container {container.name}"
    if batch.announce:
        sink.step_started(step, label)
    try:
        if not batch.dry_run:
            batch.fn(container)
    except ComposerError as e:
        sink.step_failed(step, label, str(e))
        return str(e)
    sink.step_done(step, label)
    return None
