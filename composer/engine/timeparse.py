"""Times as docker's CLI takes them: RFC 3339, a Unix timestamp, or relative (`10m`)."""
from __future__ import annotations

import time
from datetime import datetime

from composer.errors import ConfigError
from composer.loader.units import UnitError, parse_duration


def to_epoch(value: str) -> int | float:
    """Seconds since the epoch; a timestamp keeps its fraction (`1700000000.25`)."""
    text = value.strip()
    try:
        number = float(text)
        return int(number) if number.is_integer() else number
    except ValueError:
        pass
    try:
        return int(time.time() - parse_duration(text) / 1e9)
    except UnitError:
        pass
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        raise ConfigError(f"invalid time {value!r}: expected a timestamp, RFC 3339 date "
                          "or a duration like 10m") from None
    return int(stamp) if stamp.is_integer() else stamp
