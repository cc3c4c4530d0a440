"""logs -f following containers (those that start later too) until they exit, stop -t as
the grace period, ls -a listing a project with nothing running."""
from __future__ import annotations

import contextlib
import queue
import subprocess
import threading
import time

import pytest

from enginehelp import project_cli
from support import COMPOSER

COMPOSE = """
services:
  talker:
    image: busybox:latest
    command: sh -c "echo started; sleep 300"
    init: true
  stubborn:
    image: busybox:latest
    command: sh -c "trap '' TERM; echo ready; sleep 300"
"""


@pytest.fixture
def cli(project_name, write):
    return project_cli(project_name, write, COMPOSE)


def _lines(stream) -> queue.Queue:
    """The lines of a text stream as they come (None at its end)."""
    q: queue.Queue = queue.Queue()

    def pump():
        for line in stream:
            q.put(line.rstrip("\n"))
        q.put(None)
    threading.Thread(target=pump, daemon=True).start()
    return q


@contextlib.contextmanager
def _follow(cli, project_name, *args):
    """`logs -f ARGS…` running: → (the process, a queue of its lines); killed on the way
    out if it is still running."""
    proc = subprocess.Popen(COMPOSER + ["-p", project_name, "logs", "-f", *args],
                            cwd=cli.folder, stdout=subprocess.PIPE, text=True)
    try:
        yield proc, _lines(proc.stdout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_logs_follow_prints_new_lines_and_how_the_container_exited(cli, project_name,
                                                                    docker_client):
    assert cli("up", "-d", "talker").returncode == 0
    talker = docker_client.containers.get(f"{project_name}-talker-1")
    with _follow(cli, project_name, "talker") as (proc, lines):
        assert lines.get(timeout=20) == "talker-1  | started"
        # written to the container's output after logs began: only following shows it
        talker.exec_run(["sh", "-c", "echo later > /proc/1/fd/1"])
        assert lines.get(timeout=20) == "talker-1  | later"
        assert proc.poll() is None
        talker.stop(timeout=5)
        assert lines.get(timeout=20) == "talker-1 exited with code 143"
        assert proc.wait(20) == 0


def test_logs_follow_waits_for_a_container_to_start(cli, project_name):
    assert cli("create", "talker").returncode == 0
    with _follow(cli, project_name, "talker") as (proc, lines):
        time.sleep(2)
        assert proc.poll() is None and lines.empty()
        assert cli("start", "talker").returncode == 0
        assert lines.get(timeout=20) == "talker-1  | started"
        assert cli("stop", "-t", "5", "talker").returncode == 0
        assert lines.get(timeout=20) == "talker-1 exited with code 143"
        assert proc.wait(20) == 0


def test_logs_follow_takes_in_containers_added_by_scaling(cli, project_name):
    assert cli("up", "-d", "talker").returncode == 0
    with _follow(cli, project_name, "--tail", "0", "talker") as (proc, lines):
        time.sleep(2)
        assert cli("up", "-d", "--scale", "talker=2", "talker").returncode == 0
        assert lines.get(timeout=20) == "talker-2  | started"
        assert cli("stop", "-t", "5").returncode == 0
        assert {lines.get(timeout=20), lines.get(timeout=20)} == {
            "talker-1 exited with code 143", "talker-2 exited with code 143"}
        assert proc.wait(20) == 0


def test_logs_without_follow_ends_at_once(cli):
    assert cli("up", "-d", "talker").returncode == 0
    res = cli("logs", "talker", timeout=20)
    assert (res.returncode, res.stdout) == (0, "talker-1  | started\n")


def test_stop_timeout_is_the_grace_period_before_a_kill(cli, project_name, docker_client):
    assert cli("up", "-d", "stubborn").returncode == 0
    started = time.monotonic()
    res = cli("stop", "-t", "2", "stubborn")
    took = time.monotonic() - started
    assert res.returncode == 0, res.stderr
    stubborn = docker_client.containers.get(f"{project_name}-stubborn-1")
    assert stubborn.attrs["State"]["ExitCode"] == 137     # killed: it ignores SIGTERM
    assert 2 <= took < 8                                   # not the default 10 s


def test_restart_timeout_is_the_grace_period_too(cli, project_name):
    assert cli("up", "-d", "stubborn").returncode == 0
    started = time.monotonic()
    assert cli("restart", "-t", "1", "stubborn").returncode == 0
    assert 1 <= time.monotonic() - started < 8


def test_ls_lists_a_project_without_running_containers_only_with_all(cli, project_name):
    assert cli("create", "talker").returncode == 0
    only = ("--filter", f"name={project_name}")
    assert cli("ls", *only).stdout.splitlines()[1:] == []
    assert cli("ls", "-q", *only).stdout == ""
    rows = cli("ls", "-a", *only).stdout.splitlines()
    assert rows[1].split() == [project_name, "created(1)", str(cli.folder / "compose.yaml")]
    assert cli("ls", "-a", "-q", *only).stdout == project_name + "\n"
    table = cli("ls", "-a", "--format", "table", *only).stdout
    assert table == "\n".join(rows) + "\n"


@pytest.mark.parametrize("follow", [[], ["-f"]])
def test_logs_into_a_closed_pipe_end_quietly(project_name, write, follow):
    # `composer logs | head -1`: the threads printing each container's lines meet the
    # closed pipe; the run ends as by SIGPIPE (141), with nothing on stderr
    lines = "seq 1 20000; sleep 300"
    cli = project_cli(project_name, write, "services:\n" + "".join(
        f"  {s}:\n    image: busybox:latest\n    init: true\n    command: sh -c '{lines}'\n"
        for s in ("a", "b")))
    assert cli("up", "-d").returncode == 0
    time.sleep(1)
    proc = subprocess.Popen(COMPOSER + ["-p", project_name, "logs", *follow], cwd=cli.folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout.readline().endswith(b"| 1\n")
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (-13, 141) and stderr == "", (proc.returncode, stderr)
