"""Interpolate every string value of a parsed file, then cast where the spec wants a type."""
from __future__ import annotations

from typing import Any, Callable

from composer.errors import ConfigError, ConfigErrors
from composer.keypath import KeyPath
from composer.loader.casts import CASTS, CastError
from composer.loader.interpolate import InterpolationError, interpolate
from composer.loader.yamlread import Tagged, YamlDoc


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

    def walk(value: Any, path: KeyPath) -> Any:
        if isinstance(value, str):
            out: Any = value
            if "$" in value:
                try:
                    out = interpolate(value, lookup, on_unset)
                except InterpolationError as e:
                    errors.append(ConfigError(str(e), doc.locate(path)))
                    return value
            cast = CASTS.lookup(path)
            if cast is not None:
                try:
                    out = cast(out, warn)
                except CastError as e:
                    errors.append(ConfigError(f"{e} (after interpolation of {value!r})"
                                              if out != value else str(e), doc.locate(path)))
            return out
        if isinstance(value, dict):
            return {k: walk(v, path + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, Tagged):
            return Tagged(value.tag, walk(value.value, path))
        return value

    result = walk(doc.data, ())
    if errors and problems is None:
        raise ConfigErrors(errors)
    return result
