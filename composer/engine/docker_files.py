"""Tar archives for writing secret and config contents into a container."""
from __future__ import annotations

import io
import tarfile
import time


def tar_of(files: list[tuple[str, bytes, int, str | None, str | None]]) -> bytes:
    """files: (absolute path, content, mode, uid, gid)."""
    buf = io.BytesIO()
    now = time.time()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        dirs: set[str] = set()
        for path, data, mode, uid, gid in files:
            parts = path.strip("/").split("/")
            for i in range(1, len(parts)):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    info.mtime = now
                    tar.addfile(info)
            info = tarfile.TarInfo(path.strip("/"))
            info.size = len(data)
            info.mode = mode
            info.mtime = now
            info.uid = int(uid) if uid and uid.isdigit() else 0
            info.gid = int(gid) if gid and gid.isdigit() else 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()
