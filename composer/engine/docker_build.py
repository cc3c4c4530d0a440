"""Build a service's image through the engine API (the classic builder endpoint)."""
from __future__ import annotations

import os
import tempfile
from typing import Callable

import docker.errors

from composer.engine import base as L
from composer.engine.docker_translate import translated
from composer.errors import EngineError
from composer.model import Project, Service


def build(api, project: Project, service: Service, tag: str, log: Callable[[str], None]) -> str:
    b = service.build
    assert b is not None
    if not os.path.isdir(b.context):
        raise EngineError(f"building {service.name}: build context {b.context} is not a folder "
                          "(remote contexts are not supported yet)")
    labels = dict(b.labels)
    labels.update({L.PROJECT: project.name, L.SERVICE: service.name,
                   L.VERSION: L.COMPOSE_VERSION})
    inline = None
    dockerfile = b.dockerfile or "Dockerfile"
    if b.dockerfile_inline is not None:
        inline = tempfile.NamedTemporaryFile("w", suffix=".Dockerfile", delete=False)
        inline.write(b.dockerfile_inline)
        inline.close()
        dockerfile = inline.name
    elif not os.path.isabs(dockerfile) and not os.path.exists(os.path.join(b.context, dockerfile)):
        raise EngineError(f"building {service.name}: no Dockerfile at "
                          f"{os.path.join(b.context, dockerfile)}")
    lines: list[str] = []
    image_id = None
    try:
        with translated(f"building {service.name}"):
            stream = api.build(
                path=b.context, dockerfile=dockerfile, tag=tag, rm=True, forcerm=True,
                buildargs={k: v for k, v in b.args.items() if v is not None} or None,
                target=b.target, labels=labels, network_mode=b.network, pull=b.pull,
                nocache=b.no_cache, shmsize=b.shm_size,
                extra_hosts=_hosts(b.extra_hosts) or None, decode=True)
            for event in stream:
                if "error" in event or "errorDetail" in event:
                    detail = (event.get("errorDetail") or {}).get("message") or event.get("error")
                    step = next((ln for ln in reversed(lines) if ln.startswith("Step ")), None)
                    where = f" at {step}" if step else ""
                    tail = "\n".join("  " + ln for ln in lines[-10:])
                    raise EngineError(f"service {service.name}: build failed{where}: {detail}"
                                      + (f"\n{tail}" if tail else ""))
                text = event.get("stream")
                if text:
                    for ln in text.rstrip("\n").splitlines():
                        if ln.strip():
                            lines.append(ln)
                            log(ln)
                aux = event.get("aux") or {}
                if aux.get("ID"):
                    image_id = aux["ID"]
    finally:
        if inline is not None:
            os.unlink(inline.name)
    for extra in b.tags:
        repo, _, t = extra.rpartition(":") if ":" in extra.rsplit("/", 1)[-1] else (extra, "", "latest")
        with translated(f"tagging {extra}"):
            api.tag(image_id or tag, repo, t or "latest")
    try:
        return image_id or api.inspect_image(tag)["Id"]
    except docker.errors.ImageNotFound:
        raise EngineError(f"building {service.name}: the build ended without an image") from None


def _hosts(entries) -> dict:
    out = {}
    for e in entries:
        host, _, ip = e.replace("=", ":", 1).partition(":")
        out[host] = ip
    return out
