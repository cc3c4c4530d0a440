"""`composer up` before typer is imported: typer and its click cost ~30 ms per command.

A command line made only of the options below, spelled exactly (`-d`, `--pull never`,
`--pull=never`, repeated `--scale`), with services among them, is parsed here into the
same values typer would give `run_up`. Anything else — help, an option not listed, a
value that does not convert, short options run together, `--`, `--flag=false`, an
invalid `--progress` or `--ansi`, shell completion — goes to typer, which parses it the
usual way (and reports what is wrong). tests/unit/cli/test_fastup.py checks the tables
against typer's own and the results against typer's for many command lines.
"""
from __future__ import annotations

import os

TYPE_CHECKING = False   # typing costs ~3 ms to import; only checkers need it
if TYPE_CHECKING:
    from typing import Any, Mapping, Sequence

# click's parameter name → (option spellings, kind, default, environment variable)
GLOBAL: dict[str, tuple[tuple[str, ...], str, Any, str | None]] = {
    "file": (("-f", "--file"), "list", None, None),
    "project_name": (("-p", "--project-name"), "str", None, None),
    "profile": (("--profile",), "list", None, None),
    "env_file": (("--env-file",), "list", None, None),
    "project_directory": (("--project-directory",), "str", None, None),
    "env": (("--env",), "str", None, "COMPOSER_ENV"),
    "progress": (("--progress",), "str", "auto", "COMPOSE_PROGRESS"),
    "ansi": (("--ansi",), "str", "auto", "COMPOSE_ANSI"),
    "parallel": (("--parallel",), "int", -1, "COMPOSE_PARALLEL_LIMIT"),
    "dry_run": (("--dry-run",), "flag", False, None),
    "verbose": (("--verbose",), "flag", False, None),
}

UP: dict[str, tuple[tuple[str, ...], str, Any, str | None]] = {
    "detach": (("-d", "--detach"), "flag", False, None),
    "build": (("--build",), "flag", False, None),
    "no_build": (("--no-build",), "flag", False, None),
    "pull": (("--pull",), "str", "policy", None),
    "wait": (("--wait",), "flag", False, None),
    "wait_timeout": (("--wait-timeout",), "float", None, None),
    "force_recreate": (("--force-recreate",), "flag", False, None),
    "no_recreate": (("--no-recreate",), "flag", False, None),
    "always_recreate_deps": (("--always-recreate-deps",), "flag", False, None),
    "no_deps": (("--no-deps",), "flag", False, None),
    "no_start": (("--no-start",), "flag", False, None),
    "remove_orphans": (("--remove-orphans",), "flag", False, None),
    "scale": (("--scale",), "list", None, None),
    "timeout": (("-t", "--timeout"), "int", None, None),
    "dry_run": (("--dry-run",), "flag", False, None),
    "abort_on_container_exit": (("--abort-on-container-exit",), "flag", False, None),
    "exit_code_from": (("--exit-code-from",), "str", None, None),
    "attach_dependencies": (("--attach-dependencies",), "flag", False, None),
    "no_color": (("--no-color",), "flag", False, None),
    "no_log_prefix": (("--no-log-prefix",), "flag", False, None),
}

PROGRESS = ("auto", "tty", "plain", "json", "quiet")   # as cliapp.py checks them
ANSI = ("never", "always", "auto")


class _Unsure(Exception):
    """Leave this command line to typer."""


def _spellings(table: dict) -> dict[str, str]:
    return {spelling: name for name, (opts, *_) in table.items() for spelling in opts}


def _convert(kind: str, text: str) -> Any:
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        raise _Unsure from None
    return text


def _take(args: list[str], i: int, table: dict, names: dict, values: dict) -> int:
    """Take the option at args[i] into `values`; → the index after it."""
    spelled, eq, inline = args[i].partition("=")
    name = names.get(spelled)
    if name is None or (eq and not spelled.startswith("--")):
        raise _Unsure
    kind = table[name][1]
    if kind == "flag":
        if eq:
            raise _Unsure
        values[name] = True
        return i + 1
    if eq:
        text, after = inline, i + 1
    elif i + 1 < len(args):
        text, after = args[i + 1], i + 2
    else:
        raise _Unsure                  # a missing value: typer says so
    value = _convert(kind, text)
    if kind == "list":
        values.setdefault(name, []).append(value)
    else:
        values[name] = value
    return after


def _finish(table: dict, values: dict, environ: Mapping[str, str]) -> dict:
    out = {}
    for name, (_, kind, default, envvar) in table.items():
        if name in values:
            out[name] = values[name]
        elif envvar and environ.get(envvar):
            out[name] = _convert(kind, environ[envvar])
        else:
            out[name] = default
    return out


def parse(args: Sequence[str], environ: Mapping[str, str] = os.environ
          ) -> tuple[dict, dict] | None:
    """(global option values, `up` values) by click's parameter names, or None."""
    if any(k.endswith("_COMPLETE") for k in environ):
        return None
    args = list(args)
    try:
        gvalues: dict = {}
        gnames = _spellings(GLOBAL)
        i = 0
        while i < len(args) and args[i].startswith("-"):
            i = _take(args, i, GLOBAL, gnames, gvalues)
        if i >= len(args) or args[i] != "up":
            return None
        uvalues: dict = {}
        unames = _spellings(UP)
        services: list[str] = []
        i += 1
        while i < len(args):
            if args[i].startswith("-"):
                i = _take(args, i, UP, unames, uvalues)
            else:
                services.append(args[i])
                i += 1
        uvalues["services"] = services or None
        gl = _finish(GLOBAL, gvalues, environ)
        up = _finish(UP, uvalues, environ)
        up["services"] = uvalues["services"]
    except _Unsure:
        return None
    return gl, up


def global_options(values: dict):
    """GlobalOptions as cliapp.main_options makes them; None when it would refuse them."""
    from composer.clictx import GlobalOptions

    if values["progress"] not in PROGRESS or values["ansi"] not in ANSI:
        return None
    if values["progress"] == "tty" and values["ansi"] == "never":
        return None
    v = values
    return GlobalOptions(files=tuple(v["file"] or ()), project_name=v["project_name"],
                         profiles=tuple(v["profile"] or ()),
                         env_files=tuple(v["env_file"]) if v["env_file"] else None,
                         project_directory=v["project_directory"], env_name=v["env"],
                         progress=v["progress"], ansi=v["ansi"], parallel=v["parallel"],
                         dry_run=v["dry_run"], verbose=v["verbose"])


def up_arguments(values: dict) -> dict:
    """The keyword arguments commands/up.py's `up` gives run_up."""
    v = dict(values)
    v["services"] = tuple(v["services"] or ())
    v["scale"] = tuple(v["scale"] or ())
    return v


class _Context:
    def __init__(self, obj):
        self.obj = obj


def try_up(args: Sequence[str]) -> bool:
    """Run `up` when its command line is one parsed here; False to leave it to typer."""
    parsed = parse(args)
    if parsed is None:
        return False
    g = global_options(parsed[0])
    if g is None:
        return False
    from composer.clictx import run_guarded
    from composer.uprun import run_up

    run_guarded(_Context(g), run_up, **up_arguments(parsed[1]))
    return True
