"""Fixtures and helpers of the swarm engine tests (imported by tests/engine/test_swarm_*.py).

`swarm` makes the engine a single-node swarm manager for the session when it is not in a
swarm yet (`docker swarm init --advertise-addr 127.0.0.1`) and leaves the swarm at the end
only if it joined it (and no one else's service is on it). `stack` is a unique stack name
whose every object is removed after the test. Published ports use host mode and are reached
on 127.0.0.1: the ingress routing mesh does not answer on this machine.
"""
from __future__ import annotations

import time
import urllib.request
import uuid

import docker.errors
import pytest

NAMESPACE = "com.docker.stack.namespace"
GWBRIDGE = "docker_gwbridge"


@pytest.fixture(scope="session")
def swarm(docker_client):
    joined = False
    had_gwbridge = bool(docker_client.api.networks(names=[GWBRIDGE]))
    if _swarm_state(docker_client) != "active":
        try:
            docker_client.swarm.init(advertise_addr="127.0.0.1")
            joined = True
        except docker.errors.APIError:   # another session made it a swarm meanwhile
            if _swarm_state(docker_client) != "active":
                raise
    yield docker_client
    if joined and not docker_client.api.services():
        docker_client.swarm.leave(force=True)
        if not had_gwbridge:   # made by the swarm for its tasks' outside traffic
            _quietly(docker_client.api.remove_network, GWBRIDGE)


def _swarm_state(client) -> str:
    return (client.info().get("Swarm") or {}).get("LocalNodeState", "")


@pytest.fixture
def stack(swarm):
    name = "cs" + uuid.uuid4().hex[:8]
    yield name
    sweep_stack(swarm, name)


def owned(client, stack: str) -> dict[str, list[str]]:
    """The stack's objects by kind (what `stack rm` must leave empty)."""
    label = {"label": f"{NAMESPACE}={stack}"}
    return {"services": sorted(s["Spec"]["Name"] for s in client.api.services(filters=label)),
            "networks": sorted(n["Name"] for n in client.api.networks(filters=label)),
            "secrets": sorted(s["Spec"]["Name"] for s in client.api.secrets(filters=label)),
            "configs": sorted(c["Spec"]["Name"] for c in client.api.configs(filters=label))}


def sweep_stack(client, stack: str, timeout: float = 60) -> None:
    """Remove everything labelled with the stack, whatever a test left."""
    label = {"label": f"{NAMESPACE}={stack}"}
    api = client.api
    for s in api.services(filters=label):
        _quietly(api.remove_service, s["ID"])
    deadline = time.monotonic() + timeout
    while (api.tasks(filters=label) or api.containers(all=True, filters=label)) \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    for s in api.secrets(filters=label):
        _quietly(api.remove_secret, s["ID"])
    for c in api.configs(filters=label):
        _quietly(api.remove_config, c["ID"])
    for n in api.networks(filters=label):
        _quietly(api.remove_network, n["Id"])
    while time.monotonic() < deadline:
        left = (api.volumes(filters=label) or {}).get("Volumes") or []
        if not left or all(_quietly(api.remove_volume, v["Name"]) for v in left):
            break
        time.sleep(0.5)
    # images `stack deploy --build` made (builds label them with the project)
    built = {"label": f"com.docker.compose.project={stack}"}
    for image in api.images(filters=built):
        _quietly(lambda i: api.remove_image(i, force=True), image["Id"])


def _quietly(fn, *args) -> bool:
    try:
        fn(*args)
        return True
    except docker.errors.APIError:
        return False


def running_tasks(client, service: str) -> list[dict]:
    return [t for t in client.api.tasks(filters={"service": service, "desired-state": "running"})
            if t["Status"]["State"] == "running"]


def task_ports(client, service: str) -> list[int]:
    """The IPv4 host ports the running tasks of a service publish (host mode).

    A task's PortStatus lists the IPv4 and the IPv6 bindings alike, and the engine may
    give them different numbers (one task's IPv6 number can be another's IPv4 one), so
    the ports are read from the tasks' containers, where the address is known."""
    ports = set()
    for t in running_tasks(client, service):
        cid = ((t["Status"].get("ContainerStatus") or {}).get("ContainerID"))
        if not cid:
            continue
        bindings = client.api.inspect_container(cid)["NetworkSettings"]["Ports"] or {}
        for entries in bindings.values():
            for b in entries or ():
                if b.get("HostIp") in ("0.0.0.0", "127.0.0.1", ""):
                    ports.add(int(b["HostPort"]))
    return sorted(ports)


def get(url: str, tries: int = 20) -> str:
    for i in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except OSError:
            if i == tries - 1:
                raise
            time.sleep(0.25)
    return ""


def version(client, service: str) -> int:
    return client.api.inspect_service(service)["Version"]["Index"]


def eventually(read, want, timeout: float = 60, poll: float = 0.5):
    """`read()` until it returns `want` (for what the docker CLI finishes in the background)."""
    deadline = time.monotonic() + timeout
    got = read()
    while got != want and time.monotonic() < deadline:
        time.sleep(poll)
        got = read()
    return got
