"""From the project and what the engine holds now, the steps that make them agree.

Pure: no engine calls. `plan_up` and `plan_down` return a Plan whose every step says why
it is there and which steps it waits for. The executor runs it without deciding anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from composer.confighash import config_hash, describe_change
from composer.engine.base import SPEC, Observed, ObservedContainer
from composer.graph import build_graph, edges, start_order
from composer.model import Project, Service
from composer.plan import Plan, PlanBuilder


@dataclass(frozen=True, slots=True, kw_only=True)
class UpOptions:
    services: tuple[str, ...] = ()          # only these (and their dependencies)
    no_deps: bool = False
    force_recreate: bool = False
    no_recreate: bool = False
    always_recreate_deps: bool = False
    no_start: bool = False
    build: str = "auto"                     # auto | always | never
    pull: str = "missing"                   # missing | always | never | build
    scale: Mapping[str, int] = field(default_factory=dict)
    remove_orphans: bool = False
    ignore_orphans: bool = False
    wait: bool = False
    known_services: tuple[str, ...] = ()    # every service of the file, enabled or not


@dataclass(frozen=True, slots=True, kw_only=True)
class DownOptions:
    volumes: bool = False
    remove_orphans: bool = False
    rmi: str | None = None                  # local | all
    services: tuple[str, ...] = ()


def container_name(project: Project, service: Service, number: int) -> str:
    if service.container_name:
        return service.container_name
    return f"{project.name}-{service.name}-{number}"


def image_ref(project: Project, service: Service) -> str:
    """The image a service runs: its `image`, or the one composer builds for it."""
    if service.image:
        return service.image if (":" in service.image.rsplit("/", 1)[-1]
                                 or "@" in service.image) else f"{service.image}:latest"
    return f"{project.name}-{service.name}:latest"


def selected_services(project: Project, graph, opts: UpOptions) -> list[str]:
    import networkx as nx

    if not opts.services:
        return start_order(graph)
    chosen = set(opts.services)
    if not opts.no_deps:
        for name in opts.services:
            chosen |= nx.ancestors(graph, name)
    return [s for s in start_order(graph) if s in chosen]


def desired_replicas(service: Service, opts: UpOptions) -> int:
    return opts.scale.get(service.name, service.replicas)


class _UpPlanner:
    def __init__(self, project: Project, observed: Observed, opts: UpOptions):
        self.p = project
        self.obs = observed
        self.opts = opts
        self.b = PlanBuilder()
        self.graph = build_graph(project)
        self.resource_steps: dict[str, int] = {}
        self.image_steps: dict[str, int] = {}
        self.created: dict[str, list[int]] = {}    # service → its create/recreate steps
        self.started: dict[str, list[int]] = {}    # service → its start steps
        self.ready: dict[tuple[str, str], int] = {}
        self.recreated: set[str] = set()

    # -- resources -------------------------------------------------------------------------

    def resources(self, services: list[str]) -> None:
        nets, vols = set(), set()
        for name in services:
            svc = self.p.services[name]
            nets.update(n.name for n in svc.networks)
            vols.update(m.source for m in svc.mounts if m.type == "volume" and m.source)
        have_nets = {n.name for n in self.obs.networks}
        for key in sorted(nets):
            net = self.p.networks.get(key)
            if net is None or net.external:
                continue
            if net.name not in have_nets:
                self.resource_steps[f"network:{key}"] = self.b.add(
                    "create_network", f"network:{key}", f"network {net.name} does not exist",
                    key=key)
        have_vols = {v.name for v in self.obs.volumes}
        for key in sorted(vols):
            vol = self.p.volumes.get(key)
            if vol is None or vol.external:
                continue
            if vol.name not in have_vols:
                self.resource_steps[f"volume:{key}"] = self.b.add(
                    "create_volume", f"volume:{key}", f"volume {vol.name} does not exist",
                    key=key)

    # -- images ----------------------------------------------------------------------------

    def image(self, svc: Service) -> int | None:
        ref = image_ref(self.p, svc)
        if ref in self.image_steps:
            return self.image_steps[ref]
        have = self.obs.images.get(ref)
        step = None
        if svc.build is not None:
            if self.opts.build == "always" or (have is None and self.opts.build != "never"):
                reason = "--build given" if have else f"image {ref} does not exist"
                step = self.b.add("build", f"service:{svc.name}", reason, image=ref,
                                  service=svc.name)
        else:
            policy = svc.pull_policy or "missing"
            if self.opts.pull in ("always", "never"):
                policy = self.opts.pull
            if policy == "always" or (have is None and policy not in ("never",)):
                reason = ("pull policy is always" if policy == "always"
                          else f"image {ref} is not present locally")
                step = self.b.add("pull", f"image:{ref}", reason, image=ref, service=svc.name)
        self.image_steps[ref] = step
        return step

    # -- containers ------------------------------------------------------------------------

    def service(self, name: str) -> None:
        svc = self.p.services[name]
        img = self.image(svc)
        deps_created, deps_ready = self.dependency_steps(svc)
        base_after = [img] + [self.resource_steps.get(f"network:{n.name}") for n in svc.networks]
        base_after += [self.resource_steps.get(f"volume:{m.source}") for m in svc.mounts
                       if m.type == "volume" and m.source]
        base_after += deps_created
        want = desired_replicas(svc, self.opts)
        existing = self.obs.of_service(name)
        expected = config_hash(self.p, svc)
        ref = image_ref(self.p, svc)
        image_id = self.obs.images.get(ref)
        creates, starts = [], []
        numbers = [c.number for c in existing]
        keep = existing[:want]
        for c in keep:
            reason = self.recreate_reason(svc, c, expected, image_id, img)
            cname = container_name(self.p, svc, c.number)
            if reason:
                sid = self.b.add("recreate", f"service:{name}:{c.number}", reason,
                                 base_after, service=name, number=c.number, container_id=c.id,
                                 name=cname, old_name=c.name, config_hash=expected)
                self.recreated.add(name)
                creates.append(sid)
                if not self.opts.no_start:
                    starts.append(self.b.add("start", f"service:{name}:{c.number}",
                                             "recreated", [sid] + deps_ready, service=name,
                                             number=c.number, create_step=sid))
            elif img is not None and svc.build is not None:
                sid = self.b.add("recreate", f"service:{name}:{c.number}",
                                 "if the build gives a new image", base_after, service=name,
                                 number=c.number, container_id=c.id, name=cname,
                                 old_name=c.name, config_hash=expected, only_if_image_changed=True)
                creates.append(sid)
                if not self.opts.no_start:
                    starts.append(self.b.add("start", f"service:{name}:{c.number}",
                                             "running after the build", [sid] + deps_ready,
                                             service=name, number=c.number, create_step=sid,
                                             container_id=c.id))
            elif c.state != "running" and not self.opts.no_start:
                starts.append(self.b.add("start", f"service:{name}:{c.number}",
                                         f"container is {c.state}", base_after + deps_ready,
                                         service=name, number=c.number, container_id=c.id))
            else:
                self.b.add("keep", f"service:{name}:{c.number}",
                           "up to date" + ("" if c.state == "running" else f" ({c.state})"),
                           service=name, number=c.number, container_id=c.id)
        free = (n for n in range(1, 10_000) if n not in numbers)
        for _ in range(max(0, want - len(keep))):
            n = next(free)
            sid = self.b.add("create", f"service:{name}:{n}", "no container yet" if not existing
                             else f"scale to {want}", base_after, service=name, number=n,
                             name=container_name(self.p, svc, n), config_hash=expected)
            creates.append(sid)
            if not self.opts.no_start:
                starts.append(self.b.add("start", f"service:{name}:{n}", "created",
                                         [sid] + deps_ready, service=name, number=n,
                                         create_step=sid))
        for c in existing[want:]:
            stop = self.b.add("stop", f"service:{name}:{c.number}", f"scale down to {want}",
                              service=name, number=c.number, container_id=c.id)
            self.b.add("remove", f"service:{name}:{c.number}", f"scale down to {want}", [stop],
                       service=name, number=c.number, container_id=c.id)
        self.created[name] = creates
        self.started[name] = starts

    def recreate_reason(self, svc: Service, c: ObservedContainer, expected: str,
                        image_id: str | None, img_step: int | None) -> str | None:
        if self.opts.no_recreate:
            return None
        if self.opts.force_recreate:
            return "--force-recreate given"
        if c.config_hash != expected:
            return describe_change(c.labels.get(SPEC), svc)
        if image_id and img_step is None and c.image_id and c.image_id != image_id:
            return f"image {image_ref(self.p, svc)} now has a different id"
        for dep in svc.depends_on:
            if dep.service in self.recreated and (dep.restart or self.opts.always_recreate_deps):
                return f"dependency {dep.service} was recreated"
        for key in ("network_mode", "ipc", "pid"):
            value = svc.spec.get(key)
            if isinstance(value, str) and value.startswith("service:") \
                    and value[8:] in self.recreated:
                return f"shares the {key.split('_')[0]} namespace of {value[8:]}, which was recreated"
        return None

    def dependency_steps(self, svc: Service) -> tuple[list[int], list[int]]:
        created: list[int] = []
        ready: list[int] = []
        for dep in svc.depends_on:
            if dep.service not in self.created:
                continue  # not part of this run (--no-deps) or optional and absent
            created += self.created[dep.service]
            ready.append(self.ready_step(dep.service, dep.condition))
        return created, ready

    def ready_step(self, name: str, condition: str) -> int | None:
        if condition == "service_started" or self.opts.no_start:
            return max(self.started.get(name) or [0]) or None if self.started.get(name) else None
        key = (name, condition)
        if key not in self.ready:
            what = {"service_healthy": "healthy",
                    "service_completed_successfully": "completed successfully"}.get(condition,
                                                                                     condition)
            self.ready[key] = self.b.add("wait", f"service:{name}", f"a dependent needs it {what}",
                                         self.started.get(name, []), service=name,
                                         condition=condition)
        return self.ready[key]

    # -- orphans -----------------------------------------------------------------------------

    def orphans(self) -> None:
        known = set(self.opts.known_services) | set(self.p.services)
        orphans = [c for c in self.obs.containers if c.service not in known and not c.oneoff]
        if not orphans or self.opts.ignore_orphans:
            return
        if self.opts.remove_orphans:
            for c in orphans:
                stop = self.b.add("stop", f"container:{c.name}", "orphan (service not in the file)",
                                  container_id=c.id, service=c.service, number=c.number)
                self.b.add("remove", f"container:{c.name}", "orphan (service not in the file)",
                           [stop], container_id=c.id, service=c.service, number=c.number)
        else:
            names = ", ".join(sorted(c.name for c in orphans))
            self.b.warnings.append(f"Found orphan containers ({names}) for this project. If you "
                                   "removed or renamed this service in your compose file, you "
                                   "can run this command with the --remove-orphans flag to "
                                   "clean it up.")

    def final_waits(self, services: list[str]) -> None:
        for name in services:
            svc = self.p.services[name]
            hc = svc.healthcheck
            healthy = hc is not None and not hc.disable and hc.test and hc.test[0] != "NONE"
            cond = "service_healthy" if healthy else "service_running"
            self.b.add("wait", f"service:{name}", "--wait: " + ("healthy" if healthy else "running"),
                       self.started.get(name, []), service=name, condition=cond, final=True)


def plan_up(project: Project, observed: Observed, opts: UpOptions = UpOptions()) -> Plan:
    up = _UpPlanner(project, observed, opts)
    services = selected_services(project, up.graph, opts)
    up.resources(services)
    for name in services:
        up.service(name)
    up.orphans()
    if opts.wait and not opts.no_start:
        up.final_waits(services)
    return up.b.build()


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
