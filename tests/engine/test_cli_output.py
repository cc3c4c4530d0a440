"""What a person sees: the live view on a terminal (its final frame), plain lines and
colours switched off by NO_COLOR / --ansi / --progress, TTYs for exec and run, Ctrl-C."""
from __future__ import annotations

import subprocess

import pytest

from support import COMPOSER, run_composer
from support_tty import run_in_pty, screen

COMPOSE = """
services:
  web:
    image: busybox:latest
    command: sh -c "echo hello; sleep 300"
    init: true
    depends_on: [db]
  db:
    image: busybox:latest
    command: sleep 300
    init: true
"""


@pytest.fixture
def project(project_name, write):
    folder = write("compose.yaml", COMPOSE).parent
    res = run_composer("-p", project_name, "up", "-d", cwd=folder)
    assert res.returncode == 0, res.stderr
    return project_name, folder


def pty(project, *args, **kw):
    name, folder = project
    return run_in_pty("-p", name, *args, cwd=folder, **kw)


def test_live_view_final_frame(project):
    name, _ = project
    code, out = pty(project, "stop", "-t", "1")
    assert code == 0, out
    frame = screen(out)
    assert frame[0] == "[+] Running 2/2"
    rows = [line.split() for line in frame[1:]]
    assert [r[:4] for r in rows] == [["✔", "Container", f"{name}-web-1", "Stopped"],
                                     ["✔", "Container", f"{name}-db-1", "Stopped"]]
    assert all(r[-1].endswith("s") and float(r[-1][:-1]) >= 0 for r in rows)
    assert frame[1].startswith(" ✔ Container") and len(frame) == 3
    assert "\x1b[" in out   # drawn with escape sequences, not printed line by line


def test_live_view_marks_failures(project):
    name, _ = project
    code, out = pty(project, "kill", "-s", "SIGNOPE", "db")
    assert code == 1
    frame = screen(out)
    assert frame[0] == "[+] Running 1/1"
    assert frame[1].split()[:4] == ["✘", "Container", f"{name}-db-1", "Error"]
    assert any(line.startswith("error: killing container") for line in frame[2:])


@pytest.mark.parametrize("switch", [{"env": {"NO_COLOR": "1"}}, {"args": ["--ansi", "never"]},
                                    {"args": ["--progress", "plain"]}])
def test_plain_lines_on_a_terminal_when_asked(project, switch):
    name, _ = project
    code, out = pty(project, *switch.get("args", []), "stop", "-t", "1", "web",
                    env=switch.get("env"))
    assert code == 0
    assert "\x1b[" not in out
    assert screen(out) == [f" Container {name}-web-1  Stopping",
                           f" Container {name}-web-1  Stopped"]


def test_ansi_always_draws_the_live_view_into_a_pipe(project):
    name, folder = project
    # bytes, not text: universal newlines would turn the live view's \r into \n
    res = subprocess.run(COMPOSER + ["-p", name, "--ansi", "always", "stop", "-t", "1"],
                         cwd=folder, capture_output=True)
    err = res.stderr.decode()
    assert res.returncode == 0 and "\x1b[" in err
    assert screen(err)[0] == "[+] Running 2/2" and len(screen(err)) == 3


def test_log_prefixes_are_coloured_on_a_terminal_unless_told_not_to(project):
    code, out = pty(project, "logs", "web")
    assert code == 0 and "\x1b[36mweb-1  | \x1b[0mhello" in out
    _, plain = pty(project, "logs", "--no-color", "web")
    assert "\x1b[" not in plain and "web-1  | hello" in plain
    _, nocolor = pty(project, "logs", "web", env={"NO_COLOR": "1"})
    assert "\x1b[" not in nocolor


def test_exec_gets_a_tty_when_stdin_is_a_terminal(project):
    code, out = pty(project, "exec", "db", "sh", "-c", "tty; exit 3")
    assert code == 3 and out.strip().startswith("/dev/pts/")
    code, out = pty(project, "exec", "-T", "db", "sh", "-c", "tty; exit 0")
    assert code == 0 and "not a tty" in out


def test_exec_is_interactive_in_a_terminal(project):
    code, out = pty(project, "exec", "db", "sh", input=b"echo in-$((40+2))\rexit 5\r",
                    input_delay=2)
    assert code == 5 and "in-42" in out


def test_run_gets_a_tty_and_returns_its_code(project):
    code, out = pty(project, "run", "--rm", "--no-deps", "db", "sh", "-c", "tty; exit 7")
    assert code == 7 and out.strip().splitlines()[-1].startswith("/dev/pts/")


def test_ctrl_c_exits_130(project):
    code, out = pty(project, "logs", "-f", "web", interrupt_after=3, timeout=30)
    assert code == 130 and "hello" in out


def test_run_without_a_tty_when_asked(project):
    code, out = pty(project, "run", "--rm", "--no-deps", "-T", "db", "sh", "-c",
                    "tty; exit 0")
    assert code == 0 and "not a tty" in out


def test_progress_tty_draws_the_live_view_into_a_pipe(project):
    name, folder = project
    res = subprocess.run(COMPOSER + ["-p", name, "--progress", "tty", "stop", "-t", "1"],
                         cwd=folder, capture_output=True)
    err = res.stderr.decode()
    assert res.returncode == 0 and "\x1b[" in err
    assert screen(err)[0] == "[+] Running 2/2" and len(screen(err)) == 3


def test_progress_tty_with_ansi_never_is_refused(project, docker_client):
    name, folder = project
    res = run_composer("-p", name, "--ansi", "never", "--progress", "tty", "stop", cwd=folder)
    assert res.returncode == 1
    assert res.stderr == "can't use --progress tty while ANSI support is disabled\n"
    assert docker_client.containers.get(f"{name}-web-1").status == "running"
