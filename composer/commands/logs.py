"""`composer logs`: the output of the project's containers, prefixed by container."""
from __future__ import annotations

from composer.clictx import GlobalOptions
from composer.commands.down import project_for
from composer.logprinter import LogPrinter


def run_logs(g: GlobalOptions, *, services, follow, tail, timestamps, since, until, no_color,
             no_log_prefix, index) -> int:
    import sys

    from composer.api import connect

    loaded, name = project_for(g)
    engine = connect()
    containers = [c for c in engine.observe(name).containers if not c.oneoff]
    if services:
        containers = [c for c in containers if c.service in services]
    if index is not None:
        containers = [c for c in containers if c.number == index]
    containers.sort(key=lambda c: (c.service, c.number))
    printer = LogPrinter(color=not no_color and sys.stdout.isatty(), prefix=not no_log_prefix)
    printer.follow(engine, containers, follow=follow, tail=tail, timestamps=timestamps,
                   since=since, until=until)
    return 0
