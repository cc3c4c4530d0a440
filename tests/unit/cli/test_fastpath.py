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
