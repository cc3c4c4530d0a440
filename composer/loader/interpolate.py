"""Variable interpolation in compose strings, as docker compose v2 does it.

    $NAME  ${NAME}             the value; unset -> "" and on_unset(NAME)
    ${NAME:-d}  ${NAME-d}      d when NAME is unset or empty / only when unset
    ${NAME:+a}  ${NAME+a}      a when NAME is set and not empty / set at all, else ""
    ${NAME:?e}  ${NAME?e}      InterpolationError when unset or empty / only when unset
    $$                         a literal $

Facts of docker compose this follows (v2.40.3):
- NAME is [_A-Za-z][_A-Za-z0-9]*. A `$` not followed by a name, `{` or `$` stays literal
  (`$1`, `$ `, `a$`); `$A.B` is `$A` then ".B".
- The argument after an operator is itself interpolated, always, even when it is not used:
  `${A:-$B}` with A set still reports B as unset, `${A:-${B:?x}}` still fails.
- The `}` that closes `${` is found on the same line only: counting every `{` and `}` from
  `${`, the first `}` that balances it; failing that, the last `}` on that line; failing
  that the expression is unterminated. So `${A:-{x}y}` gives "{x}y", `${A:-{x}` gives "{x",
  and an argument never holds a line break.
- A `}` after a closed expression is literal text: `${A}}` gives "<A>}".
"""
from __future__ import annotations

import re
from collections.abc import Callable

Lookup = Callable[[str], "str | None"]
OnUnset = Callable[[str], None] | None

_NAME = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
# One step of the scan: `$$`, `$NAME`, a simple `${...}` (closed by the first `}`, with an
# argument holding no `{`, `}`, `$` or line break: the common case), any other `${`, or a
# `$` that starts nothing.
_TOKEN = re.compile(
    r"\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)"
    r"|\{([_A-Za-z][_A-Za-z0-9]*)(?:(:?[-+?])([^{}$\n]*))?\}|(\{)|)"
)
_BRACED = re.compile(r"([_A-Za-z][_A-Za-z0-9]*)(?:(:?[-+?])(.*))?", re.DOTALL)
_BRACES = re.compile(r"[{}]")
_MODIFIER_START = set(":=#%/^,@!")

HINT = 'write "$$" for a literal "$"'


class InterpolationError(Exception):
    """A string cannot be interpolated; the caller adds the file, line and key path.

    `text` is the string being interpolated at the level that failed (for an error inside a
    default, that default), `expr` the offending `${...}` expression, `hint` a remedy or None.
    """

    def __init__(self, message: str, *, text: str = "", expr: str = "", hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.text = text
        self.expr = expr
        self.hint = hint


def interpolate(text: str, lookup: Lookup, on_unset: OnUnset = None) -> str:
    """Expand every variable reference in `text` (see the module docstring)."""
    if "$" not in text:
        return text
    return _expand(text, lookup, on_unset)


def _expand(text: str, lookup: Lookup, on_unset: OnUnset) -> str:
    out: list[str] = []
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        out.append(text[pos : m.start()])
        pos = m.end()
        _, name, braced, op, arg, brace = m.groups()
        if name is not None:
            out.append(_plain(name, lookup, on_unset))
        elif braced is not None:
            out.append(_apply(braced, op, arg, lookup, on_unset))
        elif brace is None:
            out.append("$")  # `$$`, or a `$` followed by no name
        else:
            close = _closing_brace(text, m.start() + 1)
            if close < 0:
                raise _unterminated(text, m.start())
            out.append(_braced(text[pos:close], text, lookup, on_unset))
            pos = close + 1
    out.append(text[pos:])
    return "".join(out)


def _closing_brace(text: str, opening: int) -> int:
    """Index of the `}` closing the `{` at `opening`, or -1 (see the module docstring)."""
    line_end = text.find("\n", opening)
    if line_end < 0:
        line_end = len(text)
    first = text.find("}", opening, line_end)
    if first < 0 or text.find("{", opening + 1, first) < 0:
        return first
    depth = 0
    for m in _BRACES.finditer(text, opening, line_end):
        depth += 1 if m.group() == "{" else -1
        if depth == 0:
            return m.start()
    return text.rfind("}", opening, line_end)


def _plain(name: str, lookup: Lookup, on_unset: OnUnset) -> str:
    value = lookup(name)
    if value is None:
        if on_unset is not None:
            on_unset(name)
        return ""
    return value


def _braced(body: str, text: str, lookup: Lookup, on_unset: OnUnset) -> str:
    m = _BRACED.fullmatch(body)
    if m is None:
        raise _invalid(body, text)
    name, op, arg = m.groups()
    if op is not None and "$" in arg:
        arg = _expand(arg, lookup, on_unset)
    return _apply(name, op, arg, lookup, on_unset)


def _apply(name: str, op: str | None, arg: str | None, lookup: Lookup, on_unset: OnUnset) -> str:
    """The value of `${name<op><arg>}`, `arg` already interpolated."""
    if op is None:
        return _plain(name, lookup, on_unset)
    value = lookup(name)
    if op == ":-":
        return value if value else arg
    if op == "-":
        return arg if value is None else value
    if op == ":+":
        return arg if value else ""
    if op == "+":
        return "" if value is None else arg
    if (not value) if op == ":?" else (value is None):
        raise _required(name, arg)
    return value


def _required(name: str, err: str) -> InterpolationError:
    message = f"required variable {name} is missing a value"
    return InterpolationError(f"{message}: {err}" if err else message, expr=name)


def _unterminated(text: str, start: int) -> InterpolationError:
    end = text.find("\n", start)
    expr = text[start : end if end >= 0 else len(text)]
    reason = '"${" is not closed by "}" on the same line'
    return _format_error(reason, expr, text)


def _invalid(body: str, text: str) -> InterpolationError:
    return _format_error(_why_invalid(body), "${" + body + "}", text)


def _why_invalid(body: str) -> str:
    if not body.strip():
        return "the variable name is missing"
    if body[0] in ":-+?":
        op = body[:2] if body[0] == ":" else body[0]
        return f'the variable name is missing before "{op}"'
    head = re.split(r"[:\-+?]", body, maxsplit=1)[0]
    if any(c.isspace() for c in head):
        return "whitespace is not allowed in or around the variable name"
    m = _NAME.match(body)
    if m is not None and body[m.end()] in _MODIFIER_START:
        rest = body[m.end() :]
        modifier = rest[:2] if rest[0] == ":" else rest[0]
        return f'"{modifier}" after "{m.group()}" is not supported (use :- - :+ + :? or ?)'
    return f'"{head}" is not a variable name (letters, digits and _, not starting with a digit)'


def _format_error(reason: str, expr: str, text: str) -> InterpolationError:
    return InterpolationError(
        f'invalid interpolation format for "{expr}": {reason}', text=text, expr=expr, hint=HINT
    )
