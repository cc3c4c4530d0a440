"""Interpolate every string value of a parsed file, then cast where the spec wants a type."""
from __future__ import annotations

from typing import Any, Callable

from composer.errors import ConfigError, ConfigErrors
from composer.keypath import KeyPath
from composer.keypath import parse_pattern
from composer.loader.casts import CAST_RULES, CastError
from composer.loader.interpolate import InterpolationError, interpolate
from composer.loader.yamlread import Tagged, YamlDoc


_RULE = 0  # not a string: never a key of the data


def _trie(rules: dict) -> dict:
    root: dict = {}
    for pattern, rule in rules.items():
        node = root
        for part in parse_pattern(pattern):
            node = node.setdefault(part, {})
        node[_RULE] = rule
    return root


_CAST_TRIE = _trie(CAST_RULES)


def substitute(doc: YamlDoc, lookup: Callable[[str], str | None],
               warn: Callable[[str], None], problems: list[ConfigError] | None = None) -> Any:
    """A new tree with `${VAR}` expanded everywhere in `doc.data` (keys are left alone).

    A value that cannot be expanded or cast stays as written; its problem is appended to
    `problems` when given, else raised (with all the others) at the end."""
    errors: list[ConfigError] = [] if problems is None else problems
    unset: set[str] = set()

    def on_unset(name: str) -> None:
        if name not in unset:
            unset.add(name)
            warn(f'The "{name}" variable is not set. Defaulting to a blank string.')

    def text(value: str, path: KeyPath, node: dict | None) -> Any:
        out: Any = value
        if "$" in value:
            try:
                out = interpolate(value, lookup, on_unset)
            except InterpolationError as e:
                errors.append(ConfigError(str(e), doc.locate(path)))
                return value
        cast = node.get(_RULE) if node else None
        if cast is not None:
            try:
                out = cast(out, warn)
            except CastError as e:
                errors.append(ConfigError(f"{e} (after interpolation of {value!r})"
                                          if out != value else str(e), doc.locate(path)))
        return out

    def walk(value: Any, path: KeyPath, node: dict | None) -> Any:
        """`value` expanded; the very same object when nothing in it changes."""
        if isinstance(value, str):
            if "$" not in value and (node is None or _RULE not in node):
                return value
            return text(value, path, node)
        if isinstance(value, dict):
            star = node.get("*") if node else None
            out = None
            for k, v in value.items():
                if isinstance(v, (int, float, bool)) or v is None:
                    continue
                new = walk(v, path + (k,), node.get(k, star) if node else None)
                if new is not v:
                    if out is None:
                        out = dict(value)
                    out[k] = new
            return value if out is None else out
        if isinstance(value, list):
            child = node.get("[]") if node else None
            items = [walk(v, path + (i,), child) for i, v in enumerate(value)]
            return value if all(a is b for a, b in zip(items, value)) else items
        if isinstance(value, Tagged):
            inner = walk(value.value, path, node)
            return value if inner is value.value else Tagged(value.tag, inner)
        return value

    result = walk(doc.data, (), _CAST_TRIE)
    if errors and problems is None:
        raise ConfigErrors(errors)
    return result
