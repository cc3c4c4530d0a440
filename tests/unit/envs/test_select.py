"""`--env NAME`: which files an environment loads, and in which order."""
from __future__ import annotations

import pytest
from envhelpers import PROJECT, load_in, write_files

from composer.errors import ConfigError


@pytest.fixture
def project(tmp_path):
    return write_files(tmp_path, PROJECT)


def test_env_layers_overlay_and_env_file_later_wins(project):
    loaded = load_in(project, env_name="staging")
    assert loaded.config_files == (str(project / "compose.yaml"),
                                   str(project / "compose.staging.yaml"))
    assert loaded.environment.files == (str(project / ".env"), str(project / ".env.staging"))
    web = loaded.canonical["services"]["web"]
    assert web["environment"] == {"LEVEL": "info", "ONLY_BASE": "base"}
    assert sorted(loaded.canonical["services"]) == ["web", "worker"]


def test_env_equals_the_explicit_flags(project):
    """The reference test without the reference: --env prod is -f/--env-file by hand."""
    chosen = load_in(project, env_name="prod")
    explicit = load_in(project, files=("compose.yaml", "compose.prod.yaml"),
                       env_files=(".env", ".env.prod"))
    assert chosen.canonical == explicit.canonical
    assert chosen.canonical["services"]["web"]["image"] == "busybox:2.0"


def test_override_file_is_not_added_when_an_env_is_chosen(project):
    assert "OVERRIDE" in load_in(project).canonical["services"]["web"]["environment"]
    for name in ("base", "prod"):
        assert "OVERRIDE" not in load_in(project, env_name=name).canonical["services"]["web"][
            "environment"]


def test_base_is_the_environment_without_overlay(project):
    loaded = load_in(project, env_name="base")
    assert loaded.config_files == (str(project / "compose.yaml"),)
    assert loaded.environment.files == (str(project / ".env"),)


def test_explicit_files_come_after_the_environments(project):
    write_files(project, {"extra.yaml": "services:\n  web:\n    environment:\n      LEVEL: x\n",
                          "extra.env": "TAG=3.0\n"})
    loaded = load_in(project, env_name="staging", files=("extra.yaml", "compose.yaml"),
                     env_files=("extra.env",))
    assert loaded.config_files == (str(project / "compose.yaml"),
                                   str(project / "compose.staging.yaml"),
                                   str(project / "extra.yaml"))
    assert loaded.environment.files[-1] == str(project / "extra.env")
    web = loaded.canonical["services"]["web"]
    assert web["environment"]["LEVEL"] == "x" and web["image"] == "busybox:3.0"


def test_unknown_environment_lists_the_known_ones(project):
    with pytest.raises(ConfigError) as e:
        load_in(project, env_name="qa")
    assert "unknown environment 'qa'; known environments: base, prod, staging" in str(e.value)


def test_override_is_not_an_environment(project):
    with pytest.raises(ConfigError, match="unknown environment 'override'"):
        load_in(project, env_name="override")


def test_missing_env_file_of_the_pair_is_left_out(tmp_path):
    write_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x:${T:-none}\n",
                           "compose.qa.yaml": "services:\n  b:\n    image: y\n"})
    loaded = load_in(tmp_path, env_name="qa")
    assert loaded.environment.files == ()
    assert loaded.canonical["services"]["a"]["image"] == "x:none"


def test_env_file_alone_makes_an_environment(tmp_path):
    write_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x:${T}\n",
                           ".env": "T=1\n", ".env.ci": "T=2\n"})
    loaded = load_in(tmp_path, env_name="ci")
    assert loaded.config_files == (str(tmp_path / "compose.yaml"),)
    assert loaded.canonical["services"]["a"]["image"] == "x:2"


def test_docker_compose_yml_spelling(tmp_path):
    write_files(tmp_path, {"docker-compose.yml": "services:\n  a:\n    image: x\n",
                           "docker-compose.staging.yml": "services:\n  b:\n    image: y\n"})
    loaded = load_in(tmp_path, env_name="staging")
    assert loaded.config_files == (str(tmp_path / "docker-compose.yml"),
                                   str(tmp_path / "docker-compose.staging.yml"))


def test_yml_overlay_for_a_yaml_base(tmp_path):
    write_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n",
                           "compose.staging.yml": "services:\n  b:\n    image: y\n"})
    assert load_in(tmp_path, env_name="staging").config_files[1] == str(
        tmp_path / "compose.staging.yml")


def test_two_spellings_of_one_overlay_warn_and_use_the_base_spelling(tmp_path):
    write_files(tmp_path, {"compose.yml": "services:\n  a:\n    image: x\n",
                           "compose.staging.yaml": "services:\n  b:\n    image: y\n",
                           "compose.staging.yml": "services:\n  c:\n    image: y\n"})
    loaded = load_in(tmp_path, env_name="staging")
    assert loaded.config_files[1] == str(tmp_path / "compose.staging.yml")
    assert f"Using {tmp_path / 'compose.staging.yml'}" in loaded.warnings


def test_env_found_from_a_subfolder(project):
    (project / "sub").mkdir()
    loaded = load_in(project / "sub", env_name="prod")
    assert loaded.project_dir == str(project)
    assert loaded.canonical["services"]["web"]["deploy"]["replicas"] == 2


def test_compose_file_variable_is_ignored_with_a_warning(project):
    loaded = load_in(project, environ={"COMPOSE_FILE": "compose.yaml"}, env_name="staging")
    assert any("COMPOSE_FILE is ignored" in w for w in loaded.warnings)
    assert len(loaded.config_files) == 2


def test_no_env_chosen_leaves_discovery_alone(project):
    assert load_in(project).config_files == (str(project / "compose.yaml"),
                                            str(project / "compose.override.yaml"))


def test_env_in_the_project_directory(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    loaded = load_in(elsewhere, env_name="staging", project_directory=str(project))
    assert loaded.config_files[1] == str(project / "compose.staging.yaml")
    assert loaded.project_dir == str(project)


def test_env_without_a_compose_file_says_which_env(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_in(tmp_path, env_name="staging")
    assert str(e.value).startswith("environment 'staging' (--env / COMPOSER_ENV): "
                                   "no configuration file provided")
