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


def test_example_staging_runs_and_its_live_graph_is_all_ok(composer, project_name,
                                                           docker_client):
    import urllib.request

    from support import ROOT

    folder = ROOT / "examples" / "compose" / "environments"
    args = ["-p", project_name, "--env", "staging"]
    free_port = {"WEB_PORT": ""}          # "127.0.0.1::8080": the engine picks the port
    up = composer(*args, "up", "-d", "--wait", cwd=folder, env=free_port)
    assert up.returncode == 0, up.stderr
    web = docker_client.containers.get(f"{project_name}-web-1")
    port = web.attrs["NetworkSettings"]["Ports"]["8080/tcp"][0]["HostPort"]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
        assert r.read().decode().strip() == "hello from staging"

    done = composer(*args, "graph", "--live", "--format", "json", cwd=folder, env=free_port)
    nodes = {n["name"]: (n["state"], n["tone"]) for n in json.loads(done.stdout)["nodes"]}
    assert nodes == {"api": ("running", "ok"), "web": ("running", "ok"),
                     "worker": ("running", "ok")}
    assert composer(*args, "down", "-v", cwd=folder, env=free_port).returncode == 0
