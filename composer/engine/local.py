"""The local engine as commands use it: reads on the unix socket without the docker SDK,
everything else through the SDK-backed DockerEngine, made on first need.

A no-op `up`, `ps` or `ls` then never imports the SDK (see engine/localread.py).
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Iterable

from composer.engine.base import Observed, ObservedContainer
from composer.engine.localread import LocalReader, ReadError
from composer.errors import EngineError


class LocalEngine:
    def __init__(self, reader: LocalReader, make: Callable[[], Any]):
        self.reader = reader
        self._make = make
        self._engine: Any = None
        self._lock = threading.Lock()
        self.sdk_calls = 0     # operations handed to the SDK engine (upmemo.py counts on it)

    @property
    def sdk(self) -> Any:
        """The DockerEngine; the docker SDK is imported and connected on first use."""
        with self._lock:
            if self._engine is None:
                self._engine = self._make()
            return self._engine

    def __getattr__(self, name: str) -> Any:
        # only reached for what this class does not define: the SDK engine's operations
        if name.startswith("__"):
            raise AttributeError(name)
        self.sdk_calls += 1
        return getattr(self.sdk, name)

    def observe(self, project: str, image_refs: Iterable[str] = (),
                networks: Iterable[str] | None = None,
                volumes: Iterable[str] | None = None) -> Observed:
        from composer.engine.observe import observe_project

        try:
            return observe_project(self.reader, self.reader.image_id, project, image_refs,
                                   networks, volumes)
        except ReadError as e:
            raise EngineError(f"reading project {project} from the engine: {e}") from None

    def image_id(self, ref: str) -> str | None:
        return self.reader.image_id(ref)

    def exists(self, kind: str, name: str) -> bool:
        try:
            return self.reader.exists(kind, name)
        except ReadError as e:
            raise EngineError(f"looking up {kind} {name}: {e}") from None

    def compose_containers(self, all: bool = True) -> list[ObservedContainer]:
        from composer.engine import base as L
        from composer.engine.observe import observed_container

        try:
            found = self.reader.containers(all=all, filters={"label": L.PROJECT})
        except ReadError as e:
            raise EngineError(f"listing compose projects: {e}") from None
        return [observed_container(c) for c in found]
