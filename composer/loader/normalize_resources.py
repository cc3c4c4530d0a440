"""Service keys about resources: deploy, blkio_config, ulimits, gpus, memory sizes."""
from __future__ import annotations

from typing import Any

from composer.loader.normalize_common import (Ctx, byte_str, duration_ns, kv_map, scalar_str,
                                              str_list)
from composer.loader.units import format_duration

_DURATIONS = {"update_config": ("delay", "monitor"), "rollback_config": ("delay", "monitor"),
              "restart_policy": ("delay", "window")}


def deploy(value: Any, ctx: Ctx) -> dict:
    out = dict(value or {})
    if "labels" in out:
        out["labels"] = kv_map(out["labels"], ctx, ("deploy", "labels"), none="")
    for section, keys in _DURATIONS.items():
        if out.get(section):
            cfg = dict(out[section])
            for k in keys:
                if cfg.get(k) is not None:
                    ns = duration_ns(cfg[k], ctx, ("deploy", section, k))
                    if ns:
                        cfg[k] = format_duration(ns)
                    else:
                        del cfg[k]
            out[section] = cfg
    out["resources"] = _resources(out.get("resources") or {}, ctx)
    out["placement"] = out.get("placement") or {}
    return out


def _resources(value: dict, ctx: Ctx) -> dict:
    res = dict(value)
    for part in ("limits", "reservations"):
        if not res.get(part):
            continue
        r = dict(res[part])
        if r.get("memory") is not None:
            r["memory"] = byte_str(r["memory"], ctx, ("deploy", "resources", part, "memory"))
        if r.get("cpus") is not None:
            r["cpus"] = float(r["cpus"])
        if r.get("devices"):
            r["devices"] = [_device_request(d) for d in r["devices"]]
        res[part] = r
    return res


def _device_request(d: dict) -> dict:
    d = dict(d)
    if d.get("count") == "all":
        d["count"] = -1
    if "device_ids" in d:
        d["device_ids"] = str_list(d["device_ids"])
    return d


def gpus(value: Any, ctx: Ctx) -> list:
    if value == "all":
        return [{"count": -1}]
    return [_device_request(d) for d in value or []]


_RATE_KEYS = ("device_read_bps", "device_write_bps")
_IOPS_KEYS = ("device_read_iops", "device_write_iops")


def blkio_config(value: Any, ctx: Ctx) -> dict:
    out = dict(value or {})
    for key in _RATE_KEYS + _IOPS_KEYS:
        if key not in out:
            continue
        items = []
        for i, d in enumerate(out[key] or []):
            d = dict(d)
            if "rate" in d:
                d["rate"] = (byte_str(d["rate"], ctx, ("blkio_config", key, i, "rate"))
                             if key in _RATE_KEYS else scalar_str(d["rate"]))
            items.append(d)
        out[key] = items
    return out


def ulimits(value: Any, ctx: Ctx) -> dict:
    return dict(sorted((value or {}).items()))


def _bytes(key: str):
    return lambda v, ctx: byte_str(v, ctx, (key,)) if v is not None else None


def _str_map(key: str):
    return lambda v, ctx: {k: scalar_str(x) for k, x in sorted((v or {}).items())}


RULES = {
    "deploy": deploy,
    "gpus": gpus,
    "blkio_config": blkio_config,
    "ulimits": ulimits,
    "mem_limit": _bytes("mem_limit"),
    "mem_reservation": _bytes("mem_reservation"),
    "memswap_limit": _bytes("memswap_limit"),
    "mem_swappiness": _bytes("mem_swappiness"),
    "shm_size": _bytes("shm_size"),
    "storage_opt": _str_map("storage_opt"),
}
