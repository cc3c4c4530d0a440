"""Translate a service of the model into the Engine API's container create body.

Pure: the body is built as raw API JSON (not through the SDK's helpers), so every key the
engine knows is reachable. `resolve_container` turns `service:x` references into the
container they name; it is supplied by the caller.
"""
from __future__ import annotations

import json
from typing import Callable

from composer.confighash import config_hash, content_label, references, spec_label
from composer.engine import base as L
from composer.engine.mounts import mount_body
from composer.model import Mount, Project, Service

Resolve = Callable[[str], str]   # service name → container id/name


def container_labels(project: Project, service: Service, number: int, image_id: str,
                     oneoff: bool = False, resolve: Resolve | None = None) -> dict[str, str]:
    """The labels docker compose sets (and composer's own); `resolve` gives the container
    ids of the services this one references, which are part of the config hash."""
    ids = {name: resolve(name) for name in references(service)} if resolve else None
    labels = dict(service.labels)
    labels.update({
        L.PROJECT: project.name,
        L.SERVICE: service.name,
        L.NUMBER: str(number),
        L.ONEOFF: "True" if oneoff else "False",
        L.CONFIG_HASH: config_hash(project, service, ids),
        L.WORKING_DIR: project.working_dir,
        L.CONFIG_FILES: ",".join(project.config_files),
        L.DEPENDS_ON: ",".join(f"{d.service}:{d.condition}:{str(d.restart).lower()}"
                               for d in service.depends_on),
        L.IMAGE: image_id,
        L.VERSION: L.COMPOSE_VERSION,
        L.SPEC: spec_label(service),
    })
    content = content_label(project, service)
    if content:
        labels[L.CONTENT] = content
    return labels


def _ns(seconds: float | None) -> int | None:
    return None if seconds is None else int(seconds * 1_000_000_000)


def healthcheck_body(service: Service) -> dict | None:
    hc = service.healthcheck
    if hc is None:
        return None
    if hc.disable:
        return {"Test": ["NONE"]}
    body: dict = {}
    if hc.test:
        body["Test"] = list(hc.test)
    for key, value in (("Interval", hc.interval), ("Timeout", hc.timeout),
                       ("StartPeriod", hc.start_period), ("StartInterval", hc.start_interval)):
        if value is not None:
            body[key] = _ns(value)
    if hc.retries is not None:
        body["Retries"] = hc.retries
    return body


def _restart_policy(value: str | None) -> dict:
    if not value or value == "no":
        return {"Name": "no"}
    name, _, count = value.partition(":")
    policy = {"Name": name}
    if name == "on-failure" and count:
        policy["MaximumRetryCount"] = int(count)
    return policy


# deploy.restart_policy's conditions as the engine names them
_CONDITIONS = {"none": "no", "any": "always"}


def _deploy_restart(policy: dict | None) -> dict | None:
    """`deploy.restart_policy` on a single engine, as docker compose applies it: it wins
    over `restart`. A retry count only goes with on-failure (the engine refuses it else)."""
    if not policy or not policy.get("condition"):
        return None
    name = _CONDITIONS.get(policy["condition"], policy["condition"])
    out = {"Name": name}
    if name == "on-failure" and policy.get("max_attempts"):
        out["MaximumRetryCount"] = int(policy["max_attempts"])
    return out


def _deploy_resources(hc: dict, deploy: dict) -> None:
    """`deploy.resources` on a single engine, as docker compose applies it: limits of
    memory, cpus and pids, reservations of memory and devices; they win over `mem_limit`,
    `cpus`, `pids_limit` and `mem_reservation` (a cpu reservation is for swarm only)."""
    resources = deploy.get("resources") or {}
    limits = resources.get("limits") or {}
    reservations = resources.get("reservations") or {}
    if limits.get("memory"):
        hc["Memory"] = int(limits["memory"])
    if limits.get("cpus"):
        hc["NanoCpus"] = int(float(limits["cpus"]) * 1e9)
    if limits.get("pids"):
        hc["PidsLimit"] = int(limits["pids"])
    if reservations.get("memory"):
        hc["MemoryReservation"] = int(reservations["memory"])
    for device in reservations.get("devices") or []:
        count = device.get("count")
        hc.setdefault("DeviceRequests", []).append({
            "Driver": device.get("driver") or "",
            "Count": -1 if count == "all" else int(count or 0),
            "DeviceIDs": list(device.get("device_ids") or []) or None,
            "Capabilities": [list(device.get("capabilities") or [])],
            "Options": dict(device.get("options") or {})})


def _mounts(project: Project, service: Service) -> tuple[list[str], list[dict]]:
    binds: list[str] = []
    mounts: list[dict] = []
    for m in service.mounts:
        if m.type == "bind" and m.create_host_path:
            opts = ["ro" if m.read_only else "rw"]
            if m.propagation:
                opts.append(m.propagation)
            if m.selinux:
                opts.append(m.selinux)
            binds.append(f"{m.source}:{m.target}:{','.join(opts)}")
        else:
            mounts.append(_mount(project, m))
    for ref in service.secrets:
        src = project.secrets.get(ref.source)
        if src is not None and src.file:
            binds.append(f"{src.file}:{ref.target}:ro")
    for ref in service.configs:
        src = project.configs.get(ref.source)
        if src is not None and src.file:
            target = ref.target if ref.target.startswith("/") else f"/{ref.target}"
            binds.append(f"{src.file}:{target}:ro")
    return binds, mounts


def _mount(project: Project, m: Mount) -> dict:
    body = mount_body(project, m, lambda m, _vol: {"Subpath": m.subpath} if m.subpath else {})
    body["ReadOnly"] = m.read_only
    if m.consistency:
        body["Consistency"] = m.consistency
    return body


def _ports(service: Service) -> tuple[dict, dict]:
    exposed: dict = {}
    bindings: dict = {}
    for p in service.ports:
        key = f"{p.target}/{p.protocol}"
        exposed[key] = {}
        bindings.setdefault(key, []).append({"HostIp": p.host_ip or "",
                                             "HostPort": p.published or ""})
    for e in service.expose:
        port, _, proto = str(e).partition("/")
        lo, _, hi = port.partition("-")
        for n in range(int(lo), int(hi or lo) + 1):
            exposed[f"{n}/{proto or 'tcp'}"] = {}
    return exposed, bindings


def network_mode(project: Project, service: Service, resolve: Resolve) -> str:
    mode = service.network_mode
    if mode:
        if mode.startswith("service:"):
            return "container:" + resolve(mode[len("service:"):])
        return mode
    nets = sorted(service.networks, key=lambda n: (-n.priority, n.name))
    if nets:
        net = project.networks.get(nets[0].name)
        return net.name if net else nets[0].name
    return "none"


def endpoint(project: Project, service: Service, net_key: str, resolve: Resolve) -> dict:
    sn = next((n for n in service.networks if n.name == net_key), None)
    aliases = [service.name]
    if sn:
        aliases += [a for a in sn.aliases if a not in aliases]
    body: dict = {"Aliases": aliases}
    links = _links(project, service)
    if links:
        body["Links"] = links
    if sn and (sn.ipv4_address or sn.ipv6_address or sn.link_local_ips):
        ipam: dict = {}
        if sn.ipv4_address:
            ipam["IPv4Address"] = sn.ipv4_address
        if sn.ipv6_address:
            ipam["IPv6Address"] = sn.ipv6_address
        if sn.link_local_ips:
            ipam["LinkLocalIPs"] = list(sn.link_local_ips)
        body["IPAMConfig"] = ipam
    if sn and sn.mac_address:
        body["MacAddress"] = sn.mac_address
    return body


def _links(project: Project, service: Service) -> list[str]:
    """`links: [api:backend]` as docker compose writes it: each container of api by name
    (the engine resolves a link by name, not by id) as `backend`, `api-1` and
    `<project>-api-1`; external_links as given."""
    links = []
    for link in service.links:
        name, _, alias = link.partition(":")
        target = project.services.get(name)
        if target is None:
            continue
        for number in range(1, max(target.replicas, 1) + 1):
            cname = target.container_name or f"{project.name}-{name}-{number}"
            links += [f"{cname}:{alias or name}", f"{cname}:{name}-{number}",
                      f"{cname}:{project.name}-{name}-{number}"]
    for link in service.spec.get("external_links") or ():
        name, _, alias = link.partition(":")
        links.append(f"{name}:{alias or name}")
    return links


def _namespace(value, resolve: Resolve):
    if isinstance(value, str) and value.startswith("service:"):
        return "container:" + resolve(value[len("service:"):])
    return value


def host_config(project: Project, service: Service, resolve: Resolve) -> dict:
    s = service.spec
    binds, mounts = _mounts(project, service)
    _, bindings = _ports(service)
    hc: dict = {
        "Binds": binds, "Mounts": mounts, "PortBindings": bindings,
        "RestartPolicy": _deploy_restart((s.get("deploy") or {}).get("restart_policy"))
        or _restart_policy(service.restart),
        "NetworkMode": network_mode(project, service, resolve),
        "Privileged": service.privileged, "ReadonlyRootfs": service.read_only,
    }
    if service.init is not None:
        hc["Init"] = service.init
    simple = {"cap_add": "CapAdd", "cap_drop": "CapDrop", "dns": "Dns", "dns_search": "DnsSearch",
              "dns_opt": "DnsOptions", "security_opt": "SecurityOpt", "group_add": "GroupAdd",
              "runtime": "Runtime", "isolation": "Isolation", "userns_mode": "UsernsMode",
              "uts": "UTSMode", "cgroup_parent": "CgroupParent", "cgroup": "CgroupnsMode",
              "oom_kill_disable": "OomKillDisable", "oom_score_adj": "OomScoreAdj",
              "pids_limit": "PidsLimit", "cpu_shares": "CpuShares", "cpuset": "CpusetCpus",
              "cpu_period": "CpuPeriod", "cpu_quota": "CpuQuota", "device_cgroup_rules":
              "DeviceCgroupRules", "storage_opt": "StorageOpt", "sysctls": "Sysctls",
              "cpu_rt_runtime": "CpuRealtimeRuntime", "cpu_rt_period": "CpuRealtimePeriod"}
    for key, api_key in simple.items():
        if s.get(key) is not None:
            hc[api_key] = s[key]
    for key, api_key in (("mem_limit", "Memory"), ("mem_reservation", "MemoryReservation"),
                         ("memswap_limit", "MemorySwap"), ("shm_size", "ShmSize")):
        if s.get(key) is not None:
            hc[api_key] = int(s[key])
    if s.get("cpus") is not None:
        hc["NanoCpus"] = int(float(s["cpus"]) * 1e9)
    _deploy_resources(hc, s.get("deploy") or {})
    for key, api_key in (("pid", "PidMode"), ("ipc", "IpcMode")):
        if s.get(key):
            hc[api_key] = _namespace(s[key], resolve)
    if s.get("extra_hosts"):
        hc["ExtraHosts"] = [h.replace("=", ":", 1) for h in s["extra_hosts"]]
    if s.get("tmpfs"):
        tmpfs = {}
        for t in s["tmpfs"]:
            path, _, opts = str(t).partition(":")
            tmpfs[path] = opts
        hc["Tmpfs"] = tmpfs
    if s.get("ulimits"):
        hc["Ulimits"] = [{"Name": k, "Soft": v, "Hard": v} if isinstance(v, int) else
                         {"Name": k, "Soft": v.get("soft"), "Hard": v.get("hard")}
                         for k, v in s["ulimits"].items()]
    if s.get("logging"):
        log = s["logging"]
        hc["LogConfig"] = {"Type": log.get("driver") or "", "Config": log.get("options") or {}}
    if service.volumes_from:
        hc["VolumesFrom"] = [_volumes_from(v, resolve) for v in service.volumes_from]
    if s.get("devices"):
        hc["Devices"] = [_device(d) for d in s["devices"]]
    return hc


def _volumes_from(value: str, resolve: Resolve) -> str:
    if value.startswith("container:"):
        return value[len("container:"):]
    name, _, mode = value.partition(":")
    return resolve(name) + (f":{mode}" if mode else "")


def _device(d) -> dict:
    if isinstance(d, dict):
        return {"PathOnHost": d.get("source"), "PathInContainer": d.get("target"),
                "CgroupPermissions": d.get("permissions", "rwm")}
    parts = str(d).split(":")
    host = parts[0]
    target = parts[1] if len(parts) > 1 else host
    perms = parts[2] if len(parts) > 2 else "rwm"
    return {"PathOnHost": host, "PathInContainer": target, "CgroupPermissions": perms}


def create_body(project: Project, service: Service, number: int, image: str, image_id: str,
                resolve: Resolve) -> dict:
    exposed, _ = _ports(service)
    env = [f"{k}={v}" for k, v in service.environment.items() if v is not None]
    body: dict = {
        "Image": service.image or image,   # as written (`busybox`), as docker compose
        "Env": env,
        "Labels": container_labels(project, service, number, image_id, resolve=resolve),
        "ExposedPorts": exposed,
        "Tty": service.tty,
        "OpenStdin": service.stdin_open,
        "AttachStdin": False, "AttachStdout": False, "AttachStderr": False,
        "HostConfig": host_config(project, service, resolve),
    }
    if service.command is not None:
        body["Cmd"] = list(service.command)
    if service.entrypoint is not None:
        body["Entrypoint"] = list(service.entrypoint)
    for key, value in (("User", service.user), ("WorkingDir", service.working_dir),
                       ("Hostname", service.hostname), ("Domainname", service.domainname),
                       ("StopSignal", service.stop_signal),
                       ("MacAddress", service.spec.get("mac_address"))):
        if value:
            body[key] = value
    if service.stop_grace_period is not None:
        body["StopTimeout"] = int(service.stop_grace_period)
    health = healthcheck_body(service)
    if health:
        body["Healthcheck"] = health
    mode = body["HostConfig"]["NetworkMode"]
    if service.networks and not service.network_mode:
        first = next(n for n in service.networks
                     if (project.networks.get(n.name).name if project.networks.get(n.name)
                         else n.name) == mode)
        body["NetworkingConfig"] = {"EndpointsConfig": {
            mode: endpoint(project, service, first.name, resolve)}}
    return body


def describe(body: dict) -> str:
    return json.dumps(body, indent=2, sort_keys=True)
