"""Mounts in the container create body: each mount type as the Engine API spells it."""
from __future__ import annotations

from composer.engine.docker_create import create_body
from composer.loader import LoadOptions, load


def _mounts(tmp_path, text: str) -> list[dict]:
    (tmp_path / "compose.yaml").write_text(text)
    p = load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="m")).project
    body = create_body(p, p.services["web"], 1, "busybox", "sha256:x", resolve=lambda s: s)
    return body["HostConfig"]["Mounts"]


def test_volume_bind_and_tmpfs_mounts_carry_their_options(tmp_path):
    mounts = _mounts(tmp_path, """
services:
  web:
    image: busybox
    volumes:
      - type: volume
        source: data
        target: /data
        read_only: true
        volume: {nocopy: true, subpath: sub}
      - type: bind
        source: ./site
        target: /site
        bind: {propagation: rslave}
        consistency: cached
      - type: tmpfs
        target: /scratch
        tmpfs: {size: 1024, mode: 0o1777}
volumes:
  data: {}
""")
    vol, bind, tmpfs = mounts
    assert vol == {"Type": "volume", "Target": "/data", "Source": "m_data", "ReadOnly": True,
                   "VolumeOptions": {"NoCopy": True, "Subpath": "sub"}}
    assert bind == {"Type": "bind", "Target": "/site", "Source": str(tmp_path / "site"),
                    "ReadOnly": False, "BindOptions": {"Propagation": "rslave"},
                    "Consistency": "cached"}
    assert tmpfs == {"Type": "tmpfs", "Target": "/scratch", "ReadOnly": False,
                     "TmpfsOptions": {"SizeBytes": 1024, "Mode": 0o1777}}
