"""What every scenario needs: the implementations, timed commands, projects and cleanup.

An implementation is a command template (`{root}/.venv/bin/composer`, `docker compose`)
or the engine floor (`Impl.pool` threads, no command). Every project the harness touches
gets a unique name starting with `bench`, is registered before anything is created, and is
swept through the SDK (containers, networks, volumes carrying its project label) when its
scenario ends and again when the run ends.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from composer.engine import base as L

CLEAN_ENV = ("COMPOSE_PROJECT_NAME", "COMPOSE_FILE", "COMPOSE_PROFILES", "COMPOSER_ENV",
             "COMPOSE_ENV_FILES", "COMPOSE_PATH_SEPARATOR")


@dataclass(frozen=True)
class Impl:
    name: str
    argv: tuple[str, ...] = ()
    pool: int = 0                      # > 0: the engine floor with this many threads

    @property
    def is_floor(self) -> bool:
        return self.pool > 0


def impl_from_template(name: str, template: str, root: Path) -> Impl:
    return Impl(name, tuple(shlex.split(template.format(root=root))))


class RunFailed(Exception):
    """A timed command exited non-zero. A scenario sets `row` (which measurement failed)
    and `partial` (what it had measured before) as the exception passes through it."""

    row: str | None = None
    partial: dict[str, list[float]] | None = None


@dataclass
class Bench:
    """One benchmark run: where generated projects live, the engine, what to clean."""

    root: Path
    work: Path
    api: object                                   # docker.APIClient
    timeout: float = 600
    projects: set[str] = field(default_factory=set)
    folders: dict[tuple[str, int], Path] = field(default_factory=dict)
    leftovers: list[str] = field(default_factory=list)
    _image_id: str | None = None

    def image_id(self) -> str:
        if self._image_id is None:
            self._image_id = self.api.inspect_image("busybox:latest")["Id"]
        return self._image_id

    def folder(self, kind: str, n: int) -> Path:
        """The generated project of this shape and size (made once per run)."""
        from bench import gen

        key = (kind, n)
        if key not in self.folders:
            self.folders[key] = gen.KINDS[kind](self.work / f"{kind}-{n}", n)
        return self.folders[key]

    def new_project(self, tag: str) -> str:
        name = f"bench{tag}{uuid.uuid4().hex[:8]}"
        self.projects.add(name)
        return name

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
        env["NO_COLOR"] = "1"
        env["XDG_CACHE_HOME"] = str(self.work / "cache")   # composer's no-op notes
        return env

    def timed(self, impl: Impl, args: list[str], cwd: Path,
              extra_env: dict[str, str] | None = None) -> float:
        """Run `impl ARGS` in cwd; the wall time in seconds; RunFailed when it fails."""
        argv = list(impl.argv) + args
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, env={**self.env(), **(extra_env or {})},
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=self.timeout)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            tail = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise RunFailed(f"{impl.name}: `{shlex.join(args)}` exited {proc.returncode}: "
                            + " / ".join(tail))
        return elapsed

    def sweep(self, project: str) -> list[str]:
        """Remove every object labelled with the project (what a run left behind).
        Never raises: what could not be removed is returned, described, and kept in
        `self.leftovers` for the report."""
        import docker.errors

        problems = []
        label = {"label": f"{L.PROJECT}={project}"}
        try:
            for c in self.api.containers(all=True, filters=label):
                self.api.remove_container(c["Id"], force=True, v=True)
            for n in self.api.networks(filters=label):
                self._remove_network(n["Id"], n["Name"])
            for v in (self.api.volumes(filters=label) or {}).get("Volumes") or []:
                self.api.remove_volume(v["Name"], force=True)
        except docker.errors.DockerException as e:
            problems.append(f"project {project}: {e}")
        self.leftovers += problems
        return problems

    def _remove_network(self, nid: str, name: str) -> None:
        """The engine may report endpoints for a moment after their containers are gone."""
        import docker.errors

        for attempt in range(20):
            try:
                self.api.remove_network(nid)
                return
            except docker.errors.NotFound:
                return
            except docker.errors.APIError as e:
                if "active endpoints" not in str(e) or attempt == 19:
                    raise
                time.sleep(0.5)

    def sweep_all(self) -> None:
        for project in sorted(self.projects):
            self.sweep(project)
