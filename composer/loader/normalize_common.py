"""What the per-key normalisation rules share: the context, and value conversions.

A rule takes the raw value of one service key (interpolated, merged, paths resolved) and
the context, and returns the canonical value, or DROP to leave the key out. It reports a
problem by raising `ctx.error(key_path, message)`: the key is left out and the other keys
and services are still normalised. A rule over a list reports each bad item with
`ctx.report(ctx.error(...))` instead and goes on, so that every item's problem is told.
"""
from __future__ import annotations

import decimal
import math
import shlex
from typing import Any, Callable

from composer.errors import ConfigError
from composer.loader.units import UnitError, format_duration, parse_bytes, parse_duration

DROP = object()


class Ctx:
    """What service rules may need: where to report errors, variables, warnings."""

    def __init__(self, service: str, locate: Callable, lookup: Callable[[str], str | None],
                 warn: Callable[[str], None] | None = None):
        self.service = service
        self.locate = locate
        self.lookup = lookup
        self.warn = warn or (lambda _m: None)
        self.tolerant = False   # values may be of any type (their problems are reported)
        self.problems: list[ConfigError] = []   # reported by a rule that went on

    def report(self, error: ConfigError) -> None:
        """A problem of one item: told with the others, the rule goes on."""
        self.problems.append(error)

    def error(self, key: tuple, message: str, hint: str | None = None,
              item: Any = None) -> ConfigError:
        """A problem at `key` below the service; `item`: the list item it is about."""
        path = ("services", self.service) + key
        if item is not None and hasattr(self.locate, "locate_item"):
            return ConfigError(message, self.locate.locate_item(path, item), hint)
        return ConfigError(message, self.locate(path), hint)


def scalar_str(value: Any) -> str | None:
    """A value as docker compose prints it inside string maps (env, labels)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    return str(value)


def go_float(value: float) -> str:
    """A float as Go's %v writes it: shortest digits, exponent form from 1e+06 or below 1e-04."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    text = "".join(map(str, digits))
    exp = len(text) + exponent - 1          # of the first digit
    head = "-" if sign else ""
    if exp < -4 or exp >= 6:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{head}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if exp < 0:
        return f"{head}0.{'0' * (-exp - 1)}{text}"
    if len(text) <= exp + 1:
        return head + text + "0" * (exp + 1 - len(text))
    return f"{head}{text[:exp + 1]}.{text[exp + 1:]}"


def kv_items(value: Any) -> list[tuple[str, Any]]:
    """`["A=1", "B"]` or `{A: 1, B: null}` as pairs; a bare `B` has the value None."""
    if isinstance(value, dict):
        return list(value.items())
    items = []
    for entry in value or []:
        k, eq, v = str(entry).partition("=")
        items.append((k, v if eq else None))
    return items


def kv_map(value: Any, ctx: Ctx, key: tuple | str, none: Any = None,
           lookup: bool = False) -> dict:
    """A string map, sorted by key. A bare key gets `none`, or its variable with `lookup`."""
    where = (key,) if isinstance(key, str) else key
    out = {}
    for k, v in kv_items(value):
        if isinstance(v, (dict, list)):
            raise ctx.error(where + (k,), "expected a string, number or boolean, got a "
                            f"{'mapping' if isinstance(v, dict) else 'list'}")
        if v is None:
            out[k] = ctx.lookup(k) if lookup else none
        else:
            out[k] = scalar_str(v)
    return dict(sorted(out.items()))


def str_map(value: Any) -> dict:
    """A mapping whose values docker compose prints as strings (driver options…)."""
    return {k: scalar_str(v) for k, v in sorted((value or {}).items())}


def shell_split(value: Any, ctx: Ctx, key: tuple) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [scalar_str(v) for v in value]
    try:
        return shlex.split(str(value))
    except ValueError as e:
        raise ctx.error(key, f"cannot split {value!r} into arguments: {e}") from None


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def str_list(value: Any) -> list:
    return [scalar_str(v) for v in as_list(value)]


def duration(value: Any, ctx: Ctx, key: tuple) -> str:
    try:
        return format_duration(parse_duration(value))
    except UnitError as e:
        raise ctx.error(key, str(e)) from None


def duration_ns(value: Any, ctx: Ctx, key: tuple) -> int:
    try:
        return parse_duration(value)
    except UnitError as e:
        raise ctx.error(key, str(e)) from None


def byte_str(value: Any, ctx: Ctx, key: tuple) -> str:
    try:
        return str(parse_bytes(value))
    except UnitError as e:
        raise ctx.error(key, str(e)) from None


def octal_mode(value: Any) -> Any:
    """A file mode as docker compose prints it: 0440 → "0440"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "0" + format(value, "o") if value else "0"
    if isinstance(value, str):
        try:
            return octal_mode(int(value, 8))
        except ValueError:
            return value
    return value
