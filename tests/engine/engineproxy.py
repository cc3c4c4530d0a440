"""A unix-socket proxy to the Docker engine that a test can cut, to lose the connection."""
from __future__ import annotations

import contextlib
import os
import socket
import threading

ENGINE_SOCKET = "/var/run/docker.sock"


class EngineProxy:
    """Listens on `path` and forwards every connection to the engine's socket; `close`
    cuts every connection at once and removes the socket file."""

    def __init__(self, path: str, target: str = ENGINE_SOCKET):
        self.path, self.target = path, target
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(64)
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.target)
            with self.lock:
                if self.closed:
                    client.close()
                    upstream.close()
                    return
                self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
            conns, self.conns = self.conns, []
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
            c.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
