"""The loader: compose files and env files in, a canonical project and a typed model out.

    options → inputs (.env, COMPOSE_FILE, discovery) → per file: parse → interpolate →
    validate → resolve paths → include → extends → merge files → profiles → project
    name → normalise → checks → model

Problems are collected, not raised one by one: every file is read even when an earlier
one is wrong, every service is normalised even when another one fails, and the user gets
one list sorted by position. A stage that needs a sound input runs only when the stages
before it found nothing.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Mapping

from composer.errors import ConfigError, ConfigErrors, Location
from composer.loader.environment import Environment, display_path
from composer.loader.extends import resolve_extends
from composer.loader.include import resolve_includes
from composer.loader.inputs import resolve_inputs
from composer.loader.locator import Locator
from composer.loader.merge import merge_files, strip_tags
from composer.loader.options import LoadOptions
from composer.loader.paths import resolve_paths
from composer.loader.profiles import active_profiles, apply_profiles
from composer.loader.projectname import project_name
from composer.loader.substitute import substitute
from composer.loader.yamlread import YamlDoc, read_yaml_docs

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
    locate: Any = None                 # KeyPath -> Location, for later stages' errors
    all_profiles: tuple[str, ...] = ()  # every profile a service names


class _Session:
    """State of one load: warnings, collected errors, positions, the options."""

    def __init__(self, opts: LoadOptions):
        self.opts = opts
        self.warnings: list[str] = []
        self.errors: list[ConfigError] = []
        self.locator = Locator()
        self._parsed: dict[str, list[YamlDoc]] = {}

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def shown(self, path: str) -> str:
        return "-" if path == "-" else display_path(path, self.opts.cwd)

    def report(self, errors: list[ConfigError]) -> None:
        """Problems that do not stop the load: later stages go on, to find the others."""
        seen = {_place(e) for e in self.errors}
        for e in _flat(errors):
            if _place(e) not in seen:  # one problem per place: the first stage's word
                seen.add(_place(e))
                self.errors.append(e)

    def check(self) -> None:
        """Stop here if anything went wrong so far."""
        if self.errors:
            errors, self.errors = self.errors, []
            raise ConfigErrors(errors)

    def fail(self, error: ConfigError) -> None:
        """A problem that stops the load: raise it with everything found so far."""
        self.report([error])
        self.check()

    # -- one file ------------------------------------------------------------------------

    def parse(self, path: str) -> list[YamlDoc]:
        """The documents of a file, parsed once per load."""
        if path not in self._parsed:
            self._parsed[path] = read_yaml_docs(self._raw(path), self.shown(path))
        return self._parsed[path]

    def read_file(self, path: str, base_dir: str, environ: Mapping[str, str],
                  register: bool = True, override: bool = False) -> tuple[dict, YamlDoc]:
        """One file, every document merged, interpolated, validated, paths resolved."""
        docs = self.parse(path)
        data: dict | None = None
        problems: list[ConfigError] = []
        for doc in docs:
            if register:
                self.locator.add(doc)
            try:
                one = self._document(doc, path, base_dir, environ,
                                     override or doc.index > 0)
            except ConfigError as e:
                problems.append(e)
                continue
            data = one if data is None else merge_files(data, one)
        if problems:
            raise ConfigErrors(problems)
        return data or {}, docs[0]

    def _raw(self, path: str) -> bytes | str:
        if path == "-":
            return self.opts.stdin or ""
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError as e:
            raise ConfigError(f"cannot read file: {e.strerror}",
                              Location(self.shown(path))) from None

    def _document(self, doc: YamlDoc, path: str, base_dir: str,
                  environ: Mapping[str, str], override: bool) -> dict:
        if not isinstance(doc.data, dict):
            what = "empty" if doc.data is None else f"a {_kind(doc.data)}"
            raise ConfigError(f"top-level object must be a mapping, the file is {what}",
                              doc.locate(()))
        data = doc.data
        problems: list[ConfigError] = []
        if self.opts.interpolate:
            data = substitute(doc, environ.get, self.warn, problems)
        if "version" in data:
            self.warn(f"{self.shown(path)}: the attribute `version` is obsolete, it will be "
                      "ignored, please remove it to avoid potential confusion")
        plain = strip_tags(data) if doc.tagged else data
        if self.opts.interpolate:  # uninterpolated values are not typed yet
            problems += _validate(_unset_dropped(plain) if override else plain, doc.locate)
        if problems:
            if not _sound(data):  # later stages cannot work on it
                raise ConfigErrors(problems)
            self.report(problems)
        if self.opts.resolve_paths:
            data = resolve_paths(data, base_dir, environ)
        return data if doc.tagged else _Untagged(data)

    # -- a set of files (the project, or an included one) --------------------------------

    def load_files(self, paths: list[str], project_dir: str,
                   environ: Mapping[str, str]) -> dict:
        layers, errors = [], []
        for i, path in enumerate(paths):
            try:
                layers.append(self._load_one(path, project_dir, environ, i > 0))
            except ConfigError as e:
                errors.append(e)
        if errors:
            self.report(errors)
            self.check()
        merged: dict = {}
        for data in layers:
            if not merged:
                merged = dict(data) if isinstance(data, _Untagged) else strip_tags(data)
            else:
                merged = merge_files(merged, data)
        if len(layers) > 1 and self.opts.interpolate and not self.errors:
            # what merging made wrong, in what more than one file wrote
            self.report(_validate(_overlap(merged, layers), self.locator.locate))
        return dict(merged)

    def _load_one(self, path: str, project_dir: str, environ: Mapping[str, str],
                  override: bool) -> dict:
        data, doc = self.read_file(path, project_dir, environ, override=override)
        here = os.path.dirname(path) if path != "-" else project_dir
        data = resolve_includes(data, here, environ, self.locator, self.load_files,
                                self.opts.cwd)
        return resolve_extends(
            data, path, doc, self.locator,
            lambda p: self.read_file(p, os.path.dirname(p), environ, register=False))


class _Untagged(dict):
    """A file's data known to hold no !reset / !override: nothing to strip."""


def _overlap(merged: dict, layers: list[dict]) -> dict:
    """The merged document cut down to the items that more than one layer defines."""
    out: dict = {}
    for key, value in merged.items():
        if isinstance(value, dict) and key in ("services", "networks", "volumes", "secrets",
                                               "configs", "models"):
            counts: dict = {}
            for layer in layers:
                for name in (layer.get(key) or {}) if isinstance(layer.get(key), dict) else ():
                    counts[name] = counts.get(name, 0) + 1
            out[key] = {n: v for n, v in value.items() if counts.get(n, 0) > 1}
        else:
            out[key] = value
    return out


def _unset_dropped(data: dict) -> dict:
    """An override file as validated: a service key set to null changes nothing, so it is
    not checked here (the merged project is, when it matters)."""
    services = data.get("services")
    if not isinstance(services, dict):
        return data
    return {**data, "services": {
        name: {k: v for k, v in svc.items() if v is not None} if isinstance(svc, dict) else svc
        for name, svc in services.items()}}


def _kind(value: Any) -> str:
    return {"list": "list", "str": "string", "int": "number", "float": "number",
            "bool": "boolean"}.get(type(value).__name__, type(value).__name__)


def _validate(data: dict, locate) -> list[ConfigError]:
    from composer.loader.validate import validate

    return validate(data, locate)


def _sound(data: Any) -> bool:
    """Whether the stages after validation can work on `data` despite its problems: the
    sections and their items are mappings, so only values inside them are wrong."""
    if not isinstance(data, dict):
        return False
    for section in ("services", "networks", "volumes", "secrets", "configs", "models"):
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, dict) or not all(v is None or isinstance(v, dict)
                                                  for v in items.values()):
            return False
    include = data.get("include")
    return include is None or isinstance(include, list)


def _place(e: ConfigError) -> tuple:
    loc = e.location
    if loc.line is None:
        return (loc.file, loc.path, e.message)
    return (loc.file, loc.line, loc.col, loc.path.split("[")[0] if "[" in loc.path else loc.path)


def _flat(errors: list[ConfigError]) -> list[ConfigError]:
    out: list[ConfigError] = []
    for e in errors:
        out.extend(e.errors if isinstance(e, ConfigErrors) else [e])
    return out


def _early_name(s: _Session, opts: LoadOptions, env: Environment, inputs) -> str:
    """The project name, known before interpolation: ${COMPOSE_PROJECT_NAME} may use it.

    The `name:` of the files (the last one that has one) is interpolated on its own."""
    if opts.project_name or env.get("COMPOSE_PROJECT_NAME"):
        return project_name(opts.project_name, env, None, inputs.project_dir)
    named = None
    for path in inputs.files:
        try:
            docs = s.parse(path)
        except ConfigError:
            continue  # reported with the file's other problems
        for doc in docs:
            if isinstance(doc.data, dict) and doc.data.get("name") not in (None, ""):
                named = doc
    return project_name(None, env, named, inputs.project_dir,
                        interpolate=opts.interpolate)


def load(opts: LoadOptions) -> Loaded:
    s = _Session(opts)
    try:
        return _load(s, opts)
    except ConfigError:
        raise
    except Exception:
        if s.errors:  # a stage tripped on input already found wrong: report that
            raise ConfigErrors(s.errors) from None
        raise


def _load(s: _Session, opts: LoadOptions) -> Loaded:
    inputs = resolve_inputs(opts)
    for w in inputs.warnings:
        s.warn(w)
    env = inputs.environment
    name = _early_name(s, opts, env, inputs)
    env = env.with_defaults({"COMPOSE_PROJECT_NAME": name})
    data = s.load_files(list(inputs.files), inputs.project_dir, env.values)

    services = data.get("services") or {}
    all_services = tuple(sorted(services))
    every_profile = tuple(sorted({p for svc in services.values() if isinstance(svc, dict)
                                  for p in svc.get("profiles") or () if isinstance(p, str)}))
    profiles = active_profiles(opts.profiles, env, opts.services, data)
    try:
        data = apply_profiles(data, profiles, s.locator)
    except ConfigError as e:
        s.fail(e)
    if not opts.interpolate:
        from composer.loader.rawform import raw_form

        s.check()
        return Loaded(raw_form(data, name), None, env, inputs.files, inputs.project_dir,
                      s.warnings, all_services, profiles, s.locator, every_profile)

    canonical = _canonical(s, data, name, env)
    from composer.loader.build import build_project

    project = build_project(canonical, working_dir=inputs.project_dir,
                            config_files=inputs.files, environment=env.values)
    return Loaded(canonical, project, env, inputs.files, inputs.project_dir, s.warnings,
                  all_services, profiles, s.locator, every_profile)


def _canonical(s: _Session, data: dict, name: str, env: Environment) -> dict:
    """Normalise and check; raise every problem found since the first file, if any."""
    from composer.loader.checks import check_project, run_conflicts
    from composer.loader.normalize import normalize_project

    tolerant = bool(s.errors)  # values may be of any type: skip what cannot be read
    problems: list[ConfigError] = []
    canonical = normalize_project(data, name, s.locator, env.lookup, problems, s.warn,
                                  tolerant=tolerant)
    s.report(problems)
    try:
        s.report(check_project(canonical, s.locator, data))
        conflicts = run_conflicts(data, canonical, s.locator)
    except Exception:  # noqa: BLE001 - only on input already reported as wrong
        if not s.errors:
            raise
        conflicts = []
    if s.opts.strict:
        s.report(conflicts)
    else:
        for c in conflicts:
            s.warn(c.render())
    if s.errors:
        s.report(_dependency_problems(canonical, s.locator))
        s.check()
    return canonical


def _dependency_problems(canonical: dict, locate) -> list[ConfigError]:
    """Bad references between services, found by the graph, to report them with the
    rest (alone, they are reported when the graph is built)."""
    try:
        from types import SimpleNamespace

        from composer.graph import problems
        from composer.loader.build import build_project

        refs = ("depends_on", "links", "volumes_from", "network_mode", "ipc", "pid")
        services = canonical["services"]
        linked = {n: s for n, s in services.items() if any(k in s for k in refs)}
        built = build_project({"name": "", "services": linked}, working_dir="",
                              config_files=(), environment={}).services
        alone = SimpleNamespace(links=(), volumes_from=(), spec={}, depends_on=())
        project = SimpleNamespace(services={n: built.get(n, alone) for n in services})
        return [ConfigError(message, locate(path)) for path, message in problems(project)]
    except Exception:  # noqa: BLE001 - best effort on a project already known to be wrong
        return []


def warn_to_stderr(warnings: list[str]) -> None:
    for w in warnings:
        print(f"WARN[0000] {w}", file=sys.stderr)
