"""Short syntax to long, one rule per service key: the canonical form `config` prints.

Each rule takes the raw value (interpolated, merged, paths resolved) and a context, and
returns the canonical value, or DROP to leave the key out. Errors are ConfigError at the
key path of the service.
"""
from __future__ import annotations

import shlex
from typing import Any, Callable

from composer.errors import ConfigError, Location
from composer.loader.shortsyntax import ShortSyntaxError, parse_port, parse_volume
from composer.loader.units import UnitError, format_duration, parse_bytes, parse_duration

DROP = object()


class Ctx:
    """What service rules may need: where to report errors and how to read env files."""

    def __init__(self, service: str, locate: Callable, lookup: Callable[[str], str | None]):
        self.service = service
        self.locate = locate
        self.lookup = lookup

    def error(self, key: tuple, message: str) -> ConfigError:
        return ConfigError(message, self.locate(("services", self.service) + key))


def scalar_str(value: Any) -> str | None:
    """A value as docker compose prints it inside string maps (env, labels)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def kv_map(value: Any, ctx: Ctx, key: str, none_lookup: bool = False) -> dict:
    if isinstance(value, dict):
        items = value.items()
    else:
        items = []
        for entry in value or []:
            k, eq, v = str(entry).partition("=")
            items.append((k, v if eq else None))
    out = {}
    for k, v in items:
        if isinstance(v, (dict, list)):
            raise ctx.error((key, k), f"expected a string, number or boolean, got a "
                            f"{'mapping' if isinstance(v, dict) else 'list'}")
        if v is None and none_lookup:
            found = ctx.lookup(k)
            out[k] = found
        else:
            out[k] = scalar_str(v)
    return out


def shell_split(value: Any, ctx: Ctx, key: str) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [scalar_str(v) for v in value]
    try:
        return shlex.split(str(value))
    except ValueError as e:
        raise ctx.error((key,), f"cannot split {value!r} into arguments: {e}") from None


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def duration(value: Any, ctx: Ctx, key: tuple) -> str:
    try:
        return format_duration(parse_duration(value))
    except UnitError as e:
        raise ctx.error(key, str(e)) from None


def byte_str(value: Any, ctx: Ctx, key: tuple) -> str:
    try:
        return str(parse_bytes(value))
    except UnitError as e:
        raise ctx.error(key, str(e)) from None


# --- rules --------------------------------------------------------------------------------


def _command(key: str):
    return lambda v, ctx: shell_split(v, ctx, key)


def _ports(value: Any, ctx: Ctx) -> Any:
    out = []
    for i, item in enumerate(value or []):
        if isinstance(item, dict):
            port = {}
            for k in ("name", "mode", "host_ip", "target", "published", "protocol",
                      "app_protocol"):
                if k in item and item[k] is not None:
                    port[k] = item[k]
            port.setdefault("mode", "ingress")
            if "published" in port:
                port["published"] = str(port["published"])
            port.setdefault("protocol", "tcp")
            out.append({k: port[k] for k in ("name", "mode", "host_ip", "target", "published",
                                             "protocol", "app_protocol") if k in port})
        else:
            try:
                out.extend(parse_port(item))
            except ShortSyntaxError as e:
                raise ctx.error(("ports", i), str(e)) from None
    return out


def _volumes(value: Any, ctx: Ctx) -> Any:
    out = []
    for i, item in enumerate(value or []):
        if isinstance(item, str):
            try:
                item = parse_volume(item)
            except ShortSyntaxError as e:
                raise ctx.error(("volumes", i), str(e)) from None
        else:
            item = dict(item)
            if item.get("type") == "volume" and "volume" not in item:
                pass
        target = item.get("target")
        if item.get("type") != "npipe" and target and not target.startswith("/") and not (
                len(target) > 1 and target[1] == ":"):
            raise ctx.error(("volumes", i), f"container path {target!r} is not absolute")
        if "tmpfs" in item and isinstance(item["tmpfs"], dict) and "size" in item["tmpfs"]:
            tmpfs = dict(item["tmpfs"])
            tmpfs["size"] = byte_str(tmpfs["size"], ctx, ("volumes", i, "tmpfs", "size"))
            item["tmpfs"] = tmpfs
        out.append(item)
    return out


def _depends_on(value: Any, ctx: Ctx) -> Any:
    out = {}
    if isinstance(value, list):
        value = {name: None for name in value}
    for name, spec in (value or {}).items():
        spec = dict(spec or {})
        entry = {"condition": spec.get("condition", "service_started")}
        if "restart" in spec:
            entry["restart"] = spec["restart"]
        entry["required"] = spec.get("required", True)
        out[name] = entry
    return out


def _networks(value: Any, ctx: Ctx) -> Any:
    if isinstance(value, list):
        return {name: None for name in value}
    return {k: (dict(v) if v else None) for k, v in (value or {}).items()}


def _build(value: Any, ctx: Ctx) -> Any:
    if isinstance(value, str):
        value = {"context": value}
    out = dict(value)
    out.setdefault("context", ".")
    if "dockerfile" not in out and "dockerfile_inline" not in out:
        out["dockerfile"] = "Dockerfile"
    if "args" in out:
        out["args"] = kv_map(out["args"], ctx, "build")
    if "labels" in out:
        out["labels"] = kv_map(out["labels"], ctx, "build")
    order = ("context", "dockerfile", "dockerfile_inline")
    return {**{k: out[k] for k in order if k in out},
            **{k: v for k, v in out.items() if k not in order}}


def _healthcheck(value: Any, ctx: Ctx) -> Any:
    out = dict(value or {})
    test = out.get("test")
    if isinstance(test, str):
        out["test"] = ["CMD-SHELL", test]
    for key in ("interval", "timeout", "start_period", "start_interval"):
        if key in out and out[key] is not None:
            out[key] = duration(out[key], ctx, ("healthcheck", key))
    order = ("test", "timeout", "interval", "retries", "start_period", "start_interval",
             "disable")
    return {k: out[k] for k in order if k in out}


def _secret_refs(default_target: str | None):
    def rule(value: Any, ctx: Ctx) -> Any:
        out = []
        for item in value or []:
            if isinstance(item, str):
                item = {"source": item}
            item = dict(item)
            if default_target and "target" not in item:
                item["target"] = f"{default_target}/{item['source']}"
            if "mode" in item and isinstance(item["mode"], int):
                item["mode"] = "0" + format(item["mode"], "o") if item["mode"] else "0"
            out.append(item)
        return out
    return rule


def _deploy(value: Any, ctx: Ctx) -> Any:
    out = dict(value or {})
    if "labels" in out:
        out["labels"] = kv_map(out["labels"], ctx, "deploy")
    for section in ("update_config", "rollback_config"):
        if section in out and out[section]:
            cfg = dict(out[section])
            for k in ("delay", "monitor"):
                if k in cfg:
                    cfg[k] = duration(cfg[k], ctx, ("deploy", section, k))
            out[section] = cfg
    if "restart_policy" in out and out["restart_policy"]:
        rp = dict(out["restart_policy"])
        for k in ("delay", "window"):
            if k in rp:
                rp[k] = duration(rp[k], ctx, ("deploy", "restart_policy", k))
        out["restart_policy"] = rp
    res = dict(out.get("resources") or {})
    for part in ("limits", "reservations"):
        if part in res and res[part]:
            r = dict(res[part])
            if "memory" in r:
                r["memory"] = byte_str(r["memory"], ctx, ("deploy", "resources", part, "memory"))
            if "cpus" in r:
                r["cpus"] = float(r["cpus"])
            res[part] = r
    out["resources"] = res
    out.setdefault("placement", {})
    return out


def _expose(value: Any, ctx: Ctx) -> Any:
    return [str(v) for v in as_list(value)]


def _str_list(value: Any, ctx: Ctx) -> Any:
    return [scalar_str(v) for v in as_list(value)]


def _extra_hosts(value: Any, ctx: Ctx) -> Any:
    if isinstance(value, dict):
        out = []
        for host, ips in value.items():
            for ip in as_list(ips):
                out.append(f"{host}={ip}")
        return out
    out = []
    for item in as_list(value):
        text = str(item)
        if "=" not in text:
            host, _, ip = text.partition(":")
            text = f"{host}={ip}"
        out.append(text)
    return out


def _bytes(key: str):
    return lambda v, ctx: byte_str(v, ctx, (key,)) if v is not None else None


def _duration(key: str):
    return lambda v, ctx: duration(v, ctx, (key,)) if v is not None else None


def _labels(value: Any, ctx: Ctx) -> Any:
    return kv_map(value, ctx, "labels")


def _environment(value: Any, ctx: Ctx) -> Any:
    return kv_map(value, ctx, "environment", none_lookup=True)


def _kv(key: str):
    return lambda v, ctx: kv_map(v, ctx, key)


RULES: dict[str, Callable[[Any, Ctx], Any]] = {
    "command": _command("command"),
    "entrypoint": _command("entrypoint"),
    "ports": _ports,
    "volumes": _volumes,
    "depends_on": _depends_on,
    "networks": _networks,
    "build": _build,
    "healthcheck": _healthcheck,
    "secrets": _secret_refs("/run/secrets"),
    "configs": _secret_refs(None),
    "deploy": _deploy,
    "expose": _expose,
    "dns": _str_list,
    "dns_search": _str_list,
    "dns_opt": _str_list,
    "tmpfs": _str_list,
    "cap_add": _str_list,
    "cap_drop": _str_list,
    "extra_hosts": _extra_hosts,
    "labels": _labels,
    "annotations": _kv("annotations"),
    "sysctls": _kv("sysctls"),
    "environment": _environment,
    "mem_limit": _bytes("mem_limit"),
    "mem_reservation": _bytes("mem_reservation"),
    "memswap_limit": _bytes("memswap_limit"),
    "shm_size": _bytes("shm_size"),
    "stop_grace_period": _duration("stop_grace_period"),
}


def _env_files(value: Any) -> list[tuple[str, bool]]:
    out = []
    for item in as_list(value):
        if isinstance(item, dict):
            out.append((item["path"], item.get("required", True) is not False))
        else:
            out.append((str(item), True))
    return out


def read_env_files(raw: dict, ctx: Ctx) -> dict | None:
    """The variables of a service's env_file entries, read in order (later wins).

    A variable in them may refer to the project environment, to the service's own
    `environment:`, or to what earlier env files set, in that order of precedence."""
    import os

    from composer.loader.dotenv import DotenvError, read_dotenv

    if "env_file" not in raw:
        return None
    own = kv_map(raw.get("environment"), ctx, "environment")
    merged: dict[str, str] = {}
    for i, (path, required) in enumerate(_env_files(raw["env_file"])):
        if not os.path.isfile(path):
            if required:
                raise ctx.error(("env_file", i), f"env file {path} not found")
            continue

        def lookup(key: str, _m=merged) -> str | None:
            found = ctx.lookup(key)
            if found is None:
                found = own.get(key)
            return _m.get(key) if found is None else found

        try:
            merged.update(read_dotenv(path, lookup))
        except DotenvError as e:
            raise ConfigError(f"failed to read env file: {e.message}",
                              Location(path, e.line)) from None
    return merged


def normalize_service(name: str, raw: dict, ctx: Ctx) -> dict:
    """The canonical form of one service (keys sorted, as docker compose prints them)."""
    out: dict[str, Any] = {"command": None, "entrypoint": None}
    from_files = read_env_files(raw, ctx)
    if from_files is not None:
        raw = {k: v for k, v in raw.items() if k != "env_file"}
        env = dict(from_files)
        env.update(kv_map(raw.get("environment"), ctx, "environment", none_lookup=False))
        raw["environment"] = env
    for key, value in raw.items():
        rule = RULES.get(key)
        result = rule(value, ctx) if rule else value
        if result is not DROP:
            out[key] = result
    if "network_mode" not in out and not out.get("networks"):
        out["networks"] = {"default": None}
    _implicit_dependencies(out)
    return dict(sorted(out.items()))


def _implicit_dependencies(svc: dict) -> None:
    """links, volumes_from and `service:x` namespaces imply depends_on, as in compose."""
    deps = svc.get("depends_on") or {}
    added = dict(deps)

    def need(name: str, restart: bool) -> None:
        if name not in added:
            entry = {"condition": "service_started"}
            if restart:
                entry["restart"] = True
            entry["required"] = True
            added[name] = entry

    for link in svc.get("links") or []:
        need(str(link).partition(":")[0], True)
    for key in ("network_mode", "ipc", "pid"):
        value = svc.get(key)
        if isinstance(value, str) and value.startswith("service:"):
            need(value[len("service:"):], True)
    for source in svc.get("volumes_from") or []:
        text = str(source)
        if not text.startswith("container:"):
            need(text.partition(":")[0], False)
    if added:
        svc["depends_on"] = added
