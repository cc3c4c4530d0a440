"""Two composer runs on one project at the same time: the per-project lock makes the second
wait, so the engine ends with one container per service and one network per declared
network."""
from __future__ import annotations

import subprocess

from support import COMPOSER
from enginehelp import LABEL, containers, ok

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
