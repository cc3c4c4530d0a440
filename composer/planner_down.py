"""The `down` plan: stop dependents before their dependencies, then remove what is left.

Pure, like the `up` planner: from the project (or None when only a name is known) and the
observed state, the steps that take the project down, each with its reason.
"""
from __future__ import annotations

from dataclasses import dataclass

from composer.engine.base import Observed, ObservedContainer
from composer.graph import edges
from composer.model import Project
from composer.plan import Plan, PlanBuilder


@dataclass(frozen=True, slots=True, kw_only=True)
class DownOptions:
    volumes: bool = False
    remove_orphans: bool = False
    rmi: str | None = None                  # local | all
    services: tuple[str, ...] = ()


def plan_down(project: Project | None, observed: Observed,
              opts: DownOptions = DownOptions()) -> Plan:
    b = PlanBuilder()
    known = set(project.services) if project else None
    containers = list(observed.containers)
    if opts.services:
        containers = [c for c in containers if c.service in opts.services]
    orphans = [c for c in containers if known is not None and c.service not in known
               and not c.oneoff]
    if orphans and not opts.remove_orphans:
        containers = [c for c in containers if c not in orphans]
        b.warnings.append("Found orphan containers (" + ", ".join(sorted(c.name for c in orphans))
                          + ") for this project. Use --remove-orphans to remove them.")
    dependents: dict[str, set[str]] = {}
    if project is not None:
        for e in edges(project):
            dependents.setdefault(e.source, set()).add(e.target)
    stops: dict[str, list[int]] = {}
    by_service: dict[str, list[ObservedContainer]] = {}
    for c in containers:
        by_service.setdefault(c.service, []).append(c)
    order = _reverse_order(by_service, dependents)
    removes = []
    for name in order:
        after = [s for d in dependents.get(name, ()) for s in stops.get(d, [])]
        for c in sorted(by_service[name], key=lambda c: (c.oneoff, c.number)):
            res = f"container:{c.name}"
            if c.state in ("running", "restarting", "paused"):
                stop = b.add("stop", res, "project is going down", after, container_id=c.id,
                             service=c.service, number=c.number)
                stops.setdefault(name, []).append(stop)
                removes.append(b.add("remove", res, "project is going down", [stop],
                                     container_id=c.id, service=c.service, volumes=opts.volumes))
            else:
                removes.append(b.add("remove", res, f"project is going down ({c.state})", after,
                                     container_id=c.id, service=c.service, volumes=opts.volumes))
    if not opts.services:
        external = {n.name for n in project.networks.values() if n.external} if project else set()
        for net in sorted(observed.networks, key=lambda n: n.name):
            if net.name not in external:
                b.add("remove_network", f"network:{net.name}", "project is going down", removes,
                      name=net.name)
        if opts.volumes:
            external = {v.name for v in project.volumes.values() if v.external} if project else set()
            for vol in sorted(observed.volumes, key=lambda v: v.name):
                if vol.name not in external:
                    b.add("remove_volume", f"volume:{vol.name}", "down -v", removes, name=vol.name)
    return b.build()


def _reverse_order(by_service: dict, dependents: dict[str, set[str]]) -> list[str]:
    """Dependents before their dependencies; stable by name."""
    names = sorted(by_service)
    done: list[str] = []
    seen: set[str] = set()

    def visit(n: str, stack: tuple = ()) -> None:
        if n in seen or n in stack:
            return
        for d in sorted(dependents.get(n, ())):
            if d in by_service:
                visit(d, stack + (n,))
        seen.add(n)
        done.append(n)

    for n in names:
        visit(n)
    return done
