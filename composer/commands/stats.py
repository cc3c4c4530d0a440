"""`composer stats`: resource usage of the project's containers (once with --no-stream)."""
from __future__ import annotations

import sys
import time
from typing import Optional

import typer

from composer.cliapp import app, complete_services
from composer.clictx import GlobalOptions, run_guarded


def _sample(t, services, all, no_trunc) -> list[dict]:
    from concurrent.futures import ThreadPoolExecutor

    from composer.statsview import stats_row

    containers = t.containers(services, states=() if all else ("running",))
    with ThreadPoolExecutor(max_workers=max(1, len(containers))) as pool:
        samples = list(pool.map(lambda c: t.engine.stats(c.id), containers))
    return [stats_row(c, s, no_trunc) for c, s in zip(containers, samples)]


def _text(rows, format: str) -> str:
    from composer.gotemplate import render
    from composer.statsview import HEADERS, TABLE

    if format == "json":
        return render("{{json .}}", rows, HEADERS)
    if format == "table":
        format = "table " + "\t".join("{{.%s}}" % k for k in TABLE)
    return render(format, rows, HEADERS)


def run_stats(g: GlobalOptions, *, service, all, no_stream, no_trunc, format) -> int:
    from composer.commands.targets import target

    services = (service,) if service else ()
    t = target(g, services)
    while True:
        text = _text(_sample(t, services, all, no_trunc), format)
        if no_stream:
            sys.stdout.write(text)
            return 0
        if sys.stdout.isatty():
            sys.stdout.write("\x1b[2J\x1b[H")
        sys.stdout.write(text)
        sys.stdout.flush()
        time.sleep(0.5)


@app.command()
def stats(
    ctx: typer.Context,
    service: Optional[str] = typer.Argument(None, help="Service", show_default=False,
                                            autocompletion=complete_services),
    all: bool = typer.Option(False, "-a", "--all", help="Show all containers (default shows "
                                                        "just running)"),
    no_stream: bool = typer.Option(False, "--no-stream", help="Disable streaming stats and "
                                                              "only pull the first result"),
    no_trunc: bool = typer.Option(False, "--no-trunc", help="Do not truncate output"),
    format: str = typer.Option("table", "--format", help="table, json, or a Go template"),
) -> None:
    """Display a live stream of container(s) resource usage statistics."""
    run_guarded(ctx, run_stats, service=service, all=all, no_stream=no_stream,
                no_trunc=no_trunc, format=format)
