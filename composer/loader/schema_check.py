"""A fast yes/no check of a value against a JSON schema, compiled to closures.

jsonschema walks a schema anew for every value, which makes a file of thousands of
services slow. The fast path only has to answer "valid or not": this module compiles the
subset of JSON Schema that composer's schema uses into nested Python closures. When it
says "not valid", jsonschema itself is asked for the errors, so it never shapes a message;
a keyword it does not know makes `compile_check` raise, and the caller uses jsonschema.

Semantics follow draft 2020-12 as jsonschema implements it (booleans are not numbers,
1.0 is an integer, `items` applies after `prefixItems`).
"""
from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

_ANNOTATIONS = {"title", "description", "$comment", "$schema", "$id", "default", "examples"}


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or v.is_integer()),
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b or (_is_number(a) and _is_number(b) and a == b)


def compile_check(schema: Any, _memo: dict | None = None) -> Check:
    """A function telling whether a value is valid against `schema`."""
    memo = {} if _memo is None else _memo
    if schema is True or schema == {}:
        return lambda v: True
    if schema is False:
        return lambda v: False
    if id(schema) in memo:
        return memo[id(schema)]
    unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
    if unknown:
        raise NotImplementedError(f"schema keywords not compiled: {sorted(unknown)}")
    checks = [_KEYWORDS[k](schema[k], schema, memo) for k in schema if k in _KEYWORDS]
    checks = [c for c in checks if c is not None]
    if len(checks) == 1:
        check = checks[0]
    else:
        def check(v: Any, checks=tuple(checks)) -> bool:
            return all(c(v) for c in checks)
    memo[id(schema)] = check
    return check


def _type(value, schema, memo) -> Check:
    names = [value] if isinstance(value, str) else list(value)
    tests = tuple(_TYPES[n] for n in names)
    if len(tests) == 1:
        return tests[0]
    return lambda v: any(t(v) for t in tests)


def _properties(value: dict, schema, memo) -> Check:
    props = {k: compile_check(s, memo) for k, s in value.items()}
    get = props.get

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for key, item in v.items():
            sub = get(key)
            if sub is not None and not sub(item):
                return False
        return True
    return check


def _pattern_properties(value: dict, schema, memo) -> Check:
    pats = tuple((re.compile(p), compile_check(s, memo)) for p, s in value.items())

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        return all(sub(item) for key, item in v.items() for pat, sub in pats if pat.search(key))
    return check


def _additional_properties(value, schema, memo) -> Check:
    known = frozenset(schema.get("properties", ()))
    pats = tuple(re.compile(p) for p in schema.get("patternProperties", ()))
    sub = compile_check(value, memo)

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for key, item in v.items():
            if key in known or any(p.search(key) for p in pats):
                continue
            if not sub(item):
                return False
        return True
    return check


def _property_names(value, schema, memo) -> Check:
    sub = compile_check(value, memo)
    return lambda v: not isinstance(v, dict) or all(sub(k) for k in v)


def _required(value, schema, memo) -> Check:
    names = tuple(value)
    return lambda v: not isinstance(v, dict) or all(n in v for n in names)


def _items(value, schema, memo) -> Check:
    sub = compile_check(value, memo)
    skip = len(schema.get("prefixItems", ()))
    if skip:
        return lambda v: not isinstance(v, list) or all(sub(x) for x in v[skip:])
    return lambda v: not isinstance(v, list) or all(sub(x) for x in v)


def _prefix_items(value, schema, memo) -> Check:
    subs = tuple(compile_check(s, memo) for s in value)
    return lambda v: not isinstance(v, list) or all(s(x) for s, x in zip(subs, v))


def _min_items(value, schema, memo) -> Check:
    return lambda v: not isinstance(v, list) or len(v) >= value


def _unique_items(value, schema, memo) -> Check | None:
    if not value:
        return None

    def check(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        if all(isinstance(x, str) for x in v):
            return len(set(v)) == len(v)
        return not any(_same(v[i], v[j]) for i in range(len(v)) for j in range(i))
    return check


def _any_of(value, schema, memo) -> Check:
    subs = tuple(compile_check(s, memo) for s in value)
    return lambda v: any(s(v) for s in subs)


def _one_of(value, schema, memo) -> Check:
    subs = tuple(compile_check(s, memo) for s in value)
    return lambda v: sum(1 for s in subs if s(v)) == 1


def _enum(value, schema, memo) -> Check:
    options = tuple(value)
    if all(isinstance(o, str) for o in options):
        strings = frozenset(options)
        return lambda v: isinstance(v, str) and v in strings
    return lambda v: any(_same(v, o) for o in options)


def _const(value, schema, memo) -> Check:
    return lambda v: _same(v, value)


def _pattern(value, schema, memo) -> Check:
    search = re.compile(value).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _min_length(value, schema, memo) -> Check:
    return lambda v: not isinstance(v, str) or len(v) >= value


def _minimum(value, schema, memo) -> Check:
    return lambda v: not _is_number(v) or v >= value


def _maximum(value, schema, memo) -> Check:
    return lambda v: not _is_number(v) or v <= value


_KEYWORDS = {
    "type": _type,
    "properties": _properties,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
    "propertyNames": _property_names,
    "required": _required,
    "items": _items,
    "prefixItems": _prefix_items,
    "minItems": _min_items,
    "uniqueItems": _unique_items,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _min_length,
    "minimum": _minimum,
    "maximum": _maximum,
}
