"""The compiled fast check agrees with jsonschema, and the schema file itself is sound."""
from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from composer.loader.schema import inline_refs, load_schema
from composer.loader.schema_check import compile_check


def test_schema_is_a_valid_draft_2020_12_schema():
    schema = load_schema()
    Draft202012Validator.check_schema(schema)


def test_every_pattern_compiles():
    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                re.compile(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema())


def test_inline_refs_leaves_no_reference():
    assert "$ref" not in repr(inline_refs(load_schema()))


def test_inline_refs_keeps_sibling_keywords():
    schema = {"$defs": {"n": {"type": "integer", "title": "a number"}},
              "properties": {"x": {"$ref": "#/$defs/n", "title": "a count"}}}
    assert inline_refs(schema)["properties"]["x"] == {"type": "integer", "title": "a count"}


TRICKY = [
    ({"type": "integer"}, [1, 1.0, 1.5, True, "1", None]),
    ({"type": "number"}, [1, 1.5, False, "1"]),
    ({"type": ["string", "null"]}, ["", None, 0]),
    ({"enum": ["a", 1]}, ["a", 1, True, 1.0, "b"]),
    ({"const": 1}, [1, True, 1.0]),
    ({"uniqueItems": True}, [[1, True], [1, 1.0], ["a", "a"], [{"a": 1}, {"a": 1}], [[1], [True]]]),
    ({"minimum": 0, "maximum": 10}, [-1, 0, 10, 11, "x", True]),
    ({"pattern": "^a"}, ["abc", "bc", 1]),
    ({"minLength": 1}, ["", "a", 1]),
    ({"minItems": 1}, [[], [1], "x"]),
    ({"prefixItems": [{"const": "a"}], "items": {"type": "integer"}}, [["a", 1], ["b"], ["a", "b"]]),
    ({"required": ["a"], "propertyNames": {"pattern": "^[a-z]+$"}}, [{"a": 1}, {"b": 1}, {"A": 1}]),
    ({"properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {"type": "integer"}},
      "additionalProperties": False},
     [{"a": "s"}, {"a": 1}, {"x-y": 1}, {"x-y": "s"}, {"b": 1}, []]),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, ["s", 1, 1.5]),
    ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, [1, 1.5, "x"]),
]


@pytest.mark.parametrize("schema, values", TRICKY)
def test_fast_check_semantics_match_jsonschema(schema, values):
    check, reference = compile_check(schema), Draft202012Validator(schema)
    for value in values:
        assert check(value) == reference.is_valid(value), value


def test_unknown_keywords_are_refused():
    with pytest.raises(NotImplementedError):
        compile_check({"type": "object", "dependentRequired": {"a": ["b"]}})
