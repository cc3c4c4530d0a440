"""Shell completion of service names, and the scripts for bash, zsh and fish."""
import os
import subprocess
import sys

import pytest

from composer.completion import complete_services, service_names

COMPOSE = "services:\n  web: {image: x}\n  db: {image: x}\n  worker: {image: x}\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / "compose.override.yaml").write_text("services:\n  extra: {image: y}\n")
    (tmp_path / "sub").mkdir()
    return tmp_path


def test_names_come_from_the_files_found_in_the_folder_or_a_parent(project):
    assert service_names(cwd=str(project / "sub"), environ={}) == ["db", "extra", "web",
                                                                   "worker"]


def test_explicit_files_and_compose_file_are_honoured(project):
    (project / "other.yaml").write_text("services:\n  solo: {image: z}\n")
    assert service_names(["other.yaml"], cwd=str(project), environ={}) == ["solo"]
    env = {"COMPOSE_FILE": "other.yaml;compose.yaml", "COMPOSE_PATH_SEPARATOR": ";"}
    assert service_names(cwd=str(project), environ=env) == ["db", "solo", "web", "worker"]


def test_broken_or_missing_files_complete_nothing(tmp_path):
    (tmp_path / "compose.yaml").write_text("services: [unclosed\n")
    assert service_names(cwd=str(tmp_path), environ={}) == []
    assert service_names(cwd=str(tmp_path / "nowhere"), environ={}) == []


class _Ctx:
    def __init__(self, params, root=None):
        self.params = params
        self._root = root

    def find_root(self):
        return self._root or self


def test_callback_filters_by_prefix_and_skips_services_already_given(project, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.delenv("COMPOSE_FILE", raising=False)
    root = _Ctx({"file": None, "project_directory": None})
    assert complete_services(_Ctx({"services": ["web"]}, root), "w") == ["worker"]
    assert complete_services(_Ctx({}, root), "") == ["db", "extra", "web", "worker"]


def _complete(shell_env: dict, cwd) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    env.update(shell_env)
    code = "from composer.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True,
                          text=True).stdout


def test_bash_completes_service_names_of_the_project_here(project):
    out = _complete({"_COMPOSER_COMPLETE": "complete_bash", "COMP_WORDS": "composer logs w",
                     "COMP_CWORD": "2"}, project)
    assert out.split() == ["web", "worker"]


def test_zsh_and_fish_complete_too(project):
    zsh = _complete({"_COMPOSER_COMPLETE": "complete_zsh",
                     "_TYPER_COMPLETE_ARGS": "composer exec d"}, project)
    assert '"db"' in zsh
    fish = _complete({"_COMPOSER_COMPLETE": "complete_fish",
                      "_TYPER_COMPLETE_ARGS": "composer stop e",
                      "_TYPER_COMPLETE_FISH_ACTION": "get-args"}, project)
    assert fish.split() == ["extra"]


def test_show_completion_bash_from_bash():
    # `; exit $?` keeps bash from exec-ing the command: bash stays its parent, whatever
    # ran pytest (typer finds the shell among the parent processes)
    res = subprocess.run(["bash", "-c", f"'{sys.executable}' -m composer --show-completion "
                                        "bash; exit $?"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "complete -o default -F _composer_completion composer" in res.stdout
    assert "_COMPOSER_COMPLETE=complete_bash" in res.stdout


@pytest.mark.parametrize("shell, marker", [("zsh", "compdef _composer_completion composer"),
                                           ("fish", "complete --command composer")])
def test_show_completion_prints_the_script_for_zsh_and_fish(shell, marker):
    # typer's own switch to name the shell instead of detecting the parent process
    env = dict(os.environ, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    res = subprocess.run([sys.executable, "-m", "composer", "--show-completion", shell],
                         capture_output=True, text=True, env=env)
    assert res.returncode == 0, res.stderr
    assert marker in res.stdout and "_COMPOSER_COMPLETE" in res.stdout
