"""`composer stop`: stop running containers, dependents before their dependencies."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded


def run_stop(g: GlobalOptions, *, services, timeout) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services, lock=True)
    containers = t.containers(services, states=("running", "restarting", "paused"))
    batch = Batch("stop", lambda c: t.engine.stop_container(c.id, timeout), reverse=True,
                  dry_run=g.dry_run, parallel=g.workers)
    with make_sink(g, "Running") as sink:
        run_batch(batch, containers, dependencies_of(t.project), sink)
    return 0


@app.command()
def stop(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    timeout: Optional[int] = typer.Option(None, "-t", "--timeout",
                                          help="Specify a shutdown timeout in seconds"),
) -> None:
    """Stop services."""
    run_guarded(ctx, run_stop, services=tuple(services or ()), timeout=timeout)
