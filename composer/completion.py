"""Shell completion of service names: read the project's files cheaply (YAML only).

Completion runs on every <Tab>, so this neither validates nor interpolates: it finds the
files as the loader would (-f, COMPOSE_FILE, or compose.yaml in the folder or a parent)
and lists the keys under `services:`.
"""
from __future__ import annotations

import os
from typing import Iterable, Mapping


def service_names(files: Iterable[str] = (), project_directory: str | None = None,
                  cwd: str | None = None, environ: Mapping[str, str] | None = None) -> list[str]:
    from composer.loader.discovery import find_default_files

    cwd = cwd or os.getcwd()
    environ = os.environ if environ is None else environ
    paths = [f for f in files if f != "-"]
    if not paths and environ.get("COMPOSE_FILE"):
        sep = environ.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
        paths = [f for f in environ["COMPOSE_FILE"].split(sep) if f]
    if not paths:
        start = os.path.join(cwd, project_directory) if project_directory else cwd
        paths, _ = find_default_files(start)
    names: dict[str, None] = {}
    for path in paths:
        for name in _services_in(os.path.join(cwd, path)):
            names[name] = None
    return sorted(names)


def _services_in(path: str) -> list[str]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=loader)
    except (OSError, yaml.YAMLError):
        return []
    services = data.get("services") if isinstance(data, dict) else None
    return [str(k) for k in services] if isinstance(services, dict) else []


def complete_services(ctx, incomplete: str) -> list[str]:
    """typer autocompletion callback for service arguments."""
    root = ctx.find_root() if ctx is not None else None
    params = (root.params if root is not None else None) or {}
    try:
        names = service_names(params.get("file") or (), params.get("project_directory"))
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []
    already = set(ctx.params.get("services") or ()) if ctx is not None else set()
    return [n for n in names if n.startswith(incomplete) and n not in already]
