"""Answer `composer version` before typer is imported: start-up is most of its cost.

Only a command line that is exactly global options plus `version [--short] [--format F]`
is taken here; anything else (or anything doubtful) goes to the full parser, which
prints the same text.
"""
from __future__ import annotations

TYPE_CHECKING = False   # typing costs ~3 ms to import; only checkers need it
if TYPE_CHECKING:
    from typing import Sequence

# global options that take a value, and those that do not
_VALUED = {"-f", "--file", "-p", "--project-name", "--profile", "--env-file",
           "--project-directory", "--env", "--progress", "--ansi", "--parallel"}
_FLAGS = {"--dry-run", "--verbose"}


def skip_globals(args: Sequence[str]) -> int | None:
    """Index of the first argument after the global options, or None if unsure."""
    i = 0
    while i < len(args):
        a = args[i]
        if a in _FLAGS:
            i += 1
        elif a in _VALUED:
            i += 2
        elif a.startswith("--") and a.split("=", 1)[0] in _VALUED and "=" in a:
            i += 1
        elif a.startswith("-"):
            return None
        else:
            return i
    return None


def version_args(args: Sequence[str]) -> tuple[bool, str] | None:
    """(short, format) when the command line is a plain `version`, else None."""
    start = skip_globals(args)
    if start is None or args[start] != "version":
        return None
    short, fmt = False, "pretty"
    rest = list(args[start + 1:])
    while rest:
        a = rest.pop(0)
        if a == "--short":
            short = True
        elif a in ("-f", "--format") and rest:
            fmt = rest.pop(0)
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1]
        else:
            return None
    return (short, fmt) if fmt in ("pretty", "json") else None


def try_fast(args: Sequence[str]) -> bool:
    """Print the answer and return True when the command line is one we answer here."""
    found = version_args(args)
    if found is None:
        return False
    from composer.versioninfo import render

    print(render(*found))
    return True
