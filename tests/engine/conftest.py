"""A running project shared by the read-only CLI tests of a module."""
from __future__ import annotations

import uuid

import pytest

from support import run_composer, sweep

QUERY_PROJECT = """
services:
  web:
    image: busybox:latest
    command: sh -c "echo hello; echo world; sleep 300"
    init: true
    ports: ["127.0.0.1::80", "127.0.0.1::81/udp"]
    depends_on: [db]
  db:
    image: busybox:latest
    command: sh -c "echo ready; sleep 300"
    init: true
    healthcheck: {test: ["CMD", "true"], interval: 1s}
"""


@pytest.fixture(scope="module")
def running(docker_client, tmp_path_factory):
    """(project name, folder) of a project that is up: web (two ports) needs db."""
    name = "ct" + uuid.uuid4().hex[:10]
    folder = tmp_path_factory.mktemp("running")
    (folder / "compose.yaml").write_text(QUERY_PROJECT)
    up = run_composer("-p", name, "up", "-d", "--wait", cwd=folder)
    assert up.returncode == 0, up.stderr
    yield name, folder
    sweep(docker_client, name)
