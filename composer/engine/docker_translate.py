"""docker's exceptions turned into EngineError, with a message that says what was being
done: nothing above the engine adapters sees a docker, requests or urllib3 exception."""
from __future__ import annotations

import contextlib
from typing import Iterator

import docker.errors
import requests.exceptions
import urllib3.exceptions

from composer.engine.docker_faults import connection_failed
from composer.errors import EngineError


@contextlib.contextmanager
def translated(doing: str) -> Iterator[None]:
    """Turn docker / requests failures into one EngineError saying what failed."""
    try:
        yield
    except docker.errors.ImageNotFound as e:
        raise EngineError(f"{doing}: {explain(e)}") from None
    except docker.errors.NotFound as e:
        raise EngineError(f"{doing}: {explain(e)}") from None
    except docker.errors.APIError as e:
        raise EngineError(f"{doing}: {explain(e)}") from None
    except docker.errors.DockerException as e:
        raise EngineError(f"{doing}: {e}") from None
    except requests.exceptions.ConnectionError as e:
        raise connection_failed(doing, str(e)) from None
    except requests.exceptions.RequestException as e:
        raise EngineError(f"{doing}: connection to the Docker engine failed: {_short(e)}") from None
    except urllib3.exceptions.HTTPError as e:   # raised while reading a stream
        raise connection_failed(doing, repr(e)) from None


def explain(e: docker.errors.APIError) -> str:
    text = getattr(e, "explanation", None) or str(e)
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return str(text).strip()


def _short(e: Exception) -> str:
    text = str(e)
    return text if len(text) < 200 else text[:200] + "…"
