"""Checks of the canonical project as a whole, before anything is created.

References: a service may use only the networks, volumes, secrets and configs the project
declares. Run-time impossibilities that the schema cannot see: the same host port
published twice (by one service or by two), an extra host whose address is no IP, a
service's fixed address on a network that is no IP, is outside the network's subnets or
is on a network without configured subnets, a
container name used twice or by a service that runs several containers, `scale` and
`deploy.replicas` that disagree, a secret's or config's file that does not exist.
Dependencies between services (depends_on, links, …) are checked by composer.graph.
"""
from __future__ import annotations

import os
from typing import Callable, Iterator

from composer import readlog
from composer.errors import ConfigError
from composer.loader.shortsyntax import (ShortSyntaxError, extra_host, is_host_address,
                                         parse_extra_host, parse_port)

Locate = Callable[[tuple], object]


def check_project(canonical: dict, locate: Locate, raw: dict | None = None) -> list[ConfigError]:
    """What docker compose rejects too. `raw`: the project before unused resources were
    dropped, for suggestions."""
    errors = list(_references(canonical, locate, raw or {}))
    errors.extend(_services(canonical, locate))
    errors.extend(_external_volumes(raw or {}, locate))
    errors.extend(_container_names(canonical, locate))
    errors.extend(_replicas(canonical, locate))
    return errors


def run_conflicts(raw: dict, canonical: dict, locate: Locate) -> list[ConfigError]:
    """What docker compose accepts here but fails on at run time."""
    return list(_ports(raw, canonical, locate)) + list(_host_addresses(raw, locate)) + \
        list(_network_addresses(canonical, locate)) + list(_source_files(canonical, locate))


def _source_files(canonical: dict, locate: Locate) -> Iterator[ConfigError]:
    """A secret or config a service uses whose file is missing: the engine would make an
    empty folder of that name on the host and mount it (docker compose fails there)."""
    for kind in ("secrets", "configs"):
        for key, spec in sorted((canonical.get(kind) or {}).items()):
            path = spec.get("file") if isinstance(spec, dict) else None
            if isinstance(path, str) and os.path.isabs(path) and not readlog.exists(path):
                yield ConfigError(f"{kind[:-1]} file {path} does not exist",
                                  locate((kind, key, "file")),
                                  "create it, or point file: at the one you meant")


def _references(project: dict, locate: Locate, raw: dict) -> Iterator[ConfigError]:
    def names(kind: str) -> list:
        return list(raw.get(kind) or project.get(kind) or {})

    for name, svc in project["services"].items():
        declared = project.get("networks") or {}
        for net in svc.get("networks") or {}:
            if net != "default" and net not in declared:
                yield ConfigError(f'service "{name}" refers to undefined network {net}',
                                  locate(("services", name, "networks", net)),
                                  _did_you_mean(net, names("networks")))
        declared = project.get("volumes") or {}
        for i, vol in enumerate(svc.get("volumes") or []):
            src = vol.get("source")
            if vol.get("type") == "volume" and src and src not in declared:
                yield ConfigError(f'service "{name}" refers to undefined volume {src}',
                                  locate(("services", name, "volumes", i)),
                                  _did_you_mean(src, names("volumes")))
        for kind in ("secrets", "configs"):
            declared = project.get(kind) or {}
            for i, ref in enumerate(svc.get(kind) or []):
                src = ref.get("source")
                if src not in declared:
                    yield ConfigError(f'service "{name}" refers to undefined {kind[:-1]} {src}',
                                      locate(("services", name, kind, i)),
                                      _did_you_mean(src, names(kind)))


def _services(project: dict, locate: Locate) -> Iterator[ConfigError]:
    for name, svc in project["services"].items():
        if not any(k in svc for k in ("image", "build", "provider")):
            yield ConfigError(f'service "{name}" has neither an image nor a build context '
                              "specified", locate(("services", name)),
                              "add `image:` or `build:`")
        if "network_mode" in svc and "networks" in svc:
            yield ConfigError(f'service "{name}" declares mutually exclusive `network_mode` '
                              "and `networks`", locate(("services", name, "network_mode")))
        yield from _resource_pairs(name, svc, locate)


# a service key and the deploy.resources key for the same setting: both may be given only
# with one value (docker compose refuses distinct ones)
_RESOURCE_PAIRS = (("mem_limit", ("limits", "memory")), ("cpus", ("limits", "cpus")),
                   ("pids_limit", ("limits", "pids")),
                   ("mem_reservation", ("reservations", "memory")))


def _resource_pairs(name: str, svc: dict, locate: Locate) -> Iterator[ConfigError]:
    resources = (svc.get("deploy") or {}).get("resources") or {}
    for key, (section, field) in _RESOURCE_PAIRS:
        ours, theirs = svc.get(key), (resources.get(section) or {}).get(field)
        if ours is None or theirs is None:
            continue
        try:
            same = float(ours) == float(theirs)
        except (TypeError, ValueError):
            continue
        if not same:
            deploy_key = f"deploy.resources.{section}.{field}"
            yield ConfigError(
                f"can't set distinct values on `{key}` ({ours}) and `{deploy_key}` "
                f"({theirs})", locate(("services", name, "deploy", "resources", section, field)),
                "keep one of them, or give both the same value")


_NOT_WITH_EXTERNAL = ("driver", "driver_opts", "labels")


def _external_volumes(raw: dict, locate: Locate) -> Iterator[ConfigError]:
    volumes = raw.get("volumes")
    for key, spec in (volumes.items() if isinstance(volumes, dict) else ()):
        if isinstance(spec, dict) and spec.get("external") not in (None, False):
            for param in _NOT_WITH_EXTERNAL:
                if spec.get(param) is not None:
                    yield ConfigError(f'conflicting parameters "external" and "{param}" '
                                      "specified", locate(("volumes", key, param)),
                                      "an external volume is made elsewhere: its driver and "
                                      "labels are not ours to set")


def _did_you_mean(name, declared) -> str | None:
    import difflib

    found = difflib.get_close_matches(str(name), [str(k) for k in declared], n=1)
    return f'did you mean "{found[0]}"?' if found else None


# --- host ports ---------------------------------------------------------------------------

_ANY = ("", "0.0.0.0", "::")


def _published(raw_ports) -> Iterator[tuple[int, dict, object]]:
    """(index, long-form port, item as written) for each published port of a service."""
    for i, item in enumerate(raw_ports or []):
        if isinstance(item, dict):
            ports = [item]
        else:
            try:
                ports = parse_port(item)
            except ShortSyntaxError:
                continue
        for port in ports:
            published = str(port.get("published") or "")
            if published and "-" not in published:
                yield i, port, item


def _ports(raw: dict, canonical: dict, locate: Locate) -> Iterator[ConfigError]:
    taken: dict[tuple[str, int], list[tuple[str, str, object]]] = {}
    at = getattr(locate, "locate_item", lambda path, item: locate(path))
    for name, svc in sorted(canonical["services"].items()):
        if svc.get("network_mode") == "host":
            continue
        raw_svc = (raw.get("services") or {}).get(name) or {}
        for i, port, item in _published(raw_svc.get("ports")):
            try:
                number = int(port["published"])
            except (TypeError, ValueError):
                continue
            proto = port.get("protocol") or "tcp"
            ip = str(port.get("host_ip") or "")
            for other_name, other_ip, there in taken.get((proto, number), []):
                if ip in _ANY or other_ip in _ANY or ip == other_ip:
                    by = "this service" if other_name == name else f'service "{other_name}"'
                    where = at(("services", other_name, "ports", there[0]), there[1])
                    yield ConfigError(
                        f"host port {number}/{proto} is already published by {by} "
                        f"(at {where.render()})", at(("services", name, "ports", i), item),
                        "a host port can be published only once; pick another one")
                    break
            taken.setdefault((proto, number), []).append((name, ip, (i, item)))


# --- extra hosts --------------------------------------------------------------------------


def _host_items(written) -> Iterator[tuple[object, object, str, str]]:
    """(key below extra_hosts, item as written, host, ip) for each address of a service."""
    if isinstance(written, dict):
        for host, ips in written.items():
            for ip in ips if isinstance(ips, list) else [ips]:
                try:
                    yield host, None, *extra_host(host, ip)
                except ShortSyntaxError:
                    continue  # reported by the normaliser
    elif isinstance(written, list):
        for i, item in enumerate(written):
            try:
                pairs = parse_extra_host(item)
            except ShortSyntaxError:
                continue
            for host, ip in pairs:
                yield i, item, host, ip


def _host_addresses(raw: dict, locate: Locate) -> Iterator[ConfigError]:
    """An extra host whose address the engine refuses when it creates the container."""
    at = getattr(locate, "locate_item", lambda path, item: locate(path))
    for name, svc in sorted((raw.get("services") or {}).items()):
        if not isinstance(svc, dict):
            continue
        build = svc.get("build")
        for base, written in ((("extra_hosts",), svc.get("extra_hosts")),
                              (("build", "extra_hosts"),
                               build.get("extra_hosts") if isinstance(build, dict) else None)):
            for key, item, host, ip in _host_items(written):
                if is_host_address(ip):
                    continue
                path = ("services", name) + base + (key,)
                where = at(path, item) if item is not None else locate(path)
                yield ConfigError(f'extra host "{host}": expected an IPv4 or IPv6 address '
                                  f'or "host-gateway", got "{ip}"', where,
                                  "the engine refuses it when it creates the container")


# --- fixed addresses on networks ---------------------------------------------------------


def _network_addresses(project: dict, locate: Locate) -> Iterator[ConfigError]:
    """`ipv4_address` / `ipv6_address` the engine refuses when it connects the container:
    not an address of that family, or on a network of the project with no subnet of its
    own that holds it (the engine takes fixed addresses only on such networks)."""
    import ipaddress

    networks = project.get("networks") or {}
    for name, svc in sorted(project["services"].items()):
        for net, conf in sorted((svc.get("networks") or {}).items()):
            for key, family in (("ipv4_address", ipaddress.IPv4Address),
                                ("ipv6_address", ipaddress.IPv6Address)):
                value = (conf or {}).get(key)
                if value is None:
                    continue
                where = locate(("services", name, "networks", net, key))
                kind = "IPv4" if family is ipaddress.IPv4Address else "IPv6"
                try:
                    address = family(str(value))
                except ValueError:
                    yield ConfigError(f'expected an {kind} address, got "{value}"', where)
                    continue
                declared = networks.get(net) or {}
                if declared.get("external"):
                    continue
                subnets = []
                for pool in (declared.get("ipam") or {}).get("config") or []:
                    try:
                        subnets.append(ipaddress.ip_network(str(pool.get("subnet")),
                                                            strict=False))
                    except ValueError:
                        continue
                if not any(address.version == sub.version for sub in subnets):
                    yield ConfigError(
                        f"a fixed address needs a network with a configured subnet; network "
                        f"{net} has no {kind} subnet", where,
                        f"add `ipam: {{config: [{{subnet: ...}}]}}` to network {net}")
                elif not any(address in sub for sub in subnets
                             if address.version == sub.version):
                    yield ConfigError(
                        f"{address} is outside the subnets of network {net} "
                        f"({', '.join(str(sub) for sub in subnets)})", where)


# --- container names and replicas ---------------------------------------------------------


def _replica_count(svc: dict) -> int:
    deploy = svc.get("deploy") or {}
    for value in (svc.get("scale"), deploy.get("replicas")):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return 1


def _container_names(project: dict, locate: Locate) -> Iterator[ConfigError]:
    seen: dict[str, str] = {}
    for name, svc in sorted(project["services"].items()):
        cname = svc.get("container_name")
        if not cname:
            continue
        where = locate(("services", name, "container_name"))
        if cname in seen:
            yield ConfigError(f'container name "{cname}" is already used by service '
                              f'"{seen[cname]}"', where, "container names must be unique")
        else:
            seen[cname] = name
        if _replica_count(svc) > 1:
            yield ConfigError(f'service "{name}" runs {_replica_count(svc)} containers but '
                              f'sets container_name "{cname}"', where,
                              "a container name must be unique: remove container_name "
                              "or run one replica")


def _replicas(project: dict, locate: Locate) -> Iterator[ConfigError]:
    for name, svc in project["services"].items():
        scale = svc.get("scale")
        replicas = (svc.get("deploy") or {}).get("replicas")
        if scale is not None and replicas is not None and scale != replicas:
            yield ConfigError(f"scale ({scale}) and deploy.replicas ({replicas}) differ",
                              locate(("services", name, "scale")),
                              "set one of them, or the same value in both")
