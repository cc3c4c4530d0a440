"""`composer ps`: the project's containers, as a table, JSON lines or a template."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import ConfigError

STATES = ("paused", "restarting", "removing", "running", "dead", "created", "exited")


def _wanted_states(status: tuple[str, ...], filters: tuple[str, ...]) -> set[str]:
    wanted = set(status)
    for f in filters:
        key, _, value = f.partition("=")
        if key != "status":
            raise ConfigError(f"invalid filter {key!r}: only status=... is supported")
        wanted.add(value)
    bad = sorted(wanted - set(STATES))
    if bad:
        raise ConfigError(f"invalid status {bad[0]!r}: expected one of " + ", ".join(STATES))
    return wanted


def run_ps(g: GlobalOptions, *, services, all, quiet, list_services, status, filter, format,
           no_trunc, orphans) -> int:
    from composer.commands.targets import target
    from composer.containerrows import HEADERS, TABLE, row

    wanted = _wanted_states(status, filter)
    t = target(g, services)
    containers = t.containers(services, oneoff=all)
    if not all and not wanted:
        containers = [c for c in containers if c.state in ("running", "restarting", "paused")]
    if wanted:
        containers = [c for c in containers if c.state in wanted]
    if not orphans and t.project is not None:
        containers = [c for c in containers if c.service in t.project.services]
    if list_services:
        print("".join(s + "\n" for s in dict.fromkeys(c.service for c in containers)), end="")
        return 0
    if quiet:
        print("".join(c.id + "\n" for c in containers), end="")
        return 0
    rows = [row(c, t.name) for c in containers]
    if no_trunc:
        for r, c in zip(rows, containers):
            r["ID"], r["Command"] = c.id, '"' + c.command + '"'
    from composer.gotemplate import render
    from composer.tables import to_json

    if format == "json":
        print("".join(to_json(r) + "\n" for r in rows), end="")
    elif format == "table":
        print(render("table " + "\t".join("{{.%s}}" % k for k in TABLE), rows, HEADERS), end="")
    else:
        print(render(format, rows, HEADERS), end="")
    return 0


@app.command()
def ps(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    all: bool = typer.Option(False, "-a", "--all", help="Show all stopped containers "
                                                        "(including those created by the run command)"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only display IDs"),
    list_services: bool = typer.Option(False, "--services", help="Display services"),
    status: Optional[List[str]] = typer.Option(None, "--status", help="Filter services by "
                                               "status: " + ", ".join(STATES)),
    filter: Optional[List[str]] = typer.Option(None, "--filter", help="Filter services by a "
                                               "property (status=...)"),
    format: str = typer.Option("table", "--format", help="table, json, or a Go template"),
    no_trunc: bool = typer.Option(False, "--no-trunc", help="Don't truncate output"),
    orphans: bool = typer.Option(True, "--orphans/--no-orphans", help="Include orphaned "
                                 "services (not declared by project)"),
) -> None:
    """List containers."""
    run_guarded(ctx, run_ps, services=tuple(services or ()), all=all, quiet=quiet,
                list_services=list_services, status=tuple(status or ()),
                filter=tuple(filter or ()), format=format, no_trunc=no_trunc, orphans=orphans)
