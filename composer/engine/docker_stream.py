"""A hijacked attach/exec connection: bytes to the process's stdin, frames from its output.

Without a TTY the engine multiplexes stdout and stderr into frames with an 8-byte header
(stream number, three zero bytes, big-endian length); with a TTY the output is raw.
"""
from __future__ import annotations

import os
import socket
import struct
from typing import Iterator

STDOUT, STDERR = 1, 2


class RawStream:
    def __init__(self, conn, tty: bool):
        # the SDK hands back a file-like socket wrapper; work on a socket of our own over
        # the same connection, so that a half-close (end of stdin) is possible
        self._owner = conn
        self.sock = socket.socket(fileno=os.dup(conn.fileno()))
        self.sock.setblocking(True)
        self.tty = tty

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close_write(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def close(self) -> None:
        for thing in (self.sock, self._owner):
            try:
                thing.close()
            except OSError:
                pass

    def _read(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                break
            out += chunk
        return out

    def frames(self) -> Iterator[tuple[int, bytes]]:
        """(stream number, bytes) until the process's output ends."""
        while True:
            if self.tty:
                data = self.sock.recv(65536)
                if not data:
                    return
                yield STDOUT, data
                continue
            header = self._read(8)
            if len(header) < 8:
                return
            kind, size = header[0], struct.unpack(">I", header[4:])[0]
            data = self._read(size)
            if not data and size:
                return
            yield (STDERR if kind == 2 else STDOUT), data
