"""Helpers for the convergence engine tests: container ids, states, running composer."""
from __future__ import annotations

LABEL = "com.docker.compose.project"


def containers(client, project: str) -> dict[str, object]:
    """name → container (docker SDK object) of every container of the project."""
    return {c.name: c for c in client.containers.list(all=True,
                                                       filters={"label": f"{LABEL}={project}"})}


def ids(client, project: str) -> dict[str, str]:
    return {name: c.id for name, c in containers(client, project).items()}


def states(client, project: str) -> dict[str, str]:
    return {name: c.status for name, c in containers(client, project).items()}


def ok(result) -> str:
    """The output of a composer run that must have succeeded."""
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr
