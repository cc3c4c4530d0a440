"""Attached `up`: coloured per-service log prefixes, exit codes, Ctrl-C stops then kills."""
from __future__ import annotations

import signal
import time

import pytest
from enginehelp import containers, read_until, spawn, states

TWO = """
services:
  first:
    image: busybox:latest
    init: true
    command: sh -c "echo hello from first; sleep 1; exit {code}"
  second:
    image: busybox:latest
    init: true
    command: sh -c "echo hello from second; sleep {second}"
"""


def test_attached_up_prefixes_each_line_with_a_coloured_service_name(composer, project_name,
                                                                     write):
    folder = write("compose.yaml", TWO.format(code=0, second=1)).parent
    up = composer("-p", project_name, "--ansi", "always", "up", cwd=folder, timeout=60)
    assert up.returncode == 0, up.stderr
    out = up.stdout
    assert "Attaching to first-1, second-1" in out
    # each service its own colour, the prefix padded to the longest name
    assert "\x1b[36mfirst-1   | \x1b[0mhello from first" in out
    assert "\x1b[33msecond-1  | \x1b[0mhello from second" in out
    assert "first-1 exited with code 0" in out and "second-1 exited with code 0" in out


def test_no_colour_without_a_terminal_and_no_prefix_on_request(composer, project_name, write):
    folder = write("compose.yaml", TWO.format(code=0, second=1)).parent
    up = composer("-p", project_name, "up", "--no-log-prefix", cwd=folder, timeout=60)
    assert up.returncode == 0, up.stderr
    assert "\x1b[" not in up.stdout
    assert "\nhello from first\n" in up.stdout


def test_abort_on_container_exit_stops_the_rest_and_returns_the_exit_code(
        composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO.format(code=3, second=300)).parent
    t0 = time.monotonic()
    up = composer("-p", project_name, "up", "--abort-on-container-exit", cwd=folder,
                  timeout=120)
    assert up.returncode == 3, up.stderr
    assert "Aborting on container exit..." in up.stderr
    assert time.monotonic() - t0 < 30
    assert set(states(docker_client, project_name).values()) == {"exited"}


def test_exit_code_from_returns_that_services_code(composer, project_name, write):
    # as with docker compose, the first container to exit stops the rest: here `second`
    text = TWO.format(code=0, second="1; exit 7").replace("first; sleep 1;",
                                                          "first; sleep 30;")
    folder = write("compose.yaml", text).parent
    up = composer("-p", project_name, "up", "--exit-code-from", "second", cwd=folder,
                  timeout=120)
    assert up.returncode == 7, up.stderr


def test_attach_dependencies_shows_the_logs_of_dependencies_too(composer, project_name,
                                                                write):
    text = """
services:
  db:
    image: busybox:latest
    command: sh -c "echo db is ready; sleep 2"
  app:
    image: busybox:latest
    command: sh -c "echo app runs; sleep 1"
    depends_on: [db]
"""
    folder = write("compose.yaml", text).parent
    only = composer("-p", project_name, "up", "app", cwd=folder, timeout=60)
    assert only.returncode == 0, only.stderr
    assert "app runs" in only.stdout and "db is ready" not in only.stdout
    assert composer("-p", project_name, "down", cwd=folder).returncode == 0
    both = composer("-p", project_name, "up", "--attach-dependencies", "app", cwd=folder,
                    timeout=60)
    assert both.returncode == 0, both.stderr
    assert "app runs" in both.stdout and "db is ready" in both.stdout


def _interrupt_when(proc, marker: str, deadline: float = 60) -> str:
    seen = read_until(proc, marker, deadline)
    proc.send_signal(signal.SIGINT)
    return seen


def test_ctrl_c_stops_gracefully_and_a_second_ctrl_c_kills(project_name, docker_client,
                                                           write):
    text = """
services:
  stubborn:
    image: busybox:latest
    command: sh -c "trap 'echo ignoring TERM' TERM; echo started; while true; do sleep 1; done"
    stop_grace_period: 60s
"""
    folder = write("compose.yaml", text).parent
    proc = _up(project_name, folder)
    try:
        seen = _interrupt_when(proc, "started")
        assert "started" in seen
        seen += read_until(proc, "Gracefully stopping")
        time.sleep(1.5)
        assert states(docker_client, project_name)[f"{project_name}-stubborn-1"] == "running"
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=30)
        assert time.monotonic() - t0 < 15          # killed, not the 60 s grace period
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, seen + rest
    assert "Killing" in rest
    c = containers(docker_client, project_name)[f"{project_name}-stubborn-1"]
    assert c.status == "exited" and c.attrs["State"]["ExitCode"] == 137


def test_one_ctrl_c_stops_and_returns_130(project_name, docker_client, write):
    folder = write("compose.yaml", "services:\n  a:\n    image: busybox:latest\n"
                   "    init: true\n    command: sh -c 'echo started; sleep 300'\n").parent
    proc = _up(project_name, folder)
    try:
        _interrupt_when(proc, "started")
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "Gracefully stopping" in out and "Stopped" in out
    assert states(docker_client, project_name) == {f"{project_name}-a-1": "exited"}


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT, ignored when started"])
def test_sigterm_or_a_sigint_the_shell_had_ignored_stops_like_ctrl_c(project_name,
                                                                    docker_client, write, how):
    """systemd, `timeout` and cancelled CI jobs send SIGTERM; a script's `composer up &`
    starts with SIGINT ignored. docker compose stops its containers on either."""
    folder = write("compose.yaml", "services:\n  a:\n    image: busybox:latest\n"
                   "    init: true\n    command: sh -c 'echo started; sleep 300'\n").parent
    term = how == "SIGTERM"
    proc = spawn("-p", project_name, "up", cwd=folder, ignore_sigint=not term)
    try:
        read_until(proc, "started")
        proc.send_signal(signal.SIGTERM if term else signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, out
    assert "Gracefully stopping" in out
    assert states(docker_client, project_name) == {f"{project_name}-a-1": "exited"}


def _up(project_name, folder):
    return spawn("-p", project_name, "up", cwd=folder)


def test_ctrl_c_while_waiting_for_a_healthy_dependency_stops_it(project_name, docker_client,
                                                                write):
    folder = write("compose.yaml", """
services:
  db:
    image: busybox:latest
    init: true
    command: sleep 300
    healthcheck: {test: ["CMD", "true"], interval: 120s}
  web:
    image: busybox:latest
    init: true
    command: sleep 300
    depends_on: {db: {condition: service_healthy}}
""").parent
    proc = _up(project_name, folder)
    try:
        end = time.monotonic() + 60
        while states(docker_client, project_name).get(f"{project_name}-db-1") != "running":
            assert time.monotonic() < end and proc.poll() is None
            time.sleep(0.2)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, out
    assert "Gracefully stopping" in out and f"Container {project_name}-db-1  Stopped" in out
    assert states(docker_client, project_name) == {f"{project_name}-db-1": "exited",
                                                   f"{project_name}-web-1": "created"}


def test_ctrl_c_stops_dependents_before_their_dependencies(project_name, docker_client,
                                                           write):
    # web takes a while to stop: stopped all at once, db would be gone first
    folder = write("compose.yaml", """
services:
  db: {image: busybox:latest, init: true, command: sleep 300}
  web:
    image: busybox:latest
    command: sh -c "trap 'sleep 2; exit 0' TERM; echo started; while true; do sleep 1; done"
    depends_on: [db]
""").parent
    proc = _up(project_name, folder)
    try:
        _interrupt_when(proc, "started")
        since = int(time.time()) - 1
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, out
    ids = {c.id: n.rsplit("-", 2)[1] for n, c in containers(docker_client, project_name).items()}
    events = docker_client.api.events(since=since, until=int(time.time()) + 1, decode=True,
                                      filters={"type": "container", "event": "die"})
    assert [ids[e["id"]] for e in events if e["id"] in ids] == ["web", "db"]
