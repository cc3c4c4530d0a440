"""`config` output: the YAML and JSON forms docker compose prints (checked byte for byte
against docker compose v2.40.3 for the YAML)."""
from __future__ import annotations

import json

import pytest

from composer.configout import to_json, to_yaml


def project(**service) -> dict:
    return {"name": "p", "services": {"s": {"command": None, "entrypoint": None, **service}},
            "networks": {"default": {"name": "p_default", "ipam": {}}}}


def test_yaml_leaves_out_what_only_json_prints():
    text = to_yaml(project(image="x", networks={"default": None}))
    assert text == ("name: p\nservices:\n  s:\n    image: x\n    networks:\n"
                    "      default: null\nnetworks:\n  default:\n    name: p_default\n")
    data = json.loads(to_json(project(image="x")))
    assert data["services"]["s"]["command"] is None
    assert data["networks"]["default"]["ipam"] == {}


@pytest.mark.parametrize("value, written", [
    ("1", '"1"'), ("1.5", '"1.5"'), ("true", '"true"'), ("y", '"y"'), ("yes", '"yes"'),
    ("on", '"on"'), ("null", '"null"'), ("~", '"~"'), ("", '""'), ("12:30", '"12:30"'),
    ("0x1F", '"0x1F"'), ("1e3", '"1e3"'), (".inf", '".inf"'), ("NaN", "NaN"),
    ("1000:1000", "1000:1000"), ("2001:db8::1", "2001:db8::1"), ("a,b", "a,b"),
    (" lead", "' lead'"), ("a: b", "'a: b'"), ("#c", "'#c'"), ("-x", "-x"), ("- x", "'- x'"),
    ("*star", "'*star'"), ("'q'", "'''q'''"), ('"dq"', "'\"dq\"'"), ("tab\there", '"tab\\there"'),
    ("ünïcode", "ünïcode"), ("emoji 🎉", '"emoji \\U0001F389"'), ("x\abell", '"x\\abell"'),
    ("http://x:80/a?b=c#d", "http://x:80/a?b=c#d"), ("a # b", "'a # b'"),
    ("2024-01-02", '"2024-01-02"'), ("08", '"08"'), ("0o19", "0o19"),
])
def test_yaml_quotes_strings_as_go_yaml_does(value, written):
    text = to_yaml({"name": "p", "x-v": {"k": value}}, escape=False)
    assert text == f"name: p\nx-v:\n  k: {written}\n"


def test_yaml_multiline_strings_are_literal_blocks():
    text = to_yaml({"x-v": {"a": "l1\nl2", "b": "l1\n", "c": "a\n\n", "d": "\nab",
                            "e": " \nx"}}, escape=False)
    assert text == ("x-v:\n  a: |-\n    l1\n    l2\n  b: |\n    l1\n  c: |+\n    a\n\n"
                    "  d: |2-\n\n    ab\n  e: \" \\nx\"\n")


def test_yaml_sequences_are_indented_and_empty_collections_inline():
    text = to_yaml({"x-v": {"l": ["a", {"k": 1, "j": []}], "m": {}}}, escape=False)
    assert text == "x-v:\n  l:\n    - a\n    - k: 1\n      j: []\n  m: {}\n"


def test_dollars_are_escaped_in_both_forms():
    c = project(image="x", environment={"A": "a$b"})
    assert "A: a$$b" in to_yaml(c)
    assert json.loads(to_json(c))["services"]["s"]["environment"]["A"] == "a$$b"


def test_json_drops_nested_extensions_and_models_sorts_the_top_and_spells_blkio_keys():
    c = {"name": "p", "services": {"s": {"command": None, "entrypoint": None, "x-a": 1,
                                         "blkio_config": {"weight_device": [
                                             {"path": "/dev/sda", "weight": 400}]}}},
         "models": {"m": {"model": "x"}}, "x-top": {"x-inner": 1}}
    data = json.loads(to_json(c))
    assert list(data) == ["name", "services", "x-top"]
    assert data["x-top"] == {"x-inner": 1}
    assert "x-a" not in data["services"]["s"]
    assert data["services"]["s"]["blkio_config"] == {"weight_device": [{"Path": "/dev/sda",
                                                                        "Weight": 400}]}


def test_json_escapes_html_characters_as_go_does():
    assert "\\u003cb\\u003e \\u0026" in to_json(project(image="<b> &"))


def test_integral_floats_are_printed_as_integers():
    c = project(image="x", cpus=1.0)
    assert "cpus: 1\n" in to_yaml(c)
    assert '"cpus": 1' in to_json(c)
