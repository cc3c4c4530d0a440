"""`composer start`: start the existing containers of services, dependencies first; a
service waits for the dependencies it needs healthy or completed, as with `up`."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded
from composer.errors import EngineError


def dependency_waits(t, containers):
    """before(level, sink) for run_batch: wait on the conditions of the level's deps."""
    from composer.plan import Step

    def before(services, sink) -> None:
        if t.project is None:
            return
        for name in services:
            svc = t.project.services.get(name)
            for dep in svc.depends_on if svc else ():
                if dep.condition == "service_started":
                    continue
                for c in [c for c in containers if c.service == dep.service]:
                    step = Step(0, "wait", f"container:{c.name}", dep.condition,
                                args={"condition": dep.condition})
                    sink.step_started(step, f"Container {c.name}")
                    t.engine.wait_condition([c.id], dep.condition, None)
                    sink.step_done(step, f"Container {c.name}")
    return before


def run_start(g: GlobalOptions, *, services) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services, lock=True)
    every = t.containers(services)
    if not every:
        raise EngineError(f'no container found for project "{t.name}": not found')
    containers = [c for c in every if c.state not in ("running", "paused")]
    batch = Batch("start", lambda c: t.engine.start_container(c.id), dry_run=g.dry_run,
                  parallel=g.workers, before=dependency_waits(t, every))
    with make_sink(g, "Running") as sink:
        run_batch(batch, containers, dependencies_of(t.project), sink)
    return 0


@app.command()
def start(ctx: typer.Context, services: Optional[List[str]] = Services) -> None:
    """Start services."""
    run_guarded(ctx, run_start, services=tuple(services or ()))
