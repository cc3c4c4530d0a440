"""`composer plan` and `up --dry-run` against the engine: reasons, order, JSON, exit codes."""
from __future__ import annotations

import json

from enginehelp import ids, ok, states

APP = """
services:
  db:
    image: busybox:latest
    command: sleep 300
    init: true
  web:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on: [db]
    environment: {FOO: one}
    ports: ["127.0.0.1::80"]
"""


def test_plan_on_a_fresh_project_lists_every_step_and_exits_2(composer, project_name,
                                                               docker_client, write):
    folder = write("compose.yaml", APP).parent
    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 2, plan.stderr
    assert plan.stdout.splitlines() == [
        "#1 network:default create_network — network "
        f"{project_name}_default does not exist",
        "#2 service:db:1 create — no container yet (after #1)",
        "#3 service:db:1 start — created (after #2)",
        "#4 service:web:1 create — no container yet (after #1, #2)",
        "#5 service:web:1 start — created (after #3, #4)",
    ]
    assert composer("-p", project_name, "plan", cwd=folder).stdout == plan.stdout  # stable
    assert not states(docker_client, project_name)   # planning changed nothing


def test_plan_json_names_the_changed_key_paths(composer, project_name, docker_client, write):
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    write("compose.yaml", APP.replace("FOO: one", "FOO: two, BAR: new"))
    plan = composer("-p", project_name, "plan", "--format", "json", cwd=folder)
    assert plan.returncode == 2, plan.stderr
    data = json.loads(plan.stdout)
    changes = [s for s in data["steps"] if s["action"] not in ("keep", "wait")]
    assert [(s["resource"], s["action"], s["reason"]) for s in changes] == [
        ("service:web:1", "recreate", "environment.BAR, environment.FOO changed"),
        ("service:web:1", "start", "recreated")]
    assert data["changes"] == 2
    assert changes[1]["after"] == [changes[0]["id"]]


def test_up_dry_run_prints_the_plan_and_changes_nothing(composer, project_name,
                                                        docker_client, write):
    folder = write("compose.yaml", APP).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    write("compose.yaml", APP.replace("FOO: one", "FOO: two"))
    dry = composer("-p", project_name, "up", "-d", "--dry-run", cwd=folder)
    assert dry.returncode == 2, dry.stderr
    assert "service:web:1 recreate — environment.FOO changed" in dry.stdout
    assert ids(docker_client, project_name) == before
    write("compose.yaml", APP)
    same = composer("-p", project_name, "up", "-d", "--dry-run", cwd=folder)
    assert same.returncode == 0 and "nothing to do" in same.stdout


def test_plan_says_why_an_image_change_recreates(composer, project_name, docker_client,
                                                 write):
    tag = f"{project_name}-img:1"
    folder = write("compose.yaml", f"services:\n  a:\n    image: {tag}\n    init: true\n"
                   "    command: sleep 300\n").parent
    docker_client.images.get("busybox:latest").tag(tag)
    try:
        ok(composer("-p", project_name, "up", "-d", cwd=folder))
        write("Dockerfile", "FROM busybox:latest\nENV CHANGED=1\n")
        docker_client.images.build(path=str(folder), tag=tag, rm=True)
        plan = composer("-p", project_name, "plan", cwd=folder)
        assert plan.returncode == 2
        assert f"service:a:1 recreate — image {tag} now has a different id" in plan.stdout
    finally:
        ok(composer("-p", project_name, "down", cwd=folder))
        docker_client.images.remove(tag, force=True)
