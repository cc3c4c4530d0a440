"""`composer events`: the engine's container events for the project, as they happen."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded

HIDDEN = ("com.docker.compose.", "io.composer.")   # labels docker compose (and we) set


def event_record(e: dict) -> dict | None:
    """docker compose's `events --json` object, or None for an event it does not show."""
    from composer.engine.base import SERVICE

    if (e.get("Type") or e.get("type")) != "container":
        return None
    actor = e.get("Actor") or {}
    attrs = actor.get("Attributes") or {}
    return {"action": e.get("Action") or e.get("status") or "",
            "attributes": {k: v for k, v in sorted(attrs.items()) if not k.startswith(HIDDEN)},
            "id": actor.get("ID") or e.get("id") or "", "service": attrs.get(SERVICE, ""),
            "time": rfc3339nano(int(e.get("timeNano") or int(e.get("time", 0)) * 10**9)),
            "type": "container"}


def rfc3339nano(ns: int) -> str:
    """Go's RFC3339Nano in UTC: trailing zeros of the fraction dropped."""
    stamp = datetime.fromtimestamp(ns // 10**9, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    frac = f"{ns % 10**9:09d}".rstrip("0")
    return stamp + (f".{frac}" if frac else "") + "Z"


def event_text(r: dict) -> str:
    """`2026-12-03 14:21:34.854383 container ACTION ID (k=v, …)` in local time."""
    head, _, frac = r["time"].rstrip("Z").partition(".")
    utc = datetime.fromisoformat(f"{head}.{frac[:6].ljust(6, '0')}+00:00")
    when = utc.astimezone()
    attrs = ", ".join(f"{k}={v}" for k, v in r["attributes"].items())
    return f"{when:%Y-%m-%d %H:%M:%S.%f} container {r['action']} {r['id']} ({attrs})\n"


def run_events(g: GlobalOptions, *, services, json, since, until) -> int:
    from composer.commands.targets import target
    from composer.tables import to_json

    t = target(g, services)
    for e in t.engine.events(t.name, since=since, until=until):
        r = event_record(e)
        if r is None or (services and r["service"] not in services):
            continue
        print(to_json(r) if json else event_text(r), flush=True)
    return 0


@app.command()
def events(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    json: bool = typer.Option(False, "--json", help="Output events as a stream of json objects"),
    since: Optional[str] = typer.Option(None, "--since", help="Show all events created since "
                                                              "timestamp"),
    until: Optional[str] = typer.Option(None, "--until", help="Stream events until this "
                                                              "timestamp"),
) -> None:
    """Receive real time events from containers."""
    run_guarded(ctx, run_events, services=tuple(services or ()), json=json, since=since,
                until=until)
