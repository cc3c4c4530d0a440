"""The standard-library reader answers the first calls of every command as the docker SDK
does, and a no-op `up` then never imports the SDK."""
from __future__ import annotations

import subprocess
import sys

import pytest

from composer.engine.localread import LocalReader, socket_path
from composer.errors import EngineError
from enginehelp import ok

FILE = """
services:
  web:
    image: busybox:latest
    init: true
    command: sleep 300
    volumes: [data:/data]
volumes:
  data: {}
"""


@pytest.fixture
def reader():
    path = socket_path()
    if path is None:
        pytest.skip("DOCKER_HOST is not a unix socket")
    return LocalReader(path)


def test_reads_equal_the_sdk_s(reader, docker_client, composer, project_name, write):
    folder = write("compose.yaml", FILE).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    label = {"label": f"com.docker.compose.project={project_name}"}
    api = docker_client.api

    def by_id(items, key="Id"):
        return {i[key]: i for i in items}

    assert by_id(reader.containers(all=True, filters=label)) == by_id(
        api.containers(all=True, filters=label))
    assert by_id(reader.networks(filters=label)) == by_id(api.networks(filters=label))
    assert by_id(reader.volumes(filters=label)["Volumes"], "Name") == by_id(
        api.volumes(filters=label)["Volumes"], "Name")
    assert reader.image_id("busybox:latest") == api.inspect_image("busybox:latest")["Id"]
    assert reader.image_id("composer-no-such-image:never") is None


def test_an_engine_that_is_not_there_is_named(tmp_path):
    with pytest.raises(EngineError, match=r"cannot reach the Docker engine at unix://.*nothing"
                                          r".sock .*DOCKER_HOST"):
        LocalReader(str(tmp_path / "nothing.sock")).containers()


def test_a_no_op_up_does_not_import_the_docker_sdk(composer, project_name, write):
    folder = write("compose.yaml", FILE).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "composer", "-p",
                           project_name, "up", "-d"], cwd=folder, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Container " in done.stderr and "Running" in done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "composer.engine.localread" in imported
    assert not {"docker", "requests"} & imported
