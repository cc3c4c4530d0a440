"""A service's fixed address on a network (`ipv4_address`, `ipv6_address`) that the engine
would refuse when it connects the container: rejected by `up` before anything is created,
a warning for `config` (docker compose's `config` accepts it)."""
from __future__ import annotations

import pytest

from helpers import errors_of, load_files

NET = """networks:
  back:
    ipam:
      config:
        - subnet: 10.5.0.0/24
        - subnet: fd00:5::/64
"""


def project(net: str, key: str, value: str, networks: str = NET) -> dict[str, str]:
    return {"compose.yaml": f"services:\n  web:\n    image: x\n    networks:\n      {net}:\n"
                            f"        {key}: {value}\n" + networks}


@pytest.mark.parametrize("key, value", [("ipv4_address", "10.5.0.9"),
                                        ("ipv6_address", "fd00:5::9")])
def test_an_address_in_the_networks_subnet_passes(tmp_path, key, value):
    loaded = load_files(tmp_path, project("back", key, value))
    assert loaded.canonical["services"]["web"]["networks"]["back"][key] == value


@pytest.mark.parametrize("net, key, value, networks, message", [
    ("back", "ipv4_address", "999.1.1.1", NET, 'expected an IPv4 address, got "999.1.1.1"'),
    ("back", "ipv6_address", "10.5.0.9", NET, 'expected an IPv6 address, got "10.5.0.9"'),
    ("back", "ipv4_address", "10.6.0.1", NET,
     "10.6.0.1 is outside the subnets of network back (10.5.0.0/24, fd00:5::/64)"),
    ("default", "ipv4_address", "10.5.0.9", "",
     "a fixed address needs a network with a configured subnet; network default has no IPv4 "
     "subnet (add `ipam: {config: [{subnet: ...}]}` to network default)"),
])
def test_an_address_the_engine_refuses_fails_up_and_warns_config(tmp_path, net, key, value,
                                                                 networks, message):
    files = project(net, key, value, networks)
    lines = errors_of(tmp_path, files)
    assert lines == [f"compose.yaml:6:9: services.web.networks.{net}.{key}: {message}"]
    loaded = load_files(tmp_path, files, strict=False)
    assert loaded.warnings == lines


def test_an_external_network_is_not_second_guessed(tmp_path):
    load_files(tmp_path, project("back", "ipv4_address", "10.9.9.9",
                                 "networks:\n  back:\n    external: true\n"))
