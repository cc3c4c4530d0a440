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
    """Rules keyed by key-path patterns, looked up by a concrete path in O(depth).

    Patterns are kept in a trie; at each level an exact key beats `*` / `[]`.
    """

    _RULE = object()

    def __init__(self, rules: dict[str, object]):
        self._root: dict = {}
        for pat, rule in rules.items():
            node = self._root
            for part in parse_pattern(pat):
                node = node.setdefault(part, {})
            node[self._RULE] = rule

    def lookup(self, path: KeyPath):
        return self._find(self._root, path, 0)

    def _find(self, node: dict, path: KeyPath, i: int):
        if i == len(path):
            return node.get(self._RULE)
        part = path[i]
        candidates = (node.get("[]"),) if isinstance(part, int) else (node.get(part), node.get("*"))
        for child in candidates:
            if child is not None:
                found = self._find(child, path, i + 1)
                if found is not None:
                    return found
        return None

    def prefix_alive(self, path: KeyPath) -> bool:
        """Whether any pattern could still match a path starting with `path`."""
        node = self._root
        frontier = [node]
        for part in path:
            nxt = []
            for n in frontier:
                keys = ("[]",) if isinstance(part, int) else (part, "*")
                nxt.extend(n[k] for k in keys if k in n)
            if not nxt:
                return False
            frontier = nxt
        return True
