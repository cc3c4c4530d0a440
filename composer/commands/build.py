"""`composer build`: build the images of services that have `build:`."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import ConfigError


def run_build(g: GlobalOptions, *, services, no_cache, pull, quiet, build_args) -> int:
    import dataclasses

    from composer.api import apply, connect, load_project
    from composer.plan import PlanBuilder
    from composer.planner import image_ref

    loaded = load_project(g.load_options(services))
    for w in loaded.warnings:
        warn(w)
    project = loaded.project
    extra = {}
    for item in build_args:
        k, eq, v = item.partition("=")
        extra[k] = v if eq else project.environment.get(k)
    names = services or tuple(sorted(project.services))
    b = PlanBuilder()
    for name in names:
        svc = project.services.get(name)
        if svc is None:
            raise ConfigError(f"no such service: {name}")
        if svc.build is None:
            continue
        if no_cache or pull or extra:
            new_build = dataclasses.replace(svc.build, no_cache=no_cache or svc.build.no_cache,
                                            pull=pull or svc.build.pull,
                                            args={**svc.build.args, **extra})
            svc = dataclasses.replace(svc, build=new_build)
            project = dataclasses.replace(project, services={**project.services, name: svc})
        b.add("build", f"service:{name}", "composer build", image=image_ref(project, svc),
              service=name)
    loaded.project = project
    sink = make_sink(g, "Building") if not quiet else None
    if sink is None:
        from composer.ui import QuietSink
        sink = QuietSink()
    apply(b.build(), loaded, connect(), sink, parallel=g.workers)
    return 0


@app.command()
def build(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not use cache when building"),
    pull: bool = typer.Option(False, "--pull", help="Always attempt to pull a newer base image"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Don't print anything"),
    build_arg: Optional[List[str]] = typer.Option(None, "--build-arg", help="Set build-time variables"),
) -> None:
    """Build or rebuild services."""
    run_guarded(ctx, run_build, services=tuple(services or ()), no_cache=no_cache, pull=pull,
                quiet=quiet, build_args=tuple(build_arg or ()))
