"""What the command line asks of the engine beyond up and down: a mixin of DockerEngine.

Exec, one-off containers, attach, kill, pause, top, stats, archives, events, push and the
list of every compose project. Failures become EngineError through `translated`.
"""
from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator

from composer.engine import base as L
from composer.engine.base import ObservedContainer
from composer.engine.docker_stream import RawStream
from composer.engine.docker_translate import translated
from composer.errors import EngineError


def _not_found(e: Exception) -> bool:
    return getattr(e, "status_code", None) == 404


class DockerOps:
    api: Any

    # -- listing -----------------------------------------------------------------------------

    def compose_containers(self, all: bool = True) -> list[ObservedContainer]:
        """Every container of every compose project on the engine (by label)."""
        from composer.engine.docker import DockerEngine

        with translated("listing compose projects"):
            found = self.api.containers(all=all, filters={"label": L.PROJECT})
        return [DockerEngine._container(c) for c in found]

    def image_info(self, ref: str) -> dict | None:
        with translated(f"inspecting image {ref}"):
            try:
                return self.api.inspect_image(ref)
            except Exception as e:  # noqa: BLE001 - a missing image is an answer
                if _not_found(e):
                    return None
                raise

    # -- container state ---------------------------------------------------------------------

    def kill_container(self, container_id: str, signal: str | None = None) -> None:
        with translated(f"killing container {container_id[:12]}"):
            self.api.kill(container_id, signal=signal or None)

    def pause_container(self, container_id: str) -> None:
        with translated(f"pausing container {container_id[:12]}"):
            self.api.pause(container_id)

    def unpause_container(self, container_id: str) -> None:
        with translated(f"unpausing container {container_id[:12]}"):
            self.api.unpause(container_id)

    def restart_container(self, container_id: str, timeout: int | None) -> None:
        with translated(f"restarting container {container_id[:12]}"):
            if timeout is None:
                self.api.restart(container_id)
            else:
                self.api.restart(container_id, timeout=timeout)

    def wait_exit(self, container_id: str) -> int:
        """Block until the container stops; its exit code."""
        with translated(f"waiting for container {container_id[:12]}"):
            return int(self.api.wait(container_id).get("StatusCode", 0))

    def top(self, container_id: str) -> dict:
        with translated(f"listing processes of {container_id[:12]}"):
            return self.api.top(container_id)

    def stats(self, container_id: str) -> dict:
        with translated(f"reading stats of {container_id[:12]}"):
            return self.api.stats(container_id, stream=False)

    # -- exec and attach ---------------------------------------------------------------------

    def exec_create(self, container_id: str, cmd: list[str], *, tty: bool, stdin: bool,
                    env: dict[str, str] | None = None, user: str | None = None,
                    workdir: str | None = None, privileged: bool = False) -> str:
        with translated(f"creating an exec in {container_id[:12]}"):
            res = self.api.exec_create(container_id, cmd, stdin=stdin, tty=tty,
                                       privileged=privileged, user=user or "",
                                       environment=env or None, workdir=workdir or None)
        return res["Id"]

    def exec_start_detached(self, exec_id: str) -> None:
        with translated("starting an exec"):
            self.api.exec_start(exec_id, detach=True)

    def exec_attach(self, exec_id: str, tty: bool) -> RawStream:
        with translated("starting an exec"):
            return RawStream(self.api.exec_start(exec_id, tty=tty, socket=True), tty)

    def exec_exit_code(self, exec_id: str) -> int:
        """The exit code once the exec has ended (its output can close a moment before)."""
        import time

        deadline = time.monotonic() + 5
        with translated("reading the exit code of an exec"):
            while True:
                info = self.api.exec_inspect(exec_id)
                if not info.get("Running") or time.monotonic() > deadline:
                    break
                time.sleep(0.02)
        code = info.get("ExitCode")
        return 0 if code is None else int(code)

    def exec_resize(self, exec_id: str, height: int, width: int) -> None:
        with contextlib.suppress(Exception):
            self.api.exec_resize(exec_id, height=height, width=width)

    def container_attach(self, container_id: str, tty: bool, stdin: bool) -> RawStream:
        params = {"stdout": 1, "stderr": 1, "stream": 1, "stdin": 1 if stdin else 0}
        with translated(f"attaching to container {container_id[:12]}"):
            return RawStream(self.api.attach_socket(container_id, params=params), tty)

    def container_resize(self, container_id: str, height: int, width: int) -> None:
        with contextlib.suppress(Exception):
            self.api.resize(container_id, height=height, width=width)

    # -- one-off containers --------------------------------------------------------------------

    def create_oneoff(self, project, service, name: str, image: str, image_id: str,
                      slug: str, *, use_aliases: bool) -> str:
        from composer.engine.docker_run import oneoff_body

        body = oneoff_body(project, service, image, image_id, slug, self.resolver(project),
                           use_aliases=use_aliases)
        with translated(f"creating container {name}"):
            cid = self.api.create_container_from_config(body, name=name)["Id"]
            self._connect_more(project, service, cid, body, self.resolver(project))
            self._copy_contents(project, service, cid)
        return cid

    # -- files -------------------------------------------------------------------------------

    def path_stat(self, container_id: str, path: str) -> dict | None:
        """The engine's stat of a path in a container (name, size, mode …), None if absent."""
        with translated(f"looking at {path} in container {container_id[:12]}"):
            try:
                stream, stat = self.api.get_archive(container_id, path)
            except Exception as e:  # noqa: BLE001 - absent is an answer
                if _not_found(e):
                    return None
                raise
        stream.close()
        return stat

    def get_archive(self, container_id: str, path: str) -> tuple[Iterator[bytes], dict]:
        with translated(f"copying {path} from container {container_id[:12]}"):
            return self.api.get_archive(container_id, path)

    def put_archive(self, container_id: str, path: str, data: bytes) -> None:
        with translated(f"copying to {path} in container {container_id[:12]}"):
            if not self.api.put_archive(container_id, path, data):
                raise EngineError(f"copying to {path} in container {container_id[:12]}: "
                                  "the engine refused the archive")

    # -- images and events -------------------------------------------------------------------

    def push_image(self, ref: str, log: Callable[[str], None]) -> None:
        repo, tag = split_ref(ref)
        with translated(f"pushing image {ref}"):
            for event in self.api.push(repo, tag=tag, stream=True, decode=True):
                if "error" in event:
                    raise EngineError(f"pushing image {ref}: {event['error']}")
                if event.get("status"):
                    log(event["status"])

    def events(self, project: str, since: str | None = None,
               until: str | None = None) -> Iterator[dict]:
        from composer.engine.timeparse import to_epoch

        filters = {"label": [f"{L.PROJECT}={project}"]}
        with translated("reading engine events"):
            stream = self.api.events(since=to_epoch(since) if since else None,
                                     until=to_epoch(until) if until else None,
                                     filters=filters, decode=True)
        with translated("reading engine events"):
            yield from stream


def split_ref(ref: str) -> tuple[str, str]:
    """`host:5000/a/b:tag` → (`host:5000/a/b`, `tag`); no tag means `latest`."""
    if "@" in ref:
        repo, _, digest = ref.partition("@")
        return repo, digest
    last = ref.rsplit("/", 1)[-1]
    if ":" in last:
        repo, _, tag = ref.rpartition(":")
        return repo, tag
    return ref, "latest"
