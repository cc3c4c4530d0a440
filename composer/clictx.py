"""What every command shares: the global options, the error boundary, loading, sinks."""
from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from typing import Callable

from composer.errors import ComposerError

COMMAND_EXIT: int | None = None   # set when a command itself chose its exit code


@dataclass(frozen=True, slots=True)
class GlobalOptions:
    files: tuple[str, ...] = ()
    project_name: str | None = None
    profiles: tuple[str, ...] = ()
    env_files: tuple[str, ...] | None = None
    project_directory: str | None = None
    env_name: str | None = None
    progress: str = "auto"
    ansi: str = "auto"
    parallel: int = -1
    dry_run: bool = False
    verbose: bool = False

    def load_options(self, services: tuple[str, ...] = (), interpolate: bool = True):
        from composer.loader import LoadOptions

        stdin = sys.stdin.read() if "-" in self.files else None
        return LoadOptions(files=self.files, project_directory=self.project_directory,
                           project_name=self.project_name, env_files=self.env_files,
                           profiles=self.profiles, services=services,
                           environ=dict(os.environ), interpolate=interpolate,
                           env_name=self.env_name, stdin=stdin)

    @property
    def workers(self) -> int:
        return 8 if self.parallel is None or self.parallel < 1 else self.parallel


def err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def warn(message: str) -> None:
    for line in message.splitlines():
        print(f"WARN[0000] {line}", file=sys.stderr, flush=True)


def run_guarded(ctx, fn: Callable, **kwargs) -> None:
    """Run a command with the one error boundary: ComposerError → message, exit 1."""
    g: GlobalOptions = ctx.obj
    try:
        code = fn(g, **kwargs)
    except ComposerError as e:
        err(f"error: {e}" if "\n" not in str(e) else f"error: {e}")
        sys.exit(getattr(e, "exit_code", 1))
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - the one place unexpected errors are reported
        if g.verbose:
            traceback.print_exc()
        err(f"unexpected error: {type(e).__name__}: {e} (run with --verbose for details)")
        sys.exit(1)
    if isinstance(code, int) and code:
        global COMMAND_EXIT
        COMMAND_EXIT = code
        sys.exit(code)


def make_sink(g: GlobalOptions, title: str = ""):
    """The progress sink for --progress: tty (live), plain, json, quiet; auto picks."""
    from composer import ui

    mode = g.progress
    if mode == "auto":
        mode = "tty" if sys.stderr.isatty() and g.ansi != "never" and not os.environ.get("NO_COLOR") \
            else "plain"
    if mode == "json":
        return ui.JsonSink()
    if mode == "quiet":
        return ui.QuietSink()
    if mode == "tty":
        return ui.LiveSink(title)
    return ui.PlainSink()
