"""`extends`: a service starts from another service, in the same file or another one.

The base service is resolved first (it may extend a third), then the extending service is
merged onto it with the same rules as override files. Cycles are errors naming the chain.
The locator learns each link, so that an error in an inherited value points at the file
and line that wrote it.
"""
from __future__ import annotations

import os
from typing import Callable

from composer import readlog
from composer.errors import ConfigError
from composer.loader.locator import Locator
from composer.loader.merge import merge_values
from composer.loader.yamlread import YamlDoc

# read_file(path) -> (data, doc) for another compose file, interpolated and path-resolved
ReadFile = Callable[[str], tuple[dict, YamlDoc]]


def resolve_extends(data: dict, this_file: str, doc: YamlDoc, locator: Locator,
                    read_file: ReadFile) -> dict:
    services = data.get("services")
    if not isinstance(services, dict) or not any(
            isinstance(s, dict) and "extends" in s for s in services.values()):
        return data
    resolver = _Resolver(read_file, locator, this_file, services, doc)
    out = dict(data)
    out["services"] = {name: resolver.service(this_file, name, ()) for name in services}
    return out


class _Resolver:
    def __init__(self, read_file: ReadFile, locator: Locator, this_file: str, services: dict,
                 doc: YamlDoc):
        self.read_file = read_file
        self.locator = locator
        self.files: dict[str, tuple[dict, YamlDoc]] = {this_file: (services, doc)}
        self.done: dict[tuple[str, str], dict] = {}

    def service(self, file: str, name: str, chain: tuple) -> dict:
        key = (file, name)
        if key in self.done:
            return self.done[key]
        services, doc = self.files[file]
        if key in chain:
            names = " -> ".join(n for _, n in chain + (key,))
            raise ConfigError(f"circular extends: {names}",
                              doc.locate(("services", name, "extends")))
        svc = services.get(name)
        if not isinstance(svc, dict) or "extends" not in svc:
            result = svc if isinstance(svc, dict) else (svc or {})
            self.done[key] = result
            return result
        ext = svc["extends"]
        base_name = ext if isinstance(ext, str) else ext.get("service")
        base_file = file if isinstance(ext, str) or not ext.get("file") else ext["file"]
        if base_file not in self.files:
            self._read(base_file, doc, name)
        base_services, base_doc = self.files[base_file]
        if base_name not in base_services:
            where = "" if base_file == file else f" in {os.path.basename(base_file)}"
            hint = _close(base_name, base_services)
            raise ConfigError(f'cannot extend service "{name}": service "{base_name}" not '
                              f"found{where}", doc.locate(("services", name, "extends")), hint)
        self.locator.add_extends(doc, name, base_doc, base_name)
        base = self.service(base_file, base_name, chain + (key,))
        own = {k: v for k, v in svc.items() if k != "extends"}
        merged = merge_values(dict(base), own, ("services", name))
        merged.pop("extends", None)
        self.done[key] = merged
        return merged

    def _read(self, path: str, doc: YamlDoc, user: str) -> None:
        if not readlog.isfile(path):
            raise ConfigError(f'cannot extend service "{user}": file {path} not found',
                              doc.locate(("services", user, "extends", "file")))
        data, base_doc = self.read_file(path)
        services = (data or {}).get("services") or {}
        self.files[path] = (services if isinstance(services, dict) else {}, base_doc)


def _close(name: str, services: dict) -> str | None:
    import difflib

    found = difflib.get_close_matches(str(name), [str(s) for s in services], n=1)
    return f'did you mean "{found[0]}"?' if found else None
