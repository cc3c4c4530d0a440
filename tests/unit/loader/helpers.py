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


def as_json(loaded) -> dict:
    """What `config --format json` prints, as data."""
    import json

    from composer.configout import to_json

    return json.loads(to_json(loaded.canonical))


def service_json(folder: Path, body: str, environ=None, files: dict[str, str] | None = None,
                 extra: str = "", **opts) -> dict:
    """The JSON form of service `s`, whose body (YAML, 4-space indent) is `body`;
    `extra` is more YAML at the top level (other services after `s`, resources)."""
    text = "services:\n  s:\n" + "".join(f"    {line}\n" for line in body.strip("\n").split("\n"))
    text += extra
    loaded = load_files(folder, {"compose.yaml": text, **(files or {})}, environ, **opts)
    return as_json(loaded)["services"]["s"]


def errors_of(folder: Path, contents: dict[str, str], environ=None, **opts) -> list[str]:
    """The lines of the error the load raises."""
    import pytest

    from composer.errors import ComposerError

    with pytest.raises(ComposerError) as e:
        load_files(folder, contents, environ, **opts)
    return str(e.value).split("\n")
