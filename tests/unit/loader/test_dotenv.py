"""parse_dotenv() / read_dotenv(): expected values are what docker compose v2.40.3 gives for
the same file used as an `env_file` with the same process environment, unless a comment
says composer differs on purpose.

Each case is (file text, lookup, expected variables).
"""
from __future__ import annotations

import pytest

from composer.errors import ConfigError
from composer.loader.dotenv import DotenvError, parse_dotenv, read_dotenv

CASES = [
    # statements, blanks and comments
    ("A=1\nB=2\n", {}, {"A": "1", "B": "2"}),
    ("A=1", {}, {"A": "1"}),
    ("", {}, {}),
    ("export A=1\n", {}, {"A": "1"}),
    ("  export A=1\nexport\tB=2\nexport  C=3\n", {}, {"A": "1", "B": "2", "C": "3"}),
    ("export=1\nexportA=2\n", {}, {"export": "1", "exportA": "2"}),
    ("export\nexport \nA=1\n", {"export": "ev"}, {"A": "1"}),
    ("  A  =  1  \n", {}, {"A": "1"}),
    ("\tA=1\nB=\t2\t\n", {}, {"A": "1", "B": "2"}),
    ("\n\n  \n\t\nA=1\n  #c\n", {}, {"A": "1"}),
    ("# full\n\n   # indented\nA=1\n", {}, {"A": "1"}),
    ("A=1\nA=2\n", {}, {"A": "2"}),
    ("A=B=C\n", {}, {"A": "B=C"}),
    # CRLF: the \r is a trailing blank, except inside quotes
    ("A=1\r\nB=2\r\n", {}, {"A": "1", "B": "2"}),
    ('A=1\r\n\r\nB="x\r\ny"\r\n', {}, {"A": "1", "B": "x\r\ny"}),
    # surprising: a lone \r is no line break
    ("A=1\rB=2\n", {}, {"A": "1\rB=2"}),
    # a byte order mark is dropped, at the start only
    ("\ufeffA=1\n", {}, {"A": "1"}),
    ("\ufeff", {}, {}),
    # KEY: VALUE works like KEY=VALUE; the first of = and : ends the key
    ("A: 1\nB:2\nB2 : 3\n", {}, {"A": "1", "B": "2", "B2": "3"}),
    ('A: "q"\nC:\'x y\'\n', {}, {"A": "q", "C": "x y"}),
    ("A:B=1\nC=D:1\n", {}, {"A": "B=1", "C": "D:1"}),
    # surprising: names are lax
    ("lower=1\n_U=2\n1A=3\nA-B=4\nA.B=5\nA[0]=6\n", {},
     {"lower": "1", "_U": "2", "1A": "3", "A-B": "4", "A.B": "5", "A[0]": "6"}),
    ("A\u4e2d=1\nA\u00e9B=2\nA\u0663\u00b2=3\n", {}, {"A\u4e2d": "1", "A\u00e9B": "2", "A\u0663\u00b2": "3"}),
    ("A\tB=1\nC\xa0D=2\n", {}, {"A\tB": "1", "C\xa0D": "2"}),
    ("=1\n:2\n", {}, {"": "2"}),
    # empty values
    ("A=\nB=''\nC=\"\"\nD=  \n", {}, {"A": "", "B": "", "C": "", "D": ""}),
    # unquoted values: inline comments start at " #" only
    ("A=a #comment\nB=a#notcomment\nC=a\t#tab\n", {}, {"A": "a", "B": "a#notcomment", "C": "a\t#tab"}),
    ("A=a  #  c\nB=#x\nC= #x\nD=a #\nE=a # b # c\n", {}, {"A": "a", "B": "#x", "C": "#x", "D": "a", "E": "a"}),
    ("A=a b c\nB=1 C=2\n", {}, {"A": "a b c", "B": "1 C=2"}),
    ("A=a\"b\"c\nB=a'b'c\nC=x'y\n", {}, {"A": 'a"b"c', "B": "a'b'c", "C": "x'y"}),
    # unquoted: backslashes are plain, $ is interpolated, $$ is a $
    ("C=a\\nb\nD=a\\$X\nE=a\\\n", {"X": "x"}, {"C": "a\\nb", "D": "a\\x", "E": "a\\"}),
    ("A=$X\nB=${X}y\nC=$$X\nD=$ x\nE=a$\n", {"X": "x"}, {"A": "x", "B": "xy", "C": "$X", "D": "$ x", "E": "a$"}),
    ("A=${X:-def}\nC=${Y:+alt}\nD=${X:-a#b}\n", {"Y": "1"}, {"A": "def", "C": "alt", "D": "a#b"}),
    # surprising: only Latin-1 blanks are skipped before a value, every blank is trimmed after
    ("A=\u3000x\u3000\nB=\xa0\"x\"\nC=\u3000\"x\"\n", {}, {"A": "\u3000x", "B": "x", "C": '\u3000"x"'}),
    ("A=\x1c1\x1c\nB=\x851\n", {}, {"A": "\x1c1\x1c", "B": "1"}),
    # single quotes: raw, across lines, only \' is unescaped
    ("A='a $X \\n b'\n", {"X": "x"}, {"A": "a $X \\n b"}),
    ("A='$$'\nB='${ X }'\n", {}, {"A": "$$", "B": "${ X }"}),
    ("A='l1\nl2'\n", {}, {"A": "l1\nl2"}),
    ("A='a\\'b'\n", {}, {"A": "a'b"}),
    ("A='a\\\\b'\nB='\\\\'\nC='\\x'\n", {}, {"A": "a\\\\b", "B": "\\\\", "C": "\\x"}),
    ("A='a\\\\'\nB=1\n", {}, {"A": "a\\\\", "B": "1"}),
    # double quotes: escapes, then interpolation
    ('A="a $X \\n b \\" c \\\\ d \\t e \\\' f"\n', {"X": "x"}, {"A": "a x \n b \" c \\ d \t e \\' f"}),
    ('A="\\r|\\a|\\b|\\f|\\v|\\$|\\x|\\u0041|\\`|\\\\n"\n', {}, {"A": "\r|\a|\b|\f|\v|$|\\x|\\u0041|\\`|\\n"}),
    ('A="\\1|\\9|\\c|\\e|\\N"\n', {}, {"A": "\\1|\\9|\\c|\\e|\\N"}),
    # surprising: \0 gives a lone backslash
    ('A="\\0"\nB="x\\0y"\nC="\\00|\\07|\\012|\\0a"\n', {}, {"A": "\\", "B": "x\\y", "C": "\\0|\\7|\\12|\\a"}),
    ('A="\\$X|$$|\\\\$X"\nB="\\$$X"\nC="\\${X}"\n', {"X": "x"}, {"A": "$X|$|\\x", "B": "$x", "C": "${X}"}),
    ('A="\\$"\nB="$"\nC="a\\\\"\n', {}, {"A": "$", "B": "$", "C": "a\\"}),
    ('A="a\\\\"\nB=1\n', {}, {"A": "a\\", "B": "1"}),
    ('A="a\\\\\\""\n', {}, {"A": 'a\\"'}),
    ('A="line1\nline2"\n', {}, {"A": "line1\nline2"}),
    ('A="a\\\nb"\n', {}, {"A": "a\\\nb"}),
    ('A="${X:-d e}"\nB="${X:-$Y}"\nC="${X:-\\"q\\"}"\n', {"Y": "y"}, {"A": "d e", "B": "y", "C": '"q"'}),
    ('A="$X"\nB=\'$X\'\nC=$X\n', {"X": "a b\nc"}, {"A": "a b\nc", "B": "$X", "C": "a b\nc"}),
    ('A= "x"\nB=  \'y\'\nC=\t"z"\n', {}, {"A": "x", "B": "y", "C": "z"}),
    # surprising: after a closing quote the line goes on with the next statement
    ('A="a" b\n', {}, {"A": "a"}),
    ('A="a" #c\nB=\'b\' #c\nC=\'c\'#d\nD="d"\t#c\n', {}, {"A": "a", "B": "b", "C": "c", "D": "d"}),
    ('A="a"b\nB=\'a\'b\n', {}, {"A": "a", "B": "a"}),
    ('A="a"B=2\n', {}, {"A": "a", "B": "2"}),
    ('A="a" B\n', {"B": "x"}, {"A": "a", "B": "x"}),
    ('A="x" \t B=2 C=3\n', {}, {"A": "x", "B": "2 C=3"}),
    ('export A="1" B=2\n', {}, {"A": "1", "B": "2"}),
    ('A="x\ny" junk\nB=1\n', {}, {"A": "x\ny", "B": "1"}),
    ('A="a"=b\n', {}, {"A": "a", "": "b"}),
    ('A="x"\u3000B=1\n', {}, {"A": "x", "B": "1"}),
    # bare keys take their value from lookup, and are left out when it has none
    ("A\n", {"A": "fromenv"}, {"A": "fromenv"}),
    ("A\n", {}, {}),
    ("  A  \n", {"A": "x"}, {"A": "x"}),
    ("A\r\nB=1\r\n", {"A": "x"}, {"A": "x", "B": "1"}),
    ("export A\n", {"A": "fromenv"}, {"A": "fromenv"}),
    ("X=1\nX\n", {"X": "os"}, {"X": "os"}),
    ("X=1\nX\n", {}, {"X": "1"}),
    # interpolation: lookup first, then what the file set earlier
    ("A=1\nB=${A}\n", {}, {"A": "1", "B": "1"}),
    ("A=1\nB=${A}\n", {"A": "os"}, {"A": "1", "B": "os"}),
    ('A=1\nB="$A$A"\n', {}, {"A": "1", "B": "11"}),
    ("B=${A}\nA=1\n", {}, {"A": "1", "B": ""}),
]

# docker compose gives {"": "A"} for these: a bare key on the last line without a line
# break sets the empty name to the key. composer reads them as the bare keys they are.
COMPOSER_ONLY = [
    ("A", {"A": "ev"}, {"A": "ev"}),
    ("A", {}, {}),
    ("B=1\nA", {"A": "ev"}, {"B": "1", "A": "ev"}),
    ("export A", {"A": "ev"}, {"A": "ev"}),
    ("export", {"export": "ev"}, {}),
    ("export ", {}, {}),  # docker compose: "zero length string"
    ('A="x"B', {"B": "ev"}, {"A": "x", "B": "ev"}),
]


@pytest.mark.parametrize(("text", "env", "expected"), CASES)
def test_parse(text, env, expected):
    assert parse_dotenv(text, env.get) == expected


@pytest.mark.parametrize(("text", "env", "expected"), COMPOSER_ONLY)
def test_bare_key_at_end_of_file(text, env, expected):
    assert parse_dotenv(text, env.get) == expected


def test_variables_keep_file_order():
    assert list(parse_dotenv("B=1\nA=2\nC=3\nB=4\n", {}.get)) == ["B", "A", "C"]


def test_unset_variables_are_reported():
    reported: list[str] = []
    values = parse_dotenv('B=${A}\nC="$A"\nD=\'$A\'\nA=1\n', {}.get, on_unset=reported.append)
    assert values == {"B": "", "C": "", "D": "$A", "A": "1"}
    assert reported == ["A", "A"]


KEY_HINT = 'a name holds letters, digits, "_", ".", "-", "[" and "]"'
INTERPOLATION_HINT = 'write "$$" for a literal "$"'

ERRORS = [
    # names
    ("A B=1\n", 1, 'variable name "A B" cannot contain a space', KEY_HINT),
    ("foo bar\n", 1, 'variable name "foo bar" cannot contain a space', KEY_HINT),
    ("export A B\n", 1, 'variable name "A B" cannot contain a space', KEY_HINT),
    ("EXPORT A=1\n", 1, 'variable name "EXPORT A" cannot contain a space', KEY_HINT),
    ('A="a"b c\nD=1\n', 1, 'variable name "b c" cannot contain a space', KEY_HINT),
    ("A!B=1\nC=2\n", 1, 'unexpected character "!" in variable name "A!B"', KEY_HINT),
    ("C=2\n\nA!B=1  # x\n", 3, 'unexpected character "!" in variable name "A!B"', KEY_HINT),
    ('A"B=1\n', 1, 'unexpected character "\\"" in variable name "A\\"B"', KEY_HINT),
    ("A$=3\n", 1, 'unexpected character "$" in variable name "A$"', KEY_HINT),
    ("A #c\n", 1, 'unexpected character "#" in variable name "A #c"', KEY_HINT),
    ("A#c\n", 1, 'unexpected character "#" in variable name "A#c"', KEY_HINT),
    ("A B#=1\n", 1, 'unexpected character "#" in variable name "A B#"', KEY_HINT),
    ("export #c\n", 1, 'unexpected character "#" in variable name "#c"', KEY_HINT),
    ("export A!B=1\n", 1, 'unexpected character "!" in variable name "A!B"', KEY_HINT),
    ("B\U0001F600=1\n", 1, 'unexpected character "\U0001F600" in variable name "B\U0001F600"', KEY_HINT),
    # (invisible characters are shown escaped)
    ("A\u3000=1\n", 1, 'unexpected character "\\u3000" in variable name "A\\u3000"', KEY_HINT),
    ("A\x01B=1\n", 1, 'unexpected character "\\x01" in variable name "A\\x01B"', KEY_HINT),
    ("A\u0301=1\n", 1, 'unexpected character "\u0301" in variable name "A\u0301"', KEY_HINT),
    ("A=1\n\ufeffB=2\n", 2, 'unexpected character "\\ufeff" in variable name "\\ufeffB"', KEY_HINT),
    # a value never reaches the next line, so a quoted value there is a name
    ('A=\n"b"\n', 2, 'unexpected character "\\"" in variable name "\\"b\\""', KEY_HINT),
    ('A="a""b"\n', 1, 'unexpected character "\\"" in variable name "\\"b\\""', KEY_HINT),
    ('A="a" "b"\n', 1, 'unexpected character "\\"" in variable name "\\"b\\""', KEY_HINT),
    ("A='x' 'y'\n", 1, 'unexpected character "\'" in variable name "\'y\'"', KEY_HINT),
    ('A="""\n', 1, 'unexpected character "\\"" in variable name "\\""', KEY_HINT),
    ('A="x\ny"\nB!=1\n', 3, 'unexpected character "!" in variable name "B!"', KEY_HINT),
    ('A="x\ny"B!=1\n', 2, 'unexpected character "!" in variable name "B!"', KEY_HINT),
    # unterminated quotes: docker compose names the last line of the file, composer the first
    ('A="unterminated\nB=2\n', 1,
     'unterminated quoted value "unterminated: no closing double quote before the end of the file', None),
    ("A='unterminated\nB=2\n", 1,
     "unterminated quoted value 'unterminated: no closing single quote before the end of the file", None),
    ('A="x\\"\n', 1, 'unterminated quoted value "x\\": no closing double quote before the end of the file', None),
    ('\n\nA="x\n\n', 3, 'unterminated quoted value "x: no closing double quote before the end of the file', None),
    # interpolation
    ("A=${X:?need x}\n", 1, "required variable X is missing a value: need x", None),
    ('\nA="${X?}"\n', 2, "required variable X is missing a value", None),
    ("A=${ X }\n", 1,
     'invalid interpolation format for "${ X }": whitespace is not allowed in or around the variable name',
     INTERPOLATION_HINT),
    ('A="${ X }"\n', 1,
     'invalid interpolation format for "${ X }": whitespace is not allowed in or around the variable name',
     INTERPOLATION_HINT),
    # the comment is cut before interpolation
    ("A=${X:-a #b}\n", 1, 'invalid interpolation format for "${X:-a": "${" is not closed by "}" on the same line',
     INTERPOLATION_HINT),
    # escapes are replaced before interpolation, so \n breaks the line inside ${...}
    ('A="${X:-a\\nb}"\n', 1, 'invalid interpolation format for "${X:-a": "${" is not closed by "}" on the same line',
     INTERPOLATION_HINT),
]


@pytest.mark.parametrize(("text", "line", "message", "hint"), ERRORS)
def test_error(text, line, message, hint):
    with pytest.raises(DotenvError) as info:
        parse_dotenv(text, {}.get, filename="e.env")
    e = info.value
    assert (e.line, e.message, e.hint) == (line, message, hint)
    assert e.filename == "e.env"


def test_error_is_a_config_error_with_location():
    with pytest.raises(ConfigError) as info:
        parse_dotenv("A=1\nA B=1\n", {}.get, filename="app.env")
    assert str(info.value) == f'app.env:2: variable name "A B" cannot contain a space ({KEY_HINT})'


def test_read_dotenv(tmp_path):
    path = tmp_path / "e.env"
    path.write_bytes("\ufeffA=é\r\nB=${A}\r\n".encode())
    assert read_dotenv(path, {}.get) == {"A": "é", "B": "é"}


def test_read_dotenv_refuses_nul_bytes(tmp_path):
    # docker compose keeps the NUL in the value; composer refuses the file
    path = tmp_path / "e.env"
    path.write_bytes(b"A=1\nB=a\x00b\n")
    with pytest.raises(DotenvError) as info:
        read_dotenv(path, {}.get)
    assert (info.value.line, info.value.message) == (2, "the file holds a NUL byte")
    assert info.value.filename == str(path)


def test_read_dotenv_refuses_invalid_utf8(tmp_path):
    # docker compose reads the byte as U+FFFD; composer refuses the file
    path = tmp_path / "e.env"
    path.write_bytes(b"A=1\n\nB=a\xffb\n")
    with pytest.raises(DotenvError) as info:
        read_dotenv(path, {}.get)
    assert (info.value.line, info.value.message) == (3, "invalid UTF-8 (byte 0xff)")


def test_read_dotenv_passes_a_missing_file_on(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_dotenv(tmp_path / "nope.env", {}.get)
