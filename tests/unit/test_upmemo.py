"""The remembered no-op `up`: what it notes, what it compares, when it may answer."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from composer import readlog, upmemo

PACKAGE = Path(upmemo.__file__).parent


def test_every_look_is_noted_with_an_answer_that_a_later_look_reproduces(tmp_path):
    there = tmp_path / "compose.yaml"
    there.write_text("services: {}\n")
    missing = tmp_path / "compose.override.yaml"
    with readlog.recording() as log:
        assert readlog.isfile(str(there)) and not readlog.isfile(str(missing))
        assert readlog.read_bytes(str(there)) == b"services: {}\n"
        assert readlog.listdir(str(tmp_path)) == ["compose.yaml"]
        assert not readlog.exists(str(tmp_path / ".env"))
        assert readlog.isdir(str(tmp_path))
    assert [what for what, _, _ in log] == ["isfile", "isfile", "read", "listdir", "exists",
                                           "isdir"]
    assert all(readlog.answer(what, path) == answer for what, path, answer in log)

    there.write_text("services: {a: {image: x}}\n")       # a file read changed
    missing.write_text("")                                 # a file looked for appeared
    changed = [what for what, path, answer in log if readlog.answer(what, path) != answer]
    assert changed == ["isfile", "read", "listdir"]


def test_a_path_is_compared_as_it_was_looked_at_not_tidied(tmp_path):
    """link/../x is x beside the link's target; os.path.abspath would make it x beside
    the link, a file nobody looked at."""
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to("real/sub")
    (tmp_path / "app.env").write_text("V=decoy\n")
    (tmp_path / "a.yaml").write_text("a\n")
    (tmp_path / "b.yaml").write_text("b\n")
    (tmp_path / "extra.yaml").symlink_to("a.yaml")
    with readlog.recording() as log:
        assert not readlog.isfile(str(tmp_path / "link" / ".." / "app.env"))
        assert readlog.realpath(str(tmp_path / "extra.yaml")) == str(tmp_path / "a.yaml")
    assert all(readlog.answer(what, path) == answer for what, path, answer in log)
    (tmp_path / "real" / "app.env").write_text("V=two\n")
    (tmp_path / "extra.yaml").unlink()
    (tmp_path / "extra.yaml").symlink_to("b.yaml")
    assert [readlog.answer(what, path) != answer for what, path, answer in log] == [True, True]


def test_nothing_is_noted_outside_a_recording(tmp_path):
    with readlog.recording() as log:
        pass
    readlog.isfile(str(tmp_path))
    assert log == []


def test_a_failed_read_is_noted_and_raises(tmp_path):
    with readlog.recording() as log:
        with pytest.raises(OSError):
            readlog.read_bytes(str(tmp_path / "gone.env"))
    assert log[0][2].startswith("error ")
    assert readlog.answer("read", log[0][1]) == log[0][2]


def _containers(status: str) -> list[dict]:
    return [{"Id": "abc", "State": "running", "Status": status, "Labels": {"a": "b"}}]


LIST = "/containers/json?all=1"


def test_a_container_answer_ignores_how_long_it_has_been_up_but_not_its_health():
    def digest(status):
        return upmemo.steady(LIST, 200, _containers(status))

    assert digest("Up 5 minutes (healthy)") == digest("Up Less than a second (healthy)")
    assert digest("Up 5 minutes (healthy)") != digest("Up 5 minutes (unhealthy)")
    assert digest("Up 5 minutes") != digest("Up 5 minutes (health: starting)")
    assert digest("Up 2 hours (Paused)") != digest("Up 2 hours")
    assert digest("Exited (0) 3 minutes ago") == digest("Exited (0) 2 days ago")
    assert digest("Exited (0) 3 minutes ago") != digest("Exited (137) 3 minutes ago")
    assert digest("Created") != digest("Up 1 second")


def test_everything_else_in_a_container_answer_counts():
    moved = _containers("Up 1 second")
    moved[0]["Labels"] = {"a": "c"}
    assert upmemo.steady(LIST, 200, moved) != upmemo.steady(LIST, 200, _containers("Up 1 second"))


def test_an_image_answer_is_its_id_and_an_existence_check_its_status():
    img = "/images/busybox:latest/json"
    assert (upmemo.steady(img, 200, {"Id": "sha256:1", "Metadata": {"LastTagTime": "x"}})
            == upmemo.steady(img, 200, {"Id": "sha256:1", "Metadata": {"LastTagTime": "y"}}))
    assert upmemo.steady(img, 200, {"Id": "sha256:1"}) != upmemo.steady(img, 200, {"Id": "sha256:2"})
    assert upmemo.steady(img, 404, None) != upmemo.steady(img, 200, {"Id": "sha256:1"})
    assert upmemo.steady("/networks/front", 200, {"Id": "n1"}) == \
        upmemo.steady("/networks/front", 200, {"Id": "n2", "Containers": {}})
    assert upmemo.steady("/networks/front", 404, None) != \
        upmemo.steady("/networks/front", 200, {"Id": "n1"})


def test_the_key_covers_command_line_directory_and_environment(monkeypatch, tmp_path):
    base = upmemo.key(["-p", "app", "up", "-d"])
    assert upmemo.key(["-p", "app", "up", "-d"]) == base
    assert upmemo.key(["-p", "app", "up", "-d", "web"]) != base
    monkeypatch.setenv("SOME_VARIABLE_A_FILE_MIGHT_USE", "1")
    assert upmemo.key(["-p", "app", "up", "-d"]) != base
    monkeypatch.delenv("SOME_VARIABLE_A_FILE_MIGHT_USE")
    monkeypatch.chdir(tmp_path)
    assert upmemo.key(["-p", "app", "up", "-d"]) != base


def test_a_value_holding_a_newline_does_not_pass_for_two_variables(monkeypatch):
    for name in list(os.environ):
        if name.startswith("MEMO_T"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("MEMO_TA", "x")
    monkeypatch.setenv("MEMO_TB", "y")
    two = upmemo.key(["up", "-d"])
    monkeypatch.delenv("MEMO_TB")
    monkeypatch.setenv("MEMO_TA", "x\nMEMO_TB=y")
    assert upmemo.key(["up", "-d"]) != two
    monkeypatch.setenv("MEMO_TA", "x")
    assert upmemo.key(["up", "-d", "a\0b"]) != upmemo.key(["up", "-d", "a", "b"])


def test_the_key_changes_with_the_installed_libraries(monkeypatch, tmp_path):
    site = tmp_path / "site-packages"
    (site / "PyYAML-6.0.1.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    before = upmemo.key(["up", "-d"])
    (site / "PyYAML-6.0.1.dist-info").rename(site / "PyYAML-6.0.2.dist-info")
    assert upmemo.key(["up", "-d"]) != before


@pytest.mark.parametrize("argv, expected", [
    (["up", "-d"], True),
    (["-p", "app", "-f", "a.yaml", "--profile", "x", "up", "-d", "web"], True),
    (["ps"], False),
    (["-f", "-", "up", "-d"], False),          # the file comes on stdin: nothing to compare
    (["--file=-", "up", "-d"], False),
    (["up", "-d", "--dry-run"], False),
    (["--dry-run", "up", "-d"], False),
    (["--unknown-global", "up"], False),
])
def test_which_command_lines_may_be_remembered(argv, expected, monkeypatch):
    monkeypatch.delenv("COMPOSER_UP_MEMO", raising=False)
    assert upmemo.eligible(argv) is expected


def test_composer_up_memo_0_turns_it_off(monkeypatch):
    monkeypatch.setenv("COMPOSER_UP_MEMO", "0")
    assert not upmemo.eligible(["up", "-d"])


def test_a_missing_or_broken_note_means_the_whole_way(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("COMPOSER_UP_MEMO", raising=False)
    argv = ["-p", "app", "up", "-d"]
    assert upmemo.replay(argv) is False
    assert upmemo.ARMED == upmemo.key(argv)       # the full run may note itself
    upmemo.ARMED = None
    folder = tmp_path / "composer" / "up-memo"
    folder.mkdir(parents=True)
    (folder / f"{upmemo.key(argv)}.json").write_text("{not json")
    assert upmemo.replay(argv) is False
    upmemo.ARMED = None


def test_a_note_whose_file_changed_is_not_replayed(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("COMPOSER_UP_MEMO", raising=False)
    monkeypatch.chdir(tmp_path)
    compose = tmp_path / "compose.yaml"
    compose.write_text("services: {}\n")
    argv = ["-p", "app", "up", "-d"]
    with readlog.recording() as log:
        readlog.read_bytes(str(compose))
    note = {"version": upmemo.VERSION, "project": "app", "socket": "/nonexistent.sock",
            "lock": str(tmp_path / "app.lock"), "reads": log, "gets": [],
            "stdout": "", "stderr": " Container app-web-1  Running\n"}
    upmemo._write(os.path.join(upmemo.memo_dir(), f"{upmemo.key(argv)}.json"), note)
    assert upmemo.replay(argv) is True
    assert capsys.readouterr().err == " Container app-web-1  Running\n"
    compose.write_text("services: {web: {image: busybox}}\n")
    assert upmemo.replay(argv) is False
    assert capsys.readouterr().err == ""
    upmemo.ARMED = None


def test_old_notes_are_removed_beyond_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(upmemo, "KEEP", 3)
    for i in range(5):
        path = tmp_path / f"{i}.json"
        upmemo._write(str(path), {"i": i})
        os.utime(path, (i, i))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2.json", "3.json", "4.json"]


LOOKS = {("os", "path", "isfile"), ("os", "path", "isdir"), ("os", "path", "exists"),
         ("os", "listdir"), ("os", "scandir"), ("os", "path", "realpath"),
         ("os", "path", "samefile"), ("os", "stat")}


def _direct_looks(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        f, parts = node.func, []
        while isinstance(f, ast.Attribute):
            parts.insert(0, f.attr)
            f = f.value
        if isinstance(f, ast.Name):
            parts.insert(0, f.id)
        if parts[:1] == ["readlog"]:
            continue
        if tuple(parts) in LOOKS or parts == ["open"] or parts[-1:] in (["read_bytes"],
                                                                        ["read_text"]):
            found.append(f"{path.name}:{node.lineno} {'.'.join(parts)}")
    return found


def test_the_loader_looks_at_files_only_through_readlog():
    """A look that bypassed readlog would not be compared, and a changed file could be
    answered from a stale note: every one goes through it (the schema is package data)."""
    files = sorted((PACKAGE / "loader").glob("*.py")) + [PACKAGE / "confighash.py"]
    looks = [hit for f in files for hit in _direct_looks(f)
             if not hit.startswith("schema.py:")]
    assert looks == []
