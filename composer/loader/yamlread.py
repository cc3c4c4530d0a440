"""Read one YAML document into plain Python data, keeping the node tree for positions.

Scalars are resolved the way docker compose (go-yaml v3, YAML 1.2 core schema) resolves
them, not the YAML 1.1 way PyYAML does: `yes`, `on`, `1:20` and `0b1` stay strings or
are read as Go reads them. Mapping keys are always strings (the text as written).
Duplicate keys, alias bombs, deep nesting, NUL bytes and non-UTF-8 input are rejected
with the file, line and column.

Custom tags `!reset` and `!override` become `Tagged` wrappers for the merge stage.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from composer.errors import ConfigError, Location
from composer.keypath import KeyPath, render

MAX_DEPTH = 100
MAX_ALIAS_NODES = 1_000_000

_PLAIN = "composer:plain"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NodeLoader(_Base):  # type: ignore[misc,valid-type]
    """Composes nodes only; implicit scalars get a marker tag that we resolve ourselves."""

    def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
        if kind is ScalarNode:
            if implicit[0]:
                return _MERGE_TAG if value == "<<" else _PLAIN
            return _STR_TAG
        return super().resolve(kind, value, implicit)


@dataclass(frozen=True, slots=True)
class Tagged:
    """A value carrying a merge directive: `!reset` or `!override`."""

    tag: str
    value: Any


@dataclass(slots=True)
class YamlDoc:
    """One parsed file: its data and the node tree to find positions in."""

    filename: str
    data: Any
    root: Node | None

    def locate(self, path: KeyPath) -> Location:
        node = find_node(self.root, path, key=True) if self.root is not None else None
        if node is None:
            return Location(self.filename, None, None, render(path))
        mark = node.start_mark
        return Location(self.filename, mark.line + 1, mark.column + 1, render(path))

    def has(self, path: KeyPath) -> bool:
        return self.root is not None and find_node(self.root, path) is not None


def read_yaml(raw: bytes | str, filename: str) -> YamlDoc:
    text = _decode(raw, filename)
    try:
        loader = _NodeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        msg = e.problem or e.context or "invalid YAML"
        if e.context and e.problem:
            msg = f"{e.problem} ({e.context})"
        loc = Location(filename, mark.line + 1 if mark else None,
                       mark.column + 1 if mark else None)
        raise ConfigError(f"invalid YAML: {msg}", loc) from None
    except yaml.YAMLError as e:
        raise ConfigError(f"invalid YAML: {e}", Location(filename)) from None
    data = _Builder(filename).build(root) if root is not None else None
    return YamlDoc(filename, data, root)


def _decode(raw: bytes | str, filename: str) -> str:
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


# --- scalar resolution (YAML 1.2 core schema, as go-yaml v3 reads it) -------------------

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INF = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}
_NINF = {"-.inf", "-.Inf", "-.INF"}
_NAN = {".nan", ".NaN", ".NAN"}
_INT = re.compile(r"^[-+]?(0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INT64 = 2**63


def resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    first = value[0]
    if first in "tTfF":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        return value
    if first in ".+-" or first.isdigit():
        return _resolve_number(value)
    return value


def _resolve_number(value: str) -> Any:
    if value in _INF:
        return math.inf
    if value in _NINF:
        return -math.inf
    if value in _NAN:
        return math.nan
    if _INT.match(value):
        plain = value.replace("_", "")
        sign = -1 if plain.startswith("-") else 1
        digits = plain.lstrip("+-")
        try:
            if digits.startswith(("0b", "0o", "0x")):
                n = int(digits, 0)
            elif len(digits) > 1 and digits.startswith("0"):
                n = int(digits, 8)  # legacy octal, still read by go-yaml v3
            else:
                n = int(digits)
        except ValueError:
            return value
        n *= sign
        if -_INT64 <= n < _INT64:
            return n
        if not digits.startswith(("0b", "0o", "0x")) and _FLOAT.match(value):
            return float(plain)
        return value
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    return value


# --- building plain data from nodes ---------------------------------------------------------


class _Builder:
    def __init__(self, filename: str):
        self.filename = filename
        self.alias_nodes = 0
        self.seen: set[int] = set()

    def fail(self, message: str, node: Node, path: KeyPath) -> ConfigError:
        mark = node.start_mark
        shown = path if len(path) <= 12 else path[:6] + ("…",) + path[-4:]
        return ConfigError(message, Location(self.filename, mark.line + 1, mark.column + 1,
                                             render(shown)))

    def build(self, root: Node) -> Any:
        return self.node(root, (), 0)

    def node(self, node: Node, path: KeyPath, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels (through anchors and "
                            "aliases?)", node, path)
        if id(node) in self.seen:  # visited again: an alias expansion
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise self.fail("aliases expand to too many nodes (a \"billion laughs\" "
                                "document?)", node, path)
        else:
            self.seen.add(id(node))
        tag = node.tag
        if isinstance(node, ScalarNode):
            value = self.scalar(node, path)
        elif isinstance(node, SequenceNode):
            value = [self.node(n, path + (i,), depth + 1) for i, n in enumerate(node.value)]
        else:
            value = self.mapping(node, path, depth)
        if tag in ("!reset", "!override"):
            return Tagged(tag[1:], value)
        return value

    def scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        tag = node.tag
        if tag == _PLAIN:
            return resolve_plain(node.value)
        if tag in (_STR_TAG, "!reset", "!override", "!"):
            if tag != _STR_TAG and node.style is None:
                return resolve_plain(node.value)
            return node.value
        if tag == "tag:yaml.org,2002:int":
            r = resolve_plain(node.value)
            if isinstance(r, int) and not isinstance(r, bool):
                return r
            raise self.fail(f"cannot read {node.value!r} as an integer", node, path)
        if tag == "tag:yaml.org,2002:float":
            try:
                return float(node.value)
            except ValueError:
                raise self.fail(f"cannot read {node.value!r} as a number", node, path) from None
        if tag == "tag:yaml.org,2002:bool":
            r = resolve_plain(node.value)
            if isinstance(r, bool):
                return r
            raise self.fail(f"cannot read {node.value!r} as a boolean", node, path)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:binary":
            raise self.fail("binary values are not supported", node, path)
        return node.value  # unknown tags: keep the text

    def mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail("mapping keys must be plain strings", key_node, path)
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in first_line:
                raise self.fail(f"duplicate key {key!r} (first defined at line "
                                f"{first_line[key]})", key_node, path + (key,))
            first_line[key] = line
            out[key] = self.node(value_node, path + (key,), depth + 1)
        for merged in merges:
            self.merge_into(out, merged, path, depth)
        return out

    def merge_into(self, out: dict, value_node: Node, path: KeyPath, depth: int) -> None:
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for src in sources:
            if not isinstance(src, MappingNode):
                raise self.fail("a merge key (<<) takes a mapping or a list of mappings",
                                src, path)
            merged = self.node(src, path, depth)
            if isinstance(merged, Tagged):
                merged = merged.value
            for k, v in merged.items():
                out.setdefault(k, v)


def find_node(root: Node | None, path: KeyPath, key: bool = False) -> Node | None:
    """The node at a key path, following `<<` merge keys; None if absent.

    With key=True and a path ending in a mapping key, the key's own node is returned, so
    that an error about a key points at the key rather than at its value.
    """
    node = root
    last = len(path) - 1
    for i, part in enumerate(path):
        if node is None:
            return None
        if isinstance(part, int):
            if not isinstance(node, SequenceNode) or part >= len(node.value):
                return None
            node = node.value[part]
        elif isinstance(node, MappingNode):
            pair = _find_key(node, part)
            if pair is None:
                return None
            node = pair[0] if key and i == last else pair[1]
        else:
            return None
    return node


def _find_key(node: MappingNode, key: str, depth: int = 0) -> tuple[Node, Node] | None:
    merges = []
    for k, v in node.value:
        if k.tag == _MERGE_TAG:
            merges.append(v)
        elif isinstance(k, ScalarNode) and k.value == key:
            return k, v
    if depth > 20:
        return None
    for m in merges:
        for src in (m.value if isinstance(m, SequenceNode) else [m]):
            if isinstance(src, MappingNode):
                found = _find_key(src, key, depth + 1)
                if found is not None:
                    return found
    return None
