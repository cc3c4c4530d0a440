"""A YAML syntax error as the user needs it: at the place to fix, in plain words.

PyYAML places an error where it noticed it (problem_mark); for an unclosed `[`, `{` or
quote that is often a line later, so the error points at where it was opened instead
(context_mark).
"""
from __future__ import annotations

import yaml

from composer.errors import ConfigError, Location

# what the parser was in when it failed, for those that an opening character starts
_OPENED = {"while parsing a flow sequence": 'flow sequence ("[")',
           "while parsing a flow mapping": 'flow mapping ("{")',
           "while scanning a quoted scalar": "quoted string"}


def yaml_error(e: yaml.MarkedYAMLError, filename: str, text: str = "") -> ConfigError:
    """The parser's error, at the place it noticed it; an unclosed `[`, `{` or quote is
    reported where it was opened, which is where the fix goes."""
    mark = e.problem_mark or e.context_mark
    msg = e.problem or e.context or "invalid YAML"
    opened = _OPENED.get(e.context or "")
    if opened and _never_closed(e, text):
        start, end = e.context_mark, e.problem_mark
        return ConfigError(f"invalid YAML: this {opened} is never closed (noticed at line "
                           f"{end.line + 1}: {e.problem})",
                           Location(filename, start.line + 1, start.column + 1))
    if opened and e.problem and e.context_mark and e.context_mark.line != mark.line:
        msg = f"{e.problem} (in the {opened.split(' (')[0]} opened at line " \
              f"{e.context_mark.line + 1})"
    elif e.context and e.problem:
        msg = f"{e.problem} ({e.context})"
    loc = Location(filename, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
    return ConfigError(f"invalid YAML: {msg}", loc)


def _never_closed(e: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether the parser ran past the end of what was opened at e.context_mark: to the end
    of the file, or (in a flow) to a line indented no deeper than the one that opened it."""
    start, end = e.context_mark, e.problem_mark
    if start is None or end is None or end.line <= start.line:
        return False
    if not text[end.index:].strip():
        return True
    if e.context == "while scanning a quoted scalar":
        return False
    lines = text.split("\n", end.line + 1)
    return _indent(lines[end.line]) <= _indent(lines[start.line])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
