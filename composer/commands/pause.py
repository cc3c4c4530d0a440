"""`composer pause` and `composer unpause`: freeze and thaw running service containers."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded


def run_pause(g: GlobalOptions, *, services, action: str) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services, lock=True)
    if action == "pause":
        containers = t.containers(services, states=("running",))
        fn = lambda c: t.engine.pause_container(c.id)  # noqa: E731
    else:
        containers = t.containers(services, states=("paused",))
        fn = lambda c: t.engine.unpause_container(c.id)  # noqa: E731
    batch = Batch(action, fn, announce=False, dry_run=g.dry_run, parallel=g.workers)
    with make_sink(g, "Running") as sink:
        run_batch(batch, containers, dependencies_of(t.project), sink)
    return 0


@app.command()
def pause(ctx: typer.Context, services: Optional[List[str]] = Services) -> None:
    """Pause services."""
    run_guarded(ctx, run_pause, services=tuple(services or ()), action="pause")


@app.command()
def unpause(ctx: typer.Context, services: Optional[List[str]] = Services) -> None:
    """Unpause services."""
    run_guarded(ctx, run_pause, services=tuple(services or ()), action="unpause")
