"""Waiting for convergence and failing with the task's error; --detach; --prune; --build."""
from __future__ import annotations

import time

from swarmsupport import owned, running_tasks, stack, swarm, version  # noqa: F401

BROKEN = """
services:
  broken:
    image: busybox:latest
    command: ["sh", "-c", "exit 3"]
    deploy:
      restart_policy: {delay: 0s}
"""


def test_a_service_that_cannot_converge_fails_with_the_task_error(composer, stack, swarm, write):
    compose = write("compose.yaml", BROKEN)
    out = composer("-p", stack, "--progress", "plain", "stack", "deploy", "--wait-timeout", "120",
                   cwd=compose.parent)
    assert out.returncode == 1
    assert f"Service {stack}_broken: cannot converge: task: non-zero exit (3)" in out.stderr


def test_detach_returns_without_waiting(composer, stack, swarm, write):
    compose = write("compose.yaml", BROKEN)
    start = time.monotonic()
    out = composer("-p", stack, "stack", "deploy", "--detach", cwd=compose.parent)
    assert out.returncode == 0, out.stderr
    assert time.monotonic() - start < 10
    assert owned(swarm, stack)["services"] == [f"{stack}_broken"]


def test_a_redeploy_after_a_failed_one_waits_again_and_fails_again(composer, stack, swarm,
                                                                   write):
    # the spec is unchanged, but the service never got its tasks: not "up to date"
    compose = write("compose.yaml", BROKEN)
    first = composer("-p", stack, "stack", "deploy", "--wait-timeout", "120",
                     cwd=compose.parent)
    assert first.returncode == 1, first.stderr
    plan = composer("-p", stack, "plan", "--swarm", cwd=compose.parent)
    assert plan.returncode == 2, plan.stdout + plan.stderr
    assert f"service:{stack}_broken converge — 0/1 tasks running" in plan.stdout
    again = composer("-p", stack, "--progress", "plain", "stack", "deploy", "--wait-timeout",
                     "120", cwd=compose.parent)
    assert again.returncode == 1
    assert f"Service {stack}_broken: cannot converge: task: non-zero exit (3)" in again.stderr


TWO = """
services:
  a: {image: busybox:latest, command: [sleep, "3600"], init: true}
  b: {image: busybox:latest, command: [sleep, "3600"], init: true}
"""


def test_prune_removes_services_no_longer_in_the_file(composer, stack, swarm, write):
    compose = write("compose.yaml", TWO)
    assert composer("-p", stack, "stack", "deploy", cwd=compose.parent).returncode == 0
    a_version = version(swarm, f"{stack}_a")
    write("compose.yaml", TWO.replace('  b: {image: busybox:latest, command: [sleep, "3600"], '
                                      'init: true}\n', ""))
    kept = composer("-p", stack, "stack", "deploy", cwd=compose.parent)
    assert kept.returncode == 0, kept.stderr
    assert f"service {stack}_b is not in the file; `stack deploy --prune` removes it" in kept.stderr
    assert owned(swarm, stack)["services"] == [f"{stack}_a", f"{stack}_b"]
    pruned = composer("-p", stack, "stack", "deploy", "--prune", cwd=compose.parent)
    assert pruned.returncode == 0, pruned.stderr
    assert owned(swarm, stack)["services"] == [f"{stack}_a"]
    assert version(swarm, f"{stack}_a") == a_version


BUILT = """
services:
  app:
    build: .
    command: [sleep, "3600"]
    init: true
"""


def test_a_build_only_service_needs_build_which_builds_tags_and_rolls(composer, stack, swarm,
                                                                      write):
    compose = write("compose.yaml", BUILT)
    dockerfile = write("Dockerfile", "FROM busybox:latest\nRUN echo one > /version\n")
    refused = composer("-p", stack, "stack", "deploy", cwd=compose.parent)
    assert refused.returncode == 1
    assert "services.app: this service has only `build:`, and a swarm runs images" in refused.stderr
    assert owned(swarm, stack)["services"] == []

    built = composer("-p", stack, "stack", "deploy", "--build", cwd=compose.parent)
    assert built.returncode == 0, built.stderr
    service = f"{stack}_app"
    spec = swarm.api.inspect_service(service)["Spec"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Image"] == f"{stack}-app:latest"
    [task] = running_tasks(swarm, service)
    container = swarm.containers.get(task["Status"]["ContainerStatus"]["ContainerID"])
    assert container.exec_run(["cat", "/version"]).output == b"one\n"

    # the image is now local: on a single-node swarm it runs without --build, unchanged
    local = composer("-p", stack, "plan", "--swarm", cwd=compose.parent)
    assert local.returncode == 0, local.stdout + local.stderr

    # same sources: the rebuilt image is the same, the service stays
    same = composer("-p", stack, "stack", "deploy", "--build", cwd=compose.parent)
    assert same.returncode == 0, same.stderr
    assert running_tasks(swarm, service)[0]["ID"] == task["ID"]

    # changed sources: a new image id rolls the service
    dockerfile.write_text("FROM busybox:latest\nRUN echo two > /version\n")
    rolled = composer("-p", stack, "stack", "deploy", "--build", cwd=compose.parent)
    assert rolled.returncode == 0, rolled.stderr
    [task] = running_tasks(swarm, service)
    container = swarm.containers.get(task["Status"]["ContainerStatus"]["ContainerID"])
    assert container.exec_run(["cat", "/version"]).output == b"two\n"
