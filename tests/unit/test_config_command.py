"""`composer config` and its flags, run as a user would."""
from __future__ import annotations

import json

import pytest

COMPOSE = """\
services:
  zeta:
    image: "nginx:${TAG:-1.25}"
    environment: ["A=${A:?need A}", "B=${B-bdef}", "C=$${NOT}", "D=${D:+alt}"]
    volumes: [vz:/z]
    networks: [nz]
    profiles: [pz]
  alpha:
    build: .
    command: echo ${HOME}
    volumes: [va:/a]
  mid:
    image: busybox
    networks: [na, nz]
    depends_on: [alpha]
volumes: {vz: {}, va: {}, unused: {}}
networks: {nz: {}, na: {}}
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / ".env").write_text("TAG=2\n")
    return tmp_path


def run(composer, folder, *args, env=None):
    result = composer("-p", "x", "--profile", "*", "config", *args, cwd=folder,
                      env={"A": "1", "HOME": "/home/u", **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("flag, want", [
    ("--services", "alpha\nmid\nzeta\n"),
    ("--volumes", "va\nvz\n"),
    ("--networks", "default\nna\nnz\n"),
    ("--images", "x-alpha\nbusybox\nnginx:2\n"),
    ("--profiles", "pz\n"),
])
def test_lists(composer, folder, flag, want):
    assert run(composer, folder, flag) == want


def test_selected_services_keep_their_dependencies(composer, folder):
    assert run(composer, folder, "mid", "--services") == "alpha\nmid\n"
    data = json.loads(run(composer, folder, "mid", "--format", "json"))
    assert set(data["services"]) == {"alpha", "mid"}
    assert set(data["volumes"]) == {"va"}


def test_variables_table(composer, folder):
    assert run(composer, folder, "--variables") == (
        "NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE\n"
        "A                   true                                    \n"
        "B                   false               bdef                \n"
        "D                   false                                   alt\n"
        "HOME                false                                   \n"
        "TAG                 false               1.25                \n")


def test_environment(composer, folder):
    lines = run(composer, folder, "--environment").splitlines()
    assert "TAG=2" in lines and "COMPOSE_PROJECT_NAME=x" in lines
    assert lines == sorted(lines)


def test_hash_per_service(composer, folder):
    lines = run(composer, folder, "--hash", "mid,alpha").splitlines()
    assert [l.split()[0] for l in lines] == ["alpha", "mid"]
    assert all(len(l.split()[1]) == 64 for l in lines)


def test_quiet_and_output_file(composer, folder):
    assert run(composer, folder, "-q") == ""
    assert run(composer, folder, "-o", "out.yaml") == ""
    assert (folder / "out.yaml").read_text().startswith("name: x\nservices:\n")


def test_no_interpolate_prints_values_as_written(composer, folder):
    data = json.loads(run(composer, folder, "--no-interpolate", "--format", "json"))
    zeta = data["services"]["zeta"]
    assert zeta["image"] == "nginx:${TAG:-1.25}"
    assert zeta["environment"] == ["A=${A:?need A}", "B=${B-bdef}", "C=$${NOT}", "D=${D:+alt}"]
    assert data["services"]["alpha"]["command"] == "echo ${HOME}"


def test_json_and_yaml(composer, folder):
    data = json.loads(run(composer, folder, "--format", "json"))
    assert data["services"]["zeta"]["environment"] == {"A": "1", "B": "bdef", "C": "$${NOT}",
                                                       "D": ""}
    assert "unused" not in data["volumes"]
    text = run(composer, folder)
    assert "      C: $${NOT}\n" in text


def test_unknown_service_and_format(composer, folder):
    result = composer("config", "nope", cwd=folder, env={"A": "1"})
    assert result.returncode == 1 and "no such service: nope" in result.stderr
    result = composer("config", "--format", "toml", cwd=folder, env={"A": "1"})
    assert result.returncode == 1 and 'unsupported format "toml"' in result.stderr
