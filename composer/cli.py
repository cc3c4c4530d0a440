"""The command line: parse flags, call the library, render, exit code. Nothing else.

The application and its global options are in cliapp.py; each command lives in its own
module under composer/commands and registers itself when imported by `load_app`, which
imports only the module of the command being run (all of them for help or completion).
`composer version` is answered before any of that is imported (fastpath.py), and so is a
plain `composer up` (fastup.py; upmemo.py may answer a repeated no-op `up` before that).
"""
from __future__ import annotations

import importlib
import os
import sys
TYPE_CHECKING = False   # typing costs ~3 ms to import; only checkers need it
if TYPE_CHECKING:
    from typing import Sequence

# every command module; a command is found in the module of its own name unless listed
MODULES = ("build", "config", "cp", "create", "diff", "down", "envs", "events", "exec",
           "graph", "images", "kill", "logs", "ls", "pause", "port", "ps", "pull", "push",
           "restart", "rm", "run", "scale", "stack", "start", "stats", "stop", "top", "up",
           "version", "wait")
ELSEWHERE = {"plan": "up", "unpause": "pause"}


def modules_for(args: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules a command line needs: its command's, or all when unsure."""
    from composer.fastpath import skip_globals

    if args is None or any(k.endswith("_COMPLETE") for k in os.environ):
        return MODULES
    start = skip_globals(args)
    name = args[start] if start is not None else None
    module = ELSEWHERE.get(name, name)
    return (module,) if module in MODULES else MODULES


def load_app(args: Sequence[str] | None = None):
    """The typer application with the commands `args` needs registered (all by default)."""
    from composer.cliapp import app

    for module in modules_for(args):
        importlib.import_module(f"composer.commands.{module}")
    return app


def main() -> None:
    """Entry point. A reader that closed our stdout early (`composer plan | head -3`)
    ends the run quietly, as it ends a Go or C program: by SIGPIPE, no traceback."""
    try:
        _main()
    except BrokenPipeError:
        stdout_closed()
    finally:
        try:
            sys.stdout.flush()    # here, not at interpreter exit where it cannot be caught
        except BrokenPipeError:
            stdout_closed()


def stdout_closed() -> None:
    """Die by SIGPIPE, as docker compose does when its stdout is closed (the shell reports
    141 and prints nothing). Nothing more can be written there: stdout goes to /dev/null
    first, so that no later flush complains."""
    import signal

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    os._exit(128 + signal.SIGPIPE)   # a thread (log printers) cannot set the handler


def _main() -> None:
    """Errors inside commands are handled by `run_guarded`; here only the argument
    parser's own exits remain: a usage error exits 1, as docker compose does."""
    from composer.fastpath import try_fast

    if try_fast(sys.argv[1:]):
        return
    from composer.upmemo import replay

    if replay(sys.argv[1:]):
        return
    from composer.fastup import try_up

    try:
        if try_up(sys.argv[1:]):
            return
    except KeyboardInterrupt:
        sys.exit(130)
    from composer import clictx

    app = load_app(sys.argv[1:])
    _go_booleans(app)
    try:
        app(prog_name="composer")
    except SystemExit as e:
        if e.code == 2 and clictx.COMMAND_EXIT is None:
            sys.exit(1)
        raise
    except KeyboardInterrupt:
        sys.exit(130)


def _go_booleans(app) -> None:
    """Accept `--flag=false` as docker compose does (goflags.py)."""
    from composer.goflags import GO_BOOL, rewrite

    if any(GO_BOOL.match(a) for a in sys.argv[1:]):
        import typer

        sys.argv[1:] = rewrite(sys.argv[1:], typer.main.get_command(app))


if __name__ == "__main__":  # pragma: no cover
    main()
