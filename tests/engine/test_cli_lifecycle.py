"""start, stop, restart, kill, pause, unpause, rm: what they do to containers and what
they print (plain lines, JSON, dry run)."""
from __future__ import annotations

import json

import pytest

from enginehelp import project_cli
from support import run_composer

COMPOSE = """
services:
  web:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on: [db]
  db:
    image: busybox:latest
    command: sleep 300
    init: true
    volumes: [/data]
"""


@pytest.fixture
def up(project_name, write):
    cli = project_cli(project_name, write, COMPOSE)
    res = cli("up", "-d")
    assert res.returncode == 0, res.stderr
    return cli


def states(docker_client, project: str) -> dict[str, str]:
    label = {"label": f"com.docker.compose.project={project}"}
    return {c.name.removeprefix(project + "-"): c.status
            for c in docker_client.containers.list(all=True, filters=label)}


def lines(res) -> list[str]:
    assert res.returncode == 0, res.stderr
    return [line.strip() for line in res.stderr.splitlines()]


def test_stop_goes_dependents_first_and_start_dependencies_first(up, project_name,
                                                                 docker_client):
    p = project_name
    assert lines(up("stop", "-t", "1")) == [
        f"Container {p}-web-1  Stopping", f"Container {p}-web-1  Stopped",
        f"Container {p}-db-1  Stopping", f"Container {p}-db-1  Stopped"]
    assert states(docker_client, p) == {"web-1": "exited", "db-1": "exited"}
    assert lines(up("start")) == [
        f"Container {p}-db-1  Starting", f"Container {p}-db-1  Started",
        f"Container {p}-web-1  Starting", f"Container {p}-web-1  Started"]
    assert states(docker_client, p) == {"web-1": "running", "db-1": "running"}


def test_stop_one_service_leaves_the_other(up, project_name, docker_client):
    assert up("stop", "web").returncode == 0
    assert states(docker_client, project_name) == {"web-1": "exited", "db-1": "running"}


def test_restart_restarts_the_named_services(up, project_name, docker_client):
    before = docker_client.containers.get(f"{project_name}-db-1").attrs["State"]["StartedAt"]
    assert lines(up("restart", "-t", "1", "db")) == [
        f"Container {project_name}-db-1  Restarting", f"Container {project_name}-db-1  Started"]
    after = docker_client.containers.get(f"{project_name}-db-1").attrs["State"]["StartedAt"]
    assert after > before


def test_kill_sends_the_signal(up, project_name, docker_client):
    res = up("kill", "-s", "SIGTERM", "web")
    assert lines(res) == [f"Container {project_name}-web-1  Killing",
                          f"Container {project_name}-web-1  Killed"]
    web = docker_client.containers.get(f"{project_name}-web-1")
    web.wait(timeout=10)
    web.reload()
    assert web.attrs["State"]["ExitCode"] == 143    # SIGTERM, not SIGKILL's 137
    assert up("kill").returncode == 0
    nothing = up("kill")
    assert nothing.returncode == 0 and "no container to kill" in nothing.stderr


def test_pause_and_unpause(up, project_name, docker_client):
    assert lines(up("pause", "db")) == [f"Container {project_name}-db-1  Paused"]
    assert states(docker_client, project_name)["db-1"] == "paused"
    assert lines(up("unpause")) == [f"Container {project_name}-db-1  Unpaused"]
    assert states(docker_client, project_name)["db-1"] == "running"


def test_rm_removes_only_stopped_containers_and_asks_first(up, project_name, docker_client):
    assert up("rm", "-f").stdout == "No stopped containers\n"
    assert up("stop", "web").returncode == 0
    declined = up("rm", input="n\n")
    assert declined.stdout == f"Going to remove {project_name}-web-1\n"
    assert "web-1" in states(docker_client, project_name)
    accepted = up("rm", input="y\n")
    assert accepted.returncode == 0
    assert states(docker_client, project_name) == {"db-1": "running"}


def test_rm_stop_and_volumes(up, project_name, docker_client):
    db = docker_client.containers.get(f"{project_name}-db-1")
    anonymous = [m["Name"] for m in db.attrs["Mounts"] if m["Type"] == "volume"]
    assert len(anonymous) == 1
    res = up("rm", "-f", "-s", "-v")
    assert res.returncode == 0, res.stderr
    assert states(docker_client, project_name) == {}
    assert not docker_client.volumes.list(filters={"name": anonymous[0]})


def test_dry_run_reports_and_changes_nothing(up, project_name, docker_client):
    res = up("--dry-run", "stop")
    assert lines(res) == [
        f"DRY-RUN MODE -  Container {project_name}-web-1  Stopping",
        f"DRY-RUN MODE -  Container {project_name}-web-1  Stopped",
        f"DRY-RUN MODE -  Container {project_name}-db-1  Stopping",
        f"DRY-RUN MODE -  Container {project_name}-db-1  Stopped"]
    assert states(docker_client, project_name) == {"web-1": "running", "db-1": "running"}


def test_progress_json_and_quiet(up, project_name):
    res = up("--progress", "json", "stop", "web")
    assert [json.loads(line) for line in res.stderr.splitlines()] == [
        {"id": f"Container {project_name}-web-1", "status": "Stopping"},
        {"id": f"Container {project_name}-web-1", "status": "Stopped"}]
    quiet = up("--progress", "quiet", "start")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_start_without_containers_is_an_error(composer, project_name, write):
    folder = write("compose.yaml", COMPOSE).parent
    res = composer("-p", project_name, "start", cwd=folder)
    assert res.returncode == 1
    assert f'no container found for project "{project_name}"' in res.stderr


def test_commands_work_with_only_a_project_name(up, project_name, tmp_path):
    res = run_composer("-p", project_name, "stop", cwd=tmp_path / "..")
    assert res.returncode == 0, res.stderr
    assert "Stopped" in res.stderr


def test_unknown_service_is_an_error(up):
    res = up("stop", "nosuch")
    assert res.returncode == 1 and "no such service: nosuch" in res.stderr


def test_docker_host_names_the_engine_to_use(up, project_name):
    import os
    if os.environ.get("DOCKER_HOST") or not os.path.exists("/var/run/docker.sock"):
        pytest.skip("the engine is not on the default socket here")
    res = up("ps", "-q", env={"DOCKER_HOST": "unix:///var/run/docker.sock"})
    assert res.returncode == 0 and len(res.stdout.split()) == 2
    res = up("ps", "-q", env={"DOCKER_HOST": "unix:///nonexistent.sock"})
    assert res.returncode == 1 and "unix:///nonexistent.sock" in res.stderr


def test_status_goes_to_stdout_with_compose_status_stdout(up, project_name):
    res = up("stop", "web", env={"COMPOSE_STATUS_STDOUT": "1"})
    assert res.returncode == 0 and "Stopped" in res.stdout and res.stderr == ""


HEALTHY = """
services:
  web:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on: {db: {condition: service_healthy}}
  db:
    image: busybox:latest
    command: sh -c "rm -f /tmp/ready; sleep 2; touch /tmp/ready; sleep 300"
    init: true
    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30}
"""


def test_start_waits_for_a_dependency_to_be_healthy(composer, project_name, write):
    folder = write("compose.yaml", HEALTHY).parent
    assert composer("-p", project_name, "up", "-d", "--wait", cwd=folder).returncode == 0
    assert composer("-p", project_name, "stop", "-t", "0", cwd=folder).returncode == 0
    res = composer("-p", project_name, "start", cwd=folder)
    assert lines(res) == [
        f"Container {project_name}-db-1  Starting", f"Container {project_name}-db-1  Started",
        f"Container {project_name}-db-1  Waiting", f"Container {project_name}-db-1  Healthy",
        f"Container {project_name}-web-1  Starting", f"Container {project_name}-web-1  Started"]
