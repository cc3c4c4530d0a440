"""Service keys that are string maps: environment (with env_file), labels (with
label_file), annotations, sysctls.

env_file and label_file are read here and disappear from the output: their variables are
merged under `environment` / `labels`, which win over them. A bare `KEY` in environment
takes its value from the interpolation environment (null when unset); a bare label is "".
"""
from __future__ import annotations

from typing import Any

from composer import readlog
from composer.loader.normalize_common import Ctx, as_list, kv_map


def _file_entries(value: Any) -> list[tuple[str, bool, str | None]]:
    out = []
    for item in as_list(value):
        if isinstance(item, dict):
            out.append((item["path"], item.get("required", True) is not False,
                        item.get("format")))
        else:
            out.append((str(item), True, None))
    return out


def read_files(raw: dict, key: str, ctx: Ctx, own: dict) -> dict | None:
    """The variables of a service's env_file (or label_file) entries, later files winning.

    A variable in them may refer to the project environment, to the service's own
    values, or to what earlier files set, in that order of precedence."""
    from composer.loader.dotenv import DotenvError, read_dotenv

    if key not in raw:
        return None
    merged: dict[str, str] = {}
    what = key.replace("_", " ")
    for i, (path, required, fmt) in enumerate(_file_entries(raw[key])):
        # each problem is told at the compose file's entry that names the file
        if not readlog.isfile(path):
            if required:
                ctx.report(ctx.error((key, i), f"{what} {path} not found"))
            continue

        def lookup(name: str, _m=merged) -> str | None:
            found = ctx.lookup(name)
            if found is None:
                found = own.get(name)
            return _m.get(name) if found is None else found

        try:
            merged.update(_read_raw(path) if fmt == "raw" else read_dotenv(path, lookup))
        except DotenvError as e:
            ctx.report(ctx.error((key, i), f"failed to read {what} {path}:{e.line}: "
                                 f"{e.message}", e.hint))
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) else "it is not UTF-8 text"
            ctx.report(ctx.error((key, i), f"cannot read {what} {path}: {reason}"))
    return merged


def _read_raw(path: str) -> dict[str, str]:
    out = {}
    for line in readlog.read_bytes(path).decode("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        k, _, v = line.partition("=")
        out[k] = v
    return out


def environment(raw: dict, ctx: Ctx) -> dict | None:
    if "environment" not in raw and "env_file" not in raw:
        return None
    own = kv_map(raw.get("environment"), ctx, "environment", lookup=True)
    from_files = read_files(raw, "env_file", ctx, own)
    if from_files is None:
        return own
    return dict(sorted({**from_files, **own}.items()))  # a bare KEY unset is null


def labels(raw: dict, ctx: Ctx) -> dict | None:
    if "labels" not in raw and "label_file" not in raw:
        return None
    own = kv_map(raw.get("labels"), ctx, "labels", none="")
    from_files = read_files(raw, "label_file", ctx, own)
    if from_files is None:
        return own
    return dict(sorted({**from_files, **own}.items()))


RULES = {
    "annotations": lambda v, ctx: kv_map(v, ctx, "annotations", none=""),
    "sysctls": lambda v, ctx: kv_map(v, ctx, "sysctls", none=""),
}
