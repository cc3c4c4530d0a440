"""The service dependency graph: an edge a → b means b needs a first.

Edges come from depends_on (labelled with its condition), links, volumes_from and the
`service:x` forms of network_mode, ipc and pid. A cycle is a PlanError that prints the
cycle in a stable order.
"""
from __future__ import annotations

from dataclasses import dataclass

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
        for link in svc.links:
            dep, _, alias = link.partition(":")
            out.append(Edge(dep, name, "link", detail=alias if alias != dep else ""))
            seen.add(dep)
        for src in svc.volumes_from:
            if not src.startswith("container:"):
                dep, _, mode = src.partition(":")
                out.append(Edge(dep, name, "volumes_from", detail=mode))
                seen.add(dep)
        spec = svc.spec
        for key in ("network_mode", "ipc", "pid"):
            value = spec.get(key)
            if isinstance(value, str) and value.startswith("service:"):
                dep = value[len("service:"):]
                out.append(Edge(dep, name, key))
                seen.add(dep)
        for d in svc.depends_on:
            if d.service in seen and d.condition == "service_started":
                continue  # implied by one of the edges above
            out.append(Edge(d.service, name, "depends_on", d.condition, d.required, d.restart))
    return out


def build_graph(project: Project):
    """A networkx DiGraph of the services; raises PlanError on a cycle."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(sorted(project.services))
    for e in edges(project):
        if e.source not in project.services:
            if not e.required:
                continue
            raise PlanError(f'service "{e.target}" depends on undefined service "{e.source}"')
        if e.source == e.target:
            raise PlanError(f'dependency cycle: service "{e.source}" depends on itself '
                            f"({e.kind})")
        if g.has_edge(e.source, e.target):
            g.edges[e.source, e.target]["kinds"].append(e)
        else:
            g.add_edge(e.source, e.target, kinds=[e])
    _reject_cycles(g)
    return g


def _reject_cycles(g) -> None:
    import networkx as nx

    if nx.is_directed_acyclic_graph(g):
        return
    cycles = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1:
            sub = g.subgraph(comp)
            # edges point from a dependency to its dependent; print "needs" order
            found = [v for _, v in nx.find_cycle(sub.reverse(copy=False), source=min(comp))]
            cycles.append(_rotate(found))
    cycles.sort()
    text = "; ".join(" -> ".join(c + [c[0]]) for c in cycles)
    raise PlanError(f"dependency cycle between services: {text} (each needs the next)")


def _rotate(cycle: list[str]) -> list[str]:
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]


def start_order(g) -> list[str]:
    """Dependencies first; ties broken by name, so the order is stable."""
    import networkx as nx

    return list(nx.lexicographical_topological_sort(g))


def stop_order(g) -> list[str]:
    return list(reversed(start_order(g)))
