"""The engine boundary: what the planner reads and what the executor asks for.

The planner sees only `Observed` (plain data read once from the engine); the executor
calls an `Engine`. `engine/docker.py` implements it with the docker SDK and translates
its exceptions into EngineError; nothing above this package imports docker.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Protocol

from composer.model import Network, Project, Service, Volume

# labels shared with docker compose, so each tool sees the other's projects
PROJECT = "com.docker.compose.project"
SERVICE = "com.docker.compose.service"
NUMBER = "com.docker.compose.container-number"
ONEOFF = "com.docker.compose.oneoff"
CONFIG_HASH = "com.docker.compose.config-hash"
WORKING_DIR = "com.docker.compose.project.working_dir"
CONFIG_FILES = "com.docker.compose.project.config_files"
ENV_FILE = "com.docker.compose.project.environment_file"
DEPENDS_ON = "com.docker.compose.depends_on"
IMAGE = "com.docker.compose.image"
VERSION = "com.docker.compose.version"
NETWORK = "com.docker.compose.network"
VOLUME = "com.docker.compose.volume"
REPLACE = "com.docker.compose.replace"
# composer's own: the canonical service config, so a plan can name what changed, and the
# digests of the secrets' and configs' content (docker compose's hash leaves them out)
SPEC = "io.composer.spec"
CONTENT = "io.composer.content"

COMPOSE_VERSION = "2.40.3"   # the docker compose version whose behaviour we follow


class Cancel(threading.Event):
    """An Event that also calls back when set, so a blocked wait can be woken at once."""

    def __init__(self) -> None:
        super().__init__()
        self._callbacks: list[Callable[[], None]] = []
        self._guard = threading.Lock()

    def set(self) -> None:
        with self._guard:
            super().set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def on_set(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` when set (now, if it already is); returns an unregister."""
        with self._guard:
            if not self.is_set():
                self._callbacks.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._guard:
            if callback in self._callbacks:
                self._callbacks.remove(callback)


@dataclass(frozen=True, slots=True)
class ObservedContainer:
    id: str
    name: str
    service: str
    number: int
    oneoff: bool
    state: str                       # created | running | exited | paused | restarting | dead
    health: str | None               # starting | healthy | unhealthy | None
    image_id: str
    labels: Mapping[str, str]
    exit_code: int | None = None
    status: str = ""                 # "Up 2 minutes (healthy)"
    image: str = ""                  # as given at create time
    command: str = ""
    created: int = 0                 # epoch seconds
    ports: tuple = ()                # the engine's port summaries
    mounts: tuple = ()               # the engine's mount summaries (Type, Name, Source …)
    networks: tuple[str, ...] = ()   # names of the networks it is connected to
    network_ids: Mapping[str, str] = field(default_factory=dict)  # network name → its id then

    @property
    def config_hash(self) -> str | None:
        return self.labels.get(CONFIG_HASH)


@dataclass(frozen=True, slots=True)
class ObservedResource:
    name: str
    id: str
    labels: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Observed:
    """The project's objects on the engine, read once by label."""

    containers: tuple[ObservedContainer, ...] = ()
    networks: tuple[ObservedResource, ...] = ()
    volumes: tuple[ObservedResource, ...] = ()
    images: Mapping[str, str | None] = field(default_factory=dict)  # image ref → local id

    def of_service(self, service: str, oneoff: bool = False) -> list[ObservedContainer]:
        return sorted((c for c in self.containers if c.service == service and c.oneoff == oneoff),
                      key=lambda c: c.number)


class Engine(Protocol):
    """What the executor may ask of an engine. Every failure raises EngineError."""

    def observe(self, project: str, image_refs: Iterable[str] = (),
                networks: Iterable[str] | None = None,
                volumes: Iterable[str] | None = None) -> Observed:
        """The project's objects; `networks`/`volumes` name the ones the caller needs to
        know about (None: all of the project's)."""

    def create_network(self, project: Project, network: Network) -> str: ...

    def remove_network(self, name: str, id: str | None = None) -> None: ...

    def create_volume(self, project: Project, volume: Volume) -> str: ...

    def remove_volume(self, name: str) -> None: ...

    def build_image(self, project: Project, service: Service, tag: str,
                    log: Callable[[str], None]) -> str: ...

    def pull_image(self, ref: str, log: Callable[[str], None]) -> str: ...

    def image_id(self, ref: str) -> str | None: ...

    def exists(self, kind: str, name: str) -> bool:
        """Whether a network or volume (`kind`) of this name is on the engine."""
        ...

    def create_container(self, project: Project, service: Service, number: int, name: str,
                         image_id: str, image: str | None = None,
                         anonymous: Mapping[str, str] | None = None) -> str:
        """`anonymous` maps container paths to existing anonymous volumes to reuse."""

    def container_image(self, container_id: str) -> str: ...

    def anonymous_volumes(self, container_id: str) -> dict[str, str]: ...

    def start_container(self, container_id: str) -> None: ...

    def stop_container(self, container_id: str, timeout: int | None) -> None: ...

    def remove_container(self, container_id: str, volumes: bool = False) -> None: ...

    def rename_container(self, container_id: str, name: str) -> None: ...

    def wait_condition(self, container_ids: list[str], condition: str,
                       timeout: float | None, cancel: threading.Event | None = None) -> None:
        """Return when every container meets `condition` (service_healthy,
        service_completed_successfully, service_running, service_ready: healthy if it has
        a healthcheck, else running); EngineError when one never will, on timeout, or when
        `cancel` is set."""

    def inspect_container(self, container_id: str) -> dict: ...

    def logs_tail(self, container_id: str, lines: int = 10) -> str: ...

    def logs(self, container_id: str, *, follow: bool = False, tail: str = "all",
             timestamps: bool = False, since: str | None = None,
             until: str | None = None) -> Iterable[bytes]: ...

    def remove_image(self, ref: str) -> None: ...


class EngineOps(Engine, Protocol):
    """What the other commands (exec, run, kill, top, cp, events, ls …) ask of an engine.
    Implemented for the local engine by engine/docker_ops.py."""

    def compose_containers(self, all: bool = True) -> list[ObservedContainer]: ...

    def inspect_container(self, container_id: str) -> dict: ...

    def image_info(self, ref: str) -> dict | None: ...

    def kill_container(self, container_id: str, signal: str | None = None) -> None: ...

    def pause_container(self, container_id: str) -> None: ...

    def unpause_container(self, container_id: str) -> None: ...

    def restart_container(self, container_id: str, timeout: int | None) -> None: ...

    def wait_exit(self, container_id: str) -> int: ...

    def top(self, container_id: str) -> dict: ...

    def stats(self, container_id: str) -> dict: ...

    def exec_create(self, container_id: str, cmd: list[str], *, tty: bool, stdin: bool,
                    env: dict[str, str] | None = None, user: str | None = None,
                    workdir: str | None = None, privileged: bool = False) -> str: ...

    def exec_start_detached(self, exec_id: str) -> None: ...

    def exec_attach(self, exec_id: str, tty: bool): ...

    def exec_exit_code(self, exec_id: str) -> int: ...

    def container_attach(self, container_id: str, tty: bool, stdin: bool): ...

    def create_oneoff(self, project: Project, service: Service, name: str, image: str,
                      image_id: str, slug: str, *, use_aliases: bool) -> str: ...

    def get_archive(self, container_id: str, path: str) -> tuple[Iterable[bytes], dict]: ...

    def put_archive(self, container_id: str, path: str, data: bytes) -> None: ...

    def push_image(self, ref: str, log: Callable[[str], None]) -> None: ...

    def events(self, project: str, since: str | None = None,
               until: str | None = None) -> Iterable[dict]: ...
