"""Byte sizes and durations, parsed and printed the way docker compose does."""
from __future__ import annotations

import re
from functools import lru_cache

_SIZE = re.compile(r"^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$")
_MULT = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
INT64_MAX = 2**63 - 1


class UnitError(ValueError):
    pass


SIZE_FORM = 'a size like "512m" or "1.5GiB", or a number of bytes'
DURATION_FORM = 'a duration like "10s" or "1m30s"'


def expected(form: str, value) -> UnitError:
    """`expected <form>, got <value as written>`, in the words of the schema's errors."""
    from composer.loader.schema_messages import found

    return UnitError(f"expected {form}, got {found(value)}")


def parse_bytes(value) -> int:
    """`1.5G` → 1610612736 (binary multiples, as docker's RAMInBytes); texts cached."""
    if isinstance(value, str):
        return _parse_bytes_text(value)
    return _parse_bytes(value)


@lru_cache(maxsize=1024)
def _parse_bytes_text(value: str) -> int:
    return _parse_bytes(value)


def _parse_bytes(value) -> int:
    if isinstance(value, bool):
        raise expected(SIZE_FORM, value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    m = _SIZE.match(str(value).strip())
    if not m:
        raise expected(SIZE_FORM, value)
    number = float(m.group(1)) if m.group(1).count(".") <= 1 else None
    if number is None:
        raise expected(SIZE_FORM, value)
    total = number * _MULT[(m.group(2) or "").lower()]
    if total > INT64_MAX:
        raise UnitError(f"size {value!r} is too large")
    return int(total)


_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_NS = {"ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000,
       "m": 60_000_000_000, "h": 3_600_000_000_000}


def parse_duration(value) -> int:
    """Go's time.ParseDuration: `1m30s` → nanoseconds. A bare number is seconds."""
    if isinstance(value, str):
        return _parse_duration_text(value)
    return _parse_duration(value)


@lru_cache(maxsize=1024)
def _parse_duration_text(value: str) -> int:
    return _parse_duration(value)


def _parse_duration(value) -> int:
    if isinstance(value, bool):
        raise expected(DURATION_FORM, value)
    if isinstance(value, (int, float)):
        return int(value * 1_000_000_000)
    text = str(value).strip()
    sign = 1
    if text[:1] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    if text == "0":
        return 0
    pos, total = 0, 0
    while pos < len(text):
        m = _DURATION_PART.match(text, pos)
        if not m:
            raise expected(DURATION_FORM, value)
        total += round(float(m.group(1)) * _NS[m.group(2)])
        pos = m.end()
    if not text:
        raise expected(DURATION_FORM, value)
    return sign * total


def format_duration(ns: int) -> str:
    """Go's Duration.String(): 90s → `1m30s`, 1.5s → `1.5s`, 300ms → `300ms`."""
    if ns == 0:
        return "0s"
    neg = ns < 0
    ns = abs(ns)
    if ns < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1_000), ("ns", 1)):
            if ns >= size:
                text = _frac(ns, size) + unit
                break
    else:
        hours, rest = divmod(ns, 3_600_000_000_000)
        minutes, rest = divmod(rest, 60_000_000_000)
        text = _frac(rest, 1_000_000_000) + "s"
        if hours:
            text = f"{hours}h{minutes}m" + text
        elif minutes:
            text = f"{minutes}m" + text
    return "-" + text if neg else text


def _frac(value: int, unit: int) -> str:
    whole, rest = divmod(value, unit)
    if not rest:
        return str(whole)
    digits = str(rest).rjust(len(str(unit)) - 1, "0").rstrip("0")
    return f"{whole}.{digits}"
