"""`composer envs`: every environment of the folder, its files and its service count."""
from __future__ import annotations

import json

from envhelpers import write_files
from support import ROOT

EXAMPLE = ROOT / "examples" / "compose" / "environments"


def test_envs_table_lists_every_environment_of_the_example(composer):
    done = composer("envs", cwd=EXAMPLE)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["ENVIRONMENT", "PROJECT", "SERVICES", "FILES"]
    rows = {line.split()[0]: line.split(None, 3) for line in lines[1:]}
    assert sorted(rows) == ["base", "prod", "staging"]
    assert rows["base"][1:] == ["envdemo", "2", "compose.yaml, .env"]
    assert rows["staging"][1:] == ["envdemo-staging", "3",
                                   "compose.yaml, compose.staging.yaml, .env, .env.staging"]
    assert rows["prod"][1:3] == ["envdemo-prod", "4"]


def test_envs_json(composer):
    done = composer("envs", "--format", "json", cwd=EXAMPLE)
    assert done.returncode == 0, done.stderr
    rows = {r["name"]: r for r in json.loads(done.stdout)}
    assert rows["prod"]["service_names"] == ["api", "probe", "web", "worker"]
    assert rows["prod"]["compose_files"] == [str(EXAMPLE / "compose.yaml"),
                                             str(EXAMPLE / "compose.prod.yaml")]
    assert rows["prod"]["env_files"] == [str(EXAMPLE / ".env"), str(EXAMPLE / ".env.prod")]
    assert rows["base"]["error"] is None


def test_services_count_follows_profiles(composer, tmp_path):
    write_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n",
                           "compose.dev.yaml": "services:\n  dbg:\n    image: x\n"
                                               "    profiles: [debug]\n"})
    rows = {r["name"]: r for r in json.loads(composer("envs", "--format", "json",
                                                      cwd=tmp_path).stdout)}
    assert rows["dev"]["services"] == 1
    rows = {r["name"]: r for r in json.loads(composer("--profile", "debug", "envs", "--format",
                                                      "json", cwd=tmp_path).stdout)}
    assert rows["dev"]["services"] == 2


def test_a_broken_environment_is_listed_and_fails_the_command(composer, tmp_path):
    write_files(tmp_path, {"compose.yaml": "services:\n  a:\n    image: x\n",
                           "compose.bad.yaml": "services:\n  a:\n    ports: [{target: x}]\n"})
    done = composer("envs", cwd=tmp_path)
    assert done.returncode == 1
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    assert [(r[0], r[2]) for r in rows] == [("base", "1"), ("bad", "error")]
    assert rows[1][1] == "-"
    assert "error: environment bad: " in done.stderr
    assert "compose.bad.yaml" in done.stderr
