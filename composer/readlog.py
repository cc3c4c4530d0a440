"""Every look the loader (and the config hash) takes at the file system goes through here.

When a log is open (`recording()`), each answer is noted as (what, path, answer digest),
so that a later run can tell whether any file the project depends on changed, appeared
or went away without loading the project again (upmemo.py). With no log open these are
the plain os calls.
"""
from __future__ import annotations

import os
from contextlib import contextmanager

from composer.digests import blake2b
TYPE_CHECKING = False   # typing costs ~3 ms to import; only checkers need it
if TYPE_CHECKING:
    from typing import Iterator

_log: list[list[str]] | None = None


def start() -> list[list[str]]:
    """Note every look from now on, in the list returned, until stop()."""
    global _log
    _log = []
    return _log


def stop() -> None:
    global _log
    _log = None


@contextmanager
def recording() -> Iterator[list[list[str]]]:
    """Note every look taken inside the block in the list it yields."""
    global _log
    outer, _log = _log, []
    try:
        yield _log
    finally:
        _log = outer


def _note(what: str, path: str, answer: str) -> None:
    # The path is kept as it was looked at, joined to the working directory but not
    # tidied: `link/../x` is x beside the link's target, not beside the link, and only
    # the system can say which file that is.
    if _log is not None:
        _log.append([what, os.path.join(os.getcwd(), path), answer])


def isfile(path: str) -> bool:
    found = os.path.isfile(path)
    _note("isfile", path, str(found))
    return found


def isdir(path: str) -> bool:
    found = os.path.isdir(path)
    _note("isdir", path, str(found))
    return found


def exists(path: str) -> bool:
    found = os.path.exists(path)
    _note("exists", path, str(found))
    return found


def listdir(path: str) -> list[str]:
    try:
        names = os.listdir(path)
    except OSError as e:
        _note("listdir", path, f"error {e.errno}")
        raise
    _note("listdir", path, "\0".join(sorted(names)))
    return names


def realpath(path: str) -> str:
    found = os.path.realpath(path)
    _note("realpath", path, found)
    return found


def read_bytes(path: str) -> bytes:
    """The file's bytes; OSError as open() raises it."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        _note("read", path, f"error {e.errno}")
        raise
    _note("read", path, digest(data))
    return data


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def answer(what: str, path: str) -> str:
    """The answer `what` gives for `path` now, as it would have been noted."""
    try:
        if what == "read":
            with open(path, "rb") as f:
                return digest(f.read())
        if what == "listdir":
            return "\0".join(sorted(os.listdir(path)))
    except OSError as e:
        return f"error {e.errno}"
    probe = {"isfile": os.path.isfile, "isdir": os.path.isdir, "exists": os.path.exists,
             "realpath": os.path.realpath}
    return str(probe[what](path))

