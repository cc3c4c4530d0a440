"""Problems reported as `FILE:LINE:COL: key.path: message`, all at once, sorted."""
from __future__ import annotations

import pytest

from composer.api import load_project
from composer.errors import PlanError
from composer.loader import LoadOptions
from helpers import errors_of

BASE = """\
services:
  web:
    image: nginx
    ports: ["8080:80"]
  db:
    image: postgres
"""

OVERRIDE = """\
services:
  web:
    imag: typo
    ports: ["80:80/xyz"]
    mem_limit: 12XB
    depends_on: [ghost]
  db:
    environment:
      A: {nested: 1}
    healthcheck:
      interval: 10
    container_name: same
  extra:
    image: x
    networks: [nope]
    volumes: ["data:relative"]
    container_name: same
"""


def test_several_problems_in_an_override_file_are_one_sorted_list(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": BASE, "override.yaml": OVERRIDE},
                      files=("compose.yaml", "override.yaml"))
    assert lines == [
        'override.yaml:3:5: services.web: unknown key "imag": expected one of the 92 keys of a '
        'service definition or an x- extension (did you mean "image"?)',
        'override.yaml:4:13: services.web.ports[0]: expected a port like '
        '"[HOST:]CONTAINER[/PROTOCOL]" or a mapping, got "80:80/xyz"',
        'override.yaml:5:5: services.web.mem_limit: expected a size like "512m" or "1.5GiB", '
        'or a number of bytes, got "12XB"',
        'override.yaml:6:18: services.web.depends_on.ghost: service "web" depends on '
        'undefined service "ghost"',
        "override.yaml:9:7: services.db.environment.A: expected a string, number, boolean or "
        "null, got a mapping",
        'override.yaml:11:7: services.db.healthcheck.interval: expected a duration like "10s" '
        'or "1m30s", got 10',
        'override.yaml:15:16: services.extra.networks.nope: service "extra" refers to '
        "undefined network nope",
        "override.yaml:16:15: services.extra.volumes[0]: container path 'relative' is not "
        "absolute (a path inside the container starts with /)",
        'override.yaml:17:5: services.extra.container_name: container name "same" is already '
        'used by service "db" (container names must be unique)',
    ]


def test_problems_of_every_file_at_once(tmp_path):
    lines = errors_of(tmp_path, {
        "a.yaml": "services:\n  s:\n    image: x\n    cpus: many\n",
        "b.yaml": "services:\n  s:\n    user: [1]\n",
    }, files=("a.yaml", "b.yaml"))
    assert [l.split(": ")[0] for l in lines] == ["a.yaml:4:5", "b.yaml:3:5"]


def test_a_value_inherited_through_extends_is_reported_where_it_is_written(tmp_path):
    lines = errors_of(tmp_path, {
        "compose.yaml": "services:\n  web:\n    extends: {file: base/common.yaml, service: b}\n",
        "base/common.yaml": "services:\n  b:\n    image: x\n    volumes: ['./d:rel']\n",
    })
    assert lines == ["base/common.yaml:4:15: services.web.volumes[0]: container path 'rel' is "
                     "not absolute (a path inside the container starts with /)"]


@pytest.mark.parametrize("compose", [
    "services:\n  web:\n    extends: {file: base.yaml, service: base}\n",
    # two services inheriting it: still one problem, where it is written
    "services:\n  web:\n    extends: {file: base.yaml, service: base}\n"
    "  api:\n    extends: {file: base.yaml, service: base}\n",
])
def test_a_problem_inherited_through_extends_is_reported_once(tmp_path, compose):
    lines = errors_of(tmp_path, {
        "compose.yaml": compose,
        "base.yaml": "services:\n  base:\n    image: x\n    healthcheck:\n"
                     "      interval: forever\n"})
    assert lines == ['base.yaml:5:7: services.base.healthcheck.interval: expected a duration '
                     'like "10s" or "1m30s", got "forever"']


def test_one_anchor_used_twice_is_one_problem(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": (
        "x-hc: &hc {interval: forever}\nservices:\n"
        "  a: {image: x, healthcheck: *hc}\n  b: {image: x, healthcheck: *hc}\n")})
    assert len(lines) == 1 and lines[0].startswith("compose.yaml:1:12: ")


def test_two_missing_keys_under_one_parent_stay_two_problems(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n"
                                                 "    networks: [front, back]\n"})
    assert len(lines) == 2


def test_extends_of_a_missing_service_suggests_a_name(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": "services:\n  base: {image: x}\n"
                                                 "  web: {extends: bsae}\n"})
    assert lines == ['compose.yaml:3:9: services.web.extends: cannot extend service "web": '
                     'service "bsae" not found (did you mean "base"?)']


def test_a_problem_in_an_included_file_names_that_file(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": "include: [sub/inc.yaml]\nservices:\n"
                                                 "  a: {image: x}\n",
                                 "sub/inc.yaml": "services:\n  b:\n    image: x\n"
                                                 "    restart: sometimes\n"})
    assert lines[0].startswith("sub/inc.yaml:4:5: services.b.restart: ")


def test_undefined_references_suggest_the_declared_name(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n"
                                                 "    networks: [frontend]\n"
                                                 "networks: {front-end: {}}\n"})
    assert lines == ['compose.yaml:4:16: services.a.networks.frontend: service "a" refers to '
                     'undefined network frontend (did you mean "front-end"?)']


@pytest.mark.parametrize("body, want", [
    ("  a: {image: x, depends_on: [a]}\n",
     'compose.yaml:2:30: services.a.depends_on.a: dependency cycle: service "a" depends on '
     "itself (depends_on)"),
    ("  a: {image: x, network_mode: 'service:b'}\n  b: {image: x, links: [a]}\n",
     "compose.yaml:3:25: services.b.links[0]: dependency cycle between services: "
     "a -> b -> a (each needs the next)"),
    # reported at the edge that closes it (c needs a), not at the first one (a needs b)
    ("  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n"
     "  c: {image: x, depends_on: [a]}\n",
     "compose.yaml:4:30: services.c.depends_on.a: dependency cycle between services: "
     "a -> b -> c -> a (each needs the next)"),
    ("  a: {image: x, volumes_from: [ghost]}\n",
     'compose.yaml:2:32: services.a.volumes_from[0]: service "a" depends on undefined '
     'service "ghost"'),
])
def test_dependency_problems_are_located(tmp_path, body, want):
    (tmp_path / "compose.yaml").write_text("services:\n" + body)
    with pytest.raises(PlanError) as e:
        load_project(LoadOptions(cwd=str(tmp_path), environ={}))
    assert str(e.value) == want


def test_cli_exit_code_and_no_traceback(tmp_path, composer):
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x\n    ports: [x]\n")
    result = composer("config", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: compose.yaml:4:13: services.a.ports[0]: ")


def test_cast_values_say_what_was_expected(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": (
        "services:\n  web:\n    image: x\n    tty: maybe\n    cpus: abc\n"
        "    deploy:\n      replicas: two\n    stop_grace_period: ${WAIT}\n"
        "    shm_size: ${SHM}\n")}, environ={"WAIT": "forever", "SHM": "lots"})
    assert lines == [
        'compose.yaml:4:5: services.web.tty: expected a boolean (true or false), got "maybe"',
        'compose.yaml:5:5: services.web.cpus: expected a number, got "abc"',
        'compose.yaml:7:7: services.web.deploy.replicas: expected an integer, got "two"',
        'compose.yaml:8:5: services.web.stop_grace_period: expected a duration like "10s" or '
        '"1m30s", got "forever"',
        'compose.yaml:9:5: services.web.shm_size: expected a size like "512m" or "1.5GiB", or '
        'a number of bytes, got "lots"',
    ]


def test_an_unknown_top_level_key_lists_the_known_ones(tmp_path):
    lines = errors_of(tmp_path, {"compose.yaml": "services:\n  web:\n    image: x\nfoo: 1\n"})
    assert lines == ['compose.yaml:4:1: unknown key "foo": expected one of configs, include, '
                     'models, name, networks, secrets, services, version, volumes or an x- '
                     'extension']
