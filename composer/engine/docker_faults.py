"""Recognise the engine's answers to common faults, so they can be said plainly.

The engine reports a taken host port in one of two ways, depending on who holds it:
another container ("Bind for 127.0.0.1:9555 failed: port is already allocated") or
another program ("listen tcp4 127.0.0.1:9555: bind: address already in use").
"""
from __future__ import annotations

import re

from composer.errors import PortInUse

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
