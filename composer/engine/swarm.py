"""The swarm adapter: services, overlay networks, secrets and configs through the docker SDK.

Like engine/docker.py it is the only place that talks to the daemon for its commands, and
docker's exceptions become EngineError here. Specs arrive as raw API JSON from swarm_spec;
this module only adds what needs the engine: the ids of the secrets and configs named in
them, the image id, the force-update counter.
"""
from __future__ import annotations

import copy
import time
from typing import Callable, Iterable

import docker
import docker.errors

from composer.engine.docker_translate import translated
from composer.engine.swarm_names import IMAGE_ID, NAMESPACE
from composer.engine.swarm_state import (SwarmNode, SwarmObject, SwarmService, SwarmState)
from composer.engine.swarm_wait import wait_converged
from composer.errors import EngineError
from composer.model import Project, Service


def connect(timeout: int = 120) -> "SwarmEngine":
    with translated("connecting to the Docker engine"):
        client = docker.from_env(timeout=timeout)
        swarm = client.api.info().get("Swarm") or {}
    if swarm.get("LocalNodeState") != "active":
        raise EngineError("this Docker engine is not part of a swarm: run `docker swarm init` "
                          "(or `docker swarm join`) first")
    if not swarm.get("ControlAvailable"):
        raise EngineError("this Docker engine is a swarm worker: point DOCKER_HOST at a manager")
    return SwarmEngine(client)


def _node(n: dict) -> SwarmNode:
    spec, desc = n.get("Spec") or {}, n.get("Description") or {}
    return SwarmNode(id=n["ID"], hostname=desc.get("Hostname", ""), role=spec.get("Role", ""),
                     ready=(n.get("Status") or {}).get("State") == "ready",
                     active=spec.get("Availability") == "active",
                     labels=spec.get("Labels") or {},
                     engine_labels=(desc.get("Engine") or {}).get("Labels") or {},
                     os=(desc.get("Platform") or {}).get("OS", ""),
                     arch=(desc.get("Platform") or {}).get("Architecture", ""))


class SwarmEngine:
    def __init__(self, client: "docker.DockerClient"):
        self.client = client
        self.api = client.api

    # -- reading -----------------------------------------------------------------------------

    def observe(self, stack: str, image_refs: Iterable[str] = ()) -> SwarmState:
        with translated(f"reading stack {stack} from the swarm"):
            services = self.api.services(filters={"label": f"{NAMESPACE}={stack}"},
                                         status=True)
            networks = self.api.networks()
            secrets = self.api.secrets()
            configs = self.api.configs()
            images = {ref: self.image_id(ref) for ref in set(image_refs)}
        return SwarmState(
            stack=stack,
            services=tuple(SwarmService(s["ID"], s["Spec"]["Name"], s["Version"]["Index"],
                                        s["Spec"].get("Labels") or {}, s["Spec"],
                                        (s.get("ServiceStatus") or {}).get("RunningTasks"),
                                        (s.get("ServiceStatus") or {}).get("DesiredTasks"))
                           for s in services),
            networks={n["Name"]: SwarmObject(n["Id"], n["Name"], n.get("Labels") or {},
                                             n.get("Scope", ""), n.get("Driver", ""))
                      for n in networks},
            secrets={o["Spec"]["Name"]: _object(o) for o in secrets},
            configs={o["Spec"]["Name"]: _object(o) for o in configs},
            nodes=self.nodes(), images=images)

    def nodes(self) -> tuple[SwarmNode, ...]:
        with translated("listing the swarm's nodes"):
            return tuple(_node(n) for n in self.api.nodes())

    def image_id(self, ref: str) -> str | None:
        try:
            return self.api.inspect_image(ref)["Id"]
        except docker.errors.NotFound:
            return None

    def object_id(self, kind: str, name: str) -> str:
        with translated(f"looking up {kind} {name}"):
            found = (self.api.secrets if kind == "secret" else self.api.configs)(
                filters={"name": name})
        for o in found:
            if o["Spec"]["Name"] == name:
                return o["ID"]
        raise EngineError(f"{kind} {name} is not on the swarm")

    # -- networks, secrets, configs ----------------------------------------------------------

    def create_network(self, spec: dict) -> str:
        spec = dict(spec)
        name = spec.pop("name")
        with translated(f"creating network {name}"):
            return self.api.create_network(name, check_duplicate=True, **spec)["Id"]

    def remove_network(self, ref: str) -> None:
        with translated(f"removing network {ref}"):
            try:
                self.api.remove_network(ref)
            except docker.errors.NotFound:
                pass

    def create_object(self, kind: str, name: str, data: bytes, labels: dict) -> str:
        create = self.api.create_secret if kind == "secret" else self.api.create_config
        with translated(f"creating {kind} {name}"):
            try:
                return create(name, data, labels=labels)["ID"]
            except docker.errors.APIError as e:
                if e.status_code == 409:   # same name, hence same content: made meanwhile
                    return self.object_id(kind, name)
                raise

    def remove_object(self, kind: str, ref: str, if_unused: bool = False) -> bool:
        """Remove a secret or config; with `if_unused`, one still in use is left (False)."""
        remove = self.api.remove_secret if kind == "secret" else self.api.remove_config
        with translated(f"removing {kind} {ref}"):
            try:
                remove(ref)
            except docker.errors.NotFound:
                pass
            except docker.errors.APIError as e:
                if if_unused and "in use" in str(getattr(e, "explanation", "") or e):
                    return False
                raise
        return True

    # -- services ----------------------------------------------------------------------------

    def with_ids(self, spec: dict) -> dict:
        """The spec with SecretID / ConfigID next to each name, as the engine wants."""
        spec = copy.deepcopy(spec)
        cs = spec["TaskTemplate"]["ContainerSpec"]
        for key, kind in (("Secrets", "secret"), ("Configs", "config")):
            for ref in cs.get(key) or ():
                name = ref[f"{kind.capitalize()}Name"]
                ref[f"{kind.capitalize()}ID"] = self.object_id(kind, name)
        return spec

    def create_service(self, spec: dict) -> str:
        with translated(f"creating service {spec['Name']}"):
            return self.api.create_service(**_arguments(self.with_ids(spec)))["ID"]

    def update_service(self, service_id: str, version: int, spec: dict) -> None:
        with translated(f"updating service {spec['Name']}"):
            self.api.update_service(service_id, version, **_arguments(self.with_ids(spec)))

    def remove_service(self, service_id: str) -> None:
        with translated(f"removing service {service_id}"):
            try:
                self.api.remove_service(service_id)
            except docker.errors.NotFound:
                pass

    def service_image_id(self, service_id: str) -> str | None:
        with translated(f"inspecting service {service_id}"):
            labels = self.api.inspect_service(service_id)["Spec"].get("Labels") or {}
        return labels.get(IMAGE_ID)

    def build_image(self, project: Project, service: Service, tag: str,
                    log: Callable[[str], None]) -> str:
        from composer.engine.docker_build import build

        return build(self.api, project, service, tag, log)

    # -- waiting -----------------------------------------------------------------------------

    def wait_converged(self, name: str, spec_hash: str | None, *, timeout: float | None,
                       log: Callable[[str], None]) -> None:
        def read():
            with translated(f"reading the tasks of service {name}"):
                service = self.api.inspect_service(name)
                return service, self.api.tasks(filters={"service": service["ID"]})

        wait_converged(read, lambda: list(self.nodes()), spec_hash, timeout=timeout,
                       log=log)

    def wait_drained(self, stack: str, *, timeout: float | None,
                     log: Callable[[str], None], poll: float = 0.5) -> None:
        """Until no task of the stack is left (removed services take their tasks along)."""
        start, shown = time.monotonic(), None
        while True:
            with translated(f"reading the tasks of stack {stack}"):
                left = len(self.api.tasks(filters={"label": f"{NAMESPACE}={stack}"}))
            if left == 0:
                return
            if left != shown:
                shown = left
                log(f"{left} task{'s' if left != 1 else ''} left")
            if timeout is not None and time.monotonic() - start >= timeout:
                raise EngineError(f"stack {stack}: {left} tasks still there after {timeout:g}s")
            time.sleep(poll)

    # -- listing (stack ls / ps / services) ------------------------------------------------

    def all_stack_services(self) -> list[dict]:
        with translated("listing services"):
            return self.api.services(filters={"label": NAMESPACE}, status=True)

    def stack_services(self, stack: str) -> list[dict]:
        with translated(f"listing the services of stack {stack}"):
            return self.api.services(filters={"label": f"{NAMESPACE}={stack}"}, status=True)

    def stack_tasks(self, stack: str) -> list[dict]:
        with translated(f"listing the tasks of stack {stack}"):
            return self.api.tasks(filters={"label": f"{NAMESPACE}={stack}"})


def _object(o: dict) -> SwarmObject:
    return SwarmObject(o["ID"], o["Spec"]["Name"], o["Spec"].get("Labels") or {})


def _arguments(spec: dict) -> dict:
    """A raw ServiceSpec as the SDK's keyword arguments (the SDK sends them as given)."""
    return {"task_template": spec["TaskTemplate"], "name": spec["Name"],
            "labels": spec["Labels"], "mode": spec["Mode"],
            "update_config": spec.get("UpdateConfig"),
            "rollback_config": spec.get("RollbackConfig"),
            "endpoint_spec": spec.get("EndpointSpec")}
