"""`composer cp`: copy files between a service container and the host, both ways, through
the engine's archive endpoints. `-` reads or writes a tar stream."""
from __future__ import annotations

import os
import posixpath
import sys

import typer

from composer.cliapp import app
from composer.clictx import GlobalOptions, make_sink, run_guarded
from composer.errors import ConfigError, EngineError

DIR_BIT = 1 << 31   # os.ModeDir in the engine's stat


def _container(t, service, index, all):
    """Every container of the service (one-offs too with --all), or the one at --index."""
    found = t.containers((service,), oneoff=all, index=index or None)
    if not found:
        raise EngineError(f'service "{service}" has no container'
                          + (f" #{index}" if index else ""))
    return found


def _from_container(g, t, service, src, dest, index, archive) -> None:
    from composer.copying import unpack
    from composer.plan import Step

    c = _container(t, service, index, False)[0]
    label = f"{c.name} copy {c.name}:{src} to {dest}"
    step = Step(1, "copy", f"container:{c.name}", "cp")
    chunks, stat = t.engine.get_archive(c.id, src)
    if dest == "-":
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    with make_sink(g, "Copying") as sink:
        sink.step_started(step, label)
        unpack(chunks, (stat or {}).get("name") or posixpath.basename(src.rstrip("/")), dest,
               archive=archive)
        sink.step_done(step, label)


def _to_containers(g, t, service, src, dest, index, all, follow_link) -> None:
    from composer.copying import pack
    from composer.plan import Step

    containers = _container(t, service, index, all)
    with make_sink(g, "Copying") as sink:
        for n, c in enumerate(containers, 1):
            label = f"{c.name} copy {src} to {c.name}:{dest}"
            step = Step(n, "copy", f"container:{c.name}", "cp")
            sink.step_started(step, label)
            if src == "-":
                data, where = sys.stdin.buffer.read(), dest
            else:
                stat = t.engine.path_stat(c.id, dest)
                into_dir = dest.endswith("/") or (stat is not None and stat["mode"] & DIR_BIT)
                name = os.path.basename(os.path.abspath(src)) if into_dir else \
                    posixpath.basename(dest.rstrip("/"))
                where = dest if into_dir else posixpath.dirname(dest.rstrip("/")) or "/"
                data = pack(src, name, follow_link)
            t.engine.put_archive(c.id, where, data)
            sink.step_done(step, label)


def run_cp(g: GlobalOptions, *, source, destination, index, all, archive, follow_link) -> int:
    from composer.commands.targets import target
    from composer.copying import parse_location

    src_service, src = parse_location(source)
    dest_service, dest = parse_location(destination)
    if bool(src_service) == bool(dest_service):
        raise ConfigError("cp: exactly one of source and destination must be SERVICE:PATH")
    service = src_service or dest_service
    t = target(g, (service,))
    if g.dry_run:
        print(f"would copy {source} to {destination}")
        return 0
    if src_service:
        _from_container(g, t, service, src, dest, index, archive)
    else:
        _to_containers(g, t, service, src, dest, index, all, follow_link)
    return 0


@app.command()
def cp(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="SERVICE:SRC_PATH|SRC_PATH|-"),
    destination: str = typer.Argument(..., metavar="DEST_PATH|-|SERVICE:DEST_PATH"),
    index: int = typer.Option(0, "--index", help="Index of the container if service has "
                                                 "multiple replicas (default: all to copy "
                                                 "into, the first to copy from)"),
    all: bool = typer.Option(False, "--all", help="Include containers created by the run "
                                                  "command"),
    archive: bool = typer.Option(False, "-a", "--archive", help="Archive mode (copy all "
                                                                "uid/gid information)"),
    follow_link: bool = typer.Option(False, "-L", "--follow-link", help="Always follow "
                                                                        "symbol link in "
                                                                        "SRC_PATH"),
) -> None:
    """Copy files/folders between a service container and the local filesystem."""
    run_guarded(ctx, run_cp, source=source, destination=destination, index=index, all=all,
                archive=archive, follow_link=follow_link)
