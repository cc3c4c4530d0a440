"""Times for --since/--until: RFC 3339 keeps its fraction, as docker's CLI sends it."""
import time

import pytest

from composer.engine.timeparse import to_epoch
from composer.errors import ConfigError


@pytest.mark.parametrize("text, expected", [
    ("1700000000", 1700000000), ("1700000000.25", 1700000000.25),
    ("2023-11-14T22:13:20Z", 1700000000), ("2023-11-14T22:13:20.5Z", 1700000000.5),
    ("2023-11-14T22:13:20.250000000Z", 1700000000.25),
    ("2023-11-15T00:13:20.5+02:00", 1700000000.5),
])
def test_timestamps_and_dates(text, expected):
    assert to_epoch(text) == expected


def test_durations_count_back_from_now():
    assert abs(to_epoch("10m") - (time.time() - 600)) < 2


def test_anything_else_is_an_error():
    with pytest.raises(ConfigError, match="invalid time 'soon'"):
        to_epoch("soon")
