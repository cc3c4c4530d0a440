"""What a load starts from: the interpolation environment, the files, the project folder.

As docker compose does it, in this order:
  1. the working folder: --project-directory, else the folder of the first -f file,
     else the current folder;
  2. its `.env` (or the --env-file files, later ones winning) adds the variables the
     process environment does not set; PWD is the current folder unless set;
  3. no -f: COMPOSE_FILE (from either) names the files, relative to the current folder,
     split on COMPOSE_PATH_SEPARATOR; still none: compose.yaml & co. are searched for
     from the working folder up, with their override file;
  4. when the files moved the project folder, its own `.env` adds what is still unset.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from composer.errors import ConfigError
from composer.loader.discovery import discover
from composer.loader.environment import Environment, load_env_files
from composer.loader.options import LoadOptions


@dataclass(frozen=True, slots=True)
class Inputs:
    environment: Environment
    files: tuple[str, ...]        # absolute paths, "-" for stdin
    project_dir: str
    warnings: tuple[str, ...] = ()


def resolve_inputs(opts: LoadOptions) -> Inputs:
    environ = dict(opts.environ)
    environ.setdefault("PWD", opts.cwd)
    files = list(opts.files)
    first_dir = _working_dir(opts, files)
    values, read = _read_env(opts, environ, first_dir, files)
    if not files and values.get("COMPOSE_FILE"):
        files = [os.path.join(opts.cwd, f) for f in split_files(values["COMPOSE_FILE"], values)]
    found = discover(files, opts.cwd, opts.project_directory)
    if found.project_dir != first_dir and opts.env_files is None:
        values, more = _read_env(opts, values, found.project_dir, list(found.files))
        read = read + more
    return Inputs(Environment(values, tuple(read)), found.files, found.project_dir,
                  found.warnings)


def _working_dir(opts: LoadOptions, files: list[str]) -> str:
    if opts.project_directory:
        return os.path.abspath(os.path.join(opts.cwd, opts.project_directory))
    for f in files:
        if f != "-":
            return os.path.dirname(os.path.abspath(os.path.join(opts.cwd, f)))
    return opts.cwd


def _read_env(opts: LoadOptions, environ: Mapping[str, str], folder: str,
              files: list[str]) -> tuple[dict[str, str], list[str]]:
    try:
        return _add_env_files(opts, environ, folder)
    except ConfigError as e:
        if not files or e.hint:
            raise
        names = ", ".join("stdin" if f == "-" else os.path.basename(f) for f in files)
        raise ConfigError(e.message, e.location,
                          hint=f"it sets the variables of {names}") from None


def _add_env_files(opts: LoadOptions, environ: Mapping[str, str],
                   folder: str) -> tuple[dict[str, str], list[str]]:
    """`environ` plus what the env files set that it does not."""
    if opts.env_files is not None:
        paths = [os.path.join(opts.cwd, p) for p in opts.env_files]
        explicit = True
    elif environ.get("COMPOSE_ENV_FILES"):
        paths = [os.path.join(opts.cwd, p) for p in environ["COMPOSE_ENV_FILES"].split(",") if p]
        explicit = True
    else:
        paths = [os.path.join(folder, ".env")]
        explicit = False
    from_files, read = load_env_files(paths, environ, required=explicit, cwd=opts.cwd)
    values = dict(from_files)
    values.update(environ)
    return values, read


def split_files(value: str, environ: Mapping[str, str]) -> list[str]:
    sep = environ.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
    return [f for f in value.split(sep) if f]
