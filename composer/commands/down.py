"""`composer down`: stop and remove the project's containers, networks (and volumes)."""
from __future__ import annotations

import contextlib
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import ConfigError


def project_for(g: GlobalOptions, services=()):
    """The loaded project, or None when only a name is known (`-p NAME` without files)."""
    from composer.api import load_project

    try:
        loaded = load_project(g.load_options(services), check_graph=False)
    except ConfigError as e:
        if g.project_name and not g.files and "no configuration file" in str(e):
            from composer.loader.projectname import checked

            return None, checked(g.project_name, "-p")
        raise
    for w in loaded.warnings:
        warn(w)
    return loaded, loaded.project.name


def run_down(g: GlobalOptions, *, services, volumes, remove_orphans, rmi, timeout,
             dry_run) -> int:
    import os

    from composer.api import apply, connect, plan_down
    from composer.planner import DownOptions

    if rmi not in (None, "local", "all"):
        raise ConfigError(f'--rmi must be "local" or "all", got {rmi!r}')
    loaded, name = project_for(g, services)
    remove_orphans = remove_orphans or os.environ.get("COMPOSE_REMOVE_ORPHANS", "").lower() \
        in ("1", "true")
    if not (dry_run or g.dry_run):
        from composer.projectlock import hold
        hold(name)
    engine = connect()
    # as docker compose: `-p NAME` without files names the project, and all of it goes
    by_name = bool(g.project_name) and not g.files and not g.env_name
    plan = plan_down(name, loaded, engine, DownOptions(volumes=volumes, services=services,
                                                       remove_orphans=remove_orphans, rmi=rmi,
                                                       by_name=by_name))
    if dry_run or g.dry_run:
        print(plan.render() or "nothing to do")
        return 0
    for w in plan.warnings:
        warn(w)
    sink = make_sink(g, "Stopping")
    with sink if hasattr(sink, "__enter__") else contextlib.nullcontext():
        apply(plan, loaded, engine, sink, stop_timeout=timeout, parallel=g.workers)
        if rmi and loaded is not None and not services:
            from composer.commands.images import remove_images
            remove_images(loaded, engine, rmi, sink)
    return 0


@app.command()
def down(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    volumes: bool = typer.Option(False, "-v", "--volumes", help="Remove named volumes declared in the volumes section and anonymous volumes"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans", help="Remove containers for services not defined in the Compose file"),
    rmi: Optional[str] = typer.Option(None, "--rmi", help='Remove images used by services ("local"|"all")'),
    timeout: Optional[int] = typer.Option(None, "-t", "--timeout", help="Shutdown timeout in seconds"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan, change nothing"),
) -> None:
    """Stop and remove containers, networks."""
    run_guarded(ctx, run_down, services=tuple(services or ()), volumes=volumes,
                remove_orphans=remove_orphans, rmi=rmi, timeout=timeout, dry_run=dry_run)
