"""What decides whether a service's containers must be recreated, and how to say why.

Two labels on each container carry it:

- `com.docker.compose.config-hash`: the SHA-256 of the service's canonical config,
  leaving out what must not force a recreate (build, pull_policy, scale and
  deploy.replicas, depends_on, profiles, `x-` extensions), encoded as docker compose
  encodes it (composer/gojson.py), so both tools compute the same hash for the same
  service and neither recreates the other's containers.
- `io.composer.content`: a digest of the content behind each secret and config the
  service uses (file, environment variable or inline content), so that a changed secret
  file recreates the services that use it. docker compose does not hash these, which is
  why they live in a label of their own rather than in the shared hash.

`io.composer.spec` keeps the hashed config itself, so that a plan can name the key paths
that changed (`environment.FOO`) instead of only saying that a hash differs.

Like docker compose, the hash is taken with references to other services resolved to the
container they name (`network_mode: service:vpn` → `container:<id of vpn's container>`,
`volumes_from: [data]` → `<id>`), so a service sharing a recreated container's namespace
gets a new hash too.
"""
from __future__ import annotations

import json
from typing import Any, Mapping

from composer import readlog
from composer.digests import sha256
from composer.gojson import encode
from composer.model import Project, Service

EXCLUDED = ("build", "pull_policy", "scale", "depends_on", "profiles")


def hashed_spec(service: Service) -> dict[str, Any]:
    spec = {k: v for k, v in service.spec.items()
            if k not in EXCLUDED and not str(k).startswith("x-")}
    deploy = spec.get("deploy")
    if isinstance(deploy, Mapping) and "replicas" in deploy:
        spec["deploy"] = {k: v for k, v in deploy.items() if k != "replicas"}
    return spec


_NAMESPACES = ("network_mode", "ipc", "pid")


def references(service: Service) -> list[str]:
    """The services whose container this one's config names (namespaces, volumes_from)."""
    out = []
    for key in _NAMESPACES:
        value = service.spec.get(key)
        if isinstance(value, str) and value.startswith("service:"):
            out.append(value[len("service:"):])
    for entry in service.spec.get("volumes_from") or ():
        if isinstance(entry, str) and not entry.startswith("container:"):
            out.append(entry.split(":", 1)[0])
    return sorted(set(out))


def resolved_spec(service: Service, ids: Mapping[str, str]) -> dict[str, Any]:
    """The hashed spec with `service:x` references replaced by x's container id."""
    spec = hashed_spec(service)
    for key in _NAMESPACES:
        value = spec.get(key)
        if isinstance(value, str) and value.startswith("service:") and value[8:] in ids:
            spec[key] = "container:" + ids[value[8:]]
    if spec.get("volumes_from"):
        spec["volumes_from"] = [  # the access mode is dropped, as docker compose does
            ids.get(e.split(":", 1)[0], e) if not e.startswith("container:") else e
            for e in spec["volumes_from"]]
    return spec


def config_hash(project: Project | None, service: Service,
                ids: Mapping[str, str] | None = None) -> str:
    """The value of `com.docker.compose.config-hash` (the same docker compose computes);
    `ids` maps the services this one references to their containers' ids."""
    spec = resolved_spec(service, ids) if ids else hashed_spec(service)
    return sha256(encode(spec).encode()).hexdigest()


def _digest(project: Project, kind: str, key: str) -> str | None:
    source = (project.secrets if kind == "secrets" else project.configs).get(key)
    if source is None or source.external:
        return None
    h = sha256()
    if source.file:
        try:
            h.update(readlog.read_bytes(source.file))
        except OSError as e:
            h.update(f"<unreadable: {e.strerror}>".encode())
    elif source.environment:
        h.update(project.environment.get(source.environment, "").encode())
    elif source.content is not None:
        h.update(source.content.encode())
    else:
        return None
    return h.hexdigest()


def content_digests(project: Project, service: Service) -> dict[str, str]:
    """`secrets.KEY` / `configs.KEY` → digest of what the service would get mounted."""
    out = {}
    for kind, refs in (("secrets", service.secrets), ("configs", service.configs)):
        for ref in refs:
            digest = _digest(project, kind, ref.source)
            if digest is not None:
                out[f"{kind}.{ref.source}"] = digest
    return out


def content_label(project: Project, service: Service) -> str | None:
    """The value of `io.composer.content`, or None for a service without secrets/configs."""
    digests = content_digests(project, service)
    return json.dumps(digests, sort_keys=True, separators=(",", ":")) if digests else None


def spec_label(service: Service) -> str:
    """The hashed spec as compact JSON, kept on the container to explain later changes."""
    return json.dumps(hashed_spec(service), sort_keys=True, separators=(",", ":"), default=str)


def diff_paths(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Key paths where two canonical configs differ: `environment.FOO`, `ports[0]`."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out = []
        for k in sorted(set(old) | set(new), key=str):
            path = f"{prefix}.{k}" if prefix else str(k)
            if k not in old or k not in new:
                out.append(path)
            else:
                out.extend(diff_paths(old[k], new[k], path))
        return out
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)) \
            and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new)):
            out.extend(diff_paths(a, b, f"{prefix}[{i}]"))
        return out
    return [] if old == new else [prefix or "(root)"]


def _shown(paths: list[str]) -> str:
    return ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")


def describe_change(old_label: str | None, service: Service,
                    same: str = "content of a secret or config changed") -> str:
    """Why the config hash differs: `environment.FOO changed`; `same` when the recorded
    config shows no difference."""
    if not old_label:
        return "config hash changed (the container carries no record of its config)"
    try:
        old = json.loads(old_label)
    except ValueError:
        return "config hash changed"
    paths = diff_paths(old, json.loads(spec_label(service)))
    return f"{_shown(paths)} changed" if paths else same


def describe_content_change(old_label: str, new_label: str | None) -> str:
    """Why the content label differs: `content of secrets.token changed`."""
    try:
        old = json.loads(old_label) if old_label else {}
    except ValueError:
        old = {}
    new = json.loads(new_label) if new_label else {}
    paths = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return f"content of {_shown(paths)} changed" if paths else "content changed"

