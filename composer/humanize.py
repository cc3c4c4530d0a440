"""Durations and sizes written as docker's CLI writes them ("2 minutes", "1.99MB")."""
from __future__ import annotations

from datetime import datetime, timezone

_DECIMAL = ("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
_BINARY = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def human_duration(seconds: float) -> str:
    """`Less than a second`, `5 seconds`, `About a minute`, `3 hours`, `2 weeks` …"""
    if seconds < 1:
        return "Less than a second"
    if int(seconds) == 1:
        return "1 second"
    if seconds < 60:
        return f"{int(seconds)} seconds"
    minutes = int(seconds // 60)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(seconds / 3600 + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{int(seconds / 3600 / 24 / 365)} years"


def ago(epoch: float, now: float | None = None) -> str:
    now = datetime.now(timezone.utc).timestamp() if now is None else now
    return human_duration(max(0.0, now - epoch)) + " ago"


def _scaled(size: float, base: int, units: tuple[str, ...], precision: int) -> str:
    i = 0
    while size >= base and i < len(units) - 1:
        size /= base
        i += 1
    return f"{size:.{precision}g}{units[i]}"


def human_size(size: float) -> str:
    """Decimal units, three significant digits: `1.99MB`, `0B`."""
    return _scaled(float(size), 1000, _DECIMAL, 3)


def binary_size(size: float) -> str:
    """Binary units, four significant digits: `348KiB`, `23.54GiB`."""
    return _scaled(float(size), 1024, _BINARY, 4)


def parse_time(text: str) -> float:
    """Epoch seconds of an RFC 3339 time as the engine writes it (nanoseconds allowed)."""
    if not text or text.startswith("0001-"):
        return 0.0
    head, dot, frac = text.rstrip("Z").partition(".")
    zone = ""
    for sign in ("+", "-"):
        if sign in frac:
            frac, _, zone = frac.partition(sign)
            zone = sign + zone
    if not dot and len(head) > 19:
        head, zone = head[:19], head[19:]
    stamp = datetime.fromisoformat(head + (zone or "+00:00"))
    return stamp.timestamp() + (float("0." + frac) if frac else 0.0)


def go_time(epoch: float) -> str:
    """`2026-12-03 14:21:17 +0000 UTC`, as Go prints a time in UTC."""
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d %H:%M:%S +0000 UTC")
