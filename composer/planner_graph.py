"""The dependency order the planner walks, computed without importing networkx.

`up` runs on every deploy and its no-op case must be fast, so the planner orders services
with a small Kahn's algorithm over `graph.edges()` (ties broken by name, the same order as
`graph.start_order`). Only when something is wrong (a cycle, an undefined dependency)
does it call `graph.build_graph`, whose networkx analysis names the problem.
"""
from __future__ import annotations

import heapq

from composer.graph import edges
from composer.model import Project


class Deps:
    """predecessors (dependencies) and successors (dependents) of each service."""

    def __init__(self, project: Project, locate=None):
        names = set(project.services)
        self.pred: dict[str, set[str]] = {n: set() for n in names}
        self.succ: dict[str, set[str]] = {n: set() for n in names}
        broken = False
        for e in edges(project):
            if e.source not in names:
                broken = broken or e.required
                continue
            if e.source == e.target:
                broken = True
                continue
            self.pred[e.target].add(e.source)
            self.succ[e.source].add(e.target)
        self.order = self._order()
        if broken or len(self.order) < len(names):
            from composer.graph import build_graph

            build_graph(project, locate)   # raises the PlanError that names the problem

    def _order(self) -> list[str]:
        waiting = {n: len(p) for n, p in self.pred.items()}
        ready = [n for n, count in waiting.items() if count == 0]
        heapq.heapify(ready)
        order = []
        while ready:
            name = heapq.heappop(ready)
            order.append(name)
            for nxt in self.succ[name]:
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, nxt)
        return order

    def predecessors(self, name: str) -> list[str]:
        return sorted(self.pred.get(name, ()))

    def successors(self, name: str) -> list[str]:
        return sorted(self.succ.get(name, ()))

    def ancestors(self, names) -> set[str]:
        """Everything the given services depend on, directly or not."""
        seen: set[str] = set()
        stack = list(names)
        while stack:
            for dep in self.pred.get(stack.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
        return seen
