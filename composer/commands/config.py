"""`composer config`: the canonical model, or parts of it.

With services named, the project is cut down to them and what they depend on. The list
flags print one name per line: services dependencies first (ties by name), volumes,
networks and profiles sorted, images in the order of the services.
"""
from __future__ import annotations

import dataclasses
import sys
from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded, warn
from composer.errors import ConfigError


def run_config(g: GlobalOptions, *, services, format, quiet, list_services, list_volumes,
               list_networks, list_images, list_profiles, hash, no_interpolate, environment,
               variables, output, no_path_resolution) -> int:
    if format not in ("yaml", "json"):
        raise ConfigError(f'unsupported format "{format}": expected yaml or json')
    opts = dataclasses.replace(g.load_options(services, interpolate=not no_interpolate),
                               strict=False, resolve_paths=not no_path_resolution)
    loaded = _load(opts, check_graph=not no_interpolate)
    for w in loaded.warnings:
        warn(w)
    c = loaded.canonical
    if services:
        c = _only(c, services, loaded.locate)
    if quiet:
        return 0
    text = _listing(loaded, c, list_services, list_volumes, list_networks, list_images,
                    list_profiles, hash, environment, variables)
    if text is None:
        from composer.configout import to_json, to_yaml
        from composer.loader import no_gc

        escape = not no_interpolate
        with no_gc():
            text = to_json(c, escape) + "\n" if format == "json" else to_yaml(c, escape)
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _load(opts, check_graph: bool):
    if check_graph:
        from composer.api import load_project

        return load_project(opts)
    from composer.loader import load

    return load(opts)


def _listing(loaded, c, list_services, list_volumes, list_networks, list_images,
             list_profiles, hash, environment, variables) -> str | None:
    if list_services:
        return _lines(dependency_order(c["services"]))
    if list_volumes:
        return _lines(sorted(c.get("volumes") or {}))
    if list_networks:
        return _lines(sorted(c.get("networks") or {}))
    if list_images:
        return _lines(_image(c, name) for name in dependency_order(c["services"]))
    if list_profiles:
        return _lines(loaded.all_profiles)
    if hash is not None:
        return _hashes(loaded, c, hash)
    if environment:
        values = loaded.environment.values
        return _lines(f"{k}={values[k]}" for k in sorted(values))
    if variables:
        from composer.loader.variables import table, variables_of

        found: dict = {}
        for doc in loaded.locate.documents():
            for name, var in variables_of(doc.data).items():
                found.setdefault(name, var)
        return table(found)
    return None


def _lines(items) -> str:
    return "".join(f"{item}\n" for item in items)


def _image(c: dict, name: str) -> str:
    svc = c["services"][name]
    return svc.get("image") or f"{c['name']}-{name}"


def _hashes(loaded, c: dict, spec: str) -> str:
    from composer.confighash import config_hash

    if loaded.project is None:
        raise ConfigError("--hash needs interpolation: drop --no-interpolate")
    names = list(c["services"]) if spec.strip() == "*" else [h.strip() for h in spec.split(",")]
    out = []
    for name in sorted(names):
        svc = loaded.project.services.get(name)
        if svc is None:
            raise ConfigError(f"no such service: {name}")
        out.append(f"{name} {config_hash(loaded.project, svc)}")
    return _lines(out)


def dependency_order(services: dict) -> list[str]:
    """Services with what they depend on first; ties broken by name."""
    done: dict[str, None] = {}
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name in visiting or name not in services:
            return
        visiting.add(name)
        for dep in sorted((services[name].get("depends_on") or {})):
            visit(dep)
        visiting.discard(name)
        done[name] = None

    for name in sorted(services):
        visit(name)
    return list(done)


def _only(c: dict, names: tuple[str, ...], locate) -> dict:
    """The project cut down to `names` and their dependencies, unused resources dropped."""
    unknown = [n for n in names if n not in c["services"]]
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], list(c["services"]), n=1)
        raise ConfigError(f"no such service: {unknown[0]}",
                          hint=f'did you mean "{close[0]}"?' if close else None)
    keep: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in keep or name not in c["services"]:
            continue
        keep.add(name)
        todo.extend((c["services"][name].get("depends_on") or {}).keys())
    out = dict(c)
    out["services"] = {k: v for k, v in c["services"].items() if k in keep}
    _drop_unused(out)
    return out


def _drop_unused(c: dict) -> None:
    used: dict[str, set] = {"networks": set(), "volumes": set(), "secrets": set(),
                            "configs": set()}
    for svc in c["services"].values():
        used["networks"].update((svc.get("networks") or {}) if isinstance(
            svc.get("networks"), dict) else ())
        for vol in svc.get("volumes") or []:
            if isinstance(vol, dict) and vol.get("type") == "volume":
                used["volumes"].add(vol.get("source"))
        for kind in ("secrets", "configs"):
            used[kind].update(r.get("source") for r in svc.get(kind) or []
                              if isinstance(r, dict))
        build = svc.get("build")
        if isinstance(build, dict):
            used["secrets"].update(r.get("source") for r in build.get("secrets") or []
                                   if isinstance(r, dict))
    for kind, names in used.items():
        if kind in c:
            kept = {k: v for k, v in c[kind].items() if k in names}
            if kept:
                c[kind] = kept
            else:
                del c[kind]


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
    hash: Optional[str] = typer.Option(None, "--hash",
                                       help='Print the config hash of services ("*": all)'),
    no_interpolate: bool = typer.Option(False, "--no-interpolate", help="Don't interpolate"),
    no_path_resolution: bool = typer.Option(False, "--no-path-resolution",
                                            help="Don't resolve file paths"),
    environment: bool = typer.Option(False, "--environment",
                                     help="Print the interpolation environment"),
    variables: bool = typer.Option(False, "--variables",
                                   help="Print the variables the model uses"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Save to file"),
) -> None:
    """Parse, resolve and render compose file in canonical format."""
    run_guarded(ctx, run_config, services=tuple(services or ()), format=format, quiet=quiet,
                list_services=list_services, list_volumes=list_volumes,
                list_networks=list_networks, list_images=list_images,
                list_profiles=list_profiles, hash=hash, no_interpolate=no_interpolate,
                environment=environment, variables=variables, output=output,
                no_path_resolution=no_path_resolution)
