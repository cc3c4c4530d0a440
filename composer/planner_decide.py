"""What must happen to each container of a service, and why: the decisions of `up`.

Pure. For every service of the run (in start order) and every container number it
should have, one Decision: create, recreate (or recreate only if an image or a shared
namespace turns out to change), start, restart, keep, or remove (scale down). The layout
in planner.py turns the decisions into steps.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from composer.confighash import (config_hash, content_label, describe_change,
                                 describe_content_change, references)
from composer.engine.base import CONTENT, SPEC, Observed, ObservedContainer
from composer.errors import PlanError
from composer.model import Project, Service


@dataclass(frozen=True, slots=True, kw_only=True)
class UpOptions:
    services: tuple[str, ...] = ()          # only these (and their dependencies)
    no_deps: bool = False
    force_recreate: bool = False
    no_recreate: bool = False
    always_recreate_deps: bool = False
    no_start: bool = False
    build: str = "auto"                     # auto | always (--build) | never (--no-build)
    pull: str = "policy"                    # policy | always | missing | never
    scale: Mapping[str, int] = field(default_factory=dict)
    remove_orphans: bool = False
    ignore_orphans: bool = False
    wait: bool = False
    known_services: tuple[str, ...] = ()    # every service of the file, enabled or not


@dataclass(frozen=True, slots=True)
class Decision:
    number: int
    action: str              # create | recreate | recreate_if | start | restart | keep | remove
    reason: str
    container: ObservedContainer | None = None
    only_if: str | None = None                  # recreate_if: "image" changes …
    only_if_services: tuple[str, ...] = ()      # … or one of these services is replaced
    restart_for: frozenset[str] = frozenset()   # restart: the recreated dependencies


@dataclass(frozen=True, slots=True)
class ImageChoice:
    action: str              # build | pull
    reason: str


def container_name(project: Project, service: Service, number: int) -> str:
    if service.container_name:
        return service.container_name
    return f"{project.name}-{service.name}-{number}"


def image_ref(project: Project, service: Service) -> str:
    """The image a service runs: its `image`, or the one composer builds for it."""
    if service.image:
        last = service.image.rsplit("/", 1)[-1]
        return service.image if (":" in last or "@" in service.image) \
            else f"{service.image}:latest"
    return f"{project.name}-{service.name}:latest"


def run_set(project: Project, graph, opts: UpOptions) -> list[str]:
    """The services this `up` touches, in start order: the named ones (or all) and,
    unless --no-deps, everything they depend on. `graph` is a planner_graph.Deps."""
    chosen = set(opts.services or project.services)
    if not opts.no_deps:
        chosen |= graph.ancestors(chosen)
    return [s for s in graph.order if s in chosen]


# -- images ----------------------------------------------------------------------------------

_PULL_ALIASES = {"if_not_present": "missing", "daily": "missing", "weekly": "missing"}


def image_choice(project: Project, svc: Service, observed: Observed,
                 opts: UpOptions) -> ImageChoice | None:
    ref = image_ref(project, svc)
    have = observed.images.get(ref)
    if svc.build is not None and opts.build != "never":
        if opts.build == "always":
            return ImageChoice("build", "--build given")
        if svc.pull_policy == "build":
            return ImageChoice("build", "pull_policy: build")
        return None if have else ImageChoice("build", f"image {ref} does not exist")
    policy = opts.pull if opts.pull != "policy" else (svc.pull_policy or "missing")
    policy = _PULL_ALIASES.get(policy, "missing" if policy.startswith("every_") else policy)
    if policy == "always":
        why = "--pull always given" if opts.pull == "always" else "pull_policy: always"
        return ImageChoice("pull", why)
    if have:
        return None
    if policy == "never" or (svc.build is not None and not svc.image):
        what = ("--no-build" if svc.build is not None and opts.build == "never" else
                "--pull never" if opts.pull == "never" else "pull_policy: never")
        raise PlanError(f"service {svc.name}: image {ref} is not present locally and "
                        f"{what} forbids getting it")
    return ImageChoice("pull", f"image {ref} is not present locally")


def image_choices(project: Project, services: list[str], observed: Observed,
                  opts: UpOptions) -> dict[str, ImageChoice | None]:
    out: dict[str, ImageChoice | None] = {}
    for name in services:
        svc = project.services[name]
        ref = image_ref(project, svc)
        if ref not in out:
            out[ref] = image_choice(project, svc, observed, opts)
    return out


# -- containers ------------------------------------------------------------------------------

@dataclass(slots=True)
class DecideContext:
    project: Project
    observed: Observed
    opts: UpOptions
    graph: object
    images: dict[str, ImageChoice | None]
    decisions: dict[str, list[Decision]] = field(default_factory=dict)

    def requested(self, name: str) -> bool:
        return not self.opts.services or name in self.opts.services

    def policy(self, name: str) -> str:
        """force | never | diverged, as docker compose applies --force-recreate (to the
        named services) and --always-recreate-deps (to their dependencies)."""
        if self.opts.no_recreate:
            return "never"
        force = self.opts.force_recreate if self.requested(name) \
            else self.opts.always_recreate_deps
        return "force" if force else "diverged"

    def replaced(self, name: str, conditional: bool = False) -> bool:
        actions = {"recreate", "recreate_if"} if conditional else {"recreate"}
        return any(d.action in actions for d in self.decisions.get(name, ()))


def decide_service(ctx: DecideContext, name: str) -> list[Decision]:
    svc = ctx.project.services[name]
    want = ctx.opts.scale.get(name, svc.replicas)
    existing = ctx.observed.of_service(name)
    keep, extra = existing[:want], existing[want:]
    out = [_decide_container(ctx, svc, c) for c in keep]
    first = max((c.number for c in existing), default=0) + 1
    for n in range(first, first + want - len(keep)):
        out.append(Decision(n, "create", f"scale up to {want}" if existing else
                            "no container yet"))
    out += [Decision(c.number, "remove", f"scale down to {want}", c) for c in extra]
    return out


def _decide_container(ctx: DecideContext, svc: Service, c: ObservedContainer) -> Decision:
    policy = ctx.policy(svc.name)
    if policy == "force":
        flag = "--force-recreate" if ctx.requested(svc.name) else "--always-recreate-deps"
        return Decision(c.number, "recreate", f"{flag} given", c)
    if policy == "diverged":
        reason = _diverged(ctx, svc, c)
        if reason:
            return Decision(c.number, "recreate", reason, c)
        conditional = _conditional(ctx, svc, c)
        if conditional:
            return conditional
    running = c.state == "running"
    if not running and not ctx.opts.no_start:
        return Decision(c.number, "start", f"container is {c.state}", c)
    restart_for = frozenset(d.service for d in svc.depends_on
                            if d.restart and ctx.replaced(d.service))
    if running and restart_for and not ctx.opts.no_start:
        names = ", ".join(sorted(restart_for))
        return Decision(c.number, "restart", f"dependency {names} is recreated "
                        "(depends_on restart: true)", c, restart_for=restart_for)
    return Decision(c.number, "keep", "up to date" + ("" if running else f" ({c.state})"), c)


def _diverged(ctx: DecideContext, svc: Service, c: ObservedContainer) -> str | None:
    for what, dep in _shared(svc):
        if ctx.replaced(dep):
            return f"shares the {what} of {dep}, which is recreated"
        if not ctx.observed.of_service(dep):
            return f"shares the {what} of {dep}, which has no container yet"
    network = _network_replaced(ctx, svc, c)
    if network:
        return network
    ids = {name: ctx.observed.of_service(name)[0].id for name in references(svc)}
    if c.config_hash != config_hash(ctx.project, svc, ids):
        return describe_change(c.labels.get(SPEC), svc, same="config hash changed")
    have = c.labels.get(CONTENT)
    want = content_label(ctx.project, svc)
    if have is not None and have != (want or ""):
        return describe_content_change(have, want)
    ref = image_ref(ctx.project, svc)
    image_id = ctx.observed.images.get(ref)
    if ctx.images.get(ref) is None and image_id and c.image_id and c.image_id != image_id:
        return f"image {ref} now has a different id"
    return None


def _network_replaced(ctx: DecideContext, svc: Service, c: ObservedContainer) -> str | None:
    """A container attached to a network that has since been removed (and is re-created
    by this plan) or re-created under the same name cannot start: the engine looks its
    network up by the old id."""
    if svc.network_mode:
        return None
    have = {n.name: n.id for n in ctx.observed.networks}
    for entry in svc.networks:
        net = ctx.project.networks.get(entry.name)
        was = c.network_ids.get(net.name) if net is not None else None
        if not was:
            continue
        if net.name not in have:
            if not net.external:
                return f"its network {net.name} was removed and is re-created"
        elif have[net.name] and have[net.name] != was:
            return f"its network {net.name} was re-created"
    return None


def _conditional(ctx: DecideContext, svc: Service, c: ObservedContainer) -> Decision | None:
    ref = image_ref(ctx.project, svc)
    choice = ctx.images.get(ref)
    shared = [(what, dep) for what, dep in _shared(svc) if ctx.replaced(dep, conditional=True)]
    if choice is None and not shared:
        return None
    parts = []
    if choice is not None:
        parts.append(f"if the {choice.action} gives {ref} a new id")
    parts += [f"if {dep} is recreated (shares its {what})" for what, dep in shared]
    sharing = tuple(sorted({dep for _, dep in shared}))
    return Decision(c.number, "recreate_if", " or ".join(parts), c,
                    only_if="image" if choice is not None else None, only_if_services=sharing)


def _shared(svc: Service) -> list[tuple[str, str]]:
    """(what is shared, the service it is shared with): namespaces and volumes_from."""
    out = []
    for key, word in (("network_mode", "network"), ("ipc", "ipc"), ("pid", "pid")):
        value = svc.spec.get(key)
        if isinstance(value, str) and value.startswith("service:"):
            out.append((f"{word} namespace", value[len("service:"):]))
    for entry in svc.volumes_from:
        if not entry.startswith("container:"):
            out.append(("volumes", entry.split(":", 1)[0]))
    return out
