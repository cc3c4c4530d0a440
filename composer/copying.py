"""Local side of `cp`: tar up a host path for the engine, unpack what it sends back.

docker cp's rules: copying onto an existing directory puts the source inside it; onto a
path that does not exist creates it with the source's content (so the top-level name in
the archive is renamed).
"""
from __future__ import annotations

import io
import os
import tarfile
from typing import Iterable

from composer.errors import ConfigError


def parse_location(arg: str) -> tuple[str | None, str]:
    """`SERVICE:PATH` → (service, path); a local path (absolute, `.`-relative, `-`, or
    without a colon) → (None, path)."""
    if arg == "-" or arg.startswith(("/", ".", "~")) or ":" not in arg:
        return None, arg
    service, _, path = arg.partition(":")
    return service, path


def pack(src: str, name: str, follow_links: bool = False) -> bytes:
    """A tar of the host path `src`, its top-level entry called `name`."""
    if not os.path.lexists(src):
        raise ConfigError(f"cannot copy {src}: no such file or directory")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", dereference=follow_links) as tar:
        tar.add(src, arcname=name)
    return buf.getvalue()


def _renamed(tar: tarfile.TarFile, old: str, new: str) -> Iterable[tarfile.TarInfo]:
    for member in tar:
        head, sep, rest = member.name.partition("/")
        if head == old:
            member.name = new + sep + rest
        yield member


def unpack(chunks: Iterable[bytes], src_name: str, dest: str, archive: bool = False) -> None:
    """Unpack the engine's archive of a path called `src_name` at the host path `dest`."""
    data = b"".join(chunks)
    if os.path.isdir(dest):
        target_dir, new_name = dest, src_name
    else:
        target_dir, new_name = os.path.dirname(os.path.abspath(dest)), os.path.basename(dest)
        if not os.path.isdir(target_dir):
            raise ConfigError(f"cannot copy to {dest}: {target_dir} is not a directory")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r") as tar:
        members = list(_renamed(tar, src_name, new_name))
        tar.extractall(target_dir, members=members, filter="tar" if archive else "data")
