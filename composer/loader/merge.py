"""Merge compose files, later over earlier, with docker compose's per-key rules.

The default is a deep merge: mappings merge key by key, a later scalar wins, sequences
are appended. The rule table names the exceptions: values that replace (`command`),
key=value lists merged as mappings (`environment`), sequences made unique by a key
(`ports`, `volumes` by target, `secrets` by target). `!reset` drops a value, `!override`
replaces it whole.
"""
from __future__ import annotations

from typing import Any, Callable

from composer.keypath import KeyPath, PatternTable
from composer.loader.yamlread import Tagged
from composer.loader.shortsyntax import volume_target, port_key

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


def _host_key(item: Any) -> Any:
    text = str(item)
    sep = "=" if "=" in text else ":"
    return text.partition(sep)[0]


def _merge_hosts(base: Any, over: Any, path: KeyPath) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **over}
    return _unique_by(_host_key)(_hosts_list(base), _hosts_list(over), path)


def _hosts_list(value: Any) -> list:
    if isinstance(value, dict):
        return [f"{k}={v}" for k, v in value.items()]
    return list(value or [])


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


def _unique_by(key: Callable[[Any], Any]) -> Rule:
    def merge(base: Any, over: Any, path: KeyPath) -> Any:
        out: list = []
        index: dict = {}
        for item in list(base or []) + list(over or []):
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


def _sequence_append(base: Any, over: Any, path: KeyPath) -> Any:
    if isinstance(base, list) and isinstance(over, list):
        return base + over
    return over


RULES = PatternTable({
    "services.*.command": _override,
    "services.*.entrypoint": _override,
    "services.*.healthcheck.test": _override,
    "services.*.environment": _merge_mapping,
    "services.*.labels": _merge_mapping,
    "services.*.annotations": _merge_mapping,
    "services.*.sysctls": _merge_mapping,
    "services.*.deploy.labels": _merge_mapping,
    "services.*.build.args": _merge_mapping,
    "services.*.build.labels": _merge_mapping,
    "services.*.build.additional_contexts": _merge_mapping,
    "services.*.extra_hosts": _merge_hosts,
    "services.*.build.extra_hosts": _merge_hosts,
    "services.*.depends_on": _merge_depends_on,
    "services.*.networks": _merge_networks,
    "services.*.build": _merge_build,
    "services.*.logging": _merge_logging,
    "services.*.ports": _unique_by(port_key),
    "services.*.volumes": _unique_by(volume_target),
    "services.*.devices": _unique_by(_plain_key),
    "services.*.secrets": _unique_by(_mount_key("/run/secrets")),
    "services.*.configs": _unique_by(_mount_key("")),
    "services.*.env_file": _unique_by(_env_file_key),
    "services.*.label_file": _unique_by(_plain_key),
    "services.*.cap_add": _unique_by(_plain_key),
    "services.*.cap_drop": _unique_by(_plain_key),
    "services.*.dns": _unique_by(_plain_key),
    "services.*.dns_opt": _unique_by(_plain_key),
    "services.*.dns_search": _unique_by(_plain_key),
    "services.*.expose": _unique_by(lambda x: str(x)),
    "services.*.links": _unique_by(_plain_key),
    "services.*.profiles": _unique_by(_plain_key),
    "services.*.tmpfs": _unique_by(_plain_key),
    "services.*.external_links": _unique_by(_plain_key),
    "services.*.volumes_from": _unique_by(_plain_key),
    "services.*.networks.*.aliases": _unique_by(_plain_key),
    "services.*.build.tags": _unique_by(_plain_key),
    "services.*.build.cache_from": _unique_by(_plain_key),
    "networks.*.labels": _merge_mapping,
    "volumes.*.labels": _merge_mapping,
    "include": _sequence_append,
})


def merge_values(base: Any, over: Any, path: KeyPath, top: bool = False) -> Any:
    """Merge `over` onto `base` at `path`."""
    if isinstance(over, Tagged):
        return None if over.tag == "reset" else strip_tags(over.value)
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
