"""Print several containers' logs at once, each line prefixed by its container."""
from __future__ import annotations

import sys
import threading
from typing import TextIO

COLORS = ["36", "33", "32", "35", "34", "96", "93", "92", "95", "94"]


class LogPrinter:
    def __init__(self, color: bool, prefix: bool, out: TextIO = sys.stdout):
        self.color = color
        self.prefix = prefix
        self.out = out
        self.lock = threading.Lock()
        self.width = 0

    def label(self, container) -> str:
        return f"{container.service}-{container.number}" if container.number else container.name

    def print_line(self, name: str, index: int, line: str) -> None:
        if self.prefix:
            head = name.ljust(self.width) + "  | "
            if self.color:
                head = f"\x1b[{COLORS[index % len(COLORS)]}m{head}\x1b[0m"
            line = head + line
        self._write(line)

    def notice(self, text: str) -> None:
        """A line of composer's own among the logs (`web-1 exited with code 0`)."""
        self._write(text)

    def _write(self, line: str) -> None:
        with self.lock:
            try:
                self.out.write(line + "\n")
                self.out.flush()
            except BrokenPipeError:     # `composer logs | head`: end quietly, from any thread
                from composer.cli import stdout_closed

                stdout_closed()

    def pump(self, engine, container, index: int, **kwargs) -> None:
        name = self.label(container)
        buffer = b""
        for chunk in engine.logs(container.id, **kwargs):
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                self.print_line(name, index, line.decode(errors="replace").rstrip("\r"))
        if buffer:
            self.print_line(name, index, buffer.decode(errors="replace"))

    def print_logs(self, engine, containers, **kwargs) -> None:
        """Print the logs of every container; returns when all streams end."""
        self.width = max((len(self.label(c)) for c in containers), default=0)
        threads = [threading.Thread(target=self.pump, args=(engine, c, i), kwargs=kwargs,
                                    daemon=True) for i, c in enumerate(containers)]
        for t in threads:
            t.start()
        for t in threads:
            while t.is_alive():
                t.join(0.2)
