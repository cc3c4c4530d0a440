"""The variables a compose file uses, for `config --variables`.

    ${NAME}  $NAME  ${NAME:-default}  ${NAME-default}  ${NAME:?error}  ${NAME?error}
    ${NAME:+alternate}  ${NAME+alternate}      ($$ is a literal dollar, not a variable)

Defaults and alternates may hold variables themselves; those are listed too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPS = (":-", ":?", ":+", "-", "?", "+")


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    required: bool = False
    default: str | None = None
    alternate: str | None = None


def variables_of(value: Any) -> dict[str, Variable]:
    """Every variable used in the strings of `value` (keys are not interpolated)."""
    found: dict[str, Variable] = {}
    for text in _strings(value):
        if "$" in text:
            for var in scan(text):
                if var.name not in found:
                    found[var.name] = var
    return found


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif hasattr(value, "tag") and hasattr(value, "value"):  # Tagged
        yield from _strings(value.value)


def scan(text: str) -> Iterator[Variable]:
    i = 0
    while i < len(text) - 1:
        if text[i] != "$":
            i += 1
            continue
        nxt = text[i + 1]
        if nxt == "$":
            i += 2
        elif nxt == "{":
            end = _closing(text, i + 1)
            if end < 0:
                return
            yield from _braced(text[i + 2:end])
            i = end + 1
        else:
            m = _NAME.match(text, i + 1)
            if m:
                yield Variable(m.group(0))
                i = m.end()
            else:
                i += 1


def _closing(text: str, opening: int) -> int:
    depth = 0
    for j in range(opening, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _braced(body: str) -> Iterator[Variable]:
    m = _NAME.match(body)
    if not m:
        return
    name, rest = m.group(0), body[m.end():]
    op = next((o for o in _OPS if rest.startswith(o)), None)
    arg = rest[len(op):] if op else None
    if op is None:
        yield Variable(name)
        return
    yield Variable(name, required="?" in op,
                   default=arg if "-" in op else None,
                   alternate=arg if "+" in op else None)
    if arg and "$" in arg:
        yield from scan(arg)


def table(found: dict[str, Variable]) -> str:
    """The variables as docker compose prints them: four columns."""
    rows = [("NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE")]
    for name in sorted(found):
        v = found[name]
        rows.append((v.name, "true" if v.required else "false", v.default or "",
                     v.alternate or ""))
    widths = [max(20, max(len(r[c]) for r in rows) + 1) for c in range(3)]
    return "\n".join("".join(r[c].ljust(widths[c]) for c in range(3)) + r[3]
                     for r in rows) + "\n"
