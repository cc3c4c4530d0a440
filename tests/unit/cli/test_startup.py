"""`composer --help` and `composer version` import neither docker, jsonschema nor networkx."""
import subprocess
import sys

import pytest

HEAVY = ("docker", "jsonschema", "networkx", "yaml", "requests")
PROBE = """
import sys
sys.argv = ["composer"] + %r
from composer.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED=" + ",".join(m for m in %r if m in sys.modules), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["version"], ["version", "--format", "json"],
                                  ["ps", "--help"], ["run", "--help"]])
def test_light_commands_import_no_heavy_module(args):
    res = subprocess.run([sys.executable, "-c", PROBE % (args, HEAVY)], capture_output=True,
                         text=True)
    loaded = res.stderr.strip().rsplit("LOADED=", 1)[1]
    assert loaded == "", f"composer {' '.join(args)} imported {loaded}"


def test_version_does_not_even_import_typer():
    res = subprocess.run([sys.executable, "-c", PROBE % (["version"], ("typer", "rich"))],
                         capture_output=True, text=True)
    assert res.stderr.strip().endswith("LOADED=")


def test_help_lists_every_command():
    res = subprocess.run([sys.executable, "-m", "composer", "--help"], capture_output=True,
                         text=True)
    listed = {line.split()[0] for line in res.stdout.split("Commands:")[1].splitlines()
              if line.startswith("  ") and line.split()}
    from composer.cli import ELSEWHERE, MODULES
    assert set(MODULES) - {"pause"} | set(ELSEWHERE) <= listed | {"pause"}
    assert {"exec", "run", "cp", "ls", "wait", "scale", "unpause", "top", "events"} <= listed


@pytest.mark.parametrize("args, expected", [
    (["-p", "x", "ps", "-a"], ("ps",)), (["unpause"], ("pause",)), (["plan"], ("up",)),
    (["--help"], None), (["nosuch"], None), (["-f", "-", "--dry-run", "exec", "web"], ("exec",))])
def test_only_the_commands_module_is_imported(args, expected, monkeypatch):
    from composer.cli import MODULES, modules_for
    monkeypatch.delenv("_COMPOSER_COMPLETE", raising=False)
    assert modules_for(args) == (expected or MODULES)


def test_completion_loads_every_command(monkeypatch):
    from composer.cli import MODULES, modules_for
    monkeypatch.setenv("_COMPOSER_COMPLETE", "complete_bash")
    assert modules_for(["ps"]) == MODULES
