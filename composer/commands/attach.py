"""Attached `up`: stream the containers' logs until they exit or Ctrl-C stops them.

The first Ctrl-C stops the containers gracefully; a second one kills them. With
--abort-on-container-exit the first container to exit stops the rest.
"""
from __future__ import annotations

import signal
import sys
import threading

from composer.logprinter import LogPrinter


def attach(loaded, engine, *, services, timeout, abort_on_exit, exit_code_from, dependencies,
           color, prefix) -> int:
    project = loaded.project
    names = set(services or project.services)
    if services and dependencies:
        from composer.graph import build_graph
        import networkx as nx
        g = build_graph(project)
        for s in services:
            names |= nx.ancestors(g, s)
    observed = engine.observe(project.name)
    containers = sorted((c for c in observed.containers if not c.oneoff and c.service in names),
                        key=lambda c: (c.service, c.number))
    printer = LogPrinter(color=color, prefix=prefix)
    printer.width = max((len(printer.label(c)) for c in containers), default=0)
    first_exit: list = []
    done = threading.Event()

    def pump(c, i):
        try:
            printer.pump(engine, c, i, follow=True, tail="all")
        finally:
            first_exit.append(c)
            if abort_on_exit or len(first_exit) == len(containers):
                done.set()

    threads = [threading.Thread(target=pump, args=(c, i), daemon=True)
               for i, c in enumerate(containers)]
    for t in threads:
        t.start()
    interrupted = False
    try:
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        interrupted = True
        print("Gracefully stopping... (press Ctrl+C again to force)", file=sys.stderr)
    _stop_all(engine, containers, timeout, interrupted)
    if interrupted:
        return 130
    if exit_code_from:
        target = [c for c in containers if c.service == exit_code_from]
        if target:
            return engine.inspect_container(target[0].id)["State"].get("ExitCode", 0) or 0
    return 0


def _stop_all(engine, containers, timeout, graceful_first: bool) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def stop(c):
        engine.stop_container(c.id, timeout)

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(stop, containers))
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for c in containers:
            engine.stop_container(c.id, 0)
