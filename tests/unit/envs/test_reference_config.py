"""`composer --env NAME config --format json` is what docker compose prints for the same
files given by hand (`-f compose.yaml -f compose.NAME.yaml --env-file .env --env-file
.env.NAME`), on the example project. Needs the reference CLI, not the engine."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from support import ROOT, require_reference

EXAMPLE = ROOT / "examples" / "compose" / "environments"


def reference(*args: str) -> subprocess.CompletedProcess | None:
    if shutil.which("docker") is None:
        return None
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COMPOSE_", "COMPOSER_"))}
    try:
        done = subprocess.run(["docker", "compose", *args], cwd=EXAMPLE, env=env,
                              capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return done


@pytest.fixture(scope="module")
def docker_compose():
    require_reference()


@pytest.mark.parametrize("name", ["staging", "prod"])
def test_env_config_equals_docker_compose(docker_compose, composer, name):
    ref = reference("-f", "compose.yaml", "-f", f"compose.{name}.yaml",
                    "--env-file", ".env", "--env-file", f".env.{name}",
                    "config", "--format", "json")
    assert ref.returncode == 0, ref.stderr
    ours = composer("--env", name, "config", "--format", "json", cwd=EXAMPLE)
    assert ours.returncode == 0, ours.stderr
    assert json.loads(ours.stdout) == json.loads(ref.stdout)


def test_composer_env_variable_equals_the_flag(composer):
    by_var = composer("config", "--format", "json", cwd=EXAMPLE, env={"COMPOSER_ENV": "prod"})
    by_flag = composer("--env", "prod", "config", "--format", "json", cwd=EXAMPLE)
    assert by_var.returncode == 0, by_var.stderr
    assert json.loads(by_var.stdout) == json.loads(by_flag.stdout)
    assert json.loads(by_var.stdout)["name"] == "envdemo-prod"


def test_unknown_environment_on_the_command_line(composer):
    done = composer("--env", "qa", "config", cwd=EXAMPLE)
    assert done.returncode == 1
    assert "unknown environment 'qa'; known environments: base, prod, staging" in done.stderr
