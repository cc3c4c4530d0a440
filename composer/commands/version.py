"""`composer version`: which composer, and which docker compose it follows."""
from __future__ import annotations

import typer

from composer import __version__
from composer.cliapp import app


@app.command()
def version(short: bool = typer.Option(False, "--short", help="Shows only the version number"),
            format: str = typer.Option("pretty", "--format", "-f", help="pretty or json")) -> None:
    """Show the composer version information."""
    if short:
        print(__version__)
    elif format == "json":
        print('{"version":"%s"}' % __version__)
    else:
        print(f"composer version {__version__} (docker compose v2.40.3 compatible)")
