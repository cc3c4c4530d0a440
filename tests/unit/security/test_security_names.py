"""Project and service names are checked before anything reaches the engine, so a name
cannot smuggle `,`, `=`, a space or a line break into labels and label filters. The rules
are docker compose's (v2.40.3): a project name is lowercase letters, digits, `-` and `_`,
starting with a letter or digit; a service name is letters, digits, `.`, `_` and `-`.

DOCKER_HOST points nowhere: a command that got as far as the engine would fail on the
connection instead of on the name."""
from __future__ import annotations

import pytest

from support import run_composer

NOWHERE = {"DOCKER_HOST": "unix:///nonexistent/composer-test.sock"}
PROJECT_RULE = ("must consist only of lowercase alphanumeric characters, hyphens, and "
                "underscores as well as start with a letter or number")
SERVICE_RULE = 'expected a name made of letters, digits, ".", "_" and "-"'
BAD_PROJECTS = ["a,b", "x=y", "A", "a b", "ab\n", "_a", "a.b", "a/b"]


@pytest.mark.parametrize("name", BAD_PROJECTS)
@pytest.mark.parametrize("command", [["up", "-d"], ["config"], ["create"]])
def test_bad_project_name_with_a_file(tmp_path, name, command):
    (tmp_path / "compose.yaml").write_text("services:\n  web: {image: busybox}\n")
    res = run_composer("-p", name, *command, cwd=tmp_path, env=NOWHERE)
    assert res.returncode == 1
    assert PROJECT_RULE in res.stderr and "(from -p)" in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""


@pytest.mark.parametrize("name", BAD_PROJECTS)
@pytest.mark.parametrize("command", [["down"], ["ps"], ["stop"], ["rm", "-f"], ["logs"]])
def test_bad_project_name_without_a_file(tmp_path, name, command):
    res = run_composer("-p", name, *command, cwd=tmp_path, env=NOWHERE)
    assert res.returncode == 1
    assert PROJECT_RULE in res.stderr and "Traceback" not in res.stderr


def test_bad_project_name_from_the_environment_or_the_file(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  web: {image: busybox}\n")
    res = run_composer("config", cwd=tmp_path,
                       env={**NOWHERE, "COMPOSE_PROJECT_NAME": "ab\n"})
    assert res.returncode == 1
    assert f'invalid project name "ab\\n" (from COMPOSE_PROJECT_NAME): {PROJECT_RULE}' \
        in res.stderr
    (tmp_path / "compose.yaml").write_text(
        'name: "ab\\n"\nservices:\n  web: {image: busybox}\n')
    res = run_composer("config", cwd=tmp_path, env=NOWHERE)
    assert res.returncode == 1 and PROJECT_RULE in res.stderr


@pytest.mark.parametrize("name", ['"a=b"', '"a,b"', '"a b"', '"web\\n"', '"a/b"', '"a:b"'])
@pytest.mark.parametrize("command", [["up", "-d"], ["config"]])
def test_bad_service_name(tmp_path, name, command):
    (tmp_path / "compose.yaml").write_text(f"services:\n  {name}:\n    image: busybox\n")
    res = run_composer("-p", "ok", *command, cwd=tmp_path, env=NOWHERE)
    assert res.returncode == 1
    assert "services: invalid name" in res.stderr and SERVICE_RULE in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize("section", ["volumes", "secrets", "configs"])  # networks: unchecked, as in compose
def test_bad_resource_key_with_a_line_break(tmp_path, section):
    body = "{file: ./x}" if section in ("secrets", "configs") else "{}"
    (tmp_path / "compose.yaml").write_text(
        f'services:\n  web: {{image: busybox}}\n{section}:\n  "n\\n": {body}\n')
    res = run_composer("-p", "ok", "config", cwd=tmp_path, env=NOWHERE)
    assert res.returncode == 1 and "invalid name" in res.stderr


def test_good_names_pass(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  Web.1_a-b:\n    image: busybox\n")
    res = run_composer("-p", "0k_a-b", "config", "--services", cwd=tmp_path, env=NOWHERE)
    assert (res.returncode, res.stdout) == (0, "Web.1_a-b\n")
