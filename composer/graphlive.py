"""The state of each service on the engine, summed up for `composer graph --live`.

A service's containers (one-off ones left out) give one state and one health: theirs
when they agree, `mixed` when they do not, `missing` when there is no container. The
tone says how it should look: ok, pending, failed, stopped or absent.
"""
from __future__ import annotations

from dataclasses import dataclass

from composer.engine.base import Observed


@dataclass(frozen=True, slots=True)
class NodeState:
    state: str                 # the engine's (running, exited, …), missing or mixed
    health: str | None         # healthy | unhealthy | starting | mixed | None (no healthcheck)
    containers: tuple[dict, ...] = ()

    @property
    def tone(self) -> str:
        if self.state == "dead" or self.health == "unhealthy":
            return "failed"
        if self.state == "running" and self.health in (None, "healthy"):
            return "ok"
        if self.state == "exited":
            return "stopped"
        if self.state == "missing":
            return "absent"
        return "pending"

    @property
    def text(self) -> str:
        """`running (healthy)`, `exited`, `2× running`, `1 exited, 1 running`."""
        if self.state == "missing":
            return "no container"
        if len(self.containers) > 1 and "mixed" in (self.state, self.health):
            counts: dict[str, int] = {}
            for c in self.containers:
                word = c["state"] if c["health"] is None else f"{c['state']} ({c['health']})"
                counts[word] = counts.get(word, 0) + 1
            return ", ".join(f"{n} {word}" for word, n in sorted(counts.items()))
        text = self.state if self.health is None else f"{self.state} ({self.health})"
        return f"{len(self.containers)}× {text}" if len(self.containers) > 1 else text

    def to_json(self) -> dict:
        return {"state": self.state, "health": self.health, "tone": self.tone,
                "containers": list(self.containers)}


def _one(values: list) -> object:
    distinct = set(values)
    return values[0] if len(distinct) == 1 else "mixed"


def node_states(services: list[str], observed: Observed) -> dict[str, NodeState]:
    out: dict[str, NodeState] = {}
    for name in services:
        cs = observed.of_service(name)
        if not cs:
            out[name] = NodeState("missing", None)
            continue
        containers = tuple({"name": c.name, "state": c.state, "health": c.health,
                            "exit_code": c.exit_code, "status": c.status} for c in cs)
        out[name] = NodeState(str(_one([c.state for c in cs])),
                              _one([c.health for c in cs]),  # type: ignore[arg-type]
                              containers)
    return out
