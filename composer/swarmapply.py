"""Apply a swarm plan: one dispatch table from action to swarm adapter calls, no decisions.

Steps run through schedule.run_graph as soon as the steps they wait for are done (services
converge in parallel); after a failure nothing new starts and the error names the step's
resource.
"""
from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from composer.engine.swarm_names import IMAGE_ID
from composer.engine.swarm_objects import DesiredObject
from composer.executor import ExecutionError, NullSink, Sink
from composer.model import Project
from composer.plan import PASSIVE, Plan, Step
from composer.schedule import message, run_graph


@dataclass(slots=True)
class SwarmContext:
    engine: Any                                   # composer.engine.swarm.SwarmEngine
    project: Project | None = None
    objects: dict[tuple[str, str], DesiredObject] = field(default_factory=dict)
    sink: Sink = field(default_factory=NullSink)
    timeout: float | None = None                  # per convergence wait
    images: dict[int, str] = field(default_factory=dict)   # build step → image id
    lock: threading.Lock = field(default_factory=threading.Lock)


def _spec(step: Step, ctx: SwarmContext) -> dict:
    """The planned spec, with the image id label and the force-update counter."""
    a = step.args
    spec = copy.deepcopy(a["spec"])
    image_id = ctx.images.get(a.get("build_step")) or a.get("image_id")
    if image_id:
        spec["Labels"][IMAGE_ID] = image_id
    spec["TaskTemplate"]["ForceUpdate"] = a.get("force_update", 0)
    return spec


def _create_service(step: Step, ctx: SwarmContext) -> str:
    return ctx.engine.create_service(_spec(step, ctx))


def _update_service(step: Step, ctx: SwarmContext) -> str:
    a = step.args
    spec = _spec(step, ctx)
    if a.get("only_if_image_changed"):
        old = ctx.engine.service_image_id(a["id"])
        new = spec["Labels"].get(IMAGE_ID)
        if old == new:
            return a["id"]
        spec["TaskTemplate"]["ForceUpdate"] += 1
    ctx.engine.update_service(a["id"], a["version"], spec)
    return a["id"]


def _create_object(step: Step, ctx: SwarmContext) -> str:
    a = step.args
    obj = ctx.objects[(a["kind"], a["key"])]
    return ctx.engine.create_object(obj.kind, obj.name, obj.data, dict(obj.labels))


def _build(step: Step, ctx: SwarmContext) -> str:
    svc = ctx.project.services[step.args["service"]]
    iid = ctx.engine.build_image(ctx.project, svc, step.args["image"],
                                 lambda line: ctx.sink.step_log(step, line))
    with ctx.lock:
        ctx.images[step.id] = iid
    return iid


def _converge(step: Step, ctx: SwarmContext) -> str:
    ctx.engine.wait_converged(step.args["name"], step.args.get("spec_hash"), timeout=ctx.timeout,
                              log=lambda line: ctx.sink.step_log(step, f"{label(step)}  {line}"))
    return ""


ACTIONS: dict[str, Callable[[Step, SwarmContext], Any]] = {
    "create_network": lambda s, c: c.engine.create_network(s.args["spec"]),
    "create_secret": _create_object,
    "create_config": _create_object,
    "build": _build,
    "create_service": _create_service,
    "update_service": _update_service,
    "keep": lambda s, c: s.args.get("id", ""),
    "converge": _converge,
    "remove_service": lambda s, c: c.engine.remove_service(s.args["id"]),
    "remove_secret": lambda s, c: c.engine.remove_object("secret", s.args["id"],
                                                         s.args.get("if_unused", False)),
    "remove_config": lambda s, c: c.engine.remove_object("config", s.args["id"],
                                                         s.args.get("if_unused", False)),
    "remove_network": lambda s, c: c.engine.remove_network(s.args["id"]),
    "drain": lambda s, c: c.engine.wait_drained(
        s.args["stack"], timeout=c.timeout,
        log=lambda line: c.sink.step_log(s, f"{label(s)}  {line}")),
}


def label(step: Step) -> str:
    """`Service demo_web`, `Secret demo_token-3f2a1b9c0d`, `Image demo-web:latest`."""
    kind, _, rest = step.resource.partition(":")
    return f"{kind.capitalize()} {rest}"


def apply(plan: Plan, ctx: SwarmContext, parallel: int = 8) -> None:
    outcome = run_graph(plan.steps, lambda step: _run(step, ctx), parallel)
    if outcome.failures:
        text = "\n".join(f"{label(s)}: {msg}" for s, msg in outcome.failures)
        raise ExecutionError(text, [s for s, _ in outcome.failures], outcome.skipped)


def _run(step: Step, ctx: SwarmContext) -> Any:
    text = label(step)
    if step.action not in PASSIVE:
        ctx.sink.step_started(step, text)
    try:
        result = ACTIONS[step.action](step, ctx)
    except Exception as e:  # noqa: BLE001 - reported through the sink, re-raised by the pool
        ctx.sink.step_failed(step, text, message(e))
        raise
    if step.action not in PASSIVE:
        ctx.sink.step_done(step, text)
    return result
