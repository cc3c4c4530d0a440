"""pull and push without a registry: every service reports, failures name service and image.
Also where --parallel / COMPOSE_PARALLEL_LIMIT show: one pull at a time."""
from __future__ import annotations

import json
import uuid

import pytest

from enginehelp import project_cli


@pytest.fixture
def cli(project_name, write):
    tag = uuid.uuid4().hex[:8]
    compose = f"""
services:
  a:
    image: composer-test-nosuch-a-{tag}:1.0
  b:
    image: composer-test-nosuch-b-{tag}:1.0
  here:
    image: busybox:latest
  buildable:
    build: {{context: ., dockerfile_inline: "FROM busybox:latest"}}
    image: 127.0.0.1:1/composer-test/buildable-{tag}:1.0
"""
    run = project_cli(project_name, write, compose)
    run.tag = tag
    return run


def test_pull_fails_naming_each_service_and_image(cli):
    res = cli("pull", "a", "b")
    assert res.returncode == 1
    err = res.stderr
    assert f"service a: cannot pull image composer-test-nosuch-a-{cli.tag}:1.0:" in err
    assert f"service b: cannot pull image composer-test-nosuch-b-{cli.tag}:1.0:" in err
    assert " a  Pulling" in err and " a  Error" in err and "Traceback" not in err


def test_buildable_image_that_cannot_be_pulled_only_warns(cli):
    res = cli("pull", "buildable")
    assert res.returncode == 0, res.stderr
    assert "must be built from source" in res.stderr and "composer build buildable" in res.stderr


def test_ignore_pull_failures_and_policy_missing(cli):
    assert cli("pull", "--ignore-pull-failures", "a").returncode == 0
    quiet = cli("pull", "--policy", "missing", "here")
    assert quiet.returncode == 0 and "Pulling" not in quiet.stderr


def test_quiet_pull_prints_only_the_error(cli):
    res = cli("pull", "-q", "a")
    assert res.returncode == 1
    assert res.stderr.startswith("error: service a: cannot pull image")


def test_pull_progress_json(cli):
    res = cli("--progress", "json", "pull", "a")
    events = [json.loads(line) for line in res.stderr.splitlines()]
    assert events[0] == {"id": "a", "status": "Pulling"}
    assert events[1]["id"] == "a" and events[1]["text"] == "Error"
    assert events[-1]["error"] is True and "service a: cannot pull image" in events[-1]["message"]


def _one_at_a_time(stderr: str) -> bool:
    lines = [line.split()[:2] for line in stderr.splitlines() if line.startswith(" ")]
    return all(lines[i][1] == "Pulling" and lines[i + 1][0] == lines[i][0]
               for i in range(0, len(lines), 2))


def test_parallel_1_pulls_one_image_at_a_time(cli):
    res = cli("--parallel", "1", "pull", "a", "b", "here")
    assert res.returncode == 1 and _one_at_a_time(res.stderr), res.stderr


def test_compose_parallel_limit_does_the_same(cli):
    res = cli("pull", "a", "b", "here", env={"COMPOSE_PARALLEL_LIMIT": "1"})
    assert res.returncode == 1 and _one_at_a_time(res.stderr), res.stderr


def test_push_skips_services_without_build_and_names_failures(cli):
    res = cli("push", "here", "buildable")
    assert res.returncode == 1
    assert " here  Skipped" in res.stderr
    assert (f"service buildable: cannot push image 127.0.0.1:1/composer-test/buildable-"
            f"{cli.tag}:1.0:") in res.stderr
    assert cli("push", "--ignore-push-failures", "buildable").returncode == 0
