"""Environments: `--env NAME` (or COMPOSER_ENV) layers compose.NAME.yaml and .env.NAME.

An environment is a name that has an overlay compose file (`compose.NAME.yaml`,
`compose.NAME.yml`, `docker-compose.NAME.yaml`, `docker-compose.NAME.yml`) or an env file
(`.env.NAME`) beside the project's base compose file. `base` is the environment with no
overlay. Choosing one turns the options into what docker compose would be given by hand:

    -f compose.yaml -f compose.NAME.yaml [-f …]
    --env-file .env --env-file .env.NAME [--env-file …]

Missing files of the pair are left out; explicit `-f` / `--env-file` come after the
environment's; `compose.override.yaml`, COMPOSE_FILE and COMPOSE_ENV_FILES are not used.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from composer import readlog
from composer.errors import ConfigError
from composer.loader.discovery import DEFAULT_NAMES
from composer.loader.options import LoadOptions

BASE = "base"
RESERVED = (BASE, "override")       # names that never denote an overlay

_OVERLAY = re.compile(r"^(compose|docker-compose)\.([^.]+)\.(yaml|yml)$")
_ENV_FILE = re.compile(r"^\.env\.([^.]+)$")


@dataclass(frozen=True, slots=True)
class EnvironmentFiles:
    """The files one environment loads, in order (absolute paths)."""

    name: str
    compose_files: tuple[str, ...]
    env_files: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def base_file(folder: str) -> str | None:
    """The folder's compose file, chosen as docker compose chooses it."""
    for name in DEFAULT_NAMES:
        path = os.path.join(folder, name)
        if readlog.isfile(path):
            return path
    return None


def project_folder(start: str) -> tuple[str, str]:
    """The nearest folder from `start` upwards with a compose file, and that file."""
    folder = os.path.abspath(start)
    while True:
        found = base_file(folder)
        if found:
            return folder, found
        parent = os.path.dirname(folder)
        if parent == folder:
            raise ConfigError("no configuration file provided: not found (looked for "
                              + ", ".join(DEFAULT_NAMES) + f" in {start} and its parents)")
        folder = parent


def names(folder: str) -> list[str]:
    """The environments found in `folder`, sorted; `base` first."""
    found: set[str] = set()
    for entry in readlog.listdir(folder):
        m = _OVERLAY.match(entry) or _ENV_FILE.match(entry)
        if m and readlog.isfile(os.path.join(folder, entry)):
            found.add(m.group(2) if m.re is _OVERLAY else m.group(1))
    return [BASE] + sorted(found - set(RESERVED))


def environment_files(folder: str, name: str) -> EnvironmentFiles:
    """The files of environment `name` in `folder`; an unknown name is a ConfigError."""
    base = base_file(folder)
    if base is None:
        raise ConfigError(f"environment {name!r}: no compose file in {folder} (looked for "
                          + ", ".join(DEFAULT_NAMES) + ")")
    known = names(folder)
    if name not in known:
        raise ConfigError(f"unknown environment {name!r}; known environments: "
                          + ", ".join(known),
                          hint=f"an environment NAME has compose.NAME.yaml or .env.NAME "
                               f"in {folder}")
    env_files = [os.path.join(folder, ".env")]
    compose = [base]
    warnings: list[str] = []
    if name != BASE:
        overlays = _overlays(folder, base, name)
        if len(overlays) > 1:
            warnings.append(f"Found multiple files for environment {name}: "
                            + ", ".join(overlays))
            warnings.append(f"Using {overlays[0]}")
        compose += overlays[:1]
        env_files.append(os.path.join(folder, f".env.{name}"))
    return EnvironmentFiles(name, tuple(compose),
                            tuple(p for p in env_files if readlog.isfile(p)), tuple(warnings))


def _overlays(folder: str, base: str, name: str) -> list[str]:
    """compose.NAME.yaml and its variants that exist; the base file's own spelling first."""
    stem, ext = os.path.splitext(os.path.basename(base))
    spellings = [f"{stem}.{name}{ext}"] + [
        f"{s}.{name}{e}" for s, e in map(os.path.splitext, DEFAULT_NAMES)]
    out = [os.path.join(folder, f) for f in dict.fromkeys(spellings)]
    return [p for p in out if readlog.isfile(p)]


def select(opts: LoadOptions) -> tuple[LoadOptions, list[str]]:
    """Options with the chosen environment's files made explicit, and warnings."""
    if not opts.env_name:
        return opts, []
    start = os.path.join(opts.cwd, opts.project_directory or "")
    try:
        folder, _ = project_folder(start)
    except ConfigError as e:
        raise ConfigError(f"environment {opts.env_name!r} (--env / COMPOSER_ENV): "
                          f"{e.message}") from None
    env = environment_files(folder, opts.env_name)
    warnings = list(env.warnings)
    for var in ("COMPOSE_FILE", "COMPOSE_ENV_FILES"):
        if opts.environ.get(var):
            warnings.append(f"{var} is ignored when an environment is chosen "
                            f"(--env {opts.env_name}); use -f / --env-file to add files")
    files = _after(env.compose_files, opts.files, opts.cwd)
    env_files = _after(env.env_files, opts.env_files or (), opts.cwd)
    return replace(opts, files=files, env_files=env_files), warnings


def _after(first: tuple[str, ...], extra: tuple[str, ...], cwd: str) -> tuple[str, ...]:
    """`first`, then the explicit `extra` paths that are not already among them."""
    seen = {readlog.realpath(os.path.join(cwd, p)) for p in first}
    out = list(first)
    for p in extra:
        if p != "-" and readlog.realpath(os.path.join(cwd, p)) in seen:
            continue
        out.append(p)
    return tuple(out)
