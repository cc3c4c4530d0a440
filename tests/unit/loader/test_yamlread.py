"""Reading YAML: go-yaml's scalars, and the inputs that must fail fast and clearly."""
from __future__ import annotations

import time
import tracemalloc

import pytest

from composer.errors import ConfigError
from composer.loader.yamlread import Tagged, read_yaml, read_yaml_docs


def data(text: str):
    return read_yaml(text, "f.yaml").data


def error(text: str | bytes) -> str:
    with pytest.raises(ConfigError) as e:
        read_yaml_docs(text, "f.yaml")
    return str(e.value)


@pytest.mark.parametrize("text, want", [
    ("yes", "yes"), ("on", "on"), ("y", "y"), ("1:20", "1:20"),
    ("true", True), ("False", False), ("~", None), ("null", None), ("", None),
    ("0o17", 15), ("0x1F", 31), ("010", 8), ("1_000", 1000), ("0b101", 5),
    ("1.5", 1.5), ("1e3", 1000.0), (".inf", float("inf")), ("'1'", "1"),
    ("!!str 1", "1"), ("!!int '7'", 7),
])
def test_scalars_as_go_yaml_reads_them(text, want):
    assert data(f"k: {text}\n")["k"] == want


def test_keys_are_strings_as_written():
    assert data("'80': a\n\"true\": b\non: c\n!!str 1: d\n") == {
        "80": "a", "true": "b", "on": "c", "1": "d"}


def test_keys_that_are_not_strings_are_all_rejected():
    # docker compose: "non-string key in services.web.environment: 1"
    assert error("a:\n  80: a\n  true: b\n  1.0: c\n  ~: d\n").split("\n") == [
        'f.yaml:2:3: a: non-string key 80: expected a string (quote it: "80")',
        'f.yaml:3:3: a: non-string key true: expected a string (quote it: "true")',
        'f.yaml:4:3: a: non-string key 1.0: expected a string (quote it: "1.0")',
        'f.yaml:5:3: a: non-string key ~: expected a string (quote it: "~")',
    ]


def test_merge_keys_and_aliases():
    got = data("x: &x {a: 1, b: 2}\ny:\n  <<: *x\n  b: 3\nz: *x\n")
    assert got["y"] == {"a": 1, "b": 3} and got["z"] == {"a": 1, "b": 2}


def test_reset_and_override_tags():
    got = data("a: !reset []\nb: !override {c: 1}\nc: !reset\n")
    assert got == {"a": Tagged("reset", []), "b": Tagged("override", {"c": 1}),
                   "c": Tagged("reset", None)}


def test_documents_of_a_file():
    docs = read_yaml_docs("a: 1\n---\nb: 2\n", "f.yaml")
    assert [d.data for d in docs] == [{"a": 1}, {"b": 2}]


def test_duplicate_key_names_both_lines():
    assert error("services:\n  web:\n    image: a\n  web:\n    image: b\n") == \
        "f.yaml:4:3: services.web: duplicate key 'web' (first defined at line 2)"


def test_non_scalar_key():
    assert error("? [a]\n: 1\n") == "f.yaml:1:3: mapping keys must be plain strings"


def test_invalid_yaml_has_a_position():
    assert error("a:\n\tb: 1\n").startswith("f.yaml:2:1: invalid YAML: found character")


def test_nul_byte_and_non_utf8_and_binary_tag():
    assert error("a: b\x00c\n") == "f.yaml:1:5: NUL byte in file (is it a binary file?)"
    assert error(b"a: \xff\xfe\n") == \
        "f.yaml:1:4: file is not valid UTF-8 text (is it a binary file?)"
    assert error("a: !!binary aGk=\n") == "f.yaml:1:4: a: binary values are not supported"


def test_unknown_alias():
    assert error("a: [1, *nope]\n") == "f.yaml:1:8: a[1]: unknown anchor 'nope'"


def test_nesting_is_bounded():
    assert "nesting deeper than 100 levels" in error("a: " + "[" * 150 + "]" * 150)
    chain = "a0: &a0 {leaf: 1}\n" + "".join(f"a{i}: &a{i} {{n: *a{i - 1}}}\n"
                                             for i in range(1, 150))
    assert "nesting deeper than 100 levels (through anchors and aliases?)" in error(chain)


def test_billion_laughs_fails_fast_in_bounded_memory():
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n"
        for i in range(9))
    tracemalloc.start()
    start = time.monotonic()
    message = error(text)
    took = time.monotonic() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "aliases expand to too many nodes" in message
    assert took < 2 and peak < 20 * 2**20


def test_positions_follow_aliases_merges_and_named_items():
    doc = read_yaml("a: &x {k: v, deep: {z: 1}}\nb: *x\nc:\n  <<: *x\n  own: 1\n"
                    "e: [A=1, 'B=2']\n", "f.yaml")
    where = {p: doc.locate(p).render() for p in [("b", "deep", "z"), ("c", "k"), ("c", "own"),
                                                 ("e", "B"), ("zz",)]}
    assert where == {("b", "deep", "z"): "f.yaml:1:21: b.deep.z",
                     ("c", "k"): "f.yaml:1:8: c.k",
                     ("c", "own"): "f.yaml:5:3: c.own",
                     ("e", "B"): "f.yaml:6:10: e.B",
                     ("zz",): "f.yaml: zz"}


@pytest.mark.parametrize("text, want", [
    ('services:\n  web:\n    image: b\n    ports: [ "80:80"\n    command: x\n',
     'f.yaml:4:12: invalid YAML: this flow sequence ("[") is never closed (noticed at line 5: '
     "did not find expected ',' or ']')"),
    ("a: {b: 1\nc: 2\n",
     'f.yaml:1:4: invalid YAML: this flow mapping ("{") is never closed (noticed at line 2: '
     "did not find expected ',' or '}')"),
    ("a: [1, 2\n",
     'f.yaml:1:4: invalid YAML: this flow sequence ("[") is never closed (noticed at line 2: '
     "did not find expected ',' or ']')"),
    ('a: "abc\nb: 1\n',
     "f.yaml:1:4: invalid YAML: this quoted string is never closed (noticed at line 3: "
     "found unexpected end of stream)"),
])
def test_an_unclosed_bracket_or_quote_is_reported_where_it_opens(text, want):
    assert error(text) == want


def test_a_missing_comma_in_a_multi_line_flow_is_reported_where_it_is_missing():
    assert error('a: [\n  "1"\n  "2"\n]\n') == (
        "f.yaml:3:3: invalid YAML: did not find expected ',' or ']' (in the flow sequence "
        "opened at line 1)")
