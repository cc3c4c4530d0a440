"""The part of docker's `--format` Go templates people use: `{{.Field}}`, `{{json .}}`,
`{{json .Field}}`, and a `table` prefix that adds a header and aligns columns."""
from __future__ import annotations

import re
from typing import Callable, Mapping, Sequence

from composer.errors import ConfigError
from composer.tables import format_table, to_json

_ACTION = re.compile(r"{{-?\s*(.*?)\s*-?}}")


def _value(expr: str, row: Mapping) -> str:
    if expr == "json .":
        return to_json(row)
    if expr.startswith("json ."):
        return to_json(row.get(expr[len("json ."):]))
    if expr.startswith(".") and expr[1:] in row:
        value = row[expr[1:]]
        return "" if value is None else str(value)
    raise ConfigError(f"unsupported template action {{{{{expr}}}}} (fields: "
                      + ", ".join(sorted(row)) + ")")


def render(template: str, rows: Sequence[Mapping], headers: Mapping[str, str]) -> str:
    """The text for `--format TEMPLATE` over rows; `headers` maps field → column title."""
    text = template.replace("\\t", "\t").replace("\\n", "\n")
    table = text.startswith("table")
    if table:
        text = text[len("table"):].strip()
    line: Callable[[Mapping], str] = lambda row: _ACTION.sub(  # noqa: E731
        lambda m: _value(m.group(1), row), text)
    out = [line(r) for r in rows]
    if not table:
        return "".join(o + "\n" for o in out)
    title = _ACTION.sub(lambda m: headers.get(m.group(1).lstrip("."), m.group(1).lstrip(".")
                                              .upper()), text)
    cells = [o.split("\t") for o in [title] + out]
    width = max(len(c) for c in cells)
    cells = [c + [""] * (width - len(c)) for c in cells]
    return format_table(cells[0], cells[1:])
