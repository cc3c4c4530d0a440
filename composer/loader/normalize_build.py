"""The `build` key: short form to long, args from the environment, sizes, secrets."""
from __future__ import annotations

from typing import Any

from composer.loader.normalize_common import (Ctx, as_list, byte_str, kv_items, kv_map,
                                              octal_mode, scalar_str, str_list)
from composer.loader.normalize_network import host_list

_FALSE_DROPPED = ("no_cache", "pull", "privileged")


def build(value: Any, ctx: Ctx) -> dict:
    out = {"context": value} if isinstance(value, str) else dict(value)
    out.setdefault("context", ".")
    if "dockerfile" not in out and "dockerfile_inline" not in out:
        out["dockerfile"] = "Dockerfile"
    if "args" in out:
        out["args"] = _args(out["args"], ctx)
    if "labels" in out:
        out["labels"] = kv_map(out["labels"], ctx, ("build", "labels"), none="")
    if "ssh" in out:
        out["ssh"] = _ssh(out["ssh"])
    if "secrets" in out:
        out["secrets"] = [_secret(s) for s in as_list(out["secrets"])]
    if "extra_hosts" in out:
        out["extra_hosts"] = host_list(out["extra_hosts"], ctx, ("build", "extra_hosts"))
    if out.get("shm_size") is not None:
        out["shm_size"] = byte_str(out["shm_size"], ctx, ("build", "shm_size"))
    for key in ("tags", "cache_from", "cache_to", "platforms", "entitlements"):
        if key in out:
            out[key] = str_list(out[key])
    if "additional_contexts" in out:
        out["additional_contexts"] = dict(sorted(kv_items(out["additional_contexts"])))
    for key in _FALSE_DROPPED:
        if out.get(key) is False:
            del out[key]
    return out


def _args(value: Any, ctx: Ctx) -> dict:
    """Build args: a bare name takes its value from the environment, or is left out."""
    out = {}
    for k, v in kv_items(value):
        if v is None:
            v = ctx.lookup(k)
            if v is None:
                continue
        out[k] = scalar_str(v)
    return dict(sorted(out.items()))


def _ssh(value: Any) -> list:
    if isinstance(value, dict):
        return [k if v is None else f"{k}: {v}" for k, v in value.items()]
    return str_list(value)


def _secret(item: Any) -> dict:
    if isinstance(item, str):
        return {"source": item}
    item = dict(item)
    if "mode" in item:
        item["mode"] = octal_mode(item["mode"])
    return item


RULES = {"build": build}
