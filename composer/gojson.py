"""A service's canonical config as compact JSON, byte for byte as docker compose encodes it.

docker compose v2 hashes a service as the compact JSON of its in-memory config: objects
of a fixed shape (the service, a port, a mount, …) keep one fixed key order and leave out
empty values, free-form maps (environment, labels, …) are sorted by key, and `<`, `>`,
`&` are written as `\\u003c`-style escapes. The key orders below were read off docker
compose 2.40.3's own `config --format json` output; a key this table does not know is
placed after the known ones, sorted.

`encode(spec)` gives that text for the canonical dict the loader produces, so that
composer and docker compose compute the same `com.docker.compose.config-hash`.
"""
from __future__ import annotations

import json
import math
from typing import Any

SERVICE = (
    "profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent "
    "cgroup cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus "
    "cpuset cpu_shares command configs container_name credential_spec depends_on deploy "
    "device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint provider "
    "env_file environment expose external_links extra_hosts group_add gpus hostname "
    "healthcheck image init ipc isolation labels label_file links logging mem_limit "
    "mem_reservation memswap_limit mem_swappiness mac_address models network_mode networks "
    "oom_kill_disable oom_score_adj pid pids_limit platform ports privileged pull_policy "
    "read_only restart runtime scale secrets security_opt shm_size stdin_open "
    "stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user "
    "userns_mode uts volumes volumes_from working_dir post_start pre_stop").split()

_HOOK = "command user privileged working_dir environment".split()
_UPDATE = "parallelism delay failure_action monitor max_failure_ratio order".split()
_RESOURCE = "cpus memory pids devices generic_resources".split()
_DEVICE_REQUEST = "capabilities driver count device_ids options".split()

# key path pattern (`*` = any map key, `[]` = any list item) → the struct's key order
STRUCTS: dict[str, list[str]] = {
    "": SERVICE,
    "develop": ["watch"],
    "develop.watch[]": "path action target exec include ignore initial_sync".split(),
    "develop.watch[].exec": _HOOK,
    "blkio_config": ("weight weight_device device_read_bps device_read_iops "
                     "device_write_bps device_write_iops").split(),
    **{f"blkio_config.{k}[]": ["Path", "Weight", "Rate"] for k in (
        "weight_device", "device_read_bps", "device_read_iops", "device_write_bps",
        "device_write_iops")},
    "configs[]": "source target uid gid mode".split(),
    "secrets[]": "source target uid gid mode".split(),
    "credential_spec": "config file registry".split(),
    "deploy": ("mode replicas labels update_config rollback_config resources "
               "restart_policy placement endpoint_mode").split(),
    "deploy.update_config": _UPDATE,
    "deploy.rollback_config": _UPDATE,
    "deploy.resources": ["limits", "reservations"],
    **{f"deploy.resources.{k}{sub}": order for k in ("limits", "reservations")
       for sub, order in (("", _RESOURCE), (".devices[]", _DEVICE_REQUEST),
                          (".generic_resources[]", ["discrete_resource_spec"]),
                          (".generic_resources[].discrete_resource_spec", ["kind", "value"]))},
    "deploy.restart_policy": "condition delay max_attempts window".split(),
    "deploy.placement": "constraints preferences max_replicas_per_node".split(),
    "deploy.placement.preferences[]": ["spread"],
    "devices[]": "source target permissions".split(),
    "gpus[]": _DEVICE_REQUEST,
    "healthcheck": "test timeout interval retries start_period start_interval disable".split(),
    "logging": ["driver", "options"],
    "models.*": ["endpoint_var", "model_var"],
    "networks.*": ("aliases driver_opts gw_priority interface_name ipv4_address ipv6_address "
                   "link_local_ips mac_address priority").split(),
    "ports[]": "name mode host_ip target published protocol app_protocol".split(),
    "post_start[]": _HOOK,
    "pre_stop[]": _HOOK,
    "provider": ["type", "options"],
    "ulimits.*": ["soft", "hard"],
    "volumes[]": "type source target read_only consistency bind volume tmpfs image".split(),
    "volumes[].bind": "selinux propagation create_host_path recursive".split(),
    "volumes[].volume": "labels nocopy subpath".split(),
    "volumes[].tmpfs": ["size", "mode"],
    "volumes[].image": ["subpath"],
}

# struct fields docker compose encodes under their Go names (the struct has no json tags)
_BLKIO = {"path": "Path", "weight": "Weight", "rate": "Rate"}
RENAME = {f"blkio_config.{k}[]": _BLKIO for k in (
    "weight_device", "device_read_bps", "device_read_iops", "device_write_bps",
    "device_write_iops")}

# struct fields docker compose prints even when empty (pointers and fields without omitempty)
KEEP_EMPTY = {
    "attach", "init", "command", "entrypoint", "logging", "deploy", "deploy.resources",
    "deploy.placement", "networks.*", "models.*", "volumes[].bind", "volumes[].volume",
    "volumes[].tmpfs", "volumes[].image", "healthcheck.retries", "healthcheck.timeout",
    "healthcheck.interval", "healthcheck.start_period", "healthcheck.start_interval",
    "deploy.update_config.parallelism", "deploy.rollback_config.parallelism",
    "deploy.restart_policy.max_attempts", "deploy.restart_policy.delay",
    "deploy.restart_policy.window", "credential_spec", "develop", "blkio_config",
    "provider", "develop.watch[].exec",
}

# struct fields docker compose encodes under their Go names (the struct has no json tags)
_BLKIO = {"path": "Path", "weight": "Weight", "rate": "Rate"}
RENAME = {f"blkio_config.{k}[]": _BLKIO for k in (
    "weight_device", "device_read_bps", "device_read_iops", "device_write_bps",
    "device_write_iops")}

# struct fields docker compose prints even when the config does not have them (as null)
ALWAYS = {"": ("command", "entrypoint"), "develop.watch[].exec": ("command",),
          "post_start[]": ("command",), "pre_stop[]": ("command",)}

# byte sizes docker compose keeps as numbers (left out when 0) but prints as strings
UNITS = {"mem_limit", "mem_reservation", "memswap_limit", "mem_swappiness", "shm_size",
         "deploy.resources.limits.memory", "deploy.resources.reservations.memory",
         "volumes[].tmpfs.size"}


def _is_empty(value: Any, path: str) -> bool:
    if value is None or value is False or value == "":
        return True
    if isinstance(value, (dict, list, tuple)):
        return not value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value == 0
    return value == "0" and path in UNITS


def _child(pattern: str, key: str, is_struct: bool) -> str:
    part = key if is_struct else "*"
    return f"{pattern}.{part}" if pattern else part


def _order(pattern: str, obj: dict) -> list[str]:
    fields = STRUCTS.get(pattern)
    if fields is None:
        return sorted(obj)
    rank = {k: i for i, k in enumerate(fields)}
    known = sorted((k for k in obj if k in rank), key=rank.__getitem__)
    return known + sorted(k for k in obj if k not in rank)


def _encode(value: Any, pattern: str, out: list[str]) -> None:
    if isinstance(value, dict):
        is_struct = pattern in STRUCTS
        if pattern in RENAME:
            value = {RENAME[pattern].get(k, k): v for k, v in value.items()}
        always = ALWAYS.get(pattern, ())
        missing = [k for k in always if k not in value]
        if missing:
            value = {**value, **dict.fromkeys(missing)}
        out.append("{")
        first = True
        for key in _order(pattern, value):
            child = _child(pattern, key, is_struct)
            item = value[key]
            if is_struct and key not in always and child not in KEEP_EMPTY \
                    and _is_empty(item, child):
                continue
            if not first:
                out.append(",")
            first = False
            out.append(_string(str(key)))
            out.append(":")
            _encode(item, child, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _encode(item, pattern + "[]", out)
        out.append("]")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, float) and value.is_integer() and not math.isinf(value):
        out.append(str(int(value)))
    else:
        out.append(json.dumps(value))


_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
            "\u2029": "\\u2029"}


def _string(text: str) -> str:
    encoded = json.dumps(text, ensure_ascii=False)
    if any(c in encoded for c in _ESCAPES):
        encoded = "".join(_ESCAPES.get(c, c) for c in encoded)
    return encoded


def encode(spec: Any) -> str:
    """Compact JSON of a service's canonical dict, as docker compose writes it."""
    out: list[str] = []
    _encode(spec, "", out)
    return "".join(out)
