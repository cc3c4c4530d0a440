"""The loader: compose files and env files in, a canonical project and a typed model out.

    options → inputs (.env, COMPOSE_FILE, discovery) → per file: parse → interpolate →
    validate → resolve paths → include → extends → merge files → profiles → project
    name → normalise → checks → model

Problems are collected, not raised one by one (see session.py): every file is read even
when an earlier one is wrong, every service is normalised even when another one fails,
and the user gets one list sorted by position. A stage that trips on input already found
wrong stops the load with the problems found so far.
"""
from __future__ import annotations

import contextlib
import gc
import sys
from dataclasses import dataclass, field
from typing import Any

from composer.errors import ConfigError, ConfigErrors
from composer.loader.environment import Environment
from composer.loader.environments import select as select_environment
from composer.loader.inputs import resolve_inputs
from composer.loader.options import LoadOptions
from composer.loader.profiles import active_profiles, apply_profiles
from composer.loader.projectname import project_name
from composer.loader.session import Session

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


def _early_name(s: Session, opts: LoadOptions, env: Environment, inputs) -> str:
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


@contextlib.contextmanager
def no_gc():
    """Without the cyclic garbage collector: building big trees of dicts and lists (which
    hold no cycles) otherwise sets it off again and again, a third of the load's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(opts: LoadOptions) -> Loaded:
    with no_gc():
        return _load_all(opts)


def _load_all(opts: LoadOptions) -> Loaded:
    opts, env_warnings = select_environment(opts)   # --env NAME → explicit files
    s = Session(opts)
    for w in env_warnings:
        s.warn(w)
    try:
        return _load(s, opts)
    except ConfigError:
        raise
    except Exception:
        if s.errors:  # a stage tripped on input already found wrong: report that
            raise ConfigErrors(s.errors) from None
        raise


def _load(s: Session, opts: LoadOptions) -> Loaded:
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


def _canonical(s: Session, data: dict, name: str, env: Environment) -> dict:
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
