"""The interpolation environment: the process environment over the project's env files.

docker compose reads `.env` from the project directory (or the `--env-file` files, later
ones winning) and lets the process environment override what they say. `COMPOSE_*`
variables may come from either.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from composer import readlog
from composer.errors import ConfigError, Location
from composer.loader.dotenv import DotenvError, read_dotenv


@dataclass(frozen=True, slots=True)
class Environment:
    values: Mapping[str, str]          # what interpolation sees
    files: tuple[str, ...]             # the env files that were read

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.values.get(name, default)

    def lookup(self, name: str) -> str | None:
        return self.values.get(name)

    def with_defaults(self, defaults: Mapping[str, str]) -> "Environment":
        """These variables too, where not set already."""
        return Environment({**defaults, **self.values}, self.files)


def display_path(path: str, cwd: str) -> str:
    """A path as the user will recognise it: relative to cwd when below it."""
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def load_env_files(paths: list[str], environ: Mapping[str, str], *, required: bool,
                   cwd: str) -> tuple[dict[str, str], list[str]]:
    """Read env files in order (later wins); the process environment wins over all."""
    merged: dict[str, str] = {}
    read: list[str] = []
    for path in paths:
        if not readlog.exists(path):
            if required:
                raise ConfigError(f"couldn't find env file: {path}")
            continue
        if readlog.isdir(path):
            if required:
                raise ConfigError(f"{path} is a directory, not an env file")
            continue

        def lookup(name: str, _m=merged) -> str | None:
            if name in environ:
                return environ[name]
            return _m.get(name)

        try:
            merged.update(read_dotenv(path, lookup))
        except DotenvError as e:
            shown = display_path(path, cwd)
            raise ConfigError(f"failed to read env file: {e.message}",
                              Location(shown, e.line)) from None
        read.append(path)
    return merged, read


def build_environment(env_files: list[str], environ: Mapping[str, str], *, explicit: bool,
                      cwd: str) -> Environment:
    from_files, read = load_env_files(env_files, environ, required=explicit, cwd=cwd)
    values = dict(from_files)
    values.update(environ)
    return Environment(values, tuple(read))
