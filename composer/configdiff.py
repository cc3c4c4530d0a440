"""Differences between two canonical configs, key path by key path.

Mappings are compared key by key (keys of either side, sorted); sequences of the same
length element by element; a sequence whose length changed is one change of the whole
sequence. A key only one side has is `added` or `removed` with its whole value.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from composer import keypath
from composer.keypath import KeyPath

_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Change:
    path: KeyPath
    kind: str                    # changed | added | removed
    old: Any = _ABSENT           # absent when added
    new: Any = _ABSENT           # absent when removed

    @property
    def key(self) -> str:
        return keypath.render(self.path)

    def to_json(self) -> dict:
        out: dict = {"path": self.key, "change": self.kind}
        if self.old is not _ABSENT:
            out["from"] = self.old
        if self.new is not _ABSENT:
            out["to"] = self.new
        return out

    def text(self) -> str:
        """`services.web.deploy.replicas: 1 → 2`, `services.worker: + {...}`."""
        if self.kind == "changed":
            return f"{self.key}: {show(self.old)} → {show(self.new)}"
        value = self.new if self.kind == "added" else self.old
        return f"{self.key}: {show(value)}"


def show(value: Any) -> str:
    """A value as one line of JSON (strings quoted, so `"1"` and `1` differ visibly)."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def diff(a: Any, b: Any, path: KeyPath = ()) -> list[Change]:
    if isinstance(a, dict) and isinstance(b, dict):
        return _diff_maps(a, b, path)
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out: list[Change] = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += diff(x, y, path + (i,))
        return out
    if _same(a, b):
        return []
    return [Change(path, "changed", a, b)]


def _diff_maps(a: dict, b: dict, path: KeyPath) -> list[Change]:
    out: list[Change] = []
    for k in sorted(set(a) | set(b), key=str):
        if k not in b:
            out.append(Change(path + (k,), "removed", old=a[k]))
        elif k not in a:
            out.append(Change(path + (k,), "added", new=b[k]))
        else:
            out += diff(a[k], b[k], path + (k,))
    return out


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type: `1`, `1.0`, `True` and `"1"` are all different."""
    return type(a) is type(b) and a == b
