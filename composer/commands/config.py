"""`composer config`: the canonical model, or parts of it."""
from __future__ import annotations

import sys
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded, warn
from composer.errors import ConfigError


def run_config(g: GlobalOptions, *, services, format, quiet, list_services, list_volumes,
               list_networks, list_images, list_profiles, hash, no_interpolate, environment,
               variables, output) -> int:
    from composer.api import load_project
    from composer.configout import to_json, to_yaml

    loaded = load_project(g.load_options(services, interpolate=not no_interpolate))
    for w in loaded.warnings:
        warn(w)
    c = loaded.canonical
    if services:
        unknown = [s for s in services if s not in c["services"]]
        if unknown:
            raise ConfigError(f"no such service: {unknown[0]}")
        c = _only(c, services)
    if quiet:
        return 0
    if list_services:
        return _lines(c["services"])
    if list_volumes:
        return _lines(c.get("volumes") or {})
    if list_networks:
        return _lines(c.get("networks") or {})
    if list_images:
        p = loaded.project
        return _lines([p.services[s].image or f"{p.name}-{s}" for s in c["services"]])
    if list_profiles:
        profiles = sorted({p for s in loaded.project.services.values() for p in s.profiles})
        return _lines(profiles)
    if hash is not None:
        from composer.confighash import config_hash
        names = list(c["services"]) if hash.strip() == "*" else [h.strip() for h in hash.split(",")]
        for name in names:
            svc = loaded.project.services.get(name)
            if svc is None:
                raise ConfigError(f"no such service: {name}")
            print(f"{name} {config_hash(loaded.project, svc)}")
        return 0
    if environment:
        for k in sorted(loaded.environment.values):
            print(f"{k}={loaded.environment.values[k]}")
        return 0
    text = to_json(c) if format == "json" else to_yaml(c)
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")
        return 0
    sys.stdout.write(text if text.endswith("\n") or format == "json" else text + "\n")
    if format == "json":
        sys.stdout.write("\n")
    return 0


def _lines(items) -> int:
    for item in items:
        print(item)
    return 0


def _only(c: dict, services: tuple[str, ...]) -> dict:
    out = dict(c)
    out["services"] = {k: v for k, v in c["services"].items() if k in services}
    return out


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
    run_guarded(ctx, run_config, services=tuple(services or ()), format=format, quiet=quiet,
                list_services=list_services, list_volumes=list_volumes,
                list_networks=list_networks, list_images=list_images,
                list_profiles=list_profiles, hash=hash, no_interpolate=no_interpolate,
                environment=environment, variables=variables, output=output)
