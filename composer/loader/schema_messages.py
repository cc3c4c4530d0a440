"""Turn jsonschema's errors into messages for people.

Each message says what was expected at a key path and what was found there, never a
Python repr: `expected a duration like "10s" or "1m30s", got 10`. Within `anyOf`/`oneOf`
the branch whose type fits the value is the one explained, so the message is about what
the user probably meant. The schema's `title`s are the "expected" phrases.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from composer.keypath import KeyPath

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}
_PLURALS = {
    "string": "strings",
    "integer": "integers",
    "number": "numbers",
    "boolean": "booleans",
    "array": "lists",
    "object": "mappings",
    "null": "nulls",
}


@dataclass(frozen=True)
class Problem:
    """One schema violation: where, what, and maybe a hint. `key` names an offending key."""

    path: KeyPath
    message: str
    hint: str | None = None
    key: str | None = None


# --- rendering values ----------------------------------------------------------------------


def found(value: Any) -> str:
    """A short description of a value, as a user wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value) if isinstance(value, int) or value == value else "NaN"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, dict):
        return "an empty mapping" if not value else "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    return str(value)


def quoted(values) -> str:
    items = [found(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def expected(schema: Any) -> str:
    """What a schema wants, in words."""
    if not isinstance(schema, dict):
        return "nothing here" if schema is False else "a value"
    if "title" in schema:
        return schema["title"]
    if "enum" in schema:
        return "one of " + quoted(schema["enum"])
    if "const" in schema:
        return found(schema["const"])
    types = schema.get("type")
    if types == "array" and isinstance(schema.get("items"), dict):
        item_type = schema["items"].get("type")
        if isinstance(item_type, str) and "title" not in schema["items"]:
            return f"a list of {_PLURALS[item_type]}"
    if types is not None:
        names = [_TYPE_NAMES.get(t, t) for t in ([types] if isinstance(types, str) else types)]
        return " or ".join(names)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(dict.fromkeys(expected(s) for s in schema[key]))
    return "a valid value"


# --- choosing among alternatives ---------------------------------------------------------


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "unknown"


def accepts_type(schema: Any, value: Any) -> bool:
    """Could this schema want a value of this JSON type (ignoring everything but type)?"""
    if not isinstance(schema, dict):
        return bool(schema)
    kind = _json_type(value)
    if "const" in schema:
        return _json_type(schema["const"]) == kind
    if "enum" in schema:
        return any(_json_type(v) == kind for v in schema["enum"])
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        return kind in types or (kind == "integer" and "number" in types) or (
            kind == "number" and "integer" in types and float(value).is_integer())
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return any(accepts_type(s, value) for s in schema[key])
    return True


def _depth(errors: list[ValidationError]) -> int:
    return max((len(e.absolute_path) for e in errors), default=0)


def _branches(error: ValidationError) -> dict[int, list[ValidationError]]:
    out: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        out.setdefault(sub.relative_schema_path[0], []).append(sub)
    return out


# --- explaining one error ------------------------------------------------------------------


def explain(error: ValidationError, base: KeyPath) -> Iterator[Problem]:
    """The problems one jsonschema error stands for (path relative to `base`)."""
    path = base + tuple(error.absolute_path)
    kind = error.validator
    if "propertyNames" in error.relative_schema_path:
        yield Problem(path, f"invalid name {found(error.instance)}: expected "
                      f"{expected(error.schema)}", key=error.instance)
    elif kind in ("anyOf", "oneOf"):
        yield from _alternatives(error, base, path)
    elif kind == "additionalProperties":
        yield from unknown_keys(error.instance, error.schema, path)
    elif kind == "required":
        for key in _missing(error.instance, error.validator_value):
            yield Problem(path, f'missing required key "{key}"')
    elif kind == "uniqueItems":
        yield _duplicate(error.instance, path)
    elif kind == "minItems":
        yield Problem(path, f"expected at least {error.validator_value} item"
                      f"{'s' if error.validator_value != 1 else ''}, got {found(error.instance)}")
    else:
        yield Problem(path, f"expected {expected(error.schema)}, got {found(error.instance)}")


def _alternatives(error: ValidationError, base: KeyPath, path: KeyPath) -> Iterator[Problem]:
    value, options = error.instance, error.validator_value
    title = error.schema.get("title") or expected({error.validator: options})
    branches = _branches(error)
    fitting = [i for i, s in enumerate(options) if accepts_type(s, value)]
    if not fitting:
        yield Problem(path, f"expected {title}, got {found(value)}")
        return
    chosen = max(fitting, key=lambda i: _depth(branches.get(i, [])))
    errors = branches.get(chosen, [])
    deep = [e for e in errors if len(e.absolute_path) > len(error.absolute_path)]
    if len(fitting) > 1 and not deep:
        yield Problem(path, f"expected {title}, got {found(value)}")
        return
    for sub in errors:
        if len(sub.absolute_path) > len(error.absolute_path):
            yield from explain(sub, base)
        else:
            yield from _shallow(sub, title, base, path, error.schema.get("title"))


def _shallow(sub: ValidationError, title: str, base: KeyPath, path: KeyPath,
             titled: str | None) -> Iterator[Problem]:
    """An error about the value itself, inside the branch that fits it."""
    value = sub.instance
    if sub.validator == "additionalProperties" and titled:
        for p in unknown_keys(value, sub.schema, path):
            yield Problem(path, f'expected {title}, got a mapping with unknown key "{p.key}"',
                          p.hint, p.key)
    elif sub.validator == "required" and titled:
        missing = ", ".join(f'"{k}"' for k in _missing(value, sub.validator_value))
        yield Problem(path, f"expected {title}, got a mapping without required key {missing}")
    elif sub.validator in ("additionalProperties", "required", "uniqueItems", "minItems"):
        yield from explain(sub, base)
    else:
        yield Problem(path, f"expected {title}, got {found(value)}")


def _missing(instance: Any, required: list[str]) -> list[str]:
    return [k for k in required if k not in instance]


def _duplicate(items: list, path: KeyPath) -> Problem:
    seen: list = []
    for i, item in enumerate(items):
        if item in seen:
            return Problem(path + (i,), f"expected each item once, got {found(item)} again")
        seen.append(item)
    return Problem(path, "expected each item once")


# --- unknown keys and "did you mean" -------------------------------------------------------


def unknown_keys(instance: dict, schema: dict, path: KeyPath) -> Iterator[Problem]:
    allowed = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key in allowed or any(p.search(str(key)) for p in patterns):
            continue
        yield Problem(path, f'unknown key "{key}": expected {known_keys(schema)}',
                      suggest(str(key), schema, instance[key]), key=key)


_LISTED = 12   # a mapping with more keys than this is not listed in full


def known_keys(schema: dict) -> str:
    """What a key of this mapping may be: its keys listed, or how many there are."""
    keys = sorted(schema.get("properties", {}))
    what = (schema.get("title") or "").removesuffix(" (a mapping)")
    if len(keys) <= _LISTED:
        text = f"one of {', '.join(keys)}"
    else:
        text = f"one of the {len(keys)} keys of {what or 'this mapping'}"
    if any(p.startswith("^x-") for p in schema.get("patternProperties", {})):
        text += " or an x- extension"
    return text


def suggest(key: str, schema: dict, value: Any = None) -> str | None:
    """A "did you mean" for a misplaced or misspelt key, or None."""
    if "services" in schema.get("properties", {}) and isinstance(value, dict) and (
            "image" in value or "build" in value):
        return ('a service? services go under "services:"; the version 1 format '
                'is not supported')
    cached = _SUGGESTIONS.get((key, id(schema)))
    if cached is None or cached[0] is not schema:
        cached = _SUGGESTIONS[(key, id(schema))] = (schema, _did_you_mean(key, schema))
    return cached[1]


_SUGGESTIONS: dict[tuple[str, int], tuple[dict, str | None]] = {}


def _did_you_mean(key: str, schema: dict) -> str | None:
    nested = _nested_homes(key, schema)
    if nested:
        return "did you mean " + " or ".join(f'"{p}"' for p in nested[:2]) + "?"
    close = difflib.get_close_matches(key, list(schema.get("properties", {})), n=2, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f'"{c}"' for c in close) + "?"
    return None


def _mappings(schema: Any) -> Iterator[dict]:
    """The object schemas a value here may take (through anyOf/oneOf)."""
    if not isinstance(schema, dict):
        return
    if "properties" in schema:
        yield schema
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            yield from _mappings(sub)


def _nested_homes(key: str, schema: dict, depth: int = 3) -> list[str]:
    """Dotted places below this mapping where `key` is a known key: replicas → deploy.replicas."""
    homes: list[str] = []
    frontier = [("", schema)]
    for _ in range(depth):
        nxt = []
        for prefix, node in frontier:
            for name, sub in node.get("properties", {}).items():
                for mapping in _mappings(sub):
                    here = f"{prefix}{name}"
                    if key in mapping.get("properties", {}):
                        homes.append(f"{here}.{key}")
                    nxt.append((here + ".", mapping))
        if homes:
            return sorted(set(homes))
        frontier = nxt
    return []
