"""`composer wait`: block until service containers stop; exit with their exit code."""
from __future__ import annotations

import threading
from typing import List

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded
from composer.errors import EngineError


def run_wait(g: GlobalOptions, *, services, down_project) -> int:
    from composer.commands.targets import target

    t = target(g, services)
    containers = t.containers(services, states=("running", "restarting", "paused"))
    if not containers:
        raise EngineError(f'no containers for project "{t.name}"')
    codes: list[int] = []
    lock = threading.Lock()
    first = threading.Event()

    def wait_one(c) -> None:
        code = t.engine.wait_exit(c.id)
        with lock:
            print(f'container "{c.id}" exited with status code {code}', flush=True)
            codes.append(code)
        first.set()

    threads = [threading.Thread(target=wait_one, args=(c,), daemon=True) for c in containers]
    for th in threads:
        th.start()
    if down_project:
        while not first.wait(0.2):
            pass
        _down(g, t)
        return codes[0]
    for th in threads:
        while th.is_alive():
            th.join(0.2)
    failed = [c for c in codes if c]
    return failed[-1] if failed else 0


def _down(g: GlobalOptions, t) -> None:
    from composer.api import apply, plan_down
    from composer.planner import DownOptions
    from composer.projectlock import hold

    hold(t.name)
    plan = plan_down(t.name, t.loaded, t.engine, DownOptions())
    with make_sink(g, "Running") as sink:
        apply(plan, t.loaded, t.engine, sink, parallel=g.workers)


@app.command()
def wait(
    ctx: typer.Context,
    services: List[str] = Services,
    down_project: bool = typer.Option(False, "--down-project", help="Drops project when the "
                                                                    "first container stops"),
) -> None:
    """Block until containers of all (or specified) services stop."""
    run_guarded(ctx, run_wait, services=tuple(services or ()), down_project=down_project)
