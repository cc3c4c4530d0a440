"""A compose service as a swarm service spec: raw Engine API JSON, built without the engine.

Secrets, configs and networks are named, not referenced by id: the adapter fills in the
ids when it sends the spec. The spec hash is computed on this name-only form, so it is the
same on every machine and for every redeploy of an unchanged file.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Mapping

from composer.confighash import spec_label
from composer.engine import swarm_deploy as D
from composer.engine.base import SPEC
from composer.engine.docker_create import healthcheck_body
from composer.engine.mounts import mount_body
from composer.engine.swarm_names import NAMESPACE, SPEC_HASH, STACK_IMAGE, service_name
from composer.engine.swarm_objects import stack_networks
from composer.errors import ConfigError, Location
from composer.model import Mount, Project, SecretRef, Service

_MODE_DEFAULT = 0o444


@dataclass(frozen=True, slots=True)
class Names:
    """Engine names the spec refers to: secret and config key → versioned engine name."""

    stack: str
    secrets: Mapping[str, str]
    configs: Mapping[str, str]


def _mount(project: Project, stack: str, m: Mount) -> dict:
    def volume_options(_m: Mount, vol) -> dict:
        if vol is None or vol.external:
            return {}
        opts: dict = {"Labels": {**vol.labels, NAMESPACE: stack}}
        if vol.driver or vol.driver_opts:
            opts["DriverConfig"] = {"Name": vol.driver or "local",
                                    "Options": dict(vol.driver_opts)}
        return opts

    body = mount_body(project, m, volume_options)
    if m.read_only:
        body["ReadOnly"] = True
    return body


def _tmpfs_key(service: Service) -> list[dict]:
    """The service-level `tmpfs:` list as tmpfs mounts (`/run:size=64m,mode=1777`)."""
    from composer.loader.units import parse_bytes

    out = []
    for entry in service.spec.get("tmpfs") or ():
        path, _, options = str(entry).partition(":")
        opts: dict = {}
        for opt in filter(None, options.split(",")):
            key, _, value = opt.partition("=")
            if key == "size":
                opts["SizeBytes"] = parse_bytes(value)
            elif key == "mode":
                opts["Mode"] = int(value, 8)
        out.append({"Type": "tmpfs", "Target": path, **({"TmpfsOptions": opts} if opts else {})})
    return out


def _file_refs(refs: tuple[SecretRef, ...], names: Mapping[str, str], kind: str) -> list[dict]:
    out = []
    for ref in refs:
        target = ref.target
        if kind == "Config" and not target.startswith("/"):
            target = "/" + target
        out.append({"File": {"Name": target, "UID": ref.uid or "0", "GID": ref.gid or "0",
                             "Mode": ref.mode if ref.mode is not None else _MODE_DEFAULT},
                    f"{kind}Name": names[ref.source]})
    return out


def _dns(s: Mapping) -> dict:
    out = {}
    for key, api_key in (("dns", "Nameservers"), ("dns_search", "Search"),
                         ("dns_opt", "Options")):
        if s.get(key):
            value = s[key]
            out[api_key] = [value] if isinstance(value, str) else list(value)
    return out


def _ulimits(value: Mapping) -> list[dict]:
    return [{"Name": k, "Soft": v, "Hard": v} if isinstance(v, int)
            else {"Name": k, "Soft": v.get("soft"), "Hard": v.get("hard")}
            for k, v in sorted(value.items())]


def container_spec(project: Project, service: Service, names: Names, image: str) -> dict:
    s = service.spec
    cs: dict = {"Image": image, "Labels": {**service.labels, NAMESPACE: names.stack}}
    if service.entrypoint is not None:
        cs["Command"] = list(service.entrypoint)
    if service.command is not None:
        cs["Args"] = list(service.command)
    env = [f"{k}={v}" for k, v in service.environment.items() if v is not None]
    if env:
        cs["Env"] = env
    for api_key, value in (("Dir", service.working_dir), ("User", service.user),
                           ("Hostname", service.hostname), ("StopSignal", service.stop_signal),
                           ("Isolation", s.get("isolation"))):
        if value:
            cs[api_key] = value
    for api_key, value in (("TTY", service.tty), ("OpenStdin", service.stdin_open),
                           ("ReadOnly", service.read_only)):
        if value:
            cs[api_key] = True
    if service.init is not None:
        cs["Init"] = service.init
    if service.stop_grace_period is not None:
        cs["StopGracePeriod"] = int(service.stop_grace_period * 1e9)
    health = healthcheck_body(service)
    if health:
        cs["Healthcheck"] = health
    mounts = [_mount(project, names.stack, m) for m in service.mounts] + _tmpfs_key(service)
    if mounts:
        cs["Mounts"] = mounts
    if service.secrets:
        cs["Secrets"] = _file_refs(service.secrets, names.secrets, "Secret")
    if service.configs:
        cs["Configs"] = _file_refs(service.configs, names.configs, "Config")
    _more(s, cs)
    return cs


def _more(s: Mapping, cs: dict) -> None:
    """The keys of the canonical spec that map one to one."""
    if s.get("extra_hosts"):
        cs["Hosts"] = [_host(h) for h in s["extra_hosts"]]
    dns = _dns(s)
    if dns:
        cs["DNSConfig"] = dns
    if s.get("group_add"):
        cs["Groups"] = [str(g) for g in s["group_add"]]
    if s.get("sysctls"):
        cs["Sysctls"] = {str(k): str(v) for k, v in s["sysctls"].items()}
    if s.get("cap_add"):
        cs["CapabilityAdd"] = list(s["cap_add"])
    if s.get("cap_drop"):
        cs["CapabilityDrop"] = list(s["cap_drop"])
    if s.get("ulimits"):
        cs["Ulimits"] = _ulimits(s["ulimits"])


def _host(entry: str) -> str:
    """`name=1.2.3.4` (canonical) → `1.2.3.4 name` (the swarm's /etc/hosts form)."""
    name, _, ip = str(entry).replace("=", ":", 1).partition(":")
    return f"{ip} {name}"


def _ports(service: Service) -> list[dict]:
    out = []
    for i, p in enumerate(service.ports):
        port: dict = {"Protocol": p.protocol, "TargetPort": p.target, "PublishMode": p.mode}
        if p.published:
            if not str(p.published).isdigit():
                raise ConfigError(f"published port range {p.published!r} is not supported on "
                                  "a swarm: publish one port per target",
                                  Location(path=f"services.{service.name}.ports[{i}]"))
            port["PublishedPort"] = int(p.published)
        out.append(port)
    return out


def _networks(project: Project, service: Service) -> list[dict]:
    if service.network_mode == "host":
        return [{"Target": "host"}]
    out = []
    for sn in sorted(stack_networks(project, service), key=lambda n: (-n.priority, n.name)):
        net = project.networks.get(sn.name)
        aliases = list(dict.fromkeys([*sn.aliases, service.name]))
        out.append({"Target": net.name if net else sn.name, "Aliases": aliases})
    return out


def task_template(project: Project, service: Service, names: Names, image: str) -> dict:
    tt: dict = {"ContainerSpec": container_spec(project, service, names, image),
                "Resources": D.resources(service), "Placement": D.placement(service),
                "Networks": _networks(project, service), "ForceUpdate": 0}
    rp = D.restart_policy(service)
    if rp is not None:
        tt["RestartPolicy"] = rp
    log = service.spec.get("logging")
    if log and log.get("driver"):
        tt["LogDriver"] = {"Name": log["driver"], "Options": dict(log.get("options") or {})}
    return tt


def service_spec(project: Project, service: Service, names: Names, image: str) -> dict:
    """The whole spec; its labels carry the hash of everything else (see `spec_hash`)."""
    labels = {**D.service_labels(service), NAMESPACE: names.stack,
              STACK_IMAGE: service.image or image, SPEC: spec_label(service)}
    spec: dict = {"Name": service_name(names.stack, service.name), "Labels": labels,
                  "TaskTemplate": task_template(project, service, names, image),
                  "Mode": D.mode(service),
                  "EndpointSpec": {"Mode": D.endpoint_mode(service), "Ports": _ports(service)}}
    deploy = D.deploy_section(service)
    for key, api_key in (("update_config", "UpdateConfig"), ("rollback_config", "RollbackConfig")):
        section = D.update_config(deploy.get(key))
        if section is not None:
            spec[api_key] = section
    labels[SPEC_HASH] = spec_hash(spec)
    return spec


def spec_hash(spec: Mapping) -> str:
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()
