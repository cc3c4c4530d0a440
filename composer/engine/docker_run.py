"""The create body of a one-off container (`run`), as docker compose labels it.

It is the service's body with the one-off labels (`oneoff=True`, a slug, no container
number), attached standard streams, and no service alias unless --use-aliases is given.
"""
from __future__ import annotations

from composer.engine import base as L
from composer.engine.docker_create import Resolve, create_body
from composer.model import Project, Service

SLUG = "com.docker.compose.slug"


def oneoff_body(project: Project, service: Service, image: str, image_id: str, slug: str,
                resolve: Resolve, *, use_aliases: bool) -> dict:
    body = create_body(project, service, 1, image, image_id, resolve)
    labels = body["Labels"]
    labels.pop(L.NUMBER, None)
    labels[L.ONEOFF] = "True"
    labels[SLUG] = slug
    body.update(AttachStdin=service.stdin_open, AttachStdout=True, AttachStderr=True,
                StdinOnce=service.stdin_open)
    endpoints = (body.get("NetworkingConfig") or {}).get("EndpointsConfig") or {}
    for ep in endpoints.values():
        if not use_aliases:
            ep.pop("Aliases", None)
    return body
