"""Flags whose effect the broader CLI tests could not see: ps's -a/--status/--filter with a
stopped container among running ones, --orphans=false (Go's spelling of a boolean), --index
on a service with two replicas (logs, exec, port), logs --since/--until/--tail cutting at a
moment, exec -d returning before its command ends, exec --privileged."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from support import run_composer, sweep

COMPOSE = """
services:
  web:
    image: busybox:latest
    command: sh -c "hostname; sleep 300"
    init: true
    ports: ["127.0.0.1::80"]
  ticker:
    image: busybox:latest
    command: sh -c "echo first; sleep 2; echo second; sleep 300"
    init: true
  done:
    image: busybox:latest
    command: "true"
"""


@pytest.fixture(scope="module")
def project(docker_client, tmp_path_factory):
    """(name, cli) of a project with web ×2 and ticker running and done exited."""
    name = "ct" + uuid.uuid4().hex[:10]
    folder = tmp_path_factory.mktemp("flags")
    (folder / "compose.yaml").write_text(COMPOSE)

    def cli(*args, **kw):
        return run_composer("-p", name, *args, cwd=folder, **kw)
    cli.folder = folder
    try:
        up = cli("up", "-d", "--scale", "web=2")
        assert up.returncode == 0, up.stderr
        docker_client.containers.get(f"{name}-done-1").wait(timeout=30)
        yield name, cli
    finally:
        sweep(docker_client, name)


def out(res) -> list[str]:
    assert res.returncode == 0, res.stderr
    return res.stdout.splitlines()


def test_ps_hides_stopped_containers_unless_all_and_filters_by_status(project):
    name, cli = project
    fmt = ("--format", "{{.Name}}")
    running = [f"{name}-ticker-1", f"{name}-web-1", f"{name}-web-2"]
    assert out(cli("ps", *fmt)) == running
    assert out(cli("ps", "-a", *fmt)) == [f"{name}-done-1"] + running
    assert out(cli("ps", "--status", "exited", *fmt)) == [f"{name}-done-1"]
    assert out(cli("ps", "--filter", "status=exited", *fmt)) == [f"{name}-done-1"]
    assert out(cli("ps", "--status", "running", *fmt)) == running
    assert out(cli("ps", "--services")) == ["ticker", "web"]
    assert out(cli("ps", "-a", "--services")) == ["done", "ticker", "web"]
    assert len(out(cli("ps", "-a", "-q"))) == 4
    table = out(cli("ps", "--format", "table"))
    assert table[0].split()[:3] == ["NAME", "IMAGE", "COMMAND"]
    assert [line.split()[0] for line in table[1:]] == running


def test_ps_orphans_false_as_docker_compose_spells_it(project):
    name, cli = project
    (cli.folder / "webonly.yaml").write_text("services:\n  web: {image: busybox:latest}\n")
    fmt = ("-f", "webonly.yaml", "ps", "--format", "{{.Name}}")
    assert out(cli(*fmt)) == [f"{name}-ticker-1", f"{name}-web-1", f"{name}-web-2"]
    assert out(cli(*fmt, "--orphans=false")) == [f"{name}-web-1", f"{name}-web-2"]
    assert out(cli(*fmt, "--no-orphans")) == [f"{name}-web-1", f"{name}-web-2"]
    assert len(out(cli("ps", "--all=true", "-q"))) == 4
    assert len(out(cli("ps", "--all=false", "-q"))) == 3


def test_index_picks_the_replica_for_logs_exec_and_port(project, docker_client):
    name, cli = project
    web = {i: docker_client.containers.get(f"{name}-web-{i}") for i in (1, 2)}
    for i, c in web.items():
        assert out(cli("logs", "--no-log-prefix", "--index", str(i), "web")) == [c.id[:12]]
        assert out(cli("exec", "-T", "--index", str(i), "web", "hostname")) == [c.id[:12]]
        port = c.attrs["NetworkSettings"]["Ports"]["80/tcp"][0]["HostPort"]
        assert out(cli("port", "--index", str(i), "web", "80")) == [f"127.0.0.1:{port}"]
    both = sorted(out(cli("logs", "web")))     # the replicas' lines come in any order
    assert both == [f"web-{i}  | {c.id[:12]}" for i, c in web.items()]


def _stamped(cli) -> list[tuple[datetime, str]]:
    """ticker's lines with their times, once both are written."""
    for _ in range(50):
        lines = out(cli("logs", "-t", "--no-log-prefix", "ticker"))
        if len(lines) == 2:
            break
        time.sleep(0.2)
    stamped = []
    for line in lines:
        stamp, text = line.split(" ", 1)
        # RFC 3339 with nanoseconds: keep microseconds for datetime
        seconds, _, fraction = stamp.rstrip("Z").partition(".")
        moment = datetime.fromisoformat(seconds + "." + (fraction + "000000")[:6])
        stamped.append((moment.replace(tzinfo=timezone.utc), text))
    return stamped


def test_logs_since_until_and_tail_cut_the_output(project):
    _, cli = project
    (first_at, first), (second_at, second) = _stamped(cli)
    assert (first, second) == ("first", "second") and second_at - first_at >= timedelta(seconds=1)
    between = (first_at + (second_at - first_at) / 2).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert out(cli("logs", "--no-log-prefix", "--since", between, "ticker")) == ["second"]
    assert out(cli("logs", "--no-log-prefix", "--until", between, "ticker")) == ["first"]
    assert out(cli("logs", "--no-log-prefix", "--until", "2000-01-01T00:00:00Z", "ticker")) == []
    assert out(cli("logs", "--no-log-prefix", "--since", "1h", "ticker")) == ["first", "second"]
    assert out(cli("logs", "--no-log-prefix", "--tail", "1", "ticker")) == ["second"]


def test_logs_with_a_tail_it_cannot_read_shows_every_line_as_docker_compose_does(project):
    _, cli = project
    deadline = time.monotonic() + 20
    while out(cli("logs", "--no-log-prefix", "ticker")) != ["first", "second"]:
        assert time.monotonic() < deadline, "ticker never printed its second line"
        time.sleep(0.5)
    assert out(cli("logs", "--no-log-prefix", "--tail", "abc", "ticker")) == ["first", "second"]
    assert out(cli("logs", "--no-log-prefix", "--tail", "-1", "ticker")) == ["first", "second"]


@pytest.mark.parametrize("flag", ["--since", "--until"])
def test_logs_with_a_time_it_cannot_read_is_an_error_before_any_engine_call(project, flag):
    _, cli = project
    res = cli("logs", flag, "garbage", "ticker")
    assert res.returncode == 1
    assert f'invalid value for "{flag}"' in res.stderr and "Traceback" not in res.stderr


def test_exec_detach_returns_before_its_command_ends(project):
    _, cli = project
    started = time.monotonic()
    res = cli("exec", "-d", "web", "sh", "-c", "sleep 5; touch /tmp/detached")
    assert (res.returncode, res.stdout) == (0, "") and time.monotonic() - started < 5
    assert cli("exec", "-T", "web", "test", "-e", "/tmp/detached").returncode == 1
    for _ in range(50):
        if cli("exec", "-T", "web", "test", "-e", "/tmp/detached").returncode == 0:
            return
        time.sleep(0.2)
    pytest.fail("the detached command never ran to its end")


def test_exec_privileged_asks_for_every_capability(project):
    _, cli = project
    probe = ("grep", "CapEff", "/proc/self/status")
    plain = out(cli("exec", "-T", "web", *probe))
    res = cli("exec", "-T", "--privileged", "web", *probe)
    if res.returncode == 0:
        assert res.stdout.splitlines() != plain
    else:   # an engine not allowed to grant them all refuses, which shows the flag reached it
        assert "unable to apply caps" in res.stdout + res.stderr
