"""A container as `ps` shows it: docker compose's JSON fields and table cells."""
from __future__ import annotations

from datetime import datetime

from composer.humanize import ago

HEADERS = {"Name": "NAME", "Names": "NAMES", "Image": "IMAGE", "Command": "COMMAND",
           "Service": "SERVICE", "RunningFor": "CREATED", "CreatedAt": "CREATED AT",
           "Status": "STATUS", "Ports": "PORTS", "ID": "CONTAINER ID", "State": "STATE",
           "Health": "HEALTH", "ExitCode": "EXIT CODE", "Project": "PROJECT",
           "Labels": "LABELS", "Mounts": "MOUNTS", "Networks": "NETWORKS", "Size": "SIZE",
           "LocalVolumes": "LOCAL VOLUMES", "Publishers": "PUBLISHERS"}
TABLE = ("Name", "Image", "Command", "Service", "RunningFor", "Status", "Ports")


def go_quote(text: str) -> str:
    """Go's strconv.Quote for the common cases: backslashes, quotes, control characters."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def ellipsis(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def publishers(c) -> list[dict]:
    out = [{"URL": p.get("IP", ""), "TargetPort": p.get("PrivatePort"),
            "PublishedPort": p.get("PublicPort", 0), "Protocol": p.get("Type", "tcp")}
           for p in c.ports]
    return sorted(out, key=lambda p: (p["TargetPort"] or 0, p["Protocol"], p["URL"],
                                      p["PublishedPort"]))


def _host(ip: str) -> str:
    return f"[{ip}]" if ":" in ip else ip


def ports_text(c) -> str:
    parts = []
    for p in publishers(c):
        if p["PublishedPort"]:
            parts.append(f"{_host(p['URL'])}:{p['PublishedPort']}->{p['TargetPort']}/"
                         f"{p['Protocol']}")
        else:
            parts.append(f"{p['TargetPort']}/{p['Protocol']}")
    return ", ".join(dict.fromkeys(parts))


def _mounts(c) -> str:
    names = [ellipsis(m.get("Name") or m.get("Source") or "", 15) for m in c.mounts]
    return ",".join(names)


def _local_volumes(c) -> int:
    return sum(1 for m in c.mounts if m.get("Type") == "volume" and
               (m.get("Driver") or "local") == "local")


def created_at(epoch: int) -> str:
    return datetime.fromtimestamp(epoch).astimezone().strftime("%Y-%m-%d %H:%M:%S %z %Z")


def row(c, project: str) -> dict:
    """docker compose's `ps --format json` object for a container (keys sorted as it does)."""
    return {
        "Command": go_quote(ellipsis(c.command, 20)), "CreatedAt": created_at(c.created),
        "ExitCode": c.exit_code or 0, "Health": c.health or "", "ID": c.id[:12],
        "Image": c.image, "Labels": ",".join(f"{k}={v}" for k, v in sorted(c.labels.items())),
        "LocalVolumes": str(_local_volumes(c)), "Mounts": _mounts(c), "Name": c.name,
        "Names": c.name, "Networks": ",".join(c.networks), "Ports": ports_text(c),
        "Project": project, "Publishers": publishers(c), "RunningFor": ago(c.created),
        "Service": c.service, "Size": "0B", "State": c.state, "Status": c.status,
    }
