"""What every command shares: the global options, the error boundary, loading, sinks."""
from __future__ import annotations

import os
import sys
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

    def ansi_mode(self) -> str:
        """never | always | auto; NO_COLOR turns auto into never."""
        if self.ansi == "auto" and os.environ.get("NO_COLOR"):
            return "never"
        return self.ansi

    def progress_mode(self, stream=None) -> str:
        """tty | plain | json | quiet: what --progress auto means here."""
        if self.progress != "auto":
            return self.progress
        ansi = self.ansi_mode()
        isatty = (stream or sys.stderr).isatty()
        return "tty" if ansi == "always" or (ansi == "auto" and isatty) else "plain"

    def color(self, stream=None) -> bool:
        """Whether to colour what goes to `stream` (stdout by default)."""
        ansi = self.ansi_mode()
        return ansi == "always" or (ansi == "auto" and (stream or sys.stdout).isatty())


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
        if g.progress == "json":
            from composer.tables import to_json
            print(to_json({"error": True, "message": str(e)}), file=sys.stderr, flush=True)
        else:
            err(f"error: {e}")
        sys.exit(getattr(e, "exit_code", 1))
    except KeyboardInterrupt:
        err("interrupted")
        _exit_interrupted()
    except BrokenPipeError:
        from composer.cli import stdout_closed
        stdout_closed()
    except Exception as e:  # noqa: BLE001 - the one place unexpected errors are reported
        if g.verbose:
            import traceback

            traceback.print_exc()
        err(f"unexpected error: {type(e).__name__}: {e} (run with --verbose for details)")
        sys.exit(1)
    if isinstance(code, int) and code:
        global COMMAND_EXIT
        COMMAND_EXIT = code
        sys.exit(code)


def _exit_interrupted() -> None:
    """Exit 130 at once. Worker threads still in an engine call (a build, a pull, a stop
    with a long grace period) are not waited for: the engine finishes or drops that work
    on its own, and the next `up` or `down` takes it from there."""
    import threading

    workers = [t for t in threading.enumerate()
               if t is not threading.main_thread() and t.is_alive() and not t.daemon]
    if not workers:
        sys.exit(130)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(130)


def make_sink(g: GlobalOptions, title: str = ""):
    """The progress sink for --progress: tty (live), plain, json, quiet; auto picks.
    Every sink is a context manager (only the live view does something with it)."""
    from composer import ui

    out = sys.stdout if _truthy(os.environ.get("COMPOSE_STATUS_STDOUT")) else sys.stderr
    mode = g.progress_mode(out)
    if mode == "json":
        return ui.JsonSink(out)
    if mode == "quiet":
        return ui.QuietSink()
    if mode == "tty":   # asked for by name (or --ansi always), it is drawn into a pipe too
        forced = g.progress == "tty" or g.ansi_mode() == "always"
        return ui.LiveSink(title, out, force_terminal=forced or None,
                           color=g.ansi_mode() != "never")
    return ui.PlainSink(out)


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes", "on")
