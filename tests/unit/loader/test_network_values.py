"""Network values docker compose rejects when it loads the file, or that could only fail
half way through `up`: container port 0, extra_hosts entries."""
from __future__ import annotations

import pytest

from helpers import errors_of, load_files


def service(body: str) -> dict[str, str]:
    return {"compose.yaml": "services:\n  web:\n    image: x\n" + body}


# --- container port 0 ----------------------------------------------------------------------

@pytest.mark.parametrize("port", ["0", "127.0.0.1:18112:0", "18113:0/udp", "0-2",
                                  "8000-8002:0-2"])
def test_container_port_0_is_rejected(tmp_path, port):
    lines = errors_of(tmp_path, service(f"    ports: ['{port}']\n"))
    assert lines == [f"compose.yaml:4:13: services.web.ports[0]: container port 0 in port "
                     f"'{port}': expected a container port from 1 to 65535 (form "
                     '"[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]")']


def test_every_port_0_is_reported(tmp_path):
    lines = errors_of(tmp_path, service("    ports:\n      - '0'\n      - '80:80'\n"
                                        "      - '81:0'\n"))
    assert [line.split(": ")[0] for line in lines] == ["compose.yaml:5:9", "compose.yaml:7:9"]


def test_host_port_0_is_a_random_port(tmp_path):
    loaded = load_files(tmp_path, service("    ports: ['0:80']\n"))
    assert loaded.canonical["services"]["web"]["ports"][0]["published"] == "0"


def test_up_rejects_container_port_0_before_touching_the_engine(tmp_path, composer):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: x\n    ports: ['127.0.0.1:18112:0']\n")
    result = composer("-p", "never", "up", "-d", cwd=tmp_path,
                      env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"})
    assert result.returncode == 1
    assert result.stderr.startswith("error: compose.yaml:4:13: services.web.ports[0]: "
                                    "container port 0")
