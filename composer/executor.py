"""Apply a plan: each step runs as soon as the steps it waits for are done.

No decisions are made here: one dispatch table maps each action to engine calls, and the
few conditions a step carries (recreate only if the image changed, a wait that may fail
with only a warning) were written into it by the planner. Steps run on a thread pool; a
step is submitted the moment its last `after` step finishes (no level-by-level barrier).
On the first failure nothing new is started, running waits are cancelled, and the error
names the failed step and what was not started because of it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from composer.engine.base import Cancel, Engine
from composer.errors import ComposerError, EngineError, ForeignVolume, NetworkInUse, PortInUse
from composer.model import Project
from composer.plan import PASSIVE, Plan, Step
from composer.planner import image_ref
from composer.schedule import message, run_graph


class Sink(Protocol):
    """Where progress goes; the executor never prints."""

    def step_started(self, step: Step, label: str) -> None: ...

    def step_done(self, step: Step, label: str) -> None: ...

    def step_failed(self, step: Step, label: str, error: str) -> None: ...

    def step_log(self, step: Step, line: str) -> None: ...

    def warning(self, text: str) -> None: ...


class NullSink:
    def step_started(self, step, label): pass

    def step_done(self, step, label): pass

    def step_failed(self, step, label, error): pass

    def step_log(self, step, line): pass

    def warning(self, text): pass


@dataclass(slots=True)
class RunContext:
    project: Project | None
    engine: Engine
    sink: Sink
    stop_timeout: int | None = None
    wait_timeout: float | None = None
    results: dict[int, str] = field(default_factory=dict)       # step id → container/image id
    images: dict[str, str] = field(default_factory=dict)        # image ref → id built/pulled
    containers: dict[str, dict[int, str]] = field(default_factory=dict)  # service → n → id
    replaced: set[int] = field(default_factory=set)   # recreate steps that made a new container
    cancel: Cancel = field(default_factory=Cancel)
    interrupted: bool = False      # Ctrl-C: steps still running end without a word
    start_lock: threading.Lock = field(default_factory=threading.Lock)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, service: str, number: int, cid: str) -> None:
        with self.lock:
            self.containers.setdefault(service, {})[number] = cid


class ExecutionError(ComposerError):
    """A step failed; carries the failed and skipped steps."""

    def __init__(self, message: str, failed: list[Step], skipped: list[Step]):
        super().__init__(message)
        self.failed = failed
        self.skipped = skipped


# -- the actions -------------------------------------------------------------------------


def _image_id(ctx: RunContext, service_name: str) -> tuple[str, str]:
    svc = ctx.project.services[service_name]
    ref = image_ref(ctx.project, svc)
    found = ctx.images.get(ref) or ctx.engine.image_id(ref)
    if not found:
        raise EngineError(f"image {ref} for service {service_name} is not present locally")
    return ref, found


def _create(step: Step, ctx: RunContext) -> str:
    a = step.args
    svc = ctx.project.services[a["service"]]
    ref, iid = _image_id(ctx, a["service"])
    cid = ctx.engine.create_container(ctx.project, svc, a["number"], a["name"], iid, image=ref)
    ctx.record(a["service"], a["number"], cid)
    return cid


def _unchanged(step: Step, ctx: RunContext) -> bool:
    """A conditional recreate whose conditions did not come true keeps its container."""
    a = step.args
    if not (a.get("only_if") or a.get("only_if_steps")):
        return False
    if any(s in ctx.replaced for s in a.get("only_if_steps") or ()):
        return False
    if a.get("only_if") == "image":
        _, iid = _image_id(ctx, a["service"])
        return ctx.engine.container_image(a["container_id"]) == iid
    return True


def _recreate(step: Step, ctx: RunContext) -> str:
    a = step.args
    old = a["container_id"]
    if _unchanged(step, ctx):
        ctx.record(a["service"], a["number"], old)
        return old
    anonymous = ctx.engine.anonymous_volumes(old)
    ctx.engine.stop_container(old, ctx.stop_timeout)
    ctx.engine.rename_container(old, f"{old[:12]}_{a['old_name']}")
    svc = ctx.project.services[a["service"]]
    ref, iid = _image_id(ctx, a["service"])
    try:
        cid = ctx.engine.create_container(ctx.project, svc, a["number"], a["name"], iid,
                                          image=ref, anonymous=anonymous)
    except EngineError:
        ctx.engine.rename_container(old, a["old_name"])  # put the old one back
        raise
    ctx.engine.remove_container(old, volumes=False)
    ctx.record(a["service"], a["number"], cid)
    with ctx.lock:
        ctx.replaced.add(step.id)
    return cid


def _start(step: Step, ctx: RunContext) -> str:
    a = step.args
    cid = ctx.results.get(a.get("create_step")) or a.get("container_id")
    svc = ctx.project.services.get(a["service"]) if ctx.project else None
    if svc is not None and svc.ports:
        with ctx.start_lock:  # the engine publishes ports badly when raced
            try:
                ctx.engine.start_container(cid)
            except PortInUse as e:
                raise EngineError(_port_taken(svc, e)) from None
    else:
        ctx.engine.start_container(cid)
    return cid


def _port_taken(svc, e: PortInUse) -> str:
    protocol = e.protocol or next((p.protocol for p in svc.ports
                                   if str(e.port) == (p.published or "")), "tcp")
    return (f"service {svc.name}: host port {e.address}:{e.port}/{protocol} is already in use "
            f"(by another container or program)\n  engine: {e.detail}")


def _wait(step: Step, ctx: RunContext) -> str:
    a = step.args
    ids = [cid for _, cid in sorted((ctx.containers.get(a["service"]) or {}).items())]
    try:
        ctx.engine.wait_condition(ids, a["condition"], ctx.wait_timeout, ctx.cancel)
    except EngineError as e:
        if not a.get("optional"):
            raise
        ctx.sink.warning(f"optional dependency {a['service']} (required: false) is not ready: "
                         f"{e}")
    return ""


def _build(step: Step, ctx: RunContext) -> str:
    svc = ctx.project.services[step.args["service"]]
    iid = ctx.engine.build_image(ctx.project, svc, step.args["image"],
                                 lambda line: ctx.sink.step_log(step, line))
    ctx.images[step.args["image"]] = iid
    return iid


def _pull(step: Step, ctx: RunContext) -> str:
    ref = step.args["image"]
    try:
        iid = ctx.engine.pull_image(ref, lambda line: ctx.sink.step_log(step, line))
    except EngineError as e:
        raise EngineError(f"service {step.args['service']}: image {ref} is not present locally "
                          f"and cannot be pulled ({e})") from None
    ctx.images[ref] = iid
    return iid


class Left(Exception):
    """A step that had to leave its resource in place (a network still in use): not a
    failure; shown with the outcome `action` names in composer.ui.WORDS."""

    def __init__(self, action: str):
        super().__init__(action)
        self.action = action


def _remove_network(step: Step, ctx: RunContext) -> str:
    try:
        ctx.engine.remove_network(step.args["name"], step.args.get("id"))
    except NetworkInUse as e:
        if not step.args.get("in_use_ok"):
            raise
        ctx.sink.warning(str(e))
        raise Left("network_in_use") from None
    return ""


def _create_volume(step: Step, ctx: RunContext) -> str:
    volume = ctx.project.volumes[step.args["key"]]
    try:
        return ctx.engine.create_volume(ctx.project, volume)
    except ForeignVolume as e:
        ctx.sink.warning(str(e))
        raise Left("volume_exists") from None


def _stop(step: Step, ctx: RunContext) -> str:
    ctx.engine.stop_container(step.args["container_id"], ctx.stop_timeout)
    return step.args["container_id"]


def _remove(step: Step, ctx: RunContext) -> str:
    ctx.engine.remove_container(step.args["container_id"], volumes=step.args.get("volumes", False))
    return step.args["container_id"]


ACTIONS: dict[str, Callable[[Step, RunContext], str]] = {
    "create_network": lambda s, c: c.engine.create_network(c.project, c.project.networks[s.args["key"]]),
    "create_volume": _create_volume,
    "remove_network": lambda s, c: _remove_network(s, c),
    "remove_volume": lambda s, c: c.engine.remove_volume(s.args["name"]) or "",
    "build": _build,
    "pull": _pull,
    "create": _create,
    "recreate": _recreate,
    "start": _start,
    "wait": _wait,
    "stop": _stop,
    "remove": _remove,
    "keep": lambda s, c: s.args.get("container_id", ""),
}


def label(step: Step, project: Project | None) -> str:
    """How a step's resource is shown to a person: `Container demo-web-1`."""
    a = step.args
    kind, _, rest = step.resource.partition(":")
    if kind == "network":
        net = project.networks.get(a.get("key")) if project and a.get("key") else None
        return f"Network {net.name if net else a.get('name', rest)}"
    if kind == "volume":
        vol = project.volumes.get(a.get("key")) if project and a.get("key") else None
        return f"Volume {vol.name if vol else a.get('name', rest)}"
    if kind == "image":
        return f"Image {rest}"
    if kind == "container":
        return f"Container {rest}"
    if step.action == "build":
        return f"Image {a.get('image', rest)}"
    if step.action == "wait":
        svc = project.services.get(a.get("service")) if project else None
        if svc is not None and svc.replicas == 1:
            from composer.planner import container_name
            return "Container " + container_name(project, svc, 1)
        return f"Service {a.get('service')}"
    if project and a.get("service") in project.services and a.get("number"):
        from composer.planner import container_name
        return "Container " + container_name(project, project.services[a["service"]], a["number"])
    return step.resource


def execute(plan: Plan, ctx: RunContext, parallel: int = 8) -> None:
    for step in plan.steps:
        a = step.args
        if step.action in ("keep", "start", "recreate") and a.get("container_id") \
                and a.get("service") and a.get("number"):
            ctx.record(a["service"], a["number"], a["container_id"])
    def interrupted() -> None:
        ctx.interrupted = True
        ctx.cancel.set()   # running waits end at once; nothing new starts

    outcome = run_graph(plan.steps, lambda step: _run(step, ctx), parallel,
                        on_failure=ctx.cancel.set, on_interrupt=interrupted, results=ctx.results)
    if outcome.failures:
        raise ExecutionError(_failure_text(outcome.failures, outcome.skipped, ctx),
                             [s for s, _ in outcome.failures], outcome.skipped)


def _failure_text(failures: list[tuple[Step, str]], skipped: list[Step],
                  ctx: RunContext) -> str:
    lines = [_describe(step, message, ctx) for step, message in failures
             if not message.startswith("cancelled")] or \
            [_describe(step, message, ctx) for step, message in failures]
    not_started = sorted({label(s, ctx.project) for s in skipped
                          if s.action in ("create", "recreate", "start")})
    if not_started:
        lines.append("not started because of this: " + ", ".join(not_started))
    return "\n".join(lines)


def _describe(step: Step, message: str, ctx: RunContext) -> str:
    a = step.args
    if step.action == "wait":
        what = {"service_healthy": "healthy", "service_completed_successfully":
                "completed successfully", "service_ready": "ready",
                "service_running": "running"}.get(a.get("condition"), "ready")
        who = "service" if a.get("final") else "dependency"
        return f"{who} {a['service']} did not become {what}: {message}"
    if a.get("service") and message.startswith(f"service {a['service']}: "):
        return message   # it names the service already
    return f"{label(step, ctx.project)}: {message}"


def _run(step: Step, ctx: RunContext) -> str:
    text = label(step, ctx.project)
    if step.action not in PASSIVE:
        ctx.sink.step_started(step, text)
    try:
        result = ACTIONS[step.action](step, ctx)
    except Left as left:
        ctx.sink.step_done(replace(step, action=left.action), text)
        return ""
    except Exception as e:  # noqa: BLE001 - reported through the sink, re-raised by the pool
        if not ctx.interrupted:
            ctx.sink.step_failed(step, text, message(e))
        raise
    if step.action not in PASSIVE and not ctx.interrupted:
        ctx.sink.step_done(step, text)
    return result

