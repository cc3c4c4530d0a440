"""From the project and what the swarm holds, the steps of a stack deploy (or removal).

Pure, like planner.py: no engine calls, the same Plan type, its own step vocabulary:

    create_network · create_secret · create_config · build · create_service ·
    update_service · keep · converge · remove_service · remove_secret · remove_config ·
    remove_network · drain

A service is updated only when the spec composer would send differs from the one it sent
last time (a hash label on the service), or when its local image changed; every other
service is kept and keeps its version.
"""
from __future__ import annotations

from dataclasses import dataclass

from composer.confighash import describe_change
from composer.engine import swarm_ignored
from composer.engine.base import SPEC
from composer.engine.swarm_names import IMAGE_ID, SPEC_HASH, service_name
from composer.engine.swarm_objects import (DesiredObject, desired_objects, network_spec,
                                           used_networks)
from composer.engine.swarm_spec import Names, service_spec
from composer.engine.swarm_state import SwarmService, SwarmState
from composer.errors import ConfigError, Location, PlanError
from composer.model import Project, Service
from composer.plan import Plan, PlanBuilder
from composer.planner import image_ref


@dataclass(frozen=True, slots=True, kw_only=True)
class DeployOptions:
    prune: bool = False                     # remove the stack's services not in the file
    detach: bool = False                    # do not wait for convergence
    build: bool = False                     # build images of services with `build:`
    known_services: tuple[str, ...] = ()    # every service of the file, enabled or not


@dataclass(frozen=True, slots=True)
class _Image:
    ref: str                  # what the service spec names
    local: str                # the local reference (with a tag) to look the id up
    build_step: int | None
    image_id: str | None


class _DeployPlanner:
    def __init__(self, project: Project, state: SwarmState, opts: DeployOptions,
                 objects: dict[tuple[str, str], DesiredObject]):
        self.p = project
        self.state = state
        self.opts = opts
        self.objects = objects
        self.b = PlanBuilder()
        self.stack = project.name
        self.names = Names(self.stack,
                           {k: o.name for (kind, k), o in objects.items() if kind == "secret"},
                           {k: o.name for (kind, k), o in objects.items() if kind == "config"})
        self.network_steps: dict[str, int] = {}
        self.object_steps: dict[tuple[str, str], int] = {}
        self.waits: list[int] = []

    def networks(self, services: list[Service]) -> None:
        for net in used_networks(self.p, services):
            found = self.state.networks.get(net.name)
            if net.external:
                if found is None:
                    raise PlanError(f"network {net.name} is external but not on the swarm")
                continue
            if found is None:
                self.network_steps[net.key] = self.b.add(
                    "create_network", f"network:{net.name}", "not on the swarm",
                    key=net.key, name=net.name, spec=network_spec(self.stack, net))
            elif found.scope != "swarm":
                raise PlanError(f"network {net.name} exists as a {found.scope} {found.driver} "
                                "network (from `composer up`?): a stack needs a swarm network; "
                                "remove it, or give the network another name")

    def secrets_and_configs(self) -> None:
        for (kind, key), obj in sorted(self.objects.items()):
            found = self.state.objects(kind).get(obj.name)
            if obj.external:
                if found is None:
                    raise PlanError(f"{kind} {obj.name} is external but not on the swarm")
                continue
            if found is None:
                self.object_steps[(kind, key)] = self.b.add(
                    f"create_{kind}", f"{kind}:{obj.name}",
                    f"content of {kind}s.{key} not on the swarm yet",
                    kind=kind, key=key, name=obj.name)

    def image(self, svc: Service) -> _Image:
        local = image_ref(self.p, svc)
        if self.opts.build and svc.build is not None:
            step = self.b.add("build", f"image:{local}", "--build", service=svc.name, image=local)
            if len(self.state.nodes) > 1:
                self.b.warnings.append(f"services.{svc.name}: image {local} is built on this "
                                       "node only; other nodes cannot run it unless it is pushed")
            return _Image(svc.image or local, local, step, None)
        found = self.state.images.get(local)
        if svc.image is None and not (found and len(self.state.nodes) == 1):
            raise ConfigError(
                "this service has only `build:`, and a swarm runs images",
                Location(path=f"services.{svc.name}"),
                hint="set `image:` and push it to a registry, or deploy with --build "
                     "on a single-node swarm")
        return _Image(svc.image or local, local, None, found)

    def service(self, svc: Service) -> None:
        name = service_name(self.stack, svc.name)
        img = self.image(svc)
        spec = service_spec(self.p, svc, self.names, img.ref)
        after = [img.build_step] + [self.network_steps.get(n.name) for n in svc.networks]
        after += [self.object_steps.get((kind, r.source)) for kind, refs in
                  (("secret", svc.secrets), ("config", svc.configs)) for r in refs]
        args = dict(service=svc.name, name=name, spec=spec, image=img.local,
                    image_id=img.image_id, build_step=img.build_step)
        current = self.state.service(name)
        if current is None:
            sid = self.b.add("create_service", f"service:{name}", "not deployed", after, **args)
        else:
            reason, force = self.update_reason(svc, spec, current, img)
            if reason is None:
                keep = self.b.add("keep", f"service:{name}",
                                  f"up to date (version {current.version})",
                                  service=svc.name, name=name, id=current.id)
                if not current.settled and not self.opts.detach:
                    # a deploy that failed or was interrupted left it short of its tasks:
                    # its spec is right, but the deploy is not done until it converges
                    self.waits.append(self.b.add(
                        "converge", f"service:{name}",
                        f"{current.running}/{current.desired} tasks running", [keep],
                        service=svc.name, name=name, spec_hash=spec["Labels"][SPEC_HASH]))
                return
            sid = self.b.add("update_service", f"service:{name}", reason, after, **args,
                             id=current.id, version=current.version,
                             force_update=current.force_update + (1 if force else 0),
                             only_if_image_changed=reason.startswith("image is rebuilt"))
        if not self.opts.detach:
            self.waits.append(self.b.add("converge", f"service:{name}", _goal(svc), [sid],
                                         service=svc.name, name=name,
                                         spec_hash=spec["Labels"][SPEC_HASH]))

    def update_reason(self, svc: Service, spec: dict, current: SwarmService,
                      img: _Image) -> tuple[str | None, bool]:
        """Why the service must change (None: it need not), and whether to force a roll."""
        if current.labels.get(SPEC_HASH) != spec["Labels"][SPEC_HASH]:
            if SPEC_HASH not in current.labels:
                return "not deployed by composer: its spec is replaced", False
            return self.spec_change(svc, spec, current), False
        if img.build_step is not None:
            return "image is rebuilt: the service rolls if the image id changed", False
        old = current.labels.get(IMAGE_ID)
        if img.image_id and old and old != img.image_id:
            return f"image {img.local} changed ({old[7:19]} → {img.image_id[7:19]})", True
        return None, False

    def spec_change(self, svc: Service, spec: dict, current: SwarmService) -> str:
        reason = describe_change(current.labels.get(SPEC), svc)
        if reason != "content of a secret or config changed":
            return reason
        changed = []
        if current.spec.get("Mode") != spec["Mode"]:
            changed.append("deploy.replicas" if "Replicated" in spec["Mode"] and
                           "Replicated" in (current.spec.get("Mode") or {}) else "deploy.mode")
        for kind, refs, names in (("secret", svc.secrets, self.names.secrets),
                                  ("config", svc.configs, self.names.configs)):
            now = current.file_names(kind)
            changed += [f"content of {kind}s.{r.source}" for r in refs
                        if now.get(_target(kind, r.target)) != names[r.source]]
        return f"{', '.join(changed)} changed" if changed else "swarm spec changed"

    def prune(self, services: list[Service]) -> list[int]:
        wanted = {service_name(self.stack, s.name) for s in services}
        known = {service_name(self.stack, s) for s in self.opts.known_services}
        steps = []
        for cur in sorted(self.state.services, key=lambda s: s.name):
            if cur.name in wanted or cur.name in known:
                continue
            if self.opts.prune:
                steps.append(self.b.add("remove_service", f"service:{cur.name}",
                                        "not in the file (--prune)", id=cur.id, name=cur.name))
            else:
                self.b.warnings.append(f"service {cur.name} is not in the file; "
                                       "`stack deploy --prune` removes it")
        return steps

    def old_versions(self, after: list[int]) -> None:
        """Secrets and configs of the stack that no service uses any more, once the
        services have rolled off them."""
        wanted = {o.name for o in self.objects.values()}
        for kind in ("secret", "config"):
            for obj in self.state.owned(kind):
                if obj.name not in wanted:
                    self.b.add(f"remove_{kind}", f"{kind}:{obj.name}", "old version, no longer "
                               "used", after, kind=kind, id=obj.id, name=obj.name,
                               if_unused=True)

    def plan(self) -> Plan:
        services = [self.p.services[k] for k in sorted(self.p.services)]
        for svc in services:
            self.b.warnings.extend(swarm_ignored.warnings(svc, building=self.opts.build))
        self.networks(services)
        self.secrets_and_configs()
        for svc in services:
            self.service(svc)
        removed = self.prune(services)
        if not self.opts.detach:
            self.old_versions(self.waits + removed)
        return self.b.build()


def _target(kind: str, target: str) -> str:
    return "/" + target if kind == "config" and not target.startswith("/") else target


def _goal(svc: Service) -> str:
    if svc.deploy is not None and svc.deploy.mode == "global":
        return "wait for one running task on every eligible node"
    n = svc.replicas
    return f"wait for {n} running replica{'s' if n != 1 else ''}"


def plan_deploy(project: Project, state: SwarmState, opts: DeployOptions = DeployOptions(),
                objects: dict[tuple[str, str], DesiredObject] | None = None) -> Plan:
    """`objects` (secrets and configs with their content) are read from the project when
    not given."""
    if objects is None:
        objects = desired_objects(project, project.name, project.services.values())
    return _DeployPlanner(project, state, opts, objects).plan()


def plan_remove(state: SwarmState, detach: bool = False) -> Plan:
    """`stack rm`: services first, then secrets and configs, then (once the tasks are gone)
    the networks. Volumes stay, as with docker stack rm."""
    b = PlanBuilder()
    removed = [b.add("remove_service", f"service:{s.name}", "stack removed", id=s.id, name=s.name)
               for s in sorted(state.services, key=lambda s: s.name)]
    for kind in ("secret", "config"):
        for obj in state.owned(kind):
            b.add(f"remove_{kind}", f"{kind}:{obj.name}", "stack removed", removed,
                  kind=kind, id=obj.id, name=obj.name)
    before_networks = removed
    if not detach and removed:
        before_networks = [b.add("drain", f"stack:{state.stack}",
                                 "wait until the stack's containers are gone", removed,
                                 stack=state.stack)]
    for net in state.owned("network"):
        b.add("remove_network", f"network:{net.name}", "stack removed", before_networks,
              id=net.id, name=net.name)
    return b.build()
