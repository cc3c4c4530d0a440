"""The `.env` / `env_file` language, read as docker compose v2 reads it.

A file is a series of statements; blank space (line breaks included) and `#` comments
between them are skipped:

    KEY=VALUE   KEY: VALUE   export KEY=VALUE     set KEY (`=` or the first `:` ends a key)
    KEY         export KEY                        KEY from `lookup`; left out if it has none
    export                                        nothing

Values, after the blanks that follow `=`:
    'raw'      up to the next unescaped `'`, line breaks included; only \\' is unescaped
    "text"     up to the next unescaped `"`; \\n \\r \\t \\a \\b \\f \\v \\" \\\\ \\$ are escapes,
               any other \\x stays as written (but \\0 gives a lone backslash); then
               interpolated
    text       up to the end of the line, cut at the first " #", trailing blanks dropped;
               then interpolated; backslashes are plain characters
After a closing quote the same line goes on with the next statement: `A="a" B=2` sets both,
and `A="a" junk` looks `junk` up like a bare key.

Interpolation (composer.loader.interpolate) sees `lookup` first and the variables set earlier
in the same file second: with A in `lookup`, `A=1` then `B=$A` gives B the looked-up A.
A key holds letters, digits (any script), `_ . - [ ]`, and may be empty (`=x`); a space in
it, or any other character, is an error. A leading byte order mark is dropped.

Where composer differs from docker compose v2.40.3, knowingly:
- a bare KEY on the last line with no line break after it: docker compose sets the empty
  name to "KEY" (and fails on a last `export `); composer treats it as any bare KEY;
- an unterminated quote is reported on the line that opens it, not at the end of the file.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from composer import readlog
from composer.errors import ConfigError, Location
from composer.loader.interpolate import InterpolationError, interpolate

TYPE_CHECKING = False   # pathlib costs ~4 ms to import and is only named in a signature
if TYPE_CHECKING:
    from pathlib import Path

Lookup = Callable[[str], "str | None"]
OnUnset = Callable[[str], None] | None

# What docker compose counts as blank: Latin-1 blanks where it skips to a value or a key
# character, every Unicode blank where it skips between statements or trims a value's end.
_LATIN1_SPACE = "\t\n\v\f\r \x85\xa0"
_SPACE = _LATIN1_SPACE + "\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_VALUE_LEAD = _LATIN1_SPACE.replace("\n", "")
_SIMPLE_KEY = re.compile(r"[A-Za-z0-9_.\-\[\]]*")
_KEY_EXTRA = frozenset("_.-[]\t\v\f\r\x85\xa0 ")
_KEY_END = re.compile(r"[=:\n]")
_CLOSE = {'"': re.compile(r'[\\"]'), "'": re.compile(r"[\\']")}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPES = {
    "n": "\n", "r": "\r", "t": "\t", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    '"': '"', "\\": "\\", "$": "$$", "0": "\\",
}  # fmt: skip
KEY_HINT = 'a name holds letters, digits, "_", ".", "-", "[" and "]"'


class DotenvError(ConfigError):
    """A line of a .env / env_file file that docker compose would reject."""

    def __init__(self, message: str, line: int, filename: str | None = None, hint: str | None = None):
        self.line = line
        self.filename = filename
        super().__init__(message, Location(file=filename, line=line), hint)


def parse_dotenv(
    text: str, lookup: Lookup, *, filename: str = ".env", on_unset: OnUnset = None
) -> dict[str, str]:
    """The variables `text` sets, in file order (see the module docstring)."""
    return _Parser(text, lookup, filename, on_unset).parse()


def read_dotenv(path: str | Path, lookup: Lookup, *, on_unset: OnUnset = None) -> dict[str, str]:
    """parse_dotenv() on a UTF-8 file; a NUL byte or invalid UTF-8 is a DotenvError.

    (docker compose reads both without complaint; composer refuses them.) OSError passes.
    """
    data = readlog.read_bytes(str(path))
    name = str(path)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise DotenvError("the file holds a NUL byte", line, name, "save it as UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        message = f"invalid UTF-8 (byte 0x{data[e.start]:02x})"
        raise DotenvError(message, line, name, "save it as UTF-8 text") from None
    return parse_dotenv(text, lookup, filename=name, on_unset=on_unset)


class _Parser:
    def __init__(self, text: str, lookup: Lookup, filename: str, on_unset: OnUnset):
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.lookup = lookup
        self.filename = filename
        self.on_unset = on_unset
        self.values: dict[str, str] = {}
        self.pos = 0

    def parse(self) -> dict[str, str]:
        text, n = self.text, len(self.text)
        while True:
            pos = self.pos
            while pos < n and text[pos] in _SPACE:
                pos += 1
            if pos >= n:
                return self.values
            if text[pos] == "#":
                self.pos = self._line_end(pos)
            else:
                self.pos = pos
                self._statement()

    def _statement(self) -> None:
        text, pos = self.text, self.pos
        if text.startswith("export", pos) and text[pos + 6 : pos + 7] in ("", " ", "\t", "\r", "\n"):
            pos += 6
            while pos < len(text) and text[pos] in " \t\r":
                pos += 1
            if pos >= len(text) or text[pos] == "\n":
                self.pos = pos
                return
        m = _KEY_END.search(text, pos)
        end = m.start() if m else len(text)
        key = self._key(text[pos:end], pos)
        if m is None or m.group() == "\n":
            self.pos = end
            value = self.lookup(key)
            if value is not None:
                self.values[key] = value
            return
        pos = end + 1
        while pos < len(text) and text[pos] in _VALUE_LEAD:
            pos += 1
        if pos < len(text) and text[pos] in "\"'":
            value, self.pos = self._quoted(pos)
        else:
            value, self.pos = self._unquoted(pos)
        self.values[key] = value

    def _key(self, raw: str, pos: int) -> str:
        if not _SIMPLE_KEY.fullmatch(raw):
            for ch in raw:
                if ch not in _KEY_EXTRA and unicodedata.category(ch)[0] not in "LN":
                    shown = raw.strip(_LATIN1_SPACE)
                    message = f"unexpected character {_quote(ch)} in variable name {_quote(shown)}"
                    raise self._error(message, pos, KEY_HINT)
        key = raw.strip(_LATIN1_SPACE)
        if " " in key:
            raise self._error(f"variable name {_quote(key)} cannot contain a space", pos, KEY_HINT)
        return key

    def _quoted(self, start: int) -> tuple[str, int]:
        text, quote = self.text, self.text[start]
        pos = start + 1
        while (m := _CLOSE[quote].search(text, pos)) is not None and m.group() == "\\":
            pos = m.end() + 1
        if m is None:
            shown = text[start : self._line_end(start)]
            kind = "double" if quote == '"' else "single"
            message = f"unterminated quoted value {shown}: no closing {kind} quote before the end of the file"
            raise self._error(message, start)
        raw = text[start + 1 : m.start()]
        if quote == "'":
            return raw.replace("\\'", "'"), m.end()
        return self._expand(_ESCAPE.sub(_unescape, raw), start), m.end()

    def _unquoted(self, start: int) -> tuple[str, int]:
        end = self._line_end(start)
        raw = self.text[start:end]
        comment = raw.find(" #")
        if comment >= 0:
            raw = raw[:comment]
        return self._expand(raw.rstrip(_SPACE), start), end

    def _expand(self, raw: str, pos: int) -> str:
        try:
            return interpolate(raw, self._resolve, self.on_unset)
        except InterpolationError as e:
            raise self._error(str(e), pos, e.hint) from None

    def _resolve(self, name: str) -> str | None:
        value = self.lookup(name)
        return self.values.get(name) if value is None else value

    def _line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def _error(self, message: str, pos: int, hint: str | None = None) -> DotenvError:
        line = self.text.count("\n", 0, pos) + 1
        return DotenvError(message, line, self.filename, hint)


def _unescape(m: re.Match[str]) -> str:
    ch = m.group(1)
    return _ESCAPES.get(ch, "\\" + ch)


def _quote(s: str) -> str:
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in s)
    return '"' + shown.replace('"', '\\"') + '"'
