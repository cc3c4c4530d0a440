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


# --- extra_hosts ---------------------------------------------------------------------------

@pytest.mark.parametrize("hosts, want", [
    ("['a:1.2.3.4', 'b=5.6.7.8']", ["a=1.2.3.4", "b=5.6.7.8"]),
    ("['a:::1', 'b=::2', 'c:[::3]', 'd=[::4]']", ["a=::1", "b=::2", "c=::3", "d=::4"]),
    ("['a=1.2.3.4,5.6.7.8', 'gw:host-gateway']", ["a=1.2.3.4", "a=5.6.7.8", "gw=host-gateway"]),
    ("{a: 1.2.3.4, b: ['[::1]', 5.6.7.8]}", ["a=1.2.3.4", "b=5.6.7.8", "b=::1"]),
])
def test_extra_hosts_as_docker_compose_reads_them(tmp_path, hosts, want):
    loaded = load_files(tmp_path, service(f"    extra_hosts: {hosts}\n"))
    assert loaded.canonical["services"]["web"]["extra_hosts"] == want


def test_extra_hosts_entries_without_an_ip_are_all_reported(tmp_path):
    # docker compose: "invalid additional host, missing IP: bad host entry"
    lines = errors_of(tmp_path, service(
        "    extra_hosts:\n      - a=1.2.3.4\n      - bad host entry\n      - zz\n"))
    assert lines == [
        "compose.yaml:6:9: services.web.extra_hosts[1]: invalid extra host 'bad host entry': "
        'expected "HOST:IP" or "HOST=IP" (the IP address is missing)',
        "compose.yaml:7:9: services.web.extra_hosts[2]: invalid extra host 'zz': "
        'expected "HOST:IP" or "HOST=IP" (the IP address is missing)',
    ]


@pytest.mark.parametrize("hosts, at, name", [
    ("[':1.2.3.4']", "compose.yaml:4:19: services.web.extra_hosts[0]", ""),
    ("{'a:b': 1.2.3.4}", 'compose.yaml:4:19: services.web.extra_hosts."a:b"', "a:b"),
])
def test_extra_hosts_bad_host_names(tmp_path, hosts, at, name):
    lines = errors_of(tmp_path, service(f"    extra_hosts: {hosts}\n"))
    assert lines == [f"{at}: invalid host name {name!r} in extra_hosts: expected a non-empty "
                     'name with no ":" or "="']


@pytest.mark.parametrize("hosts, at, host, ip", [
    ("['myhost:notanip']", "extra_hosts[0]", "myhost", "notanip"),
    ("['myhost:']", "extra_hosts[0]", "myhost", ""),
    ("['ok:1.1.1.1', 'a:999.1.1.1']", "extra_hosts[1]", "a", "999.1.1.1"),
    ("{a: [1.2.3.4, bad]}", "extra_hosts.a", "a", "bad"),
])
def test_an_address_the_engine_refuses_fails_up_and_warns_config(tmp_path, hosts, at, host,
                                                                 ip):
    files = service(f"    extra_hosts: {hosts}\n")
    lines = errors_of(tmp_path, files)
    assert len(lines) == 1
    assert lines[0].endswith(f'services.web.{at}: extra host "{host}": expected an IPv4 or '
                             f'IPv6 address or "host-gateway", got "{ip}" (the engine refuses '
                             "it when it creates the container)")
    loaded = load_files(tmp_path, files, strict=False)  # `config`, as docker compose
    assert [w for w in loaded.warnings if "extra host" in w] == lines


def test_build_extra_hosts_are_checked_too(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": "services:\n  web:\n    build:\n"
                                                 "      context: .\n"
                                                 "      extra_hosts: ['nohost']\n"})
    assert lines == ["compose.yaml:5:21: services.web.build.extra_hosts[0]: invalid extra "
                     "host 'nohost': expected \"HOST:IP\" or \"HOST=IP\" (the IP address is "
                     "missing)"]
