"""Rows of `stack ls`, `stack services` and `stack ps`, from the engine's raw listings,
with the columns docker prints; as a table or one JSON object per line."""
from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone

from composer.engine.swarm_names import NAMESPACE
from composer.tables import print_table


def ls_rows(services: list[dict]) -> list[dict]:
    counts = Counter((s["Spec"].get("Labels") or {}).get(NAMESPACE) for s in services)
    return [{"Name": name, "Services": str(n)} for name, n in sorted(counts.items()) if name]


def _image(spec: dict) -> str:
    return spec["TaskTemplate"]["ContainerSpec"]["Image"].split("@")[0]


def _ports(ports: list[dict]) -> str:
    return ", ".join(dict.fromkeys(
        f"*:{p['PublishedPort']}->{p['TargetPort']}/{p.get('Protocol', 'tcp')}"
        for p in ports if p.get("PublishedPort")))


def services_rows(services: list[dict]) -> list[dict]:
    rows = []
    for s in sorted(services, key=lambda s: s["Spec"]["Name"]):
        spec = s["Spec"]
        status = s.get("ServiceStatus") or {}
        mode = "global" if "Global" in (spec.get("Mode") or {}) else "replicated"
        rows.append({"ID": s["ID"][:12], "Name": spec["Name"], "Mode": mode,
                     "Replicas": f"{status.get('RunningTasks', 0)}/{status.get('DesiredTasks', 0)}",
                     "Image": _image(spec),
                     "Ports": _ports((s.get("Endpoint") or {}).get("Ports") or [])})
    return rows


def _ago(stamp: str) -> str:
    try:
        when = datetime.fromisoformat(stamp[:26].rstrip("Z") + "+00:00")
    except ValueError:
        return ""
    secs = max(0, int((datetime.now(timezone.utc) - when).total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if secs >= size:
            n = secs // size
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    return f"{secs} seconds ago"


def ps_rows(tasks: list[dict], services: list[dict], nodes) -> list[dict]:
    names = {s["ID"]: s["Spec"]["Name"] for s in services}
    hosts = {n.id: n.hostname for n in nodes}
    rows, seen = [], set()
    newest_first = sorted(tasks, key=lambda t: t.get("CreatedAt", ""), reverse=True)
    for t in sorted(newest_first, key=lambda t: (names.get(t["ServiceID"], ""),
                                                 t.get("Slot") or 0, t.get("NodeID", ""))):
        service = names.get(t["ServiceID"], t["ServiceID"][:12])
        name = f"{service}.{t['Slot'] if t.get('Slot') else t.get('NodeID', '')}"
        status = t.get("Status") or {}
        port_status = (status.get("PortStatus") or {}).get("Ports") or []
        rows.append({"ID": t["ID"][:12], "Name": (" \\_ " + name) if name in seen else name,
                     "Image": _image({"TaskTemplate": t["Spec"]}),
                     "Node": hosts.get(t.get("NodeID", ""), ""),
                     "DesiredState": t.get("DesiredState", "").capitalize(),
                     "CurrentState": f"{status.get('State', '').capitalize()} "
                                     f"{_ago(status.get('Timestamp', ''))}".strip(),
                     "Error": status.get("Err", ""),
                     "Ports": _ports(port_status)})
        seen.add(name)
    return rows


_HEADERS = {
    "ls": [("NAME", "Name"), ("SERVICES", "Services")],
    "services": [("ID", "ID"), ("NAME", "Name"), ("MODE", "Mode"), ("REPLICAS", "Replicas"),
                 ("IMAGE", "Image"), ("PORTS", "Ports")],
    "ps": [("ID", "ID"), ("NAME", "Name"), ("IMAGE", "Image"), ("NODE", "Node"),
           ("DESIRED STATE", "DesiredState"), ("CURRENT STATE", "CurrentState"),
           ("ERROR", "Error"), ("PORTS", "Ports")],
}


def print_rows(what: str, items: list[dict], format: str, services=(), nodes=()) -> None:
    if what == "ls":
        rows = ls_rows(items)
    elif what == "services":
        rows = services_rows(items)
    else:
        rows = ps_rows(items, list(services), nodes)
    if format == "json":
        for r in rows:
            print(json.dumps(r))
        return
    headers = _HEADERS[what]
    print_table([h for h, _ in headers], [[r[k] for _, k in headers] for r in rows])
