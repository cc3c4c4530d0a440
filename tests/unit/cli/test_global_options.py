"""Global options and the environment variables docker compose reads, through `config`
and `ps` (no containers needed)."""
import pytest

from support import run_composer

BASE = "services:\n  web:\n    image: web:${TAG:-none}\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "compose.yaml").write_text(BASE)
    (tmp_path / "extra.yaml").write_text("services:\n  worker: {image: worker}\n")
    (tmp_path / "profiled.yaml").write_text(
        "services:\n  web: {image: web}\n  debug: {image: dbg, profiles: [dbg]}\n")
    return tmp_path


def config(folder, *args, env=None, input=None):
    res = run_composer(*args, cwd=folder, env=env, input=input)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_file_option_is_repeatable_and_merges_in_order(folder):
    out = config(folder, "-f", "compose.yaml", "-f", "extra.yaml", "config", "--services")
    assert out.split() == ["web", "worker"]


def test_file_dash_reads_stdin(folder):
    out = config(folder, "-f", "-", "config", "--services",
                 input="services:\n  fromstdin: {image: x}\n")
    assert out.split() == ["fromstdin"]


def test_stdin_first_then_a_file_in_a_subfolder_takes_that_folder(folder):
    # as docker compose: the project directory is the first file's that has a path
    (folder / "sub").mkdir()
    (folder / "sub" / "more.yaml").write_text("services:\n  web: {volumes: [./rel:/rel]}\n")
    out = config(folder, "-f", "-", "-f", "sub/more.yaml", "config", input=BASE)
    assert out.startswith("name: sub\n")
    assert f"source: {folder / 'sub' / 'rel'}\n" in out


def test_project_name_option_and_variable(folder):
    assert "name: chosen\n" in config(folder, "-p", "chosen", "config")
    assert "name: fromenv\n" in config(folder, "config", env={"COMPOSE_PROJECT_NAME": "fromenv"})
    assert "name: flagwins\n" in config(folder, "-p", "flagwins", "config",
                                        env={"COMPOSE_PROJECT_NAME": "fromenv"})


def test_profile_option_and_compose_profiles(folder):
    assert config(folder, "-f", "profiled.yaml", "config", "--services").split() == ["web"]
    assert config(folder, "-f", "profiled.yaml", "--profile", "dbg", "config",
                  "--services").split() == ["debug", "web"]
    assert config(folder, "-f", "profiled.yaml", "config", "--services",
                  env={"COMPOSE_PROFILES": "dbg"}).split() == ["debug", "web"]


def test_env_file_option_and_compose_env_files(folder):
    (folder / "a.env").write_text("TAG=fromfile\n")
    (folder / "b.env").write_text("TAG=second\n")
    assert "image: web:fromfile" in config(folder, "--env-file", "a.env", "config")
    assert "image: web:second" in config(folder, "--env-file", "a.env", "--env-file", "b.env",
                                         "config")
    assert "image: web:second" in config(folder, "config",
                                         env={"COMPOSE_ENV_FILES": "a.env,b.env"})


def test_project_directory_decides_the_env_file_and_working_dir(folder):
    sub = folder / "sub"
    sub.mkdir()
    (sub / ".env").write_text("TAG=fromsub\n")
    (folder / "bind.yaml").write_text("services:\n  web:\n    volumes: [./data:/data]\n")
    out = config(folder, "--project-directory", "sub", "-f", "compose.yaml", "-f", "bind.yaml",
                 "config")
    assert "image: web:fromsub" in out and f"source: {sub / 'data'}" in out


def test_compose_file_and_path_separator(folder):
    env = {"COMPOSE_FILE": "compose.yaml|extra.yaml", "COMPOSE_PATH_SEPARATOR": "|"}
    assert config(folder, "config", "--services", env=env).split() == ["web", "worker"]
    env = {"COMPOSE_FILE": "compose.yaml:extra.yaml"}   # os.pathsep on Linux
    assert config(folder, "config", "--services", env=env).split() == ["web", "worker"]


@pytest.mark.parametrize("args, message", [
    (["--progress", "bogus", "config"], 'unsupported --progress value "bogus"'),
    (["--ansi", "bogus", "config"], 'unsupported --ansi value "bogus"'),
])
def test_bad_progress_or_ansi_exit_1(folder, args, message):
    res = run_composer(*args, cwd=folder)
    assert res.returncode == 1 and message in res.stderr


def test_progress_and_ansi_variables_are_read(folder):
    res = run_composer("config", "--services", cwd=folder, env={"COMPOSE_PROGRESS": "nope"})
    assert res.returncode == 1 and "--progress" in res.stderr
    res = run_composer("config", "--services", cwd=folder, env={"COMPOSE_ANSI": "never"})
    assert res.returncode == 0


def test_parallel_must_be_a_number_from_flag_or_variable(folder):
    assert run_composer("--parallel", "two", "config", cwd=folder).returncode == 1
    res = run_composer("config", cwd=folder, env={"COMPOSE_PARALLEL_LIMIT": "two"})
    assert res.returncode == 1 and "COMPOSE_PARALLEL_LIMIT" in res.stderr


def test_usage_errors_exit_1(folder):
    res = run_composer("ps", "--no-such-flag", cwd=folder)
    assert res.returncode == 1 and "no-such-flag" in res.stderr


def test_docker_host_is_where_composer_connects(folder):
    res = run_composer("-p", "nothing", "ps", cwd=folder,
                       env={"DOCKER_HOST": "tcp://127.0.0.1:1"})
    assert res.returncode == 1
    assert "cannot reach the Docker engine" in res.stderr and "Traceback" not in res.stderr
