"""One composer run at a time changes a project: a per-project lock file.

Two `up` started together would both see an empty project and both create its networks and
containers. Every command that changes a project holds an exclusive `flock` on a file named
for the engine (DOCKER_HOST) and the project; a second run waits for it, saying so. The
lock goes with the process (the kernel releases it on exit, crash included); commands that
go on streaming after their changes (`up` attached, `run`) release it themselves.

The files live in $COMPOSER_LOCK_DIR, else $XDG_RUNTIME_DIR/composer-locks, else
<tmp>/composer-locks-<uid>.
"""
from __future__ import annotations

import fcntl
import os
import sys

_held: dict[str, int] = {}     # lock file path → open descriptor (this process holds it)


def lock_dir() -> str:
    if os.environ.get("COMPOSER_LOCK_DIR"):
        return os.environ["COMPOSER_LOCK_DIR"]
    if os.environ.get("XDG_RUNTIME_DIR"):
        return os.path.join(os.environ["XDG_RUNTIME_DIR"], "composer-locks")
    return os.path.join(_temp_dir(), f"composer-locks-{os.getuid()}")


def _temp_dir() -> str:
    """The folder tempfile.gettempdir() would pick (TMPDIR, TEMP, TMP, then /tmp,
    /var/tmp, /usr/tmp, then here), by a look at each rather than the file it writes
    and removes; importing tempfile alone costs 5 ms of a no-op `up`."""
    names = [os.environ.get(v) for v in ("TMPDIR", "TEMP", "TMP")]
    for folder in [n for n in names if n] + ["/tmp", "/var/tmp", "/usr/tmp"]:
        if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return os.path.abspath(folder)
    return os.getcwd()


def engine_host() -> str:
    return os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


def lock_path(project: str, host: str | None = None) -> str:
    from composer.digests import sha256

    key = sha256((host or engine_host()).encode()).hexdigest()[:12]
    return os.path.join(lock_dir(), f"{key}-{project}.lock")


def hold(project: str, host: str | None = None, *, say=None, wait: bool = True) -> str | None:
    """Take the project's lock (waiting, with one message, while another run holds it);
    taking it again in the same process does nothing. → the lock file's path; None when
    another run holds it and `wait` is false."""
    return hold_path(lock_path(project, host), project, say=say, wait=wait)


def hold_path(path: str, project: str, *, say=None, wait: bool = True) -> str | None:
    """hold() for the lock file at `path`."""
    if path in _held:
        return path
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                os.close(fd)
                return None
            (say or _say)(f"waiting for another composer run on project {project}")
            fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    _held[path] = fd
    return path


def release(project: str, host: str | None = None) -> None:
    fd = _held.pop(lock_path(project, host), None)
    if fd is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
