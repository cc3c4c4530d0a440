"""`composer restart`: restart service containers, dependencies first."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded


def run_restart(g: GlobalOptions, *, services, timeout, no_deps) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services, lock=True)
    deps = dependencies_of(t.project)
    containers = t.containers(services)   # as docker compose: only the services named
    batch = Batch("restart", lambda c: t.engine.restart_container(c.id, timeout),
                  dry_run=g.dry_run, parallel=g.workers)
    with make_sink(g, "Running") as sink:
        run_batch(batch, containers, deps, sink)
    return 0


@app.command()
def restart(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    timeout: Optional[int] = typer.Option(None, "-t", "--timeout",
                                          help="Specify a shutdown timeout in seconds"),
    no_deps: bool = typer.Option(False, "--no-deps", help="Don't restart dependent services"),
) -> None:
    """Restart service containers."""
    run_guarded(ctx, run_restart, services=tuple(services or ()), timeout=timeout,
                no_deps=no_deps)
