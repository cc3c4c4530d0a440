"""The engine floor: the same containers, driven straight through the docker SDK.

What no orchestrator on top of this engine can beat: the project's network and its
containers are created, started, stopped and removed with raw API calls on a thread pool,
with nothing else around them (no file reading, no observing, no planning). The create
bodies are composer's own (`composer.engine.docker_create.create_body`), computed before
the clock starts, so the floor creates exactly the containers composer creates.

Order is respected as any orchestrator must: a container starts once the containers it
depends on have started (or, for `service_healthy`, once the engine reported them
healthy); a container stops once its dependents have stopped. Creating and removing
gate nothing.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import docker

from composer.engine import base as L
from composer.engine.docker_create import create_body
from composer.loader import LoadOptions, load

IMAGE = "busybox:latest"


@dataclass
class FloorProject:
    """One project prepared for the floor: bodies, names and the dependency edges."""

    name: str
    network: str
    network_labels: dict
    bodies: dict[str, dict]            # service → create body
    deps: dict[str, dict[str, str]]    # service → {dependency: condition}


def prepare(folder: Path, project_name: str, image_id: str) -> FloorProject:
    loaded = load(LoadOptions(project_directory=str(folder), project_name=project_name,
                              environ={}, cwd=str(folder)))
    project = loaded.project
    net = project.networks["default"]

    def resolve(service: str) -> str:
        return f"{project.name}-{service}-1"

    bodies = {s.name: create_body(project, s, 1, IMAGE, image_id, resolve)
              for s in project.services.values()}
    deps = {s.name: {d.service: d.condition for d in s.depends_on}
            for s in project.services.values()}
    labels = dict(net.labels)
    labels.update({L.PROJECT: project.name, L.NETWORK: net.key, L.VERSION: L.COMPOSE_VERSION})
    return FloorProject(project.name, net.name, labels, bodies, deps)


def run_ordered(pool: ThreadPoolExecutor, items: list[str], after: dict[str, set[str]],
                fn: Callable[[str], None]) -> None:
    """Run fn(item) on the pool, each item as soon as every item in after[item] is done."""
    lock = threading.Lock()
    done_all = threading.Event()
    waiting = {i: set(after.get(i, ())) & set(items) for i in items}
    remaining = [len(items)]
    errors: list[BaseException] = []
    dependents: dict[str, list[str]] = {i: [] for i in items}
    for i, before in waiting.items():
        for b in before:
            dependents[b].append(i)

    def task(item: str) -> None:
        try:
            fn(item)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller
            errors.append(e)
        with lock:
            remaining[0] -= 1
            ready = []
            for d in dependents[item]:
                waiting[d].discard(item)
                if not waiting[d]:
                    ready.append(d)
            if remaining[0] == 0:
                done_all.set()
        for d in ready:
            pool.submit(task, d)

    if not items:
        return
    for i in [i for i, before in waiting.items() if not before]:
        pool.submit(task, i)
    done_all.wait()
    if errors:
        raise errors[0]


class Floor:
    """The floor for one prepared project, with a pool of `workers` threads."""

    def __init__(self, api, fp: FloorProject, workers: int):
        self.api = api
        self.fp = fp
        self.workers = workers
        self.ids: dict[str, str] = {}

    def _create(self, service: str) -> None:
        name = f"{self.fp.name}-{service}-1"
        self.ids[service] = self.api.create_container_from_config(
            self.fp.bodies[service], name=name)["Id"]

    def up(self) -> None:
        """Create the network, create every container, start them in dependency order."""
        self.api.create_network(self.fp.network, driver="bridge",
                                labels=self.fp.network_labels, check_duplicate=True)
        services = list(self.fp.bodies)
        with ThreadPoolExecutor(self.workers) as pool:
            list(pool.map(self._create, services))
            after = {s: set(d) for s, d in self.fp.deps.items()}
            run_ordered(pool, services, after, lambda s: self.api.start(self.ids[s]))

    def noop(self) -> int:
        """What a no-op `up` cannot avoid: one label-filtered list of the project."""
        return len(self.api.containers(all=True, filters={
            "label": f"{L.PROJECT}={self.fp.name}"}))

    def down(self) -> None:
        """Stop each container once its dependents have stopped, remove it right after
        (removals gate nothing), then remove the network."""
        services = list(self.fp.bodies)
        before: dict[str, set[str]] = {s: set() for s in services}
        for s, deps in self.fp.deps.items():
            for d in deps:
                before.setdefault(d, set()).add(s)
        removals = []

        with ThreadPoolExecutor(self.workers) as pool:
            def stop(service: str) -> None:
                self.api.stop(self.ids[service])
                removals.append(pool.submit(self.api.remove_container, self.ids[service],
                                            force=True))

            run_ordered(pool, services, before, stop)
            for f in list(removals):
                f.result()
        self._remove_network()

    def _remove_network(self, settle: float = 10.0) -> None:
        """Engine 20.10 can count an endpoint of a container it has just removed for a
        moment and refuse the network ("has active endpoints"); composer tries again for
        a while (engine/docker_resources.py), and so does the floor."""
        deadline = time.monotonic() + settle
        while True:
            try:
                self.api.remove_network(self.fp.network)
                return
            except docker.errors.APIError as e:
                if "active endpoints" not in str(e) or time.monotonic() >= deadline:
                    raise
            time.sleep(0.25)

    def up_health_gated(self, timeout: float = 120) -> None:
        """Create all, then start each container the moment its dependencies are started
        (service_started) or reported healthy by the engine (service_healthy)."""
        self.api.create_network(self.fp.network, driver="bridge",
                                labels=self.fp.network_labels, check_duplicate=True)
        with ThreadPoolExecutor(self.workers) as pool:
            list(pool.map(self._create, list(self.fp.bodies)))
        events = self.api.events(decode=True, since=time.time() - 1, filters={
            "type": "container", "label": f"{L.PROJECT}={self.fp.name}"})
        timer = threading.Timer(timeout, events.close)
        timer.start()
        try:
            self._start_as_ready(events)
        finally:
            timer.cancel()
            events.close()

    def _start_as_ready(self, events) -> None:
        started: set[str] = set()
        healthy: set[str] = set()

        def ready(s: str) -> bool:
            return all((d in healthy) if c == "service_healthy" else (d in started)
                       for d, c in self.fp.deps[s].items())

        def start_ready() -> None:
            for s in self.fp.bodies:
                if s not in started and ready(s):
                    self.api.start(self.ids[s])
                    started.add(s)

        start_ready()
        for ev in events:
            if len(started) == len(self.fp.bodies):
                return
            service = (ev.get("Actor", {}).get("Attributes") or {}).get(L.SERVICE)
            if ev.get("Action") == "health_status: healthy" and service:
                healthy.add(service)
                start_ready()
            if len(started) == len(self.fp.bodies):
                return
        raise TimeoutError("the health-gated floor did not start every container in time")
