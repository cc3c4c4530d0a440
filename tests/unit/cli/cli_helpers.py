"""Shared test data for the CLI unit tests."""
from composer.engine.base import ObservedContainer


def container(**kw) -> ObservedContainer:
    base = dict(id="e00796372856" + "0" * 52, name="p-web-1", service="web", number=1,
                oneoff=False, state="running", health=None, image_id="sha256:1",
                labels={"com.docker.compose.project": "p"}, status="Up 2 minutes",
                image="busybox:latest", command="sh -c 'echo hello; sleep 300'",
                created=1_700_000_000, networks=("p_default",))
    base.update(kw)
    return ObservedContainer(**base)
