"""`up` and `plan` without the command line: options, loading, planning, applying.

typer is not imported here, so that the fast path of `up` (fastup.py) can run it; the
typer commands are in commands/up.py.
"""
from __future__ import annotations

import os
import sys
import time

from composer.clictx import GlobalOptions, make_sink, warn
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

    _interrupt_on_signals()
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


def _interrupt_on_signals() -> None:
    """SIGTERM (systemd, `timeout`, a cancelled CI job) stops `up` as Ctrl-C does, and
    so does SIGINT when the shell started composer with it ignored (`composer up &` in a
    script): docker compose stops its containers on either and exits 130."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt


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
