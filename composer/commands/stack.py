"""`composer stack deploy|ls|ps|services|rm`: the project on a Docker Swarm.

The stack name is the project name (or the STACK argument); files, `--env`, `--profile`
and `.env` are read as by every other command. Stacks carry docker's labels, so `docker
stack` commands see composer's stacks and these commands see docker's.
"""
from __future__ import annotations

import dataclasses
from typing import List, Optional

import typer

from composer.cliapp import app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn

stack_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                        help="Deploy the project to a Docker Swarm and manage stacks.")
app.add_typer(stack_app, name="stack")

Stack = typer.Argument(None, help="Stack name (default: the project name)", show_default=False)
Format = typer.Option("table", "--format", help="table or json")


def _with_stack(g: GlobalOptions, stack: str | None, files: tuple[str, ...] = ()) -> GlobalOptions:
    return dataclasses.replace(g, files=g.files + files,
                               project_name=stack or g.project_name)


def stack_name(g: GlobalOptions, stack: str | None) -> str:
    """STACK, else -p, else the project name of the compose files."""
    if stack or g.project_name:
        return stack or g.project_name
    from composer.api import load_project

    return load_project(g.load_options(), check_graph=False).project.name


def _sink(g: GlobalOptions, title: str):
    from composer import ui

    sink = make_sink(g, title)
    if isinstance(sink, ui.PlainSink):
        sink.show_logs = True     # convergence progress, one line per change
    return sink


def _apply(g: GlobalOptions, plan, ctx) -> None:
    from composer.swarmapply import apply

    ctx.sink = _sink(g, "Deploying")
    if hasattr(ctx.sink, "__enter__"):
        with ctx.sink:
            apply(plan, ctx, parallel=g.workers)
    else:
        apply(plan, ctx, parallel=g.workers)


def _plan(g: GlobalOptions, *, prune: bool, detach: bool, build: bool):
    """Load, observe the swarm, plan: (plan, context to apply it with)."""
    from composer.api import load_project
    from composer.engine.swarm import connect
    from composer.engine.swarm_objects import desired_objects
    from composer.planner import image_ref
    from composer.swarmapply import SwarmContext
    from composer.swarmplan import DeployOptions, plan_deploy

    loaded = load_project(g.load_options())
    for w in loaded.warnings:
        warn(w)
    project = loaded.project
    engine = connect()
    objects = desired_objects(project, project.name, project.services.values())
    state = engine.observe(project.name, [image_ref(project, s)
                                          for s in project.services.values()])
    opts = DeployOptions(prune=prune, detach=detach, build=build,
                         known_services=loaded.all_services)
    plan = plan_deploy(project, state, opts, objects)
    return plan, SwarmContext(engine=engine, project=project, objects=objects)


def print_plan(plan, format: str) -> None:
    if format == "json":
        print(plan.to_json())
        return
    for w in plan.warnings:
        warn(w)
    print("nothing to do: every service is up to date" if plan.is_noop()
          else plan.render(include_keep=False))


def run_deploy(g: GlobalOptions, *, stack, compose_file, prune, detach, build, wait_timeout,
               resolve_image) -> int:
    if resolve_image not in ("always", "changed", "never"):
        from composer.errors import ConfigError

        raise ConfigError(f"--resolve-image {resolve_image!r}: expected always, changed or never")
    if resolve_image != "never":
        warn("composer does not query registries: images are used as written (--resolve-image "
             "never)")
    g = _with_stack(g, stack, compose_file)
    plan, ctx = _plan(g, prune=prune, detach=detach, build=build)
    if g.dry_run:
        print_plan(plan, "text")
        return 0
    for w in plan.warnings:
        warn(w)
    ctx.timeout = wait_timeout
    _apply(g, plan, ctx)
    return 0


def run_swarm_plan(g: GlobalOptions, *, format: str, build: bool, prune: bool) -> int:
    """`composer plan --swarm`: what `stack deploy` would change; exit 2 if anything."""
    plan, _ = _plan(g, prune=prune, detach=False, build=build)
    print_plan(plan, format)
    return 0 if plan.is_noop() else 2


def run_rm(g: GlobalOptions, *, stacks, detach, wait_timeout) -> int:
    from composer.engine.swarm import connect
    from composer.swarmapply import SwarmContext
    from composer.swarmplan import plan_remove

    engine = connect()
    for name in stacks or [stack_name(g, None)]:
        state = engine.observe(name)
        plan = plan_remove(state, detach=detach)
        if not plan.steps:
            print(f"Nothing found in stack: {name}")
            continue
        if g.dry_run:
            print(plan.render())
            continue
        _apply(g, plan, SwarmContext(engine=engine, timeout=wait_timeout))
    return 0


def _list(g: GlobalOptions, what: str, stack: str | None, format: str) -> int:
    from composer.engine.swarm import connect
    from composer.swarmtables import print_rows

    engine = connect()
    if what == "ls":
        print_rows("ls", engine.all_stack_services(), format)
        return 0
    name = stack_name(g, stack)
    if what == "services":
        print_rows("services", engine.stack_services(name), format)
    else:
        print_rows("ps", engine.stack_tasks(name), format,
                   services=engine.stack_services(name), nodes=engine.nodes())
    return 0


@stack_app.command()
def deploy(
    ctx: typer.Context,
    stack: Optional[str] = Stack,
    compose_file: Optional[List[str]] = typer.Option(None, "-c", "--compose-file",
                                                     help="Compose file (same as -f)"),
    prune: bool = typer.Option(False, "--prune", help="Remove services not in the file"),
    detach: bool = typer.Option(False, "-d", "--detach",
                                help="Return at once, without waiting for convergence"),
    build: bool = typer.Option(False, "--build",
                               help="Build images of services with `build:` on this node"),
    wait_timeout: Optional[float] = typer.Option(None, "--wait-timeout",
                                                 help="Maximum seconds to wait per service"),
    resolve_image: str = typer.Option("never", "--resolve-image",
                                      help="Accepted for docker compatibility; always never"),
) -> None:
    """Deploy the project as a stack, or update it; waits until every service converged."""
    run_guarded(ctx, run_deploy, stack=stack, compose_file=tuple(compose_file or ()),
                prune=prune, detach=detach, build=build, wait_timeout=wait_timeout,
                resolve_image=resolve_image)


@stack_app.command("ls")
def ls(ctx: typer.Context, format: str = Format) -> None:
    """List stacks."""
    run_guarded(ctx, _list, what="ls", stack=None, format=format)


@stack_app.command()
def services(ctx: typer.Context, stack: Optional[str] = Stack, format: str = Format) -> None:
    """List the services of a stack."""
    run_guarded(ctx, _list, what="services", stack=stack, format=format)


@stack_app.command()
def ps(ctx: typer.Context, stack: Optional[str] = Stack, format: str = Format) -> None:
    """List the tasks of a stack."""
    run_guarded(ctx, _list, what="ps", stack=stack, format=format)


@stack_app.command()
def rm(
    ctx: typer.Context,
    stacks: Optional[List[str]] = typer.Argument(None, help="Stacks (default: the project)",
                                                 show_default=False),
    detach: bool = typer.Option(False, "-d", "--detach",
                                help="Do not wait for the stack's containers to go"),
    wait_timeout: Optional[float] = typer.Option(None, "--wait-timeout",
                                                 help="Maximum seconds to wait"),
) -> None:
    """Remove stacks: services, secrets, configs and networks (volumes stay)."""
    run_guarded(ctx, run_rm, stacks=list(stacks or ()), detach=detach,
                wait_timeout=wait_timeout)
