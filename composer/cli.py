"""The command line: parse flags, call the library, render, exit code. Nothing else.

Imports of the engine, the schema validator and networkx happen inside the commands,
so `composer --help` and `composer version` stay fast.
"""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from composer import __version__
from composer.clictx import GlobalOptions, run_guarded

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Define and run multi-container applications (a docker compose drop-in).")

Files = typer.Option(None, "-f", "--file", help="Compose configuration files")
Services = typer.Argument(None, help="Services", show_default=False)


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Optional[List[str]] = Files,
    project_name: Optional[str] = typer.Option(None, "-p", "--project-name", help="Project name"),
    profile: Optional[List[str]] = typer.Option(None, "--profile", help="Specify a profile to enable"),
    env_file: Optional[List[str]] = typer.Option(None, "--env-file",
                                                 help="Specify an alternate environment file"),
    project_directory: Optional[str] = typer.Option(None, "--project-directory",
                                                    help="Specify an alternate working directory"),
    env: Optional[str] = typer.Option(None, "--env", envvar="COMPOSER_ENV",
                                      help="Environment overlay: compose.NAME.yaml and .env.NAME"),
    progress: str = typer.Option("auto", "--progress",
                                 help="Progress output: auto, tty, plain, json, quiet"),
    ansi: str = typer.Option("auto", "--ansi", help='Control ANSI output: never, always, auto'),
    parallel: int = typer.Option(-1, "--parallel", envvar="COMPOSE_PARALLEL_LIMIT",
                                 help="Max parallelism, -1 for unlimited"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be done, change nothing"),
    verbose: bool = typer.Option(False, "--verbose", help="Show tracebacks of unexpected errors"),
) -> None:
    ctx.obj = GlobalOptions(files=tuple(file or ()), project_name=project_name,
                            profiles=tuple(profile or ()),
                            env_files=tuple(env_file) if env_file else None,
                            project_directory=project_directory, env_name=env,
                            progress=progress, ansi=ansi, parallel=parallel, dry_run=dry_run,
                            verbose=verbose)


@app.command()
def version(short: bool = typer.Option(False, "--short", help="Shows only the version number"),
            format: str = typer.Option("pretty", "--format", "-f", help="pretty or json")) -> None:
    """Show the composer version information."""
    if short:
        print(__version__)
    elif format == "json":
        print('{"version":"%s"}' % __version__)
    else:
        print(f"composer version {__version__} (docker compose {_compat()} compatible)")


def _compat() -> str:
    from composer.engine.base import COMPOSE_VERSION
    return "v" + COMPOSE_VERSION


@app.command()
def config(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    format: str = typer.Option("yaml", "--format", help="Format the output: yaml or json"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only validate the configuration"),
    list_services: bool = typer.Option(False, "--services", help="Print the service names"),
    list_volumes: bool = typer.Option(False, "--volumes", help="Print the volume names"),
    list_networks: bool = typer.Option(False, "--networks", help="Print the network names"),
    list_images: bool = typer.Option(False, "--images", help="Print the image names"),
    list_profiles: bool = typer.Option(False, "--profiles", help="Print the profile names"),
    hash: Optional[str] = typer.Option(None, "--hash", help="Print the service config hash"),
    no_interpolate: bool = typer.Option(False, "--no-interpolate", help="Don't interpolate"),
    environment: bool = typer.Option(False, "--environment", help="Print the interpolation environment"),
    variables: bool = typer.Option(False, "--variables", help="Print the model variables"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Save to file"),
) -> None:
    """Parse, resolve and render compose file in canonical format."""
    from composer.commands.config import run_config

    run_guarded(ctx, run_config, services=tuple(services or ()), format=format, quiet=quiet,
                list_services=list_services, list_volumes=list_volumes,
                list_networks=list_networks, list_images=list_images,
                list_profiles=list_profiles, hash=hash, no_interpolate=no_interpolate,
                environment=environment, variables=variables, output=output)


@app.command()
def up(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    detach: bool = typer.Option(False, "-d", "--detach", help="Run containers in the background"),
    build: bool = typer.Option(False, "--build", help="Build images before starting containers"),
    no_build: bool = typer.Option(False, "--no-build", help="Don't build an image, even if it's missing"),
    pull: str = typer.Option("policy", "--pull", help='Pull image before running ("always"|"missing"|"never")'),
    wait: bool = typer.Option(False, "--wait", help="Wait for services to be running|healthy"),
    wait_timeout: Optional[float] = typer.Option(None, "--wait-timeout", help="Maximum duration to wait, in seconds"),
    force_recreate: bool = typer.Option(False, "--force-recreate", help="Recreate containers even if unchanged"),
    no_recreate: bool = typer.Option(False, "--no-recreate", help="Don't recreate existing containers"),
    always_recreate_deps: bool = typer.Option(False, "--always-recreate-deps", help="Recreate dependent containers"),
    no_deps: bool = typer.Option(False, "--no-deps", help="Don't start linked services"),
    no_start: bool = typer.Option(False, "--no-start", help="Don't start the services after creating them"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans", help="Remove containers for services not defined in the Compose file"),
    scale: Optional[List[str]] = typer.Option(None, "--scale", help="Scale SERVICE to NUM instances"),
    timeout: Optional[int] = typer.Option(None, "-t", "--timeout", help="Shutdown timeout in seconds"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan, change nothing"),
    abort_on_container_exit: bool = typer.Option(False, "--abort-on-container-exit", help="Stops all containers if any container was stopped"),
    exit_code_from: Optional[str] = typer.Option(None, "--exit-code-from", help="Return the exit code of the selected service container"),
    attach_dependencies: bool = typer.Option(False, "--attach-dependencies", help="Show logs from dependencies"),
    no_color: bool = typer.Option(False, "--no-color", help="Produce monochrome output"),
    no_log_prefix: bool = typer.Option(False, "--no-log-prefix", help="Don't print prefix in logs"),
) -> None:
    """Create and start containers."""
    from composer.commands.up import run_up

    run_guarded(ctx, run_up, services=tuple(services or ()), detach=detach, build=build,
                no_build=no_build, pull=pull, wait=wait, wait_timeout=wait_timeout,
                force_recreate=force_recreate, no_recreate=no_recreate,
                always_recreate_deps=always_recreate_deps, no_deps=no_deps, no_start=no_start,
                remove_orphans=remove_orphans, scale=tuple(scale or ()), timeout=timeout,
                dry_run=dry_run, abort_on_container_exit=abort_on_container_exit,
                exit_code_from=exit_code_from, attach_dependencies=attach_dependencies,
                no_color=no_color, no_log_prefix=no_log_prefix)


@app.command()
def plan(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    format: str = typer.Option("text", "--format", help="text or json"),
    build: bool = typer.Option(False, "--build", help="Plan as for up --build"),
    force_recreate: bool = typer.Option(False, "--force-recreate"),
    no_recreate: bool = typer.Option(False, "--no-recreate"),
    no_deps: bool = typer.Option(False, "--no-deps"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans"),
    scale: Optional[List[str]] = typer.Option(None, "--scale"),
    wait: bool = typer.Option(False, "--wait"),
) -> None:
    """Show what `up` would do and why; exit 0 when nothing would change, 2 otherwise."""
    from composer.commands.up import run_plan

    run_guarded(ctx, run_plan, services=tuple(services or ()), format=format, build=build,
                force_recreate=force_recreate, no_recreate=no_recreate, no_deps=no_deps,
                remove_orphans=remove_orphans, scale=tuple(scale or ()), wait=wait)


@app.command()
def down(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    volumes: bool = typer.Option(False, "-v", "--volumes", help="Remove named volumes declared in the volumes section and anonymous volumes"),
    remove_orphans: bool = typer.Option(False, "--remove-orphans", help="Remove containers for services not defined in the Compose file"),
    rmi: Optional[str] = typer.Option(None, "--rmi", help='Remove images used by services ("local"|"all")'),
    timeout: Optional[int] = typer.Option(None, "-t", "--timeout", help="Shutdown timeout in seconds"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the plan, change nothing"),
) -> None:
    """Stop and remove containers, networks."""
    from composer.commands.down import run_down

    run_guarded(ctx, run_down, services=tuple(services or ()), volumes=volumes,
                remove_orphans=remove_orphans, rmi=rmi, timeout=timeout, dry_run=dry_run)


@app.command()
def ps(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    all: bool = typer.Option(False, "-a", "--all", help="Show all stopped containers"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only display IDs"),
    list_services: bool = typer.Option(False, "--services", help="Display services"),
    status: Optional[List[str]] = typer.Option(None, "--status", help="Filter services by status"),
    filter: Optional[str] = typer.Option(None, "--filter", help="Filter services by a property"),
    format: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """List containers."""
    from composer.commands.ps import run_ps

    run_guarded(ctx, run_ps, services=tuple(services or ()), all=all, quiet=quiet,
                list_services=list_services, status=tuple(status or ()), filter=filter,
                format=format)


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
    from composer.commands.build import run_build

    run_guarded(ctx, run_build, services=tuple(services or ()), no_cache=no_cache, pull=pull,
                quiet=quiet, build_args=tuple(build_arg or ()))


@app.command()
def logs(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    follow: bool = typer.Option(False, "-f", "--follow", help="Follow log output"),
    tail: str = typer.Option("all", "-n", "--tail", help="Number of lines to show from the end"),
    timestamps: bool = typer.Option(False, "-t", "--timestamps", help="Show timestamps"),
    since: Optional[str] = typer.Option(None, "--since", help="Show logs since timestamp or relative"),
    until: Optional[str] = typer.Option(None, "--until", help="Show logs before a timestamp"),
    no_color: bool = typer.Option(False, "--no-color", help="Produce monochrome output"),
    no_log_prefix: bool = typer.Option(False, "--no-log-prefix", help="Don't print prefix in logs"),
    index: Optional[int] = typer.Option(None, "--index", help="index of the container"),
) -> None:
    """View output from containers."""
    from composer.commands.logs import run_logs

    run_guarded(ctx, run_logs, services=tuple(services or ()), follow=follow, tail=tail,
                timestamps=timestamps, since=since, until=until, no_color=no_color,
                no_log_prefix=no_log_prefix, index=index)


def main() -> None:
    """Entry point. Errors inside commands are handled by `run_guarded`; here only the
    argument parser's own exits remain: a usage error exits 1, as docker compose does."""
    from composer import clictx

    try:
        app()
    except SystemExit as e:
        if e.code == 2 and clictx.COMMAND_EXIT is None:
            sys.exit(1)
        raise
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
