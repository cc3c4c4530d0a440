"""The container settings composer gives the engine are docker compose's: one file brought
up by each tool, and the HostConfig fields a user sets compared between the two."""
from __future__ import annotations

import subprocess

import pytest

from enginehelp import ok
from support import require_reference, sweep

FILE = """
services:
  app:
    image: busybox
    command: sleep 300
    init: true
    restart: always
    cap_add: [NET_ADMIN]
    ulimits: {nofile: {soft: 1024, hard: 2048}}
    extra_hosts: ["db.local=10.1.2.3"]
    dns: [10.9.9.9]
    tmpfs: ["/scratch:size=1m"]
    shm_size: 8m
    read_only: true
    ports: ["127.0.0.1::80"]
    logging: {driver: json-file, options: {max-size: 1m}}
    deploy:
      resources:
        limits: {memory: 50M, cpus: "0.5", pids: 100}
        reservations: {memory: 20M}
      restart_policy: {condition: on-failure, max_attempts: 3}
"""

FIELDS = ("RestartPolicy", "Memory", "MemoryReservation", "MemorySwap", "NanoCpus",
          "PidsLimit", "Ulimits", "ExtraHosts", "Dns", "Tmpfs", "ShmSize", "ReadonlyRootfs",
          "Init", "LogConfig", "Privileged")


def _settings(client, name: str) -> dict:
    found = client.api.inspect_container(name)
    hc = found["HostConfig"]
    out = {k: hc.get(k) for k in FIELDS}
    out["Image"] = found["Config"]["Image"]      # as the file writes it: `busybox`
    out["CapAdd"] = sorted(c.removeprefix("CAP_") for c in hc.get("CapAdd") or [])
    out["PortBindings"] = {p: [(b["HostIp"], bool(b["HostPort"])) for b in bs]
                           for p, bs in (hc.get("PortBindings") or {}).items()}
    return out


@pytest.fixture
def reference_project(project_name, docker_client):
    name = project_name + "ref"
    yield name
    sweep(docker_client, name)


def test_host_config_matches_docker_compose(composer, project_name, reference_project,
                                            docker_client, write):
    require_reference()
    folder = write("compose.yaml", FILE).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    ok(subprocess.run(["docker", "compose", "-p", reference_project, "up", "-d"], cwd=folder,
                      capture_output=True, text=True))
    ours = _settings(docker_client, f"{project_name}-app-1")
    theirs = _settings(docker_client, f"{reference_project}-app-1")
    assert ours == theirs
    assert ours["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 3}
    assert (ours["Memory"], ours["NanoCpus"]) == (50 * 2**20, 500_000_000)
