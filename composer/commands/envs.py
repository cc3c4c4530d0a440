"""`composer envs`: the project's environments, their files and how many services each runs."""
from __future__ import annotations

import json
import os

import typer

from composer.cliapp import app
from composer.clictx import GlobalOptions, err, run_guarded, warn


def environment_rows(g: GlobalOptions) -> tuple[str, list[dict], list[str]]:
    """The project folder, one row per environment in it (base first), the warnings."""
    from dataclasses import replace

    from composer.api import load_project
    from composer.errors import ComposerError
    from composer.loader.environments import names, project_folder

    opts = g.load_options()
    folder, _ = project_folder(os.path.join(opts.cwd, g.project_directory or ""))
    rows, warnings = [], []
    for name in names(folder):
        row: dict = {"name": name, "project": None, "services": 0, "service_names": [],
                     "compose_files": [], "env_files": [], "error": None}
        try:
            loaded = load_project(replace(opts, env_name=name), check_graph=False)
        except ComposerError as e:
            row["error"] = str(e)
        else:
            services = sorted(loaded.canonical["services"])
            row.update(project=loaded.project.name, services=len(services),
                       service_names=services, compose_files=list(loaded.config_files),
                       env_files=list(loaded.environment.files))
            warnings += [w for w in loaded.warnings if w not in warnings]
        rows.append(row)
    return folder, rows, warnings


def _shown(path: str, folder: str) -> str:
    rel = os.path.relpath(path, folder)
    return path if rel.startswith("..") else rel


def run_envs(g: GlobalOptions, *, format: str) -> int:
    folder, rows, warnings = environment_rows(g)
    for w in warnings:
        warn(w)
    if format == "json":
        print(json.dumps(rows, indent=2))
    else:
        from composer.tables import print_table

        print_table(["ENVIRONMENT", "PROJECT", "SERVICES", "FILES"],
                    [[r["name"], r["project"] or "-",
                      "error" if r["error"] else str(r["services"]),
                      ", ".join(_shown(p, folder) for p in r["compose_files"] + r["env_files"])]
                     for r in rows])
    for r in rows:
        if r["error"]:
            err(f"error: environment {r['name']}: {r['error']}")
    return 1 if any(r["error"] for r in rows) else 0


@app.command()
def envs(
    ctx: typer.Context,
    format: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """List the environments of the project (compose.NAME.yaml, .env.NAME)."""
    run_guarded(ctx, run_envs, format=format)
