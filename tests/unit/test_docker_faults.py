"""The engine's fault texts recognised: a taken host port, a connection never made or lost."""
from __future__ import annotations

import pytest

from composer.engine.docker_faults import connection_failed, port_in_use

CONTAINER = ("driver failed programming external connectivity on endpoint p-web-1 (ab12): "
             "Bind for 127.0.0.1:9555 failed: port is already allocated")
PROGRAM = ("driver failed programming external connectivity on endpoint p-web-1 (ab12): "
           "Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use")


@pytest.mark.parametrize("text, address, port, protocol", [
    (CONTAINER, "127.0.0.1", 9555, None),
    (PROGRAM, "0.0.0.0", 8080, "tcp"),
    ("Error starting userland proxy: listen udp6 [::]:53: bind: address already in use",
     "[::]", 53, "udp"),
])
def test_a_taken_port_is_recognised(text, address, port, protocol):
    e = port_in_use(text)
    assert (e.address, e.port, e.protocol, e.detail) == (address, port, protocol, text)


def test_other_start_failures_are_not_a_taken_port():
    assert port_in_use("OCI runtime create failed: exec: \"nope\": not found") is None


def test_a_connection_never_made_and_one_lost_are_told_apart(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///tmp/x.sock")
    never = connection_failed("starting container ab", "('Connection aborted.', "
                              "FileNotFoundError(2, 'No such file or directory'))")
    assert str(never).startswith("starting container ab: cannot reach the Docker engine at "
                                 "unix:///tmp/x.sock")
    lost = connection_failed("", "('Connection aborted.', RemoteDisconnected('Remote end "
                             "closed connection without response'))")
    assert str(lost) == ("lost the connection to the Docker engine at unix:///tmp/x.sock "
                         "(the engine closed the connection)")
