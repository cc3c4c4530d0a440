"""The `deploy` section of a service as swarm API JSON: mode, rolling updates, restarts,
resources and placement. Pure functions of the canonical spec."""
from __future__ import annotations

from typing import Any, Mapping

from composer.errors import ConfigError, Location
from composer.loader.units import parse_bytes, parse_duration
from composer.model import Service

_UPDATE_KEYS = (("parallelism", "Parallelism", int), ("delay", "Delay", parse_duration),
                ("failure_action", "FailureAction", str), ("monitor", "Monitor", parse_duration),
                ("max_failure_ratio", "MaxFailureRatio", float), ("order", "Order", str))


def deploy_section(service: Service) -> Mapping[str, Any]:
    return service.deploy.spec if service.deploy is not None else {}


def mode(service: Service) -> dict:
    kind = service.deploy.mode if service.deploy is not None else "replicated"
    if kind == "global":
        if service.deploy.replicas is not None or service.scale is not None:
            key = "deploy.replicas" if service.deploy.replicas is not None else "scale"
            raise ConfigError("a global service runs one task per node: replicas can only be "
                              "used with replicated mode (as docker stack deploy refuses it)",
                              Location(path=f"services.{service.name}.{key}"))
        return {"Global": {}}
    if kind == "replicated":
        return {"Replicated": {"Replicas": service.replicas}}
    raise ConfigError(f"deploy mode {kind!r} is not supported on a swarm by composer "
                      "(expected replicated or global)",
                      Location(path=f"services.{service.name}.deploy.mode"))


def update_config(section: Mapping | None) -> dict | None:
    """update_config / rollback_config; parallelism defaults to 1 as in the compose spec
    (0 would mean "all at once" to the engine)."""
    if section is None:
        return None
    out: dict = {"Parallelism": 1}
    for key, api_key, conv in _UPDATE_KEYS:
        if section.get(key) is not None:
            out[api_key] = conv(section[key])
    return out


def restart_policy(service: Service) -> dict | None:
    """deploy.restart_policy, else what `restart:` means on a swarm."""
    rp = deploy_section(service).get("restart_policy")
    if rp is not None:
        out: dict = {}
        if rp.get("condition"):
            out["Condition"] = "any" if rp["condition"] == "always" else rp["condition"]
        for key, api_key in (("delay", "Delay"), ("window", "Window")):
            if rp.get(key) is not None:
                out[api_key] = parse_duration(rp[key])
        if rp.get("max_attempts") is not None:
            out["MaxAttempts"] = int(rp["max_attempts"])
        return out
    if not service.restart:
        return None
    name, _, count = service.restart.partition(":")
    if name == "no":
        return {"Condition": "none"}
    if name == "on-failure":
        return {"Condition": "on-failure", **({"MaxAttempts": int(count)} if count else {})}
    return {"Condition": "any"}


def _cpus(value) -> int:
    return int(round(float(value) * 1e9))


def resources(service: Service) -> dict:
    res = deploy_section(service).get("resources") or {}
    out: dict = {}
    limits = res.get("limits") or {}
    lim: dict = {}
    if limits.get("cpus") is not None:
        lim["NanoCPUs"] = _cpus(limits["cpus"])
    if limits.get("memory") is not None:
        lim["MemoryBytes"] = parse_bytes(limits["memory"])
    if limits.get("pids") is not None:
        lim["Pids"] = int(limits["pids"])
    if lim:
        out["Limits"] = lim
    reservations = res.get("reservations") or {}
    rsv: dict = {}
    if reservations.get("cpus") is not None:
        rsv["NanoCPUs"] = _cpus(reservations["cpus"])
    if reservations.get("memory") is not None:
        rsv["MemoryBytes"] = parse_bytes(reservations["memory"])
    generic = [_generic(g) for g in reservations.get("generic_resources") or ()]
    if generic:
        rsv["GenericResources"] = generic
    if rsv:
        out["Reservations"] = rsv
    return out


def _generic(g: Mapping) -> dict:
    spec = g.get("discrete_resource_spec")
    if spec is not None:
        return {"DiscreteResourceSpec": {"Kind": spec.get("kind"), "Value": int(spec.get("value"))}}
    spec = g.get("named_resource_spec") or {}
    return {"NamedResourceSpec": {"Kind": spec.get("kind"), "Value": str(spec.get("value"))}}


def placement(service: Service) -> dict:
    p = deploy_section(service).get("placement") or {}
    out: dict = {}
    if p.get("constraints"):
        out["Constraints"] = list(p["constraints"])
    if p.get("preferences"):
        out["Preferences"] = [{"Spread": {"SpreadDescriptor": pref["spread"]}}
                              for pref in p["preferences"] if pref.get("spread")]
    if p.get("max_replicas_per_node") is not None:
        out["MaxReplicas"] = int(p["max_replicas_per_node"])
    if service.platform:
        os_name, _, arch = service.platform.partition("/")
        out["Platforms"] = [{"OS": os_name, "Architecture": arch.split("/")[0]}]
    return out


def endpoint_mode(service: Service) -> str:
    return deploy_section(service).get("endpoint_mode") or "vip"


def service_labels(service: Service) -> dict[str, str]:
    return {str(k): str(v) for k, v in (deploy_section(service).get("labels") or {}).items()}
