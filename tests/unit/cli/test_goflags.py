"""`--flag=true|false` as docker compose (Go's pflag) takes it, rewritten for click."""
import pytest

from composer.goflags import rewrite


@pytest.fixture(scope="module")
def group():
    import typer

    from composer.cli import load_app
    return typer.main.get_command(load_app(None))


@pytest.mark.parametrize("args, expected", [
    (["ps", "--orphans=false"], ["ps", "--no-orphans"]),
    (["ps", "--orphans=true", "-a=1"], ["ps", "--orphans", "-a"]),
    (["ps", "--all=false", "web"], ["ps", "web"]),
    (["ps", "web", "--quiet=TRUE"], ["ps", "web", "--quiet"]),
    (["ps", "--no-orphans=false"], ["ps", "--orphans"]),
    (["--dry-run=true", "-p", "x", "stop"], ["--dry-run", "-p", "x", "stop"]),
    (["-f", "-", "up", "--detach=t", "--wait=F"], ["-f", "-", "up", "--detach"]),
])
def test_boolean_flags_take_go_values(group, args, expected):
    assert rewrite(args, group) == expected


@pytest.mark.parametrize("args", [
    ["exec", "-T=true", "web", "tool", "--all=true"],
    ["run", "--rm=1", "web", "--rm=true", "--quiet=false"],
    ["ps", "--", "--all=true"],
    ["logs", "--since=1", "--all=true"],           # not a flag of logs: click says so
    ["stack", "deploy", "--prune=true"],
])
def test_arguments_and_unknown_options_are_left_alone(group, args):
    out = rewrite(args, group)
    assert out[-1] == args[-1] and len(out) == len(args)
    if args[0] in ("exec", "run"):
        assert out[1] in ("-T", "--rm")
