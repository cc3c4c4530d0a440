"""Every problem of a list is reported in one run, each at its item (README: "reports
every problem it finds at once")."""
from __future__ import annotations

from helpers import errors_of


def compose(body: str, extra: str = "") -> dict[str, str]:
    return {"compose.yaml": "services:\n  web:\n    image: x\n" + body + extra}


def test_every_bad_volume_entry(tmp_path):
    lines = errors_of(tmp_path, compose(
        "    volumes:\n"
        "      - data:/y:bogus\n"
        "      - rel:/z\n"
        "      - ./x:relative\n"
        "      - gone:/q\n", "volumes:\n  data: {}\n"))
    assert [line.split(": ")[0:2] for line in lines] == [
        ["compose.yaml:5:9", "services.web.volumes[0]"],
        ["compose.yaml:6:9", "services.web.volumes[1]"],
        ["compose.yaml:7:9", "services.web.volumes[2]"],
        ["compose.yaml:8:9", "services.web.volumes[3]"],
    ]
    assert "unknown volume mode 'bogus'" in lines[0]
    assert lines[1].endswith('service "web" refers to undefined volume rel')
    assert "container path 'relative' is not absolute" in lines[2]
    assert lines[3].endswith('service "web" refers to undefined volume gone')


def test_a_bad_long_volume_does_not_hide_the_next_one(tmp_path):
    lines = errors_of(tmp_path, compose(
        "    volumes:\n"
        "      - {type: tmpfs, target: /t, tmpfs: {size: lots}}\n"
        "      - rel:/z\n"))
    assert len(lines) == 2
    assert lines[0].startswith("compose.yaml:5:43: services.web.volumes[0].tmpfs.size: "
                               'expected a size like "512m" or "1.5GiB", or a number of '
                               'bytes, got "lots"')
    assert lines[1] == ('compose.yaml:6:9: services.web.volumes[1]: service "web" refers to '
                        "undefined volume rel")
