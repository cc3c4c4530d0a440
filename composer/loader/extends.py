"""`extends`: a service starts from another service, in the same file or another one.

The base service is resolved first (it may extend a third), then the extending service is
merged onto it with the same rules as override files. Cycles are errors naming the chain.
"""
from __future__ import annotations

import os
from typing import Callable

from composer.errors import ConfigError
from composer.loader.locator import Locator
from composer.loader.merge import merge_values

# read_file(path) -> (data, doc) for another compose file, interpolated and path-resolved
ReadFile = Callable[[str], tuple[dict, object]]


def resolve_extends(data: dict, this_file: str, locator: Locator, read_file: ReadFile) -> dict:
    services = data.get("services")
    if not isinstance(services, dict) or not any(
            isinstance(s, dict) and "extends" in s for s in services.values()):
        return data
    resolver = _Resolver(read_file, locator)
    out = dict(data)
    out["services"] = {name: resolver.service(this_file, services, name, ())
                       for name in services}
    return out


class _Resolver:
    def __init__(self, read_file: ReadFile, locator: Locator):
        self.read_file = read_file
        self.locator = locator
        self.files: dict[str, dict] = {}
        self.done: dict[tuple[str, str], dict] = {}

    def service(self, file: str, services: dict, name: str, chain: tuple) -> dict:
        key = (file, name)
        if key in self.done:
            return self.done[key]
        if key in chain:
            names = " -> ".join(n for _, n in chain + (key,))
            raise ConfigError(f"circular extends: {names}",
                              self.locator.locate(("services", chain[0][1], "extends")))
        svc = services.get(name)
        if not isinstance(svc, dict) or "extends" not in svc:
            result = svc if isinstance(svc, dict) else (svc or {})
            self.done[key] = result
            return result
        ext = svc["extends"]
        base_name = ext if isinstance(ext, str) else ext.get("service")
        base_file = file if isinstance(ext, str) or not ext.get("file") else ext["file"]
        if base_file == file:
            base_services = services
        else:
            base_services = self._services_of(base_file, (file, name))
        if base_name not in base_services:
            where = "" if base_file == file else f" in {os.path.basename(base_file)}"
            raise ConfigError(f'cannot extend service "{name}": service "{base_name}" not '
                              f"found{where}",
                              self.locator.locate(("services", name, "extends")))
        base = self.service(base_file, base_services, base_name, chain + (key,))
        own = {k: v for k, v in svc.items() if k != "extends"}
        merged = merge_values(dict(base), own, ("services", name), top=False)
        merged.pop("extends", None)
        self.done[key] = merged
        return merged

    def _services_of(self, path: str, user: tuple[str, str]) -> dict:
        if path not in self.files:
            if not os.path.isfile(path):
                raise ConfigError(f"cannot extend service \"{user[1]}\": file {path} not found",
                                  self.locator.locate(("services", user[1], "extends", "file")))
            data, _doc = self.read_file(path)
            self.files[path] = (data or {}).get("services") or {}
        return self.files[path]
