"""`composer run`: a one-off container of a service, labelled as docker compose labels it
(`oneoff=True`, name PROJECT-SERVICE-run-ID); exits with the container's exit code."""
from __future__ import annotations

import os
from typing import List, Optional

import typer

from composer.cliapp import Service, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import EngineError

OWN = frozenset({"create", "recreate", "start", "keep", "wait", "stop", "remove"})


def without_service(plan, service: str):
    """The plan minus the service's own containers: its dependencies, networks, volumes and
    image stay."""
    from composer.plan import Plan, Step

    dropped = {s.id for s in plan.steps if s.action in OWN and s.args.get("service") == service}
    steps = tuple(Step(s.id, s.action, s.resource, s.reason,
                       tuple(a for a in s.after if a not in dropped), s.args)
                  for s in plan.steps if s.id not in dropped)
    return Plan(steps, plan.warnings)


def prepare(g: GlobalOptions, loaded, engine, service: str, *, no_deps, build, pull,
            remove_orphans) -> None:
    """Networks, volumes, the image and (unless --no-deps) the running dependencies."""
    from composer.api import apply, plan_up
    from composer.uprun import up_options

    opts = up_options(loaded, services=(service,), scale=(), build=build, pull=pull,
                      no_deps=no_deps, remove_orphans=remove_orphans)
    plan = without_service(plan_up(loaded, engine, opts), service)
    for w in plan.warnings:
        warn(w)
    if plan.is_noop():
        return
    with make_sink(g, "Running") as sink:
        apply(plan, loaded, engine, sink, parallel=g.workers)


def run_run(g: GlobalOptions, *, service, command, detach, rm, name, use_aliases, no_deps,
            build, pull, remove_orphans, no_tty, interactive, **overrides) -> int:
    import uuid

    from composer.commands.targets import target
    from composer.projectlock import release
    from composer.oneoff import RunOptions, oneoff_service
    from composer.planner import image_ref
    from composer.interactive import stdin_is_terminal

    t = target(g, (service,), need_file=True, lock=True)
    tty = not no_tty and not detach and stdin_is_terminal()
    opts = RunOptions(command=command, tty=tty, interactive=interactive and not detach,
                      **overrides)
    svc = oneoff_service(t.project.services[service], opts, os.environ, os.getcwd())
    if g.dry_run:
        print(f"would run a one-off container of {service}")
        return 0
    prepare(g, t.loaded, t.engine, service, no_deps=no_deps, build=build, pull=pull,
            remove_orphans=remove_orphans)
    ref = image_ref(t.project, svc)
    image_id = t.engine.image_id(ref)
    if not image_id:
        raise EngineError(f"service {service}: image {ref} is not present locally")
    slug = uuid.uuid4().hex + uuid.uuid4().hex
    cname = name or f"{t.name}-{service}-run-{slug[:12]}"
    cid = t.engine.create_oneoff(t.project, svc, cname, ref, image_id, slug,
                                 use_aliases=use_aliases)
    release(t.name)   # the project is changed; other runs need not wait for this one
    if detach:
        t.engine.start_container(cid)
        print(cid)
        return 0
    return attached(t.engine, cid, tty=tty, stdin=opts.interactive, rm=rm)


def attached(engine, cid: str, *, tty: bool, stdin: bool, rm: bool) -> int:
    """Attach, start, stream until the container ends; its exit code. With rm it is
    removed however this ends (Ctrl-C included)."""
    from composer.interactive import pump

    try:
        stream = engine.container_attach(cid, tty, stdin)
        engine.start_container(cid)
        pump(stream, stdin=stdin, tty=tty, resize=lambda h, w: engine.container_resize(cid, h, w))
        return engine.wait_exit(cid)
    finally:
        if rm:
            engine.remove_container(cid, volumes=True)


@app.command(context_settings={"allow_interspersed_args": False})
def run(
    ctx: typer.Context,
    service: str = Service,
    command: Optional[List[str]] = typer.Argument(None, metavar="[COMMAND] [ARGS]..."),
    detach: bool = typer.Option(False, "-d", "--detach", help="Run container in background "
                                                              "and print container ID"),
    rm: bool = typer.Option(False, "--rm", help="Automatically remove the container when it "
                                                "exits"),
    name: Optional[str] = typer.Option(None, "--name", help="Assign a name to the container"),
    entrypoint: Optional[str] = typer.Option(None, "--entrypoint", help="Override the "
                                                                        "entrypoint of the image"),
    env: Optional[List[str]] = typer.Option(None, "-e", "--env", help="Set environment "
                                                                      "variables"),
    label: Optional[List[str]] = typer.Option(None, "-l", "--label", help="Add or override a "
                                                                          "label"),
    user: Optional[str] = typer.Option(None, "-u", "--user", help="Run as specified username "
                                                                  "or uid"),
    workdir: Optional[str] = typer.Option(None, "-w", "--workdir", help="Working directory "
                                                                        "inside the container"),
    volume: Optional[List[str]] = typer.Option(None, "-v", "--volume", help="Bind mount a "
                                                                            "volume"),
    publish: Optional[List[str]] = typer.Option(None, "-p", "--publish", help="Publish a "
                                                "container's port(s) to the host"),
    service_ports: bool = typer.Option(False, "--service-ports", help="Run command with all "
                                       "service's ports enabled and mapped to the host"),
    use_aliases: bool = typer.Option(False, "--use-aliases", help="Use the service's network "
                                     "useAliases in the network(s) the container connects to"),
    no_deps: bool = typer.Option(False, "--no-deps", help="Don't start linked services"),
    no_tty: bool = typer.Option(False, "-T", "--no-tty", "--no-TTY", help="Disable pseudo-TTY "
                                "allocation (default: auto-detected)"),
    interactive: bool = typer.Option(True, "-i", "--interactive/--no-interactive",
                                     help="Keep STDIN open even if not attached"),
    build: bool = typer.Option(False, "--build", help="Build image before starting container"),
    pull: str = typer.Option("policy", "--pull", help='Pull image before running '
                                                      '("always"|"missing"|"never")'),
    remove_orphans: bool = typer.Option(False, "--remove-orphans", help="Remove containers "
                                        "for services not defined in the Compose file"),
) -> None:
    """Run a one-off command on a service."""
    run_guarded(ctx, run_run, service=service, command=tuple(command or ()), detach=detach,
                rm=rm, name=name, use_aliases=use_aliases, no_deps=no_deps, build=build,
                pull=pull, remove_orphans=remove_orphans, no_tty=no_tty,
                interactive=interactive, entrypoint=entrypoint, env=tuple(env or ()),
                labels=tuple(label or ()), user=user, workdir=workdir,
                volumes=tuple(volume or ()), publish=tuple(publish or ()),
                service_ports=service_ports)
