"""Merge compose files, later over earlier, with docker compose's per-key rules.

The default is a deep merge: mappings merge key by key, a later scalar wins, a later null
changes nothing, sequences are appended. The rule table names the exceptions: values that
replace (`command`), key=value lists merged as mappings (`environment`), sequences made
unique by a key (`ports`, `volumes` by target, `secrets` by target, `dns` by value).
`!reset` drops a value, `!override` replaces it whole.
"""
from __future__ import annotations

from typing import Any, Callable

from composer.keypath import KeyPath, PatternTable
from composer.loader.shortsyntax import (ShortSyntaxError, device_key, extra_host,
                                         parse_extra_host, port_key, volume_target)
from composer.loader.yamlread import Tagged

Rule = Callable[[Any, Any, KeyPath], Any]


def _override(base: Any, over: Any, path: KeyPath) -> Any:
    return over


def as_mapping(value: Any, sep: str = "=") -> dict:
    """`["A=1", "B"]` → {"A": "1", "B": None}; mappings pass through."""
    if isinstance(value, dict):
        return dict(value)
    out: dict = {}
    for item in value or []:
        if isinstance(item, str):
            key, eq, val = item.partition(sep)
            out[key] = val if eq else None
        else:
            out[str(item)] = None
    return out


def _merge_mapping(base: Any, over: Any, path: KeyPath) -> Any:
    merged = as_mapping(base)
    merged.update(as_mapping(over))
    return merged


def host_entries(value: Any) -> list[str]:
    """extra_hosts in any form as `host=ip` strings (a host may map to several ips); an
    entry that cannot be read stays as written, for the normaliser to report."""
    out = []
    if isinstance(value, dict):
        for host, ips in value.items():
            for ip in ips if isinstance(ips, list) else [ips]:
                try:
                    out.append("=".join(extra_host(host, ip)))
                except ShortSyntaxError:
                    out.append(f"{host}={ip}")
        return out
    for item in value if isinstance(value, list) else [value]:
        try:
            out.extend("=".join(pair) for pair in parse_extra_host(item))
        except ShortSyntaxError:
            out.append(str(item))
    return out


def _merge_hosts(base: Any, over: Any, path: KeyPath) -> Any:
    return _unique(lambda x: x)(host_entries(base), host_entries(over), path)


def _depends_on_map(value: Any) -> dict:
    if isinstance(value, dict):
        return dict(value)
    return {name: {"condition": "service_started"} for name in value or []}


def _merge_depends_on(base: Any, over: Any, path: KeyPath) -> Any:
    merged = _depends_on_map(base)
    for name, spec in _depends_on_map(over).items():
        if isinstance(merged.get(name), dict) and isinstance(spec, dict):
            merged[name] = {**merged[name], **spec}
        else:
            merged[name] = spec
    return merged


def _networks_map(value: Any) -> dict:
    if isinstance(value, dict):
        return dict(value)
    return {name: None for name in value or []}


def _merge_networks(base: Any, over: Any, path: KeyPath) -> Any:
    merged = _networks_map(base)
    for name, spec in _networks_map(over).items():
        old = merged.get(name)
        if isinstance(old, dict) and isinstance(spec, dict):
            merged[name] = merge_values(old, spec, path + (name,))
        elif spec is not None or name not in merged:
            merged[name] = spec
    return merged


def _merge_models(base: Any, over: Any, path: KeyPath) -> Any:
    return _merge_networks(base, over, path)


def _merge_build(base: Any, over: Any, path: KeyPath) -> Any:
    b = {"context": base} if isinstance(base, str) else base
    o = {"context": over} if isinstance(over, str) else over
    if isinstance(b, dict) and isinstance(o, dict):
        return merge_values(b, o, path, top=True)
    return over


def _merge_logging(base: Any, over: Any, path: KeyPath) -> Any:
    if not isinstance(base, dict) or not isinstance(over, dict):
        return over
    if "driver" in over and base.get("driver") not in (None, over["driver"]):
        return dict(over)
    return merge_values(base, over, path, top=True)


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, list) else [value]


def _unique(key: Callable[[Any], Any]) -> Rule:
    """Append, then keep one item per key: the position of the first, the value of the last."""
    def merge(base: Any, over: Any, path: KeyPath) -> Any:
        out: list = []
        index: dict = {}
        for item in _as_list(base) + _as_list(over):
            k = key(item)
            if k is None:
                out.append(item)
            elif k in index:
                out[index[k]] = item
            else:
                index[k] = len(out)
                out.append(item)
        return out
    return merge


def _plain_key(item: Any) -> Any:
    if isinstance(item, (dict, list)):
        return None
    return item


def _mount_key(default_dir: str) -> Callable[[Any], Any]:
    def key(item: Any) -> Any:
        if isinstance(item, str):
            return f"{default_dir}/{item}"
        if isinstance(item, dict):
            target = item.get("target")
            if target:
                return target if target.startswith("/") else f"{default_dir}/{target}"
            return f"{default_dir}/{item.get('source')}"
        return None
    return key


def _env_file_key(item: Any) -> Any:
    if isinstance(item, dict):
        return item.get("path")
    return item


def _append(base: Any, over: Any, path: KeyPath) -> Any:
    return _as_list(base) + _as_list(over)


def _svc(key: str) -> str:
    return "services.*." + key


RULES = PatternTable({
    _svc("command"): _override,
    _svc("entrypoint"): _override,
    _svc("healthcheck.test"): _override,
    _svc("environment"): _merge_mapping,
    _svc("labels"): _merge_mapping,
    _svc("annotations"): _merge_mapping,
    _svc("sysctls"): _merge_mapping,
    _svc("deploy.labels"): _merge_mapping,
    _svc("build.args"): _merge_mapping,
    _svc("build.labels"): _merge_mapping,
    _svc("build.additional_contexts"): _merge_mapping,
    _svc("extra_hosts"): _merge_hosts,
    _svc("build.extra_hosts"): _merge_hosts,
    _svc("depends_on"): _merge_depends_on,
    _svc("networks"): _merge_networks,
    _svc("models"): _merge_models,
    _svc("build"): _merge_build,
    _svc("logging"): _merge_logging,
    _svc("ports"): _unique(port_key),
    _svc("volumes"): _unique(volume_target),
    _svc("devices"): _unique(device_key),
    _svc("secrets"): _unique(_mount_key("/run/secrets")),
    _svc("configs"): _unique(_mount_key("")),
    _svc("env_file"): _unique(_env_file_key),
    _svc("label_file"): _unique(_plain_key),
    _svc("cap_add"): _unique(_plain_key),
    _svc("cap_drop"): _unique(_plain_key),
    _svc("dns"): _unique(_plain_key),
    _svc("dns_opt"): _unique(_plain_key),
    _svc("dns_search"): _unique(_plain_key),
    _svc("expose"): _unique(lambda x: str(x)),
    _svc("links"): _unique(_plain_key),
    _svc("profiles"): _unique(_plain_key),
    _svc("tmpfs"): _unique(_plain_key),
    _svc("networks.*.aliases"): _unique(_plain_key),
    _svc("build.tags"): _unique(_plain_key),
    _svc("build.cache_from"): _append,
    _svc("build.cache_to"): _append,
    _svc("build.platforms"): _append,
    "networks.*.labels": _merge_mapping,
    "volumes.*.labels": _merge_mapping,
    "secrets.*.labels": _merge_mapping,
    "configs.*.labels": _merge_mapping,
    "include": _append,
})


def merge_values(base: Any, over: Any, path: KeyPath, top: bool = False) -> Any:
    """Merge `over` onto `base` at `path`."""
    if isinstance(over, Tagged):
        return None if over.tag == "reset" else strip_tags(over.value)
    if over is None and base is not None:
        return base
    if not top:
        rule = RULES.lookup(path)
        if rule is not None and base is not None and over is not None:
            return rule(base, strip_tags(over), path)
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            if isinstance(value, Tagged) and value.tag == "reset":
                out.pop(key, None)
            elif key in out:
                out[key] = merge_values(out[key], value, path + (key,))
            else:
                out[key] = strip_tags(value)
        return out
    if isinstance(base, list) and isinstance(over, list):
        return base + strip_tags(over)
    return strip_tags(over)


def strip_tags(value: Any) -> Any:
    """Drop `!reset` / `!override` markers from a value that has nothing to merge with."""
    if isinstance(value, Tagged):
        return None if value.tag == "reset" else strip_tags(value.value)
    if isinstance(value, dict):
        if not any(isinstance(v, (Tagged, dict, list)) for v in value.values()):
            return value
        return {k: strip_tags(v) for k, v in value.items()
                if not (isinstance(v, Tagged) and v.tag == "reset")}
    if isinstance(value, list):
        if not any(isinstance(v, (Tagged, dict, list)) for v in value):
            return value
        return [strip_tags(v) for v in value]
    return value


def merge_files(base: dict, over: dict) -> dict:
    """Merge one whole compose file (already interpolated) onto another."""
    return merge_values(base, over, ())
