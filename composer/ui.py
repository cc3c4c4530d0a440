"""Progress sinks: what a person sees while the executor works.

`PlainSink` writes one line per change (`Container demo-web-1  Started`), as docker compose
does when not on a terminal; `LiveSink` keeps one line per resource with a spinner and the
elapsed time on a terminal; `JsonSink` writes one JSON object per event.
"""
from __future__ import annotations

import json
import sys
import threading
import time
from typing import TextIO

from composer.plan import Step

WORDS = {
    "create_network": ("Creating", "Created"),
    "create_volume": ("Creating", "Created"),
    "remove_network": ("Removing", "Removed"),
    "network_in_use": ("Removing", "Resource is still in use"),
    "volume_exists": ("Creating", "Exists"),
    "remove_volume": ("Removing", "Removed"),
    "remove_image": ("Removing", "Removed"),
    "build": ("Building", "Built"),
    "pull": ("Pulling", "Pulled"),
    "create": ("Creating", "Created"),
    "recreate": ("Recreate", "Recreated"),
    "start": ("Starting", "Started"),
    "stop": ("Stopping", "Stopped"),
    "remove": ("Removing", "Removed"),
    "keep": ("Running", "Running"),
    "kill": ("Killing", "Killed"),
    "pause": ("Pausing", "Paused"),
    "unpause": ("Unpausing", "Unpaused"),
    "restart": ("Restarting", "Started"),
    "push": ("Pushing", "Pushed"),
    "skip": ("Skipped", "Skipped"),
    "copy": ("Copying", "Copied"),
    # swarm (composer stack deploy / rm)
    "create_service": ("Creating", "Created"),
    "update_service": ("Updating", "Updated"),
    "remove_service": ("Removing", "Removed"),
    "create_secret": ("Creating", "Created"),
    "create_config": ("Creating", "Created"),
    "remove_secret": ("Removing", "Removed"),
    "remove_config": ("Removing", "Removed"),
    "converge": ("Converging", "Converged"),
    "drain": ("Draining", "Drained"),
}


def words(step: Step) -> tuple[str, str]:
    if step.action == "wait":
        cond = step.args.get("condition")
        done = {"service_healthy": "Healthy", "service_completed_successfully": "Exited",
                "service_running": "Running"}.get(cond, "Ready")
        return "Waiting", done
    return WORDS.get(step.action, (step.action.capitalize(), step.action.capitalize()))


class _NoLive:
    """Sinks that draw nothing between events are context managers too."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


class PlainSink(_NoLive):
    def __init__(self, out: TextIO = sys.stderr, show_logs: bool = False):
        self.out = out
        self.show_logs = show_logs
        self.lock = threading.Lock()

    def _line(self, text: str) -> None:
        with self.lock:
            print(text, file=self.out, flush=True)

    def step_started(self, step: Step, label: str) -> None:
        self._line(f" {label}  {words(step)[0]}")

    def step_done(self, step: Step, label: str) -> None:
        self._line(f" {label}  {words(step)[1]}")

    def step_failed(self, step: Step, label: str, error: str) -> None:
        self._line(f" {label}  Error {error.splitlines()[0] if error else ''}")

    def step_log(self, step: Step, line: str) -> None:
        if self.show_logs or step.action == "build":
            self._line(f" {line}")

    def warning(self, text: str) -> None:
        for line in text.splitlines():
            self._line(f"WARN[0000] {line}")


class JsonSink(_NoLive):
    """One JSON object per event, with docker compose's field names (`id`, `status`)."""

    def __init__(self, out: TextIO = sys.stderr):
        self.out = out
        self.lock = threading.Lock()

    def _emit(self, **fields) -> None:
        with self.lock:
            print(json.dumps(fields, separators=(",", ":")), file=self.out, flush=True)

    def step_started(self, step: Step, label: str) -> None:
        self._emit(id=label, status=words(step)[0])

    def step_done(self, step: Step, label: str) -> None:
        self._emit(id=label, status=words(step)[1])

    def step_failed(self, step: Step, label: str, error: str) -> None:
        self._emit(id=label, text="Error", status=error)

    def step_log(self, step: Step, line: str) -> None:
        self._emit(id=step.resource, text=line)

    def warning(self, text: str) -> None:
        self._emit(level="warning", text=text)


class QuietSink(_NoLive):
    def step_started(self, step, label): pass

    def step_done(self, step, label): pass

    def step_failed(self, step, label, error): pass

    def step_log(self, step, line): pass

    def warning(self, text): pass


class LiveSink:
    """A rich live view as docker compose draws it: a `[+] Running 2/3` header, then one
    row per resource with a spinner (✔ when done, ✘ on error), its state and the elapsed
    time at the right edge."""

    def __init__(self, title: str, out: TextIO = sys.stderr, force_terminal: bool | None = None,
                 color: bool = True):
        from rich.console import Console
        from rich.live import Live

        self.console = Console(file=out, force_terminal=force_terminal,
                               force_interactive=force_terminal, no_color=not color,
                               highlight=False)
        self.rows: dict[str, list] = {}   # label → [state, started, ended, failed]
        self.title = title
        self.lock = threading.Lock()
        from rich.spinner import Spinner

        self.spinner = Spinner("dots", style="yellow")
        self.live = Live(console=self.console, refresh_per_second=10, transient=False,
                         get_renderable=self._render)

    def __enter__(self) -> "LiveSink":
        self.live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.live.__exit__(*exc)

    def _render(self):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        with self.lock:
            rows = [(label, list(r)) for label, r in self.rows.items()]
        done = sum(1 for _, r in rows if r[2] is not None)
        header = Text(f"[+] {self.title} {done}/{len(rows)}",
                      style="blue" if done == len(rows) else "")
        table = Table.grid(expand=True, padding=(0, 1))
        table.add_column(no_wrap=True)                       # mark
        table.add_column(no_wrap=True)                       # resource
        table.add_column(ratio=1, no_wrap=True)              # state
        table.add_column(justify="right", no_wrap=True)      # elapsed
        now = time.monotonic()
        for label, (state, started, ended, failed) in rows:
            elapsed = Text(f"{(ended or now) - started:.1f}s", style="blue")
            if failed:
                mark, shown = Text("✘", style="red"), Text(state, style="red")
            elif ended is None:
                mark, shown = self.spinner.render(now), Text(state)
            else:
                mark, shown = Text("✔", style="green"), Text(state, style="green")
            table.add_row(Text.assemble(" ", mark), Text(label + " "), shown, elapsed)
        return Group(header, table)

    def step_started(self, step: Step, label: str) -> None:
        with self.lock:
            self.rows[label] = [words(step)[0], time.monotonic(), None, False]

    def step_done(self, step: Step, label: str) -> None:
        with self.lock:
            row = self.rows.setdefault(label, [None, time.monotonic(), None, False])
            row[0], row[2] = words(step)[1], time.monotonic()

    def step_failed(self, step: Step, label: str, error: str) -> None:
        with self.lock:
            row = self.rows.setdefault(label, [None, time.monotonic(), None, False])
            first = error.splitlines()[0] if error else ""
            row[0], row[2], row[3] = f"Error {first}".strip(), time.monotonic(), True

    def step_log(self, step: Step, line: str) -> None:
        pass

    def warning(self, text: str) -> None:
        self.console.print(f"[yellow]WARN[/] {text}", highlight=False)
