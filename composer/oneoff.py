"""The service a one-off container (`run`) is created from: the project's service with
the command line's overrides (command, entrypoint, -e, -u, -w, -v, -p, labels)."""
from __future__ import annotations

import dataclasses
import os
import shlex
from dataclasses import dataclass
from typing import Mapping

from composer.errors import ConfigError
from composer.model import Mount, PortMapping, Service


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    command: tuple[str, ...] = ()
    entrypoint: str | None = None
    env: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    user: str | None = None
    workdir: str | None = None
    volumes: tuple[str, ...] = ()
    publish: tuple[str, ...] = ()
    service_ports: bool = False
    tty: bool = False
    interactive: bool = True


def env_pairs(items: tuple[str, ...], environ: Mapping[str, str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not key:
            raise ConfigError(f"invalid {what} {item!r}: expected KEY=VALUE")
        if eq:
            out[key] = value
        elif key in environ:
            out[key] = environ[key]
    return out


def _mount(spec: str, cwd: str) -> Mount:
    from composer.loader.shortsyntax import ShortSyntaxError, parse_volume

    try:
        v = parse_volume(spec)
    except ShortSyntaxError as e:
        raise ConfigError(f"invalid volume -v {spec!r}: {e}") from None
    source = v.get("source")
    if v["type"] == "bind" and source:
        source = os.path.abspath(os.path.join(cwd, os.path.expanduser(source)))
    bind = v.get("bind") or {}
    return Mount(type=v["type"], target=v["target"], source=source,
                 read_only=bool(v.get("read_only")),
                 create_host_path=bool(bind.get("create_host_path")),
                 propagation=bind.get("propagation"), selinux=bind.get("selinux"),
                 nocopy=bool((v.get("volume") or {}).get("nocopy")))


def _ports(spec: str) -> list[PortMapping]:
    from composer.loader.shortsyntax import ShortSyntaxError, parse_port

    try:
        ports = parse_port(spec)
    except ShortSyntaxError as e:
        raise ConfigError(f"invalid port -p {spec!r}: {e}") from None
    return [PortMapping(target=int(p["target"]), published=p.get("published"),
                        host_ip=p.get("host_ip"), protocol=p.get("protocol", "tcp"))
            for p in ports]


def oneoff_service(service: Service, opts: RunOptions, environ: Mapping[str, str],
                   cwd: str) -> Service:
    env = dict(service.environment)
    env.update(env_pairs(opts.env, environ, "-e"))
    labels = dict(service.labels)
    labels.update(env_pairs(opts.labels, {}, "--label"))
    ports = list(service.ports) if opts.service_ports else []
    for p in opts.publish:
        ports.extend(_ports(p))
    changes: dict = dict(
        environment=env, labels=labels, ports=tuple(ports), restart=None, container_name=None,
        mounts=service.mounts + tuple(_mount(v, cwd) for v in opts.volumes),
        tty=opts.tty, stdin_open=opts.interactive)
    if opts.command:
        changes["command"] = tuple(opts.command)
    if opts.entrypoint is not None:
        changes["entrypoint"] = tuple(shlex.split(opts.entrypoint))
    if opts.user:
        changes["user"] = opts.user
    if opts.workdir:
        changes["working_dir"] = opts.workdir
    return dataclasses.replace(service, **changes)
