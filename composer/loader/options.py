"""What the loader is asked to load: the global options of the command line."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadOptions:
    files: tuple[str, ...] = ()              # -f, in order; "-" is stdin
    project_directory: str | None = None     # --project-directory
    project_name: str | None = None          # -p
    env_files: tuple[str, ...] | None = None  # --env-file; None means the default .env
    profiles: tuple[str, ...] = ()           # --profile
    services: tuple[str, ...] = ()           # services named on the command line
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: str = field(default_factory=os.getcwd)
    interpolate: bool = True                 # config --no-interpolate
    resolve_paths: bool = True
    env_name: str | None = None              # --env NAME (composer's environments)
    stdin: str | None = None                 # content of `-f -`, read by the CLI
    strict: bool = True                      # run-time conflicts (a host port published
                                             # twice) are errors; else warnings (`config`)
