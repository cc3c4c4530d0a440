"""The loader: compose files and env files in, a canonical project and a typed model out.

    options → environment (.env, --env-file, process env) → files (-f, COMPOSE_FILE,
    discovery) → per file: parse with positions → interpolate → validate → resolve paths
    → include → extends → merge files → profiles → project name → normalise → model
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Mapping

from composer.errors import ConfigError, ConfigErrors, Location
from composer.loader.discovery import discover
from composer.loader.environment import Environment, build_environment, display_path
from composer.loader.environments import select as select_environment
from composer.loader.extends import resolve_extends
from composer.loader.include import resolve_includes
from composer.loader.locator import Locator
from composer.loader.merge import merge_files, strip_tags
from composer.loader.normalize import check_references, normalize_project
from composer.loader.options import LoadOptions
from composer.loader.paths import resolve_paths
from composer.loader.profiles import apply_profiles, active_profiles
from composer.loader.projectname import project_name
from composer.loader.substitute import substitute
from composer.loader.yamlread import YamlDoc, read_yaml

__all__ = ["LoadOptions", "Loaded", "load"]


@dataclass(slots=True)
class Loaded:
    """What the loader produced: the canonical dict, the model and what it noticed."""

    canonical: dict
    project: Any                       # composer.model.Project
    environment: Environment
    config_files: tuple[str, ...]
    project_dir: str
    warnings: list[str] = field(default_factory=list)
    all_services: tuple[str, ...] = ()  # before profiles, for `config --profiles`
    profiles: tuple[str, ...] = ()


class _Session:
    """State of one load: warnings, positions, the options."""

    def __init__(self, opts: LoadOptions):
        self.opts = opts
        self.warnings: list[str] = []
        self.locator = Locator()

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def shown(self, path: str) -> str:
        return "-" if path == "-" else display_path(path, self.opts.cwd)

    # -- one file ------------------------------------------------------------------------

    def read_file(self, path: str, base_dir: str, environ: Mapping[str, str],
                  register: bool = True) -> tuple[dict, YamlDoc]:
        if path == "-":
            raw: bytes | str = self.opts.stdin or ""
        else:
            try:
                with open(path, "rb") as f:
                    raw = f.read()
            except OSError as e:
                raise ConfigError(f"cannot read file: {e.strerror}",
                                  Location(self.shown(path))) from None
        doc = read_yaml(raw, self.shown(path))
        if register:
            self.locator.add(doc)
        if doc.data is None or not isinstance(doc.data, dict):
            what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
            raise ConfigError(f"top-level object must be a mapping, the file is {what}",
                              doc.locate(()))
        data = doc.data
        if self.opts.interpolate:
            data = substitute(doc, environ.get, self.warn)
        if "version" in data:
            self.warn(f"{self.shown(path)}: the attribute `version` is obsolete, it will be "
                      "ignored, please remove it to avoid potential confusion")
        _validate(strip_tags(data), doc)
        if self.opts.resolve_paths:
            data = resolve_paths(data, base_dir, environ)
        return data, doc

    # -- a set of files (the project, or an included one) --------------------------------

    def load_files(self, paths: list[str], project_dir: str,
                   environ: Mapping[str, str]) -> dict:
        merged: dict = {}
        for path in paths:
            data, doc = self.read_file(path, project_dir, environ)
            here = os.path.dirname(path) if path != "-" else project_dir
            data = resolve_includes(data, here, environ, self.locator,
                                    self.load_files, self.opts.cwd)
            data = resolve_extends(data, path, self.locator,
                                   lambda p: self.read_file(p, os.path.dirname(p), environ))
            merged = merge_files(merged, data) if merged else strip_tags(data)
        return merged


def _validate(data: dict, doc: YamlDoc) -> None:
    from composer.loader.validate import validate

    errors = validate(data, doc.locate)
    if errors:
        raise ConfigErrors(errors)


def load(opts: LoadOptions) -> Loaded:
    opts, env_warnings = select_environment(opts)   # --env NAME → explicit files
    s = _Session(opts)
    for w in env_warnings:
        s.warn(w)
    environ = dict(opts.environ)
    files = list(opts.files)
    if not files and environ.get("COMPOSE_FILE"):
        files = _split_files(environ["COMPOSE_FILE"], environ)
    first_dir = (os.path.abspath(os.path.join(opts.cwd, opts.project_directory))
                 if opts.project_directory else
                 os.path.dirname(os.path.abspath(os.path.join(opts.cwd, files[0])))
                 if files and files[0] != "-" else opts.cwd)
    env = _environment(opts, environ, first_dir)
    if not files and env.get("COMPOSE_FILE"):
        files = [os.path.join(first_dir, f) for f in _split_files(env.get("COMPOSE_FILE"), env.values)]
    found = discover(files, opts.cwd, opts.project_directory)
    for w in found.warnings:
        s.warn(w)
    if found.project_dir != first_dir and opts.env_files is None:
        env = _environment(opts, environ, found.project_dir)
    data = s.load_files(list(found.files), found.project_dir, env.values)

    all_services = tuple(sorted((data.get("services") or {}).keys()))
    profiles = active_profiles(opts.profiles, env, opts.services, data)
    data = apply_profiles(data, profiles, s.locator)
    name = project_name(opts.project_name, env, data, found.project_dir, s.locator)
    canonical = normalize_project(data, name, s.locator, env.lookup)
    errors = check_references(canonical, s.locator)
    if errors:
        raise ConfigErrors(errors)
    from composer.loader.build import build_project

    project = build_project(canonical, working_dir=found.project_dir,
                            config_files=found.files, environment=env.values)
    return Loaded(canonical, project, env, found.files, found.project_dir, s.warnings,
                  all_services, profiles)


def _split_files(value: str, environ: Mapping[str, str]) -> list[str]:
    sep = environ.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
    return [f for f in value.split(sep) if f]


def _environment(opts: LoadOptions, environ: dict, project_dir: str) -> Environment:
    if opts.env_files is not None:
        paths = [os.path.join(opts.cwd, p) for p in opts.env_files]
        explicit = True
    elif environ.get("COMPOSE_ENV_FILES"):
        paths = [os.path.join(opts.cwd, p) for p in environ["COMPOSE_ENV_FILES"].split(",") if p]
        explicit = True
    else:
        paths = [os.path.join(project_dir, ".env")]
        explicit = False
    return build_environment(paths, environ, explicit=explicit, cwd=opts.cwd)


def warn_to_stderr(warnings: list[str]) -> None:
    for w in warnings:
        print(f"WARN[0000] {w}", file=sys.stderr)
