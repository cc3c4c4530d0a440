"""Loader rules about the project as a whole: files, env files, names, the model."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from composer.configout import to_json
from composer.errors import ConfigError
from helpers import load_files

ROOT = Path(__file__).resolve().parents[3]


def test_finds_compose_yaml_and_its_override(tmp_path):
    loaded = load_files(tmp_path, {
        "compose.yaml": "services:\n  a:\n    image: x\n",
        "compose.override.yaml": "services:\n  a:\n    environment: [A=1]\n",
    })
    assert [Path(f).name for f in loaded.config_files] == ["compose.yaml", "compose.override.yaml"]
    assert loaded.canonical["services"]["a"]["environment"] == {"A": "1"}


@pytest.mark.parametrize("name", ["compose.yml", "docker-compose.yaml", "docker-compose.yml"])
def test_finds_each_default_name(tmp_path, name):
    loaded = load_files(tmp_path, {name: "services:\n  a:\n    image: x\n"})
    assert Path(loaded.config_files[0]).name == name


def test_prefers_compose_yaml_and_warns_when_several(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n",
                                   "docker-compose.yml": "services:\n  a:\n    image: y\n"})
    assert loaded.canonical["services"]["a"]["image"] == "x"
    assert any("Found multiple config files" in w for w in loaded.warnings)


def test_searches_parent_folders(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: x\n")
    loaded = load_files(tmp_path / "sub" / "deeper")
    assert loaded.project_dir == str(tmp_path)
    assert loaded.project.name == tmp_path.name.lower().replace(".", "")


def test_repeated_f_files_merge_in_order(tmp_path):
    loaded = load_files(tmp_path, {
        "a.yaml": "services:\n  s:\n    image: one\n    command: echo a\n",
        "b.yaml": "services:\n  s:\n    image: two\n",
    }, files=("a.yaml", "b.yaml"))
    s = loaded.canonical["services"]["s"]
    assert s["image"] == "two" and s["command"] == ["echo", "a"]


def test_no_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no configuration file provided"):
        load_files(tmp_path)


def test_project_name_precedence(tmp_path):
    files = {"compose.yaml": "name: fromfile\nservices:\n  a:\n    image: x\n"}
    assert load_files(tmp_path, files).project.name == "fromfile"
    env = {"COMPOSE_PROJECT_NAME": "fromenv"}
    assert load_files(tmp_path, environ=env).project.name == "fromenv"
    assert load_files(tmp_path, environ=env, project_name="flag").project.name == "flag"


def test_project_name_from_dotenv(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n",
                                   ".env": "COMPOSE_PROJECT_NAME=dotenvname\n"})
    assert loaded.project.name == "dotenvname"


def test_project_name_from_folder_is_normalised(tmp_path):
    folder = tmp_path / "My.App_1"
    folder.mkdir()
    loaded = load_files(folder, {"compose.yaml": "services:\n  a:\n    image: x\n"})
    assert loaded.project.name == "myapp_1"


def test_invalid_project_name_given_is_rejected(tmp_path):
    with pytest.raises(ConfigError, match='invalid project name "MyApp"'):
        load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n"},
                   project_name="MyApp")


def test_project_directory_moves_relative_paths(tmp_path):
    loaded = load_files(tmp_path, {"conf/compose.yaml": "services:\n  a:\n    build: ./app\n"},
                        files=("conf/compose.yaml",), project_directory="elsewhere")
    assert loaded.canonical["services"]["a"]["build"]["context"] == str(tmp_path / "elsewhere/app")


def test_dotenv_feeds_interpolation_and_process_env_wins(tmp_path):
    files = {"compose.yaml": "services:\n  a:\n    image: ${IMG}:${TAG}\n",
             ".env": "IMG=busybox\nTAG=old\n"}
    loaded = load_files(tmp_path, files, environ={"TAG": "new"})
    assert loaded.canonical["services"]["a"]["image"] == "busybox:new"


def test_env_file_flag_replaces_dotenv_and_later_wins(tmp_path):
    files = {"compose.yaml": "services:\n  a:\n    image: ${IMG}:${TAG}\n",
             ".env": "IMG=fromdotenv\nTAG=x\n", "one.env": "IMG=one\nTAG=one\n",
             "two.env": "TAG=two\n"}
    loaded = load_files(tmp_path, files, env_files=("one.env", "two.env"))
    assert loaded.canonical["services"]["a"]["image"] == "one:two"


def test_missing_env_file_flag_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="couldn't find env file"):
        load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n"},
                   env_files=("nope.env",))


@pytest.mark.parametrize("expr, env, want", [
    ("${V}", {"V": "x"}, "x"),
    ("$V", {"V": "x"}, "x"),
    ("${V:-d}", {"V": ""}, "d"),
    ("${V-d}", {"V": ""}, ""),
    ("${V-d}", {}, "d"),
    ("a$$b", {}, "a$b"),
])
def test_interpolation_forms(tmp_path, expr, env, want):
    loaded = load_files(tmp_path, {"compose.yaml": f"services:\n  a:\n    image: x\n"
                                   f"    environment:\n      E: \"{expr}\"\n"}, environ=env)
    assert loaded.canonical["services"]["a"]["environment"]["E"] == want


def test_required_variable_error_names_file_line_and_path(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: ${TAG:?set TAG}\n"})
    assert str(e.value).startswith("compose.yaml:3:5: services.a.image: ")
    assert "set TAG" in str(e.value)


def test_version_is_accepted_with_a_warning(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "version: '3.8'\nservices:\n  a:\n    image: x\n"})
    assert "version" not in loaded.canonical
    assert any("`version` is obsolete" in w for w in loaded.warnings)


def test_model_is_frozen(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n    ports: ['80']\n"})
    svc = loaded.project.services["a"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        svc.image = "y"
    with pytest.raises(TypeError):
        loaded.project.services["b"] = svc
    assert svc.ports[0].target == 80 and isinstance(svc.ports, tuple)


def test_training_document_config_matches_docker_compose(tmp_path):
    """The training document's own file, verbatim: what docker compose v2 prints for it."""
    src = ROOT / "tests" / "data" / "training" / "docker-compose.yml"
    (tmp_path / "docker-compose.yml").write_text(src.read_text())
    loaded = load_files(tmp_path, project_name="train")
    got = json.loads(to_json(loaded.canonical))
    want = {
        "name": "train",
        "networks": {"default": {"name": "train_default", "ipam": {}}},
        "services": {
            "go": {"command": None, "entrypoint": None, "image": "go",
                   "networks": {"default": None}},
            "web": {
                "build": {"context": str(tmp_path), "dockerfile": "Dockerfile"},
                "command": None,
                "depends_on": {"go": {"condition": "service_started", "restart": True,
                                      "required": True}},
                "entrypoint": None,
                "links": ["go"],
                "networks": {"default": None},
                "ports": [{"mode": "ingress", "target": 9009, "published": "9009",
                           "protocol": "tcp"}],
                "volumes": [
                    {"type": "bind", "source": str(tmp_path), "target": "/app",
                     "bind": {"create_host_path": True}},
                    {"type": "volume", "source": "logvolume01", "target": "/var/log",
                     "volume": {}},
                ],
            },
        },
        "volumes": {"logvolume01": {"name": "train_logvolume01"}},
    }
    assert got == want
    assert any("`version` is obsolete" in w for w in loaded.warnings)
