"""Make the relative paths of one file absolute, against that file's base directory.

The base is the project directory for the files given with `-f` (override files too), an
included file's own folder, and the folder of the file an `extends` reaches into.
`~` expands from HOME.
"""
from __future__ import annotations

import os
from typing import Any, Mapping

from composer.loader.shortsyntax import ShortSyntaxError, parse_volume
from composer.loader.yamlread import Tagged

_REMOTE_PREFIXES = ("http://", "https://", "git://", "git@", "github.com/", "ssh://")


def is_remote(context: str) -> bool:
    return context.startswith(_REMOTE_PREFIXES) or ".git#" in context or context.endswith(".git")


def absolute(path: str, base: str, home: str | None) -> str:
    """An absolute path stays as written; a relative one (or `~`) is joined and cleaned."""
    if path.startswith("~") and home and (path == "~" or path[1] in "/\\"):
        return os.path.normpath(home + path[1:])
    if os.path.isabs(path) or _windows_absolute(path):
        return path
    return os.path.normpath(os.path.join(base, path))


def _windows_absolute(path: str) -> bool:
    return len(path) > 2 and path[1] == ":" and path[0].isalpha() and path[2] in "/\\"


def resolve_paths(data: Any, base: str, environ: Mapping[str, str]) -> Any:
    if not isinstance(data, dict):
        return data
    home = environ.get("HOME") or os.path.expanduser("~")
    out = dict(data)
    services = out.get("services")
    if isinstance(services, dict):
        out["services"] = {name: _service(svc, base, home) if isinstance(svc, dict) else svc
                           for name, svc in services.items()}
    for kind in ("secrets", "configs"):
        section = out.get(kind)
        if isinstance(section, dict):
            out[kind] = {k: _file_ref(v, base, home) for k, v in section.items()}
    return out


def _file_ref(spec: Any, base: str, home: str) -> Any:
    if isinstance(spec, dict) and isinstance(spec.get("file"), str):
        return {**spec, "file": absolute(spec["file"], base, home)}
    return spec


def _service(svc: dict, base: str, home: str) -> dict:
    """The service's paths made absolute; `!override` values too."""
    tagged = {k: v for k, v in svc.items() if isinstance(v, Tagged)}
    if tagged:
        plain = _service({**svc, **{k: v.value for k, v in tagged.items()}}, base, home)
        return {k: Tagged(tagged[k].tag, v) if k in tagged else v for k, v in plain.items()}
    svc = dict(svc)
    build = svc.get("build")
    if isinstance(build, str):
        svc["build"] = build if is_remote(build) else absolute(build, base, home)
    elif isinstance(build, dict):
        build = dict(build)
        ctx = build.get("context", ".")
        if isinstance(ctx, str) and not is_remote(ctx):
            build["context"] = absolute(ctx, base, home)
        extra = build.get("additional_contexts")
        if isinstance(extra, dict):
            build["additional_contexts"] = {
                k: (absolute(v, base, home) if isinstance(v, str) and "://" not in v
                    and not v.startswith("service:") else v) for k, v in extra.items()}
        svc["build"] = build
    for key in ("env_file", "label_file"):
        if key in svc:
            svc[key] = _env_files(svc[key], base, home)
    if isinstance(svc.get("volumes"), list):
        svc["volumes"] = [_volume(v, base, home) for v in svc["volumes"]]
    ext = svc.get("extends")
    if isinstance(ext, dict) and isinstance(ext.get("file"), str):
        svc["extends"] = {**ext, "file": absolute(ext["file"], base, home)}
    develop = svc.get("develop")
    if isinstance(develop, dict) and isinstance(develop.get("watch"), list):
        svc["develop"] = {**develop, "watch": [
            {**w, "path": absolute(w["path"], base, home)}
            if isinstance(w, dict) and isinstance(w.get("path"), str) else w
            for w in develop["watch"]]}
    return svc


def _env_files(value: Any, base: str, home: str) -> Any:
    if isinstance(value, str):
        return absolute(value, base, home)
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(absolute(item, base, home))
            elif isinstance(item, dict) and isinstance(item.get("path"), str):
                out.append({**item, "path": absolute(item["path"], base, home)})
            else:
                out.append(item)
        return out
    return value


def _volume(item: Any, base: str, home: str) -> Any:
    if isinstance(item, str):
        try:
            parsed = parse_volume(item)
        except ShortSyntaxError:
            return item  # reported with its position when normalised
        if parsed["type"] != "bind":
            return item
        parsed["source"] = absolute(parsed["source"], base, home)
        return parsed
    if isinstance(item, dict) and item.get("type") == "bind" and isinstance(item.get("source"), str):
        return {**item, "source": absolute(item["source"], base, home)}
    return item
