"""Load an inline compose file into a project; build swarm states by hand."""
from __future__ import annotations

from pathlib import Path

from composer.engine.swarm_names import NAMESPACE
from composer.engine.swarm_spec import Names, service_spec
from composer.engine.swarm_state import SwarmNode, SwarmObject, SwarmService, SwarmState
from composer.loader import LoadOptions, load

NODE = SwarmNode(id="n1", hostname="node1", role="manager", ready=True, active=True)


def project(folder: Path, text: str, files: dict[str, str] | None = None, environ=None,
            name: str = "st"):
    (folder / "compose.yaml").write_text(text)
    for rel, content in (files or {}).items():
        (folder / rel).write_text(content)
    opts = LoadOptions(cwd=str(folder), environ=dict(environ or {}), project_name=name)
    return load(opts).project


def spec_of(p, service: str, secrets=None, configs=None, image=None) -> dict:
    svc = p.services[service]
    names = Names(p.name, secrets or {}, configs or {})
    return service_spec(p, svc, names, image or svc.image)


def deployed(spec: dict, version: int = 10, sid: str | None = None) -> SwarmService:
    """A service as the swarm would report it after composer sent `spec`."""
    return SwarmService(sid or "id-" + spec["Name"], spec["Name"], version,
                        dict(spec["Labels"]), spec)


def state(stack: str = "st", services=(), networks=(), secrets=(), configs=(), nodes=(NODE,),
          images=None) -> SwarmState:
    def objs(items, scope="swarm"):
        out = {}
        for item in items:
            name, labels = (item, {NAMESPACE: stack}) if isinstance(item, str) else item
            out[name] = SwarmObject("id-" + name, name, labels, scope, "overlay")
        return out
    return SwarmState(stack=stack, services=tuple(services), networks=objs(networks),
                      secrets=objs(secrets), configs=objs(configs), nodes=tuple(nodes),
                      images=images or {})


def after(plan, before: SwarmState) -> SwarmState:
    """The state a swarm would be in once `plan` ran (for planning the next deploy)."""
    from dataclasses import replace

    from composer.engine.swarm_names import IMAGE_ID

    services = {s.name: s for s in before.services}
    nets, secrets, configs = dict(before.networks), dict(before.secrets), dict(before.configs)
    for step in plan.steps:
        a = step.args
        if step.action in ("create_service", "update_service"):
            spec = dict(a["spec"], Labels=dict(a["spec"]["Labels"]))
            if a.get("image_id"):
                spec["Labels"][IMAGE_ID] = a["image_id"]
            old = services.get(a["name"])
            services[a["name"]] = deployed(spec, (old.version + 5) if old else 10,
                                           old.id if old else None)
        elif step.action == "remove_service":
            services.pop(a["name"], None)
        elif step.action == "create_network":
            nets[a["name"]] = SwarmObject("id-" + a["name"], a["name"], a["spec"]["labels"])
        elif step.action in ("create_secret", "create_config"):
            target = secrets if a["kind"] == "secret" else configs
            target[a["name"]] = SwarmObject("id-" + a["name"], a["name"], {NAMESPACE: before.stack})
        elif step.action in ("remove_secret", "remove_config"):
            (secrets if a["kind"] == "secret" else configs).pop(a["name"], None)
    return replace(before, services=tuple(services.values()), networks=nets, secrets=secrets,
                   configs=configs)
