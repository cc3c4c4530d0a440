"""`include`: other compose projects brought in whole, each from its own folder.

An included file's relative paths resolve against its own folder (or its
`project_directory`); its `.env` (or `env_file`) adds variables the including project does
not already define. Its resources join the project; a name defined twice is an error.
"""
from __future__ import annotations

import os
from typing import Callable, Mapping

from composer import readlog
from composer.errors import ConfigError
from composer.loader.environment import load_env_files
from composer.loader.locator import Locator

# load_files(paths, project_dir, environ) -> merged data of those files
LoadFiles = Callable[[list[str], str, Mapping[str, str]], dict]


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def resolve_includes(data: dict, base_dir: str, environ: Mapping[str, str], locator: Locator,
                     load_files: LoadFiles, cwd: str) -> dict:
    entries = data.get("include")
    if not entries:
        return data
    out = {k: v for k, v in data.items() if k != "include"}
    for i, entry in enumerate(_as_list(entries)):
        spec = {"path": entry} if isinstance(entry, str) else dict(entry or {})
        paths = [os.path.normpath(os.path.join(base_dir, p)) for p in _as_list(spec.get("path"))]
        if not paths:
            raise ConfigError("include entry has no path", locator.locate(("include", i)))
        for p in paths:
            if not readlog.isfile(p):
                if spec.get("required", True) is False:
                    paths = []
                    break
                raise ConfigError(f"included file {p} not found",
                                  locator.locate(("include", i)))
        if not paths:
            continue
        project_dir = os.path.normpath(os.path.join(base_dir, spec["project_directory"])) \
            if spec.get("project_directory") else os.path.dirname(paths[0])
        env_files = [os.path.normpath(os.path.join(base_dir, p))
                     for p in _as_list(spec.get("env_file"))]
        explicit = bool(env_files)
        if not env_files:
            env_files = [os.path.join(project_dir, ".env")]
        extra, _ = load_env_files(env_files, environ, required=explicit, cwd=cwd)
        sub_env = {**extra, **environ}
        included = load_files(paths, project_dir, sub_env)
        _join(out, included, locator, ("include", i))
    return out


def _join(out: dict, included: dict, locator: Locator, where: tuple) -> None:
    for kind in ("services", "networks", "volumes", "secrets", "configs"):
        theirs = included.get(kind) or {}
        if not theirs:
            continue
        mine = dict(out.get(kind) or {})
        for name, spec in theirs.items():
            if name in mine and mine[name] != spec:
                raise ConfigError(f"{kind[:-1]} \"{name}\" is defined both in this file and "
                                  "in an included file",
                                  locator.locate((kind, name)))
            mine[name] = spec
        out[kind] = mine
