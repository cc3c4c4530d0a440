"""Recognise the engine's answers to common faults, so they can be said plainly.

The engine reports a taken host port in one of two ways, depending on who holds it:
another container ("Bind for 127.0.0.1:9555 failed: port is already allocated") or
another program ("listen tcp4 127.0.0.1:9555: bind: address already in use").
A connection to the engine that fails is either never made (the engine is not there) or
lost on the way (the engine went away, or something between closed it).
"""
from __future__ import annotations

import os
import re

from composer.errors import EngineError, PortInUse

_PORT = re.compile(r"Bind for (?P<addr>\S+):(?P<port>\d+) failed: port is already allocated"
                   r"|listen (?P<proto>tcp|udp|sctp)[46]? (?P<addr2>\S+):(?P<port2>\d+): "
                   r"bind: address already in use")


def port_in_use(text: str) -> PortInUse | None:
    """The PortInUse error the engine's message describes, or None."""
    m = _PORT.search(text)
    if not m:
        return None
    address = m.group("addr") or m.group("addr2")
    port = int(m.group("port") or m.group("port2"))
    return PortInUse(address, port, m.group("proto"), text.strip())


def engine_address(environ=None) -> str:
    """Where composer looks for the engine, as DOCKER_HOST would say it."""
    environ = os.environ if environ is None else environ
    return environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


# what a connection that was never made looks like (the SDK words unix sockets as
# "Connection aborted." too, so the cause inside decides)
_NEVER = ("Connection refused", "No such file", "Failed to establish", "Name or service not known",
          "Temporary failure in name resolution", "No route to host")
_LOST = (("RemoteDisconnected", "the engine closed the connection"),
         ("Connection reset", "the connection was reset"),
         ("Broken pipe", "broken pipe"),
         ("IncompleteRead", "an answer was cut short"),
         ("InvalidChunkLength", "an answer was cut short"))


def unreachable(text: str) -> bool:
    return any(s in text for s in _NEVER)


def connection_failed(doing: str, text: str, where: str | None = None) -> EngineError:
    """The error for a connection to the engine that failed: never made, or lost.
    `doing` (may be empty) says what composer was doing; `text` is the failure's text;
    `where` is the engine's address (DOCKER_HOST's value, or the default socket, if None)."""
    where = where or engine_address()
    doing = f"{doing}: " if doing else ""
    if unreachable(text):
        return EngineError(f"{doing}cannot reach the Docker engine at {where} ({_short(text)}); "
                           "is it running, and is DOCKER_HOST right?")
    reason = next((says for marker, says in _LOST if marker in text), _short(text))
    return EngineError(f"{doing}lost the connection to the Docker engine at {where} ({reason})")


def _short(text: str) -> str:
    return text if len(text) < 200 else text[:200] + "…"
