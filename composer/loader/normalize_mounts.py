"""Service keys about what is mounted: volumes, tmpfs, devices, volumes_from."""
from __future__ import annotations

from typing import Any

from composer.errors import ConfigError
from composer.loader.normalize_common import Ctx, as_list, byte_str, kv_map, octal_mode, str_list
from composer.loader.shortsyntax import (ShortSyntaxError, clean_path, parse_device,
                                         parse_volume)


def volumes(value: Any, ctx: Ctx) -> list:
    """Every entry read; each bad one is reported and stands in the list as written, so
    that the checks of the others (an undefined volume…) still find them at their index."""
    out = []
    for i, item in enumerate(value or []):
        try:
            out.append(_volume(item, ctx, i))
        except ConfigError as e:
            ctx.report(e)
            out.append(dict(item) if isinstance(item, dict) else {"target": str(item)})
    return out


def _volume(item: Any, ctx: Ctx, i: int) -> dict:
    written = item
    if isinstance(item, str):
        try:
            item = parse_volume(item)
        except ShortSyntaxError as e:
            raise ctx.error(("volumes", i), str(e), item=item) from None
    else:
        item = _long_volume(dict(item), ctx, i)
    _check_target(item, ctx, i, written)
    return item


def _long_volume(item: dict, ctx: Ctx, i: int) -> dict:
    target = item.get("target")
    if isinstance(target, str):
        item["target"] = clean_path(target)
    bind = item.get("bind")
    if isinstance(bind, dict) and bind.get("create_host_path") is False:
        item["bind"] = {k: v for k, v in bind.items() if k != "create_host_path"}
    tmpfs = item.get("tmpfs")
    if isinstance(tmpfs, dict) and tmpfs.get("size") is not None:
        item["tmpfs"] = {**tmpfs, "size": byte_str(tmpfs["size"], ctx,
                                                   ("volumes", i, "tmpfs", "size"))}
    if isinstance(tmpfs, dict) and isinstance(tmpfs.get("mode"), str):
        try:
            item["tmpfs"] = {**item["tmpfs"], "mode": int(tmpfs["mode"], 8)}
        except ValueError:
            raise ctx.error(("volumes", i, "tmpfs", "mode"),
                            f"invalid file mode {tmpfs['mode']!r}: expected an octal number "
                            "like 0755") from None
    volume = item.get("volume")
    if isinstance(volume, dict) and volume.get("nocopy") is False:
        item["volume"] = volume = {k: v for k, v in volume.items() if k != "nocopy"}
    if isinstance(volume, dict) and volume.get("labels") is not None:
        item["volume"] = {**volume, "labels": kv_map(volume["labels"], ctx,
                                                     ("volumes", i, "volume", "labels"))}
    if item.get("read_only") is False:
        del item["read_only"]
    return item


def _check_target(item: dict, ctx: Ctx, i: int, written: Any) -> None:
    target = item.get("target")
    if item.get("type") == "npipe" or not isinstance(target, str):
        return
    if target.startswith("/") or (len(target) > 1 and target[1] == ":"):
        return
    raise ctx.error(("volumes", i), f"container path {target!r} is not absolute",
                    hint="a path inside the container starts with /", item=written)


def devices(value: Any, ctx: Ctx) -> list:
    out = []
    for i, item in enumerate(as_list(value)):
        if isinstance(item, dict):
            out.append(dict(item))
            continue
        try:
            out.append(parse_device(str(item)))
        except ShortSyntaxError as e:
            raise ctx.error(("devices", i), str(e), item=item) from None
    return out


def tmpfs(value: Any, ctx: Ctx) -> list:
    return str_list(value)


def references(default_dir: str | None):
    """secrets and configs: a name is `{source: name}`; secrets get a default target."""
    def rule(value: Any, ctx: Ctx) -> list:
        out = []
        for item in as_list(value):
            item = {"source": item} if isinstance(item, str) else dict(item)
            if default_dir and not item.get("target"):
                item["target"] = f"{default_dir}/{item.get('source')}"
            if "mode" in item:
                item["mode"] = octal_mode(item["mode"])
            for key in ("uid", "gid"):
                if item.get(key) is not None:
                    item[key] = str(item[key])
            out.append(item)
        return out
    return rule


RULES = {
    "secrets": references("/run/secrets"),
    "configs": references(None),
    "volumes": volumes,
    "devices": devices,
    "tmpfs": tmpfs,
}
