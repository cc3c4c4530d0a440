"""`composer ls`: every compose project on the engine, found by its label."""
from __future__ import annotations

import re
from typing import List, Optional

import typer

from composer.cliapp import app
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import ConfigError


def projects(containers) -> list[dict]:
    """Name, Status (`exited(1), running(2)`) and ConfigFiles of each project, by name."""
    from composer.engine.base import CONFIG_FILES, PROJECT

    by_name: dict[str, list] = {}
    for c in containers:
        by_name.setdefault(c.labels.get(PROJECT, ""), []).append(c)
    out = []
    for name in sorted(by_name):
        states: dict[str, int] = {}
        files: dict[str, None] = {}
        for c in sorted(by_name[name], key=lambda c: c.name):
            states[c.state] = states.get(c.state, 0) + 1
            for f in (c.labels.get(CONFIG_FILES) or "").split(","):
                if f:
                    files[f] = None
        status = ", ".join(f"{s}({n})" for s, n in sorted(states.items()))
        out.append({"Name": name, "Status": status, "ConfigFiles": ",".join(files)})
    return out


def run_ls(g: GlobalOptions, *, all, quiet, format, filter) -> int:
    from composer.api import connect
    from composer.tables import print_table, to_json

    if format not in ("table", "json"):
        raise ConfigError(f"invalid --format {format!r}: expected table or json")
    rows = projects(connect().compose_containers(all=all))
    for f in filter:
        key, _, value = f.partition("=")
        if key != "name":
            raise ConfigError(f"invalid filter {key!r}: only name=... is supported")
        rows = [r for r in rows if re.search(value, r["Name"])]
    if quiet:
        print("".join(r["Name"] + "\n" for r in rows), end="")
    elif format == "json":
        print(to_json(rows))
    else:
        print_table(["NAME", "STATUS", "CONFIG FILES"],
                    [[r["Name"], r["Status"], r["ConfigFiles"]] for r in rows], minwidth=20)
    return 0


@app.command()
def ls(
    ctx: typer.Context,
    all: bool = typer.Option(False, "-a", "--all", help="Show all stopped Compose projects"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only display project names"),
    format: str = typer.Option("table", "--format", help="Format the output: table or json"),
    filter: Optional[List[str]] = typer.Option(None, "--filter", help="Filter output based on "
                                               "conditions provided (name=...)"),
) -> None:
    """List running compose projects."""
    run_guarded(ctx, run_ls, all=all, quiet=quiet, format=format, filter=tuple(filter or ()))
