"""`composer diff A B`: how the effective config of environment A differs from B's."""
from __future__ import annotations

import json

import typer

from composer.cliapp import app
from composer.clictx import GlobalOptions, err, run_guarded, warn

STYLES = {"changed": ("~", "yellow"), "added": ("+", "green"), "removed": ("-", "red")}


def effective(g: GlobalOptions, names: tuple[str, ...]) -> list[dict]:
    """The canonical config of each named environment, loaded with the global options."""
    from dataclasses import replace

    from composer.api import load_project

    opts = g.load_options()
    out, warnings = [], []
    for name in names:
        loaded = load_project(replace(opts, env_name=name), check_graph=False)
        warnings += [w for w in loaded.warnings if w not in warnings]
        out.append(loaded.canonical)
    for w in warnings:
        warn(w)
    return out


def render(changes, a: str, b: str, ansi: str) -> None:
    from rich.text import Text

    from composer.configdiff import show
    from composer.terminal import console

    out = console(ansi)
    if not changes:
        out.print(f"no differences between {a} and {b}")
        return
    out.print(Text(f"--- {a}\n+++ {b}", style="bold"))
    for c in changes:
        mark, style = STYLES[c.kind]
        if c.kind == "changed":
            out.print(Text.assemble((f"{mark} {c.key}: ", style), (show(c.old), "red"),
                                    " → ", (show(c.new), "green")))
        else:
            out.print(Text(f"{mark} {c.text()}", style=style))
    counts = {k: sum(1 for c in changes if c.kind == k) for k in STYLES}
    out.print(Text(", ".join(f"{n} {k}" for k, n in counts.items() if n), style="dim"))


def run_diff(g: GlobalOptions, *, a: str, b: str, format: str) -> int:
    from composer.configdiff import diff
    from composer.errors import ComposerError

    try:
        left, right = effective(g, (a, b))
    except ComposerError as e:   # as diff(1): 0 equal, 1 different, 2 trouble
        err(f"error: {e}")
        return 2
    changes = diff(left, right)
    if format == "json":
        print(json.dumps({"from": a, "to": b, "equal": not changes,
                          "changes": [c.to_json() for c in changes]}, indent=2,
                         ensure_ascii=False))
    else:
        render(changes, a, b, g.ansi)
    return 1 if changes else 0


@app.command()
def diff(
    ctx: typer.Context,
    a: str = typer.Argument(..., metavar="A", help="An environment, or base"),
    b: str = typer.Argument(..., metavar="B", help="An environment, or base"),
    format: str = typer.Option("text", "--format", help="text or json"),
) -> None:
    """Show how the effective config of environment A differs from B's.

    Exit status: 0 when they are equal, 1 when they differ, 2 when one cannot be loaded."""
    run_guarded(ctx, run_diff, a=a, b=b, format=format)
