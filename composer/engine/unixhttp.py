"""GET on the engine's unix socket with nothing but `socket`: no composer imports, no
http.client (whose imports, email and all, cost ~14 ms on every command). localread.py
and upmemo.py build on it.
"""
from __future__ import annotations

import socket


def http_get(path: str, url: str, timeout: float) -> tuple[int, bytes]:
    """GET `url` on the unix socket at `path` → (status, body). HTTP/1.0, so the engine
    answers with the whole body and closes (no chunks, no keep-alive): a dozen lines
    instead of http.client, whose imports (email, …) cost ~14 ms on every command.
    OSError when no connection is made; Lost when it breaks or the answer is cut short."""
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
            raise Lost(f"{type(e).__name__}: {e}") from None
    finally:
        sock.close()
    head, sep, body = b"".join(parts).partition(b"\r\n\r\n")
    if not sep:
        raise Lost("RemoteDisconnected: the engine closed the connection without an answer")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        raise Lost(f"not an HTTP answer: {lines[0][:80]!r}") from None
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    if "chunked" in headers.get("transfer-encoding", ""):
        body = _dechunked(body)
    elif "content-length" in headers and len(body) < int(headers["content-length"]):
        raise Lost("IncompleteRead: the answer was cut short")
    return status, body


def _dechunked(body: bytes) -> bytes:
    out, rest = [], body
    while True:
        size_line, sep, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16) if sep else -1
        if size < 0 or len(rest) < size:
            raise Lost("IncompleteRead: the answer was cut short")
        if size == 0:
            return b"".join(out)
        out.append(rest[:size])
        rest = rest[size + 2:]


class Lost(Exception):
    """The connection broke, or the answer was cut short."""
