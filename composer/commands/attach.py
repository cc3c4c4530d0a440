"""Attached `up`: stream the containers' logs until they exit or Ctrl-C stops them.

The first Ctrl-C stops the containers gracefully, dependents before their dependencies
(as `down` does); a second one kills them. A Ctrl-C while `up` is still starting them (say,
waiting for a dependency to be healthy) stops what is running the same way. With
--abort-on-container-exit (or --exit-code-from) the first container to exit stops the
rest, and `up` exits with that container's code (or the chosen service's).
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from composer.batch import dependencies_of, levels
from composer.logprinter import LogPrinter

GRACEFUL = "Gracefully stopping... (press Ctrl+C again to force)"


@dataclass(slots=True)
class _Exits:
    """Containers whose log stream ended, in the order they ended."""

    order: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Event = field(default_factory=threading.Event)

    def add(self, container) -> None:
        with self.lock:
            self.order.append(container)
        self.changed.set()


def attached_services(project, services, dependencies: bool) -> set[str]:
    """The named services (all when none), with their dependencies if asked; services
    with `attach: false` are left out."""
    names = set(services or project.services)
    if services and dependencies:
        from composer.planner_graph import Deps

        names |= Deps(project).ancestors(names)
    return {n for n in names if project.services[n].spec.get("attach", True) is not False}


def attach(loaded, engine, *, services, timeout, abort_on_exit, exit_code_from, dependencies,
           color, prefix, since: float | None = None) -> int:
    """Follow the logs (from `since`, the moment `up` began, when given) until the
    containers exit, one aborts, or Ctrl-C; returns the exit code for `up`."""
    project = loaded.project
    names = attached_services(project, services, dependencies or bool(exit_code_from))
    if exit_code_from:
        names.add(exit_code_from)
    observed = engine.observe(project.name)
    containers = sorted((c for c in observed.containers if not c.oneoff and c.service in names),
                        key=lambda c: (c.service, c.number))
    everyone = [c for c in observed.containers if not c.oneoff and c.state == "running"
                and c.service in project.services]
    dependencies = dependencies_of(project)
    printer = LogPrinter(color=color, prefix=prefix)
    printer.width = max((len(printer.label(c)) for c in containers), default=0)
    print("Attaching to " + ", ".join(printer.label(c) for c in containers), flush=True)
    exits = _Exits()
    for i, c in enumerate(containers):
        threading.Thread(target=_pump, args=(printer, engine, c, i, exits, since),
                         daemon=True).start()
    try:
        first = _wait_for_exits(exits, len(containers), abort_on_exit)
    except KeyboardInterrupt:
        print(GRACEFUL, file=sys.stderr, flush=True)
        if _stop_all(engine, everyone, timeout, dependencies):
            _settle(exits, len(containers))
        return 130
    if first is not None:
        print("Aborting on container exit...", file=sys.stderr, flush=True)
        if not _stop_all(engine, everyone, timeout, dependencies):
            return 130
        _settle(exits, len(containers))
    if exit_code_from:
        target = next((c for c in containers if c.service == exit_code_from), None)
        return _exit_code(engine, target) if target else 0
    return _exit_code(engine, first) if first is not None else 0


def _pump(printer: LogPrinter, engine, container, index: int, exits: _Exits,
          since: float | None) -> None:
    try:
        printer.pump(engine, container, index, follow=True, tail="all",
                     since=None if since is None else f"{since:.6f}")
    except Exception:  # noqa: BLE001 - a container removed under us ends its stream
        pass
    code = _exit_code(engine, container)
    printer.notice(f"{printer.label(container)} exited with code {code}")
    exits.add(container)


def _wait_for_exits(exits: _Exits, total: int, abort_on_exit: bool):
    """The first container to exit when aborting on exit, else None once all exited."""
    while True:
        exits.changed.wait(0.5)
        exits.changed.clear()
        with exits.lock:
            if abort_on_exit and exits.order:
                return exits.order[0]
            if len(exits.order) >= total:
                return None


def _settle(exits: _Exits, total: int, seconds: float = 3) -> None:
    """Give the log streams of the stopped containers a moment to end and say so."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with exits.lock:
            if len(exits.order) >= total:
                return
        exits.changed.wait(0.2)
        exits.changed.clear()


def _exit_code(engine, container) -> int:
    try:
        return int(engine.inspect_container(container.id)["State"].get("ExitCode") or 0)
    except Exception:  # noqa: BLE001 - gone: nothing to report
        return 0


def interrupted_start(loaded, engine, services, timeout) -> None:
    """Ctrl-C while an attached `up` was still creating and starting: stop gracefully
    what is running of the services it was bringing up (a second Ctrl-C kills), as docker
    compose does. Containers not started yet stay as they are."""
    from composer.planner_graph import Deps

    print(GRACEFUL, file=sys.stderr, flush=True)
    _let_workers_finish()
    project = loaded.project
    deps = Deps(project)
    names = set(services or project.services)
    names |= deps.ancestors(names)
    running = [c for c in engine.observe(project.name).containers
               if not c.oneoff and c.service in names and c.state in ("running", "restarting")]
    _stop_all(engine, running, timeout, dependencies_of(project))


def _let_workers_finish(seconds: float = 5) -> None:
    """Give an engine call the interrupted executor still has in flight (a start sent just
    before Ctrl-C) a moment to return, so that what it started is seen and stopped."""
    end = time.monotonic() + seconds
    for t in threading.enumerate():
        if t is not threading.current_thread() and not t.daemon and t.is_alive():
            t.join(max(0.0, end - time.monotonic()))


def _stop_all(engine, containers, timeout, dependencies: dict[str, set[str]]) -> bool:
    """Stop the containers, dependents before their dependencies (the containers of one
    level at once); a Ctrl-C meanwhile kills them all instead (and the result is False)."""
    if not containers:
        return True
    groups = levels({c.service for c in containers}, dependencies)
    groups.reverse()
    pool = ThreadPoolExecutor(max_workers=min(16, len(containers)))
    try:
        for group in groups:
            futures = [pool.submit(_stop_one, engine, c, timeout)
                       for c in sorted(containers, key=lambda c: (c.service, c.number))
                       if c.service in group]
            for f in futures:
                while not f.done():
                    _wait_future(f)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("Killing...", file=sys.stderr, flush=True)
        with ThreadPoolExecutor(max_workers=min(16, len(containers))) as killers:
            list(killers.map(lambda c: _stop_one(engine, c, 0, "Killed"), containers))
        return False
    finally:
        pool.shutdown(wait=False)
    return True


def _wait_future(f) -> None:
    try:
        f.result(timeout=0.5)
    except TimeoutError:
        pass
    except Exception:  # noqa: BLE001 - reported by _stop_one
        pass


def _stop_one(engine, c, timeout, done_word: str = "Stopped") -> None:
    print(f" Container {c.name}  Stopping", file=sys.stderr, flush=True)
    try:
        engine.stop_container(c.id, timeout)
    except Exception as e:  # noqa: BLE001 - say it and go on with the others
        print(f" Container {c.name}  Error {e}", file=sys.stderr, flush=True)
        return
    print(f" Container {c.name}  {done_word}", file=sys.stderr, flush=True)
