"""The project name: `-p`, COMPOSE_PROJECT_NAME, `name:` in the file, or the folder."""
from __future__ import annotations

import os
import re

from composer.errors import ConfigError
from composer.loader.environment import Environment
from composer.loader.locator import Locator

_VALID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
RULE = ("must consist only of lowercase alphanumeric characters, hyphens, and underscores "
        "as well as start with a letter or number")


def normalize_name(name: str) -> str:
    """What a folder name becomes as a project name: lowercase, other characters dropped."""
    out = re.sub(r"[^a-z0-9_-]", "", name.lower())
    return out.lstrip("_-")


def project_name(flag: str | None, env: Environment, data: dict, project_dir: str,
                 locator: Locator) -> str:
    if flag:
        return _checked(flag, "-p")
    from_env = env.get("COMPOSE_PROJECT_NAME")
    if from_env:
        return _checked(from_env, "COMPOSE_PROJECT_NAME")
    in_file = data.get("name")
    if in_file:
        if not _VALID.match(str(in_file)):
            raise ConfigError(f'invalid project name "{in_file}": {RULE}',
                              locator.locate(("name",)))
        return str(in_file)
    derived = normalize_name(os.path.basename(os.path.abspath(project_dir)))
    if not derived:
        raise ConfigError(f"cannot derive a project name from the folder {project_dir!r}; "
                          "give one with -p or `name:`")
    return derived


def _checked(name: str, source: str) -> str:
    if not _VALID.match(name):
        raise ConfigError(f'invalid project name "{name}" (from {source}): {RULE}')
    return name
