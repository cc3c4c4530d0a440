"""The dependency graph rendered: every kind of edge labelled, in every format."""
from __future__ import annotations

import json

from envhelpers import load_in, write_files
from rich.console import Console

from composer import graphview
from composer.engine.base import Observed, ObservedContainer
from composer.graph import build_graph
from composer.graphlive import node_states

EVERY_KIND = """
services:
  db: {image: postgres}
  cache: {image: redis}
  files: {image: x}
  net: {image: x}
  app:
    image: app
    depends_on:
      db: {condition: service_healthy, restart: true}
      opt: {condition: service_started, required: false}
    links: ["cache:kv"]
    volumes_from: ["files:ro"]
  side:
    image: x
    network_mode: service:net
    ipc: service:app
    pid: service:app
"""


def view(tmp_path, text=EVERY_KIND, live=None):
    write_files(tmp_path, {"compose.yaml": text})
    project = load_in(tmp_path, project_name="p").project
    return graphview.make_view(project, build_graph(project), live)


def test_edges_are_labelled_by_kind(tmp_path):
    assert [(e.target, e.source, e.label) for e in view(tmp_path).edges] == [
        ("app", "cache", "link as kv"),
        ("app", "db", "depends_on: service_healthy, restart"),
        ("app", "files", "volumes_from (ro)"),
        ("side", "app", "ipc"),
        ("side", "app", "pid"),
        ("side", "net", "network_mode"),
    ]


def test_json_lists_every_edge_and_node(tmp_path):
    data = json.loads(graphview.to_json(view(tmp_path)))
    assert data["project"] == "p"
    assert [n["name"] for n in data["nodes"]] == ["app", "cache", "db", "files", "net", "side"]
    assert {(e["service"], e["needs"], e["kind"]) for e in data["edges"]} == {
        ("app", "cache", "link"), ("app", "db", "depends_on"), ("app", "files", "volumes_from"),
        ("side", "app", "ipc"), ("side", "app", "pid"), ("side", "net", "network_mode")}
    db = next(e for e in data["edges"] if e["needs"] == "db")
    assert db == {"service": "app", "needs": "db", "kind": "depends_on",
                  "label": "depends_on: service_healthy, restart",
                  "condition": "service_healthy", "required": True, "restart": True}


def test_optional_dependency_on_a_missing_service_is_left_out(tmp_path):
    assert all(e.source != "opt" for e in view(tmp_path).edges)


def test_required_false_shows_in_the_label(tmp_path):
    v = view(tmp_path, "services:\n  a: {image: x, depends_on: {b: {condition: "
                       "service_completed_successfully, required: false}}}\n  b: {image: x}\n")
    assert [e.label for e in v.edges] == [
        "depends_on: service_completed_successfully, required: false"]


SMALL = """
services:
  web: {image: x, depends_on: {db: {condition: service_healthy}}, links: [cache]}
  db: {image: x}
  cache: {image: x}
  job: {image: x, depends_on: [db]}
"""


def test_dot(tmp_path):
    assert graphview.to_dot(view(tmp_path, SMALL)) == "\n".join([
        'digraph "p" {',
        "  // an edge A -> B reads: A needs B",
        "  node [shape=box, style=rounded];",
        '  "cache";', '  "db";', '  "job";', '  "web";',
        '  "job" -> "db" [label="depends_on: service_started"];',
        '  "web" -> "cache" [label="link"];',
        '  "web" -> "db" [label="depends_on: service_healthy"];',
        "}"])


def test_mermaid(tmp_path):
    assert graphview.to_mermaid(view(tmp_path, SMALL)) == "\n".join([
        "graph TD", '  s0["cache"]', '  s1["db"]', '  s2["job"]', '  s3["web"]',
        '  s2 -->|"depends_on: service_started"| s1',
        '  s3 -->|"link"| s0',
        '  s3 -->|"depends_on: service_healthy"| s1'])


def tree_text(v) -> str:
    out = Console(width=200, no_color=True, color_system=None, record=True,
                  file=open("/dev/null", "w"))
    out.print(graphview.to_tree(v))
    return out.export_text()


def test_tree_puts_what_nothing_needs_on_top(tmp_path):
    assert tree_text(view(tmp_path, SMALL)).splitlines() == [
        "p",
        "├── job",
        "│   └── db  depends_on: service_started",
        "└── web",
        "    ├── cache  link",
        "    └── db  depends_on: service_healthy"]


def test_tree_shows_a_shared_subtree_once(tmp_path):
    text = ("services:\n  a: {image: x, depends_on: [b]}\n  c: {image: x, depends_on: [b]}\n"
            "  b: {image: x, depends_on: [d]}\n  d: {image: x}\n")
    assert tree_text(view(tmp_path, text)).splitlines() == [
        "p",
        "├── a",
        "│   └── b  depends_on: service_started",
        "│       └── d  depends_on: service_started",
        "└── c",
        "    └── b  depends_on: service_started  (dependencies shown above)"]


def container(service, state, health=None, number=1):
    return ObservedContainer(id=f"{service}{number}", name=f"p-{service}-{number}",
                             service=service, number=number, oneoff=False, state=state,
                             health=health, image_id="", labels={})


def test_live_states_and_tones():
    observed = Observed(containers=(
        container("web", "running", "healthy"), container("db", "exited"),
        container("job", "running", "unhealthy"), container("q", "running", "starting"),
        container("w", "running", number=1), container("w", "exited", number=2),
        container("r", "running", number=1), container("r", "running", number=2)))
    states = node_states(["web", "db", "job", "q", "w", "r", "none"], observed)
    got = {n: (s.state, s.health, s.tone, s.text) for n, s in states.items()}
    assert got == {
        "web": ("running", "healthy", "ok", "running (healthy)"),
        "db": ("exited", None, "stopped", "exited"),
        "job": ("running", "unhealthy", "failed", "running (unhealthy)"),
        "q": ("running", "starting", "pending", "running (starting)"),
        "w": ("mixed", None, "pending", "1 exited, 1 running"),
        "r": ("running", None, "ok", "2× running"),
        "none": ("missing", None, "absent", "no container"),
    }


def test_live_formats_carry_the_state(tmp_path):
    v0 = view(tmp_path, SMALL)
    live = node_states(v0.services, Observed(containers=(
        container("web", "running", "healthy"), container("db", "exited"))))
    v = view(tmp_path, SMALL, live)
    nodes = {n["name"]: n for n in json.loads(graphview.to_json(v))["nodes"]}
    assert (nodes["web"]["state"], nodes["web"]["health"], nodes["web"]["tone"]) == (
        "running", "healthy", "ok")
    assert nodes["web"]["containers"][0]["name"] == "p-web-1"
    assert nodes["db"]["state"] == "exited" and nodes["cache"]["state"] == "missing"
    assert '"web" [label="web\\nrunning (healthy)", style="rounded,filled", ' \
           'fillcolor="#b7e4b7"];' in graphview.to_dot(v)
    assert "  class s1 stopped" in graphview.to_mermaid(v)
    assert "└── web  running (healthy)" in tree_text(v)


def test_dot_escapes_quotes_and_backslashes():
    assert graphview._q('a"b\\c') == '"a\\"b\\\\c"'
