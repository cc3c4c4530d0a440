"""What a swarm holds, read once: plain data the swarm planner decides from.

No docker import here: the adapter (engine/swarm.py) fills these from the engine, tests can
write them by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from composer.engine.swarm_names import NAMESPACE


@dataclass(frozen=True, slots=True)
class SwarmService:
    id: str
    name: str
    version: int
    labels: Mapping[str, str]
    spec: Mapping[str, Any]
    running: int | None = None       # tasks running now (ServiceStatus), None if unknown
    desired: int | None = None       # tasks the swarm wants

    @property
    def settled(self) -> bool:
        """Running as many tasks as the swarm wants (True when the counts are unknown)."""
        return self.running is None or self.desired is None or self.running >= self.desired

    @property
    def force_update(self) -> int:
        return int((self.spec.get("TaskTemplate") or {}).get("ForceUpdate") or 0)

    def file_names(self, kind: str) -> dict[str, str]:
        """Secret or config file target → engine name, as the service uses them now."""
        cs = (self.spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}
        refs = cs.get("Secrets" if kind == "secret" else "Configs") or ()
        field_name = "SecretName" if kind == "secret" else "ConfigName"
        return {(r.get("File") or {}).get("Name", ""): r.get(field_name, "") for r in refs}


@dataclass(frozen=True, slots=True)
class SwarmObject:
    """A network, secret or config."""

    id: str
    name: str
    labels: Mapping[str, str]
    scope: str = "swarm"
    driver: str = ""

    @property
    def stack(self) -> str | None:
        return self.labels.get(NAMESPACE)


@dataclass(frozen=True, slots=True)
class SwarmNode:
    id: str
    hostname: str
    role: str
    ready: bool
    active: bool
    labels: Mapping[str, str] = field(default_factory=dict)
    engine_labels: Mapping[str, str] = field(default_factory=dict)
    os: str = ""
    arch: str = ""


@dataclass(frozen=True, slots=True)
class SwarmState:
    """The stack's services, and every network, secret and config by name."""

    stack: str
    services: tuple[SwarmService, ...] = ()
    networks: Mapping[str, SwarmObject] = field(default_factory=dict)
    secrets: Mapping[str, SwarmObject] = field(default_factory=dict)
    configs: Mapping[str, SwarmObject] = field(default_factory=dict)
    nodes: tuple[SwarmNode, ...] = ()
    images: Mapping[str, str | None] = field(default_factory=dict)   # ref → local image id

    def service(self, name: str) -> SwarmService | None:
        return next((s for s in self.services if s.name == name), None)

    def objects(self, kind: str) -> Mapping[str, SwarmObject]:
        return {"network": self.networks, "secret": self.secrets, "config": self.configs}[kind]

    def owned(self, kind: str) -> list[SwarmObject]:
        return sorted((o for o in self.objects(kind).values() if o.stack == self.stack),
                      key=lambda o: o.name)
