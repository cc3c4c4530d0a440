"""The local engine through the docker SDK: containers, images, and the connection.

Networks and volumes are in docker_resources.py, the commands beyond up and down in
docker_ops.py (mixins of DockerEngine); docker's exceptions become EngineError through
docker_translate.translated.
"""
from __future__ import annotations

import threading
from typing import Callable, Iterable

import docker
import docker.errors

from composer.engine import base as L
from composer.engine.base import Observed
from composer.engine.observe import observe_project, observed_container
from composer.engine.docker_create import create_body, endpoint
from composer.engine.docker_faults import engine_address, unreachable
from composer.engine.docker_ops import DockerOps
from composer.engine.docker_resources import ResourceOps
from composer.engine.docker_translate import explain, translated
from composer.errors import EngineError
from composer.model import Project, Service


def connect(timeout: int = 120) -> "DockerEngine":
    """The local engine. The API version is negotiated at once (one call), so an engine
    that does not answer fails here, naming where composer looked."""
    try:
        with translated("connecting to the Docker engine"):
            client = docker.from_env(timeout=timeout, version="auto")
    except EngineError as e:
        if unreachable(str(e)) or "Connection aborted" in str(e):
            cause = "no such socket" if "No such file" in str(e) else "connection refused"
            raise EngineError(f"cannot reach the Docker engine at {engine_address()} ({cause}); "
                              "is it running, and is DOCKER_HOST right?") from None
        raise
    return DockerEngine(client)


class DockerEngine(ResourceOps, DockerOps):
    """Implements composer.engine.base.Engine with the docker SDK's low-level API."""

    def __init__(self, client: "docker.DockerClient"):
        self.client = client
        self.api = client.api
        self._names: dict[str, str] = {}   # service → a container id (for service:x, links)
        self._lock = threading.Lock()

    # -- observe ---------------------------------------------------------------------------

    def observe(self, project: str, image_refs: Iterable[str] = (),
                networks: Iterable[str] | None = None,
                volumes: Iterable[str] | None = None) -> Observed:
        with translated(f"reading project {project} from the engine"):
            return observe_project(self.api, self.image_id, project, image_refs, networks,
                                   volumes)

    _container = staticmethod(observed_container)

    def image_id(self, ref: str) -> str | None:
        try:
            return self.api.inspect_image(ref)["Id"]
        except docker.errors.ImageNotFound:
            return None
        except docker.errors.NotFound:
            return None

    # -- images ------------------------------------------------------------------------------

    def build_image(self, project: Project, service: Service, tag: str,
                    log: Callable[[str], None]) -> str:
        from composer.engine.docker_build import build

        return build(self.api, project, service, tag, log)

    def pull_image(self, ref: str, log: Callable[[str], None]) -> str:
        repo, _, tag = ref.rpartition(":") if ":" in ref.rsplit("/", 1)[-1] else (ref, "", "latest")
        with translated(f"pulling image {ref}"):
            for event in self.api.pull(repo, tag=tag or "latest", stream=True, decode=True):
                if "error" in event:
                    raise EngineError(f"pulling image {ref}: {event['error']}")
                if event.get("status"):
                    log(event["status"])
        found = self.image_id(ref)
        if not found:
            raise EngineError(f"pulling image {ref}: the pull ended but the image is not there")
        return found

    # -- containers --------------------------------------------------------------------------

    def resolver(self, project: Project) -> Callable[[str], str]:
        """service → the id of its lowest-numbered container (for `service:x`, links)."""
        def resolve(service: str) -> str:
            with translated(f"finding the container of service {service}"):
                found = self.api.containers(all=True, filters={
                    "label": [f"{L.PROJECT}={project.name}", f"{L.SERVICE}={service}",
                              f"{L.ONEOFF}=False"]})
            if not found:
                raise EngineError(f"service {service} has no container to refer to")
            found.sort(key=lambda c: int((c.get("Labels") or {}).get(L.NUMBER, "0") or 0))
            return found[0]["Id"]
        return resolve

    def create_container(self, project: Project, service: Service, number: int, name: str,
                         image_id: str, image: str | None = None,
                         anonymous: dict[str, str] | None = None) -> str:
        resolve = self.resolver(project)
        body = create_body(project, service, number, image or image_id, image_id, resolve)
        if anonymous:
            _reuse_anonymous(body, anonymous)
        with translated(f"creating container {name}"):
            try:
                cid = self.api.create_container_from_config(body, name=name)["Id"]
            except docker.errors.APIError as e:
                if e.status_code == 409:
                    self._name_taken(project, service, name)
                raise
            self._connect_more(project, service, cid, body, resolve)
            self._copy_contents(project, service, cid)
        return cid

    def _name_taken(self, project: Project, service: Service, name: str) -> None:
        """Raise a clear error when the name belongs to a container not of this project."""
        try:
            other = self.api.inspect_container(name)
        except docker.errors.APIError:
            return
        owner = (other.get("Config") or {}).get("Labels") or {}
        if owner.get(L.PROJECT) == project.name:
            return
        whose = f"project {owner[L.PROJECT]}" if owner.get(L.PROJECT) else "no compose project"
        raise EngineError(
            f"service {service.name}: container name {name} is taken by container "
            f"{other['Id'][:12]}, which does not belong to project {project.name} (it belongs "
            f"to {whose}); remove or rename that container, or change container_name")

    def _connect_more(self, project, service, cid, body, resolve) -> None:
        if service.network_mode:
            return
        first = next(iter((body.get("NetworkingConfig") or {}).get("EndpointsConfig") or {}), None)
        for sn in sorted(service.networks, key=lambda n: (-n.priority, n.name)):
            net = project.networks.get(sn.name)
            net_name = net.name if net else sn.name
            if net_name == first:
                continue
            ep = endpoint(project, service, sn.name, resolve)
            ipam = ep.get("IPAMConfig") or {}
            self.api.connect_container_to_network(
                cid, net_name, aliases=ep.get("Aliases"), links=ep.get("Links"),
                ipv4_address=ipam.get("IPv4Address"), ipv6_address=ipam.get("IPv6Address"),
                link_local_ips=ipam.get("LinkLocalIPs"))

    def _copy_contents(self, project: Project, service: Service, cid: str) -> None:
        """Secrets and configs given as `content` or `environment` are written into the
        container before it starts (files are bind-mounted instead)."""
        from composer.engine.docker_files import tar_of

        files = []
        for kind, refs, sources in (("secret", service.secrets, project.secrets),
                                    ("config", service.configs, project.configs)):
            for ref in refs:
                src = sources.get(ref.source)
                if src is None or src.file:
                    continue
                if src.environment is not None:
                    data = project.environment.get(src.environment)
                    if data is None:   # as docker compose: an error, not an empty file
                        raise EngineError(f'environment variable "{src.environment}" required '
                                          f'by {kind} "{src.name}" is not set')
                else:
                    data = src.content or ""
                target = ref.target if ref.target.startswith("/") else f"/{ref.target}"
                mode = ref.mode if ref.mode is not None else 0o444
                files.append((target, data.encode(), mode, ref.uid, ref.gid))
        if files:
            self.api.put_archive(cid, "/", tar_of(files))

    def container_image(self, container_id: str) -> str:
        return self.inspect_container(container_id).get("Image", "")

    def anonymous_volumes(self, container_id: str) -> dict[str, str]:
        """Container path → volume name of the volumes a container got without a name."""
        info = self.inspect_container(container_id)
        named = {m.get("Target") for m in (info.get("HostConfig") or {}).get("Mounts") or []
                 if m.get("Source") and not _anonymous_name(m["Source"])}
        out = {}
        for m in info.get("Mounts") or []:
            if m.get("Type") == "volume" and m.get("Destination") not in named and m.get("Name"):
                if (m.get("Labels") or {}).get(L.VOLUME):
                    continue
                out[m["Destination"]] = m["Name"]
        return out

    def start_container(self, container_id: str) -> None:
        """Start a container; a taken host port raises PortInUse (an EngineError)."""
        from composer.engine.docker_faults import port_in_use

        with translated(f"starting container {container_id[:12]}"):
            try:
                self.api.start(container_id)
            except docker.errors.APIError as e:
                taken = port_in_use(explain(e))
                if taken is not None:
                    raise taken from None
                raise

    def stop_container(self, container_id: str, timeout: int | None) -> None:
        with translated(f"stopping container {container_id[:12]}"):
            try:
                self.api.stop(container_id, timeout=timeout)
            except docker.errors.NotFound:
                pass

    def remove_container(self, container_id: str, volumes: bool = False) -> None:
        with translated(f"removing container {container_id[:12]}"):
            try:
                self.api.remove_container(container_id, v=volumes, force=True)
            except docker.errors.NotFound:
                pass

    def rename_container(self, container_id: str, name: str) -> None:
        with translated(f"renaming container {container_id[:12]}"):
            self.api.rename(container_id, name)

    def inspect_container(self, container_id: str) -> dict:
        with translated(f"inspecting container {container_id[:12]}"):
            return self.api.inspect_container(container_id)

    def logs_tail(self, container_id: str, lines: int = 10) -> str:
        try:
            out = self.api.logs(container_id, tail=lines, stdout=True, stderr=True)
        except docker.errors.APIError:
            return ""
        return out.decode(errors="replace") if isinstance(out, bytes) else str(out)

    def logs(self, container_id: str, *, follow: bool = False, tail: str = "all",
             timestamps: bool = False, since: str | None = None,
             until: str | None = None) -> Iterable[bytes]:
        from composer.engine.timeparse import to_epoch

        kwargs = {"stdout": True, "stderr": True, "stream": True, "follow": follow,
                  "timestamps": timestamps,
                  "tail": "all" if tail in ("all", "-1", "") else int(tail)}
        if since:
            kwargs["since"] = to_epoch(since)
        if until:
            kwargs["until"] = to_epoch(until)
        with translated(f"reading logs of {container_id[:12]}"):
            return self.api.logs(container_id, **kwargs)

    def remove_image(self, ref: str) -> None:
        with translated(f"removing image {ref}"):
            try:
                self.api.remove_image(ref)
            except docker.errors.ImageNotFound:
                pass

    # -- waiting -----------------------------------------------------------------------------

    def wait_condition(self, container_ids: list[str], condition: str,
                       timeout: float | None, cancel: threading.Event | None = None) -> None:
        from composer.engine.docker_wait import wait_condition

        wait_condition(self, container_ids, condition, timeout, cancel)


def _anonymous_name(name: str) -> bool:
    """The engine names an unnamed volume with 64 hex digits; a container recreated by
    composer mounts it again by that name, and it stays anonymous."""
    return len(name) == 64 and all(ch in "0123456789abcdef" for ch in name)


def _reuse_anonymous(body: dict, anonymous: dict[str, str]) -> None:
    """Point the new container's unnamed volumes at the old container's volumes, so that
    recreating a container keeps the data of its anonymous volumes."""
    hc = body["HostConfig"]
    covered = set()
    for m in hc.get("Mounts") or []:
        if m.get("Type") == "volume" and not m.get("Source") and m["Target"] in anonymous:
            m["Source"] = anonymous[m["Target"]]
            covered.add(m["Target"])
    binds = hc.setdefault("Binds", [])
    named_targets = {b.split(":")[1] for b in binds if ":" in b}
    named_targets |= {m["Target"] for m in hc.get("Mounts") or []}
    for target, name in anonymous.items():
        if target not in covered and target not in named_targets:
            binds.append(f"{name}:{target}:rw")
