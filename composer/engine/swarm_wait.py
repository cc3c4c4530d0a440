"""Has a service converged? Read its tasks until it has, or until it clearly cannot.

The engine (20.10) sends no events when tasks change state, so the adapter polls, as the
docker CLI does for `service create --detach=false`. `evaluate` is pure: one reading of a
service and its tasks in, a verdict out.

A task belongs to the current spec when its own spec (a copy of the task template taken
when it was made) equals the service's template. The service has converged when as many
current tasks run as are wanted and no older task is still wanted or still running. It cannot converge when
FAILURES current tasks failed, when it failed and nothing is retrying, when the update was
paused or rolled back, or (judged by the caller, over time) when a task stays pending with
an error such as "no suitable node".
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from composer.engine.swarm_names import SPEC_HASH
from composer.engine.swarm_state import SwarmNode
from composer.errors import EngineError

FAILURES = 3
_ROLLING = ("ContainerSpec", "ForceUpdate", "Resources", "Placement", "RestartPolicy",
            "LogDriver", "Networks")
_TERMINAL = ("complete", "shutdown", "failed", "rejected", "remove", "orphaned")


@dataclass(frozen=True, slots=True)
class Progress:
    running: int
    desired: int
    state: str                 # converging | converged | stuck (failed, nothing retries) | failed
    error: str = ""            # why it failed
    pending: str = ""          # the error of a task that waits to be scheduled

    def text(self) -> str:
        return f"{self.running}/{self.desired} running" + (f" ({self.pending})"
                                                           if self.pending else "")


def _current(task: Mapping, template: Mapping) -> bool:
    spec = task.get("Spec") or {}
    return all((spec.get(k) or None) == (template.get(k) or None) for k in _ROLLING)


def _constraint_ok(node: SwarmNode, constraint: str) -> bool:
    op = "!=" if "!=" in constraint else "=="
    key, _, want = (part.strip() for part in constraint.partition(op))
    values = {"node.id": node.id, "node.hostname": node.hostname, "node.role": node.role,
              "node.platform.os": node.os, "node.platform.arch": node.arch}
    if key in values:
        have = values[key]
    elif key.startswith("node.labels."):
        have = node.labels.get(key[len("node.labels."):])
    elif key.startswith("engine.labels."):
        have = node.engine_labels.get(key[len("engine.labels."):])
    else:
        return True   # not one composer knows: let the scheduler judge
    return (have == want) if op == "==" else (have != want)


def eligible_nodes(nodes: Iterable[SwarmNode], constraints: Iterable[str]) -> int:
    constraints = list(constraints)
    return sum(1 for n in nodes if n.ready and n.active
               and all(_constraint_ok(n, c) for c in constraints))


def _desired(spec: Mapping, nodes: Iterable[SwarmNode]) -> int:
    mode = spec.get("Mode") or {}
    if "Global" in mode:
        placement = (spec.get("TaskTemplate") or {}).get("Placement") or {}
        return eligible_nodes(nodes, placement.get("Constraints") or ())
    return int((mode.get("Replicated") or {}).get("Replicas", 1))


def _latest_error(tasks: list[Mapping]) -> str:
    tasks = sorted(tasks, key=lambda t: (t.get("Status") or {}).get("Timestamp", ""))
    for t in reversed(tasks):
        status = t.get("Status") or {}
        if status.get("Err") or status.get("Message"):
            return status.get("Err") or status.get("Message")
    return ""


def evaluate(service: Mapping, tasks: list[Mapping], nodes: Iterable[SwarmNode],
             spec_hash: str | None = None) -> Progress:
    spec = service.get("Spec") or {}
    template = spec.get("TaskTemplate") or {}
    update = service.get("UpdateStatus") or {}
    current = [t for t in tasks if _current(t, template)]
    desired = _desired(spec, nodes)
    running = sum(1 for t in current if t.get("DesiredState") == "running"
                  and (t.get("Status") or {}).get("State") == "running")
    failed = [t for t in current if (t.get("Status") or {}).get("State") in ("failed", "rejected")]
    trying = [t for t in current if t.get("DesiredState") in ("running", "ready")
              and (t.get("Status") or {}).get("State") not in _TERMINAL]
    # an older task counts until it has really stopped: while it shuts down it still serves
    older = [t for t in tasks if not _current(t, template)
             and (t.get("DesiredState") == "running"
                  or (t.get("Status") or {}).get("State") not in _TERMINAL)]
    pending = next(((t.get("Status") or {}).get("Err", "") for t in trying
                    if (t.get("Status") or {}).get("State") == "pending"
                    and (t.get("Status") or {}).get("Err")), "")

    def fail(why: str) -> Progress:
        return Progress(running, desired, "failed", why, pending)

    if spec_hash and (spec.get("Labels") or {}).get(SPEC_HASH) != spec_hash:
        what = "rolled back" if str(update.get("State", "")).startswith("rollback") \
            else "changed by someone else"
        return fail(f"the service was {what}: {update.get('Message') or _latest_error(tasks)}")
    if update.get("State") in ("paused", "rollback_paused"):
        return fail(f"the update was paused: {update.get('Message', '')}; last task error: "
                    f"{_latest_error(failed) or 'none'}")
    if len(failed) >= FAILURES:
        return fail(_latest_error(failed))
    if failed and not trying and running < desired:
        return Progress(running, desired, "stuck", _latest_error(failed), pending)
    if running == desired and not older and update.get("State") not in ("updating",
                                                                        "rollback_started"):
        return Progress(running, desired, "converged")
    return Progress(running, desired, "converging", pending=pending)


def wait_converged(read: Callable[[], tuple[Mapping, list[Mapping]]],
                   nodes: Callable[[], list[SwarmNode]], spec_hash: str | None, *,
                   timeout: float | None, log: Callable[[str], None], settle: float = 1.0,
                   pending_grace: float = 20.0, poll: float = 0.5) -> None:
    """Poll until converged for `settle` seconds; raise EngineError with the task's error
    when the service cannot converge, or when `timeout` passes."""
    start = time.monotonic()
    converged_at = pending_at = stuck_at = None
    shown = ""
    while True:
        service, tasks = read()
        p = evaluate(service, tasks, nodes(), spec_hash)
        now = time.monotonic()
        if p.text() != shown:
            shown = p.text()
            log(shown)
        if p.state == "failed":
            raise EngineError(f"cannot converge: {p.error}")
        stuck_at = (stuck_at or now) if p.state == "stuck" else None
        if stuck_at is not None and now - stuck_at >= 2 * settle:
            raise EngineError(f"cannot converge: {p.error}")
        converged_at = (converged_at or now) if p.state == "converged" else None
        if converged_at is not None and now - converged_at >= settle:
            return
        pending_at = (pending_at or now) if p.pending else None
        if pending_at is not None and now - pending_at >= pending_grace:
            raise EngineError(f"cannot converge: a task cannot be scheduled: "
                              f"{p.pending}")
        if timeout is not None and now - start >= timeout:
            raise EngineError(f"did not converge within {timeout:g}s "
                              f"({p.text()})")
        time.sleep(poll)
