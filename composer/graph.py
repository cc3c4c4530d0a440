"""The service dependency graph: an edge a → b means b needs a first.

Edges come from depends_on (labelled with its condition), links, volumes_from and the
`service:x` forms of network_mode, ipc and pid. A reference to a service that does not
exist, a service that needs itself and a cycle are one PlanError listing every problem,
the cycles printed in a stable order, each at the reference that closes it (its last
arrow). Given `locate` (the loader's, KeyPath → Location), each problem starts with the
file, line and key path of the reference that makes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from composer.errors import PlanError
from composer.model import Project


@dataclass(frozen=True, slots=True)
class Edge:
    source: str          # the dependency
    target: str          # the service that needs it
    kind: str            # depends_on | link | volumes_from | network_mode | ipc | pid
    condition: str = "service_started"
    required: bool = True
    restart: bool = False
    detail: str = ""     # a link's alias, a volumes_from's access mode (ro / rw)
    key: tuple = ()      # where the reference is written, below services.<target>

    @property
    def label(self) -> str:
        """How the edge reads to a person: `depends_on: service_healthy`, `link as db`."""
        if self.kind == "depends_on":
            extra = "".join((", required: false" if not self.required else "",
                             ", restart" if self.restart else ""))
            return f"depends_on: {self.condition}{extra}"
        if self.kind == "link" and self.detail:
            return f"link as {self.detail}"
        if self.kind == "volumes_from" and self.detail:
            return f"volumes_from ({self.detail})"
        return self.kind


def edges(project: Project) -> list[Edge]:
    out: list[Edge] = []
    for name in sorted(project.services):
        svc = project.services[name]
        seen: set[str] = set()
        for i, link in enumerate(svc.links):
            dep, _, alias = link.partition(":")
            out.append(Edge(dep, name, "link", detail=alias if alias != dep else "",
                            key=("links", i)))
            seen.add(dep)
        for i, src in enumerate(svc.volumes_from):
            if not src.startswith("container:"):
                dep, _, mode = src.partition(":")
                out.append(Edge(dep, name, "volumes_from", detail=mode,
                                key=("volumes_from", i)))
                seen.add(dep)
        spec = svc.spec
        for key in ("network_mode", "ipc", "pid"):
            value = spec.get(key)
            if isinstance(value, str) and value.startswith("service:"):
                dep = value[len("service:"):]
                out.append(Edge(dep, name, key, key=(key,)))
                seen.add(dep)
        for d in svc.depends_on:
            if d.service in seen and d.condition == "service_started":
                continue  # implied by one of the edges above
            out.append(Edge(d.service, name, "depends_on", d.condition, d.required, d.restart,
                            key=("depends_on", d.service)))
    return out


Locate = Callable[[tuple], object]   # KeyPath -> composer.errors.Location


def build_graph(project: Project, locate: Locate | None = None):
    """A networkx DiGraph of the services; raises PlanError on a bad reference or cycle."""
    g, found = _graph(project)
    if found:
        raise PlanError(_render(found, locate))
    return g


def problems(project: Project) -> list[tuple[tuple, str]]:
    """Every bad reference and cycle, as (key path of the reference, message)."""
    return [(("services", e.target) + e.key, message) for e, message in _graph(project)[1]]


def _graph(project: Project):
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(sorted(project.services))
    found: list[tuple[Edge, str]] = []
    for e in edges(project):
        if e.source not in project.services:
            if e.required:
                found.append((e, f'service "{e.target}" depends on undefined service '
                                 f'"{e.source}"'))
            continue
        if e.source == e.target:
            found.append((e, f'dependency cycle: service "{e.source}" depends on itself '
                             f"({e.kind})"))
            continue
        if g.has_edge(e.source, e.target):
            g.edges[e.source, e.target]["kinds"].append(e)
        else:
            g.add_edge(e.source, e.target, kinds=[e])
    found.extend(_cycles(g))
    return g, found


def _render(found: list[tuple["Edge", str]], locate: Locate | None) -> str:
    if locate is None:
        return "\n".join(message for _, message in found)
    placed = []
    for edge, message in found:
        loc = locate(("services", edge.target) + edge.key)
        placed.append((loc.sort_key(), f"{loc.render()}: {message}"))
    return "\n".join(text for _, text in sorted(placed))


def _cycles(g) -> list[tuple["Edge", str]]:
    import networkx as nx

    if nx.is_directed_acyclic_graph(g):
        return []
    cycles = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1:
            sub = g.subgraph(comp)
            # edges point from a dependency to its dependent; print "needs" order
            found = [v for _, v in nx.find_cycle(sub.reverse(copy=False), source=min(comp))]
            cycles.append(_rotate(found))
    out = []
    for c in sorted(cycles):
        text = " -> ".join(c + [c[0]])
        closing = g.edges[c[0], c[-1]]["kinds"][0]  # c[-1] needs c[0]: the last arrow
        out.append((closing, f"dependency cycle between services: {text} (each needs the "
                             "next)"))
    return out


def _rotate(cycle: list[str]) -> list[str]:
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]


def start_order(g) -> list[str]:
    """Dependencies first; ties broken by name, so the order is stable."""
    import networkx as nx

    return list(nx.lexicographical_topological_sort(g))


def stop_order(g) -> list[str]:
    return list(reversed(start_order(g)))
