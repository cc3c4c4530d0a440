"""Short syntax of ports and volumes, read into their long form.

`"127.0.0.1:8080:80/udp"` → one port mapping per container port;
`"./data:/srv:ro,z"` → a bind mount with its options. Errors are `ShortSyntaxError`
with a message that says what the form should be; the caller adds the location.
"""
from __future__ import annotations

import ipaddress
import json
import posixpath
from typing import Any

PROTOCOLS = ("tcp", "udp", "sctp")
PROPAGATION = ("shared", "rshared", "slave", "rslave", "private", "rprivate")
SELINUX = ("z", "Z")
CONSISTENCY = ("consistent", "cached", "delegated")
ACCESS = ("ro", "rw")
VOLUME_OPTIONS = ACCESS + PROPAGATION + SELINUX + CONSISTENCY + ("nocopy",)

PORT_FORM = '"[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]"'
VOLUME_FORM = '"[SOURCE:]TARGET[:MODE]"'


class ShortSyntaxError(ValueError):
    pass


# --- ports --------------------------------------------------------------------------------


def _port_range(text: str, what: str, spec: str) -> tuple[int, int]:
    start, dash, end = text.partition("-")
    try:
        lo = int(start)
        hi = int(end) if dash else lo
    except ValueError:
        raise ShortSyntaxError(f"invalid {what} {text!r} in port {spec!r}: expected a number "
                               f"or a range like 8000-8010 (form {PORT_FORM})") from None
    if not (0 <= lo <= 65535 and 0 <= hi <= 65535):
        raise ShortSyntaxError(f"{what} {text!r} in port {spec!r} is out of range 0-65535")
    if hi < lo:
        raise ShortSyntaxError(f"invalid {what} range {text!r} in port {spec!r}: end before start")
    return lo, hi


def parse_port(spec: Any) -> list[dict]:
    """One short-syntax port into long-form mappings (ordered as docker compose prints)."""
    if isinstance(spec, bool) or not isinstance(spec, (int, str)):
        raise ShortSyntaxError(f"expected a port like {PORT_FORM}, got {spec!r}")
    text = str(spec)
    body, slash, proto = text.rpartition("/") if "/" in text else (text, "", "tcp")
    if slash and proto not in PROTOCOLS:
        raise ShortSyntaxError(f"invalid protocol {proto!r} in port {text!r}: expected one of "
                               + ", ".join(PROTOCOLS))
    parts = body.split(":")
    if len(parts) == 1:
        ip, host, container = "", "", parts[0]
    elif len(parts) == 2:
        ip, host, container = "", parts[0], parts[1]
    else:
        ip, host, container = ":".join(parts[:-2]), parts[-2], parts[-1]
    if ip.startswith("[") and ip.endswith("]"):
        ip = ip[1:-1]
    if ip:
        try:
            ipaddress.ip_address(ip)
        except ValueError:
            raise ShortSyntaxError(f"invalid host IP {ip!r} in port {text!r}") from None
    if not container:
        raise ShortSyntaxError(f"no container port in {text!r} (form {PORT_FORM})")
    c_lo, c_hi = _port_range(container, "container port", text)
    if c_lo == 0:
        raise ShortSyntaxError(f"container port 0 in port {text!r}: expected a container "
                               f"port from 1 to 65535 (form {PORT_FORM})")
    h_lo = h_hi = None
    if host:
        h_lo, h_hi = _port_range(host, "host port", text)
        if c_hi != c_lo and (h_hi - h_lo) != (c_hi - c_lo):
            raise ShortSyntaxError(f"invalid ranges in port {text!r}: host range {host} and "
                                   f"container range {container} differ in size")
    out = []
    for i in range(c_hi - c_lo + 1):
        port: dict = {"mode": "ingress"}
        if ip:
            port["host_ip"] = ip
        port["target"] = c_lo + i
        if h_lo is not None:
            if c_lo == c_hi and h_lo != h_hi:
                port["published"] = f"{h_lo}-{h_hi}"
            else:
                port["published"] = str(h_lo + i)
        port["protocol"] = proto
        out.append(port)
    return out


def port_key(item: Any) -> Any:
    """What makes two ports the same when files are merged: the same short form once
    read (`90:90` is `90:90/tcp`), or the same long form as written."""
    if isinstance(item, dict):
        return "long:" + json.dumps(item, sort_keys=True, default=str)
    if isinstance(item, (int, str)) and not isinstance(item, bool):
        try:
            return "short:" + json.dumps(parse_port(item), sort_keys=True)
        except ShortSyntaxError:
            return "text:" + str(item)
    return None


# --- devices ------------------------------------------------------------------------------


def parse_device(spec: str) -> dict:
    """`/dev/a[:/dev/b[:rwm]]` → {source, target, permissions}."""
    parts = spec.split(":")
    if len(parts) > 3 or not parts[0]:
        raise ShortSyntaxError(f"invalid device {spec!r}: expected \"HOST[:CONTAINER[:PERMISSIONS]]\"")
    source = parts[0]
    target = parts[1] if len(parts) > 1 and parts[1] else source
    permissions = parts[2] if len(parts) > 2 and parts[2] else "rwm"
    return {"source": source, "target": target, "permissions": permissions}


def device_key(item: Any) -> Any:
    if isinstance(item, str):
        try:
            d = parse_device(item)
        except ShortSyntaxError:
            return item
        return (d["source"], d["target"], d["permissions"])
    if isinstance(item, dict):
        return (item.get("source"), item.get("target") or item.get("source"),
                item.get("permissions") or "rwm")
    return None


# --- extra_hosts ----------------------------------------------------------------------------

HOST_FORM = '"HOST:IP" or "HOST=IP"'
HOST_GATEWAY = "host-gateway"


def parse_extra_host(item: Any) -> list[tuple[str, str]]:
    """One extra_hosts list entry into (host, ip) pairs, as docker compose reads it: split
    at the first `=`, else the first `:` (so `h:::1` is IPv6), several ips after a comma,
    `[::1]` unbracketed."""
    text = str(item)
    for sep in ("=", ":"):
        host, found, ips = text.partition(sep)
        if found:
            return [extra_host(host, ip) for ip in ips.split(",")]
    raise ShortSyntaxError(f"invalid extra host {text!r}: expected {HOST_FORM} (the IP "
                           "address is missing)")


def extra_host(host: Any, ip: Any) -> tuple[str, str]:
    """A host and one of its ips, checked as docker compose checks them when it loads."""
    host, ip = str(host), str(ip)
    if not host or ":" in host or "=" in host:
        raise ShortSyntaxError(f"invalid host name {host!r} in extra_hosts: expected a "
                               "non-empty name with no \":\" or \"=\"")
    if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]":
        ip = ip[1:-1]
    return host, ip


def is_host_address(ip: str) -> bool:
    """Whether the engine takes `ip` for an extra host: an IP address or host-gateway."""
    if ip == HOST_GATEWAY:
        return True
    try:
        ipaddress.ip_address(ip.strip())
    except ValueError:
        return False
    return "%" not in ip


# --- volumes ------------------------------------------------------------------------------


def is_path(source: str) -> bool:
    """A volume source names a host path when it starts with `.`, `/` or `~`."""
    return bool(source) and (source[0] in "./~" or (len(source) > 1 and source[1] == ":"
                                                   and source[0].isalpha()))


def _split_volume(spec: str) -> list[str]:
    parts: list[str] = []
    buf = ""
    for i, ch in enumerate(spec):
        # a Windows drive letter (`C:`) does not end a section
        if ch == ":" and len(buf) == 1 and buf.isalpha() and i + 1 < len(spec) and spec[i + 1] in "\\/":
            buf += ch
        elif ch == ":":
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return parts


def parse_volume(spec: Any) -> dict:
    """One short-syntax volume into its long form."""
    if not isinstance(spec, str):
        raise ShortSyntaxError(f"expected a volume like {VOLUME_FORM}, got {spec!r}")
    if not spec:
        raise ShortSyntaxError("empty volume")
    parts = _split_volume(spec)
    if any(p == "" for p in parts):
        raise ShortSyntaxError(f"empty section between colons in volume {spec!r} "
                               f"(form {VOLUME_FORM})")
    if len(parts) > 3:
        raise ShortSyntaxError(f"too many colons in volume {spec!r} (form {VOLUME_FORM})")
    source, target, mode = "", "", ""
    if len(parts) == 1:
        target = parts[0]
    elif len(parts) == 2:
        source, target = parts
    else:
        source, target, mode = parts
    vol: dict = {}
    options = mode.split(",") if mode else []
    unknown = [o for o in options if o not in VOLUME_OPTIONS]
    if unknown:
        raise ShortSyntaxError(f"unknown volume mode {unknown[0]!r} in {spec!r}: expected "
                               "ro, rw, z, Z, nocopy, a propagation (rshared, …) or a "
                               "consistency (cached, delegated, consistent)")
    bind_path = is_path(source)
    vol["type"] = "bind" if bind_path else "volume"
    if source:
        vol["source"] = source
    vol["target"] = clean_path(target)
    if "ro" in options and options.index("ro") > (options.index("rw") if "rw" in options else -1):
        vol["read_only"] = True
    consistency = [o for o in options if o in CONSISTENCY]
    if consistency:
        vol["consistency"] = consistency[-1]
    if bind_path:
        bind: dict = {}
        prop = [o for o in options if o in PROPAGATION]
        if prop:
            bind["propagation"] = prop[-1]
        bind["create_host_path"] = True
        sel = [o for o in options if o in SELINUX]
        if sel:
            bind["selinux"] = sel[-1]
        vol["bind"] = bind
    elif source or len(spec) > 2:  # docker compose leaves it out for `/x`: mimic it
        vol["volume"] = {"nocopy": True} if "nocopy" in options else {}
    return vol


def clean_path(path: str) -> str:
    """A container path as Go's path.Clean writes it: `/a//b/../c/` → `/a/c`."""
    if not path.startswith("/"):
        return path
    cleaned = posixpath.normpath(path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def volume_target(item: Any) -> Any:
    """What makes two volumes the same when files are merged: their target."""
    if isinstance(item, dict):
        target = item.get("target")
        return clean_path(target) if isinstance(target, str) else target
    if isinstance(item, str):
        try:
            return parse_volume(item)["target"]
        except ShortSyntaxError:
            return item
    return None
