"""Read a YAML file into plain Python data, fast, and find positions only when asked.

The data is built straight from the parser's events (libyaml when available): no node
tree, no Python resolver in the hot path. Scalars are resolved the way docker compose
(go-yaml v3, YAML 1.2 core schema) resolves them (see yamlscalar.py); mapping keys are
strings. Rejected with the file, line and column: invalid YAML, duplicate keys, keys that
are not strings (`1:`, `true:`: docker compose refuses them; quoted, they are strings),
non-scalar keys, alias expansions past a budget ("billion laughs"), nesting deeper than
MAX_DEPTH, NUL bytes and non-UTF-8 input.

Each `---` document of a file is one YamlDoc; later documents act as override files.
Positions (file:line:col of a key path) come from yamlpos.py, computed on the first
`locate()` by parsing the text again: a file that loads without error never pays for them.

Custom tags `!reset` and `!override` become `Tagged` wrappers for the merge stage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent,
                         MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent, StreamStartEvent)

from composer.errors import ConfigError, ConfigErrors, Location
from composer.keypath import KeyPath, render
from composer.loader.yamlerrors import yaml_error
from composer.loader.yamlscalar import resolve_plain

MAX_DEPTH = 100
MAX_ALIAS_NODES = 1_000_000

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value carrying a merge directive: `!reset` or `!override`."""

    tag: str
    value: Any


@dataclass(slots=True, eq=False)
class YamlDoc:
    """One document of a file: its data, and its positions on demand."""

    filename: str
    data: Any
    text: str = ""
    index: int = 0                      # which `---` document of the file
    tagged: bool = True                 # may hold !reset / !override (False: surely not)
    _positions: Any = field(default=None, repr=False)

    def positions(self):
        if self._positions is None:
            from composer.loader.yamlpos import Positions

            self._positions = Positions.of(self.text, self.index)
        return self._positions

    def locate(self, path: KeyPath) -> Location:
        found = self.positions().find(path, key=True)
        if found is None:
            return Location(self.filename, None, None, render(path))
        return Location(self.filename, found[0], found[1], render(path), exact=True)

    def has(self, path: KeyPath) -> bool:
        return self.positions().has(path)


def read_yaml(raw: bytes | str, filename: str) -> YamlDoc:
    """The first document of a file (for callers that want one)."""
    return read_yaml_docs(raw, filename)[0]


def read_yaml_docs(raw: bytes | str, filename: str) -> list[YamlDoc]:
    """Every document of a file, in order; an empty file is one document with data None."""
    text = decode(raw, filename)
    builder = _Builder(filename)
    try:
        datas = builder.build(text)
    except yaml.MarkedYAMLError as e:
        raise yaml_error(e, filename, text) from None
    except yaml.YAMLError as e:
        raise ConfigError(f"invalid YAML: {e}", Location(filename)) from None
    if builder.problems:
        raise ConfigErrors(builder.problems)
    if not datas:
        datas = [None]
    docs = [YamlDoc(filename, d, text, i, tagged=builder.tagged) for i, d in enumerate(datas)]
    if len(docs) > 1:  # positions of every document come from one parse
        shared: dict = {}
        for d in docs:
            d._positions = _Lazy(text, d.index, shared)
    return docs


class _Lazy:
    """Positions of one document of a multi-document file, parsed once for all."""

    @property
    def items(self):
        return self._get().items

    def __init__(self, text: str, index: int, shared: dict):
        self.text, self.index, self.shared = text, index, shared

    def _get(self):
        if "all" not in self.shared:
            from composer.loader.yamlpos import Positions

            self.shared["all"] = Positions.all_of(self.text)
        return self.shared["all"][self.index]

    def find(self, path, key=False):
        return self._get().find(path, key)

    def has(self, path):
        return self._get().has(path)


def decode(raw: bytes | str, filename: str) -> str:
    if isinstance(raw, str):
        text = raw
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
            raise ConfigError("file is not valid UTF-8 text (is it a binary file?)",
                              Location(filename, line, col)) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ConfigError("NUL byte in file (is it a binary file?)", Location(filename, line, col))
    return text


# --- building plain data from events --------------------------------------------------------


class _Frame:
    """A mapping or sequence being built: its value, size and depth so far."""

    __slots__ = ("value", "key", "tag", "anchor", "size", "depth", "merges", "mark", "path")

    def __init__(self, value, tag, anchor, mark, path):
        self.value = value
        self.key = None          # a mapping's pending key (None: expecting a key)
        self.tag = tag
        self.anchor = anchor
        self.size = 1
        self.depth = 0
        self.merges = None       # values of `<<` keys, applied when the mapping ends
        self.mark = mark
        self.path = path


_MERGE = object()   # the pending key of a `<<` entry


class _Builder:
    def __init__(self, filename: str):
        self.filename = filename
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, size, depth
        self.expanded = 0
        self.text = ""
        self.doc_count = 0
        self.tagged = False      # whether any !reset / !override was seen
        self.problems: list[ConfigError] = []   # found on the way, raised at the end

    def fail(self, message: str, mark, path: KeyPath) -> ConfigError:
        shown = path if len(path) <= 12 else path[:6] + ("…",) + path[-4:]
        return ConfigError(message, Location(self.filename, mark.line + 1, mark.column + 1,
                                             render(shown)))

    def build(self, text: str) -> list:
        self.text = text
        parser = _Parser(text)
        try:
            return self._documents(parser)
        finally:
            parser.dispose()

    def _documents(self, parser) -> list:
        docs: list = []
        stack: list[_Frame] = []
        root: list = []
        get = parser.get_event
        while True:
            ev = get()
            kind = type(ev)
            if kind is ScalarEvent:
                value = self.scalar(ev, stack)
                self.add(stack, root, value, 1, 0, ev)
                if ev.anchor:
                    self.anchors[ev.anchor] = (value, 1, 0)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", ev.start_mark,
                                    self.path(stack))
                if stack and stack[-1].key is None and type(stack[-1].value) is dict:
                    raise self.fail("mapping keys must be plain strings", ev.start_mark,
                                    self.path(stack))
                value = {} if kind is MappingStartEvent else []
                stack.append(_Frame(value, ev.tag, ev.anchor, ev.start_mark, None))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                if frame.merges:
                    self.apply_merges(frame, stack)
                if frame.depth > MAX_DEPTH:
                    raise self.fail(f"nesting deeper than {MAX_DEPTH} levels (through anchors "
                                    "and aliases?)", frame.mark, self.path(stack))
                if frame.tag in ("!reset", "!override"):
                    value = Tagged(frame.tag[1:], value)
                    self.tagged = True
                if frame.anchor:
                    self.anchors[frame.anchor] = (value, frame.size, frame.depth)
                self.add(stack, root, value, frame.size, frame.depth, ev, frame.mark)
            elif kind is AliasEvent:
                found = self.anchors.get(ev.anchor)
                if found is None:  # libyaml reports this itself; keep a message if not
                    raise self.fail(f"unknown anchor {ev.anchor!r}", ev.start_mark,
                                    self.path(stack))
                value, size, depth = found
                if stack and stack[-1].key is None and type(stack[-1].value) is dict \
                        and isinstance(value, (dict, list, Tagged)):
                    raise self.fail("mapping keys must be plain strings", ev.start_mark,
                                    self.path(stack))
                self.expanded += size
                if self.expanded > MAX_ALIAS_NODES:
                    raise self.fail("aliases expand to too many nodes (a \"billion laughs\" "
                                    "document?)", ev.start_mark, self.path(stack))
                self.add(stack, root, value, size, depth, ev)
            elif kind is DocumentStartEvent:
                root = []
                self.anchors = {}
            elif kind is DocumentEndEvent:
                docs.append(root[0] if root else None)
                self.doc_count += 1
            elif kind is StreamEndEvent:
                return docs
            elif kind is StreamStartEvent:
                continue

    def add(self, stack: list[_Frame], root: list, value, size: int, depth: int, ev,
            start=None) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        top.size += size
        if depth + 1 > top.depth:
            top.depth = depth + 1
        container = top.value
        if type(container) is list:
            container.append(value)
            return
        key = top.key
        if key is None:  # this value is a key
            if type(value) is not str:
                if value is None or isinstance(value, (bool, int, float)):
                    self.non_string_key(value, ev, stack)
                value = _key_text(value, ev)
            if ev.__class__ is ScalarEvent and ev.value == "<<" and not ev.style \
                    and ev.tag in (None, "tag:yaml.org,2002:merge"):
                top.key = _MERGE
            else:
                if value in container:
                    raise self.duplicate(value, ev, stack)
                top.key = value
            return
        if key is _MERGE:
            if top.merges is None:
                top.merges = []
            top.merges.append((value, start or ev.start_mark))
        else:
            container[key] = value
        top.key = None

    def scalar(self, ev: ScalarEvent, stack: list[_Frame]) -> Any:
        tag = ev.tag
        if tag is None or tag == "!":
            return resolve_plain(ev.value) if ev.implicit[0] and not ev.style else ev.value
        if tag in ("!reset", "!override"):
            value = resolve_plain(ev.value) if not ev.style else ev.value
            self.tagged = True
            return Tagged(tag[1:], value)
        if not tag.startswith(_CORE):
            return ev.value  # unknown tags: keep the text
        name = tag[len(_CORE):]
        if name == "str":
            return ev.value
        if name == "null":
            return None
        if name in ("int", "bool"):
            r = resolve_plain(ev.value)
            if (name == "int" and isinstance(r, int) and not isinstance(r, bool)) or (
                    name == "bool" and isinstance(r, bool)):
                return r
            word = "an integer" if name == "int" else "a boolean"
            raise self.fail(f"cannot read {ev.value!r} as {word}", ev.start_mark,
                            self.path(stack))
        if name == "float":
            try:
                return float(ev.value.replace("_", ""))
            except ValueError:
                raise self.fail(f"cannot read {ev.value!r} as a number", ev.start_mark,
                                self.path(stack)) from None
        if name == "binary":
            raise self.fail("binary values are not supported", ev.start_mark, self.path(stack))
        return ev.value

    def apply_merges(self, frame: _Frame, stack: list[_Frame]) -> None:
        out = frame.value
        for value, mark in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for src in sources:
                if isinstance(src, Tagged):
                    src = src.value
                if not isinstance(src, dict):
                    raise self.fail("a merge key (<<) takes a mapping or a list of mappings",
                                    mark, self.path(stack + [frame]))
                for k, v in src.items():
                    if k not in out:
                        out[k] = v

    def non_string_key(self, value, ev, stack: list[_Frame]) -> None:
        """docker compose refuses a key YAML reads as a number, boolean or null; noted, the
        file is read on, to report every such key at once."""
        text = ev.value if ev.__class__ is ScalarEvent else str(value)
        shown = f'"{text}"' if text else '""'
        self.problems.append(self.fail(
            f"non-string key {text or 'null'}: expected a string (quote it: {shown})",
            ev.start_mark, self.path(stack)))

    def duplicate(self, key: str, ev, stack: list[_Frame]) -> ConfigError:
        from composer.loader.yamlpos import Positions

        path = self.path(stack) + (key,)
        first = Positions.of(self.text, self.doc_count).keys.get(path)
        where = f" (first defined at line {first[0]})" if first else ""
        return self.fail(f"duplicate key {key!r}{where}", ev.start_mark, path)

    @staticmethod
    def path(stack: list[_Frame]) -> KeyPath:
        out: list = []
        for frame in stack:
            if type(frame.value) is list:
                out.append(len(frame.value))
            elif isinstance(frame.key, str):
                out.append(frame.key)
        return tuple(out)


def _key_text(value: Any, ev) -> str:
    """A scalar key as written: `80: x` has the key "80", `true: x` the key "true"."""
    if ev.__class__ is ScalarEvent:
        return ev.value
    if value is None:
        return ""
    return str(value)
