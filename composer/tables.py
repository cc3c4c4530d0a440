"""Plain column tables like docker's CLI prints (rich is used for colour elsewhere)."""
from __future__ import annotations


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for r in rows:
        for i, cell in enumerate(r):
            widths[i] = max(widths[i], len(str(cell)))
    for r in [headers] + rows:
        print("   ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
