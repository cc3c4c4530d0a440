"""`composer create`: create the containers of services without starting them."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, make_sink, run_guarded, warn
from composer.errors import ConfigError


def converge(g: GlobalOptions, loaded, opts, title: str = "Running") -> int:
    """Plan `up` with these options and apply it (or print it with --dry-run)."""
    from composer.api import apply, connect, plan_up
    from composer.projectlock import hold

    if not g.dry_run:
        hold(loaded.project.name)
    engine = connect()
    plan = plan_up(loaded, engine, opts)
    for w in plan.warnings:
        warn(w)
    if g.dry_run:
        print(plan.render(include_keep=False) or "nothing to do")
        return 0
    with make_sink(g, title) as sink:
        apply(plan, loaded, engine, sink, parallel=g.workers)
    return 0


def run_create(g: GlobalOptions, *, services, build, no_build, pull, force_recreate,
               no_recreate, remove_orphans, scale) -> int:
    from composer.commands.targets import load
    from composer.uprun import up_options

    if build and no_build:
        raise ConfigError("--build and --no-build are incompatible")
    if force_recreate and no_recreate:
        raise ConfigError("--force-recreate and --no-recreate are incompatible")
    loaded, _ = load(g, services, need_file=True)
    opts = up_options(loaded, services=services, scale=scale, build=build, no_build=no_build,
                      pull=pull, force_recreate=force_recreate, no_recreate=no_recreate,
                      remove_orphans=remove_orphans, no_start=True)
    return converge(g, loaded, opts)


@app.command()
def create(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    build: bool = typer.Option(False, "--build", help="Build images before starting containers"),
    no_build: bool = typer.Option(False, "--no-build", help="Don't build an image, even if "
                                                            "it's policy"),
    pull: str = typer.Option("policy", "--pull", help='Pull image before running '
                                                      '("always"|"missing"|"never"|"build")'),
    force_recreate: bool = typer.Option(False, "--force-recreate", help="Recreate containers "
                                                                        "even if unchanged"),
    no_recreate: bool = typer.Option(False, "--no-recreate", help="If containers already "
                                                                  "exist, don't recreate them"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans", help="Remove containers for "
                                        "services not defined in the Compose file"),
    scale: Optional[List[str]] = typer.Option(None, "--scale", help="Scale SERVICE to NUM "
                                                                    "instances"),
    yes: bool = typer.Option(False, "-y", "--yes", help="Assume \"yes\" as answer to all "
                                                        "prompts"),
) -> None:
    """Creates containers for a service."""
    run_guarded(ctx, run_create, services=tuple(services or ()), build=build,
                no_build=no_build, pull=pull, force_recreate=force_recreate,
                no_recreate=no_recreate, remove_orphans=remove_orphans,
                scale=tuple(scale or ()))
