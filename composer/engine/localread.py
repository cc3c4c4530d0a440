"""Read-only Engine API calls over the local unix socket, with the standard library only.

Importing the docker SDK costs about 0.1 s (requests, urllib3), more than a no-op `up`
needs for all its work. The few list and inspect calls with which every command starts
go this way when the engine is on a unix socket; whatever changes the engine, and every
other transport (tcp, TLS, ssh), goes through the SDK.
"""
from __future__ import annotations

import http.client
import json
import os
import socket
from typing import Mapping
from urllib.parse import quote, urlencode

from composer.errors import EngineError
from composer.engine.docker_faults import connection_failed

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


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class LocalReader:
    """`containers`, `networks`, `volumes` and `inspect_image` as the SDK's APIClient
    answers them (the same JSON), one short connection per call, so threads may share it."""

    def __init__(self, path: str, timeout: float = 60):
        self.path = path
        self.timeout = timeout

    def containers(self, all: bool = False, filters: Mapping | None = None) -> list[dict]:
        return self._get("/containers/json", {"all": "1" if all else "0"}, filters)

    def networks(self, filters: Mapping | None = None) -> list[dict]:
        return self._get("/networks", {}, filters)

    def volumes(self, filters: Mapping | None = None) -> dict:
        return self._get("/volumes", {}, filters)

    def inspect_image(self, ref: str) -> dict:
        return self._get(f"/images/{quote(ref, safe='/:@')}/json", {}, None)

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
        conn = _UnixConnection(self.path, self.timeout)
        try:
            try:
                conn.connect()
            except OSError as e:
                raise connection_failed("", e.strerror or str(e), f"unix://{self.path}") from None
            try:
                conn.request("GET", url, headers={"Host": "docker"})
                resp = conn.getresponse()
                body = resp.read()
            except (OSError, http.client.HTTPException) as e:
                # the same words as through the SDK (engine/docker_faults.py)
                raise connection_failed("", f"{type(e).__name__}: {e}",
                                        f"unix://{self.path}") from None
        finally:
            conn.close()
        if resp.status >= 400:
            try:
                message = json.loads(body).get("message") or body.decode(errors="replace")
            except ValueError:
                message = body.decode(errors="replace")
            raise ReadError(resp.status, message.strip())
        return json.loads(body) if body else None
