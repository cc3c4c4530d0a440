"""A plan is data: steps, each with an action, a resource, a reason and what it waits for."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

# actions that do nothing at all (shown only in the full rendering)
PASSIVE = frozenset({"keep"})
# actions that change nothing on the engine; a plan of only these is a no-op
UNCHANGING = frozenset({"keep", "wait"})


@dataclass(frozen=True, slots=True)
class Step:
    id: int
    action: str          # create_network | create_volume | build | pull | create | recreate |
    #                      start | wait | stop | remove | remove_network | remove_volume | keep
    resource: str        # "network:default", "volume:data", "service:web", "service:web:1"
    reason: str
    after: tuple[int, ...] = ()
    args: Mapping[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        after = f" (after {', '.join('#' + str(a) for a in self.after)})" if self.after else ""
        return f"#{self.id} {self.resource} {self.action} — {self.reason}{after}"


@dataclass(frozen=True, slots=True)
class Plan:
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    # image ref → local id as observed when planning, so applying needs no second lookup
    images: Mapping[str, str] = field(default_factory=dict)

    @property
    def changes(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.action not in UNCHANGING)

    def is_noop(self) -> bool:
        return not self.changes

    def render(self, include_keep: bool = True) -> str:
        lines = [s.render() for s in self.steps if include_keep or s.action not in PASSIVE]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps({"changes": len(self.changes),
                           "steps": [_step_json(s) for s in self.steps],
                           "warnings": list(self.warnings)}, indent=2)


def _step_json(s: Step) -> dict:
    d = asdict(s)
    d["after"] = list(s.after)
    d["args"] = {k: v for k, v in s.args.items()
                 if v is not None and isinstance(v, (str, int, float, bool, list, tuple))}
    return d


class PlanBuilder:
    """Collects steps with increasing ids."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.warnings: list[str] = []

    def add(self, action: str, resource: str, reason: str, after=(), **args) -> int:
        sid = len(self.steps) + 1
        deps = tuple(sorted({a for a in after if a}))
        self.steps.append(Step(sid, action, resource, reason, deps, args))
        return sid

    def build(self, images: Mapping[str, str | None] | None = None) -> Plan:
        known = {ref: iid for ref, iid in (images or {}).items() if iid}
        return Plan(tuple(self.steps), tuple(self.warnings), known)
