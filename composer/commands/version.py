"""`composer version`: which composer, and which docker compose it follows."""
from __future__ import annotations

import typer

from composer.cliapp import app
from composer.clictx import err


@app.command()
def version(short: bool = typer.Option(False, "--short", help="Shows only the version number"),
            format: str = typer.Option("pretty", "-f", "--format",
                                       help="Format the output: pretty or json")) -> None:
    """Show the composer version information."""
    from composer.versioninfo import FORMATS, render

    if format not in FORMATS:
        err(f'invalid --format "{format}": expected pretty or json')
        raise typer.Exit(1)
    print(render(short, format))
