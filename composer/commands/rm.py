"""`composer rm`: remove stopped service containers (asking first unless -f)."""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded

STOPPED = ("exited", "created", "dead")


def run_rm(g: GlobalOptions, *, services, force, stop, volumes) -> int:
    from composer.batch import Batch, dependencies_of, run_batch
    from composer.commands.targets import target

    t = target(g, services, lock=True)
    deps = dependencies_of(t.project)
    with make_sink(g, "Running") as sink:
        if stop:
            running = t.containers(services, states=("running", "restarting", "paused"))
            run_batch(Batch("stop", lambda c: t.engine.stop_container(c.id, None), reverse=True,
                            dry_run=g.dry_run, parallel=g.workers), running, deps, sink)
            stopped = t.containers(services, states=STOPPED) if not g.dry_run else \
                t.containers(services, states=STOPPED) + running
        else:
            stopped = t.containers(services, states=STOPPED)
    if not stopped:
        print("No stopped containers")
        return 0
    print("Going to remove " + ", ".join(c.name for c in stopped), flush=True)
    if not force and not g.dry_run and not _confirm():
        return 0
    batch = Batch("remove", lambda c: t.engine.remove_container(c.id, volumes=volumes),
                  reverse=True, dry_run=g.dry_run, parallel=g.workers)
    with make_sink(g, "Running") as sink:
        run_batch(batch, stopped, deps, sink)
    return 0


def _confirm() -> bool:
    if sys.stdin.isatty():
        print("Are you sure? [yN] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


@app.command()
def rm(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    force: bool = typer.Option(False, "-f", "--force", help="Don't ask to confirm removal"),
    stop: bool = typer.Option(False, "-s", "--stop", help="Stop the containers, if required, "
                                                          "before removing"),
    volumes: bool = typer.Option(False, "-v", "--volumes", help="Remove any anonymous volumes "
                                                                "attached to containers"),
) -> None:
    """Removes stopped service containers."""
    run_guarded(ctx, run_rm, services=tuple(services or ()), force=force, stop=stop,
                volumes=volumes)
