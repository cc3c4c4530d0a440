"""A project folder of files, and loading it with or without an environment."""
from __future__ import annotations

from pathlib import Path

from composer.loader import LoadOptions, load


def write_files(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def load_in(folder: Path, environ: dict | None = None, **opts):
    return load(LoadOptions(cwd=str(folder), environ=dict(environ or {"HOME": "/home/user"}),
                            **opts))


# a base, two environments and an override file that an environment must not pick up
PROJECT = {
    "compose.yaml": "services:\n  web:\n    image: busybox:${TAG}\n"
                    "    environment:\n      LEVEL: ${LEVEL}\n      ONLY_BASE: ${ONLY_BASE}\n",
    "compose.override.yaml": "services:\n  web:\n    environment:\n      OVERRIDE: 'yes'\n",
    "compose.staging.yaml": "services:\n  worker:\n    image: busybox:${TAG}\n",
    "compose.prod.yaml": "services:\n  web:\n    deploy:\n      replicas: 2\n",
    ".env": "TAG=1.0\nLEVEL=debug\nONLY_BASE=base\n",
    ".env.staging": "LEVEL=info\n",
    ".env.prod": "LEVEL=warn\nTAG=2.0\n",
}
