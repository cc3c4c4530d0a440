"""The order of keys in the canonical project, as docker compose prints them.

docker compose prints a mapping of names (environment, labels, services, …) sorted by
key, and a structure (a service, a port, a healthcheck…) in the order of its fields. The
table gives the field order of each structure by key-path pattern; `x-` extensions come
last. Every other mapping is a mapping of names, and is sorted.
"""
from __future__ import annotations

from typing import Any

from composer.keypath import parse_pattern


def _fields(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SERVICE = _fields("""
    profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent
    cgroup cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus
    cpuset cpu_shares command configs container_name credential_spec depends_on deploy
    device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint provider
    environment expose external_links extra_hosts group_add gpus hostname healthcheck
    image init ipc isolation labels links logging mem_limit mem_reservation memswap_limit
    mem_swappiness mac_address models network_mode networks oom_kill_disable oom_score_adj
    pid pids_limit platform ports privileged pull_policy read_only restart runtime scale
    secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt
    sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver volumes
    volumes_from working_dir post_start pre_stop
""")
BUILD = _fields("""
    context dockerfile dockerfile_inline entitlements args ssh labels cache_from cache_to
    no_cache additional_contexts pull extra_hosts isolation network target secrets
    shm_size tags ulimits platforms privileged
""")
DEPLOY = _fields("""mode replicas labels update_config rollback_config resources
                    restart_policy placement endpoint_mode""")
UPDATE = _fields("parallelism delay failure_action monitor max_failure_ratio order")
RESOURCE = _fields("cpus memory pids devices generic_resources")
DEVICE_REQUEST = _fields("capabilities driver count device_ids options")
VOLUME = _fields("type source target read_only consistency bind volume tmpfs image")
HOOK = _fields("command user privileged working_dir environment")
SECRET_REF = _fields("source target uid gid mode")
NETWORK = _fields("""name driver driver_opts ipam external internal attachable labels
                     enable_ipv4 enable_ipv6""")
VOLUME_TOP = _fields("name driver driver_opts external labels")
SECRET = _fields("""name file environment content external labels driver driver_opts
                    template_driver""")

ORDERS = {
    "": _fields("name services networks volumes secrets configs models"),
    "services.*": SERVICE,
    "services.*.build": BUILD,
    "services.*.build.secrets[]": SECRET_REF,
    "services.*.blkio_config": _fields("""weight weight_device device_read_bps
                                          device_read_iops device_write_bps device_write_iops"""),
    "services.*.blkio_config.*[]": _fields("path weight rate"),
    "services.*.configs[]": SECRET_REF,
    "services.*.secrets[]": SECRET_REF,
    "services.*.credential_spec": _fields("config file registry"),
    "services.*.depends_on.*": _fields("condition restart required"),
    "services.*.deploy": DEPLOY,
    "services.*.deploy.update_config": UPDATE,
    "services.*.deploy.rollback_config": UPDATE,
    "services.*.deploy.resources": _fields("limits reservations"),
    "services.*.deploy.resources.limits": RESOURCE,
    "services.*.deploy.resources.reservations": RESOURCE,
    "services.*.deploy.resources.reservations.devices[]": DEVICE_REQUEST,
    "services.*.deploy.restart_policy": _fields("condition delay max_attempts window"),
    "services.*.deploy.placement": _fields("constraints preferences max_replicas_per_node"),
    "services.*.deploy.resources.reservations.generic_resources[].discrete_resource_spec":
        _fields("kind value"),
    "services.*.gpus[]": DEVICE_REQUEST,
    "services.*.develop": _fields("watch"),
    "services.*.develop.watch[]": _fields("path action target exec ignore include initial_sync"),
    "services.*.develop.watch[].exec": HOOK,
    "services.*.post_start[]": HOOK,
    "services.*.pre_stop[]": HOOK,
    "services.*.devices[]": _fields("source target permissions"),
    "services.*.healthcheck": _fields("""test timeout interval retries start_period
                                         start_interval disable"""),
    "services.*.logging": _fields("driver options"),
    "services.*.networks.*": _fields("""aliases driver_opts gw_priority interface_name
                                        ipv4_address ipv6_address link_local_ips mac_address
                                        priority"""),
    "services.*.ports[]": _fields("name mode host_ip target published protocol app_protocol"),
    "services.*.provider": _fields("type options"),
    "services.*.models.*": _fields("endpoint_var model_var"),
    "services.*.ulimits.*": _fields("soft hard"),
    "services.*.volumes[]": VOLUME,
    "services.*.volumes[].bind": _fields("selinux propagation create_host_path recursive"),
    "services.*.volumes[].volume": _fields("labels nocopy subpath"),
    "services.*.volumes[].tmpfs": _fields("size mode"),
    "networks.*": NETWORK,
    "networks.*.ipam": _fields("driver config options"),
    "networks.*.ipam.config[]": _fields("subnet gateway ip_range aux_addresses"),
    "volumes.*": VOLUME_TOP,
    "secrets.*": SECRET,
    "configs.*": SECRET,
    "models.*": _fields("name model context_size runtime_flags"),
}


_FIELDS = 0  # not a string: never a key of the data
_KEEP = 1    # an empty list or mapping kept at this path

# empty lists and mappings are left out (docker compose omits them), except structures
# (the paths of ORDERS) and these
KEEP_EMPTY = ("services", "services.*.command", "services.*.entrypoint")


def _trie() -> dict:
    root: dict = {}
    for pattern, mark, value in [(p, _FIELDS, f) for p, f in ORDERS.items()] + \
            [(p, _KEEP, True) for p in KEEP_EMPTY]:
        node = root
        for part in parse_pattern(pattern):
            node = node.setdefault(part, {})
        node[mark] = value
    return root


_ROOT = _trie()


def ordered(value: Any) -> Any:
    """`value` with every mapping in docker compose's order, empty values left out."""
    return _walk(value, _ROOT, True)


def _walk(value: Any, node: dict | None, prune: bool) -> Any:
    if isinstance(value, list):
        child = node.get("[]") if node else None
        return [_walk(v, child, prune) if isinstance(v, (dict, list)) else v for v in value]
    if not isinstance(value, dict):
        return value
    fields = node.get(_FIELDS) if node else None
    if fields is None:
        keys = sorted(value)
    else:
        keys = [k for k in fields if k in value]
        if len(keys) < len(value):
            keys += sorted(k for k in value if k not in fields)
    star = node.get("*") if node else None
    out = {}
    for k in keys:
        v = value[k]
        if not isinstance(v, (dict, list)):
            out[k] = v
            continue
        child = node.get(k, star) if node else None
        if not prune or k[:2] == "x-":
            out[k] = _walk(v, child, False)
        elif not v and not (child and (_FIELDS in child or _KEEP in child)):
            continue
        else:
            out[k] = _walk(v, child, True)
    return out
