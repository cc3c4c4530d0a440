"""`composer run`: one-off containers as docker compose makes them, with the flags people
use, and the container's exit code."""
from __future__ import annotations

import pytest

from enginehelp import project_cli

COMPOSE = """
services:
  app:
    image: busybox:latest
    command: echo from-command
    environment: {FROM_FILE: "yes"}
    ports: ["127.0.0.1::8080"]
    depends_on: [db]
    networks: {default: {aliases: [appalias]}}
  db:
    image: busybox:latest
    command: sleep 300
    init: true
  built:
    build: {context: ., dockerfile_inline: "FROM busybox:latest\\nRUN echo built > /built"}
"""


@pytest.fixture
def cli(project_name, write):
    return project_cli(project_name, write, COMPOSE)


def containers(client, project):
    return client.containers.list(all=True, filters={
        "label": f"com.docker.compose.project={project}"})


def test_exit_code_output_and_rm(cli, project_name, docker_client):
    res = cli("run", "--rm", "--no-deps", "-T", "app", "sh", "-c",
              "echo out; echo err >&2; exit 3")
    assert (res.returncode, res.stdout, res.stderr.splitlines()[-1]) == (3, "out\n", "err")
    assert containers(docker_client, project_name) == []


def test_one_off_is_labelled_and_named_like_docker_compose(cli, project_name, docker_client):
    res = cli("run", "--no-deps", "-T", "app")
    assert (res.returncode, res.stdout) == (0, "from-command\n")
    (c,) = containers(docker_client, project_name)
    labels = c.labels
    assert labels["com.docker.compose.oneoff"] == "True"
    assert labels["com.docker.compose.service"] == "app"
    assert "com.docker.compose.container-number" not in labels
    slug = labels["com.docker.compose.slug"]
    assert len(slug) == 64 and c.name == f"{project_name}-app-run-{slug[:12]}"
    assert c.attrs["HostConfig"]["RestartPolicy"]["Name"] == "no"


def test_dependencies_start_unless_no_deps(cli, project_name, docker_client):
    assert cli("run", "--rm", "--no-deps", "-T", "app", "true").returncode == 0
    assert containers(docker_client, project_name) == []
    res = cli("run", "--rm", "-T", "app", "true")
    assert res.returncode == 0, res.stderr
    (db,) = containers(docker_client, project_name)
    assert db.name == f"{project_name}-db-1" and db.status == "running"


def test_detach_prints_the_id_and_name_overrides(cli, project_name, docker_client):
    res = cli("run", "-d", "--no-deps", "--name", f"{project_name}-mine", "db")
    assert res.returncode == 0, res.stderr
    c = docker_client.containers.get(f"{project_name}-mine")
    assert res.stdout.strip() == c.id and c.status == "running"


def test_env_user_workdir_entrypoint_and_labels(cli):
    res = cli("run", "--rm", "--no-deps", "-T", "-e", "EXTRA=1", "-u", "nobody", "-w", "/tmp",
              "-l", "mine=yes", "--entrypoint", "sh -c", "app",
              "echo $FROM_FILE $EXTRA $(id -u) $(pwd)")
    assert (res.returncode, res.stdout) == (0, "yes 1 65534 /tmp\n"), res.stderr


def test_volume_and_publish(cli, project_name, docker_client, tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "in.txt").write_text("hello from the host\n")
    res = cli("run", "--rm", "--no-deps", "-T", "-v", f"{tmp_path / 'shared'}:/mnt:ro", "app",
              "cat", "/mnt/in.txt")
    assert res.stdout == "hello from the host\n", res.stderr
    res = cli("run", "-d", "--no-deps", "-p", "127.0.0.1::9000", "db")
    c = docker_client.containers.get(res.stdout.strip())
    assert c.attrs["NetworkSettings"]["Ports"]["9000/tcp"][0]["HostIp"] == "127.0.0.1"
    assert "8080/tcp" not in (c.attrs["NetworkSettings"]["Ports"] or {})


def test_service_ports_publishes_the_services_ports(cli, docker_client):
    res = cli("run", "-d", "--no-deps", "--service-ports", "app", "sleep", "30")
    c = docker_client.containers.get(res.stdout.strip())
    assert c.attrs["NetworkSettings"]["Ports"]["8080/tcp"][0]["HostIp"] == "127.0.0.1"


def test_aliases_only_with_use_aliases(cli, project_name, docker_client):
    net = f"{project_name}_default"
    plain = docker_client.containers.get(cli("run", "-d", "--no-deps", "app", "sleep", "30")
                                         .stdout.strip())
    aliased = docker_client.containers.get(cli("run", "-d", "--no-deps", "--use-aliases", "app",
                                               "sleep", "30").stdout.strip())
    plain_aliases = plain.attrs["NetworkSettings"]["Networks"][net]["Aliases"] or []
    assert "appalias" not in plain_aliases and "app" not in plain_aliases
    assert {"app", "appalias"} <= set(aliased.attrs["NetworkSettings"]["Networks"][net]
                                      ["Aliases"])


def test_build_builds_the_image_first(cli, project_name, docker_client):
    res = cli("run", "--rm", "--build", "-T", "built", "cat", "/built")
    try:
        assert (res.returncode, res.stdout) == (0, "built\n"), res.stderr
    finally:
        docker_client.images.remove(f"{project_name}-built:latest", force=True)


def test_stdin_is_passed_to_the_container(cli):
    res = cli("run", "--rm", "--no-deps", "-T", "app", "cat", input="through stdin\n")
    assert (res.returncode, res.stdout) == (0, "through stdin\n")


def test_unknown_service(cli):
    res = cli("run", "--rm", "nosuch")
    assert res.returncode == 1 and "no such service: nosuch" in res.stderr


def test_ps_shows_one_offs_only_with_all(cli, project_name):
    cid = cli("run", "-d", "--no-deps", "db").stdout.strip()
    assert cid
    assert cli("ps", "-q").stdout.split() == []
    assert cli("ps", "-a", "-q").stdout.split() == [cid]
