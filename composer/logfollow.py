"""`logs -f` as docker compose follows: the containers running now, and those of the
followed services that start later (a restart, a scale-up, a `start` while nothing ran),
until every container it waits for has exited. Exits are told among the logs
(`web-1 exited with code 143`). The engine's event stream says what starts and dies."""
from __future__ import annotations

import threading
import time

from composer.logprinter import LogPrinter


class Follower:
    def __init__(self, printer: LogPrinter, engine, project: str, services, index,
                 **log_options):
        self.printer, self.engine, self.project = printer, engine, project
        self.services, self.index, self.options = set(services), index, log_options
        self.pumps: dict[str, threading.Thread] = {}
        self.known: dict[str, object] = {}      # id → observed container
        self.watched: set[str] = set()          # ids followed since they ran
        self.expected: set[str] = set()         # of those, the ones whose exit ends it
        self.followed = False                   # whether anything ran while we followed

    def run(self, containers) -> None:
        since = time.time()
        self.printer.width = max((len(self.printer.label(c)) for c in containers), default=0)
        for c in containers:
            self.known[c.id] = c
            self._attach(c, dict(self.options))
            if c.state in ("running", "restarting"):
                self.watched.add(c.id)
                self.expected.add(c.id)
        self.followed = bool(self.expected)
        # events from just before the containers were listed: a start in between is seen.
        # With nothing running this waits for something to start, as docker compose does.
        for event in self.engine.events(self.project, since=f"{since - 1:.6f}"):
            self._on(event)
            if self.followed and not self.expected:
                return

    def _attach(self, container, options: dict) -> None:
        index = list(self.known).index(container.id)
        pump = threading.Thread(target=self._pump, args=(container, index, options),
                                daemon=True)
        self.pumps[container.id] = pump
        pump.start()

    def _pump(self, container, index: int, options: dict) -> None:
        try:
            self.printer.pump(self.engine, container, index, follow=True, **options)
        except Exception:  # noqa: BLE001 - a container removed under us ends its stream
            pass

    def _on(self, event: dict) -> None:
        if (event.get("Type") or event.get("type")) != "container":
            return
        action = event.get("Action") or event.get("status") or ""
        cid = (event.get("Actor") or {}).get("ID") or event.get("id") or ""
        if action == "start":
            self._started(cid, event)
        elif action == "die" and cid in self.known:
            self._died(cid)

    def _started(self, cid: str, event: dict) -> None:
        if cid in self.pumps and self.pumps[cid].is_alive():
            return      # a restart the engine's log stream followed through
        container = self.known.get(cid) or self._observed(cid)
        if container is None:
            return
        if cid not in self.watched:     # not running when we began: follow it to its exit
            self.watched.add(cid)
            self.expected.add(cid)
            self.followed = True
        self.known[cid] = container
        self.printer.width = max(self.printer.width, len(self.printer.label(container)))
        at = int(event.get("timeNano") or int(event.get("time", 0)) * 10**9) / 1e9
        self._attach(container, dict(self.options, since=f"{at:.6f}", tail="all"))

    def _died(self, cid: str) -> None:
        pump = self.pumps.get(cid)
        if pump is not None:
            pump.join(1)    # its last lines come before the word of its exit
        try:
            state = self.engine.inspect_container(cid)["State"]
        except Exception:  # noqa: BLE001 - already removed: nothing to tell
            self.expected.discard(cid)
            return
        label = self.printer.label(self.known[cid])
        self.printer.notice(f"{label} exited with code {state.get('ExitCode', 0)}")
        if not state.get("Restarting"):
            self.expected.discard(cid)

    def _observed(self, cid: str):
        """The project's container that just started, when it is one we follow."""
        for c in self.engine.observe(self.project).containers:
            if c.id != cid:
                continue
            if c.oneoff or (self.services and c.service not in self.services):
                return None
            if self.index is not None and c.number != self.index:
                return None
            return c
        return None
