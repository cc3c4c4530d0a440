"""The command line: parse flags, call the library, render, exit code. Nothing else.

The application and its global options are in cliapp.py; each command lives in its own
module under composer/commands and registers itself when imported here.
"""
from __future__ import annotations

import sys

from composer.cliapp import app
from composer.commands import (build, config, down, logs, ps, up,  # noqa: F401 - register
                               version)
from composer.commands import diff, envs, graph  # noqa: F401 - register
from composer.commands import stack  # noqa: F401 - register

def main() -> None:
    """Entry point. Errors inside commands are handled by `run_guarded`; here only the
    argument parser's own exits remain: a usage error exits 1, as docker compose does."""
    from composer import clictx

    try:
        app()
    except SystemExit as e:
        if e.code == 2 and clictx.COMMAND_EXIT is None:
            sys.exit(1)
        raise
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
