"""The socket reader's small HTTP/1.0 client against a stand-in engine: a whole answer, a
chunked one, and connections that break (the words match the SDK path's)."""
from __future__ import annotations

import os
import socket
import tempfile
import threading

import pytest

from composer.engine.localread import LocalReader
from composer.errors import EngineError


@pytest.fixture
def engine():
    """A unix socket that answers each connection with the bytes set in `answer[0]`."""
    folder = tempfile.mkdtemp(prefix="lr", dir="/tmp")
    path = os.path.join(folder, "e.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(4)
    answer = [b""]
    requests = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                requests.append(conn.recv(65536))
                conn.sendall(answer[0])

    threading.Thread(target=serve, daemon=True).start()
    yield LocalReader(path, timeout=5), answer, requests
    server.close()
    os.unlink(path)
    os.rmdir(folder)


def test_a_whole_answer(engine):
    reader, answer, requests = engine
    answer[0] = (b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n"
                 b"\r\n[{\"a\":1}]")
    assert reader.containers(all=True, filters={"label": "x=y"}) == [{"a": 1}]
    assert requests[0].startswith(b"GET /containers/json?all=1&filters=")
    assert b" HTTP/1.0\r\n" in requests[0]


def test_a_chunked_answer(engine):
    reader, answer, _ = engine
    answer[0] = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                 b"3\r\n[{\"\r\n6\r\nb\":2}]\r\n0\r\n\r\n")
    assert reader.networks() == [{"b": 2}]


def test_an_error_status_carries_the_engines_message(engine):
    reader, answer, _ = engine
    answer[0] = b"HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"No such image: x\"}"
    assert reader.image_id("x") is None


@pytest.mark.parametrize("cut", [b"", b"HTTP/1.0 200 OK\r\nContent-Length: 50\r\n\r\n[1,",
                                 b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n[1"])
def test_a_broken_answer_is_a_lost_connection(engine, cut):
    reader, answer, _ = engine
    answer[0] = cut
    with pytest.raises(EngineError, match=r"lost the connection to the Docker engine at "
                                          r"unix://.*e\.sock \("):
        reader.volumes()
