"""A secret's value is never printed: `config` prints what docker compose v2.40.3 prints
(the variable's name and the file's path, not what they hold), and `diff`, the plan
(`plan`, `up --dry-run`) and error messages leave the values out too."""
from __future__ import annotations

import json

import pytest

from composer.engine.base import Observed
from composer.loader import LoadOptions, load
from composer.planner import UpOptions, plan_up
from support import run_composer

ENV_VALUE = "EnvSecretValue-7f3a"
PROD_VALUE = "ProdSecretValue-91c2"
FILE_VALUE = "FileSecretValue-c0de"
VALUES = (ENV_VALUE, PROD_VALUE, FILE_VALUE)

COMPOSE = """\
services:
  a:
    image: busybox
    secrets: [s, f]
secrets:
  s:
    environment: SECRET_VAR
  f:
    file: ./s.txt
"""

# `docker compose -p sec config`, same files
CONFIG = """\
name: sec
services:
  a:
    image: busybox
    networks:
      default: null
    secrets:
      - source: s
        target: /run/secrets/s
      - source: f
        target: /run/secrets/f
networks:
  default:
    name: sec_default
secrets:
  f:
    name: sec_f
    file: {folder}/s.txt
  s:
    name: sec_s
    environment: SECRET_VAR
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / "compose.prod.yaml").write_text("services:\n  a:\n    labels: {tier: prod}\n")
    (tmp_path / "s.txt").write_text(FILE_VALUE + "\n")
    (tmp_path / ".env").write_text(f"SECRET_VAR={ENV_VALUE}\n")
    (tmp_path / ".env.prod").write_text(f"SECRET_VAR={PROD_VALUE}\n")
    return tmp_path


def assert_no_value(text):
    for value in VALUES:
        assert value not in text


def test_config_prints_what_docker_compose_prints(folder):
    res = run_composer("-p", "sec", "config", cwd=folder)
    assert (res.returncode, res.stdout) == (0, CONFIG.format(folder=folder))
    assert_no_value(res.stderr)
    res = run_composer("-p", "sec", "config", "--format", "json", cwd=folder)
    assert res.returncode == 0
    assert_no_value(res.stdout + res.stderr)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_diff_between_environments_where_the_secret_differs(folder, fmt):
    res = run_composer("-p", "sec", "diff", "base", "prod", "--format", fmt, cwd=folder)
    assert res.returncode == 1, res.stderr
    assert "tier" in res.stdout
    assert_no_value(res.stdout + res.stderr)


def test_plan_and_dry_run_text(folder):
    loaded = load(LoadOptions(cwd=str(folder), environ={"HOME": "/home/u"}))
    assert loaded.project.environment["SECRET_VAR"] == ENV_VALUE    # it is loaded …
    plan = plan_up(loaded.project, Observed(), UpOptions())
    assert "service:a:1 create" in plan.render()
    assert_no_value(plan.render() + plan.to_json())                   # … but never shown
    assert_no_value(json.dumps([s.args for s in plan.steps], default=str))


@pytest.mark.parametrize("extra, message", [
    ("    bogus: 1\n", 'unknown key "bogus"'),
    ("    content: x\n", 'unknown key "content"'),
])
def test_errors_name_keys_not_values(folder, extra, message):
    (folder / "compose.yaml").write_text(COMPOSE.replace(
        "    environment: SECRET_VAR\n", "    environment: SECRET_VAR\n" + extra))
    res = run_composer("-p", "sec", "config", cwd=folder)
    assert res.returncode == 1 and message in res.stderr
    assert_no_value(res.stdout + res.stderr)
