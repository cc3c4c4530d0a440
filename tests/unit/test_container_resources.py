"""deploy.resources and deploy.restart_policy in the container create body, as docker
compose applies them on a single engine (they win over `restart`; a service key and its deploy twin must agree)."""
from __future__ import annotations

import pytest

from composer.engine.docker_create import create_body
from composer.errors import ConfigError
from composer.loader import LoadOptions, load


def _host_config(tmp_path, text: str) -> dict:
    (tmp_path / "compose.yaml").write_text(text)
    p = load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="m")).project
    return create_body(p, p.services["web"], 1, "busybox", "sha256:x",
                       resolve=lambda s: s)["HostConfig"]


def test_limits_reservations_and_restart_policy_apply(tmp_path):
    hc = _host_config(tmp_path, """
services:
  web:
    image: busybox
    restart: always
    deploy:
      resources:
        limits: {memory: 50M, cpus: "0.5", pids: 100}
        reservations:
          memory: 20M
          devices: [{capabilities: [gpu], count: all, driver: nvidia}]
      restart_policy: {condition: on-failure, max_attempts: 3}
""")
    assert (hc["Memory"], hc["NanoCpus"], hc["PidsLimit"], hc["MemoryReservation"]) == \
        (50 * 2**20, 500_000_000, 100, 20 * 2**20)
    assert hc["DeviceRequests"] == [{"Driver": "nvidia", "Count": -1, "DeviceIDs": None,
                                     "Capabilities": [["gpu"]], "Options": {}}]
    assert hc["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 3}


def test_restart_policy_conditions_as_the_engine_names_them(tmp_path):
    for condition, name in (("any", "always"), ("none", "no"), ("on-failure", "on-failure")):
        hc = _host_config(tmp_path, "services:\n  web:\n    image: busybox\n    deploy:\n"
                                    f"      restart_policy: {{condition: {condition}}}\n")
        assert hc["RestartPolicy"] == {"Name": name}


def test_without_deploy_the_service_keys_stay(tmp_path):
    hc = _host_config(tmp_path, "services:\n  web:\n    image: busybox\n    mem_limit: 1g\n"
                                "    restart: unless-stopped\n")
    assert hc["Memory"] == 2**30 and "NanoCpus" not in hc
    assert hc["RestartPolicy"] == {"Name": "unless-stopped"}


@pytest.mark.parametrize("key, value, section, field, other", [
    ("mem_limit", "1g", "limits", "memory", "50M"),
    ("cpus", "2", "limits", "cpus", "'0.5'"),
    ("pids_limit", "10", "limits", "pids", "100"),
    ("mem_reservation", "1g", "reservations", "memory", "20M"),
])
def test_a_service_key_and_its_deploy_twin_must_agree(tmp_path, key, value, section, field,
                                                      other):
    text = (f"services:\n  web:\n    image: busybox\n    {key}: {value}\n    deploy:\n"
            f"      resources:\n        {section}: {{{field}: {other}}}\n")
    with pytest.raises(ConfigError, match=rf"compose.yaml:7:\d+: services.web.deploy.resources"
                                          rf".{section}.{field}: can't set distinct values on "
                                          rf"`{key}`"):
        _host_config(tmp_path, text)
    same = text.replace(f"{field}: {other}", f"{field}: {value}")
    _host_config(tmp_path, same)    # one value given twice is fine
