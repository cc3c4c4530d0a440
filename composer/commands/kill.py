"""`composer kill`: send a signal (SIGKILL by default) to running service containers."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, err, make_sink, run_guarded


def run_kill(g: GlobalOptions, *, services, signal, remove_orphans) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services, lock=True)
    # as docker compose: --remove-orphans also kills one-off `run` containers, which
    # `down --remove-orphans` then removes
    containers = t.containers(services, oneoff=remove_orphans,
                              states=("running", "restarting", "paused"))
    if t.project is not None and not remove_orphans:
        containers = [c for c in containers if c.service in t.project.services]
    if not containers:
        err("no container to kill")
        return 0
    batch = Batch("kill", lambda c: t.engine.kill_container(c.id, signal), reverse=True,
                  dry_run=g.dry_run, parallel=g.workers)
    with make_sink(g, "Running") as sink:
        run_batch(batch, containers, dependencies_of(t.project), sink)
    return 0


@app.command()
def kill(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    signal: str = typer.Option("SIGKILL", "-s", "--signal",
                               help="SIGNAL to send to the container"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans",
                                        help="Remove containers for services not defined in "
                                             "the Compose file"),
) -> None:
    """Force stop service containers."""
    run_guarded(ctx, run_kill, services=tuple(services or ()), signal=signal,
                remove_orphans=remove_orphans)
