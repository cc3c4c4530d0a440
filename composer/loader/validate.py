"""Validate a compose document against composer's schema; every problem at once.

    validate(data, locate) -> [ConfigError, ...]   (sorted by position; empty when valid)

The document is checked piecewise (see composer/loader/schema.py): the top level, then
each item of each section with a compiled validator. A valid item costs one `is_valid`
call; only invalid items are walked for their errors, so a huge valid file stays fast.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Callable, Iterator

from composer.errors import ConfigError, Location
from composer.keypath import KeyPath
from composer.loader.schema import Section, compiled

if TYPE_CHECKING:
    from composer.loader.schema_messages import Problem

Locate = Callable[[KeyPath], Location]


def validate(data: Any, locate: Locate) -> list[ConfigError]:
    """All schema violations in `data` (a document after interpolation and merge)."""
    schema = compiled()
    try:
        top_ok = schema.top_valid(data)
    except (TypeError, RecursionError):
        top_ok = False
    problems = [] if top_ok else list(_check(schema.top, data, ()))
    if isinstance(data, dict):
        for name, section in schema.sections.items():
            items = data.get(name)
            if isinstance(items, dict):
                problems.extend(_check_section(section, items))
    errors = [_to_error(p, locate) for p in _unique(problems)]
    return sorted(errors, key=lambda e: e.location.sort_key())


def _check_section(section: Section, items: dict) -> Iterator[Problem]:
    from composer.loader.schema_messages import Problem, found

    pattern, valid = section.name_pattern, section.is_valid
    for name, item in items.items():
        path = (section.name, name)
        if pattern is not None and not (isinstance(name, str) and pattern.search(name)):
            yield Problem((section.name,), f"invalid name {found(name)}: expected "
                          f"{section.name_schema['title']}", key=name)
        try:
            if valid(item):
                continue
        except (TypeError, RecursionError):  # explained by _check
            pass
        yield from _explain_item(section, item, path)


def _explain_item(section: Section, item: Any, path: KeyPath) -> Iterator[Problem]:
    """The problems of one invalid item; for a plain mapping, only its bad keys are walked."""
    from composer.loader.schema_messages import unknown_keys

    if section.keys is None or not isinstance(item, dict):
        yield from _check(section.items, item, path)
        return
    yield from unknown_keys(item, section.items.schema, path)
    for key, value in item.items():
        known = section.keys.get(key)
        if known is None:
            continue
        try:
            if known.is_valid(value):
                continue
        except (TypeError, RecursionError):
            pass
        yield from _check(known.validator, value, path + (key,))


def _check(validator, value: Any, base: KeyPath) -> Iterator[Problem]:
    """Every problem of one value, explained."""
    from composer.loader.schema_messages import Problem, explain

    try:
        errors = list(validator.iter_errors(value))
    except TypeError:  # a key that is not a string met a key pattern
        errors = list(validator.iter_errors(_with_string_keys(value)))
    except RecursionError:
        yield Problem(base, "expected a value nested less deeply, got one too deep to check")
        return
    for error in errors:
        yield from explain(error, base)


def _with_string_keys(value: Any) -> Any:
    """The YAML reader gives string keys only; plain yaml.safe_load may not."""
    if isinstance(value, dict):
        return {str(k): _with_string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_string_keys(v) for v in value]
    return value


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set = set()
    out = []
    for p in problems:
        mark = (p.path, p.message, str(p.key))
        if mark not in seen:
            seen.add(mark)
            out.append(p)
    return out


def _to_error(problem: Problem, locate: Locate) -> ConfigError:
    location = locate(problem.path)
    if problem.key is not None:
        # point at the offending key itself, but name the mapping that holds it
        key = problem.key if isinstance(problem.key, str) else str(problem.key)
        at_key = locate(problem.path + (key,))
        location = dataclasses.replace(at_key, path=location.path)
    return ConfigError(problem.message, location, problem.hint)
