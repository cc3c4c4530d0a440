"""Service keys about the network: ports, expose, networks, extra_hosts, dns."""
from __future__ import annotations

from typing import Any

from composer.loader.normalize_common import Ctx, str_list, str_map
from composer.loader.shortsyntax import (ShortSyntaxError, extra_host, parse_extra_host,
                                         parse_port)

_PORT_KEYS = ("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol")


def ports(value: Any, ctx: Ctx) -> list:
    out = []
    for i, item in enumerate(value or []):
        if isinstance(item, dict):
            out.append(_long_port(item))
            continue
        try:
            out.extend(parse_port(item))
        except ShortSyntaxError as e:
            ctx.report(ctx.error(("ports", i), str(e), item=item))
    return out


def _long_port(item: dict) -> dict:
    port = {k: item[k] for k in _PORT_KEYS if item.get(k) is not None}
    port.setdefault("mode", "ingress")
    port.setdefault("protocol", "tcp")
    if "published" in port:
        port["published"] = str(port["published"])
    if "target" in port:
        try:
            port["target"] = int(port["target"])
        except (TypeError, ValueError):
            pass
    return {k: port[k] for k in _PORT_KEYS if k in port}


def expose(value: Any, ctx: Ctx) -> list:
    return str_list(value)


_NETWORK_KEYS = ("aliases", "driver_opts", "gw_priority", "interface_name", "ipv4_address",
                 "ipv6_address", "link_local_ips", "mac_address", "priority")


def networks(value: Any, ctx: Ctx) -> dict:
    if isinstance(value, list):
        return {name: None for name in sorted(value)}
    out = {}
    for name, spec in sorted((value or {}).items()):
        if spec is None:  # an empty mapping stays one: docker compose hashes {} and null apart
            out[name] = None
            continue
        spec = dict(spec)
        if "driver_opts" in spec:
            spec["driver_opts"] = str_map(spec["driver_opts"])
        if spec.get("aliases") is not None:
            spec["aliases"] = [str(a) for a in spec["aliases"]]
        out[name] = {k: spec[k] for k in _NETWORK_KEYS if k in spec} | {
            k: v for k, v in spec.items() if k not in _NETWORK_KEYS}
    return out


def extra_hosts(value: Any, ctx: Ctx) -> list:
    return host_list(value, ctx, ("extra_hosts",))


def host_list(value: Any, ctx: Ctx, key: tuple) -> list:
    """extra_hosts (of a service or its build) as sorted `host=ip` strings; an entry
    docker compose would refuse to load is reported."""
    pairs: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for host, ips in value.items():
            for ip in ips if isinstance(ips, list) else [ips]:
                try:
                    pairs.append(extra_host(host, ip))
                except ShortSyntaxError as e:
                    ctx.report(ctx.error(key + (host,), str(e)))
    else:
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            try:
                pairs.extend(parse_extra_host(item))
            except ShortSyntaxError as e:
                ctx.report(ctx.error(key + (i,), str(e), item=item))
    return sorted(dict.fromkeys(f"{host}={ip}" for host, ip in pairs))


def dns_list(value: Any, ctx: Ctx) -> list:
    return str_list(value)


RULES = {
    "ports": ports,
    "expose": expose,
    "networks": networks,
    "extra_hosts": extra_hosts,
    "dns": dns_list,
    "dns_search": dns_list,
    "dns_opt": dns_list,
}
