"""`composer logs`: the output of the project's containers, prefixed by container."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded
from composer.commands.down import project_for
from composer.logprinter import LogPrinter


def run_logs(g: GlobalOptions, *, services, follow, tail, timestamps, since, until, no_color,
             no_log_prefix, index) -> int:
    import sys

    from composer.api import connect

    loaded, name = project_for(g)
    engine = connect()
    containers = [c for c in engine.observe(name).containers if not c.oneoff]
    if services:
        containers = [c for c in containers if c.service in services]
    if index is not None:
        containers = [c for c in containers if c.number == index]
    containers.sort(key=lambda c: (c.service, c.number))
    printer = LogPrinter(color=not no_color and sys.stdout.isatty(), prefix=not no_log_prefix)
    printer.follow(engine, containers, follow=follow, tail=tail, timestamps=timestamps,
                   since=since, until=until)
    return 0


@app.command()
def logs(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    follow: bool = typer.Option(False, "-f", "--follow", help="Follow log output"),
    tail: str = typer.Option("all", "-n", "--tail", help="Number of lines to show from the end"),
    timestamps: bool = typer.Option(False, "-t", "--timestamps", help="Show timestamps"),
    since: Optional[str] = typer.Option(None, "--since", help="Show logs since timestamp or relative"),
    until: Optional[str] = typer.Option(None, "--until", help="Show logs before a timestamp"),
    no_color: bool = typer.Option(False, "--no-color", help="Produce monochrome output"),
    no_log_prefix: bool = typer.Option(False, "--no-log-prefix", help="Don't print prefix in logs"),
    index: Optional[int] = typer.Option(None, "--index", help="index of the container"),
) -> None:
    """View output from containers."""
    run_guarded(ctx, run_logs, services=tuple(services or ()), follow=follow, tail=tail,
                timestamps=timestamps, since=since, until=until, no_color=no_color,
                no_log_prefix=no_log_prefix, index=index)
