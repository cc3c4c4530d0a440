"""`composer version` before typer: the same answers as the full parser."""
import subprocess
import sys

import pytest

from composer.fastpath import version_args

@pytest.mark.parametrize("args, expected", [
    (["version"], (False, "pretty")),
    (["version", "--short"], (True, "pretty")),
    (["-p", "x", "--ansi", "never", "version", "-f", "json"], (False, "json")),
    (["--progress=plain", "version", "--format=json"], (False, "json")),
    (["version", "--format", "yaml"], None),     # the full parser reports the error
    (["version", "--bogus"], None),
    (["-x", "version"], None),
    (["ps"], None),
    (["--help"], None),
])
def test_only_plain_version_command_lines_are_taken(args, expected):
    assert version_args(args) == expected


@pytest.mark.parametrize("args", [["version"], ["version", "--short"],
                                  ["version", "--format", "json"]])
def test_fast_and_full_paths_print_the_same(args):
    fast = subprocess.run([sys.executable, "-m", "composer"] + args, capture_output=True,
                          text=True)
    code = ("import sys; sys.argv = ['composer'] + %r\n"
            "from composer.cli import load_app\nload_app()(prog_name='composer')") % (args,)
    full = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert fast.returncode == full.returncode == 0
    assert fast.stdout == full.stdout and fast.stdout.strip()


def test_version_json_has_the_docker_compose_shape():
    out = subprocess.run([sys.executable, "-m", "composer", "version", "--format", "json"],
                         capture_output=True, text=True).stdout
    import json
    assert list(json.loads(out)) == ["version"] and json.loads(out)["version"].startswith("v")


def test_version_short_is_the_bare_number_and_pretty_names_both():
    def run(*args):
        res = subprocess.run([sys.executable, "-m", "composer", "version", *args],
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        return res.stdout
    from composer import __version__
    assert run("--short") == __version__ + "\n"      # as `docker compose version --short`
    assert run() == f"composer version v{__version__} (docker compose v2.40.3 compatible)\n"
    assert run("--format", "json") == '{"version":"v%s"}\n' % __version__
