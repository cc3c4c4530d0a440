"""composer and docker compose v2 on the same project: each sees, converges and takes down
what the other made, and neither recreates the other's unchanged containers."""
from __future__ import annotations

import json
import subprocess

import pytest

from support import leftovers, require_reference
from enginehelp import ids, ok

RICH = """
services:
  db:
    image: busybox:latest
    command: sh -c "sleep 300"
    init: true
    env_file: [db.env]
    environment:
      POSTGRES_DB: "app & <test>"
    volumes: [data:/data, /scratch]
    healthcheck: {test: ["CMD", "true"], interval: 1s, timeout: 2s, retries: 3}
    secrets: [token]
    labels: {tier: data}
  web:
    image: busybox:latest
    command: ["sleep", "300"]
    init: true
    depends_on:
      db: {condition: service_healthy}
    ports: ["127.0.0.1::80"]
    tmpfs: [/run]
    restart: unless-stopped
    stop_grace_period: 5s
    ulimits: {nofile: {soft: 1024, hard: 2048}}
    deploy: {resources: {limits: {memory: 64m}}}
  worker:
    image: busybox:latest
    command: sleep 300
    init: true
    network_mode: "service:web"
    scale: 2
volumes:
  data: {}
secrets:
  token: {file: ./token.txt}
"""


def docker_compose(*args, cwd):
    return subprocess.run(["docker", "compose", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def folder(write):
    require_reference()
    write("db.env", "FROM_FILE=1\n")
    write("token.txt", "secret\n")
    return write("compose.yaml", RICH).parent


def test_docker_compose_sees_converges_and_removes_composers_project(
        composer, project_name, docker_client, folder):
    ok(composer("-p", project_name, "up", "-d", "--wait", cwd=folder))
    before = ids(docker_client, project_name)
    ps = docker_compose("-p", project_name, "ps", "--format", "json", cwd=folder)
    assert ps.returncode == 0, ps.stderr
    rows = [json.loads(line) for line in ps.stdout.splitlines() if line.strip()]
    assert sorted(r["Service"] for r in rows) == ["db", "web", "worker", "worker"]

    up = docker_compose("-p", project_name, "up", "-d", cwd=folder)
    assert up.returncode == 0, up.stderr
    assert "Recreate" not in up.stderr, up.stderr
    assert ids(docker_client, project_name) == before

    down = docker_compose("-p", project_name, "down", "-v", cwd=folder)
    assert down.returncode == 0, down.stderr
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}


def test_composer_converges_and_removes_docker_composes_project(
        composer, project_name, docker_client, folder):
    up = docker_compose("-p", project_name, "up", "-d", "--wait", cwd=folder)
    assert up.returncode == 0, up.stderr
    before = ids(docker_client, project_name)

    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert ids(docker_client, project_name) == before

    (folder / "compose.yaml").write_text(RICH.replace('"app & <test>"', "changed"))
    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 2
    recreates = [ln for ln in plan.stdout.splitlines() if " recreate " in ln]
    assert [ln.split()[1] for ln in recreates] == ["service:db:1"]
    assert "no record of its config" in recreates[0]

    ok(composer("-p", project_name, "down", "-v", cwd=folder))
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}
