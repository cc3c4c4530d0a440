"""Inputs valid for the schema but impossible at run time, rejected before anything is
created (docker compose accepts most of them and fails half-way through `up`)."""
from __future__ import annotations

import pytest

from helpers import errors_of, load_files


def project(services: str, extra: str = "") -> dict[str, str]:
    return {"compose.yaml": "services:\n" + services + extra}


@pytest.mark.parametrize("services", [
    # two services, one host port
    "  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:81']}\n",
    # all interfaces against one of them
    "  a: {image: x, ports: ['127.0.0.1:8080:80']}\n  b: {image: x, ports: ['8080:80']}\n",
    # one service, twice
    "  a: {image: x, ports: ['8080:80', {target: 81, published: 8080}]}\n",
    # a range that covers a port published elsewhere
    "  a: {image: x, ports: ['8000-8002:8000-8002']}\n  b: {image: x, ports: ['8001:80']}\n",
])
def test_a_host_port_published_twice(tmp_path, services):
    lines = errors_of(tmp_path, project(services))
    assert len(lines) == 1 and "is already published by" in lines[0]


@pytest.mark.parametrize("services", [
    "  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:80/udp']}\n",
    "  a: {image: x, ports: ['127.0.0.1:8080:80']}\n  b: {image: x, ports: ['127.0.0.2:8080:80']}\n",
    "  a: {image: x, ports: ['8000-8002:80']}\n  b: {image: x, ports: ['8000-8002:80']}\n",
    "  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:80'], profiles: [off]}\n",
    "  a: {image: x, network_mode: host, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:80']}\n",
])
def test_ports_that_do_not_collide(tmp_path, services):
    load_files(tmp_path, project(services))


def test_config_only_warns_about_ports(tmp_path):
    loaded = load_files(tmp_path, project(
        "  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:80']}\n"),
        strict=False)
    assert any("host port 8080/tcp is already published" in w for w in loaded.warnings)


@pytest.mark.parametrize("kind", ["secrets", "configs"])
def test_a_missing_file_behind_a_used_secret_or_config(tmp_path, kind):
    """The engine would make an empty folder of its name on the host and mount that;
    docker compose fails half-way. An unused one is not looked at, as docker compose."""
    files = project("  a:\n    image: x\n    " + kind + ": [used]\n",
                    f"{kind}:\n  used:\n    file: ./gone.txt\n"
                    "  unused:\n    file: ./also-gone.txt\n")
    assert errors_of(tmp_path, files) == [
        f"compose.yaml:7:5: {kind}.used.file: {kind[:-1]} file {tmp_path / 'gone.txt'} does "
        "not exist (create it, or point file: at the one you meant)"]
    assert not (tmp_path / "gone.txt").exists()
    loaded = load_files(tmp_path, files, strict=False)      # config: a warning
    assert any("gone.txt does not exist" in w for w in loaded.warnings)
    (tmp_path / "gone.txt").write_text("s3cret\n")
    load_files(tmp_path, files)


def test_the_port_error_points_at_both_places(tmp_path):
    lines = errors_of(tmp_path, project(
        "  a:\n    image: x\n    ports: ['8080:80']\n  b:\n    image: x\n    ports: ['8080:81']\n"))
    assert lines == ['compose.yaml:7:13: services.b.ports[0]: host port 8080/tcp is already '
                     'published by service "a" (at compose.yaml:4:13: services.a.ports[0]) '
                     '(a host port can be published only once; pick another one)']


def test_relative_container_path(tmp_path):
    lines = errors_of(tmp_path, project("  a:\n    image: x\n    volumes: ['./data:data']\n"))
    assert lines == ["compose.yaml:4:15: services.a.volumes[0]: container path 'data' is not "
                     "absolute (a path inside the container starts with /)"]


def test_unknown_volume_mode(tmp_path):
    lines = errors_of(tmp_path, project("  a:\n    image: x\n    volumes: ['/x:/y:rw,bogus']\n"))
    assert lines[0].startswith("compose.yaml:4:15: services.a.volumes[0]: unknown volume mode "
                               "'bogus'")


def test_unknown_propagation(tmp_path):
    lines = errors_of(tmp_path, project(
        "  a:\n    image: x\n    volumes:\n      - {type: bind, source: /a, target: /b, "
        "bind: {propagation: weird}}\n"))
    assert "services.a.volumes[0].bind.propagation: expected one of" in lines[0]


@pytest.mark.parametrize("services, message", [
    ("  a: {image: x, container_name: same}\n  b: {image: x, container_name: same}\n",
     'container name "same" is already used by service "a"'),
    ("  a: {image: x, container_name: solo, scale: 2}\n",
     'service "a" runs 2 containers but sets container_name "solo"'),
    ("  a: {image: x, container_name: solo, deploy: {replicas: 3}}\n",
     'service "a" runs 3 containers but sets container_name "solo"'),
    ("  a: {image: x, scale: 2, deploy: {replicas: 3}}\n",
     "scale (2) and deploy.replicas (3) differ"),
])
def test_containers_names_and_counts(tmp_path, services, message):
    lines = errors_of(tmp_path, project(services))
    assert message in lines[0]


def test_up_rejects_before_touching_the_engine(tmp_path, composer):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:80']}\n")
    result = composer("-p", "never", "up", "-d", cwd=tmp_path,
                      env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"})
    assert result.returncode == 1
    assert "host port 8080/tcp is already published" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text, message", [
    ("services:\n  a: {}\n  b: {image: x}\n",
     'compose.yaml:2:3: services.a: service "a" has neither an image nor a build context '
     "specified (add `image:` or `build:`)"),
    ("services:\n  a: {image: x, network_mode: host, networks: [default]}\n",
     'compose.yaml:2:17: services.a.network_mode: service "a" declares mutually exclusive '
     "`network_mode` and `networks`"),
    ("services:\n  a: {image: x, volumes: ['ns:/x']}\nvolumes:\n  ns: {external: true, "
     "driver: local}\n",
     'compose.yaml:4:24: volumes.ns.driver: conflicting parameters "external" and "driver" '
     "specified (an external volume is made elsewhere: its driver and labels are not ours "
     "to set)"),
])
def test_what_docker_compose_rejects_as_well(tmp_path, text, message):
    assert errors_of(tmp_path, {"compose.yaml": text}) == [message]


def test_a_service_of_a_provider_needs_no_image(tmp_path):
    load_files(tmp_path, {"compose.yaml": "services:\n  a: {provider: {type: t}}\n"})
