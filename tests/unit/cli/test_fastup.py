"""`composer up` parsed without typer (fastup.py) gives run_up what typer gives it."""
from __future__ import annotations

import pytest
import typer

from composer import fastup
from composer.cli import load_app


def _click_params(command) -> dict:
    out = {}
    for p in command.params:
        if p.name in ("install_completion", "show_completion", "services"):
            continue
        kind = ("flag" if getattr(p, "is_flag", False) else "list" if p.multiple
                else {"INT": "int", "FLOAT": "float"}.get(p.type.name.upper(), "str"))
        out[p.name] = (tuple(p.opts) + tuple(p.secondary_opts), kind, p.default, p.envvar)
    return out


@pytest.fixture(scope="module")
def group():
    return typer.main.get_command(load_app(["up"]))


def test_the_tables_are_typers_own(group):
    assert fastup.GLOBAL == _click_params(group)
    assert fastup.UP == _click_params(group.commands["up"])


def _through_typer(args: list[str], monkeypatch) -> tuple | None:
    """(GlobalOptions, run_up's keyword arguments) as typer parses `args`; None when it
    refuses them."""
    import composer.commands.up as up_module

    seen = []
    monkeypatch.setattr(up_module, "run_up", lambda g, **kw: seen.append((g, kw)))
    try:
        load_app(["up"])(args, prog_name="composer", standalone_mode=False)
    except (typer.Exit, SystemExit, Exception):   # noqa: BLE001 - a refusal either way
        return None
    return seen[0] if seen else None


def _fast(args: list[str], environ: dict) -> tuple | None:
    parsed = fastup.parse(args, environ)
    if parsed is None:
        return None
    g = fastup.global_options(parsed[0])
    return None if g is None else (g, fastup.up_arguments(parsed[1]))


LINES = [
    ["up"],
    ["up", "-d"],
    ["-p", "app", "up", "-d", "web", "db"],
    ["-f", "a.yaml", "--file", "b.yaml", "--profile", "x", "--profile=y", "up", "web"],
    ["--env-file", "e1", "--env-file", "e2", "--project-directory", "sub", "up", "-d"],
    ["--env", "prod", "--progress", "plain", "--ansi", "never", "--parallel", "3", "up"],
    ["--dry-run", "--verbose", "up", "-d"],
    ["up", "web", "-d", "--scale", "web=3", "--scale=db=2", "api"],
    ["up", "--pull", "never", "--build", "--no-deps", "--no-start", "--remove-orphans"],
    ["up", "--pull=always", "--force-recreate", "--always-recreate-deps", "--no-build"],
    ["up", "--wait", "--wait-timeout", "2.5", "-t", "7", "--timeout=3"],
    ["up", "--abort-on-container-exit", "--exit-code-from", "web", "--attach-dependencies",
     "--no-color", "--no-log-prefix", "--dry-run"],
    ["-p", "--verbose", "up"],                          # an option's value, whatever it is
    ["--project-name=app", "up", "--", "web"],          # `--` is typer's
    ["up", "-dt", "5"],                                 # run together: typer's
    ["up", "-t5"],
    ["up", "--detach=false"],
    ["up", "--detach=true"],
    ["up", "--help"],
    ["-h", "up"],
    ["up", "--bogus"],
    ["up", "-t", "soon"],                               # refused by both
    ["up", "--wait-timeout", "x"],
    ["up", "--pull"],
    ["--progress", "fancy", "up"],
    ["--progress", "tty", "--ansi", "never", "up"],
    ["ps"],
    ["-p", "up"],
    ["up", "-"],
]


@pytest.mark.parametrize("args", LINES)
@pytest.mark.parametrize("environ", [
    {},
    {"COMPOSE_PROGRESS": "quiet", "COMPOSE_ANSI": "always", "COMPOSE_PARALLEL_LIMIT": "4",
     "COMPOSER_ENV": "staging"},
    {"COMPOSE_PARALLEL_LIMIT": "many"},
    {"COMPOSE_PROGRESS": ""},
])
def test_fast_and_typer_agree_or_the_fast_path_steps_aside(args, environ, monkeypatch):
    for var in ("COMPOSE_PROGRESS", "COMPOSE_ANSI", "COMPOSE_PARALLEL_LIMIT", "COMPOSER_ENV"):
        monkeypatch.delenv(var, raising=False)
    for k, v in environ.items():
        monkeypatch.setenv(k, v)
    fast = _fast(args, environ)
    if fast is None:
        return                                          # typer will parse it
    assert fast == _through_typer(args, monkeypatch)


def test_the_usual_lines_are_taken_fast():
    for args in LINES[:12]:
        assert _fast(args, {}) is not None, args


def test_completion_is_left_to_typer():
    assert fastup.parse(["up"], {"_COMPOSER_COMPLETE": "complete_bash"}) is None
