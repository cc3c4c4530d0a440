"""`down` on the engine: dependents stop first, orphans go with --remove-orphans or when the
project is named by -p alone (as docker compose 2.40.3), volumes only with -v, and a network
still used by a one-off or orphan container is left with a warning."""
from __future__ import annotations

import time

import pytest

from support import leftovers, require_reference
from enginehelp import containers, ok

APP = """
services:
  db: {image: busybox:latest, command: sleep 300, init: true, volumes: [data:/data, /anon]}
  web: {image: busybox:latest, command: sleep 300, init: true, depends_on: [db]}
volumes:
  data: {}
"""


def test_down_stops_dependents_before_their_dependencies(composer, project_name,
                                                         docker_client, write):
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    cs = containers(docker_client, project_name)
    ids = {n.rsplit("-", 2)[1]: c.id for n, c in cs.items()}
    since = int(time.time()) - 1
    ok(composer("-p", project_name, "down", cwd=folder))
    events = docker_client.api.events(since=since, until=int(time.time()) + 1, decode=True,
                                      filters={"type": "container", "event": "die"})
    died = [e["id"] for e in events if e["id"] in ids.values()]
    assert died == [ids["web"], ids["db"]]
    assert leftovers(docker_client, project_name)["volumes"] == [f"{project_name}_data"]


def test_down_removes_orphans_and_volumes_with_v(composer, project_name, docker_client,
                                                 write):
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    anon = [m["Name"] for m in containers(docker_client, project_name)[
        f"{project_name}-db-1"].attrs["Mounts"] if m["Destination"] == "/anon"]
    write("compose.yaml", APP.replace("  web:", "  webnew:"))
    ok(composer("-p", project_name, "down", "-v", cwd=folder))
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}
    assert not docker_client.volumes.list(filters={"name": anon[0]})


@pytest.mark.parametrize("tool", ["composer", "docker compose"])
def test_down_with_a_file_leaves_orphans_and_their_network(composer, project_name,
                                                          docker_client, write, tool):
    # `-f compose.yaml` (like no -p at all) takes down what the file names; -p alone (above)
    # takes down the whole project: both as docker compose 2.40.3 does
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    write("compose.yaml", APP.replace("  web:", "  webnew:"))
    args = ("-p", project_name, "-f", "compose.yaml", "down")
    if tool == "composer":
        down = ok(composer(*args, cwd=folder))
    else:
        require_reference()
        import subprocess
        res = subprocess.run(["docker", "compose", *args], cwd=folder, capture_output=True,
                             text=True)
        down = ok(res)
    assert "still in use" in down
    left = leftovers(docker_client, project_name)
    assert left["containers"] == [f"{project_name}-web-1"]
    assert left["networks"] == [f"{project_name}_default"]
    assert "Removed" in ok(composer("-p", project_name, "-f", "compose.yaml", "down",
                                    "--remove-orphans", cwd=folder))
    assert leftovers(docker_client, project_name)["containers"] == []


def test_down_leaves_run_containers_and_their_network(composer, project_name, docker_client,
                                                      write):
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    run = docker_client.containers.run(
        "busybox:latest", "sleep 300", detach=True, init=True,
        network=f"{project_name}_default",
        labels={"com.docker.compose.project": project_name,
                "com.docker.compose.service": "web", "com.docker.compose.oneoff": "True"})
    try:
        down = ok(composer("-p", project_name, "down", cwd=folder))
        assert "still in use" in down
        assert [c.id for c in containers(docker_client, project_name).values()] == [run.id]
    finally:
        run.remove(force=True)


RUN = """
services:
  db: {image: busybox:latest, command: sleep 300, init: true}
  worker: {image: busybox:latest, command: sleep 300, init: true, depends_on: [db]}
"""


def test_run_d_container_goes_with_kill_then_down_remove_orphans(composer, project_name,
                                                                 docker_client, write):
    # docker compose 2.40.3: `down` leaves one-off containers; `down --remove-orphans`
    # leaves a running one (and the network it holds) but removes a stopped one, and
    # `kill --remove-orphans` is what stops it
    folder = write("compose.yaml", RUN).parent
    ok(composer("-p", project_name, "run", "-d", "worker", "sleep", "100", cwd=folder))
    run = [n for n in containers(docker_client, project_name) if "-worker-run-" in n]
    assert len(run) == 1
    down = ok(composer("-p", project_name, "down", "-v", "--remove-orphans", cwd=folder))
    assert f"one-off container {run[0]} is still running" in down
    assert leftovers(docker_client, project_name)["containers"] == run
    assert "Killed" in ok(composer("-p", project_name, "kill", "--remove-orphans",
                                   cwd=folder))
    ok(composer("-p", project_name, "down", cwd=folder))     # plain down leaves it
    assert leftovers(docker_client, project_name)["containers"] == run
    down = ok(composer("-p", project_name, "down", "-v", "--remove-orphans", cwd=folder))
    assert f"Container {run[0]}  Removed" in down
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}
