"""cp on the host side: where things land, as docker cp decides."""
import io
import tarfile

import pytest

from composer.copying import pack, parse_location, unpack
from composer.errors import ConfigError


@pytest.mark.parametrize("arg, expected", [
    ("web:/tmp/x", ("web", "/tmp/x")), ("/abs/a:b", (None, "/abs/a:b")),
    ("./rel:x", (None, "./rel:x")), ("-", (None, "-")), ("plain", (None, "plain"))])
def test_service_paths_and_local_paths(arg, expected):
    assert parse_location(arg) == expected


def _tar(entries: dict[str, bytes | None]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_into_an_existing_directory_keeps_the_name(tmp_path):
    unpack([_tar({"d": None, "d/a": b"A"})], "d", str(tmp_path))
    assert (tmp_path / "d" / "a").read_text() == "A"


def test_onto_a_new_path_renames_the_top_level_entry(tmp_path):
    unpack([_tar({"d": None, "d/a": b"A"})], "d", str(tmp_path / "copy"))
    assert (tmp_path / "copy" / "a").read_text() == "A"
    unpack([_tar({"f.txt": b"F"})], "f.txt", str(tmp_path / "g.txt"))
    assert (tmp_path / "g.txt").read_text() == "F"


def test_archive_paths_cannot_escape_the_destination(tmp_path):
    with pytest.raises(tarfile.TarError):
        unpack([_tar({"../evil": b"x"})], "x", str(tmp_path / "in"))
    assert not (tmp_path / "evil").exists()


def test_pack_names_the_entry_and_refuses_missing_sources(tmp_path):
    (tmp_path / "f").write_text("F")
    with tarfile.open(fileobj=io.BytesIO(pack(str(tmp_path / "f"), "renamed"))) as tar:
        assert tar.getnames() == ["renamed"]
    with pytest.raises(ConfigError, match="no such file"):
        pack(str(tmp_path / "missing"), "x")
