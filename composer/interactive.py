"""Connect this terminal to a process in a container: stdin in, stdout and stderr out.

With a TTY the local terminal is put in raw mode (so Ctrl-C, arrows and so on reach the
process) and its size follows the window; it is restored however the session ends.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import Callable, Iterator

Resize = Callable[[int, int], None]


def stdin_is_terminal() -> bool:
    try:
        return os.isatty(sys.stdin.fileno())
    except (ValueError, OSError):
        return False


@contextlib.contextmanager
def raw_terminal(enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


@contextlib.contextmanager
def follow_window(resize: Resize | None) -> Iterator[None]:
    if resize is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def apply(*_):
        size = os.get_terminal_size(sys.stdout.fileno()) if sys.stdout.isatty() else None
        if size:
            resize(size.lines, size.columns)

    previous = signal.signal(signal.SIGWINCH, apply)
    apply()
    try:
        yield
    finally:
        signal.signal(signal.SIGWINCH, previous)


def _feed(stream) -> None:
    fd = sys.stdin.fileno()
    try:
        while True:
            data = os.read(fd, 4096)
            if not data:
                break
            stream.write(data)
    except OSError:
        pass
    stream.close_write()


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data):]


def pump(stream, *, stdin: bool, tty: bool, resize: Resize | None = None) -> None:
    """Copy stdin to the stream and its output to stdout/stderr until the output ends."""
    sys.stdout.flush()
    with raw_terminal(tty and stdin and stdin_is_terminal()), \
            follow_window(resize if tty else None):
        if stdin:
            threading.Thread(target=_feed, args=(stream,), daemon=True).start()
        try:
            for kind, data in stream.frames():
                _write_all(2 if kind == 2 else 1, data)
        finally:
            stream.close()
