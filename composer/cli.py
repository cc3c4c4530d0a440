"""The command line: parse flags, call the library, render, exit code. Nothing else.

The application and its global options are in cliapp.py; each command lives in its own
module under composer/commands and registers itself when imported by `load_app`.
`composer version` is answered before any of that is imported (fastpath.py).
"""
from __future__ import annotations

import sys


def load_app():
    """The typer application with every command registered."""
    from composer.cliapp import app
    from composer.commands import (build, config, cp, create, down, events,  # noqa: F401
                                   exec, images, kill, logs, ls, pause, port, ps, pull, push,
                                   restart, rm, run, scale, start, stats, stop, top, up,
                                   version, wait)
    return app


def main() -> None:
    """Entry point. Errors inside commands are handled by `run_guarded`; here only the
    argument parser's own exits remain: a usage error exits 1, as docker compose does."""
    from composer.fastpath import try_fast

    if try_fast(sys.argv[1:]):
        return
    from composer import clictx

    app = load_app()
    try:
        app(prog_name="composer")
    except SystemExit as e:
        if e.code == 2 and clictx.COMMAND_EXIT is None:
            sys.exit(1)
        raise
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
