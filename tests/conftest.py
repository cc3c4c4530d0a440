"""Shared fixtures: a unique project per engine test and its cleanup, the CLI runner.

Engine tests (tests/engine) need a Docker engine. When COMPOSER_REQUIRE_ENGINE=1 (as
`scripts/test` and CI set it) a missing engine fails them instead of skipping them.
"""
from __future__ import annotations

import os
import sys
import time
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import run_composer, sweep, sweep_anonymous  # noqa: E402


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/engine" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.engine)


@pytest.fixture(scope="session", autouse=True)
def own_cache_home(tmp_path_factory):
    """composer's notes of no-op `up` runs (upmemo.py) go to a folder of the test run's
    own, not to the user's ~/.cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture
def composer():
    return run_composer


@pytest.fixture(scope="session")
def docker_client():
    try:
        import docker

        client = docker.from_env()
        client.ping()
    except Exception as e:  # noqa: BLE001
        if os.environ.get("COMPOSER_REQUIRE_ENGINE"):
            pytest.fail(f"no Docker engine answers: {e}")
        pytest.skip(f"no Docker engine: {e}")
    return client


@pytest.fixture
def project_name(docker_client):
    """A unique project name; everything it labels is removed after the test."""
    name = "ct" + uuid.uuid4().hex[:10]
    started = time.time()
    yield name
    sweep(docker_client, name)
    sweep_anonymous(docker_client, started)


@pytest.fixture
def write(tmp_path):
    """write("compose.yaml", text) → path, in the test's own folder."""
    def _write(rel: str, text: str) -> Path:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path
    return _write
