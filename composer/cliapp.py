"""The typer application and its global options; commands register themselves on it.

Every command module in composer/commands defines its flags here with `@app.command()`
and keeps its heavy imports inside the function body, so that `composer --help` and
`composer version` stay fast.
"""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.clictx import GlobalOptions, err
from composer.completion import complete_services

app = typer.Typer(add_completion=True, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Define and run multi-container applications (a docker compose drop-in).")

Files = typer.Option(None, "-f", "--file", help="Compose configuration files")
Services = typer.Argument(None, help="Services", show_default=False,
                          autocompletion=complete_services)
Service = typer.Argument(..., help="Service", show_default=False,
                         autocompletion=complete_services)

PROGRESS = ("auto", "tty", "plain", "json", "quiet")
ANSI = ("never", "always", "auto")


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
    progress: str = typer.Option("auto", "--progress", envvar="COMPOSE_PROGRESS",
                                 help="Progress output: auto, tty, plain, json, quiet"),
    ansi: str = typer.Option("auto", "--ansi", envvar="COMPOSE_ANSI",
                             help='Control ANSI output: never, always, auto'),
    parallel: int = typer.Option(-1, "--parallel", envvar="COMPOSE_PARALLEL_LIMIT",
                                 help="Max parallelism, -1 for unlimited"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be done, change nothing"),
    verbose: bool = typer.Option(False, "--verbose", help="Show tracebacks of unexpected errors"),
) -> None:
    for flag, value, allowed in (("--progress", progress, PROGRESS), ("--ansi", ansi, ANSI)):
        if value not in allowed:
            err(f'unsupported {flag} value "{value}" (expected {", ".join(allowed)})')
            raise typer.Exit(1)
    if progress == "tty" and ansi == "never":
        err("can't use --progress tty while ANSI support is disabled")
        raise typer.Exit(1)
    ctx.obj = GlobalOptions(files=tuple(file or ()), project_name=project_name,
                            profiles=tuple(profile or ()),
                            env_files=tuple(env_file) if env_file else None,
                            project_directory=project_directory, env_name=env,
                            progress=progress, ansi=ansi, parallel=parallel, dry_run=dry_run,
                            verbose=verbose)
