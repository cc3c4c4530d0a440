"""One load's reading of files: parse, interpolate, validate, resolve paths, include,
extends, merge; and the problems found on the way.

Problems are collected, not raised one by one: every file is read even when an earlier
one is wrong, and a file whose problems leave its skeleton sound (sections and items are
mappings) goes on to the later stages, which may find more. `check()` raises all of them.
"""
from __future__ import annotations

import os
from typing import Any, Mapping

from composer import readlog
from composer.errors import ConfigError, ConfigErrors, Location
from composer.loader.environment import display_path
from composer.loader.extends import resolve_extends
from composer.loader.include import resolve_includes
from composer.loader.locator import Locator
from composer.loader.merge import merge_files, strip_tags
from composer.loader.options import LoadOptions
from composer.loader.paths import resolve_paths
from composer.loader.substitute import substitute
from composer.loader.yamlread import YamlDoc, read_yaml_docs


class Session:
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
            return readlog.read_bytes(path)
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
    """What makes two problems one: the same value, even reached by two key paths (a
    service and the one it extends, two users of one anchor)."""
    loc = e.location
    if loc.line is None:
        return (loc.file, loc.path, e.message)
    if loc.exact:
        return (loc.file, loc.line, loc.col)
    return (loc.file, loc.line, loc.col, loc.path.split("[")[0] if "[" in loc.path else loc.path)


def _flat(errors: list[ConfigError]) -> list[ConfigError]:
    out: list[ConfigError] = []
    for e in errors:
        out.extend(e.errors if isinstance(e, ConfigErrors) else [e])
    return out
