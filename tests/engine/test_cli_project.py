"""Project-wide commands: create, scale, ls, wait, events, cp."""
from __future__ import annotations

import json
import subprocess
import time

import pytest

from enginehelp import project_cli
from support import COMPOSER

COMPOSE = """
services:
  web:
    image: busybox:latest
    command: sleep 300
    init: true
  job:
    image: busybox:latest
    command: sh -c "sleep 2; exit 3"
"""


@pytest.fixture
def cli(project_name, write):
    return project_cli(project_name, write, COMPOSE)


def names(client, project, **filters) -> list[str]:
    label = {"label": f"com.docker.compose.project={project}", **filters}
    return sorted(c.name.removeprefix(project + "-")
                  for c in client.containers.list(all=True, filters=label))


def test_create_makes_containers_without_starting_them(cli, project_name, docker_client):
    res = cli("create", "web")
    assert res.returncode == 0, res.stderr
    c = docker_client.containers.get(f"{project_name}-web-1")
    assert c.status == "created"


def test_scale_up_and_down(cli, project_name, docker_client):
    assert cli("scale", "web=3").returncode == 0
    assert names(docker_client, project_name, status="running") == ["web-1", "web-2", "web-3"]
    assert cli("scale", "web=1").returncode == 0
    assert names(docker_client, project_name) == ["web-1"]
    bad = cli("scale", "web")
    assert bad.returncode == 1 and "expected SERVICE=NUMBER" in bad.stderr


def test_ls_lists_projects_by_label(cli, project_name):
    assert cli("up", "-d", "web").returncode == 0
    assert cli("create", "job").returncode == 0
    table = cli("ls", "--filter", f"name={project_name}").stdout.splitlines()
    assert table[0].split() == ["NAME", "STATUS", "CONFIG", "FILES"]
    assert table[1].split() == [project_name, "running(1)", str(cli.folder / "compose.yaml")]
    rows = json.loads(cli("ls", "-a", "--format", "json").stdout)
    mine = [r for r in rows if r["Name"] == project_name]
    assert mine == [{"Name": project_name, "Status": "created(1), running(1)",
                     "ConfigFiles": str(cli.folder / "compose.yaml")}]
    assert project_name in cli("ls", "-q").stdout.split()


def test_wait_returns_the_exit_code(cli, project_name, docker_client):
    assert cli("up", "-d").returncode == 0
    res = cli("wait", "job")
    job = docker_client.containers.get(f"{project_name}-job-1")
    assert res.returncode == 3
    assert res.stdout == f'container "{job.id}" exited with status code 3\n'
    none = cli("wait", "job")
    assert none.returncode == 1 and f'no containers for project "{project_name}"' in none.stderr


def test_wait_down_project(cli, project_name, docker_client):
    assert cli("up", "-d").returncode == 0
    res = cli("wait", "--down-project", "job", "web")
    assert res.returncode == 3, res.stderr
    assert names(docker_client, project_name) == []


def test_events_json_stream(cli, project_name):
    assert cli("up", "-d", "web").returncode == 0
    proc = subprocess.Popen(COMPOSER + ["-p", project_name, "events", "--json"],
                            cwd=cli.folder, stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(2)
        assert cli("kill", "-s", "SIGHUP", "web").returncode == 0
        line = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(10)
    event = json.loads(line)
    assert list(event) == ["action", "attributes", "id", "service", "time", "type"]
    assert (event["action"], event["service"], event["type"]) == ("kill", "web", "container")
    assert event["attributes"]["signal"] == "1" and event["time"].endswith("Z")
    assert not any(k.startswith("com.docker.compose.") for k in event["attributes"])


def test_events_text_lines(cli, project_name):
    assert cli("up", "-d", "web").returncode == 0
    since = str(int(time.time()) - 1)
    assert cli("kill", "-s", "SIGHUP", "web").returncode == 0
    res = cli("events", "--since", since, "--until", str(int(time.time()) + 1))
    kills = [line for line in res.stdout.splitlines() if " container kill " in line]
    assert kills and f"name={project_name}-web-1" in kills[0] and "signal=1" in kills[0]
    assert "io.composer" not in res.stdout and "com.docker.compose" not in res.stdout


def test_cp_both_ways(cli, project_name, tmp_path):
    assert cli("up", "-d", "web").returncode == 0
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("A\n")
    (src / "sub" / "b.txt").write_text("B\n")
    assert cli("cp", str(src / "a.txt"), "web:/tmp/a.txt").returncode == 0
    assert cli("exec", "-T", "web", "cat", "/tmp/a.txt").stdout == "A\n"
    assert cli("cp", str(src), "web:/tmp/").returncode == 0
    assert cli("exec", "-T", "web", "cat", "/tmp/src/sub/b.txt").stdout == "B\n"
    assert cli("cp", str(src), "web:/tmp/copy").returncode == 0
    assert cli("exec", "-T", "web", "cat", "/tmp/copy/a.txt").stdout == "A\n"
    out = tmp_path / "out"
    out.mkdir()
    assert cli("cp", "web:/tmp/copy", str(out)).returncode == 0
    assert (out / "copy" / "sub" / "b.txt").read_text() == "B\n"
    assert cli("cp", "web:/tmp/a.txt", str(out / "renamed.txt")).returncode == 0
    assert (out / "renamed.txt").read_text() == "A\n"
    missing = cli("cp", "web:/nonexistent", str(out))
    assert missing.returncode == 1 and "/nonexistent" in missing.stderr


def test_cp_to_every_replica(cli, project_name, tmp_path):
    assert cli("up", "-d", "--scale", "web=2", "web").returncode == 0
    (tmp_path / "f").write_text("F\n")
    res = cli("cp", str(tmp_path / "f"), "web:/tmp/f")
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("Copied") == 2
    for i in ("1", "2"):
        assert cli("exec", "-T", "--index", i, "web", "cat", "/tmp/f").stdout == "F\n"
