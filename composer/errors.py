"""Errors composer reports to its user.

ComposerError is the one error the CLI catches: its message goes to stderr, exit code 1,
no traceback. Everything below it says where and why.

    ComposerError
    ├── ConfigError       a compose file, .env file or option is wrong; has a location
    │   └── ConfigErrors  several ConfigErrors at once, sorted by position
    ├── PlanError         the project cannot be planned (a dependency cycle, a missing service)
    ├── EngineError       the engine refused or failed (translated from docker.errors)
    │   ├── PortInUse     a container's host port is taken by another container or program
    │   └── NetworkInUse  a network to remove still has containers (named) attached
    └── ForeignVolume     a declared volume exists without the project's labels (a warning)
"""
from __future__ import annotations

from dataclasses import dataclass, field


class ComposerError(Exception):
    """An error with a message meant for the user."""

    exit_code = 1

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.args[0] if self.args else self.__class__.__name__


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: file, 1-based line and column, and its key path.

    `exact`: line and column are those of `path` itself, not of an ancestor it fell back
    to (a key that is missing); two problems at one exact place are about one value."""

    file: str | None = None
    line: int | None = None
    col: int | None = None
    path: str = ""
    exact: bool = field(default=False, compare=False)

    def render(self) -> str:
        parts = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.col is not None:
                    where += f":{self.col}"
            parts.append(where)
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def sort_key(self) -> tuple:
        return (self.file or "", self.line or 0, self.col or 0, self.path)


class ConfigError(ComposerError):
    """Bad input: `FILE:LINE:COL: key.path: message`."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        self.message = message
        self.location = location or Location()
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = self.location.render()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def __str__(self) -> str:
        return self.render()


class ConfigErrors(ConfigError):
    """Several problems found at once; rendered one per line, sorted by position."""

    def __init__(self, errors: list[ConfigError]):
        flat: list[ConfigError] = []
        for e in errors:
            flat.extend(e.errors if isinstance(e, ConfigErrors) else [e])
        self.errors = sorted(flat, key=lambda e: e.location.sort_key())
        first = self.errors[0]
        super().__init__(first.message, first.location, first.hint)

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)


class PlanError(ComposerError):
    """The project is valid YAML but cannot be planned (cycles, missing dependencies)."""


class EngineError(ComposerError):
    """The Docker engine refused or failed an operation."""


class PortInUse(EngineError):
    """Starting a container failed because one of its host ports is taken."""

    def __init__(self, address: str, port: int, protocol: str | None, detail: str):
        super().__init__(f"host port {address}:{port} is already in use: {detail}")
        self.address = address
        self.port = port
        self.protocol = protocol
        self.detail = detail


class NetworkInUse(EngineError):
    """A network cannot be removed: containers (named in `users`) are still attached."""

    def __init__(self, network: str, users: list[str]):
        self.network = network
        self.users = users
        if users:
            text = (f"network {network} is still in use by {', '.join(users)}; disconnect or "
                    "remove it, then run `down` again")
        else:
            text = (f"network {network} is still in use according to the engine, though no "
                    "container is attached (a stale endpoint); `down` again may remove it, "
                    "restarting the engine clears it")
        super().__init__(text)


class ForeignVolume(ComposerError):
    """A volume the project declares exists already without the project's labels: it is
    used, with this message as a warning (not an error)."""
