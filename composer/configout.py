"""Print the canonical project as docker compose's `config` does: YAML or JSON.

Every `$` in a final string is printed re-escaped as `$$`, so that the output is itself
a valid compose file. The two forms differ where docker compose's do:
  - JSON always has some keys YAML leaves out when empty: `command: null`,
    `entrypoint: null`, a network's `ipam: {}`, deploy's `resources: {}` and
    `placement: {}`, a watch rule's `exec: {command: null}`;
  - JSON has no `x-` extensions below the top level and no top-level `models`, sorts
    the top-level keys, spells blkio device keys `Path`, `Rate`, `Weight`, and escapes
    `<`, `>` and `&` as Go does;
  - YAML quotes a string the way go-yaml does: double quotes when it would read back as
    another type (`"1"`, `"true"`, `"y"`, `"12:30"`), single quotes when only its
    characters need them, a literal block when it spans lines.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml

from composer.loader.yamlscalar import needs_quotes


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("$", "$$") if "$" in value else value
    if isinstance(value, dict):
        return {k: _escaped(v) if not isinstance(v, str) or "$" in v else v
                for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) if not isinstance(v, str) or "$" in v else v for v in value]
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return int(value)
    return value


escape_dollars = _escaped


# --- JSON ---------------------------------------------------------------------------------

_BLKIO_DEVICE_KEYS = ("weight_device", "device_read_bps", "device_read_iops",
                      "device_write_bps", "device_write_iops")
_GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
               "\u2029": "\\u2029"}


def json_form(canonical: dict, escape: bool = False) -> dict:
    """The canonical project as docker compose's JSON shows it (`$` escaped if asked)."""
    out = {}
    for key in sorted(canonical):
        if key == "models":
            continue
        value = canonical[key]
        out[key] = _escaped(value) if key.startswith("x-") and escape else \
            value if key.startswith("x-") else _json_value(value, escape)
    for svc in (out.get("services") or {}).values():
        blkio = svc.get("blkio_config")
        if isinstance(blkio, dict):
            svc["blkio_config"] = {
                k: ([{n.capitalize(): x for n, x in d.items()} for d in v]
                    if k in _BLKIO_DEVICE_KEYS and isinstance(v, list) else v)
                for k, v in blkio.items()}
    return out


def _json_value(value: Any, escape: bool) -> Any:
    """Without `x-` extensions; `$` escaped and integral floats as integers if `escape`."""
    if isinstance(value, dict):
        return {k: _json_value(v, escape) if isinstance(v, (dict, list)) else
                (_escaped(v) if escape else v)
                for k, v in value.items() if not (isinstance(k, str) and k[:2] == "x-")}
    if isinstance(value, list):
        return [_json_value(v, escape) if isinstance(v, (dict, list)) else
                (_escaped(v) if escape else v) for v in value]
    return _escaped(value) if escape else value


def to_json(canonical: dict, escape: bool = True) -> str:
    data = json_form(canonical, escape)
    parts: list[str] = []
    _json(data, "\n", parts)
    text = "".join(parts)
    if any(c in text for c in _GO_ESCAPES):
        text = "".join(_GO_ESCAPES.get(c, c) for c in text)
    return text


_encode = json.encoder.encode_basestring  # C-accelerated when available


def _json(value: Any, nl: str, out: list[str]) -> None:
    """`value` as json.dumps(indent=2) writes it, faster (no generators)."""
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = nl + "  "
        out.append("{")
        sep = inner
        for k, v in value.items():
            out.append(sep)
            out.append(_encode(k if isinstance(k, str) else str(k)))
            out.append(": ")
            if type(v) is str:
                out.append(_encode(v))
            else:
                _json(v, inner, out)
            sep = "," + inner
        out.append(nl + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = nl + "  "
        out.append("[")
        sep = inner
        for v in value:
            out.append(sep)
            if type(v) is str:
                out.append(_encode(v))
            else:
                _json(v, inner, out)
            sep = "," + inner
        out.append(nl + "]")
    elif isinstance(value, str):
        out.append(_encode(value))
    else:
        out.append(json.dumps(value))


# --- YAML ---------------------------------------------------------------------------------


def yaml_form(canonical: dict) -> dict:
    """The canonical project without the keys only docker compose's JSON prints."""
    out = dict(canonical)
    services = {}
    for name, svc in (canonical.get("services") or {}).items():
        svc = {k: v for k, v in svc.items()
               if not (k in ("command", "entrypoint") and v is None)}
        deploy = svc.get("deploy")
        if isinstance(deploy, dict):
            svc["deploy"] = {k: v for k, v in deploy.items()
                             if not (k in ("resources", "placement") and v == {})}
        develop = svc.get("develop")
        if isinstance(develop, dict) and isinstance(develop.get("watch"), list):
            svc["develop"] = {**develop, "watch": [
                {k: v for k, v in w.items() if not (k == "exec" and v == {"command": None})}
                for w in develop["watch"]]}
        services[name] = svc
    if "services" in out:
        out["services"] = services
    if isinstance(out.get("networks"), dict):
        out["networks"] = {k: {f: v for f, v in n.items() if not (f == "ipam" and v == {})}
                           for k, n in out["networks"].items()}
    return out


def to_yaml(canonical: dict, escape: bool = True) -> str:
    global _written
    data = yaml_form(canonical)
    lines: list[str] = []
    _written = _written_escaped if escape else _written_plain
    try:
        _emit_mapping(data, 0, lines)
    finally:
        _written = _written_escaped
    return "\n".join(lines) + "\n"


def _emit_mapping(value: dict, indent: int, lines: list[str], first: str | None = None) -> None:
    """Block mapping entries at `indent`; `first` prefixes the first line (`- `)."""
    pad = " " * indent
    written = _written
    for key, item in value.items():
        key_text = _keys_written.get(key)
        if key_text is None:
            key_text = _keys_written[key] = _style(str(key))
        head = (first if first is not None else pad) + key_text + ":"
        first = None
        kind = type(item)
        if kind is str and "\n" not in item:  # the common case, inline
            text = written.get(item)
            lines.append(f"{head} {text if text is not None else _scalar(item)}")
        elif kind is int:
            lines.append(f"{head} {item}")
        else:
            _emit_value(item, head, indent, lines)


def _emit_value(item: Any, head: str, indent: int, lines: list[str]) -> None:
    if isinstance(item, dict):
        if item:
            lines.append(head)
            _emit_mapping(item, indent + 2, lines)
        else:
            lines.append(head + " {}")
    elif isinstance(item, list):
        if item:
            lines.append(head)
            _emit_sequence(item, indent + 2, lines)
        else:
            lines.append(head + " []")
    else:
        _emit_scalar(item, head, indent, lines)


def _emit_sequence(value: list, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    written = _written
    for item in value:
        if type(item) is str and "\n" not in item:  # the common case, inline
            text = written.get(item)
            lines.append(f"{pad}- {text if text is not None else _scalar(item)}")
        elif isinstance(item, dict) and item:
            _emit_mapping(item, indent + 2, lines, first=pad + "- ")
        elif isinstance(item, list) and item:
            lines.append(pad + "-")
            _emit_sequence(item, indent + 2, lines)
        else:
            _emit_value(item, pad + "-", indent, lines)


def _emit_scalar(item: Any, head: str, indent: int, lines: list[str]) -> None:
    if isinstance(item, str):
        if _written is _written_escaped and "$" in item:
            item = item.replace("$", "$$")
        if "\n" in item and _block_allowed(item):
            lines.append(f"{head} {_block_header(item)}")
            body = item[:-1] if item.endswith("\n") else item
            inner = " " * (indent + 2)
            lines.extend(inner + line if line else "" for line in body.split("\n"))
            return
        lines.append(f"{head} {_style(item)}")
    else:
        lines.append(f"{head} {_plain(_escaped(item))}")


def _plain(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        if math.isnan(value):
            return ".nan"
        return repr(value)
    return str(value)


def _block_header(text: str) -> str:
    chomp = "-" if not text.endswith("\n") else "+" if text.endswith("\n\n") else ""
    indicator = "2" if text[:1] in (" ", "\n") else ""
    return f"|{indicator}{chomp}"


# --- scalar styles, as go-yaml chooses them ------------------------------------------------

_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./+=-]*").fullmatch
_analyzer = None
# strings recur (keys, values): each is styled once; `$` re-escaped or not
_written_escaped: dict[str, str] = {}
_written_plain: dict[str, str] = {}
_written = _written_escaped
_keys_written: dict = {}


def _analysis(text: str):
    global _analyzer
    if _analyzer is None:
        import io

        _analyzer = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    return _analyzer.analyze_scalar(text)


def _scalar(text: str) -> str:
    """A one-line string (or a key) as go-yaml writes it: plain, 'single' or "double";
    `$` re-escaped as `$$` when the output is (keys are not)."""
    found = _written.get(text)
    if found is None:
        escaped = text.replace("$", "$$") if _written is _written_escaped and "$" in text \
            else text
        found = _style(escaped)
        if len(_written) < 100_000:
            _written[text] = found
    return found


def _style(text: str) -> str:
    if not text or needs_quotes(text):
        return _double(text)
    if _SAFE(text):
        return text
    if any(ord(c) > 0xFFFF for c in text):
        return _double(text)
    a = _analysis(text)
    if a.allow_block_plain and not a.multiline:
        return text
    if a.allow_single_quoted and not a.multiline:
        return "'" + text.replace("'", "''") + "'"
    return _double(text)


def _block_allowed(text: str) -> bool:
    if any(ord(c) > 0xFFFF for c in text):
        return False
    return _analysis(text).allow_block


_DOUBLE_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                   "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"',
                   "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L",
                   "\u2029": "\\P"}


def _double(text: str) -> str:
    out = []
    for c in text:
        esc = _DOUBLE_ESCAPES.get(c)
        if esc is not None:
            out.append(esc)
        elif c < " " or c == "\x7f" or "\x80" <= c < "\xa0" or c in "\ufeff\ufffe\uffff" \
                or "\ud800" <= c <= "\udfff":
            code = ord(c)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")
        elif ord(c) > 0xFFFF:
            out.append(f"\\U{ord(c):08X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'
