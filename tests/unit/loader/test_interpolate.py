"""interpolate(): every expected value below is what docker compose v2.40.3 gives.

Each case is (text, environment, expected result, names reported unset in order).
"""
from __future__ import annotations

import pytest

from composer.loader.interpolate import InterpolationError, interpolate

CASES = [
    # plain text, untouched
    ("no dollar here", {}, "no dollar here", []),
    ("}", {}, "}", []),
    # $NAME and ${NAME}
    ("$A", {"A": "1"}, "1", []),
    ("${A}", {"A": "1"}, "1", []),
    ("x${A}y", {"A": "1"}, "x1y", []),
    ("$A$B", {"A": "1", "B": "2"}, "12", []),
    ("$_A ${_A}", {"_A": "u"}, "u u", []),
    ("$a", {"a": "lower"}, "lower", []),
    ("$A1b", {"A1b": "2"}, "2", []),
    # a name stops at the first character that cannot be in a name
    ("$A.B", {"A": "1"}, "1.B", []),
    ("$A-b", {"A": "1"}, "1-b", []),
    ("$Aé", {"A": "1"}, "1é", []),
    # a $ not followed by a name, { or $ stays literal
    ("$", {}, "$", []),
    ("a$", {}, "a$", []),
    ("$ a", {}, "$ a", []),
    ("$1", {}, "$1", []),
    ("$1a", {}, "$1a", []),
    ("$-", {}, "$-", []),
    ("$}", {}, "$}", []),
    # $$ is a literal $
    ("$$", {}, "$", []),
    ("$$$$", {}, "$$", []),
    ("$$$", {}, "$$", []),
    ("$$A", {"A": "1"}, "$A", []),
    ("$${A}", {"A": "1"}, "${A}", []),
    ("$$$A", {"A": "1"}, "$1", []),
    # a stray } after an expression is literal
    ("${A}}", {"A": "1"}, "1}", []),
    ("$A}", {"A": "1"}, "1}", []),
    ("${A:-x}}", {}, "x}", []),
    # values are not interpolated again
    ("${A}", {"A": "$B"}, "$B", []),
    ("${A}", {"A": "$$"}, "$$", []),
    ("${A}", {"A": "a\nb"}, "a\nb", []),
    # unset without default: "" and a warning, once per occurrence
    ("$A", {}, "", ["A"]),
    ("${A}", {}, "", ["A"]),
    ("$A$A", {}, "", ["A", "A"]),
    ("${A}", {"A": ""}, "", []),
    # :- and -
    ("${A:-x}", {}, "x", []),
    ("${A:-x}", {"A": ""}, "x", []),
    ("${A:-x}", {"A": "v"}, "v", []),
    ("${A-x}", {}, "x", []),
    ("${A-x}", {"A": ""}, "", []),
    ("${A:-}", {}, "", []),
    ("${A-}", {}, "", []),
    ("${A:-a}${A:-b}", {}, "ab", []),
    # :+ and +
    ("${A:+y}", {"A": "1"}, "y", []),
    ("${A:+y}", {"A": ""}, "", []),
    ("${A:+y}", {}, "", []),
    ("${A+y}", {"A": ""}, "y", []),
    ("${A+y}", {}, "", []),
    ("${A+}", {"A": "1"}, "", []),
    # ? does not fail on an empty value, :? does (see the error cases)
    ("${A?boom}", {"A": ""}, "", []),
    ("${A?}", {"A": ""}, "", []),
    ("${A:?boom}", {"A": "v"}, "v", []),
    # the argument is anything up to the closing brace: spaces, :, -, quotes, \, tabs, \r
    ("${A:-x:y}", {}, "x:y", []),
    ("${A:- x }", {}, " x ", []),
    ("${A:--y}", {}, "-y", []),
    ("${A--y}", {}, "-y", []),
    ("${A-:-y}", {}, ":-y", []),
    ("${A:+a:b}", {"A": "1"}, "a:b", []),
    ("${A:-'}'}", {}, "''}", []),
    ('${A:-"}"}', {}, '""}', []),
    ("${A:-\\}}", {}, "\\}", []),
    ("${A:-\t}", {}, "\t", []),
    ("${A:-x\ry}", {}, "x\ry", []),
    # the argument is interpolated: nesting, $$, and a lone $
    ("${A:-${B:-x}}", {}, "x", []),
    ("${A:-${B:-x}}", {"B": "b"}, "b", []),
    ("${A:-${B:-${C:-deep}}}", {}, "deep", []),
    ("${A:-$B}", {"B": "b"}, "b", []),
    ("${A:-${B}x}", {"B": "b"}, "bx", []),
    ("${A:-a${B:-b}c}d", {}, "abcd", []),
    ("${A:-a}b${C}", {"C": "c"}, "abc", []),
    ("${A:-$$}", {}, "$", []),
    ("${A:-$$B}", {}, "$B", []),
    ("${A:-$}", {}, "$", []),
    ("${A:-$ }", {}, "$ ", []),
    ("${A:-$1}", {}, "$1", []),
    ("${A:-${B:-}}", {}, "", []),
    ("${A:-${B:-x}}}", {}, "x}", []),
    # surprising: the argument is interpolated even when it is not used
    ("${A:-$B}", {"A": "1"}, "1", ["B"]),
    ("${A:+$B}", {}, "", ["B"]),
    ("${A-${B}}", {}, "", ["B"]),
    # surprising: braces are counted, so a { in the argument needs its own }
    ("${A:-{x}y}", {}, "{x}y", []),
    ("${A:-{x}}z}", {}, "{x}z}", []),
    ("${A:-$${B}}", {}, "${B}", []),
    ("${A:-$${B}}x}", {}, "${B}x}", []),
    ("${A:-{}}", {}, "{}", []),
    ("${A:-}{}", {}, "{}", []),
    ("${A:-x}{y", {}, "x{y", []),
    # surprising: unbalanced braces close at the last } of the line
    ("${A:-{x}", {}, "{x", []),
    ("${A:-{}", {}, "{", []),
    ("${A:-{{x}y}", {}, "{{x}y", []),
    ("${A:-{{x}}", {}, "{{x}", []),
    ("${A:-{{{x} y} z} w", {}, "{{{x} y} z w", []),
    ("${A:-$}}", {}, "$}", []),
    ("${A:-$${}", {}, "${", []),
    ("${A:-{x}-${B:-y}}", {}, "{x}-y", []),
    ("${A:-{x}} ${B:-{q}", {}, "{x} {q", []),
    ("a}b${A:-{c}d}", {}, "a}b{c}d", []),
    # ... and the search for } never crosses a line break
    ("a\n${A:-x}\nb", {}, "a\nx\nb", []),
    ("${A:-{x}\n}", {}, "{x\n}", []),
    ("${A:-{x}\n}\n}", {}, "{x\n}\n}", []),
    ("${A:-{x}}\n}", {}, "{x}\n}", []),
    ("${A:-{x}\n${B:-y}", {}, "{x\ny", []),
    ("${A:-{x}y\n$B}", {"B": "b"}, "{xy\nb}", []),
    ("${A:-{}\n", {}, "{\n", []),
]


@pytest.mark.parametrize(("text", "env", "expected", "unset"), CASES)
def test_interpolate(text, env, expected, unset):
    reported: list[str] = []
    assert interpolate(text, env.get, reported.append) == expected
    assert reported == unset


def test_without_on_unset_an_unset_variable_is_blank():
    assert interpolate("a${A}b", {}.get) == "ab"


def test_text_without_dollar_is_returned_as_is():
    text = "plain"
    assert interpolate(text, {}.get) is text


REQUIRED = [
    ("${A:?}", {}, "required variable A is missing a value"),
    ("${A?}", {}, "required variable A is missing a value"),
    ("${A:?boom}", {"A": ""}, "required variable A is missing a value: boom"),
    ("${A?boom}", {}, "required variable A is missing a value: boom"),
    ("${A:?a b c}", {}, "required variable A is missing a value: a b c"),
    ("${A:?-y}", {}, "required variable A is missing a value: -y"),
    ("${A?:x}", {}, "required variable A is missing a value: :x"),
    # the message is interpolated
    ("${A:?$B}", {"B": "bv"}, "required variable A is missing a value: bv"),
    ("${A:?${B:-q}}", {}, "required variable A is missing a value: q"),
    # surprising: an unused argument still fails
    ("${A:-${B:?err}}", {"A": "1"}, "required variable B is missing a value: err"),
    ("${A:?${B:?inner}}", {"A": "1"}, "required variable B is missing a value: inner"),
]


@pytest.mark.parametrize(("text", "env", "message"), REQUIRED)
def test_required_variable(text, env, message):
    with pytest.raises(InterpolationError) as info:
        interpolate(text, env.get)
    assert str(info.value) == message
    assert info.value.hint is None


def test_required_reports_unset_names_in_its_message_first():
    reported: list[str] = []
    with pytest.raises(InterpolationError, match="required variable A"):
        interpolate("${A?${B}}", {}.get, reported.append)
    assert reported == ["B"]


NOT_A_NAME = "is not a variable name (letters, digits and _, not starting with a digit)"
UNSUPPORTED = "is not supported (use :- - :+ + :? or ?)"
UNCLOSED = '"${" is not closed by "}" on the same line'

# docker compose rejects each of these with "invalid interpolation format for <key>";
# the reason is ours. `text` is the string at the level that failed (for a nested
# expression, the argument that holds it), as docker compose prints it.
INVALID = [
    ("${:-latest}", "${:-latest}", 'the variable name is missing before ":-"'),
    ("${?x}", "${?x}", 'the variable name is missing before "?"'),
    ("${}", "${}", "the variable name is missing"),
    ("${ TAG }", "${ TAG }", "whitespace is not allowed in or around the variable name"),
    ("${A :-x}", "${A :-x}", "whitespace is not allowed in or around the variable name"),
    ("${A\t}", "${A\t}", "whitespace is not allowed in or around the variable name"),
    ("${A.B}", "${A.B}", f'"A.B" {NOT_A_NAME}'),
    ("${1}", "${1}", f'"1" {NOT_A_NAME}'),
    ("${É}", "${É}", f'"É" {NOT_A_NAME}'),
    ("${#A}", "${#A}", f'"#A" {NOT_A_NAME}'),
    ("${!A}", "${!A}", f'"!A" {NOT_A_NAME}'),
    ("${A{}}", "${A{}}", f'"A{{}}" {NOT_A_NAME}'),
    ("${A:=x}", "${A:=x}", f'":=" after "A" {UNSUPPORTED}'),
    ("${A=x}", "${A=x}", f'"=" after "A" {UNSUPPORTED}'),
    ("${A:x}", "${A:x}", f'":x" after "A" {UNSUPPORTED}'),
    ("${A:1}", "${A:1}", f'":1" after "A" {UNSUPPORTED}'),
    ("${A::-y}", "${A::-y}", f'"::" after "A" {UNSUPPORTED}'),
    ("${A#x}", "${A#x}", f'"#" after "A" {UNSUPPORTED}'),
    ("${A%y}", "${A%y}", f'"%" after "A" {UNSUPPORTED}'),
    ("${A/x/z}", "${A/x/z}", f'"/" after "A" {UNSUPPORTED}'),
    ("${", "${", UNCLOSED),
    ("${A", "${A", UNCLOSED),
    ("x ${A post", "${A post", UNCLOSED),
    ("${A\n}", "${A", UNCLOSED),
    ("${A:-x\ny}", "${A:-x", UNCLOSED),
    ("${A:-{x\n}", "${A:-{x", UNCLOSED),
    ("${A:-x}\n${B", "${B", UNCLOSED),
]


@pytest.mark.parametrize(("text", "expr", "reason"), INVALID)
def test_invalid_format(text, expr, reason):
    with pytest.raises(InterpolationError) as info:
        interpolate(text, {"A": "1"}.get)
    assert str(info.value) == f'invalid interpolation format for "{expr}": {reason}'
    assert info.value.expr == expr
    assert info.value.text == text
    assert info.value.hint == 'write "$$" for a literal "$"'


# An error inside an argument names the argument, as docker compose does; and the argument
# is checked even when the variable is set.
NESTED_INVALID = [
    ("x ${A:-${B} post", "${B", "${B"),
    ("${A:-${B:-x}", "${B:-x", "${B:-x"),
    ("${A:-{x}-${B}", "{x}-${B", "${B"),
    ("${A:-{x} ${B:-q}", "{x} ${B:-q", "${B:-q"),
    ("${A:-${ X }}", "${ X }", "${ X }"),
    ("${A:+${ X }}", "${ X }", "${ X }"),
    ("${A:-${}}", "${}", "${}"),
]


@pytest.mark.parametrize(("text", "level_text", "expr"), NESTED_INVALID)
def test_invalid_format_inside_an_argument(text, level_text, expr):
    with pytest.raises(InterpolationError) as info:
        interpolate(text, {"A": "1"}.get)
    assert info.value.text == level_text
    assert info.value.expr == expr
    assert str(info.value).startswith(f'invalid interpolation format for "{expr}": ')
