"""`composer graph --live` reads each service's containers from the engine."""
from __future__ import annotations

import json

COMPOSE = """
services:
  ok:
    image: busybox:latest
    command: sleep 300
    init: true
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      timeout: 2s
      retries: 5
  off:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on:
      ok: {condition: service_healthy}
"""


def test_live_graph_tells_a_healthy_service_from_a_stopped_one(composer, project_name,
                                                              docker_client, write):
    folder = write("compose.yaml", COMPOSE).parent
    up = composer("-p", project_name, "up", "-d", "--wait", cwd=folder)
    assert up.returncode == 0, up.stderr
    docker_client.containers.get(f"{project_name}-off-1").stop(timeout=1)

    done = composer("-p", project_name, "graph", "--live", "--format", "json", cwd=folder)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    nodes = {n["name"]: n for n in data["nodes"]}
    assert (nodes["ok"]["state"], nodes["ok"]["health"], nodes["ok"]["tone"]) == (
        "running", "healthy", "ok")
    assert (nodes["off"]["state"], nodes["off"]["tone"]) == ("exited", "stopped")
    assert [c["name"] for c in nodes["off"]["containers"]] == [f"{project_name}-off-1"]
    assert [(e["service"], e["needs"], e["label"]) for e in data["edges"]] == [
        ("off", "ok", "depends_on: service_healthy")]

    tree = composer("-p", project_name, "graph", "--live", cwd=folder)
    assert tree.returncode == 0, tree.stderr
    assert tree.stdout.splitlines()[1:] == [
        "└── off  exited",
        "    └── ok  depends_on: service_healthy  running (healthy)"]

    assert composer("-p", project_name, "down", cwd=folder).returncode == 0
    gone = composer("-p", project_name, "graph", "--live", "--format", "json", cwd=folder)
    assert {n["name"]: n["state"] for n in json.loads(gone.stdout)["nodes"]} == {
        "ok": "missing", "off": "missing"}
