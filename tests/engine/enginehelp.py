"""Helpers for the convergence engine tests: container ids, states, running composer."""
from __future__ import annotations

LABEL = "com.docker.compose.project"


def containers(client, project: str) -> dict[str, object]:
    """name → container (docker SDK object) of every container of the project."""
    return {c.name: c for c in client.containers.list(all=True,
                                                       filters={"label": f"{LABEL}={project}"})}


def ids(client, project: str) -> dict[str, str]:
    return {name: c.id for name, c in containers(client, project).items()}


def states(client, project: str) -> dict[str, str]:
    return {name: c.status for name, c in containers(client, project).items()}


def ok(result) -> str:
    """The output of a composer run that must have succeeded."""
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def spawn(*args: str, cwd, env: dict | None = None, ignore_sigint: bool = False):
    """composer ARGS… started in the background (COMPOSE_* of this shell left out), its
    stdout and stderr together on proc.stdout as text; with SIGINT ignored on request, as
    a shell starts a background job (`composer up &` in a script)."""
    import os
    import signal
    import subprocess

    from support import COMPOSER

    base = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_sigint else None
    return subprocess.Popen(COMPOSER + list(args), cwd=cwd, env={**base, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=ignore)


def read_until(proc, marker: str, deadline: float = 60) -> str:
    """The lines proc printed until one holds `marker` (or it ended, or `deadline` s)."""
    import time

    seen = ""
    end = time.monotonic() + deadline
    while marker not in seen and time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line
    return seen


def project_cli(project_name: str, write, compose: str):
    """`cli(*args)`: composer -p PROJECT ARGS… in a folder holding `compose` as compose.yaml;
    `cli.folder` is that folder."""
    from support import run_composer

    folder = write("compose.yaml", compose).parent

    def run(*args, **kw):
        return run_composer("-p", project_name, *args, cwd=folder, **kw)
    run.folder = folder
    return run
