"""The config hash of a service: what decides whether its containers must be recreated.

It is computed from the service's canonical config, leaving out what must not force a
recreate (build, pull_policy, scale and replicas, depends_on, profiles), plus the content
of the files and values behind its secrets and configs, so that changing a secret file
recreates the services that use it.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from composer.model import Project, Service

EXCLUDED = ("build", "pull_policy", "scale", "depends_on", "profiles")


def hashed_spec(service: Service) -> dict[str, Any]:
    spec = {k: v for k, v in service.spec.items() if k not in EXCLUDED}
    deploy = spec.get("deploy")
    if isinstance(deploy, dict) and "replicas" in deploy:
        spec["deploy"] = {k: v for k, v in deploy.items() if k != "replicas"}
    return spec


def _source_digest(project: Project, kind: str, key: str) -> str:
    source = (project.secrets if kind == "secrets" else project.configs).get(key)
    if source is None:
        return ""
    h = hashlib.sha256()
    if source.file:
        try:
            with open(source.file, "rb") as f:
                h.update(f.read())
        except OSError:
            h.update(b"<missing>")
    elif source.environment:
        h.update(project.environment.get(source.environment, "").encode())
    elif source.content is not None:
        h.update(source.content.encode())
    else:
        h.update(source.name.encode())
    return h.hexdigest()


def config_hash(project: Project, service: Service) -> str:
    payload: dict[str, Any] = {"service": hashed_spec(service)}
    refs = {}
    for kind, items in (("secrets", service.secrets), ("configs", service.configs)):
        for ref in items:
            refs[f"{kind}/{ref.source}"] = _source_digest(project, kind, ref.source)
    if refs:
        payload["content"] = refs
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def spec_label(service: Service) -> str:
    """The hashed spec as compact JSON, kept on the container to explain later changes."""
    return json.dumps(hashed_spec(service), sort_keys=True, separators=(",", ":"), default=str)


def diff_paths(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Key paths where two canonical configs differ: `environment.FOO`, `ports[0]`."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for k in sorted(set(old) | set(new), key=str):
            path = f"{prefix}.{k}" if prefix else str(k)
            if k not in old or k not in new:
                out.append(path)
            else:
                out.extend(diff_paths(old[k], new[k], path))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for i, (a, b) in enumerate(zip(old, new)):
            out.extend(diff_paths(a, b, f"{prefix}[{i}]"))
        return out
    return [] if old == new else [prefix or "(root)"]


def describe_change(old_label: str | None, service: Service) -> str:
    if not old_label:
        return "config hash changed"
    try:
        old = json.loads(old_label)
    except ValueError:
        return "config hash changed"
    new = json.loads(spec_label(service))
    paths = diff_paths(old, new)
    if not paths:
        return "content of a secret or config changed"
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    return f"{shown} changed"
