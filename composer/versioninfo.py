"""What `composer version` prints; imported by the start-up fast path, so stdlib only."""
from __future__ import annotations

from composer import __version__

COMPOSE_VERSION = "2.40.3"   # the docker compose whose behaviour composer follows
FORMATS = ("pretty", "json")


def render(short: bool = False, format: str = "pretty") -> str:
    if short:
        return __version__
    if format == "json":
        return '{"version":"v%s"}' % __version__
    return f"composer version v{__version__} (docker compose v{COMPOSE_VERSION} compatible)"
