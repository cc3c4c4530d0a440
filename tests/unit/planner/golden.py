"""Golden planner cases: a compose project and an observed state in, `Plan.render()` out.

A case is a folder under cases/:

  compose.yaml (+ compose.override.yaml, files …)   the project now
  before.yaml       optional: the config the observed containers were made from
                    (default: the project now)
  observed.json     what the engine holds (see `observed()`)
  options.json      optional: UpOptions fields (`{"scale": {"web": 3}, "wait": true}`)
  expected.txt      the rendered plan, then `warning: …` lines; or `error: …`

observed.json:

  {"containers": [{"service": "web", "number": 1, "state": "running",
                   "made_from": "before" | "now",       # whose config its labels carry
                   "image_id": "sha256:…",              # default: the image's id now
                   "labels": {…},                       # added / overriding labels
                   "foreign": true}],                   # made by docker compose: no io.composer.*
   "networks": ["default"], "volumes": ["data"],        # keys of the project's, present
   "images": {"busybox:latest": "sha256:bb"}}           # image ref → id; absent = not local
"""
from __future__ import annotations

import json
from pathlib import Path

from composer.engine import base as L
from composer.engine.base import Observed, ObservedContainer, ObservedResource
from composer.engine.docker_create import container_labels
from composer.loader import LoadOptions, load
from composer.planner import UpOptions, image_ref

CASES = Path(__file__).parent / "cases"
PROJECT = "golden"


def load_project(folder: Path, files: tuple[str, ...] = ()):
    opts = LoadOptions(cwd=str(folder), files=files, project_name=PROJECT,
                       environ={"HOME": "/home/user"})
    return load(opts)


def _container(spec: dict, now, before, images: dict) -> ObservedContainer:
    made = before if (spec.get("made_from", "before") == "before" and before) else now
    svc = made.project.services[spec["service"]]
    number = spec.get("number", 1)
    image_id = spec.get("image_id") or images.get(image_ref(made.project, svc)) or "sha256:gone"
    labels = container_labels(made.project, svc, number, image_id,
                              resolve=lambda other: f"id-{other}-1")
    if spec.get("foreign"):
        labels = {k: v for k, v in labels.items() if not k.startswith("io.composer.")}
    labels.update(spec.get("labels", {}))
    name = f"{PROJECT}-{spec['service']}-{number}"
    return ObservedContainer(
        id=f"id-{spec['service']}-{number}", name=name, service=spec["service"],
        number=number, oneoff=False, state=spec.get("state", "running"), health=None,
        image_id=image_id, labels=labels)


def observed(folder: Path, now, before) -> Observed:
    data = json.loads((folder / "observed.json").read_text())
    images = data.get("images", {})
    nets = now.project.networks
    vols = now.project.volumes
    return Observed(
        containers=tuple(_container(c, now, before, images) for c in data.get("containers", [])),
        networks=tuple(ObservedResource(nets[k].name if k in nets else k, f"net-{k}",
                                        {L.PROJECT: PROJECT}) for k in data.get("networks", [])),
        volumes=tuple(ObservedResource(vols[k].name if k in vols else k, k,
                                       {L.PROJECT: PROJECT}) for k in data.get("volumes", [])),
        images=images)


def options(folder: Path, now) -> UpOptions:
    path = folder / "options.json"
    raw = json.loads(path.read_text()) if path.exists() else {}
    raw = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    raw.setdefault("known_services", now.all_services)
    return UpOptions(**raw)


def render(folder: Path) -> str:
    from composer.errors import ComposerError
    from composer.planner import plan_up

    now = load_project(folder)
    before = load_project(folder, ("before.yaml",)) if (folder / "before.yaml").exists() else None
    try:
        plan = plan_up(now.project, observed(folder, now, before), options(folder, now))
    except ComposerError as e:
        return f"error: {e}\n"
    lines = [plan.render()] if plan.steps else []
    lines += [f"warning: {w}" for w in plan.warnings]
    lines.append(f"no-op: {plan.is_noop()}")
    return "\n".join(lines) + "\n"
