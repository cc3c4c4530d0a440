"""Read-only Engine API calls over the local unix socket, with the standard library only.

Importing the docker SDK costs about 0.1 s (requests, urllib3), more than a no-op `up`
needs for all its work. The few list and inspect calls with which every command starts
go this way when the engine is on a unix socket; whatever changes the engine, and every
other transport (tcp, TLS, ssh), goes through the SDK.
"""
from __future__ import annotations

import json
import os
from typing import Any, Callable, Mapping
from urllib.parse import quote, urlencode

from composer.errors import EngineError
from composer.engine.docker_faults import connection_failed
from composer.engine.unixhttp import Lost, http_get

DEFAULT_SOCKET = "/var/run/docker.sock"


class ReadError(EngineError):
    """The engine answered with an error status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def socket_path(environ: Mapping[str, str] = os.environ) -> str | None:
    """The unix socket DOCKER_HOST names (the default one when unset); None for others."""
    host = environ.get("DOCKER_HOST", "")
    if not host:
        return DEFAULT_SOCKET
    if host.startswith("unix://"):
        return host[len("unix://"):] or DEFAULT_SOCKET
    return None


class LocalReader:
    """`containers`, `networks`, `volumes` and `inspect_image` as the SDK's APIClient
    answers them (the same JSON), one short connection per call, so threads may share it."""

    def __init__(self, path: str, timeout: float = 60):
        self.path = path
        self.timeout = timeout
        # called with (url, status, parsed body or None) for every answer (upmemo.py)
        self.on_answer: Callable[[str, int, Any], None] | None = None

    def containers(self, all: bool = False, filters: Mapping | None = None) -> list[dict]:
        return self._get("/containers/json", {"all": "1" if all else "0"}, filters)

    def networks(self, filters: Mapping | None = None) -> list[dict]:
        return self._get("/networks", {}, filters)

    def volumes(self, filters: Mapping | None = None) -> dict:
        return self._get("/volumes", {}, filters)

    def inspect_image(self, ref: str) -> dict:
        return self._get(f"/images/{quote(ref, safe='/:@')}/json", {}, None)

    def exists(self, kind: str, name: str) -> bool:
        """Whether the network or volume `name` is on the engine."""
        try:
            self._get(f"/{kind}s/{quote(name, safe='')}", {}, None)
            return True
        except ReadError as e:
            if e.status == 404:
                return False
            raise

    def image_id(self, ref: str) -> str | None:
        try:
            return self.inspect_image(ref)["Id"]
        except ReadError as e:
            if e.status == 404:
                return None
            raise

    def _get(self, path: str, query: dict, filters: Mapping | None):
        if filters:
            query = {**query, "filters": json.dumps(
                {k: v if isinstance(v, list) else [v] for k, v in filters.items()})}
        url = f"{path}?{urlencode(query)}" if query else path
        status, body = self.answer(url)
        if self.on_answer is not None:
            self.on_answer(url, status, body if status < 400 else None)
        if status >= 400:
            message = body.get("message") if isinstance(body, dict) else body
            if not isinstance(message, str):
                message = "" if body is None else json.dumps(body)
            raise ReadError(status, message.strip())
        return body

    def answer(self, url: str) -> tuple[int, Any]:
        """GET `url` → (status, the parsed JSON body, or its text when it is not JSON)."""
        where = f"unix://{self.path}"
        try:
            status, body = http_get(self.path, url, self.timeout)
        except Lost as e:     # the same words as through the SDK (engine/docker_faults.py)
            raise connection_failed("", str(e), where) from None
        except OSError as e:
            raise connection_failed("", e.strerror or str(e), where) from None
        if not body:
            return status, None
        try:
            return status, json.loads(body)
        except ValueError:
            if status < 400:
                raise
            return status, body.decode(errors="replace")
