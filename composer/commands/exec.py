"""`composer exec`: run a command in a running service container, through the engine's
exec endpoints; interactive with a TTY when stdin is a terminal (-T turns the TTY off)."""
from __future__ import annotations

import os
from typing import List, Optional

import typer

from composer.cliapp import Service, app
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import EngineError

PASS_THROUGH = {"allow_interspersed_args": False}


def run_exec(g: GlobalOptions, *, service, command, detach, env, index, privileged, no_tty,
             user, workdir) -> int:
    from composer.commands.targets import target
    from composer.oneoff import env_pairs
    from composer.interactive import pump, stdin_is_terminal

    t = target(g, (service,))
    found = t.containers((service,), states=("running", "restarting"), index=index)
    if not found:
        suffix = f" container #{index}" if index not in (None, 1) else ""
        raise EngineError(f'service "{service}" is not running{suffix}')
    c = found[0]
    tty = not no_tty and not detach and stdin_is_terminal()
    if g.dry_run:
        print(f"would run {' '.join(command)} in {c.name}")
        return 0
    exec_id = t.engine.exec_create(c.id, list(command), tty=tty, stdin=not detach,
                                   env=env_pairs(tuple(env), os.environ, "-e"), user=user,
                                   workdir=workdir, privileged=privileged)
    if detach:
        t.engine.exec_start_detached(exec_id)
        return 0
    stream = t.engine.exec_attach(exec_id, tty)
    pump(stream, stdin=True, tty=tty,
         resize=lambda h, w: t.engine.exec_resize(exec_id, h, w))
    return t.engine.exec_exit_code(exec_id)


@app.command(context_settings=PASS_THROUGH)
def exec(
    ctx: typer.Context,
    service: str = Service,
    command: List[str] = typer.Argument(..., metavar="COMMAND [ARGS]..."),
    detach: bool = typer.Option(False, "-d", "--detach", help="Detached mode: Run command in "
                                                              "the background"),
    env: Optional[List[str]] = typer.Option(None, "-e", "--env", help="Set environment "
                                                                      "variables"),
    index: int = typer.Option(1, "--index", help="Index of the container if service has "
                                                 "multiple replicas"),
    privileged: bool = typer.Option(False, "--privileged", help="Give extended privileges to "
                                                                "the process"),
    no_tty: bool = typer.Option(False, "-T", "--no-tty", "--no-TTY",
                                help="Disable pseudo-TTY allocation (the default when stdin "
                                     "is not a terminal)"),
    user: Optional[str] = typer.Option(None, "-u", "--user", help="Run the command as this "
                                                                  "user"),
    workdir: Optional[str] = typer.Option(None, "-w", "--workdir", help="Path to workdir "
                                                                        "directory for this "
                                                                        "command"),
) -> None:
    """Execute a command in a running container."""
    run_guarded(ctx, run_exec, service=service, command=tuple(command), detach=detach,
                env=tuple(env or ()), index=index, privileged=privileged, no_tty=no_tty,
                user=user, workdir=workdir)
