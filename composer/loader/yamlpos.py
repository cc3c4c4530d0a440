"""Where each key path of a YAML document is written: line and column, 1-based.

Built from a second parse of the text, only when an error or a warning needs a place. An
alias is not expanded: a path through it is looked up at its anchor, and a key brought by
a `<<` merge is looked up in the merged mappings. So the index stays linear in the size
of the text, whatever the aliases expand to.
"""
from __future__ import annotations

import yaml
from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent,
                         MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)

from composer.keypath import KeyPath

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Pos = tuple[int, int]
_MERGE = "<<"


class Positions:
    """Positions of one document: of each key, of each value, aliases and merges."""

    def __init__(self) -> None:
        self.keys: dict[KeyPath, Pos] = {}
        self.values: dict[KeyPath, Pos] = {}
        self.aliases: dict[KeyPath, KeyPath] = {}
        self.merges: dict[KeyPath, list[KeyPath]] = {}
        self.items: dict[KeyPath, list[str | None]] = {}  # scalar items of sequences

    @classmethod
    def of(cls, text: str, index: int = 0) -> "Positions":
        docs = cls.all_of(text)
        return docs[index] if index < len(docs) else cls()

    @classmethod
    def all_of(cls, text: str) -> list["Positions"]:
        parser = _Parser(text)
        try:
            return _Indexer().run(parser)
        except yaml.YAMLError:
            return [cls()]
        finally:
            parser.dispose()

    def find(self, path: KeyPath, key: bool = False, _depth: int = 0) -> Pos | None:
        """Line and column of `path` (of its key when `key`), or None if it is not here."""
        hit = self.keys.get(path) if key else None
        if hit is None:
            hit = self.values.get(path)
            if hit is None and not key:
                hit = self.keys.get(path)  # a scalar value: at its key
        if hit is not None or _depth > 16:
            return hit
        for i in range(len(path) - 1, -1, -1):
            pre = path[:i]
            target = self.aliases.get(pre)
            if target is not None:
                return self.find(target + path[i:], key, _depth + 1)
            sources = self.merges.get(pre)
            if sources and isinstance(path[i], str):
                for src in sources:
                    found = self.find(src + path[i:], key, _depth + 1)
                    if found is not None:
                        return found
            items = self.items.get(pre)
            if items is not None and isinstance(path[i], str):
                index = _item_named(items, path[i])
                if index is not None:
                    return self.find(pre + (index,) + path[i + 1:], key, _depth + 1)
            if pre in self.values or pre in self.keys:
                return None
        return None

    def has(self, path: KeyPath) -> bool:
        return self.find(path) is not None


def _item_named(items: list[str | None], name: str) -> int | None:
    """The item of a list that names `name`: `name`, `name=…` or `name:…`."""
    for i, text in enumerate(items):
        if text is not None and (text == name or text.startswith((name + "=", name + ":"))):
            return i
    return None


class _Frame:
    __slots__ = ("path", "is_map", "key", "count", "merge_of")

    def __init__(self, path: KeyPath, is_map: bool, merge_of: KeyPath | None):
        self.path = path
        self.is_map = is_map
        self.key = None        # pending key of a mapping; None while expecting a key
        self.count = 0         # items of a sequence so far
        self.merge_of = merge_of  # a `<<: [...]` list: the mapping it merges into


_MERGE_KEY = object()  # the pending key of a `<<` entry


class _Indexer:
    def __init__(self) -> None:
        self.docs: list[Positions] = []
        self.pos = Positions()
        self.anchors: dict[str, KeyPath] = {}

    def run(self, parser) -> list[Positions]:
        stack: list[_Frame] = []
        while True:
            ev = parser.get_event()
            kind = type(ev)
            if kind is DocumentStartEvent:
                self.pos, self.anchors, stack = Positions(), {}, []
            elif kind is DocumentEndEvent:
                self.docs.append(self.pos)
            elif kind is StreamEndEvent:
                return self.docs or [Positions()]
            elif kind is ScalarEvent or kind is AliasEvent:
                top = stack[-1] if stack else None
                if top is not None and top.is_map and top.key is None:
                    self.key(top, ev)
                    continue
                if kind is ScalarEvent and top is not None and top.is_map \
                        and top.key is not _MERGE_KEY and not ev.anchor:
                    top.key = None  # a plain value: its key's position is the one asked for
                    continue
                path, merge_into = self.place(stack, ev)
                if top is not None and not top.is_map:
                    self.pos.items.setdefault(top.path, []).append(
                        ev.value if kind is ScalarEvent else None)
                if kind is AliasEvent:
                    target = self.anchors.get(ev.anchor)
                    if target is not None:
                        if merge_into is not None:
                            self.pos.merges.setdefault(merge_into, []).append(target)
                        else:
                            self.pos.aliases[path] = target
                elif ev.anchor:
                    self.anchors[ev.anchor] = path
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                top = stack[-1] if stack else None
                path, merge_into = self.place(stack, ev)
                if top is not None and not top.is_map:
                    self.pos.items.setdefault(top.path, []).append(None)
                if ev.anchor:
                    self.anchors[ev.anchor] = path
                if merge_into is not None and kind is MappingStartEvent:
                    self.pos.merges.setdefault(merge_into, []).append(path)
                seq_merge = merge_into if kind is SequenceStartEvent else None
                stack.append(_Frame(path, kind is MappingStartEvent, seq_merge))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()

    def key(self, top: _Frame, ev) -> None:
        if type(ev) is ScalarEvent and ev.value == _MERGE and not ev.style:
            top.key = _MERGE_KEY
            return
        text = ev.value if type(ev) is ScalarEvent else f"*{ev.anchor}"
        top.key = text
        path = top.path + (text,)
        if path not in self.pos.keys:
            mark = ev.start_mark
            self.pos.keys[path] = (mark.line + 1, mark.column + 1)

    def place(self, stack: list[_Frame], ev) -> tuple[KeyPath, KeyPath | None]:
        """Record where the node starting with `ev` is: its path, and the mapping it is
        merged into when it is (part of) the value of a `<<` key."""
        mark = ev.start_mark
        merge_into = None
        if not stack:
            path: KeyPath = ()
        else:
            top = stack[-1]
            if top.is_map:
                if top.key is _MERGE_KEY:
                    path = top.path + (_MERGE,)
                    merge_into = top.path
                else:
                    path = top.path + (top.key,)
                top.key = None
            else:
                path = top.path + (top.count,)
                top.count += 1
                merge_into = top.merge_of
        if path not in self.pos.values:
            self.pos.values[path] = (mark.line + 1, mark.column + 1)
        return path, merge_into
