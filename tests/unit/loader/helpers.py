"""Load a project written into a temporary folder, with a controlled environment."""
from __future__ import annotations

from pathlib import Path

from composer.loader import LoadOptions, load


def write_files(folder: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def load_files(folder: Path, contents: dict[str, str] | None = None, environ=None, **opts):
    if contents:
        write_files(folder, contents)
    options = LoadOptions(cwd=str(folder), environ=dict(environ or {"HOME": "/home/user"}),
                          **opts)
    return load(options)
