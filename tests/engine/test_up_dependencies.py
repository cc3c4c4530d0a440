"""Dependencies on the engine: conditions, failures that name the dependency, waits with a
timeout, optional dependencies, images built or pulled only when needed."""
from __future__ import annotations

import time

from enginehelp import containers, ids, ok, states

ONE_SHOT = """
services:
  init:
    image: busybox:latest
    command: sh -c "echo preparing; echo {last}; exit {code}"
  app:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on:
      init: {{condition: service_completed_successfully}}
"""


def test_a_dependent_starts_after_its_dependency_completed(composer, project_name,
                                                           docker_client, write):
    folder = write("compose.yaml", ONE_SHOT.format(last="done", code=0)).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    cs = containers(docker_client, project_name)
    init, app = cs[f"{project_name}-init-1"], cs[f"{project_name}-app-1"]
    assert init.attrs["State"]["ExitCode"] == 0
    assert init.attrs["State"]["FinishedAt"] < app.attrs["State"]["StartedAt"]


def test_a_failing_dependency_fails_up_naming_it_and_its_last_log_lines(
        composer, project_name, docker_client, write):
    folder = write("compose.yaml", ONE_SHOT.format(last="disk is full", code=3)).parent
    up = composer("-p", project_name, "up", "-d", cwd=folder)
    assert up.returncode == 1
    err = up.stderr
    assert (f"dependency init did not become completed successfully: container "
            f"{project_name}-init-1 exited with code 3") in err
    assert "disk is full" in err and "last log lines" in err
    assert f"not started because of this: Container {project_name}-app-1" in err
    assert "Traceback" not in err
    assert states(docker_client, project_name)[f"{project_name}-app-1"] == "created"


def test_an_unhealthy_dependency_fails_up(composer, project_name, docker_client, write):
    text = """
services:
  db:
    image: busybox:latest
    command: sh -c "echo db says hello; sleep 300"
    init: true
    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
  web:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on: {db: {condition: service_healthy}}
"""
    folder = write("compose.yaml", text).parent
    up = composer("-p", project_name, "up", "-d", cwd=folder)
    assert up.returncode == 1
    assert f"dependency db did not become healthy: container {project_name}-db-1 is unhealthy" \
        in up.stderr
    assert "db says hello" in up.stderr
    assert states(docker_client, project_name)[f"{project_name}-web-1"] == "created"


def test_wait_gives_up_after_the_wait_timeout(composer, project_name, docker_client, write):
    text = """
services:
  slow:
    image: busybox:latest
    command: sleep 300
    init: true
    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1000}
"""
    folder = write("compose.yaml", text).parent
    t0 = time.monotonic()
    up = composer("-p", project_name, "up", "-d", "--wait", "--wait-timeout", "3", cwd=folder)
    took = time.monotonic() - t0
    assert up.returncode == 1
    assert f"timed out after 3s waiting for {project_name}-slow-1 to be healthy" in up.stderr
    assert took < 15


def test_wait_returns_once_services_are_healthy_or_running(composer, project_name,
                                                           docker_client, write):
    text = """
services:
  db:
    image: busybox:latest
    command: sleep 300
    init: true
    healthcheck: {test: ["CMD", "true"], interval: 1s}
  worker: {image: busybox:latest, command: sleep 300, init: true}
"""
    folder = write("compose.yaml", text).parent
    ok(composer("-p", project_name, "up", "-d", "--wait", cwd=folder))
    db = containers(docker_client, project_name)[f"{project_name}-db-1"]
    assert db.attrs["State"]["Health"]["Status"] == "healthy"


def test_an_optional_dependency_may_be_absent_or_unhealthy(composer, project_name,
                                                           docker_client, write):
    text = """
services:
  app:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on:
      metrics: {condition: service_started, required: false}
      cache: {condition: service_healthy, required: false}
  cache:
    image: busybox:latest
    command: sleep 300
    init: true
    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
  metrics:
    image: busybox:latest
    profiles: [debug]
"""
    folder = write("compose.yaml", text).parent
    up = ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert "optional dependency cache (required: false) is not ready" in up
    assert states(docker_client, project_name) == {f"{project_name}-app-1": "running",
                                                   f"{project_name}-cache-1": "running"}


def test_pull_never_with_a_missing_image_is_a_clear_error(composer, project_name,
                                                          docker_client, write):
    text = "services:\n  a:\n    image: composer-test.invalid/nothing:1\n"
    folder = write("compose.yaml", text).parent
    up = composer("-p", project_name, "up", "-d", "--pull", "never", cwd=folder)
    assert up.returncode == 1
    assert ("service a: image composer-test.invalid/nothing:1 is not present locally and "
            "--pull never forbids getting it") in up.stderr
    assert not states(docker_client, project_name)


def test_build_happens_only_when_needed(composer, project_name, docker_client, write):
    folder = write("compose.yaml", "services:\n  app:\n    build: .\n    init: true\n").parent
    write("Dockerfile", 'FROM busybox:latest\nCMD ["sleep", "300"]\n')
    tag = f"{project_name}-app:latest"
    try:
        first = ok(composer("-p", project_name, "up", "-d", cwd=folder))
        assert "Built" in first
        before = ids(docker_client, project_name)
        again = ok(composer("-p", project_name, "up", "-d", cwd=folder))
        assert "Built" not in again                     # the image exists: no build
        same = ok(composer("-p", project_name, "up", "-d", "--build", cwd=folder))
        assert "Built" in same                          # --build builds (from cache) …
        assert ids(docker_client, project_name) == before   # … and keeps the same image
        write("Dockerfile", 'FROM busybox:latest\nENV V=2\nCMD ["sleep", "300"]\n')
        ok(composer("-p", project_name, "up", "-d", "--build", cwd=folder))
        assert ids(docker_client, project_name) != before   # a new image: recreated
    finally:
        ok(composer("-p", project_name, "down", cwd=folder))
        docker_client.images.remove(tag, force=True)
