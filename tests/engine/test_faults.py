"""Faults at run time: each gives a message naming the service and the cause, exit 1 (130
for Ctrl-C), no traceback, and leaves a state that the next `up` or `down` repairs."""
from __future__ import annotations

import os
import re
import signal
import socket
import tempfile
import time
import urllib.request

import pytest

from engineproxy import ENGINE_SOCKET, EngineProxy
from enginehelp import ok, read_until, spawn
from support import leftovers

LABEL = "com.docker.compose.project="

WEB = """
services:
  web:
    image: busybox:latest
    command: sh -c "mkdir -p /www && echo served > /www/index.html && httpd -f -h /www -p 80"
    init: true
    ports: ["127.0.0.1:{port}:80"]
    healthcheck: {{test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1/"], interval: 1s}}
"""


def _no_traceback(res) -> None:
    assert "Traceback" not in res.stderr + res.stdout, res.stderr


@pytest.fixture
def down(composer, project_name, tmp_path):
    """Teardown: `down -v --rmi local` through composer (the sweep of project_name runs
    after it)."""
    yield
    composer("-p", project_name, "down", "-v", "--rmi", "local", cwd=tmp_path)


def test_a_taken_host_port_names_the_service_and_the_port(composer, project_name, write,
                                                          tmp_path, docker_client, down):
    hog = socket.socket()
    hog.bind(("127.0.0.1", 0))
    hog.listen()
    port = hog.getsockname()[1]
    write("compose.yaml", WEB.format(port=port))
    try:
        res = composer("-p", project_name, "up", "-d", cwd=tmp_path)
    finally:
        hog.close()
    assert res.returncode == 1, res.stderr
    _no_traceback(res)
    assert (f"error: service web: host port 127.0.0.1:{port}/tcp is already in use "
            "(by another container or program)") in res.stderr
    assert "engine: " in res.stderr     # the engine's own words follow as a detail

    ok(composer("-p", project_name, "up", "-d", "--wait", cwd=tmp_path))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
        assert r.read().decode().strip() == "served"
    ok(composer("-p", project_name, "down", "-v", cwd=tmp_path))
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}


def test_a_port_another_container_holds_is_named_too(composer, project_name, write, tmp_path,
                                                     docker_client, down):
    hog = docker_client.containers.run("busybox:latest", "sleep 120", detach=True,
                                       ports={"80/tcp": ("127.0.0.1", None)},
                                       labels={"com.docker.compose.project": project_name})
    hog.reload()
    port = int(hog.attrs["NetworkSettings"]["Ports"]["80/tcp"][0]["HostPort"])
    write("compose.yaml", WEB.format(port=port))
    res = composer("-p", project_name, "up", "-d", cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    _no_traceback(res)
    assert f"error: service web: host port 127.0.0.1:{port}/tcp is already in use" in res.stderr
    hog.remove(force=True)
    ok(composer("-p", project_name, "up", "-d", "--wait", cwd=tmp_path))


def test_a_failing_build_shows_the_step_and_the_service(composer, project_name, write,
                                                        tmp_path, down):
    write("compose.yaml", "services:\n  app:\n    build: .\n")
    write("Dockerfile", "FROM busybox:latest\nRUN echo before\nRUN sh -c 'exit 3'\n"
                        "RUN echo never\n")
    res = composer("-p", project_name, "up", "-d", cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    _no_traceback(res)
    first = next(ln for ln in res.stderr.splitlines() if ln.startswith("error: "))
    assert re.match(r"error: service app: build failed at Step 3/\d+ : RUN sh -c 'exit 3': ",
                    first), res.stderr
    assert "returned a non-zero code: 3" in first
    assert "not started because of this: Container" in res.stderr


@pytest.mark.parametrize("failing", [
    "    image: composer-test-nosuch/web:1.0\n",
    "    build: {context: ., dockerfile_inline: \"FROM busybox:latest\\nRUN exit 4\\n\"}\n",
])
def test_an_image_that_cannot_be_had_leaves_nothing_behind(composer, project_name, write,
                                                           tmp_path, docker_client, down,
                                                           failing):
    write("compose.yaml", "services:\n  web:\n" + failing + "    volumes: [data:/data]\n"
          "  side:\n    image: busybox:latest\n    init: true\n    command: sleep 300\n"
          "volumes:\n  data: {}\n")
    res = composer("-p", project_name, "up", "-d", cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    _no_traceback(res)
    assert "error: service web: " in res.stderr
    if "nosuch" in failing:
        assert "image composer-test-nosuch/web:1.0 is not present locally and cannot be " \
               "pulled" in res.stderr
    # as docker compose: every image is had before any network, volume or container is made
    assert leftovers(docker_client, project_name) == \
        {"containers": [], "networks": [], "volumes": []}


@pytest.mark.parametrize("host", ["unix:///tmp/nonexistent.sock", "tcp://127.0.0.1:1"])
@pytest.mark.parametrize("command", [("up", "-d"), ("ps",), ("down",), ("build",)])
def test_an_unreachable_engine_is_named(composer, project_name, write, tmp_path, host, command):
    write("compose.yaml", "services:\n  app:\n    build: .\n")
    write("Dockerfile", "FROM busybox:latest\n")
    res = composer("-p", project_name, *command, cwd=tmp_path, env={"DOCKER_HOST": host},
                   timeout=60)
    assert res.returncode == 1, res.stderr
    _no_traceback(res)
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 1 and f"cannot reach the Docker engine at {host}" in errors[0], \
        res.stderr


NEVER_HEALTHY = """
services:
  web:
    image: busybox:latest
    command: sleep 300
    init: true
    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 100000}
"""


def test_ctrl_c_during_up_wait_exits_130_and_up_or_down_repairs(project_name, write, tmp_path,
                                                                composer, docker_client, down):
    write("compose.yaml", NEVER_HEALTHY)
    proc = spawn("-p", project_name, "--progress", "plain", "up", "-d", "--wait",
                 cwd=tmp_path)
    try:
        seen = read_until(proc, "Waiting")
        assert "Waiting" in seen, seen
        time.sleep(1)
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=20)   # at once, not when the wait would end
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, seen + rest
    assert "Traceback" not in rest and "interrupted" in rest, rest
    assert "Error" not in rest, rest            # the cancelled wait says nothing more

    again = ok(composer("-p", project_name, "up", "-d", cwd=tmp_path))
    assert f"{project_name}-web-1" in again
    assert docker_client.containers.get(f"{project_name}-web-1").status == "running"
    ok(composer("-p", project_name, "down", "-v", cwd=tmp_path))
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}


def test_a_connection_lost_while_up_waits_is_named(project_name, write, tmp_path, composer,
                                                   docker_client, down):
    if not os.path.exists(ENGINE_SOCKET):
        pytest.skip(f"the engine is not on {ENGINE_SOCKET}")
    write("compose.yaml", NEVER_HEALTHY)
    folder = tempfile.mkdtemp(prefix="cproxy", dir="/tmp")   # a short path for the socket
    proxy = EngineProxy(os.path.join(folder, "engine.sock"))
    proc = spawn("-p", project_name, "--progress", "plain", "up", "-d", "--wait",
                 cwd=tmp_path, env={"DOCKER_HOST": f"unix://{proxy.path}"})
    try:
        seen = read_until(proc, "Waiting")
        assert "Waiting" in seen, seen
        time.sleep(1)
        proxy.close()
        rest, _ = proc.communicate(timeout=30)
    finally:
        proxy.close()
        os.rmdir(folder)
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, seen + rest
    assert "Traceback" not in rest and "unexpected error" not in rest, rest
    assert (f"error: service web did not become healthy: lost the connection to the Docker "
            f"engine at unix://{proxy.path}") in rest, rest

    again = ok(composer("-p", project_name, "up", "-d", cwd=tmp_path))   # the real socket
    assert f"{project_name}-web-1" in again
    ok(composer("-p", project_name, "down", "-v", cwd=tmp_path))
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}


def test_ctrl_c_during_a_build_exits_130_at_once(project_name, write, tmp_path, composer,
                                                 docker_client, down):
    write("compose.yaml", "services:\n  app:\n    build: .\n    command: sleep 300\n"
                          "    init: true\n")
    # the project's name in the step keeps the engine's build cache out of it
    write("Dockerfile", f"FROM busybox:latest\nRUN echo {project_name} $((6*7)); sleep 8\n")
    proc = spawn("-p", project_name, "--progress", "plain", "up", "-d", cwd=tmp_path)
    try:
        seen = read_until(proc, f"{project_name} 42\n")
        assert f"{project_name} 42\n" in seen, seen
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, seen + rest
    assert took < 4, f"took {took:.1f}s: it waited for the build"
    assert "Traceback" not in rest and "Successfully built" not in rest, rest

    ok(composer("-p", project_name, "up", "-d", cwd=tmp_path))
    assert docker_client.containers.get(f"{project_name}-app-1").status == "running"
    ok(composer("-p", project_name, "down", "-v", "--rmi", "local", cwd=tmp_path))
    assert leftovers(docker_client, project_name) == {"containers": [], "networks": [],
                                                      "volumes": []}


def test_a_network_removed_behind_our_back_is_re_created_with_its_users(
        composer, project_name, write, docker_client):
    folder = write("compose.yaml", """
services:
  db: {image: busybox:latest, command: sleep 300, init: true}
  web: {image: busybox:latest, command: sleep 300, init: true, depends_on: [db]}
""").parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    net = f"{project_name}_default"
    for c in docker_client.containers.list(filters={"label": LABEL + project_name}):
        c.stop(timeout=0)
    docker_client.networks.get(net).remove()
    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 2, plan.stderr
    assert f"network:default create_network — network {net} does not exist" in plan.stdout
    for service in ("db", "web"):
        assert (f"service:{service}:1 recreate — its network {net} was removed and is "
                "re-created") in plan.stdout
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    new_id = docker_client.networks.get(net).id
    cs = docker_client.containers.list(all=True, filters={"label": LABEL + project_name})
    assert sorted(c.status for c in cs) == ["running", "running"]
    assert {c.attrs["NetworkSettings"]["Networks"][net]["NetworkID"] for c in cs} == {new_id}
    again = composer("-p", project_name, "plan", cwd=folder)
    assert again.returncode == 0, again.stdout
