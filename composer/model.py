"""The typed project model: frozen dataclasses built by `loader/build.py` only.

Collections are tuples and read-only mappings. Every service keeps `spec`, its canonical
mapping (what `config` prints for it), from which the config hash is computed; the typed
fields are what the planner and the executor act on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

EMPTY: Mapping = MappingProxyType({})

_model = dict(frozen=True, slots=True, kw_only=True)


def _empty():
    return field(default_factory=lambda: EMPTY)


@dataclass(**_model)
class PortMapping:
    target: int
    published: str | None = None      # "8080", "8000-8010" or None (ephemeral)
    host_ip: str | None = None
    protocol: str = "tcp"
    mode: str = "ingress"
    name: str | None = None
    app_protocol: str | None = None


@dataclass(**_model)
class Mount:
    type: str                         # bind | volume | tmpfs | npipe | image | cluster
    target: str
    source: str | None = None         # host path, volume key, or None (anonymous)
    read_only: bool = False
    create_host_path: bool = False
    propagation: str | None = None
    selinux: str | None = None
    nocopy: bool = False
    subpath: str | None = None
    tmpfs_size: int | None = None
    tmpfs_mode: int | None = None
    consistency: str | None = None


@dataclass(**_model)
class DependsOn:
    service: str
    condition: str = "service_started"  # service_started | service_healthy | ..._completed_successfully
    required: bool = True
    restart: bool = False


@dataclass(**_model)
class Healthcheck:
    test: tuple[str, ...] | None = None   # ("CMD", ...), ("CMD-SHELL", "..."), ("NONE",)
    interval: float | None = None         # seconds
    timeout: float | None = None
    start_period: float | None = None
    start_interval: float | None = None
    retries: int | None = None
    disable: bool = False


@dataclass(**_model)
class Build:
    context: str
    dockerfile: str | None = "Dockerfile"
    dockerfile_inline: str | None = None
    args: Mapping[str, str | None] = _empty()
    target: str | None = None
    labels: Mapping[str, str] = _empty()
    network: str | None = None
    no_cache: bool = False
    pull: bool = False
    tags: tuple[str, ...] = ()
    shm_size: int | None = None
    extra_hosts: tuple[str, ...] = ()
    cache_from: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()


@dataclass(**_model)
class ServiceNetwork:
    name: str                         # the key in the project's networks
    aliases: tuple[str, ...] = ()
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    mac_address: str | None = None
    priority: int = 0
    link_local_ips: tuple[str, ...] = ()


@dataclass(**_model)
class SecretRef:
    source: str
    target: str
    uid: str | None = None
    gid: str | None = None
    mode: int | None = None


@dataclass(**_model)
class Deploy:
    mode: str = "replicated"
    replicas: int | None = None
    spec: Mapping[str, Any] = _empty()   # the canonical deploy section, for swarm


@dataclass(**_model)
class Service:
    name: str
    spec: Mapping[str, Any]           # canonical form, as `config` prints it
    image: str | None = None
    build: Build | None = None
    command: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    environment: Mapping[str, str | None] = _empty()
    labels: Mapping[str, str] = _empty()
    ports: tuple[PortMapping, ...] = ()
    expose: tuple[str, ...] = ()
    mounts: tuple[Mount, ...] = ()
    networks: tuple[ServiceNetwork, ...] = ()
    network_mode: str | None = None
    depends_on: tuple[DependsOn, ...] = ()
    links: tuple[str, ...] = ()
    volumes_from: tuple[str, ...] = ()
    healthcheck: Healthcheck | None = None
    restart: str | None = None
    init: bool | None = None
    user: str | None = None
    working_dir: str | None = None
    hostname: str | None = None
    domainname: str | None = None
    container_name: str | None = None
    stop_signal: str | None = None
    stop_grace_period: float | None = None
    tty: bool = False
    stdin_open: bool = False
    privileged: bool = False
    read_only: bool = False
    secrets: tuple[SecretRef, ...] = ()
    configs: tuple[SecretRef, ...] = ()
    deploy: Deploy | None = None
    scale: int | None = None
    profiles: tuple[str, ...] = ()
    pull_policy: str | None = None
    platform: str | None = None

    @property
    def replicas(self) -> int:
        """How many containers `up` runs: scale, else deploy.replicas, else 1."""
        if self.scale is not None:
            return self.scale
        if self.deploy is not None and self.deploy.replicas is not None:
            return self.deploy.replicas
        return 1

    def dependency_names(self) -> tuple[str, ...]:
        return tuple(d.service for d in self.depends_on)


@dataclass(**_model)
class Network:
    key: str
    name: str                         # the engine's name
    external: bool = False
    driver: str | None = None
    driver_opts: Mapping[str, str] = _empty()
    internal: bool = False
    attachable: bool = False
    enable_ipv6: bool | None = None
    labels: Mapping[str, str] = _empty()
    ipam: Mapping[str, Any] = _empty()


@dataclass(**_model)
class Volume:
    key: str
    name: str
    external: bool = False
    driver: str | None = None
    driver_opts: Mapping[str, str] = _empty()
    labels: Mapping[str, str] = _empty()


@dataclass(**_model)
class SecretSource:
    """A top-level secret or config: where its content comes from."""

    key: str
    name: str
    file: str | None = None
    environment: str | None = None
    content: str | None = None
    external: bool = False
    labels: Mapping[str, str] = _empty()


@dataclass(**_model)
class Project:
    name: str
    working_dir: str
    config_files: tuple[str, ...]
    services: Mapping[str, Service]
    networks: Mapping[str, Network] = _empty()
    volumes: Mapping[str, Volume] = _empty()
    secrets: Mapping[str, SecretSource] = _empty()
    configs: Mapping[str, SecretSource] = _empty()
    environment: Mapping[str, str] = field(default_factory=lambda: EMPTY, repr=False)
