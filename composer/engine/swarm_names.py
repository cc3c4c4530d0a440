"""Labels and engine names of a stack, shared with `docker stack` so each sees the other's.

docker labels every object of a stack with `com.docker.stack.namespace=STACK` and every
service with `com.docker.stack.image=IMAGE` (the image as written in the file). composer
adds its own labels to explain and skip redeploys.
"""
from __future__ import annotations

NAMESPACE = "com.docker.stack.namespace"
STACK_IMAGE = "com.docker.stack.image"
# composer's own
SPEC_HASH = "io.composer.swarm.spec-hash"    # hash of the service spec composer sent
IMAGE_ID = "io.composer.image-id"            # local image id the service was deployed with
SOURCE = "io.composer.swarm.source"          # on secrets and configs: the key in the file

MAX_OBJECT_NAME = 64   # swarm's limit for secret and config names


def service_name(stack: str, service: str) -> str:
    return f"{stack}_{service}"


def versioned(name: str, digest: str) -> str:
    """`demo_token` + content digest → `demo_token-3f2a1b9c0d`: a new name per content,
    since the engine cannot change a secret or config once created."""
    suffix = "-" + digest[:10]
    return name[:MAX_OBJECT_NAME - len(suffix)] + suffix
