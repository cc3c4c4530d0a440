"""What a stack needs besides services: overlay networks, secrets and configs.

Secrets and configs are immutable on a swarm, so each content gets its own engine name
(`demo_token-3f2a1b9c0d`): a changed file makes a new version, the services that use it
change spec and roll, and the old version is removed once nothing uses it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from composer.engine.swarm_names import NAMESPACE, SOURCE, versioned
from composer.errors import ConfigError, Location
from composer.model import Network, Project, SecretSource, Service, ServiceNetwork


_IPAM_KEYS = {"subnet": "Subnet", "ip_range": "IPRange", "gateway": "Gateway",
              "aux_addresses": "AuxiliaryAddresses"}


@dataclass(frozen=True, slots=True)
class DesiredObject:
    kind: str                       # secret | config
    key: str                        # the key in the file
    name: str                       # the engine's name (versioned unless external)
    external: bool = False
    data: bytes = b""
    labels: Mapping[str, str] = field(default_factory=dict)


def _content(project: Project, kind: str, src: SecretSource) -> bytes:
    where = Location(path=f"{kind}s.{src.key}")
    if src.file:
        try:
            with open(src.file, "rb") as f:
                return f.read()
        except OSError as e:
            raise ConfigError(f"cannot read {src.file}: {e.strerror}",
                              Location(path=f"{where.path}.file")) from None
    if src.environment:
        value = project.environment.get(src.environment)
        if value is None:
            raise ConfigError(f"environment variable {src.environment} is not set",
                              Location(path=f"{where.path}.environment"))
        return value.encode()
    if src.content is not None:
        return src.content.encode()
    raise ConfigError(f"a {kind} needs file, environment, content or external", where)


def desired_object(project: Project, stack: str, kind: str, key: str) -> DesiredObject:
    sources = project.secrets if kind == "secret" else project.configs
    src = sources.get(key)
    if src is None:
        raise ConfigError(f"{kind} {key!r} is not defined", Location(path=f"{kind}s"))
    if src.external:
        return DesiredObject(kind, key, src.name, external=True)
    data = _content(project, kind, src)
    digest = hashlib.sha256(data).hexdigest()
    labels = {**src.labels, NAMESPACE: stack, SOURCE: key}
    return DesiredObject(kind, key, versioned(src.name, digest), data=data, labels=labels)


def desired_objects(project: Project, stack: str,
                    services: Iterable[Service]) -> dict[tuple[str, str], DesiredObject]:
    """(kind, key) → object, for the secrets and configs the services use."""
    out: dict[tuple[str, str], DesiredObject] = {}
    for svc in services:
        for kind, refs in (("secret", svc.secrets), ("config", svc.configs)):
            for ref in refs:
                if (kind, ref.source) not in out:
                    out[(kind, ref.source)] = desired_object(project, stack, kind, ref.source)
    return out


def stack_networks(project: Project, service: Service) -> tuple[ServiceNetwork, ...]:
    """The service's networks on a swarm. `network_mode: host` has none; any other
    network_mode (`service:x`, `container:…`) is ignored there, with a warning, and the
    service joins the stack's default network, as `docker stack deploy` puts it."""
    if service.network_mode == "host":
        return ()
    if service.network_mode:
        return (ServiceNetwork(name="default"),) if "default" in project.networks else ()
    return service.networks


def used_networks(project: Project, services: Iterable[Service]) -> list[Network]:
    keys = sorted({n.name for s in services for n in stack_networks(project, s)})
    return [project.networks[k] for k in keys if k in project.networks]


def network_spec(stack: str, network: Network) -> dict:
    """An overlay network (unless another driver is named), attachable so that `docker run
    --network` can join it, labelled as the stack's."""
    spec: dict = {"name": network.name, "driver": network.driver or "overlay",
                  "attachable": True, "scope": "swarm", "internal": network.internal,
                  "labels": {**network.labels, NAMESPACE: stack}}
    if network.driver_opts:
        spec["options"] = dict(network.driver_opts)
    if network.enable_ipv6:
        spec["enable_ipv6"] = True
    if network.ipam:
        spec["ipam"] = {"Driver": network.ipam.get("driver") or "default",
                        "Config": [{_IPAM_KEYS.get(k, k): v for k, v in c.items()}
                                   for c in network.ipam.get("config") or []],
                        "Options": dict(network.ipam.get("options") or {})}
    return spec
