"""`composer up` and `composer plan`: their flags; the work is in uprun.py."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import run_guarded
from composer.uprun import (PULL, parse_scale, run_plan, run_up, show_plan,  # noqa: F401
                            up_options)


def _opt(default, *names, help=""):
    return typer.Option(default, *names, help=help)


# the planning flags `up` and `plan` share
Build = _opt(False, "--build", help="Build images before starting containers")
NoBuild = _opt(False, "--no-build", help="Don't build an image, even if it's missing")
Pull = _opt("policy", "--pull", help='Pull image before running ("always"|"missing"|"never")')
ForceRecreate = _opt(False, "--force-recreate", help="Recreate containers even if unchanged")
NoRecreate = _opt(False, "--no-recreate", help="Don't recreate existing containers")
AlwaysRecreateDeps = _opt(False, "--always-recreate-deps", help="Recreate dependent containers")
NoDeps = _opt(False, "--no-deps", help="Don't start linked services")
NoStart = _opt(False, "--no-start", help="Don't start the services after creating them")
RemoveOrphans = _opt(False, "--remove-orphans",
                     help="Remove containers for services not defined in the Compose file")
Scale = _opt(None, "--scale", help="Scale SERVICE to NUM instances")
Wait = _opt(False, "--wait", help="Wait for services to be running|healthy")


@app.command()
def up(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    detach: bool = typer.Option(False, "-d", "--detach", help="Run containers in the background"),
    build: bool = Build, no_build: bool = NoBuild, pull: str = Pull, wait: bool = Wait,
    wait_timeout: Optional[float] = typer.Option(None, "--wait-timeout", help="Maximum duration to wait, in seconds"),
    force_recreate: bool = ForceRecreate, no_recreate: bool = NoRecreate,
    always_recreate_deps: bool = AlwaysRecreateDeps, no_deps: bool = NoDeps,
    no_start: bool = NoStart, remove_orphans: bool = RemoveOrphans,
    scale: Optional[List[str]] = Scale,
    timeout: Optional[int] = typer.Option(None, "-t", "--timeout", help="Shutdown timeout in seconds"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan, change nothing"),
    abort_on_container_exit: bool = typer.Option(False, "--abort-on-container-exit", help="Stops all containers if any container was stopped"),
    exit_code_from: Optional[str] = typer.Option(None, "--exit-code-from", help="Return the exit code of the selected service container"),
    attach_dependencies: bool = typer.Option(False, "--attach-dependencies", help="Show logs from dependencies"),
    no_color: bool = typer.Option(False, "--no-color", help="Produce monochrome output"),
    no_log_prefix: bool = typer.Option(False, "--no-log-prefix", help="Don't print prefix in logs"),
) -> None:
    """Create and start containers."""
    run_guarded(ctx, run_up, services=tuple(services or ()), detach=detach, build=build,
                no_build=no_build, pull=pull, wait=wait, wait_timeout=wait_timeout,
                force_recreate=force_recreate, no_recreate=no_recreate,
                always_recreate_deps=always_recreate_deps, no_deps=no_deps, no_start=no_start,
                remove_orphans=remove_orphans, scale=tuple(scale or ()), timeout=timeout,
                dry_run=dry_run, abort_on_container_exit=abort_on_container_exit,
                exit_code_from=exit_code_from, attach_dependencies=attach_dependencies,
                no_color=no_color, no_log_prefix=no_log_prefix)


@app.command()
def plan(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    format: str = typer.Option("text", "--format", help="text or json"),
    build: bool = Build, no_build: bool = NoBuild, pull: str = Pull,
    force_recreate: bool = ForceRecreate, no_recreate: bool = NoRecreate,
    always_recreate_deps: bool = AlwaysRecreateDeps, no_deps: bool = NoDeps,
    no_start: bool = NoStart, remove_orphans: bool = RemoveOrphans,
    scale: Optional[List[str]] = Scale, wait: bool = Wait,
    swarm: bool = typer.Option(False, "--swarm", help="Plan `stack deploy` to the swarm instead"),
) -> None:
    """Show what `up` would do and why; exit 0 when nothing would change, 2 otherwise."""
    if swarm:
        from composer.commands.stack import run_swarm_plan
        return run_guarded(ctx, run_swarm_plan, format=format, build=build, prune=remove_orphans)
    run_guarded(ctx, run_plan, services=tuple(services or ()), format=format, build=build,
                no_build=no_build, pull=pull, force_recreate=force_recreate,
                no_recreate=no_recreate, always_recreate_deps=always_recreate_deps,
                no_deps=no_deps, no_start=no_start, remove_orphans=remove_orphans,
                scale=tuple(scale or ()), wait=wait)
