"""`composer ps`: the project's containers, as a table or JSON."""
from __future__ import annotations

import json
import time
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded
from composer.commands.down import project_for
from composer.errors import ConfigError


def publishers(c) -> list[dict]:
    out = []
    for p in c.ports:
        out.append({"URL": p.get("IP", ""), "TargetPort": p.get("PrivatePort"),
                    "PublishedPort": p.get("PublicPort", 0), "Protocol": p.get("Type", "tcp")})
    return sorted(out, key=lambda p: (p["TargetPort"] or 0, p["URL"], p["Protocol"]))


def ports_text(c) -> str:
    parts = []
    for p in publishers(c):
        if p["PublishedPort"]:
            parts.append(f"{p['URL']}:{p['PublishedPort']}->{p['TargetPort']}/{p['Protocol']}")
        else:
            parts.append(f"{p['TargetPort']}/{p['Protocol']}")
    return ", ".join(dict.fromkeys(parts))


def ago(epoch: int) -> str:
    secs = max(0, int(time.time()) - epoch)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if secs >= size:
            n = secs // size
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    return f"{secs} seconds ago"


def row(c, project: str) -> dict:
    return {
        "ID": c.id, "Name": c.name, "Image": c.image, "Command": c.command,
        "Project": project, "Service": c.service, "Created": c.created,
        "State": c.state, "Status": c.status, "Health": c.health or "",
        "ExitCode": c.exit_code or 0, "Publishers": publishers(c),
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(c.labels.items())),
        "LocalVolumes": "0", "Mounts": "", "Networks": "", "Ports": ports_text(c),
        "RunningFor": ago(c.created), "Size": "",
    }


def run_ps(g: GlobalOptions, *, services, all, quiet, list_services, status, filter,
           format) -> int:
    from composer.api import connect

    loaded, name = project_for(g)
    engine = connect()
    observed = engine.observe(name)
    containers = [c for c in observed.containers if not c.oneoff or all]
    if services:
        containers = [c for c in containers if c.service in services]
    if not all and not status:
        containers = [c for c in containers if c.state in ("running", "restarting", "paused")]
    wanted = set(status)
    if filter:
        key, _, value = filter.partition("=")
        if key != "status":
            raise ConfigError(f"invalid filter {key!r}: only status=... is supported")
        wanted.add(value)
    if wanted:
        containers = [c for c in containers if c.state in wanted]
    containers.sort(key=lambda c: (c.service, c.number))
    if list_services:
        for s in dict.fromkeys(c.service for c in containers):
            print(s)
        return 0
    if quiet:
        for c in containers:
            print(c.id)
        return 0
    rows = [row(c, name) for c in containers]
    if format == "json":
        for r in rows:
            print(json.dumps(r))
        return 0
    from composer.tables import print_table

    print_table(["NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"],
                [[r["Name"], r["Image"], _cmd(r["Command"]), r["Service"], r["RunningFor"],
                  r["Status"], r["Ports"]] for r in rows])
    return 0


def _cmd(cmd: str) -> str:
    text = cmd if len(cmd) <= 20 else cmd[:19] + "…"
    return f'"{text}"'


@app.command()
def ps(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    all: bool = typer.Option(False, "-a", "--all", help="Show all stopped containers"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only display IDs"),
    list_services: bool = typer.Option(False, "--services", help="Display services"),
    status: Optional[List[str]] = typer.Option(None, "--status", help="Filter services by status"),
    filter: Optional[str] = typer.Option(None, "--filter", help="Filter services by a property"),
    format: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """List containers."""
    run_guarded(ctx, run_ps, services=tuple(services or ()), all=all, quiet=quiet,
                list_services=list_services, status=tuple(status or ()), filter=filter,
                format=format)
