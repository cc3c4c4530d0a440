"""A model mount as the Engine API's `Mount` object, shared by containers and swarm services.

Both speak the same mount language; they differ only in what a volume mount carries besides
its source (`extra` adds those options) and in how they spell a read-write mount.
"""
from __future__ import annotations

from typing import Callable

from composer.model import Mount, Project, Volume

VolumeExtra = Callable[[Mount, "Volume | None"], dict]


def mount_body(project: Project, m: Mount, extra: VolumeExtra | None = None) -> dict:
    """The `Mount` object for `m`; `extra` gives a volume mount's further `VolumeOptions`."""
    body: dict = {"Type": m.type, "Target": m.target}
    if m.type == "volume":
        vol = project.volumes.get(m.source) if m.source else None
        if m.source:
            body["Source"] = vol.name if vol else m.source
        opts: dict = {"NoCopy": True} if m.nocopy else {}
        if extra is not None:
            opts.update(extra(m, vol))
        if opts:
            body["VolumeOptions"] = opts
    elif m.type == "bind":
        body["Source"] = m.source
        if m.propagation:
            body["BindOptions"] = {"Propagation": m.propagation}
    elif m.type == "tmpfs":
        opts = {}
        if m.tmpfs_size is not None:
            opts["SizeBytes"] = m.tmpfs_size
        if m.tmpfs_mode is not None:
            opts["Mode"] = m.tmpfs_mode
        if opts:
            body["TmpfsOptions"] = opts
    elif m.source:
        body["Source"] = m.source
    return body
