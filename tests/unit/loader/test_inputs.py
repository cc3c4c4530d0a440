"""Where a load starts: env files, COMPOSE_* variables, PWD, the project name."""
from __future__ import annotations

from pathlib import Path

from helpers import load_files

SERVICE = "services:\n  s:\n    image: \"i-${A}-${B}\"\n"


def image(loaded) -> str:
    return loaded.canonical["services"]["s"]["image"]


def test_compose_file_and_profiles_come_from_dotenv_and_the_project_folder_adds_its_own(tmp_path):
    (tmp_path / "dev").mkdir()
    loaded = load_files(tmp_path, {
        ".env": "COMPOSE_FILE=dev/compose.yaml\nCOMPOSE_PROFILES=p\nA=fromcwd\n",
        "dev/.env": "A=fromdev\nB=fromdev\n",
        "dev/compose.yaml": SERVICE + "  t:\n    image: t\n    profiles: [p]\n",
    })
    assert image(loaded) == "i-fromcwd-fromdev"          # the first .env wins
    assert set(loaded.canonical["services"]) == {"s", "t"}
    assert loaded.project_dir == str(tmp_path / "dev")


def test_compose_file_paths_are_relative_to_the_current_folder(tmp_path):
    (tmp_path / "pd").mkdir()
    loaded = load_files(tmp_path, {"pd/.env": "COMPOSE_FILE=pd/c.yaml\n",
                                   "pd/c.yaml": "services:\n  s:\n    image: x\n"},
                        project_directory="pd")
    assert [Path(f).name for f in loaded.config_files] == ["c.yaml"]


def test_compose_path_separator(tmp_path):
    loaded = load_files(tmp_path, {"a.yaml": "services:\n  s:\n    image: a\n",
                                   "b.yaml": "services:\n  s:\n    image: b\n"},
                        environ={"COMPOSE_FILE": "a.yaml;b.yaml",
                                 "COMPOSE_PATH_SEPARATOR": ";"})
    assert loaded.canonical["services"]["s"]["image"] == "b"


def test_pwd_defaults_to_the_current_folder(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "services:\n  s:\n    image: \"${PWD}\"\n"})
    assert loaded.canonical["services"]["s"]["image"] == str(tmp_path)
    loaded = load_files(tmp_path, environ={"PWD": "/elsewhere"})
    assert loaded.canonical["services"]["s"]["image"] == "/elsewhere"


def test_project_name_is_known_to_interpolation(tmp_path):
    text = "name: fromfile\nservices:\n  s:\n    image: \"i-${COMPOSE_PROJECT_NAME}\"\n"
    assert load_files(tmp_path, {"compose.yaml": text}).canonical["services"]["s"]["image"] \
        == "i-fromfile"
    assert load_files(tmp_path, project_name="flag").canonical["services"]["s"]["image"] \
        == "i-flag"
    (tmp_path / "compose.yaml").write_text(text.replace("name: fromfile\n", ""))
    assert load_files(tmp_path).canonical["services"]["s"]["image"] \
        == "i-" + tmp_path.name.lower().replace(".", "")


def test_name_in_file_may_use_variables(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "name: ${N}\nservices:\n  s:\n    image: x\n",
                                   ".env": "N=fromenv\n"})
    assert loaded.project.name == "fromenv"


def test_bad_dotenv_names_the_compose_file(tmp_path):
    from helpers import errors_of

    lines = errors_of(tmp_path, {"compose.yaml": "services:\n  s:\n    image: x\n",
                                 ".env": 'TAG="latest\n'}, files=("compose.yaml",))
    assert lines[0].startswith(".env:1: failed to read env file: ")
    assert lines[0].endswith("(it sets the variables of compose.yaml)")
