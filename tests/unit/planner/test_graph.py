"""The dependency graph: edges from every kind of reference, cycles named, orders."""
from __future__ import annotations

import pytest

from composer.errors import PlanError
from composer.graph import build_graph, edges, start_order, stop_order
from composer.loader import LoadOptions, load


def project(tmp_path, text: str):
    (tmp_path / "compose.yaml").write_text(text)
    return load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="p")).project


def test_edges_of_every_kind(tmp_path):
    p = project(tmp_path, """
services:
  db: {image: x}
  cache: {image: x}
  vol: {image: x}
  net: {image: x}
  app:
    image: x
    depends_on:
      db: {condition: service_healthy}
    links: [cache]
    volumes_from: [vol]
  side:
    image: x
    network_mode: service:net
  short:
    image: x
    depends_on: [app]
""")
    got = {(e.source, e.target, e.kind, e.condition) for e in edges(p)}
    assert got == {
        ("db", "app", "depends_on", "service_healthy"),
        ("cache", "app", "link", "service_started"),
        ("vol", "app", "volumes_from", "service_started"),
        ("net", "side", "network_mode", "service_started"),
        ("app", "short", "depends_on", "service_started"),
    }


def test_start_order_puts_dependencies_first_and_stop_order_reverses_it(tmp_path):
    p = project(tmp_path, """
services:
  web: {image: x, depends_on: [api]}
  api: {image: x, depends_on: [db]}
  db: {image: x}
  lone: {image: x}
""")
    g = build_graph(p)
    order = start_order(g)
    assert order.index("db") < order.index("api") < order.index("web")
    assert stop_order(g) == list(reversed(order))


def test_cycle_is_named(tmp_path):
    p = project(tmp_path, """
services:
  a: {image: x, depends_on: [b]}
  b: {image: x, depends_on: [c]}
  c: {image: x, depends_on: [a]}
""")
    with pytest.raises(PlanError) as e:
        build_graph(p)
    assert "a -> b -> c -> a" in str(e.value)


def test_cycle_through_network_mode_and_links(tmp_path):
    p = project(tmp_path, """
services:
  a: {image: x, network_mode: "service:b"}
  b: {image: x, links: [a]}
""")
    with pytest.raises(PlanError, match="a -> b -> a"):
        build_graph(p)


def test_self_dependency(tmp_path):
    p = project(tmp_path, "services:\n  a: {image: x, depends_on: [a]}\n")
    with pytest.raises(PlanError, match='"a" depends on itself'):
        build_graph(p)
