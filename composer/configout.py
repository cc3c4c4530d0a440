"""Print the canonical project as docker compose's `config` does: YAML or JSON.

Every `$` in a final string is printed re-escaped as `$$`, so that the output is itself
a valid compose file. JSON keeps the keys docker compose always prints (`command: null`,
`ipam: {}`); YAML leaves those empty ones out, as docker compose does.
"""
from __future__ import annotations

import json
import math
from typing import Any

import yaml

_YAML_OMIT_NULL = {"command", "entrypoint"}


def escape_dollars(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("$", "$$") if "$" in value else value
    if isinstance(value, dict):
        return {escape_dollars(k): escape_dollars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_dollars(v) for v in value]
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return int(value)
    return value


def to_json(canonical: dict, escape: bool = True) -> str:
    data = escape_dollars(canonical) if escape else canonical
    return json.dumps(data, indent=2, ensure_ascii=False)


def _yaml_prune(value: Any, depth: int = 0, parent: str = "") -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if parent == "services-entry" and k in _YAML_OMIT_NULL and v is None:
                continue
            if parent == "networks-entry" and k == "ipam" and v == {}:
                continue
            child = ("services" if k == "services" and depth == 0 else
                     "services-entry" if parent == "services" else
                     "networks" if k == "networks" and depth == 0 else
                     "networks-entry" if parent == "networks" else "")
            out[k] = _yaml_prune(v, depth + 1, child)
        return out
    if isinstance(value, list):
        return [_yaml_prune(v, depth + 1) for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _str(dumper: yaml.SafeDumper, data: str):
    style = None
    if "\n" in data:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(canonical: dict, escape: bool = True) -> str:
    data = _yaml_prune(escape_dollars(canonical) if escape else canonical)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False,
                     allow_unicode=True, width=10_000)
