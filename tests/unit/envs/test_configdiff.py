"""Differences between two configs, key path by key path."""
from __future__ import annotations

from composer.configdiff import Change, diff


def texts(a, b) -> list[str]:
    return [f"{c.kind} {c.text()}" for c in diff(a, b)]


def test_equal_configs_have_no_changes():
    c = {"services": {"web": {"image": "x", "ports": [{"target": 80}]}}}
    assert diff(c, {"services": {"web": {"image": "x", "ports": [{"target": 80}]}}}) == []


def test_changed_scalar_names_its_key_path():
    a = {"services": {"web": {"deploy": {"replicas": 1}}}}
    b = {"services": {"web": {"deploy": {"replicas": 2}}}}
    assert texts(a, b) == ["changed services.web.deploy.replicas: 1 → 2"]


def test_added_and_removed_keys_carry_their_whole_value():
    a = {"services": {"web": {"image": "x"}, "old": {"image": "o"}}}
    b = {"services": {"web": {"image": "x", "restart": "always"}, "new": {"image": "n"}}}
    assert texts(a, b) == ['added services.new: {"image": "n"}',
                           'removed services.old: {"image": "o"}',
                           'added services.web.restart: "always"']


def test_lists_of_the_same_length_compare_element_by_element():
    a = {"ports": [{"target": 80, "published": "8080"}, {"target": 81}]}
    b = {"ports": [{"target": 80, "published": "9090"}, {"target": 81}]}
    assert texts(a, b) == ['changed ports[0].published: "8080" → "9090"']


def test_a_list_that_changed_length_is_one_change():
    assert texts({"command": ["a", "b"]}, {"command": ["a"]}) == [
        'changed command: ["a", "b"] → ["a"]']


def test_types_matter_string_one_is_not_number_one():
    assert texts({"v": "1"}, {"v": 1}) == ['changed v: "1" → 1']
    assert texts({"v": True}, {"v": 1}) == ["changed v: true → 1"]
    assert texts({"v": None}, {"v": {}}) == ["changed v: null → {}"]


def test_keys_that_need_quoting_and_json_form():
    (c,) = diff({"environment": {"A.B": "1"}}, {"environment": {}})
    assert c.key == 'environment."A.B"'
    assert c.to_json() == {"path": 'environment."A.B"', "change": "removed", "from": "1"}
    assert Change(("x",), "added", new=None).to_json() == {"path": "x", "change": "added",
                                                           "to": None}
