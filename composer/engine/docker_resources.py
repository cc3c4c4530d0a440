"""Networks and volumes of a project through the docker SDK: a mixin of DockerEngine.

A network or volume of the project's name that someone else made is never taken over: a
network is refused, a volume is used with docker compose's warning (ForeignVolume); a
network still in use when it is to go names the containers that hold it (NetworkInUse).
"""
from __future__ import annotations

import time
from typing import Any

import docker.errors

from composer.engine import base as L
from composer.engine.docker_translate import explain, translated
from composer.errors import EngineError, ForeignVolume, NetworkInUse
from composer.model import Network, Project, Volume


STALE_SETTLE = 3.0   # seconds a network with no container attached is tried again


class ResourceOps:
    api: Any


    def exists(self, kind: str, name: str) -> bool:
        inspect = self.api.inspect_network if kind == "network" else self.api.inspect_volume
        with translated(f"looking up {kind} {name}"):
            try:
                inspect(name)
                return True
            except docker.errors.NotFound:
                return False

    def create_network(self, project: Project, network: Network) -> str:
        labels = dict(network.labels)
        labels.update({L.PROJECT: project.name, L.NETWORK: network.key,
                       L.VERSION: L.COMPOSE_VERSION})
        ipam = None
        if network.ipam:
            ipam = {"Driver": network.ipam.get("driver") or "default",
                    "Config": [{_cap(k): v for k, v in c.items()}
                               for c in network.ipam.get("config") or []],
                    "Options": network.ipam.get("options") or {}}
        with translated(f"creating network {network.name}"):
            try:
                res = self.api.create_network(
                    network.name, driver=network.driver or "bridge",
                    options=dict(network.driver_opts) or None, ipam=ipam,
                    internal=network.internal, labels=labels,
                    enable_ipv6=bool(network.enable_ipv6), attachable=network.attachable or None,
                    check_duplicate=True)
            except docker.errors.APIError as e:
                if e.status_code == 409:  # created meanwhile, e.g. by a concurrent `up`
                    return self._own_network(project, network)
                raise
        return res["Id"]

    def _own_network(self, project: Project, network: Network) -> str:
        """The id of the network of this name, if it is the project's; one made by someone
        else is not taken over (as docker compose refuses it too)."""
        found = self.api.inspect_network(network.name)
        labels = found.get("Labels") or {}
        if labels.get(L.PROJECT) != project.name or labels.get(L.NETWORK) != network.key:
            raise EngineError(
                f"network {network.name} already exists and does not belong to project "
                f"{project.name} (it has no compose labels for network {network.key}); set "
                "`external: true` to use it, or remove it")
        return found["Id"]

    def remove_network(self, name: str, id: str | None = None, *,
                       settle: float = STALE_SETTLE) -> None:
        """Remove by id when known: a foreign network may bear the same name. A network
        the engine says is in use while no container is attached is tried again for up to
        `settle` seconds: an engine under load (20.10 seen here) can count an endpoint of
        a container it has just removed for a while, or for good."""
        ref = id or name
        deadline = time.monotonic() + settle
        with translated(f"removing network {name}"):
            while True:
                try:
                    self.api.remove_network(ref)
                    return
                except docker.errors.NotFound:
                    return
                except docker.errors.APIError as e:
                    if "active endpoints" not in explain(e):
                        raise
                users = self._network_users(ref)
                if users or time.monotonic() >= deadline:
                    raise NetworkInUse(name, users) from None
                time.sleep(0.25)

    def _network_users(self, ref: str) -> list[str]:
        try:
            found = self.api.inspect_network(ref)
        except docker.errors.APIError:
            return []
        return sorted((c.get("Name") or cid[:12])
                      for cid, c in (found.get("Containers") or {}).items())

    def create_volume(self, project: Project, volume: Volume) -> str:
        labels = dict(volume.labels)
        labels.update({L.PROJECT: project.name, L.VOLUME: volume.key,
                       L.VERSION: L.COMPOSE_VERSION})
        with translated(f"creating volume {volume.name}"):
            try:
                found = self.api.inspect_volume(volume.name)
            except docker.errors.NotFound:
                found = None
            if found is not None and (found.get("Labels") or {}).get(L.PROJECT) != project.name:
                # the engine would hand it over silently; docker compose uses it with a warning
                raise ForeignVolume(f'volume "{volume.name}" already exists but was not created '
                                    "by composer or docker compose; it is used as it is, and "
                                    "`down -v` leaves it. Use `external: true` to use an "
                                    "existing volume")
            self.api.create_volume(volume.name, driver=volume.driver or "local",
                                   driver_opts=dict(volume.driver_opts) or None, labels=labels)
        return volume.name

    def remove_volume(self, name: str) -> None:
        with translated(f"removing volume {name}"):
            try:
                self.api.remove_volume(name)
            except docker.errors.NotFound:
                pass


def _cap(key: str) -> str:
    return {"subnet": "Subnet", "ip_range": "IPRange", "gateway": "Gateway",
            "aux_addresses": "AuxiliaryAddresses"}.get(key, key)
