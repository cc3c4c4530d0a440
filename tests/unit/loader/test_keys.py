"""Mapping keys docker compose refuses: a key YAML reads as a number, boolean or null."""
from __future__ import annotations

import pytest

from helpers import errors_of, load_files


@pytest.mark.parametrize("extra, want", [
    ("    environment: {1: one}\n",
     'compose.yaml:4:19: services.web.environment: non-string key 1: expected a string '
     '(quote it: "1")'),
    ("    labels:\n      true: x\n",
     'compose.yaml:5:7: services.web.labels: non-string key true: expected a string '
     '(quote it: "true")'),
    ("x-a: {1.5: 2}\n",
     'compose.yaml:4:7: x-a: non-string key 1.5: expected a string (quote it: "1.5")'),
])
def test_non_string_keys_are_rejected(tmp_path, extra, want):
    text = "services:\n  web:\n    image: x\n" + extra
    assert errors_of(tmp_path, {"compose.yaml": text}) == [want]


def test_every_non_string_key_of_every_file_at_once(tmp_path):
    lines = errors_of(tmp_path, {
        "compose.yaml": "services:\n  web:\n    image: x\n    environment: {1: one, 2: two}\n",
        "compose.override.yaml": "services:\n  web:\n    sysctls: {3: x}\n"})
    assert [line.split(": ")[0] for line in lines] == [
        "compose.override.yaml:3:15", "compose.yaml:4:19", "compose.yaml:4:27"]


def test_quoted_keys_are_strings(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "services:\n  web:\n    image: x\n"
                                                   "    environment: {'1': one, on: two}\n"})
    assert loaded.canonical["services"]["web"]["environment"] == {"1": "one", "on": "two"}
