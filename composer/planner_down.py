"""The `down` plan: stop dependents before their dependencies, then remove what is left.

Pure, like the `up` planner: from the project (or None when only a name is known) and the
observed state, the steps that take the project down, each with its reason. As docker
compose 2.40 does: the containers of services no longer in the file stay unless
--remove-orphans is given, or the project is named by `-p` without `-f` (then docker
compose takes it down by its name, whatever the file in the folder says: `by_name`);
one-off `run` containers stay, and with --remove-orphans those of them that have stopped
(exited or dead) go (a running one stays: `kill --remove-orphans` is what stops it). A
network a container still uses is left in place with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass

from composer.engine.base import Observed, ObservedContainer
from composer.graph import edges
from composer.model import Project
from composer.plan import Plan, PlanBuilder

# the states in which `down --remove-orphans` removes a one-off container, as docker compose
ONEOFF_GONE = ("exited", "dead")


@dataclass(frozen=True, slots=True, kw_only=True)
class DownOptions:
    volumes: bool = False
    remove_orphans: bool = False
    rmi: str | None = None                  # local | all
    services: tuple[str, ...] = ()
    by_name: bool = False                   # `-p NAME` without `-f`: every service goes


def plan_down(project: Project | None, observed: Observed,
              opts: DownOptions = DownOptions()) -> Plan:
    b = PlanBuilder()
    known = set(project.services) if project else set()
    every = project is None or opts.by_name or opts.remove_orphans
    containers = [c for c in observed.containers
                  if (c.oneoff and opts.remove_orphans and c.state in ONEOFF_GONE)
                  or (not c.oneoff and (every or c.service in known))]
    if opts.services:
        containers = [c for c in containers if c.service in opts.services]
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
        why = "project is going down" if name in known or project is None \
            else f"project is going down (orphan: service {name} is not in the project" + \
            (")" if opts.remove_orphans else "; -p without -f takes every service down)")
        for c in sorted(by_service[name], key=lambda c: (c.oneoff, c.number, c.name)):
            res = f"container:{c.name}"
            if c.oneoff:
                removes.append(b.add("remove", res, f"--remove-orphans: one-off container "
                                     f"of {name} ({c.state})", after, container_id=c.id,
                                     service=c.service, volumes=False))
                continue
            if c.state in ("running", "restarting", "paused"):
                stop = b.add("stop", res, why, after, container_id=c.id,
                             service=c.service, number=c.number)
                stops.setdefault(name, []).append(stop)
                removes.append(b.add("remove", res, why, [stop],
                                     container_id=c.id, service=c.service, volumes=opts.volumes))
            else:
                removes.append(b.add("remove", res, f"{why} ({c.state})", after,
                                     container_id=c.id, service=c.service, volumes=opts.volumes))
    running = sorted(c.name for c in observed.containers if c.oneoff and c.state in
                     ("running", "restarting", "paused")
                     and (not opts.services or c.service in opts.services))
    if running:
        b.warnings.append(
            f"one-off container{'s' if len(running) > 1 else ''} {', '.join(running)} "
            f"{'are' if len(running) > 1 else 'is'} still running and left in place, as docker "
            "compose does: `kill --remove-orphans` stops one-off containers, then "
            "`down --remove-orphans` removes them (and the network they held)")
    if not opts.services:
        external = {n.name for n in project.networks.values() if n.external} if project else set()
        for net in sorted(observed.networks, key=lambda n: n.name):
            if net.name not in external:
                b.add("remove_network", f"network:{net.name}", "project is going down", removes,
                      name=net.name, id=net.id or None, in_use_ok=True)
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
