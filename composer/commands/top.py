"""`composer top`: the processes of running service containers, in one table."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded


def run_top(g: GlobalOptions, *, services) -> int:
    from composer.commands.targets import target
    from composer.tables import print_table

    t = target(g, services)
    titles: list[str] = []
    rows: list[list[str]] = []
    for c in t.containers(services, states=("running",)):
        top = t.engine.top(c.id)
        titles = titles or list(top.get("Titles") or [])
        for proc in top.get("Processes") or []:
            rows.append([c.service, str(c.number)] + [str(p) for p in proc])
    if rows:
        print_table(["SERVICE", "#"] + titles, rows, minwidth=4, padding=2)
    return 0


@app.command()
def top(ctx: typer.Context, services: Optional[List[str]] = Services) -> None:
    """Display the running processes."""
    run_guarded(ctx, run_top, services=tuple(services or ()))
