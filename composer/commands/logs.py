"""`composer logs`: the output of the project's containers, prefixed by container."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import ConfigError, EngineError


def run_logs(g: GlobalOptions, *, services, follow, tail, timestamps, since, until, no_color,
             no_log_prefix, index) -> int:
    from composer.commands.targets import target
    from composer.logprinter import LogPrinter

    options = {"tail": log_tail(tail), "timestamps": timestamps, "since": since,
               "until": until}
    check_times(since=since, until=until)
    t = target(g, services)
    containers = t.containers(services, index=index)
    if index is not None and not containers:
        raise EngineError(f'service "{services[0] if services else ""}" is not running '
                          f"container #{index}")
    printer = LogPrinter(color=not no_color and g.color(), prefix=not no_log_prefix)
    if follow:
        from composer.logfollow import Follower

        Follower(printer, t.engine, t.name, services, index, **options).run(containers)
    else:
        printer.print_logs(t.engine, containers, **options)
    return 0


def log_tail(tail: str) -> str:
    """A number of lines, or "all": docker compose shows every line for a --tail it
    cannot read as a number (or a negative one), and so does composer."""
    text = (tail or "").strip()
    return text if text.isdigit() else "all"


def check_times(**times: str | None) -> None:
    """--since / --until are read before anything is asked of the engine."""
    from composer.engine.timeparse import to_epoch

    for flag, value in times.items():
        if value:
            try:
                to_epoch(value)
            except ConfigError as e:
                raise ConfigError(f'invalid value for "--{flag}": {e.message}') from None


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
