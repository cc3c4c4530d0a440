"""`composer up` and `composer plan`: observe, plan, apply (or only show the plan)."""
from __future__ import annotations

import os
import sys
import time
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import ConfigError

PULL = ("policy", "always", "missing", "never", "build")


def parse_scale(items: tuple[str, ...]) -> dict[str, int]:
    out = {}
    for item in items:
        name, eq, num = item.partition("=")
        if not eq or not num.isdigit():
            raise ConfigError(f"--scale {item!r}: expected SERVICE=NUMBER")
        out[name] = int(num)
    return out


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def up_options(loaded, *, services, scale=(), build=False, no_build=False, pull="policy",
               remove_orphans=False, **flags):
    from composer.planner import UpOptions

    if build and no_build:
        raise ConfigError("--build and --no-build are incompatible")
    if flags.get("force_recreate") and flags.get("no_recreate"):
        raise ConfigError("--force-recreate and --no-recreate are incompatible")
    if pull not in PULL:
        raise ConfigError(f'--pull must be one of "always", "missing", "never", got {pull!r}')
    scale_map = parse_scale(scale)
    for name in list(scale_map) + list(services):
        if name not in loaded.project.services:
            raise ConfigError(f"no such service: {name}")
    return UpOptions(
        services=services, scale=scale_map,
        build="always" if build else "never" if no_build else "auto",
        pull="policy" if pull == "build" else pull,
        known_services=loaded.all_services,
        remove_orphans=remove_orphans or _env_flag("COMPOSE_REMOVE_ORPHANS"),
        ignore_orphans=_env_flag("COMPOSE_IGNORE_ORPHANS"),
        **flags)


def _load(g: GlobalOptions, services):
    from composer.api import load_project
    from composer.planner_graph import Deps

    loaded = load_project(g.load_options(services), check_graph=False)
    for w in loaded.warnings:
        warn(w)
    Deps(loaded.project, loaded.locate)   # a dependency cycle is an error before the engine is touched
    return loaded


def _report_noop(plan) -> None:
    """What a run that finds `plan` (which changes nothing) prints after loading."""
    for w in plan.warnings:
        warn(w)
    _report_unchanged(plan)


def _report_unchanged(plan) -> None:
    """A plan that changes nothing needs no executor: say what is running, as docker
    compose does, and stop there."""
    for step in plan.steps:
        print(f" Container {step.args['name']}  {step.args['state'].capitalize()}",
              file=sys.stderr)


def show_plan(plan, format: str) -> int:
    """Print a plan; 0 when it changes nothing, 2 when it would."""
    if format == "json":
        print(plan.to_json())
    else:
        for w in plan.warnings:
            warn(w)
        print("nothing to do: every container is up to date" if plan.is_noop()
              else plan.render(include_keep=False))
    return 0 if plan.is_noop() else 2


def run_plan(g: GlobalOptions, *, services, format, **flags) -> int:
    from composer.api import connect, plan_up

    if format not in ("text", "json"):
        raise ConfigError(f'--format must be "text" or "json", got {format!r}')
    loaded = _load(g, services)
    opts = up_options(loaded, services=services, **flags)
    return show_plan(plan_up(loaded, connect(), opts), format)


def run_up(g: GlobalOptions, *, services, detach, wait, wait_timeout, timeout, dry_run,
           abort_on_container_exit, exit_code_from, attach_dependencies, no_color,
           no_log_prefix, **flags) -> int:
    from composer.upmemo import recorder

    memo = recorder()   # notes this run, for the next identical one when nothing changes
    try:
        return _up(g, memo, services=services, detach=detach, wait=wait,
                   wait_timeout=wait_timeout, timeout=timeout, dry_run=dry_run,
                   abort_on_container_exit=abort_on_container_exit,
                   exit_code_from=exit_code_from, attach_dependencies=attach_dependencies,
                   no_color=no_color, no_log_prefix=no_log_prefix, **flags)
    finally:
        if memo:
            memo.close()


def _up(g: GlobalOptions, memo, *, services, detach, wait, wait_timeout, timeout, dry_run,
        abort_on_container_exit, exit_code_from, attach_dependencies, no_color,
        no_log_prefix, **flags) -> int:
    from composer.api import apply, connect, plan_up
    from composer.projectlock import hold, release

    abort = abort_on_container_exit or bool(exit_code_from)
    if detach and abort:
        raise ConfigError("--abort-on-container-exit and --exit-code-from cannot be "
                          "combined with --detach")
    loaded = _load(g, services)
    if memo:
        memo.mark()
    if exit_code_from and exit_code_from not in loaded.project.services:
        raise ConfigError(f"--exit-code-from: no such service: {exit_code_from}")
    opts = up_options(loaded, services=services, wait=wait, **flags)
    if not (dry_run or g.dry_run):
        hold(loaded.project.name, say=memo.say if memo else None)
    engine = connect()
    if memo:
        memo.watch(engine)
    plan = plan_up(loaded, engine, opts)
    if dry_run or g.dry_run:
        return show_plan(plan, "text")
    for w in plan.warnings:
        warn(w)
    if all(step.action == "keep" for step in plan.steps) and (detach or opts.no_start):
        _report_unchanged(plan)
        if memo:
            memo.keep(loaded.project.name)
        return 0
    if memo:
        memo.pause()
    sink = make_sink(g, "Running")
    began = time.time()
    run = lambda: apply(plan, loaded, engine, sink, stop_timeout=timeout,  # noqa: E731
                        wait_timeout=wait_timeout, parallel=g.workers)
    try:
        if hasattr(sink, "__enter__"):
            with sink:
                run()
        else:
            run()
    except KeyboardInterrupt:
        if detach or wait or opts.no_start:
            raise
        from composer.commands.attach import interrupted_start
        interrupted_start(loaded, engine, services, timeout)
        raise   # exit 130 without waiting for engine calls still in flight (a build)
    if detach or wait or opts.no_start:
        if memo:   # so that the next identical `up` may be answered from a note at once
            memo.settle(loaded.project.name, lambda: plan_up(loaded, engine, opts),
                        _report_noop)
        return 0
    if memo:
        memo.close()
    release(loaded.project.name)   # attached: `stop` or `down` elsewhere must not wait for us
    from composer.commands.attach import attach

    color = not no_color and (g.ansi == "always" or (g.ansi == "auto" and sys.stdout.isatty()
                                                     and not os.environ.get("NO_COLOR")))
    return attach(loaded, engine, services=services, timeout=timeout, abort_on_exit=abort,
                  exit_code_from=exit_code_from, dependencies=attach_dependencies,
                  color=color, prefix=not no_log_prefix, since=began)


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
