"""A project's state as the engine's list calls return it, turned into `Observed`.

Works on any reader with the low-level calls `containers`, `networks` and `volumes` (the
docker SDK's APIClient, or the standard-library reader of `engine/localread.py`), so that
reading needs no more than the calls themselves.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from composer.engine import base as L
from composer.engine.base import Observed, ObservedContainer, ObservedResource


def observe_project(api: Any, image_id: Callable[[str], str | None], project: str,
                    image_refs: Iterable[str] = (), networks: Iterable[str] | None = None,
                    volumes: Iterable[str] | None = None) -> Observed:
    """One label-filtered list of containers, each distinct image looked up once;
    networks and volumes are listed only when the caller needs one that no container of
    the project is already attached to (None: always list them)."""
    label = f"{L.PROJECT}={project}"
    containers = api.containers(all=True, filters={"label": label})
    attached_nets, attached_vols = _attached(containers)
    if networks is None or not set(networks) <= set(attached_nets):
        attached_nets = {n["Name"]: (n["Id"], n.get("Labels") or {})
                         for n in api.networks(filters={"label": label})}
    if volumes is None or not set(volumes) <= set(attached_vols):
        found = (api.volumes(filters={"label": label}) or {}).get("Volumes") or []
        attached_vols = {v["Name"]: (v["Name"], v.get("Labels") or {}) for v in found}
    return Observed(
        containers=tuple(observed_container(c) for c in containers),
        networks=tuple(ObservedResource(name, i, labels)
                       for name, (i, labels) in sorted(attached_nets.items())),
        volumes=tuple(ObservedResource(name, i, labels)
                      for name, (i, labels) in sorted(attached_vols.items())),
        images={ref: image_id(ref) for ref in set(image_refs)},
    )


def observed_container(c: dict) -> ObservedContainer:
    """One entry of the engine's container list."""
    labels = c.get("Labels") or {}
    name = (c.get("Names") or ["/?"])[0].lstrip("/")
    try:
        number = int(labels.get(L.NUMBER, "0"))
    except ValueError:
        number = 0
    return ObservedContainer(
        id=c["Id"], name=name, service=labels.get(L.SERVICE, ""), number=number,
        oneoff=labels.get(L.ONEOFF, "False") == "True", state=c.get("State", ""),
        health=_health(c), image_id=c.get("ImageID", ""), labels=labels,
        status=c.get("Status", ""), image=c.get("Image", ""), command=c.get("Command", ""),
        created=int(c.get("Created") or 0), ports=tuple(c.get("Ports") or ()),
        mounts=tuple(c.get("Mounts") or ()),
        networks=tuple(sorted(_endpoints(c))),
        network_ids={name: ep.get("NetworkID") or "" for name, ep in _endpoints(c).items()},
        exit_code=_exit_code(c.get("Status", "")))


def _endpoints(c: dict) -> dict:
    return (c.get("NetworkSettings") or {}).get("Networks") or {}


def _exit_code(status: str) -> int | None:
    if status.startswith("Exited ("):
        try:
            return int(status[len("Exited ("):status.index(")")])
        except ValueError:
            return None
    return None


def _health(summary: dict) -> str | None:
    status = summary.get("Status") or ""
    for word in ("healthy", "unhealthy", "starting"):
        if f"({word})" in status or f"(health: {word})" in status:
            return word
    return None


def _attached(containers: list[dict]) -> tuple[dict, dict]:
    """The networks and named volumes the listed containers are attached to. Only a
    running container vouches for its networks: the engine refuses to remove a network
    in use, but one a stopped container was attached to may be gone (or re-created with
    another id) while the container still names it."""
    nets: dict = {}
    vols: dict = {}
    for c in containers:
        if c.get("State") in ("running", "paused", "restarting"):
            for name, ep in _endpoints(c).items():
                nets.setdefault(name, (ep.get("NetworkID", ""), {}))
        for m in c.get("Mounts") or []:
            if m.get("Type") == "volume" and m.get("Name"):
                vols.setdefault(m["Name"], (m["Name"], {}))
    return nets, vols
