"""From the project and what the engine holds now, the steps that make them agree.

Pure: no engine calls. `plan_up` decides, container by container, what must happen and
why (planner_decide.py), then lays the decisions out as steps that each name the steps they
wait for (this module). The executor runs the plan without deciding anything.
"""
from __future__ import annotations

from composer.engine.base import Observed
from composer.model import Project, Service
from composer.plan import Plan, PlanBuilder
from composer.planner_decide import (DecideContext, Decision, UpOptions, container_name,
                                     decide_service, image_choices, image_ref, run_set)
from composer.planner_down import DownOptions, plan_down
from composer.planner_graph import Deps

__all__ = ["UpOptions", "DownOptions", "plan_up", "plan_down", "image_ref", "container_name",
           "resource_names"]

_READY_WORDS = {"service_healthy": "healthy",
                "service_completed_successfully": "completed successfully",
                "service_started": "started"}


class _Layout:
    """Turns per-container decisions into steps with ids and `after` edges."""

    def __init__(self, ctx: DecideContext):
        self.p, self.obs, self.opts, self.graph = ctx.project, ctx.observed, ctx.opts, ctx.graph
        self.choices = ctx.images
        self.decisions = ctx.decisions
        self.b = PlanBuilder()
        self.resource_steps: dict[str, int] = {}
        self.image_steps: dict[str, int | None] = {}
        self.created: dict[str, list[int]] = {}     # service → its create/recreate steps
        self.started: dict[str, list[int]] = {}     # service → its start steps
        self.ready: dict[tuple[str, str, bool], int] = {}
        # (service, number) → (its stop step, the services whose recreate it precedes)
        self.restart_stops: dict[tuple[str, int], tuple[int, frozenset[str]]] = {}

    # -- resources and images ----------------------------------------------------------------

    def resources(self, services: list[str]) -> None:
        """Networks and volumes to create; they wait for every pull and build, so that an
        image that cannot be had leaves nothing behind (as docker compose does)."""
        images = tuple(self.image_steps.values())
        nets, vols = set(), set()
        for name in services:
            svc = self.p.services[name]
            if not svc.network_mode:
                nets.update(n.name for n in svc.networks)
            vols.update(m.source for m in svc.mounts if m.type == "volume" and m.source)
        have_nets = {n.name for n in self.obs.networks}
        for key in sorted(nets):
            net = self.p.networks.get(key)
            if net is not None and not net.external and net.name not in have_nets:
                self.resource_steps[f"network:{key}"] = self.b.add(
                    "create_network", f"network:{key}", f"network {net.name} does not exist",
                    images, key=key)
        have_vols = {v.name for v in self.obs.volumes}
        for key in sorted(vols):
            vol = self.p.volumes.get(key)
            if vol is not None and not vol.external and vol.name not in have_vols:
                self.resource_steps[f"volume:{key}"] = self.b.add(
                    "create_volume", f"volume:{key}", f"volume {vol.name} does not exist",
                    images, key=key)

    def images(self, services: list[str]) -> None:
        for name in services:
            svc = self.p.services[name]
            ref = image_ref(self.p, svc)
            found = self.choices.get(ref)
            if ref in self.image_steps or found is None:
                continue
            self.image_steps[ref] = self.b.add(
                found.action, f"image:{ref}" if found.action == "pull" else f"service:{name}",
                found.reason, image=ref, service=name)

    # -- containers ----------------------------------------------------------------------------

    def service(self, name: str) -> None:
        svc = self.p.services[name]
        base = self.base_after(svc)
        creates: list[int] = []
        starts: list[int] = []
        for d in self.decisions[name]:
            if d.action == "remove":
                self.scale_down(svc, d)
                continue
            create = None
            if d.action in ("create", "recreate", "recreate_if"):
                create = self.create_step(svc, d, base)
                creates.append(create)
                self.ignored_file_options(svc)
            if self.opts.no_start:
                if create is None:
                    self.keep(svc, d)
                continue
            start = self.start_step(svc, d, create)
            if start:
                starts.append(start)
        self.created[name] = creates
        self.started[name] = starts

    def base_after(self, svc: Service) -> list:
        after: list = [self.image_steps.get(image_ref(self.p, svc))]
        if not svc.network_mode:
            after += [self.resource_steps.get(f"network:{n.name}") for n in svc.networks]
        after += [self.resource_steps.get(f"volume:{m.source}") for m in svc.mounts
                  if m.type == "volume" and m.source]
        for dep in self.graph.predecessors(svc.name):
            after += self.created.get(dep, [])
        # a dependent restarted for this service is stopped before it is replaced
        after += [stop for stop, targets in self.restart_stops.values() if svc.name in targets]
        return after

    def create_step(self, svc: Service, d: Decision, base: list) -> int:
        name, n = svc.name, d.number
        args = dict(service=name, number=n, name=container_name(self.p, svc, n))
        if d.action == "create":
            return self.b.add("create", f"service:{name}:{n}", d.reason, base, **args)
        c = d.container
        args.update(container_id=c.id, old_name=c.name)
        if d.action == "recreate_if":
            args.update(only_if=d.only_if, only_if_steps=self.steps_of(d.only_if_services))
        return self.b.add("recreate", f"service:{name}:{n}", d.reason, base, **args)

    def ignored_file_options(self, svc: Service) -> None:
        """A secret or config read from a file is bind-mounted read-only as it is on the
        host: its uid, gid and mode are ignored, with docker compose's warning."""
        # worded as docker compose words them: "secrets", but "config"
        for kind, refs, sources in (("secrets", svc.secrets, self.p.secrets),
                                    ("config", svc.configs, self.p.configs)):
            src_of = {k: s for k, s in sources.items() if s.file}
            if any(r.source in src_of and (r.uid or r.gid or r.mode is not None) for r in refs):
                text = f"{kind} `uid`, `gid` and `mode` are not supported, they will be ignored"
                if text not in self.b.warnings:
                    self.b.warnings.append(text)

    def steps_of(self, services: tuple[str, ...]) -> list[int]:
        return sorted(s for name in services for s in self.created.get(name, []))

    def start_step(self, svc: Service, d: Decision, create: int | None) -> int | None:
        name, n = svc.name, d.number
        res = f"service:{name}:{n}"
        cid = d.container.id if d.container else None
        if create is not None:
            why = {"create": "created", "recreate": "recreated",
                   "recreate_if": "running after the update"}[d.action]
            return self.b.add("start", res, why, [create] + self.dependency_ready(svc),
                              service=name, number=n, create_step=create, container_id=cid)
        if d.action == "restart":
            stop = self.restart_stops[(name, n)][0]
            return self.b.add("start", res, d.reason, [stop] + self.dependency_ready(svc),
                              service=name, number=n, container_id=cid)
        if d.action == "start":
            return self.b.add("start", res, d.reason, self.base_after(svc)
                              + self.dependency_ready(svc), service=name, number=n,
                              container_id=cid)
        self.keep(svc, d)
        return None

    def keep(self, svc: Service, d: Decision) -> None:
        c = d.container
        self.b.add("keep", f"service:{svc.name}:{d.number}", d.reason, service=svc.name,
                   number=d.number, container_id=c.id, name=c.name, state=c.state)

    def scale_down(self, svc: Service, d: Decision) -> None:
        c = d.container
        res = f"service:{svc.name}:{c.number}"
        args = dict(service=svc.name, number=c.number, container_id=c.id)
        after = []
        if c.state in ("running", "restarting", "paused"):
            after = [self.b.add("stop", res, d.reason, **args)]
        self.b.add("remove", res, d.reason, after, **args)

    # -- dependencies ----------------------------------------------------------------------------

    def stop_restart_dependents(self, name: str) -> None:
        """Dependents with `restart: true` are stopped before `name` is replaced."""
        for dependent in sorted(self.graph.successors(name)):
            for d in self.decisions.get(dependent, ()):
                if d.action == "restart" and name in d.restart_for \
                        and (dependent, d.number) not in self.restart_stops:
                    stop = self.b.add("stop", f"service:{dependent}:{d.number}", d.reason,
                                      service=dependent, number=d.number,
                                      container_id=d.container.id)
                    self.restart_stops[(dependent, d.number)] = (stop, d.restart_for)

    def dependency_ready(self, svc: Service) -> list[int]:
        out: list[int] = []
        for dep in svc.depends_on:
            if dep.service not in self.started:
                continue   # not part of this run (--no-deps) or not in the project
            if dep.condition == "service_started" and dep.required:
                out += self.started[dep.service]
            else:
                out.append(self.ready_step(dep.service, dep.condition, not dep.required))
        return out

    def ready_step(self, name: str, condition: str, optional: bool) -> int:
        key = (name, condition, optional)
        if key not in self.ready:
            what = _READY_WORDS.get(condition, condition)
            reason = f"a dependent needs it {what}" + (" (required: false)" if optional else "")
            self.ready[key] = self.b.add("wait", f"service:{name}", reason,
                                         self.started.get(name, []), service=name,
                                         condition=condition, optional=optional)
        return self.ready[key]

    # -- orphans and --wait --------------------------------------------------------------------------

    def orphans(self) -> None:
        known = set(self.opts.known_services) | set(self.p.services)
        orphans = sorted((c for c in self.obs.containers if c.service not in known
                          and not c.oneoff), key=lambda c: c.name)
        if not orphans or (self.opts.ignore_orphans and not self.opts.remove_orphans):
            return
        if not self.opts.remove_orphans:
            names = ", ".join(c.name for c in orphans)
            self.b.warnings.append(
                f"Found orphan containers ({names}) for this project. If you removed or "
                "renamed this service in your compose file, you can run this command with "
                "the --remove-orphans flag to clean it up.")
            return
        for c in orphans:
            args = dict(container_id=c.id, service=c.service, number=c.number)
            reason = f"orphan: service {c.service} is not in the project"
            after = []
            if c.state in ("running", "restarting", "paused"):
                after = [self.b.add("stop", f"container:{c.name}", reason, **args)]
            self.b.add("remove", f"container:{c.name}", reason, after, **args)

    def final_waits(self, services: list[str]) -> None:
        completes = {d.service for name in services for d in self.p.services[name].depends_on
                     if d.condition == "service_completed_successfully"}
        for name in services:
            svc = self.p.services[name]
            if name in completes:
                cond, what = "service_completed_successfully", "completed successfully"
            else:
                hc = svc.healthcheck
                declared = hc is not None and not hc.disable and bool(hc.test) \
                    and hc.test[0] != "NONE"
                cond = "service_healthy" if declared else "service_ready"
                what = "healthy" if declared else "running (healthy, if it has a healthcheck)"
            self.b.add("wait", f"service:{name}", f"--wait: {what}",
                       self.started.get(name, []), service=name, condition=cond, final=True)


def resource_names(project: Project) -> tuple[list[str], list[str]]:
    """The engine names of the networks and volumes `up` may have to create."""
    nets, vols = set(), set()
    for svc in project.services.values():
        if not svc.network_mode:
            nets.update(n.name for n in svc.networks)
        vols.update(m.source for m in svc.mounts if m.type == "volume" and m.source)
    return (sorted(project.networks[k].name for k in nets
                   if k in project.networks and not project.networks[k].external),
            sorted(project.volumes[k].name for k in vols
                   if k in project.volumes and not project.volumes[k].external))


def plan_up(project: Project, observed: Observed, opts: UpOptions = UpOptions()) -> Plan:
    graph = Deps(project)
    services = run_set(project, graph, opts)
    ctx = DecideContext(project, observed, opts, graph,
                        image_choices(project, services, observed, opts))
    for name in services:
        ctx.decisions[name] = decide_service(ctx, name)
    lay = _Layout(ctx)
    lay.images(services)
    lay.resources(services)
    for name in services:
        if any(d.action in ("recreate", "recreate_if") for d in ctx.decisions[name]):
            lay.stop_restart_dependents(name)
        lay.service(name)
    lay.orphans()
    if opts.wait and not opts.no_start:
        lay.final_waits(services)
    return lay.b.build(observed.images)
