"""`composer up` and `composer plan`: observe, plan, apply."""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import ConfigError


def parse_scale(items: tuple[str, ...]) -> dict[str, int]:
    out = {}
    for item in items:
        name, eq, num = item.partition("=")
        if not eq or not num.isdigit():
            raise ConfigError(f"--scale {item!r}: expected SERVICE=NUMBER")
        out[name] = int(num)
    return out


def up_options(loaded, *, services, scale, build=False, no_build=False, pull="policy", **flags):
    import os

    from composer.planner import UpOptions

    scale_map = parse_scale(scale)
    for name in list(scale_map) + list(services):
        if name not in loaded.project.services:
            raise ConfigError(f"no such service: {name}")
    env = os.environ
    return UpOptions(
        services=services, scale=scale_map,
        build="always" if build else "never" if no_build else "auto",
        pull="missing" if pull == "policy" else pull,
        known_services=loaded.all_services,
        remove_orphans=flags.pop("remove_orphans", False)
        or env.get("COMPOSE_REMOVE_ORPHANS", "").lower() in ("1", "true"),
        ignore_orphans=env.get("COMPOSE_IGNORE_ORPHANS", "").lower() in ("1", "true"),
        **flags)


def _load(g: GlobalOptions, services):
    from composer.api import load_project

    loaded = load_project(g.load_options(services))
    for w in loaded.warnings:
        warn(w)
    return loaded


def run_plan(g: GlobalOptions, *, services, format, build, force_recreate, no_recreate,
             no_deps, remove_orphans, scale, wait) -> int:
    from composer.api import connect, plan_up

    loaded = _load(g, services)
    opts = up_options(loaded, services=services, scale=scale, build=build,
                      force_recreate=force_recreate, no_recreate=no_recreate, no_deps=no_deps,
                      remove_orphans=remove_orphans, wait=wait)
    plan = plan_up(loaded, connect(), opts)
    _print_plan(plan, format)
    return 0 if plan.is_noop() else 2


def _print_plan(plan, format: str) -> None:
    if format == "json":
        print(plan.to_json())
        return
    for w in plan.warnings:
        warn(w)
    if plan.is_noop():
        print("nothing to do: every container is up to date")
    else:
        print(plan.render(include_keep=False))


def run_up(g: GlobalOptions, *, services, detach, build, no_build, pull, wait, wait_timeout,
           force_recreate, no_recreate, always_recreate_deps, no_deps, no_start,
           remove_orphans, scale, timeout, dry_run, abort_on_container_exit, exit_code_from,
           attach_dependencies, no_color, no_log_prefix) -> int:
    from composer.api import apply, connect, plan_up

    if build and no_build:
        raise ConfigError("--build and --no-build are incompatible")
    if force_recreate and no_recreate:
        raise ConfigError("--force-recreate and --no-recreate are incompatible")
    loaded = _load(g, services)
    opts = up_options(loaded, services=services, scale=scale, build=build, no_build=no_build,
                      pull=pull, force_recreate=force_recreate, no_recreate=no_recreate,
                      always_recreate_deps=always_recreate_deps, no_deps=no_deps,
                      no_start=no_start, remove_orphans=remove_orphans, wait=wait)
    engine = connect()
    plan = plan_up(loaded, engine, opts)
    if dry_run or g.dry_run:
        _print_plan(plan, "text")
        return 0
    for w in plan.warnings:
        warn(w)
    sink = make_sink(g, "Running")
    if hasattr(sink, "__enter__"):
        with sink:
            apply(plan, loaded, engine, sink, stop_timeout=timeout, wait_timeout=wait_timeout,
                  parallel=g.workers)
    else:
        apply(plan, loaded, engine, sink, stop_timeout=timeout, wait_timeout=wait_timeout,
              parallel=g.workers)
    if detach or wait or no_start:
        return 0
    from composer.commands.attach import attach

    return attach(loaded, engine, services=services, timeout=timeout,
                  abort_on_exit=abort_on_container_exit or bool(exit_code_from),
                  exit_code_from=exit_code_from, dependencies=attach_dependencies,
                  color=not no_color and sys.stdout.isatty(), prefix=not no_log_prefix)


@app.command()
def up(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    detach: bool = typer.Option(False, "-d", "--detach", help="Run containers in the background"),
    build: bool = typer.Option(False, "--build", help="Build images before starting containers"),
    no_build: bool = typer.Option(False, "--no-build", help="Don't build an image, even if it's missing"),
    pull: str = typer.Option("policy", "--pull", help='Pull image before running ("always"|"missing"|"never")'),
    wait: bool = typer.Option(False, "--wait", help="Wait for services to be running|healthy"),
    wait_timeout: Optional[float] = typer.Option(None, "--wait-timeout", help="Maximum duration to wait, in seconds"),
    force_recreate: bool = typer.Option(False, "--force-recreate", help="Recreate containers even if unchanged"),
    no_recreate: bool = typer.Option(False, "--no-recreate", help="Don't recreate existing containers"),
    always_recreate_deps: bool = typer.Option(False, "--always-recreate-deps", help="Recreate dependent containers"),
    no_deps: bool = typer.Option(False, "--no-deps", help="Don't start linked services"),
    no_start: bool = typer.Option(False, "--no-start", help="Don't start the services after creating them"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans", help="Remove containers for services not defined in the Compose file"),
    scale: Optional[List[str]] = typer.Option(None, "--scale", help="Scale SERVICE to NUM instances"),
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
    build: bool = typer.Option(False, "--build", help="Plan as for up --build"),
    force_recreate: bool = typer.Option(False, "--force-recreate"),
    no_recreate: bool = typer.Option(False, "--no-recreate"),
    no_deps: bool = typer.Option(False, "--no-deps"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans"),
    scale: Optional[List[str]] = typer.Option(None, "--scale"),
    wait: bool = typer.Option(False, "--wait"),
    swarm: bool = typer.Option(False, "--swarm", help="Plan `stack deploy` to the swarm instead"),
) -> None:
    """Show what `up` would do and why; exit 0 when nothing would change, 2 otherwise."""
    if swarm:
        from composer.commands.stack import run_swarm_plan
        return run_guarded(ctx, run_swarm_plan, format=format, build=build, prune=remove_orphans)
    run_guarded(ctx, run_plan, services=tuple(services or ()), format=format, build=build,
                force_recreate=force_recreate, no_recreate=no_recreate, no_deps=no_deps,
                remove_orphans=remove_orphans, scale=tuple(scale or ()), wait=wait)
