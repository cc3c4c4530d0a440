"""One service in canonical form: the rule of each key, from the attribute families.

    normalize_service(name, raw, ctx, errors) -> dict

A key whose rule fails is reported in `errors` and left out; the other keys go on, so one
load reports every problem of every service.
"""
from __future__ import annotations

from typing import Any, Callable

from composer.errors import ConfigError
from composer.loader import (normalize_build, normalize_env, normalize_lifecycle,
                             normalize_mounts, normalize_network, normalize_resources)
from composer.loader.normalize_common import DROP, Ctx, scalar_str, str_list

Rule = Callable[[Any, Ctx], Any]

RULES: dict[str, Rule] = {
    **normalize_build.RULES,
    **normalize_env.RULES,
    **normalize_lifecycle.RULES,
    **normalize_mounts.RULES,
    **normalize_network.RULES,
    **normalize_resources.RULES,
    "user": lambda v, ctx: scalar_str(v),
    "extends": lambda v, ctx: DROP,
    "pull_refresh_after": lambda v, ctx: DROP,
    "env_file": lambda v, ctx: DROP,        # read into environment
    "label_file": lambda v, ctx: DROP,      # read into labels
}

# keys the output always has in JSON, null when unset
_ALWAYS = ("command", "entrypoint")


def normalize_service(name: str, raw: dict, ctx: Ctx, errors: list[ConfigError]) -> dict:
    out: dict[str, Any] = {k: None for k in _ALWAYS}
    for key, merge in (("environment", normalize_env.environment),
                       ("labels", normalize_env.labels)):
        try:
            value = merge(raw, ctx)
        except ConfigError as e:
            errors.append(e)
            continue
        except Exception:  # noqa: BLE001 - a value of the wrong type, already reported
            if not ctx.tolerant:
                raise
            continue
        if value is not None:
            out[key] = value
    for key, value in raw.items():
        if key in ("environment", "labels"):
            continue
        rule = RULES.get(key)
        if rule is None:
            out[key] = value
            continue
        try:
            result = rule(value, ctx)
        except ConfigError as e:
            errors.append(e)
            continue
        except Exception:  # noqa: BLE001 - a value of the wrong type, already reported
            if not ctx.tolerant:
                raise
            continue
        if result is not DROP:
            out[key] = result
    errors.extend(ctx.problems)
    ctx.problems.clear()
    if "network_mode" not in out and "provider" not in out and not out.get("networks"):
        out["networks"] = {"default": None}
    try:
        _implicit_dependencies(out)
    except Exception:  # noqa: BLE001 - see above
        if not ctx.tolerant:
            raise
    return out


def _implicit_dependencies(svc: dict) -> None:
    """links, volumes_from and `service:x` namespaces imply depends_on, as in compose."""
    deps = svc.get("depends_on") or {}
    added = dict(deps)

    def need(name: str, restart: bool) -> None:
        if name not in added:
            entry: dict[str, Any] = {"condition": "service_started"}
            if restart:
                entry["restart"] = True
            entry["required"] = True
            added[name] = entry

    for link in str_list(svc.get("links")):
        need(link.partition(":")[0], True)
    for key in ("network_mode", "ipc", "pid"):
        value = svc.get(key)
        if isinstance(value, str) and value.startswith("service:"):
            need(value[len("service:"):], True)
    for source in str_list(svc.get("volumes_from")):
        if not source.startswith("container:"):
            need(source.partition(":")[0], False)
    if added:
        svc["depends_on"] = dict(sorted(added.items()))
