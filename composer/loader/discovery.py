"""Which compose files make up the project, and which folder is its project directory."""
from __future__ import annotations

import os
from dataclasses import dataclass

from composer import readlog
from composer.errors import ConfigError

DEFAULT_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
OVERRIDE_NAMES = ("compose.override.yaml", "compose.override.yml",
                  "docker-compose.override.yaml", "docker-compose.override.yml")


@dataclass(frozen=True, slots=True)
class Discovered:
    files: tuple[str, ...]       # absolute paths ("-" for stdin)
    project_dir: str             # absolute
    warnings: tuple[str, ...] = ()


def find_default_files(start: str) -> tuple[list[str], list[str]]:
    """Search `start` and its parents for a compose file; add its override file."""
    warnings: list[str] = []
    folder = os.path.abspath(start)
    while True:
        found = [os.path.join(folder, n) for n in DEFAULT_NAMES
                 if readlog.isfile(os.path.join(folder, n))]
        if found:
            if len(found) > 1:
                warnings.append("Found multiple config files with supported names: "
                                + ", ".join(found))
                warnings.append(f"Using {found[0]}")
            files = [found[0]]
            overrides = [os.path.join(folder, n) for n in OVERRIDE_NAMES
                         if readlog.isfile(os.path.join(folder, n))]
            if overrides:
                if len(overrides) > 1:
                    warnings.append("Found multiple override files with supported names: "
                                    + ", ".join(overrides))
                    warnings.append(f"Using {overrides[0]}")
                files.append(overrides[0])
            return files, warnings
        parent = os.path.dirname(folder)
        if parent == folder:
            return [], warnings
        folder = parent


def env_files_for(name: str, project_dir: str) -> list[str]:
    """Files of a composer environment (`--env NAME`): base then `.NAME` variant."""
    out = []
    for base in DEFAULT_NAMES:
        stem, ext = os.path.splitext(base)
        path = os.path.join(project_dir, f"{stem}.{name}{ext}")
        if readlog.isfile(path):
            out.append(path)
    return out


def discover(files: list[str], cwd: str, project_directory: str | None) -> Discovered:
    """Resolve `-f` files (or find the defaults) and the project directory."""
    if files:
        absolute = [f if f == "-" else os.path.abspath(os.path.join(cwd, f)) for f in files]
        for f in absolute:
            if f != "-" and not readlog.isfile(f):
                shown = os.path.relpath(f, cwd) if f.startswith(cwd) else f
                raise ConfigError(f"open {shown}: no such file or directory")
        named = [f for f in absolute if f != "-"]
        if project_directory:
            pdir = os.path.abspath(os.path.join(cwd, project_directory))
        elif named:     # the first file read from a path, stdin coming first or not
            pdir = os.path.dirname(named[0])
        else:
            pdir = cwd
        return Discovered(tuple(absolute), pdir)
    start = os.path.abspath(os.path.join(cwd, project_directory)) if project_directory else cwd
    found, warnings = find_default_files(start)
    if not found:
        raise ConfigError("no configuration file provided: not found (looked for "
                          + ", ".join(DEFAULT_NAMES) + f" in {start} and its parents)")
    pdir = start if project_directory else os.path.dirname(found[0])
    return Discovered(tuple(found), pdir, tuple(warnings))
