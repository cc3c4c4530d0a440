"""The per-project lock: keyed by engine and project, re-entrant, the second holder waits."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from composer import projectlock

HOLDER = """
import sys, time
from composer import projectlock
projectlock.hold(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_path_is_keyed_by_engine_and_project(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_LOCK_DIR", str(tmp_path))
    a = projectlock.lock_path("app", "unix:///var/run/docker.sock")
    assert a.startswith(str(tmp_path))
    assert a != projectlock.lock_path("other", "unix:///var/run/docker.sock")
    assert a != projectlock.lock_path("app", "tcp://elsewhere:2375")
    assert a == projectlock.lock_path("app", "unix:///var/run/docker.sock")


def test_default_dir_is_the_runtime_dir_or_tmp(monkeypatch, tmp_path):
    monkeypatch.delenv("COMPOSER_LOCK_DIR", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert projectlock.lock_dir() == str(tmp_path / "composer-locks")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert "composer-locks" in projectlock.lock_dir()


@pytest.mark.parametrize("tmpdir", ["set", "missing", "unset"])
def test_the_temporary_folder_is_the_one_tempfile_picks(monkeypatch, tmp_path, tmpdir):
    """Runs of composer of before and after this choice share their locks."""
    import tempfile

    for var in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(var, raising=False)
    if tmpdir != "unset":
        monkeypatch.setenv("TMPDIR", str(tmp_path / ("" if tmpdir == "set" else "gone")))
    monkeypatch.setattr(tempfile, "tempdir", None)     # tempfile caches its answer
    assert projectlock._temp_dir() == tempfile.gettempdir()


def test_hold_twice_in_one_process_and_release(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_LOCK_DIR", str(tmp_path))
    said = []
    projectlock.hold("app", say=said.append)
    projectlock.hold("app", say=said.append)
    projectlock.release("app")
    projectlock.release("app")
    assert said == []


def test_a_second_process_waits_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_LOCK_DIR", str(tmp_path))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, "app", "1.5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        said = []
        began = time.monotonic()
        projectlock.hold("app", say=said.append)
        waited = time.monotonic() - began
        projectlock.release("app")
    finally:
        holder.wait(timeout=30)
    assert said == ["waiting for another composer run on project app"]
    assert waited > 0.5


def test_another_project_does_not_wait(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_LOCK_DIR", str(tmp_path))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, "app", "5"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        said = []
        projectlock.hold("other", say=said.append)
        projectlock.release("other")
        assert said == []
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_goes_with_its_process(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSER_LOCK_DIR", str(tmp_path))
    subprocess.run([sys.executable, "-c", HOLDER, "app", "0"], check=True,
                   capture_output=True)
    said = []
    projectlock.hold("app", say=said.append)
    projectlock.release("app")
    assert said == []
