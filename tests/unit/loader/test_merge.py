"""Override files merged with docker compose's rule for each key (checked against
docker compose v2.40.3 with the same two files)."""
from __future__ import annotations

import pytest

from helpers import as_json, errors_of, load_files


def merged(tmp_path, base: str, over: str, extra: str = "", **opts) -> dict:
    """Service `s` after merging `over` onto `base` (service bodies, 4-space indent)."""
    def doc(body: str) -> str:
        return "services:\n  s:\n" + "".join(f"    {l}\n" for l in body.strip("\n").split("\n"))
    loaded = load_files(tmp_path, {"base.yaml": doc("image: x\n" + base) + extra,
                                   "over.yaml": doc(over)},
                        files=("base.yaml", "over.yaml"), **opts)
    return as_json(loaded)["services"]["s"]


RULES = [
    # replaced whole
    ("command: echo a b", "command: echo c", "command", ["echo", "c"]),
    ("entrypoint: [sh, -c]", "entrypoint: sh", "entrypoint", ["sh"]),
    ("healthcheck: {test: [CMD, a], interval: 10s}", "healthcheck: {test: [CMD, b], timeout: 5s}",
     "healthcheck", {"test": ["CMD", "b"], "timeout": "5s", "interval": "10s"}),
    # mappings, whatever their form
    ("environment: {A: 1, B: 2}", "environment: [B=3, C=4]", "environment",
     {"A": "1", "B": "3", "C": "4"}),
    ("labels: [l1=a, l2=b]", "labels: {l2: c, l3: d}", "labels",
     {"l1": "a", "l2": "c", "l3": "d"}),
    ("sysctls: {s1: 1}", "sysctls: [s2=2]", "sysctls", {"s1": "1", "s2": "2"}),
    ("ulimits: {nofile: {soft: 1, hard: 2}, nproc: 10}",
     "ulimits: {nofile: {soft: 5, hard: 6}, nproc: {soft: 3, hard: 4}}", "ulimits",
     {"nofile": {"soft": 5, "hard": 6}, "nproc": {"soft": 3, "hard": 4}}),
    ("logging: {driver: syslog, options: {a: 1}}", "logging: {options: {b: 2}}", "logging",
     {"driver": "syslog", "options": {"a": "1", "b": "2"}}),
    ("logging: {driver: syslog, options: {a: 1}}", "logging: {driver: json-file}", "logging",
     {"driver": "json-file"}),
    ("depends_on: {b: {condition: service_healthy}}", "depends_on: [c]", "depends_on",
     {"b": {"condition": "service_healthy", "required": True},
      "c": {"condition": "service_started", "required": True}}),
    ("networks: {n1: {aliases: [x1]}, n2: }", "networks: {n1: {aliases: [x2, x1]}, n3: }",
     "networks", {"n1": {"aliases": ["x1", "x2"]}, "n2": None, "n3": None}),
    # sequences made unique by value
    ("dns: [1.1.1.1, 8.8.8.8]", "dns: 8.8.8.8", "dns", ["1.1.1.1", "8.8.8.8"]),
    ("dns_search: a.com", "dns_search: [b.com, a.com]", "dns_search", ["a.com", "b.com"]),
    ("tmpfs: [/t1]", "tmpfs: /t2", "tmpfs", ["/t1", "/t2"]),
    ("cap_add: [A, B]", "cap_add: [B, C]", "cap_add", ["A", "B", "C"]),
    ("expose: [1, 2]", "expose: ['2', 3]", "expose", ["1", "2", "3"]),
    ("profiles: [p]", "profiles: [q, p]", "profiles", ["p", "q"]),
    ("extra_hosts: ['h1:1.1.1.1', 'h2:2.2.2.2']", "extra_hosts: {h1: 9.9.9.9, h2: 2.2.2.2}",
     "extra_hosts", ["h1=1.1.1.1", "h1=9.9.9.9", "h2=2.2.2.2"]),
    ("devices: [/dev/a, '/dev/b:/dev/b']", "devices: [/dev/a, /dev/b]", "devices",
     [{"source": "/dev/a", "target": "/dev/a", "permissions": "rwm"},
      {"source": "/dev/b", "target": "/dev/b", "permissions": "rwm"}]),
    # sequences appended
    ("device_cgroup_rules: [r1]", "device_cgroup_rules: [r2]", "device_cgroup_rules",
     ["r1", "r2"]),
    ("build: {context: ., cache_from: [c1], tags: [t1]}", "build: {cache_from: [c1], tags: [t1, t2]}",
     "build", {"context": "@", "dockerfile": "Dockerfile", "cache_from": ["c1", "c1"],
               "tags": ["t1", "t2"]}),
    ("deploy: {placement: {constraints: [a]}}", "deploy: {placement: {constraints: [a]}}",
     "deploy", {"placement": {"constraints": ["a", "a"]}, "resources": {}}),
    # a later null changes nothing
    ("user: u", "user:", "user", "u"),
]


@pytest.mark.parametrize("base, over, key, want", RULES,
                         ids=[f"{r[2]}-{i}" for i, r in enumerate(RULES)])
def test_rule(tmp_path, base, over, key, want):
    got = merged(tmp_path, base, over, extra="networks: {n1: {}, n2: {}, n3: {}}\n",
                 profiles=("p",))
    want = {k: (str(tmp_path) if v == "@" else v) for k, v in want.items()} \
        if isinstance(want, dict) else want
    assert got[key] == want


def test_ports_short_forms_unique_once_read_long_forms_as_written(tmp_path):
    got = merged(tmp_path, 'ports: ["80:80", 100, {target: 70, published: 7000}]',
                 'ports: ["80:80/tcp", "100", {target: 70, published: "7000"}]', strict=False)
    assert [(p["target"], p.get("published")) for p in got["ports"]] == [
        (80, "80"), (100, None), (70, "7000"), (70, "7000")]


def test_volumes_secrets_configs_unique_by_target(tmp_path):
    (tmp_path / "f").write_text("x\n")     # a used secret's missing file is an error
    got = merged(tmp_path, 'volumes: ["./a:/a", "vol:/vv"]\nsecrets: [s1]\nconfigs: [c1]',
                 'volumes: ["./b:/a/"]\nsecrets: [{source: s1, target: other}]\n'
                 'configs: [{source: c2, target: /c1}]',
                 extra="volumes: {vol: {}}\nsecrets: {s1: {file: ./f}}\n"
                       "configs: {c1: {file: ./f}, c2: {file: ./f}}\n")
    assert [(v.get("source"), v["target"]) for v in got["volumes"]] == [
        (f"{tmp_path}/b", "/a"), ("vol", "/vv")]
    assert got["secrets"] == [{"source": "s1", "target": "/run/secrets/s1"},
                              {"source": "s1", "target": "other"}]
    assert got["configs"] == [{"source": "c2", "target": "/c1"}]


def test_env_files_unique_later_ones_win(tmp_path):
    (tmp_path / "e1.env").write_text("E=1\n")
    (tmp_path / "e2.env").write_text("E=2\n")
    got = merged(tmp_path, "env_file: [e1.env]", "env_file: [e2.env, e1.env]")
    assert got["environment"] == {"E": "2"}


def test_reset_and_override(tmp_path):
    got = merged(tmp_path, """\
ports: ["80:80"]
environment: {A: 1, B: 2}
labels: {l: 1}
command: echo hi
volumes: ["./a:/a"]
""", """\
ports: !reset []
environment: !override {C: 3}
labels: !reset {}
command: !reset
volumes: !override ["./b:/b"]
""")
    assert "ports" not in got and "labels" not in got
    assert got["command"] is None
    assert got["environment"] == {"C": "3"}
    assert got["volumes"] == [{"type": "bind", "source": f"{tmp_path}/b", "target": "/b",
                               "bind": {"create_host_path": True}}]


def test_unique_lists_appended_into_duplicates_are_rejected_after_merge(tmp_path):
    lines = errors_of(tmp_path, {
        "base.yaml": "services:\n  s:\n    image: x\n    security_opt: [a]\n",
        "over.yaml": "services:\n  s:\n    security_opt: [a]\n"},
        files=("base.yaml", "over.yaml"))
    assert lines == ['over.yaml:3:5: services.s.security_opt[1]: expected each item once, '
                     'got "a" again']


def test_later_documents_of_a_file_override_earlier_ones(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n---\n"
                                                   "services:\n  a:\n    image: y\n"})
    assert loaded.canonical["services"]["a"]["image"] == "y"
