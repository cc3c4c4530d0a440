"""The project name: `-p`, COMPOSE_PROJECT_NAME, `name:` in the files, or the folder.

It is settled before the files are interpolated, since they may use
${COMPOSE_PROJECT_NAME}. A name given is validated; a name derived from the folder is
normalised (lowercased, other characters dropped).
"""
from __future__ import annotations

import json
import os
import re

from composer.errors import ConfigError
from composer.loader.environment import Environment

_VALID = re.compile(r"[a-z0-9][a-z0-9_-]*")   # the whole name: see _valid()
RULE = ("must consist only of lowercase alphanumeric characters, hyphens, and underscores "
        "as well as start with a letter or number")


def normalize_name(name: str) -> str:
    """What a folder name becomes as a project name: lowercase, other characters dropped."""
    out = re.sub(r"[^a-z0-9_-]", "", name.lower())
    return out.lstrip("_-")


def project_name(flag: str | None, env: Environment, named_doc, project_dir: str,
                 interpolate: bool = True) -> str:
    """`named_doc` is the YamlDoc whose top-level `name:` counts, or None."""
    if flag:
        return checked(flag, "-p")
    from_env = env.get("COMPOSE_PROJECT_NAME")
    if from_env:
        return checked(from_env, "COMPOSE_PROJECT_NAME")
    if named_doc is not None:
        return _from_file(named_doc, env, interpolate)
    derived = normalize_name(os.path.basename(os.path.abspath(project_dir)))
    if not derived:
        raise ConfigError(f"cannot derive a project name from the folder {project_dir!r}; "
                          "give one with -p or `name:`")
    return derived


def _from_file(doc, env: Environment, interpolate: bool) -> str:
    from composer.loader.interpolate import InterpolationError, interpolate as expand

    value = doc.data["name"]
    text = value if isinstance(value, str) else str(value)
    if interpolate and isinstance(value, str) and "$" in text:
        try:
            text = expand(text, env.lookup)
        except InterpolationError as e:
            raise ConfigError(str(e), doc.locate(("name",))) from None
    if not _valid(text):
        raise ConfigError(f"invalid project name {_quoted(text)}: {RULE}", doc.locate(("name",)))
    return text


def checked(name: str, source: str) -> str:
    """A name given by the user, or a ConfigError naming the rule."""
    if not _valid(name):
        raise ConfigError(f"invalid project name {_quoted(name)} (from {source}): {RULE}")
    return name


def _valid(name: str) -> bool:
    """fullmatch, not `^…$`: Python's `$` also matches before a final line break, and the
    name goes into labels and label filters."""
    return _VALID.fullmatch(name) is not None


def _quoted(name: str) -> str:
    """The name in double quotes, a line break or other control character escaped."""
    return json.dumps(name, ensure_ascii=False)
