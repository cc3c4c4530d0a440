"""Tables laid out as docker's CLI lays them out (Go's tabwriter), and JSON lines.

A column is as wide as its widest cell plus `padding`, and at least `minwidth`; the last
column is not padded. docker compose uses minwidth 10 for containers (ps, stats) and 20
for projects and images (ls, images); top uses 4 with a padding of 2.
"""
from __future__ import annotations

import json
import sys
from typing import Iterable, Sequence, TextIO


def format_table(headers: Sequence[str], rows: Iterable[Sequence[object]], *,
                 minwidth: int = 10, padding: int = 3) -> str:
    table = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    ncols = len(headers)
    widths = [max(minwidth, max(len(r[i]) for r in table) + padding) for i in range(ncols)]
    lines = []
    for r in table:
        cells = [r[i].ljust(widths[i]) for i in range(ncols - 1)] + [r[-1]]
        lines.append("".join(cells))
    return "\n".join(lines) + "\n"


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]], *,
                minwidth: int = 10, padding: int = 3, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(format_table(headers, rows, minwidth=minwidth, padding=padding))


def to_json(value: object) -> str:
    """JSON as Go's encoder writes it: compact, and `<`, `>`, `&` escaped."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
