"""`composer graph` on the example: every edge shows in every format."""
from __future__ import annotations

import json

from support import ROOT

EXAMPLE = ROOT / "examples" / "compose" / "environments"

PROD_EDGES = [("probe", "api", "volumes_from (ro)"), ("probe", "web", "network_mode"),
              ("web", "api", "depends_on: service_healthy"),
              ("worker", "api", "depends_on: service_healthy")]


def test_graph_json_has_every_edge(composer):
    done = composer("--env", "prod", "graph", "--format", "json", cwd=EXAMPLE)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["project"] == "envdemo-prod"
    assert [(e["service"], e["needs"], e["label"]) for e in data["edges"]] == PROD_EDGES


def test_graph_dot_and_mermaid_have_every_edge(composer):
    dot = composer("--env", "prod", "graph", "--format", "dot", cwd=EXAMPLE).stdout
    for service, needs, label in PROD_EDGES:
        assert f'"{service}" -> "{needs}" [label="{label}"];' in dot
    mermaid = composer("--env", "prod", "graph", "--format", "mermaid", cwd=EXAMPLE).stdout
    assert mermaid.startswith("graph TD\n")
    assert sum(" -->|" in line for line in mermaid.splitlines()) == len(PROD_EDGES)


def test_graph_tree_is_the_default(composer):
    done = composer("--env", "prod", "graph", cwd=EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "envdemo-prod",
        "├── probe",
        "│   ├── api  volumes_from (ro)",
        "│   └── web  network_mode",
        "│       └── api  depends_on: service_healthy",
        "└── worker",
        "    └── api  depends_on: service_healthy"]


def test_graph_unknown_format(composer):
    done = composer("graph", "--format", "svg", cwd=EXAMPLE)
    assert done.returncode == 1
    assert "unknown format 'svg'; expected one of: tree, dot, mermaid, json" in done.stderr


def test_graph_names_a_cycle(composer, tmp_path):
    (tmp_path / "compose.yaml").write_text(
        "services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, links: [a]}\n")
    done = composer("graph", cwd=tmp_path)
    assert done.returncode == 1
    assert "dependency cycle between services: a -> b -> a" in done.stderr
