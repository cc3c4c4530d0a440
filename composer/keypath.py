"""Key paths: one notation for rules, errors and plan reasons.

A KeyPath is a tuple of parts, each a mapping key (str) or a sequence index (int), and is
rendered `services.web.ports[1]`. Patterns use `*` for any key and `[]` for any index:
`services.*.ports[]`.
"""
from __future__ import annotations

import re

Part = str | int
KeyPath = tuple[Part, ...]

_SIMPLE = re.compile(r"^[A-Za-z0-9_\-/]+$")


def render(path: KeyPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _SIMPLE.match(part):
            out += f".{part}" if out else part
        else:
            quoted = '"' + part.replace('"', '\\"') + '"'
            out += f".{quoted}" if out else quoted
    return out


def parse_pattern(pattern: str) -> tuple[str, ...]:
    """`services.*.ports[]` -> ("services", "*", "ports", "[]")."""
    parts: list[str] = []
    for chunk in pattern.split("."):
        while chunk.endswith("[]"):
            chunk = chunk[:-2]
            if chunk:
                parts.append(chunk)
            parts.append("[]")
            chunk = ""
        if chunk:
            parts.append(chunk)
    return tuple(parts)


def matches(pattern: tuple[str, ...], path: KeyPath) -> bool:
    if len(pattern) != len(path):
        return False
    for want, got in zip(pattern, path):
        if want == "[]":
            if not isinstance(got, int):
                return False
        elif want == "*":
            if not isinstance(got, str):
                return False
        elif want != got:
            return False
    return True


class PatternTable:
    """A table of rules keyed by key-path patterns; lookup by a concrete path."""

    def __init__(self, rules: dict[str, object]):
        self._by_len: dict[int, list[tuple[tuple[str, ...], object]]] = {}
        for pat, rule in rules.items():
            parsed = parse_pattern(pat)
            self._by_len.setdefault(len(parsed), []).append((parsed, rule))

    def lookup(self, path: KeyPath):
        for pat, rule in self._by_len.get(len(path), ()):
            if matches(pat, path):
                return rule
        return None
