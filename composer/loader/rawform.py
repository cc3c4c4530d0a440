"""The project as `config --no-interpolate` prints it: merged, but values as written.

Variables are not expanded, so values are not typed or parsed either: only the shapes
docker compose rewrites in this mode are rewritten (volumes, secrets and configs in long
form, networks and depends_on as mappings, build and env_file in long form, resources
named), every mapping sorted by key, and `$` is not re-escaped.
"""
from __future__ import annotations

from typing import Any

from composer.loader.shortsyntax import ShortSyntaxError, parse_volume

RESOURCE_KINDS = ("networks", "volumes", "secrets", "configs")


def raw_form(data: dict, name: str) -> dict:
    services = {n: _service(dict(s or {})) for n, s in (data.get("services") or {}).items()}
    out: dict[str, Any] = {"name": name, "services": services}
    used = _used(services)
    for kind in RESOURCE_KINDS:
        declared = dict(data.get(kind) or {})
        if kind == "networks" and "default" in used[kind]:
            declared.setdefault("default", {})
        resources = {}
        for key, spec in declared.items():
            if key in used[kind]:
                spec = dict(spec or {})
                external = spec.get("external")
                spec.setdefault("name", key if external else f"{name}_{key}")
                resources[key] = spec
        if resources:
            out[kind] = resources
    out.update({k: v for k, v in data.items() if k.startswith("x-")})
    return _sorted(out)


def _service(svc: dict) -> dict:
    if isinstance(svc.get("volumes"), list):
        svc["volumes"] = [_volume(v) for v in svc["volumes"]]
    for kind, target in (("secrets", "/run/secrets/"), ("configs", None)):
        if isinstance(svc.get(kind), list):
            svc[kind] = [_reference(r, target) for r in svc[kind]]
    nets = svc.get("networks")
    if isinstance(nets, list):
        svc["networks"] = {n: None for n in nets}
    if not svc.get("networks") and "network_mode" not in svc:
        svc["networks"] = {"default": None}
    deps = svc.get("depends_on")
    if isinstance(deps, list):
        svc["depends_on"] = {d: {"condition": "service_started", "required": True}
                             for d in deps}
    if isinstance(svc.get("build"), str):
        svc["build"] = {"context": svc["build"], "dockerfile": "Dockerfile"}
    env_file = svc.get("env_file")
    if env_file is not None:
        files = env_file if isinstance(env_file, list) else [env_file]
        svc["env_file"] = [f if isinstance(f, dict) else {"path": f, "required": True}
                           for f in files]
    svc.pop("extends", None)
    return svc


def _volume(item: Any) -> Any:
    if not isinstance(item, str) or "$" in item:
        return item
    try:
        return parse_volume(item)
    except ShortSyntaxError:
        return item


def _reference(item: Any, default_dir: str | None) -> Any:
    if not isinstance(item, str):
        return item
    out = {"source": item}
    if default_dir:
        out["target"] = default_dir + item
    return out


def _used(services: dict) -> dict[str, set]:
    used: dict[str, set] = {k: set() for k in RESOURCE_KINDS}
    for svc in services.values():
        nets = svc.get("networks")
        used["networks"].update(nets if isinstance(nets, dict) else ())
        for vol in svc.get("volumes") or []:
            if isinstance(vol, dict) and vol.get("type") == "volume" and vol.get("source"):
                used["volumes"].add(vol["source"])
        for kind in ("secrets", "configs"):
            for ref in svc.get(kind) or []:
                if isinstance(ref, dict):
                    used[kind].add(ref.get("source"))
    return used


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value
