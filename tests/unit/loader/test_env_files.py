"""A service's env_file or label_file that cannot be read is reported at the compose
file's entry that names it, with the file's own path (and line, for a bad line)."""
from __future__ import annotations

from helpers import errors_of


def test_a_bad_line_is_reported_at_the_entry_that_names_the_file(tmp_path):
    lines = errors_of(tmp_path, {
        "compose.yaml": "services:\n  web:\n    image: x\n    env_file:\n      - vars.env\n",
        "vars.env": "A=1\nB C=2\n"})
    assert lines == [f'compose.yaml:5:9: services.web.env_file[0]: failed to read env file '
                     f'{tmp_path}/vars.env:2: variable name "B C" cannot contain a space (a '
                     'name holds letters, digits, "_", ".", "-", "[" and "]")']


def test_every_bad_file_of_every_service_at_once(tmp_path):
    lines = errors_of(tmp_path, {
        "compose.yaml": ("services:\n  web:\n    image: x\n    env_file: [bad.env, gone.env]\n"
                         "  x:\n    image: x\n    label_file: gone.env\n"),
        "bad.env": "A=1\n'B=2\n"})
    assert [line.split(": ")[:2] for line in lines] == [
        ["compose.yaml:4:16", "services.web.env_file[0]"],
        ["compose.yaml:4:25", "services.web.env_file[1]"],
        ["compose.yaml:7:5", "services.x.label_file[0]"],  # one path: at its key
    ]
    assert f"failed to read env file {tmp_path}/bad.env:2: " in lines[0]
    assert lines[1].endswith(f"env file {tmp_path}/gone.env not found")
    assert lines[2].endswith(f"label file {tmp_path}/gone.env not found")
