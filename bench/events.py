"""Read what the engine recorded: when each service's container started, turned healthy.

The health-gated chain is timed from the engine's own event stream, so the measure is
the same for every implementation and blind to how each one prints progress: for each
edge (dependency, dependent), the dependent's `start` event time minus the dependency's
`health_status: healthy` event time.
"""
from __future__ import annotations

import time

from composer.engine import base as L


def service_times(api, project: str, since: float, until: float | None = None
                  ) -> dict[str, dict[str, float]]:
    """{action: {service: first event time}} for the project's containers, for the
    actions `start` and `healthy`, between since and until (epoch seconds)."""
    until = until if until is not None else time.time()
    stream = api.events(since=f"{since:.6f}", until=f"{until:.6f}", decode=True,
                        filters={"type": "container", "label": f"{L.PROJECT}={project}"})
    out: dict[str, dict[str, float]] = {"start": {}, "healthy": {}}
    for ev in stream:
        action = ev.get("Action") or ev.get("status") or ""
        key = {"start": "start", "health_status: healthy": "healthy"}.get(action)
        service = ((ev.get("Actor") or {}).get("Attributes") or {}).get(L.SERVICE)
        if key and service:
            when = ev.get("timeNano", 0) / 1e9 or float(ev.get("time", 0))
            out[key].setdefault(service, when)
    return out


def health_gaps(api, project: str, edges: list[tuple[str, str]], since: float
                ) -> list[float]:
    """Seconds from each dependency turning healthy to its dependent starting."""
    times = service_times(api, project, since)
    gaps = []
    for dependency, dependent in edges:
        healthy = times["healthy"].get(dependency)
        started = times["start"].get(dependent)
        if healthy is None or started is None:
            raise RuntimeError(f"no {'healthy' if healthy is None else 'start'} event for "
                               f"{dependency if healthy is None else dependent} in {project}")
        gaps.append(started - healthy)
    return gaps
