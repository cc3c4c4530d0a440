"""The whole project in canonical form: services normalised, resources named, unused dropped.

The result is the plain-data form that `composer config` prints (see configout.py for the
few differences between its JSON and YAML forms) and that the model is built from.
"""
from __future__ import annotations

from typing import Any, Callable

from composer.errors import ConfigError
from composer.loader.normalize_common import Ctx, kv_map, str_map
from composer.loader.normalize_service import normalize_service
from composer.loader.order import ordered

RESOURCE_KINDS = ("networks", "volumes", "secrets", "configs", "models")


def normalize_project(data: dict, name: str, locate: Callable,
                      lookup: Callable[[str], str | None], errors: list[ConfigError],
                      warn: Callable[[str], None] = lambda _m: None,
                      tolerant: bool = False) -> dict:
    """`tolerant`: the data has problems already reported; a value that cannot be read
    is left out instead of failing."""
    services = {}
    for svc_name, raw in (data.get("services") or {}).items():
        ctx = Ctx(svc_name, locate, lookup, warn)
        ctx.tolerant = tolerant
        services[svc_name] = normalize_service(svc_name, dict(raw or {}), ctx, errors)
    out: dict[str, Any] = {"name": name, "services": services}
    used = _used_resources(services)
    for kind in RESOURCE_KINDS:
        declared = dict(data.get(kind) or {})
        if kind == "networks" and "default" in used["networks"] and "default" not in declared:
            declared["default"] = {}
        resources = {}
        for key, spec in declared.items():
            if key in used[kind]:
                try:
                    resources[key] = _resource(kind, key, spec or {}, name, locate, warn)
                except ConfigError as e:
                    errors.append(e)
                except Exception:  # noqa: BLE001 - see `tolerant`
                    if not tolerant:
                        raise
        if resources:
            out[kind] = resources
    for key, value in data.items():
        if key.startswith("x-"):
            out[key] = value
    return ordered(out)


def _used_resources(services: dict) -> dict[str, set]:
    used: dict[str, set] = {k: set() for k in RESOURCE_KINDS}
    for svc in services.values():
        try:
            _uses(svc, used)
        except (AttributeError, TypeError):  # values already reported as wrong
            continue
    return used


def _uses(svc: dict, used: dict[str, set]) -> None:
    used["networks"].update((svc.get("networks") or {}).keys())
    used["models"].update((svc.get("models") or {}).keys())
    for vol in svc.get("volumes") or []:
        if vol.get("type") == "volume" and vol.get("source"):
            used["volumes"].add(vol["source"])
    for kind in ("secrets", "configs"):
        for ref in svc.get(kind) or []:
            used[kind].add(ref.get("source"))
    for ref in (svc.get("build") or {}).get("secrets") or []:
        used["secrets"].add(ref.get("source"))


def _resource(kind: str, key: str, spec: dict, project: str, locate: Callable,
              warn: Callable[[str], None]) -> dict:
    if kind == "models":
        return dict(spec)
    spec = dict(spec)
    external = spec.get("external")
    if isinstance(external, dict):  # legacy `external: {name: x}`
        if "name" in external:
            warn(f"{kind}.{key}: external.name is deprecated. Please set name and "
                 "external: true")
            spec["name"] = external["name"]
        external = True
    if "name" not in spec:
        spec["name"] = key if external else f"{project}_{key}"
    out: dict[str, Any] = {"name": spec.pop("name")}
    spec.pop("external", None)
    if external:
        out["external"] = True
    if "labels" in spec:
        spec["labels"] = kv_map(spec["labels"], Ctx(key, locate, lambda _: None), "labels",
                                none="")
    if "driver_opts" in spec:
        spec["driver_opts"] = str_map(spec["driver_opts"])
    if kind == "networks":
        ipam = dict(spec.pop("ipam", None) or {})
        ipam.pop("options", None)
        out["ipam"] = ipam
    for flag in ("internal", "attachable"):
        if spec.get(flag) is False:
            del spec[flag]
    out.update(spec)
    return out
