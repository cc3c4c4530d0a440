"""Service keys about how a container runs: command, healthcheck, depends_on, hooks,
develop.watch, logging, stop_grace_period, provider, models."""
from __future__ import annotations

from typing import Any

from composer.loader.normalize_common import (Ctx, duration, kv_map, scalar_str,
                                              shell_split, str_list)

_HEALTH_ORDER = ("test", "timeout", "interval", "retries", "start_period", "start_interval",
                 "disable")


def command(key: str):
    return lambda value, ctx: shell_split(value, ctx, (key,))


def healthcheck(value: Any, ctx: Ctx) -> dict:
    out = dict(value or {})
    test = out.get("test")
    if isinstance(test, str):
        out["test"] = ["CMD-SHELL", test]
    elif isinstance(test, list):
        out["test"] = [scalar_str(t) for t in test]
    for key in ("interval", "timeout", "start_period", "start_interval"):
        if out.get(key) is not None:
            out[key] = duration(out[key], ctx, ("healthcheck", key))
    if out.get("disable") is False:
        del out["disable"]
    return {k: out[k] for k in _HEALTH_ORDER if k in out} | {
        k: v for k, v in out.items() if k not in _HEALTH_ORDER}


def depends_on(value: Any, ctx: Ctx) -> dict:
    if isinstance(value, list):
        value = {name: None for name in value}
    out = {}
    for name, spec in sorted((value or {}).items()):
        spec = dict(spec or {})
        entry = {"condition": spec.get("condition", "service_started")}
        if spec.get("restart"):
            entry["restart"] = True
        entry["required"] = spec.get("required", True)
        out[name] = entry
    return out


def hooks(key: str):
    def rule(value: Any, ctx: Ctx) -> list:
        return [_hook(h, ctx, (key, i)) for i, h in enumerate(value or [])]
    return rule


def _hook(hook: dict, ctx: Ctx, where: tuple) -> dict:
    out = dict(hook or {})
    out["command"] = shell_split(out.get("command"), ctx, where + ("command",))
    if "environment" in out:
        out["environment"] = kv_map(out["environment"], ctx, where + ("environment",))
    return out


def develop(value: Any, ctx: Ctx) -> dict:
    out = dict(value or {})
    if "watch" in out:
        out["watch"] = [_watch(w, ctx, i) for i, w in enumerate(out["watch"] or [])]
    return out


def _watch(item: dict, ctx: Ctx, i: int) -> dict:
    w = dict(item)
    w["exec"] = _hook(w.get("exec") or {}, ctx, ("develop", "watch", i, "exec"))
    for key in ("ignore", "include"):
        if key in w:
            w[key] = str_list(w[key])
    return w


def logging(value: Any, ctx: Ctx) -> dict:
    out = dict(value or {})
    if out.get("options") is not None:
        out["options"] = {k: scalar_str(v) for k, v in sorted(out["options"].items())}
    return out


def stop_grace_period(value: Any, ctx: Ctx) -> Any:
    return duration(value, ctx, ("stop_grace_period",)) if value is not None else None


def provider(value: Any, ctx: Ctx) -> dict:
    out = dict(value or {})
    if out.get("options") is not None:
        out["options"] = {k: str_list(v) for k, v in sorted(out["options"].items())}
    return out


def models(value: Any, ctx: Ctx) -> dict:
    if isinstance(value, list):
        return {name: None for name in sorted(value)}
    return {k: (dict(v) if v else None) for k, v in sorted((value or {}).items())}


RULES = {
    "command": command("command"),
    "entrypoint": command("entrypoint"),
    "healthcheck": healthcheck,
    "depends_on": depends_on,
    "post_start": hooks("post_start"),
    "pre_stop": hooks("pre_stop"),
    "develop": develop,
    "logging": logging,
    "stop_grace_period": stop_grace_period,
    "provider": provider,
    "models": models,
    "group_add": lambda v, ctx: str_list(v),
    "profiles": lambda v, ctx: str_list(v),
    "links": lambda v, ctx: str_list(v),
    "external_links": lambda v, ctx: str_list(v),
    "volumes_from": lambda v, ctx: str_list(v),
    "cap_add": lambda v, ctx: str_list(v),
    "cap_drop": lambda v, ctx: str_list(v),
    "security_opt": lambda v, ctx: str_list(v),
    "device_cgroup_rules": lambda v, ctx: str_list(v),
}
