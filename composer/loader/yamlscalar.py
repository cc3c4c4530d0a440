"""Plain YAML scalars read the way docker compose (go-yaml v3) reads them.

go-yaml v3 follows the YAML 1.2 core schema: `yes`, `on` and `1:20` stay strings, `0b1`,
`0o17` and `1_000` are numbers, and a leading zero still means octal. `resolve_plain`
gives the Python value of a plain (unquoted) scalar; `needs_quotes` says whether go-yaml
would quote a string when it writes one, so that it reads back as a string.
"""
from __future__ import annotations

import math
import re
from typing import Any

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INF = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}
_NINF = {"-.inf", "-.Inf", "-.INF"}
_NAN = {".nan", ".NaN", ".NAN"}
_INT = re.compile(r"^[-+]?(0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_INT64 = 2**63

# YAML 1.1 words go-yaml still quotes when writing, so that old readers keep them strings
_OLD_BOOLS = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
              "on", "On", "ON", "off", "Off", "OFF"}
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$")


_cache: dict[str, Any] = {}


def resolve_plain(value: str) -> Any:
    """The value of a plain scalar: None, a bool, an int, a float or the text itself."""
    found = _cache.get(value, _cache)
    if found is _cache:
        found = _resolve(value)
        if len(_cache) < 50_000:
            _cache[value] = found
    return found


def _resolve(value: str) -> Any:
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
        except ValueError:  # `08`: not octal, but a float for go-yaml
            return float(plain) if _FLOAT.match(value) else value
        n *= sign
        if -_INT64 <= n < 2 * _INT64:  # beyond int64, go-yaml reads a uint64
            return n
        if not digits.startswith(("0b", "0o", "0x")) and _FLOAT.match(value):
            return float(plain)
        return value
    if _FLOAT.match(value):
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


def needs_quotes(text: str) -> bool:
    """Whether go-yaml writes this string double-quoted: it would read back as another type."""
    if text in _NULLS or text in _OLD_BOOLS:
        return True
    first = text[0]
    if first in "tTfF":
        return text in _TRUE or text in _FALSE
    if first in ".+-" or first.isdigit():
        return (not isinstance(resolve_plain(text), str) or bool(_BASE60.match(text))
                or bool(_TIMESTAMP.match(text)))
    return False
