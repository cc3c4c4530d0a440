"""The dependency graph for people and tools: a rich tree, DOT, Mermaid and JSON.

Edges read "service needs dependency" (web → db), the opposite of composer.graph's
DiGraph, whose edges point the way things start. Each edge carries its kind and label
(`depends_on: service_healthy`, `link as db`, `volumes_from (ro)`, `network_mode`). With
live states, each node is coloured by its tone (see composer.graphlive).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from composer.graph import Edge
from composer.graphlive import NodeState

TONE_RICH = {"ok": "green", "pending": "yellow", "failed": "red", "stopped": "blue",
             "absent": "dim"}
TONE_FILL = {"ok": "#b7e4b7", "pending": "#f5e6a3", "failed": "#f2aaaa", "stopped": "#b8cff0",
             "absent": "#e6e6e6"}


@dataclass(frozen=True, slots=True)
class GraphView:
    project: str
    images: dict[str, str]                     # service → image (or "" when built)
    edges: tuple[Edge, ...]                    # sorted by (target, source, kind)
    live: dict[str, NodeState] | None = field(default=None)

    @property
    def services(self) -> list[str]:
        return sorted(self.images)

    def needs(self, service: str) -> dict[str, list[str]]:
        """The dependencies of a service, each with the labels of its edges."""
        out: dict[str, list[str]] = {}
        for e in self.edges:
            if e.target == service:
                out.setdefault(e.source, []).append(e.label)
        return out


def make_view(project, graph, live: dict[str, NodeState] | None = None) -> GraphView:
    """From the Project and its built DiGraph (composer.graph.build_graph)."""
    found = [e for _, _, kinds in graph.edges(data="kinds") for e in kinds]
    found.sort(key=lambda e: (e.target, e.source, e.kind))
    images = {n: s.image or "" for n, s in project.services.items()}
    return GraphView(project.name, images, tuple(found), live)


def to_json(view: GraphView) -> str:
    nodes = []
    for name in view.services:
        node: dict = {"name": name, "image": view.images[name]}
        if view.live is not None:
            node.update(view.live[name].to_json())
        nodes.append(node)
    edges = [{"service": e.target, "needs": e.source, "kind": e.kind, "label": e.label,
              "condition": e.condition if e.kind == "depends_on" else None,
              "required": e.required, "restart": e.restart} for e in view.edges]
    return json.dumps({"project": view.project, "nodes": nodes, "edges": edges}, indent=2)


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _q(text: str) -> str:
    return f'"{_esc(text)}"'


def to_dot(view: GraphView) -> str:
    lines = [f"digraph {_q(view.project)} {{", "  // an edge A -> B reads: A needs B",
             "  node [shape=box, style=rounded];"]
    for name in view.services:
        attrs = ""
        if view.live is not None:
            st = view.live[name]
            attrs = (f' [label="{_esc(name)}\\n{_esc(st.text)}", style="rounded,filled", '
                     f"fillcolor={_q(TONE_FILL[st.tone])}]")
        lines.append(f"  {_q(name)}{attrs};")
    for e in view.edges:
        lines.append(f"  {_q(e.target)} -> {_q(e.source)} [label={_q(e.label)}];")
    lines.append("}")
    return "\n".join(lines)


def to_mermaid(view: GraphView) -> str:
    ids = {name: f"s{i}" for i, name in enumerate(view.services)}
    lines = ["graph TD"]
    for name in view.services:
        text = name if view.live is None else f"{name}<br/>{view.live[name].text}"
        lines.append(f"  {ids[name]}[{_mq(text)}]")
    for e in view.edges:
        lines.append(f"  {ids[e.target]} -->|{_mq(e.label)}| {ids[e.source]}")
    if view.live is not None:
        for tone, fill in TONE_FILL.items():
            lines.append(f"  classDef {tone} fill:{fill}")
        for name in view.services:
            lines.append(f"  class {ids[name]} {view.live[name].tone}")
    return "\n".join(lines)


def _mq(text: str) -> str:
    return '"' + text.replace('"', "#quot;") + '"'


def to_tree(view: GraphView):
    """A rich Tree: each service nothing else needs at the top, its dependencies below."""
    from rich.text import Text
    from rich.tree import Tree

    needed = {e.source for e in view.edges}
    tree = Tree(Text(view.project, style="bold"))
    shown: set[str] = set()

    def add(parent, name: str, labels: list[str]) -> None:
        tone = TONE_RICH[view.live[name].tone] if view.live is not None else ""
        line = Text.assemble((name, f"bold {tone}".strip()))
        if labels:
            line.append(f"  {', '.join(labels)}", style="cyan")
        if view.live is not None:
            line.append(f"  {view.live[name].text}", style=tone)
        deps = view.needs(name)
        if name in shown and deps:
            line.append("  (dependencies shown above)", style="dim")
            parent.add(line)
            return
        shown.add(name)
        branch = parent.add(line)
        for dep in sorted(deps):
            add(branch, dep, deps[dep])

    for name in view.services:
        if name not in needed:
            add(tree, name, [])
    return tree
