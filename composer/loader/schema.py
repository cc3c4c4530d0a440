"""composer's compose schema, loaded once and cut into compiled validators.

`composer/schema/compose-spec.json` is one whole schema. For speed the loader validates a
document piecewise: the top level with its sections reduced to "a mapping", then every
item of a section (each service, network, volume, …) against that section's item schema.
`$ref`s are inlined first (the schema has no recursion), so validators never resolve a
reference at run time.
"""
from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from typing import Any, Callable

from composer.loader.schema_check import compile_check


class LazyValidator:
    """A jsonschema Draft202012Validator made on first use: a valid document never needs
    one (the compiled fast checks say so), and importing jsonschema costs time."""

    def __init__(self, schema: Any):
        self.schema = schema
        self._validator = None

    def __getattr__(self, name: str):
        if self._validator is None:
            from jsonschema import Draft202012Validator

            self._validator = Draft202012Validator(self.schema)
        return getattr(self._validator, name)


Draft202012Validator = LazyValidator  # what this module builds: lazy ones

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SECTIONS = ("services", "networks", "volumes", "secrets", "configs", "models")


@dataclass(frozen=True)
class Section:
    """How to check one top-level section: its item names and its items."""

    name: str
    name_pattern: re.Pattern | None
    name_schema: dict | None
    items: Draft202012Validator
    is_valid: Callable[[Any], bool]  # the fast path; may raise TypeError on non-string keys
    keys: dict[str, "Key"] | None  # per key, when an item is a plain mapping of known keys


@dataclass(frozen=True)
class Key:
    """One known key of a plain mapping: its fast check and its jsonschema validator."""

    is_valid: Callable[[Any], bool]
    validator: Draft202012Validator


@dataclass(frozen=True)
class CompiledSchema:
    top: Draft202012Validator
    sections: dict[str, Section]
    top_valid: Callable[[Any], bool] = lambda _v: False


def load_schema() -> dict:
    # beside the package's modules (importlib.resources would cost ~4 ms to import)
    with open(os.path.join(_PACKAGE, "schema", "compose-spec.json"), encoding="utf-8") as f:
        text = f.read()
    return anchored(json.loads(text))


def anchored(node: Any) -> Any:
    """The schema with each pattern's final `$` made `\\Z`.

    A JSON Schema pattern is an ECMA-262 regex, whose `$` is the end of the text; Python's
    `$` also matches before a final line break, which would let `"web\\n"` pass as a
    service name and reach labels and filters."""
    if isinstance(node, list):
        return [anchored(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "pattern" and isinstance(value, str):
            value = _end_anchor(value)
        elif key == "patternProperties" and isinstance(value, dict):
            value = {_end_anchor(k): v for k, v in value.items()}
        out[key] = anchored(value)
    return out


def _end_anchor(pattern: str) -> str:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


def inline_refs(schema: dict) -> dict:
    """Replace every `{"$ref": "#/$defs/x", ...}` by the definition merged with its siblings."""
    defs = schema.get("$defs", {})
    done: dict[str, object] = {}

    def resolve(name: str, stack: tuple[str, ...]):
        if name not in done:
            if name in stack:
                raise ValueError(f"recursive schema definition: {name}")
            done[name] = walk(defs[name], stack + (name,))
        return done[name]

    def walk(node, stack: tuple[str, ...] = ()):
        if isinstance(node, list):
            return [walk(n, stack) for n in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v, stack) for k, v in node.items() if k not in ("$ref", "$defs")}
        ref = node.get("$ref")
        if ref is None:
            return out
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref: {ref}")
        target = resolve(ref[len("#/$defs/"):], stack)
        return {**target, **out} if out else target

    return walk(schema)


@lru_cache(maxsize=1)
def compiled() -> CompiledSchema:
    root = inline_refs(load_schema())
    shallow = copy.copy(root)
    shallow["properties"] = dict(root["properties"])
    sections = {}
    memo: dict = {}   # compiled checks by schema node, shared: `_keys` reuses the items'
    for name in SECTIONS:
        section_schema = root["properties"][name]
        shallow["properties"][name] = {"type": "object", "title": "a mapping"}
        names = section_schema.get("propertyNames")
        item_schema = section_schema["additionalProperties"]
        items = Draft202012Validator(item_schema)
        sections[name] = Section(
            name=name,
            name_pattern=re.compile(names["pattern"]) if names else None,
            name_schema=names,
            items=items,
            is_valid=_fast_check(item_schema, items, memo),
            keys=_keys(item_schema, memo),
        )
    top = Draft202012Validator(shallow)
    return CompiledSchema(top=top, sections=sections, top_valid=_fast_check(shallow, top))


def _fast_check(schema: Any, validator: Draft202012Validator,
                memo: dict | None = None) -> Callable[[Any], bool]:
    try:
        return compile_check(schema, memo)
    except NotImplementedError:  # a keyword the fast path does not know: use jsonschema
        return validator.is_valid


_PLAIN_OBJECT = {"type", "properties", "patternProperties", "additionalProperties"}
_ANNOTATIONS = {"title", "description", "$comment"}


def _keys(schema: dict, memo: dict | None = None) -> dict[str, Key] | None:
    """For a mapping schema made only of known keys and free `x-` keys: a check per key."""
    plain = (set(schema) - _ANNOTATIONS <= _PLAIN_OBJECT and schema.get("type") == "object"
             and schema.get("additionalProperties") is False
             and all(s in ({}, True) for s in schema.get("patternProperties", {}).values()))
    if not plain:
        return None
    keys = {}
    for name, sub in schema.get("properties", {}).items():
        validator = Draft202012Validator(sub)
        keys[name] = Key(is_valid=_fast_check(sub, validator, memo), validator=validator)
    return keys
