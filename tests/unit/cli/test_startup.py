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
