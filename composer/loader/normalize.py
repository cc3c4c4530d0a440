"""The whole project in canonical form: services normalised, resources named, unused dropped.

The result is the plain-data form that `composer config` prints and that the model is
built from.
"""
from __future__ import annotations

from typing import Any, Callable

from composer.errors import ConfigError
from composer.loader.normalize_service import Ctx, kv_map, normalize_service

RESOURCE_KINDS = ("networks", "volumes", "secrets", "configs")


def normalize_project(data: dict, name: str, locate: Callable,
                      lookup: Callable[[str], str | None]) -> dict:
    services = {}
    for svc_name, raw in sorted((data.get("services") or {}).items()):
        ctx = Ctx(svc_name, locate, lookup)
        services[svc_name] = normalize_service(svc_name, dict(raw or {}), ctx)
    out: dict[str, Any] = {"name": name, "services": services}
    used = _used_resources(services)
    for kind in RESOURCE_KINDS:
        declared = dict(data.get(kind) or {})
        if kind == "networks" and "default" in used["networks"] and "default" not in declared:
            declared["default"] = {}
        resources = {}
        for key in sorted(declared):
            if key not in used[kind]:
                continue
            resources[key] = _resource(kind, key, declared[key] or {}, name, locate)
        if resources:
            out[kind] = resources
    for key, value in data.items():
        if key.startswith("x-"):
            out[key] = value
    return out


def _used_resources(services: dict) -> dict[str, set]:
    used: dict[str, set] = {k: set() for k in RESOURCE_KINDS}
    for svc in services.values():
        used["networks"].update((svc.get("networks") or {}).keys())
        for vol in svc.get("volumes") or []:
            if vol.get("type") == "volume" and vol.get("source"):
                used["volumes"].add(vol["source"])
        for kind in ("secrets", "configs"):
            for ref in svc.get(kind) or []:
                used[kind].add(ref.get("source"))
        build = svc.get("build") or {}
        for ref in build.get("secrets") or []:
            used["secrets"].add(ref if isinstance(ref, str) else ref.get("source"))
    return used


def _resource(kind: str, key: str, spec: dict, project: str, locate: Callable) -> dict:
    spec = dict(spec)
    external = spec.get("external")
    if isinstance(external, dict):  # legacy `external: {name: x}`
        if "name" in external:
            spec["name"] = external["name"]
        external = True
    if "name" not in spec:
        spec["name"] = key if external else f"{project}_{key}"
    out: dict[str, Any] = {"name": spec.pop("name")}
    if external:
        out["external"] = True
    spec.pop("external", None)
    if "labels" in spec:
        spec["labels"] = kv_map(spec["labels"], Ctx(key, locate, lambda _: None), "labels")
    if kind == "networks":
        if "driver" in spec:
            out["driver"] = spec.pop("driver")
        out["ipam"] = spec.pop("ipam", None) or {}
    out.update(spec)
    return out


def check_references(project: dict, locate: Callable) -> list[ConfigError]:
    """Services may use only the networks, volumes, secrets and configs that are declared."""
    errors = []
    for name, svc in project["services"].items():
        for net in svc.get("networks") or {}:
            if net != "default" and net not in (project.get("networks") or {}):
                errors.append(ConfigError(f'service "{name}" refers to undefined network {net}',
                                          locate(("services", name, "networks", net))))
        for i, vol in enumerate(svc.get("volumes") or []):
            src = vol.get("source")
            if vol.get("type") == "volume" and src and src not in (project.get("volumes") or {}):
                errors.append(ConfigError(f'service "{name}" refers to undefined volume {src}',
                                          locate(("services", name, "volumes", i))))
        for kind in ("secrets", "configs"):
            for i, ref in enumerate(svc.get(kind) or []):
                if ref.get("source") not in (project.get(kind) or {}):
                    errors.append(ConfigError(
                        f'service "{name}" refers to undefined {kind[:-1]} {ref.get("source")}',
                        locate(("services", name, kind, i))))
    return errors
