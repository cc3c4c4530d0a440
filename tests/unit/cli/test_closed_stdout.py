"""A reader that closes composer's stdout early (`composer config | head -3`) ends the run
quietly: by SIGPIPE, as docker compose's does, with nothing on stderr."""
import signal
import subprocess
import sys

import pytest

SERVICES = "".join(f"  s{i}:\n    image: busybox:latest\n    environment: {{N: '{i}'}}\n"
                   for i in range(1500))  # more than a pipe holds


@pytest.mark.parametrize("args", [["config", "--format", "json"], ["config"],
                                  ["version"]])
def test_a_closed_stdout_ends_the_run_by_sigpipe_and_says_nothing(tmp_path, args):
    (tmp_path / "compose.yaml").write_text("services:\n" + SERVICES)
    proc = subprocess.Popen([sys.executable, "-m", "composer", "-p", "pipe"] + args,
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()          # the reader is gone before anything is written
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert (proc.returncode, stderr) == (-signal.SIGPIPE, "")


def test_a_reader_that_stops_after_some_lines(tmp_path):
    # a write blocked when the reader leaves may end short instead of failing with
    # EPIPE: then the run ends 0, as docker compose's can
    (tmp_path / "compose.yaml").write_text("services:\n" + SERVICES)
    proc = subprocess.Popen([sys.executable, "-m", "composer", "-p", "pipe", "config"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = [proc.stdout.readline() for _ in range(3)]
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert head[0] == b"name: pipe\n"
    assert proc.returncode in (0, -signal.SIGPIPE) and stderr == ""
