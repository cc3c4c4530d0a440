"""Boolean flags written the Go way. docker compose's parser (pflag) takes `--orphans=false`
or `--detach=true` for any boolean flag; click only knows `--orphans` and `--no-orphans`.
`rewrite` turns the first form into the second before typer parses the command line.

Only options are rewritten: the command's own arguments, and everything after the
service of `exec`/`run` (the container's command), are left as they are.
"""
from __future__ import annotations

import re
from typing import Sequence

GO_BOOL = re.compile(r"^(--[A-Za-z0-9][\w-]*|-[A-Za-z0-9])="
                     r"(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)$")
_TRUE = ("1", "t", "true")


def rewrite(args: Sequence[str], group) -> list[str]:
    """`args` with every `--flag=BOOL` of a boolean flag as click spells it."""
    if not any(GO_BOOL.match(a) for a in args):
        return list(args)
    out: list[str] = []
    command, rest = group, list(args)
    while rest:
        a = rest.pop(0)
        if a == "--":
            return out + [a] + rest
        options = _options(command)
        match = GO_BOOL.match(a)
        if match and match.group(1) in options and options[match.group(1)].is_flag:
            out.extend(_spelled(options[match.group(1)], match.group(1), match.group(2)))
            continue
        out.append(a)
        if a.startswith("-"):
            known = options.get(a.split("=", 1)[0])
            if known is not None and not known.is_flag and "=" not in a and rest:
                out.append(rest.pop(0))          # the option's value
        elif command is group:                   # the command's name
            command = group.commands.get(a)
            if command is None or hasattr(command, "commands"):
                return out + rest                # unknown, or a group of its own (stack)
        elif not _interspersed(command):         # exec/run: the rest is the container's
            return out + rest
    return out


def _options(command) -> dict:
    return {opt: p for p in command.params if hasattr(p, "is_flag")
            for opt in (*p.opts, *p.secondary_opts)}


def _interspersed(command) -> bool:
    return command.context_settings.get("allow_interspersed_args",
                                        command.allow_interspersed_args)


def _spelled(param, name: str, value: str) -> list[str]:
    wanted = value.lower() in _TRUE
    if name in param.secondary_opts:            # --no-x=false means --x
        wanted, name = not wanted, next(o for o in param.opts if o.startswith("--"))
    if wanted:
        return [name]
    return [param.secondary_opts[0]] if param.secondary_opts else []
