"""Test helpers: the CLI in a subprocess, sweeping and listing a project's objects."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSER = [sys.executable, "-m", "composer"]


def run_composer(*args: str, cwd: str | Path | None = None, env: dict | None = None,
                 input: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `composer ARGS…` as a user would; returns the finished process (text mode)."""
    full_env = dict(os.environ)
    for var in ("COMPOSE_PROJECT_NAME", "COMPOSE_FILE", "COMPOSE_PROFILES", "COMPOSER_ENV"):
        full_env.pop(var, None)
    full_env.update(env or {})
    return subprocess.run(COMPOSER + list(args), cwd=cwd, env=full_env, input=input,
                          capture_output=True, text=True, timeout=timeout)


def sweep(client, project: str) -> None:
    """Remove every object labelled with the project, whatever state a test left."""
    label = {"label": f"com.docker.compose.project={project}"}
    for c in client.containers.list(all=True, filters=label):
        c.remove(force=True, v=True)
    for n in client.networks.list(filters=label):
        n.remove()
    for v in client.volumes.list(filters=label):
        v.remove(force=True)


def sweep_anonymous(client, since: float) -> None:
    """Remove the anonymous volumes (64 hex digits, no labels) that were made since `since`
    (epoch seconds) and that no container uses any more: what a `down` without -v leaves
    of a test's project (the engine gives them no project label to find them by)."""
    import re
    from datetime import datetime

    for v in client.volumes.list(filters={"dangling": True}):
        attrs = v.attrs
        if not re.fullmatch(r"[0-9a-f]{64}", v.name) or attrs.get("Labels"):
            continue
        try:
            made = datetime.fromisoformat(attrs["CreatedAt"].replace("Z", "+00:00"))
        except (KeyError, ValueError):
            continue
        if made.timestamp() >= since - 1:
            try:
                v.remove()
            except Exception:  # noqa: BLE001 - in use again, or gone meanwhile
                pass


def leftovers(client, project: str) -> dict[str, list[str]]:
    label = {"label": f"com.docker.compose.project={project}"}
    return {
        "containers": sorted(c.name for c in client.containers.list(all=True, filters=label)),
        "networks": sorted(n.name for n in client.networks.list(filters=label)),
        "volumes": sorted(v.name for v in client.volumes.list(filters=label)),
    }


def require_reference() -> None:
    """Skip the calling test when docker compose v2 is not installed; fail instead when
    COMPOSER_REQUIRE_REFERENCE=1 (`scripts/test` installs it and sets that)."""
    import shutil

    import pytest

    try:
        found = shutil.which("docker") is not None and subprocess.run(
            ["docker", "compose", "version"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        found = False
    if found:
        return
    if os.environ.get("COMPOSER_REQUIRE_REFERENCE"):
        pytest.fail("docker compose v2 is not installed (scripts/install-reference puts it "
                    "there)")
    pytest.skip("docker compose v2 is not installed")
