"""Build the typed model from the canonical project: the only place models are made."""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from composer.loader.units import parse_bytes, parse_duration
from composer.model import (Build, Deploy, DependsOn, Healthcheck, Mount, Network, PortMapping,
                            Project, SecretRef, SecretSource, Service, ServiceNetwork, Volume)


def _ro(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


def _seconds(value: Any) -> float | None:
    if value is None:
        return None
    return parse_duration(value) / 1e9


def _copy(value: Any) -> Any:
    """A deep copy of plain data (dicts, lists, scalars), much faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {k: _copy(v) if isinstance(v, (dict, list)) else v for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) if isinstance(v, (dict, list)) else v for v in value]
    return value


def _tuple(value: Any) -> tuple | None:
    return None if value is None else tuple(value)


def build_project(canonical: dict, *, working_dir: str, config_files: tuple[str, ...],
                  environment: Mapping[str, str]) -> Project:
    c = canonical
    return Project(
        name=c["name"],
        working_dir=working_dir,
        config_files=tuple(config_files),
        services=MappingProxyType({n: _service(n, s) for n, s in c["services"].items()}),
        networks=_ro({k: _network(k, v) for k, v in (c.get("networks") or {}).items()}),
        volumes=_ro({k: _volume(k, v) for k, v in (c.get("volumes") or {}).items()}),
        secrets=_ro({k: _source(k, v) for k, v in (c.get("secrets") or {}).items()}),
        configs=_ro({k: _source(k, v) for k, v in (c.get("configs") or {}).items()}),
        environment=_ro(environment),
    )


def _service(name: str, s: dict) -> Service:
    return Service(
        name=name,
        spec=MappingProxyType(s),   # shared with the canonical dict: both are read-only
        image=s.get("image"),
        build=_build(s["build"]) if s.get("build") else None,
        command=_tuple(s.get("command")),
        entrypoint=_tuple(s.get("entrypoint")),
        environment=_ro(s.get("environment")),
        labels=_ro(s.get("labels")),
        ports=tuple(_port(p) for p in s.get("ports") or ()),
        expose=tuple(s.get("expose") or ()),
        mounts=tuple(_mount(v) for v in s.get("volumes") or ()),
        networks=tuple(_service_network(k, v) for k, v in (s.get("networks") or {}).items()),
        network_mode=s.get("network_mode"),
        depends_on=tuple(DependsOn(service=k, condition=v.get("condition", "service_started"),
                                   required=v.get("required", True),
                                   restart=bool(v.get("restart", False)))
                         for k, v in (s.get("depends_on") or {}).items()),
        links=tuple(s.get("links") or ()),
        volumes_from=tuple(s.get("volumes_from") or ()),
        healthcheck=_healthcheck(s["healthcheck"]) if s.get("healthcheck") else None,
        restart=s.get("restart"),
        init=s.get("init"),
        user=None if s.get("user") is None else str(s["user"]),
        working_dir=s.get("working_dir"),
        hostname=s.get("hostname"),
        domainname=s.get("domainname"),
        container_name=s.get("container_name"),
        stop_signal=s.get("stop_signal"),
        stop_grace_period=_seconds(s.get("stop_grace_period")),
        tty=bool(s.get("tty", False)),
        stdin_open=bool(s.get("stdin_open", False)),
        privileged=bool(s.get("privileged", False)),
        read_only=bool(s.get("read_only", False)),
        secrets=tuple(_ref(r) for r in s.get("secrets") or ()),
        configs=tuple(_ref(r) for r in s.get("configs") or ()),
        deploy=_deploy(s["deploy"]) if s.get("deploy") else None,
        scale=s.get("scale"),
        profiles=tuple(s.get("profiles") or ()),
        pull_policy=s.get("pull_policy"),
        platform=s.get("platform"),
    )


def _build(b: dict) -> Build:
    return Build(
        context=b.get("context", "."),
        dockerfile=b.get("dockerfile"),
        dockerfile_inline=b.get("dockerfile_inline"),
        args=_ro(b.get("args")),
        target=b.get("target"),
        labels=_ro(b.get("labels")),
        network=b.get("network"),
        no_cache=bool(b.get("no_cache", False)),
        pull=bool(b.get("pull", False)),
        tags=tuple(b.get("tags") or ()),
        shm_size=parse_bytes(b["shm_size"]) if b.get("shm_size") is not None else None,
        extra_hosts=tuple(b.get("extra_hosts") or ()),
        cache_from=tuple(b.get("cache_from") or ()),
        platforms=tuple(b.get("platforms") or ()),
    )


def _port(p: dict) -> PortMapping:
    return PortMapping(target=int(p["target"]), published=p.get("published") or None,
                       host_ip=p.get("host_ip"), protocol=p.get("protocol", "tcp"),
                       mode=p.get("mode", "ingress"), name=p.get("name"),
                       app_protocol=p.get("app_protocol"))


def _mount(v: dict) -> Mount:
    bind = v.get("bind") or {}
    vol = v.get("volume") or {}
    tmpfs = v.get("tmpfs") or {}
    return Mount(
        type=v.get("type", "volume"), target=v["target"], source=v.get("source"),
        read_only=bool(v.get("read_only", False)),
        create_host_path=bool(bind.get("create_host_path", False)),
        propagation=bind.get("propagation"), selinux=bind.get("selinux"),
        nocopy=bool(vol.get("nocopy", False)), subpath=vol.get("subpath"),
        tmpfs_size=int(tmpfs["size"]) if tmpfs.get("size") is not None else None,
        tmpfs_mode=tmpfs.get("mode"), consistency=v.get("consistency"),
    )


def _service_network(key: str, v: dict | None) -> ServiceNetwork:
    v = v or {}
    return ServiceNetwork(name=key, aliases=tuple(v.get("aliases") or ()),
                          ipv4_address=v.get("ipv4_address"), ipv6_address=v.get("ipv6_address"),
                          mac_address=v.get("mac_address"), priority=int(v.get("priority") or 0),
                          link_local_ips=tuple(v.get("link_local_ips") or ()))


def _healthcheck(h: dict) -> Healthcheck:
    return Healthcheck(test=_tuple(h.get("test")), interval=_seconds(h.get("interval")),
                       timeout=_seconds(h.get("timeout")),
                       start_period=_seconds(h.get("start_period")),
                       start_interval=_seconds(h.get("start_interval")),
                       retries=h.get("retries"), disable=bool(h.get("disable", False)))


def _ref(r: dict) -> SecretRef:
    mode = r.get("mode")
    if isinstance(mode, str):
        mode = int(mode, 8)
    return SecretRef(source=r["source"], target=r.get("target") or r["source"],
                     uid=r.get("uid"), gid=r.get("gid"), mode=mode)


def _deploy(d: dict) -> Deploy:
    return Deploy(mode=d.get("mode", "replicated"), replicas=d.get("replicas"),
                  spec=MappingProxyType(_copy(d)))


def _network(key: str, n: dict) -> Network:
    return Network(key=key, name=n["name"], external=bool(n.get("external", False)),
                   driver=n.get("driver"), driver_opts=_ro(n.get("driver_opts")),
                   internal=bool(n.get("internal", False)),
                   attachable=bool(n.get("attachable", False)),
                   enable_ipv6=n.get("enable_ipv6"), labels=_ro(n.get("labels")),
                   ipam=_ro(n.get("ipam")))


def _volume(key: str, v: dict) -> Volume:
    return Volume(key=key, name=v["name"], external=bool(v.get("external", False)),
                  driver=v.get("driver"), driver_opts=_ro(v.get("driver_opts")),
                  labels=_ro(v.get("labels")))


def _source(key: str, v: dict) -> SecretSource:
    return SecretSource(key=key, name=v["name"], file=v.get("file"),
                        environment=v.get("environment"), content=v.get("content"),
                        external=bool(v.get("external", False)), labels=_ro(v.get("labels")))
