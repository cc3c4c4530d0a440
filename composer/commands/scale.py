"""`composer scale web=3 db=1`: run that many containers of each service."""
from __future__ import annotations

from typing import List

import typer

from composer.cliapp import app, complete_services
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import ConfigError


def run_scale(g: GlobalOptions, *, pairs, no_deps) -> int:
    from composer.commands.create import converge
    from composer.commands.targets import load
    from composer.uprun import parse_scale, up_options

    scale = parse_scale(pairs)
    if not scale:
        raise ConfigError("scale: give at least one SERVICE=REPLICAS")
    services = tuple(scale)
    loaded, _ = load(g, services, need_file=True)
    opts = up_options(loaded, services=services, scale=pairs, no_deps=no_deps)
    return converge(g, loaded, opts)


def _complete_pairs(ctx, incomplete: str) -> list[str]:
    return [f"{name}=" for name in complete_services(ctx, incomplete.partition("=")[0])]


@app.command()
def scale(
    ctx: typer.Context,
    pairs: List[str] = typer.Argument(..., metavar="SERVICE=REPLICAS...",
                                      autocompletion=_complete_pairs),
    no_deps: bool = typer.Option(False, "--no-deps", help="Don't start linked services"),
) -> None:
    """Scale services."""
    run_guarded(ctx, run_scale, pairs=tuple(pairs), no_deps=no_deps)
