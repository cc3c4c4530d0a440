"""Run the CLI in a pseudo-terminal, and read what a terminal would show at the end.

`screen()` is a small terminal: it applies carriage returns, newlines, cursor up/down,
erase-line and erase-below, and ignores colours, so the last frame of a live view can be
compared as plain lines.
"""
from __future__ import annotations

import os
import pty
import re
import select
import signal
import struct
import subprocess
import time
from pathlib import Path

from support import COMPOSER

_CSI = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])")


def run_in_pty(*args: str, cwd: str | Path | None = None, env: dict | None = None,
               input: bytes = b"", input_delay: float = 1.0, timeout: float = 120,
               interrupt_after: float | None = None, cols: int = 100) -> tuple[int, str]:
    """Run `composer ARGS…` with stdin, stdout and stderr on a new pty: (exit code, output)."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("NO_COLOR", "COMPOSE_PROJECT_NAME", "COMPOSE_FILE",
                             "COMPOSE_PROFILES", "COMPOSE_ANSI", "COMPOSE_PROGRESS")}
    full_env.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": "40"})
    full_env.update(env or {})
    proc = subprocess.Popen(COMPOSER + list(args), cwd=cwd, env=full_env, stdin=slave,
                            stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    out, start, sent, interrupted = b"", time.monotonic(), False, False
    while time.monotonic() - start < timeout:
        elapsed = time.monotonic() - start
        if input and not sent and elapsed > input_delay:
            os.write(master, input)
            sent = True
        if interrupt_after is not None and not interrupted and elapsed > interrupt_after:
            os.killpg(proc.pid, signal.SIGINT)
            interrupted = True
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        elif proc.poll() is not None:
            break
    else:
        proc.kill()
    code = proc.wait(timeout=10)
    os.close(master)
    return code, out.decode(errors="replace")


def screen(text: str) -> list[str]:
    """The lines a terminal shows after `text` is written to it, trailing blanks removed."""
    lines: list[str] = [""]
    row = col = 0
    i = 0
    while i < len(text):
        m = _CSI.match(text, i)
        if m:
            arg, op = m.group(1), m.group(2)
            n = int(arg) if arg.isdigit() else 1
            if op == "A":
                row = max(0, row - n)
            elif op == "B":
                row += n
            elif op == "G":
                col = max(0, n - 1)
            elif op == "K":
                lines[row] = lines[row][:col] if arg in ("", "0") else ""
            elif op == "J":
                del lines[row + 1:]
                lines[row] = lines[row][:col]
            while len(lines) <= row:
                lines.append("")
            i = m.end()
            continue
        ch = text[i]
        if ch == "\r":
            col = 0
        elif ch == "\n":
            row += 1
            col = 0
            while len(lines) <= row:
                lines.append("")
        elif ch == "\x1b":
            i += 2          # another escape (e.g. ESC 7): skip it
            continue
        else:
            line = lines[row].ljust(col)
            lines[row] = line[:col] + ch + line[col + 1:]
            col += 1
        i += 1
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out
