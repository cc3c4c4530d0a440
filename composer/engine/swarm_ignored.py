"""What a swarm cannot honour: one warning per key, naming its key path and what to do.

Keys the swarm mapping uses (swarm_spec, swarm_deploy) are not listed; keys that mean
nothing on a swarm and nothing locally either (expose, attach, develop, profiles) pass
silently.
"""
from __future__ import annotations

from composer.model import Service

_RESOURCES = "set it in deploy.resources instead"
_UNSUPPORTED = "swarm services do not support it"

# service key → why it is ignored / what to use instead
IGNORED: dict[str, str] = {
    "build": "a swarm runs images: push the image to a registry, or use --build to build "
             "it on a single-node swarm",
    "depends_on": "a swarm starts services in any order; let services retry their dependencies",
    "container_name": "a swarm names containers STACK_SERVICE.SLOT.TASK itself",
    "links": "services reach each other by name on their networks",
    "external_links": "services reach each other by name on their networks",
    "volumes_from": _UNSUPPORTED,
    "cpus": _RESOURCES, "cpu_shares": _RESOURCES, "cpu_quota": _RESOURCES,
    "cpu_period": _RESOURCES, "cpu_count": _RESOURCES, "cpu_percent": _RESOURCES,
    "cpu_rt_runtime": _RESOURCES, "cpu_rt_period": _RESOURCES, "cpuset": _RESOURCES,
    "mem_limit": _RESOURCES, "mem_reservation": _RESOURCES, "memswap_limit": _RESOURCES,
    "mem_swappiness": _RESOURCES, "pids_limit": _RESOURCES, "blkio_config": _UNSUPPORTED,
    "privileged": _UNSUPPORTED, "security_opt": _UNSUPPORTED, "devices": _UNSUPPORTED,
    "device_cgroup_rules": _UNSUPPORTED, "gpus": "reserve devices with "
    "deploy.resources.reservations.generic_resources", "ipc": _UNSUPPORTED,
    "pid": _UNSUPPORTED, "cgroup": _UNSUPPORTED, "cgroup_parent": _UNSUPPORTED,
    "userns_mode": _UNSUPPORTED, "uts": _UNSUPPORTED, "runtime": _UNSUPPORTED,
    "storage_opt": _UNSUPPORTED, "shm_size": "mount a tmpfs on /dev/shm instead",
    "oom_kill_disable": _UNSUPPORTED, "oom_score_adj": _UNSUPPORTED,
    "domainname": _UNSUPPORTED, "mac_address": _UNSUPPORTED,
    "credential_spec": _UNSUPPORTED, "use_api_socket": _UNSUPPORTED,
    "post_start": _UNSUPPORTED, "pre_stop": _UNSUPPORTED, "models": _UNSUPPORTED,
    "provider": _UNSUPPORTED,
    "pull_policy": "swarm nodes pull the image when they run a task",
}

_NETWORK_KEYS = ("ipv4_address", "ipv6_address", "mac_address", "link_local_ips")


def ignored_keys(service: Service, building: bool = False) -> list[tuple[str, str]]:
    """(key path, reason) for each key of the service a swarm does not honour."""
    s = service.spec
    base = f"services.{service.name}"
    out = [(f"{base}.{k}", why) for k, why in IGNORED.items()
           if s.get(k) not in (None, False, [], {}) and not (k == "build" and building)]
    if s.get("restart") and (s.get("deploy") or {}).get("restart_policy"):
        out.append((f"{base}.restart", "deploy.restart_policy is used instead"))
    mode = service.network_mode
    if mode and mode != "host":
        out.append((f"{base}.network_mode", "only `host` is supported on a swarm; the "
                    "service joins the stack's default network instead"))
    for i, p in enumerate(service.ports):
        if p.host_ip:
            out.append((f"{base}.ports[{i}].host_ip",
                        "a swarm publishes on every address of the node"))
    for sn in service.networks:
        for key in _NETWORK_KEYS:
            if getattr(sn, key):
                out.append((f"{base}.networks.{sn.name}.{key}", _UNSUPPORTED))
    devices = (((s.get("deploy") or {}).get("resources") or {}).get("reservations") or {})
    if devices.get("devices"):
        out.append((f"{base}.deploy.resources.reservations.devices",
                    "use deploy.resources.reservations.generic_resources"))
    return out


def warnings(service: Service, building: bool = False) -> list[str]:
    return [f"{path}: ignored on a swarm ({why})" for path, why in ignored_keys(service, building)]
