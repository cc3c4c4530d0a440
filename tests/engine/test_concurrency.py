"""Two composer runs on one project at the same time: the per-project lock makes the second
wait, so the engine ends with one container per service and one network per declared
network."""
from __future__ import annotations

import subprocess
import time

import pytest

from composer import projectlock
from support import COMPOSER
from enginehelp import LABEL, containers, ok, states

APP = """
services:
  a: {image: busybox:latest, command: sleep 300, init: true, networks: [back]}
  b: {image: busybox:latest, command: sleep 300, init: true, networks: [back, default]}
  c: {image: busybox:latest, command: sleep 300, init: true}
networks:
  back: {}
"""


def _together(folder, *argvs):
    """Start every composer run before waiting for any; → their finished results."""
    procs = [subprocess.Popen(COMPOSER + list(argv), cwd=folder, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for argv in argvs]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        out.append((p.returncode, stdout, stderr))
    return out


def test_two_ups_at_once_make_one_of_everything(project_name, docker_client, write, composer):
    folder = write("compose.yaml", APP).parent
    up = ("-p", project_name, "up", "-d")
    results = _together(folder, up, up)
    assert [r[0] for r in results] == [0, 0], results
    names = sorted(c.name for c in containers(docker_client, project_name).values())
    assert names == [f"{project_name}-{s}-1" for s in "abc"]
    nets = sorted(n.name for n in docker_client.networks.list(
        filters={"label": f"{LABEL}={project_name}"}))
    assert nets == [f"{project_name}_back", f"{project_name}_default"]
    by_name = [n.name for n in docker_client.networks.list(names=nets)
               if n.name in nets]
    assert sorted(by_name) == nets   # no unlabelled twin either
    ok(composer("-p", project_name, "down", "-v", cwd=folder))


def test_up_and_down_at_once_leave_a_consistent_project(project_name, docker_client, write,
                                                       composer):
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    results = _together(folder, ("-p", project_name, "down"),
                        ("-p", project_name, "up", "-d"))
    assert [r[0] for r in results] == [0, 0], results
    names = sorted(c.name for c in containers(docker_client, project_name).values())
    assert names in ([], [f"{project_name}-{s}-1" for s in "abc"])
    ok(composer("-p", project_name, "down", "-v", cwd=folder))


@pytest.mark.parametrize("argv", [("up", "-d"), ("down",), ("stop",), ("create",),
                                  ("run", "--rm", "-T", "c", "true")])
def test_a_changing_command_waits_for_the_lock(project_name, write, composer, argv):
    folder = write("compose.yaml", APP).parent
    projectlock.hold(project_name)
    try:
        proc = subprocess.Popen(COMPOSER + ["-p", project_name, *argv], cwd=folder, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(2)
        assert proc.poll() is None, proc.communicate()
    finally:
        projectlock.release(project_name)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert f"waiting for another composer run on project {project_name}" in stderr
    ok(composer("-p", project_name, "down", "-v", cwd=folder))


def test_reading_commands_do_not_wait(project_name, write, composer):
    folder = write("compose.yaml", APP).parent
    projectlock.hold(project_name)
    try:
        for argv in (("ps",), ("config", "-q"), ("up", "-d", "--dry-run")):
            assert composer("-p", project_name, *argv, cwd=folder, timeout=30).returncode \
                in (0, 2)
    finally:
        projectlock.release(project_name)


def test_attached_up_lets_go_once_its_containers_run(project_name, docker_client, write,
                                                     composer):
    folder = write("compose.yaml", APP).parent
    up = subprocess.Popen(COMPOSER + ["-p", project_name, "up"], cwd=folder, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while sorted(states(docker_client, project_name).values()) != ["running"] * 3:
            assert time.monotonic() < deadline and up.poll() is None
            time.sleep(0.2)
        stop = composer("-p", project_name, "stop", "-t", "1", cwd=folder, timeout=60)
        assert stop.returncode == 0 and "waiting for another" not in stop.stderr, stop.stderr
        up.wait(timeout=60)
    finally:
        if up.poll() is None:
            up.kill()
            up.wait()
        up.stdout.close()
        up.stderr.close()
    ok(composer("-p", project_name, "down", "-v", cwd=folder))
