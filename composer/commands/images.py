"""Images of a project: `composer images`, and removing them on `down --rmi`."""
from __future__ import annotations

from typing import List, Optional

import typer

from composer.cliapp import Services, app
from composer.clictx import GlobalOptions, run_guarded
from composer.errors import ConfigError


def remove_images(loaded, engine, rmi: str, sink) -> None:
    """`local`: only images composer built without a custom tag; `all`: every image used."""
    from composer.planner import image_ref

    project = loaded.project
    refs = set()
    for svc in project.services.values():
        if rmi == "local":
            if svc.build is not None and not svc.image:
                refs.add(image_ref(project, svc))
        else:
            refs.add(image_ref(project, svc))
    from composer.plan import Step

    for number, ref in enumerate(sorted(refs), 1):
        step = Step(number, "remove_image", f"image:{ref}", f"--rmi {rmi}")
        sink.step_started(step, f"Image {ref}")
        engine.remove_image(ref)
        sink.step_done(step, f"Image {ref}")


def image_row(c, info: dict) -> dict:
    """docker compose's `images --format json` object for a container's image."""
    from composer.engine.docker_ops import split_ref

    ref = c.image
    if ref.startswith("sha256:") or not ref:
        tags = info.get("RepoTags") or []
        ref = tags[0] if tags else "<none>:<none>"
    repo, tag = split_ref(ref)
    platform = "/".join(p for p in (info.get("Os"), info.get("Architecture"),
                                    info.get("Variant")) if p)
    return {"ID": info.get("Id", ""), "ContainerName": c.name, "Repository": repo, "Tag": tag,
            "Platform": platform, "Size": int(info.get("Size") or 0),
            "LastTagTime": (info.get("Metadata") or {}).get("LastTagTime") or
            "0001-01-01T00:00:00Z", "Created": info.get("Created", "")}


def run_images(g: GlobalOptions, *, services, quiet, format) -> int:
    from composer.commands.targets import target
    from composer.humanize import ago, human_size, parse_time
    from composer.tables import print_table, to_json

    if format not in ("table", "json"):
        raise ConfigError(f"invalid --format {format!r}: expected table or json")
    t = target(g, services)
    infos: dict[str, dict | None] = {}
    rows = []
    for c in sorted(t.containers(services, oneoff=True), key=lambda c: c.name):
        if c.image_id not in infos:
            infos[c.image_id] = t.engine.image_info(c.image_id)
        if infos[c.image_id] is not None:
            rows.append(image_row(c, infos[c.image_id]))
    if quiet:
        ids = dict.fromkeys(r["ID"].removeprefix("sha256:") for r in rows)
        print("".join(i + "\n" for i in ids), end="")
    elif format == "json":
        print(to_json([{k: v for k, v in r.items() if k != "Created"} for r in rows]))
    else:
        print_table(["CONTAINER", "REPOSITORY", "TAG", "PLATFORM", "IMAGE ID", "SIZE", "CREATED"],
                    [[r["ContainerName"], r["Repository"], r["Tag"], r["Platform"],
                      r["ID"].removeprefix("sha256:")[:12], human_size(r["Size"]),
                      ago(parse_time(r["Created"]))] for r in rows], minwidth=20)
    return 0


@app.command()
def images(
    ctx: typer.Context,
    services: Optional[List[str]] = Services,
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Only display IDs"),
    format: str = typer.Option("table", "--format", help="Format the output: table or json"),
) -> None:
    """List images used by the created containers."""
    run_guarded(ctx, run_images, services=tuple(services or ()), quiet=quiet, format=format)
