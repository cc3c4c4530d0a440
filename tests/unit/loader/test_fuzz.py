"""Fuzzing the loader: whatever the input, a result or a ComposerError, never a crash.

Three sources: random YAML documents shaped like compose files, mutations of a valid rich
compose file, and random text. Each example goes through the whole pipeline (load, the
dependency graph, both output forms). The runs are kept small for CI (a few seconds);
raise FUZZ_EXAMPLES to search longer.
"""
from __future__ import annotations

import copy
import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.configout import to_json, to_yaml
from composer.errors import ComposerError
from composer.graph import build_graph
from composer.loader import LoadOptions, load

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=3000, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEYS = ["image", "build", "ports", "volumes", "environment", "depends_on", "networks",
        "command", "healthcheck", "deploy", "secrets", "configs", "labels", "extends",
        "profiles", "env_file", "links", "network_mode", "container_name", "scale",
        "mem_limit", "ulimits", "logging", "extra_hosts", "devices", "tmpfs", "develop",
        "x-ext", "bogus", "<<", "context", "target", "source", "type", "condition"]
WORDS = ["a", "b", "web", "db", "80", "8080:80", "./d:/d", "v:/v", "/abs", "1g", "10s",
         "${X}", "${X:-d}", "${X:?e}", "$$", "service:a", "true", "null", "~", "-1",
         "0x10", "1.5", "", " ", "é", "a=b", "CMD", "ro", "host", "../x"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=True), st.sampled_from(WORDS),
                    st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner,
                    max_size=5)), max_leaves=25)
services = st.dictionaries(st.sampled_from(["a", "b", "web", "db"]),
                           st.dictionaries(st.sampled_from(KEYS), values, max_size=6),
                           max_size=3)
documents = st.fixed_dictionaries(
    {"services": services},
    optional={"networks": values, "volumes": values, "secrets": values, "configs": values,
              "name": values, "include": values, "x-top": values})

RICH = {
    "name": "rich",
    "services": {
        "web": {"image": "nginx:${TAG:-1}", "ports": ["8080:80", {"target": 443}],
                "volumes": ["./html:/usr/share/nginx/html:ro", "data:/data"],
                "depends_on": {"db": {"condition": "service_healthy"}},
                "environment": ["A=1", "B"], "networks": ["front", "back"],
                "healthcheck": {"test": "curl -f x", "interval": "10s"},
                "deploy": {"resources": {"limits": {"memory": "256M", "cpus": "0.5"}}},
                "secrets": ["s"], "labels": {"l": "1"}, "extra_hosts": ["h:1.2.3.4"]},
        "db": {"image": "postgres", "volumes": ["data:/var/lib/postgresql/data"],
               "healthcheck": {"test": ["CMD", "pg_isready"]}, "networks": ["back"],
               "ulimits": {"nofile": {"soft": 1, "hard": 2}}},
        "worker": {"build": {"context": ".", "args": ["X=1"]}, "command": "run ${X}",
                   "depends_on": ["db"], "profiles": ["jobs"], "extends": "db"},
    },
    "networks": {"front": {}, "back": {"ipam": {"config": [{"subnet": "10.0.0.0/24"}]}}},
    "volumes": {"data": {}},
    "secrets": {"s": {"environment": "S"}},
}


def run(text: str | bytes, tmp_path) -> None:
    """The whole pipeline on one file; only ComposerError may come out."""
    path = tmp_path / "compose.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        loaded = load(LoadOptions(cwd=str(tmp_path), environ={"HOME": "/h"},
                                  profiles=("*",), project_name="fz"))
        build_graph(loaded.project, loaded.locate)
        to_json(loaded.canonical)
        to_yaml(loaded.canonical)
    except ComposerError:
        pass


def dump(doc) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(documents)
def test_random_documents(tmp_path_factory, doc):
    run(dump(doc), tmp_path_factory.mktemp("fz"))


paths = st.lists(st.one_of(st.sampled_from(KEYS + ["web", "db", "worker", "services"]),
                           st.integers(0, 3)), min_size=1, max_size=5)


def mutate(doc, path, value, action):
    node = doc
    for part in path[:-1]:
        if isinstance(node, dict) and node:
            key = part if part in node else list(node)[hash(str(part)) % len(node)]
            node = node[key]
        elif isinstance(node, list) and node:
            node = node[part % len(node) if isinstance(part, int) else 0]
        else:
            break
    last = path[-1]
    if isinstance(node, dict):
        key = last if isinstance(last, str) else str(last)
        if action == "delete" and node:
            node.pop(list(node)[hash(key) % len(node)])
        else:
            node[key] = value
    elif isinstance(node, list):
        if action == "delete" and node:
            node.pop(0)
        else:
            node.append(value)
    return doc


@SETTINGS
@given(paths, values, st.sampled_from(["set", "delete"]))
def test_mutations_of_a_valid_file(tmp_path_factory, path, value, action):
    doc = mutate(copy.deepcopy(RICH), path, value, action)
    run(dump(doc), tmp_path_factory.mktemp("fz"))


yaml_bits = st.sampled_from(["services:\n", "  a:\n", "    image: x\n", "&a ", "*a", "<<: ",
                             "- ", "{", "}", "[", "]", ": ", "!reset ", "!override ", "---\n",
                             "\t", "'", '"', "${", "\x00", "\ufeff", "? ", "|\n", "#", "\n"])


@SETTINGS
@given(st.lists(st.one_of(yaml_bits, st.text(max_size=5)), max_size=30))
def test_random_text(tmp_path_factory, parts):
    run("".join(parts), tmp_path_factory.mktemp("fz"))


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes(tmp_path_factory, raw):
    run(raw, tmp_path_factory.mktemp("fz"))
