"""`composer start`: start the existing containers of services, dependencies first."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded
from composer.errors import EngineError


def run_start(g: GlobalOptions, *, services) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services)
    containers = [c for c in t.containers(services) if c.state not in ("running", "paused")]
    if not t.containers(services):
        raise EngineError(f'no container found for project "{t.name}": not found')
    batch = Batch("start", lambda c: t.engine.start_container(c.id), dry_run=g.dry_run,
                  parallel=g.workers)
    with make_sink(g, "Running") as sink:
        run_batch(batch, containers, dependencies_of(t.project), sink)
    return 0


@app.command()
def start(ctx: typer.Context, services: Optional[List[str]] = Services) -> None:
    """Start services."""
    run_guarded(ctx, run_start, services=tuple(services or ()))
