"""What `run` changes in the service and in the create body of a one-off container."""
from pathlib import Path

import pytest

from composer.engine.docker_run import SLUG, oneoff_body
from composer.errors import ConfigError
from composer.loader import LoadOptions, load
from composer.oneoff import RunOptions, oneoff_service

COMPOSE = """
services:
  web:
    image: busybox:latest
    command: ["httpd", "-f"]
    restart: always
    ports: ["8080:80"]
    environment: {A: "1"}
    networks: {front: {aliases: [site]}}
networks: {front: {}}
"""


@pytest.fixture
def project(tmp_path: Path):
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    return load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="p")).project


def test_defaults_drop_ports_and_restart_and_keep_the_command(project):
    svc = oneoff_service(project.services["web"], RunOptions(), {}, "/")
    assert svc.ports == () and svc.restart is None
    assert svc.command == ("httpd", "-f") and svc.stdin_open and not svc.tty


def test_overrides_from_the_command_line(project, tmp_path):
    opts = RunOptions(command=("sh", "-c", "env"), entrypoint="/bin/sh -x", env=("B=2", "HOME"),
                      labels=("l=v",), user="nobody", workdir="/tmp", volumes=("./data:/data:ro",),
                      publish=("127.0.0.1::9000/udp",), service_ports=True, tty=True)
    svc = oneoff_service(project.services["web"], opts, {"HOME": "/root"}, str(tmp_path))
    assert svc.command == ("sh", "-c", "env") and svc.entrypoint == ("/bin/sh", "-x")
    assert dict(svc.environment) == {"A": "1", "B": "2", "HOME": "/root"}
    assert svc.labels["l"] == "v" and svc.user == "nobody" and svc.working_dir == "/tmp"
    mount = svc.mounts[-1]
    assert (mount.type, mount.source, mount.target, mount.read_only) == (
        "bind", str(tmp_path / "data"), "/data", True)
    assert [(p.target, p.published, p.protocol) for p in svc.ports] == [
        (80, "8080", "tcp"), (9000, None, "udp")]
    assert svc.tty


def test_bad_port_or_volume_is_a_config_error(project):
    with pytest.raises(ConfigError, match="invalid port -p 'x:y'"):
        oneoff_service(project.services["web"], RunOptions(publish=("x:y",)), {}, "/")
    with pytest.raises(ConfigError, match="invalid volume -v"):
        oneoff_service(project.services["web"], RunOptions(volumes=("a:b:c:d",)), {}, "/")


def test_body_is_labelled_as_a_one_off_without_number_or_aliases(project):
    svc = oneoff_service(project.services["web"], RunOptions(), {}, "/")
    body = oneoff_body(project, svc, "busybox:latest", "sha256:1", "ab" * 32, str,
                       use_aliases=False)
    labels = body["Labels"]
    assert labels["com.docker.compose.oneoff"] == "True" and labels[SLUG] == "ab" * 32
    assert "com.docker.compose.container-number" not in labels
    assert body["AttachStdin"] and body["OpenStdin"] and body["StdinOnce"]
    assert body["HostConfig"]["PortBindings"] == {}
    assert body["HostConfig"]["RestartPolicy"] == {"Name": "no"}
    endpoint = body["NetworkingConfig"]["EndpointsConfig"]["p_front"]
    assert "Aliases" not in endpoint


def test_use_aliases_keeps_the_service_aliases(project):
    svc = oneoff_service(project.services["web"], RunOptions(), {}, "/")
    body = oneoff_body(project, svc, "busybox:latest", "sha256:1", "ab" * 32, str,
                       use_aliases=True)
    assert body["NetworkingConfig"]["EndpointsConfig"]["p_front"]["Aliases"] == ["web", "site"]
