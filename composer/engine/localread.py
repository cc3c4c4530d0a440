"""Read-only Engine API calls over the local unix socket, with the standard library only.

Importing the docker SDK costs about 0.1 s (requests, urllib3), more than a no-op `up`
needs for all its work. The few list and inspect calls with which every command starts
go this way when the engine is on a unix socket; whatever changes the engine, and every
other transport (tcp, TLS, ssh), goes through the SDK.
"""
from __future__ import annotations

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


def _http_get(path: str, url: str, timeout: float) -> tuple[int, bytes]:
    """GET `url` on the unix socket at `path` → (status, body). HTTP/1.0, so the engine
    answers with the whole body and closes (no chunks, no keep-alive): a dozen lines
    instead of http.client, whose imports (email, …) cost ~14 ms on every command.
    OSError when no connection is made; _Lost when it breaks or the answer is cut short."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
        try:
            sock.sendall(f"GET {url} HTTP/1.0\r\nHost: docker\r\n\r\n".encode())
            parts = []
            while chunk := sock.recv(65536):
                parts.append(chunk)
        except OSError as e:
            raise _Lost(f"{type(e).__name__}: {e}") from None
    finally:
        sock.close()
    head, sep, body = b"".join(parts).partition(b"\r\n\r\n")
    if not sep:
        raise _Lost("RemoteDisconnected: the engine closed the connection without an answer")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        raise _Lost(f"not an HTTP answer: {lines[0][:80]!r}") from None
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    if "chunked" in headers.get("transfer-encoding", ""):
        body = _dechunked(body)
    elif "content-length" in headers and len(body) < int(headers["content-length"]):
        raise _Lost("IncompleteRead: the answer was cut short")
    return status, body


def _dechunked(body: bytes) -> bytes:
    out, rest = [], body
    while True:
        size_line, sep, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16) if sep else -1
        if size < 0 or len(rest) < size:
            raise _Lost("IncompleteRead: the answer was cut short")
        if size == 0:
            return b"".join(out)
        out.append(rest[:size])
        rest = rest[size + 2:]


class _Lost(Exception):
    """The connection broke, or the answer was cut short."""


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
        where = f"unix://{self.path}"
        try:
            status, body = _http_get(self.path, url, self.timeout)
        except _Lost as e:     # the same words as through the SDK (engine/docker_faults.py)
            raise connection_failed("", str(e), where) from None
        except OSError as e:
            raise connection_failed("", e.strerror or str(e), where) from None
        if status >= 400:
            try:
                message = json.loads(body).get("message") or body.decode(errors="replace")
            except ValueError:
                message = body.decode(errors="replace")
            raise ReadError(status, message.strip())
        return json.loads(body) if body else None
