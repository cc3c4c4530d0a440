"""What most commands start with: the project (or only its name) and its containers.

As in docker compose, a command that only acts on existing containers works with
`-p NAME` alone, without any compose file.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from composer.clictx import GlobalOptions, warn
from composer.errors import ConfigError

RUNNING = ("running", "restarting")


@dataclass(slots=True)
class Target:
    loaded: Any            # composer.loader.Loaded, or None with `-p NAME` and no file
    name: str              # the project name
    engine: Any            # composer.engine.base.EngineOps

    @property
    def project(self):
        return self.loaded.project if self.loaded is not None else None

    def containers(self, services: Sequence[str] = (), *, oneoff: bool = False,
                   states: Sequence[str] = (), index: int | None = None) -> list:
        """The project's service containers (one-offs too with oneoff), sorted."""
        found = [c for c in self.engine.observe(self.name).containers
                 if oneoff or not c.oneoff]
        if services:
            found = [c for c in found if c.service in services]
        if states:
            found = [c for c in found if c.state in states]
        if index is not None:
            found = [c for c in found if c.number == index]
        return sorted(found, key=lambda c: (c.service, c.oneoff, c.number, c.name))


def load(g: GlobalOptions, services: Sequence[str] = (), *, need_file: bool = False):
    """The loaded project, or None when only a name is known (`-p NAME` without files)."""
    from composer.api import load_project

    try:
        loaded = load_project(g.load_options(tuple(services)), check_graph=False)
    except ConfigError as e:
        if not need_file and g.project_name and not g.files and "no configuration file" in str(e):
            from composer.loader.projectname import checked

            return None, checked(g.project_name, "-p")
        raise
    for w in loaded.warnings:
        warn(w)
    check_services(loaded, services)
    return loaded, loaded.project.name


def check_services(loaded, services: Sequence[str]) -> None:
    if loaded is None:
        return
    for name in services:
        if name not in loaded.project.services:
            raise ConfigError(f"no such service: {name}")


def target(g: GlobalOptions, services: Sequence[str] = (), *, need_file: bool = False,
           lock: bool = False) -> Target:
    """With lock, the project's lock (composer.projectlock) is held from here on."""
    from composer.api import connect

    loaded, name = load(g, services, need_file=need_file)
    if lock and not g.dry_run:
        from composer.projectlock import hold
        hold(name)
    return Target(loaded, name, connect())
