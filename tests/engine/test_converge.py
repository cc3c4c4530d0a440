"""A second `up` changes only what changed: no-op, one service, flags, scale, orphans."""
from __future__ import annotations

import time

from enginehelp import containers, ids, ok, states

TWO = """
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
    environment:
      FOO: one
      BAR: same
"""


def test_a_second_up_recreates_nothing_and_keeps_ids(composer, project_name, docker_client,
                                                     write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    out = ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert ids(docker_client, project_name) == before
    assert "Recreate" not in out and "Created" not in out
    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 0, plan.stderr
    assert "nothing to do" in plan.stdout


def test_an_override_changing_one_variable_recreates_only_that_service(
        composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    write("compose.override.yaml", "services:\n  web:\n    environment:\n      FOO: two\n")

    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 2, plan.stderr
    recreates = [ln for ln in plan.stdout.splitlines() if " recreate " in ln]
    assert len(recreates) == 1, plan.stdout
    assert f"service:web:1 recreate — environment.FOO changed" in recreates[0]

    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    after = ids(docker_client, project_name)
    assert after[f"{project_name}-db-1"] == before[f"{project_name}-db-1"]
    assert after[f"{project_name}-web-1"] != before[f"{project_name}-web-1"]
    env = containers(docker_client, project_name)[f"{project_name}-web-1"].attrs["Config"]["Env"]
    assert "FOO=two" in env


def test_no_start_creates_without_starting(composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "--no-start", cwd=folder))
    assert set(states(docker_client, project_name).values()) == {"created"}


def test_no_deps_leaves_dependencies_alone(composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", "--no-deps", "web", cwd=folder))
    assert list(states(docker_client, project_name)) == [f"{project_name}-web-1"]


def test_always_recreate_deps_recreates_the_named_services_dependencies(
        composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    ok(composer("-p", project_name, "up", "-d", "--always-recreate-deps", "web", cwd=folder))
    after = ids(docker_client, project_name)
    assert after[f"{project_name}-db-1"] != before[f"{project_name}-db-1"]
    assert after[f"{project_name}-web-1"] == before[f"{project_name}-web-1"]


def test_force_recreate_and_no_recreate(composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    first = ids(docker_client, project_name)
    ok(composer("-p", project_name, "up", "-d", "--force-recreate", cwd=folder))
    second = ids(docker_client, project_name)
    assert not set(first.values()) & set(second.values())
    write("compose.yaml", TWO.replace("FOO: one", "FOO: changed"))
    ok(composer("-p", project_name, "up", "-d", "--no-recreate", cwd=folder))
    assert ids(docker_client, project_name) == second


def test_scale_up_then_down_keeps_the_lowest_numbers(composer, project_name, docker_client,
                                                      write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", "--scale", "web=3", cwd=folder))
    names = sorted(states(docker_client, project_name))
    assert names == sorted([f"{project_name}-db-1"] + [f"{project_name}-web-{n}"
                                                       for n in (1, 2, 3)])
    kept = ids(docker_client, project_name)[f"{project_name}-web-1"]
    ok(composer("-p", project_name, "up", "-d", "--scale", "web=1", cwd=folder))
    now = ids(docker_client, project_name)
    assert sorted(now) == [f"{project_name}-db-1", f"{project_name}-web-1"]
    assert now[f"{project_name}-web-1"] == kept


def test_orphans_are_named_and_removed_on_request(composer, project_name, docker_client,
                                                  write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    write("compose.yaml", TWO.replace("  db:\n", "  dbnew:\n").replace("[db]", "[dbnew]"))
    warned = composer("-p", project_name, "up", "-d", cwd=folder)
    assert f"Found orphan containers ({project_name}-db-1)" in ok(warned)
    quiet = composer("-p", project_name, "up", "-d", cwd=folder,
                     env={"COMPOSE_IGNORE_ORPHANS": "true"})
    assert "orphan" not in ok(quiet)
    assert f"{project_name}-db-1" in states(docker_client, project_name)
    ok(composer("-p", project_name, "up", "-d", "--remove-orphans", cwd=folder))
    assert f"{project_name}-db-1" not in states(docker_client, project_name)


def test_compose_remove_orphans_variable(composer, project_name, docker_client, write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    write("compose.yaml", "services:\n  web:\n    image: busybox:latest\n    command: sleep 300\n"
          "    init: true\n")
    ok(composer("-p", project_name, "up", "-d", cwd=folder,
                env={"COMPOSE_REMOVE_ORPHANS": "1"}))
    assert sorted(states(docker_client, project_name)) == [f"{project_name}-web-1"]


def test_restart_true_dependents_restart_when_their_dependency_is_recreated(
        composer, project_name, docker_client, write):
    text = """
services:
  db: {image: busybox:latest, command: sleep 300, init: true, environment: {V: "1"}}
  app:
    image: busybox:latest
    command: sleep 300
    init: true
    depends_on:
      db: {condition: service_started, restart: true}
  other: {image: busybox:latest, command: sleep 300, init: true, depends_on: [db]}
"""
    folder = write("compose.yaml", text).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    cs = containers(docker_client, project_name)
    started = {n: c.attrs["State"]["StartedAt"] for n, c in cs.items()}
    before = ids(docker_client, project_name)
    write("compose.yaml", text.replace('V: "1"', 'V: "2"'))
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    cs = containers(docker_client, project_name)
    after = ids(docker_client, project_name)
    app, other = f"{project_name}-app-1", f"{project_name}-other-1"
    assert after[app] == before[app] and after[other] == before[other]
    assert cs[app].attrs["State"]["StartedAt"] != started[app]       # restarted
    assert cs[other].attrs["State"]["StartedAt"] == started[other]   # left alone


def test_namespace_sharers_are_recreated_with_their_host(composer, project_name,
                                                          docker_client, write):
    text = """
services:
  vpn: {image: busybox:latest, command: sleep 300, init: true, environment: {R: eu}}
  app: {image: busybox:latest, command: sleep 300, init: true, network_mode: "service:vpn"}
  lone: {image: busybox:latest, command: sleep 300, init: true}
"""
    folder = write("compose.yaml", text).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    write("compose.yaml", text.replace("R: eu", "R: us"))
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    after = ids(docker_client, project_name)
    changed = {n.rsplit("-", 2)[1] for n in after if after[n] != before[n]}
    assert changed == {"vpn", "app"}
    app = containers(docker_client, project_name)[f"{project_name}-app-1"]
    vpn_id = after[f"{project_name}-vpn-1"]
    assert app.attrs["HostConfig"]["NetworkMode"] in (f"container:{vpn_id}",
                                                      f"container:{project_name}-vpn-1")
    assert app.status == "running"


def test_a_changed_secret_file_recreates_only_its_users(composer, project_name,
                                                        docker_client, write):
    text = """
services:
  api: {image: busybox:latest, command: sleep 300, init: true, secrets: [token]}
  web: {image: busybox:latest, command: sleep 300, init: true}
secrets:
  token: {file: ./token.txt}
"""
    folder = write("compose.yaml", text).parent
    write("token.txt", "one\n")
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    write("token.txt", "two, longer\n")
    plan = composer("-p", project_name, "plan", cwd=folder)
    assert plan.returncode == 2 and "content of secrets.token changed" in plan.stdout
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    after = ids(docker_client, project_name)
    assert after[f"{project_name}-api-1"] != before[f"{project_name}-api-1"]
    assert after[f"{project_name}-web-1"] == before[f"{project_name}-web-1"]


def test_a_stopped_container_is_started_not_recreated(composer, project_name, docker_client,
                                                      write):
    folder = write("compose.yaml", TWO).parent
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    before = ids(docker_client, project_name)
    containers(docker_client, project_name)[f"{project_name}-web-1"].stop(timeout=1)
    time.sleep(0.2)
    ok(composer("-p", project_name, "up", "-d", cwd=folder))
    assert ids(docker_client, project_name) == before
    assert set(states(docker_client, project_name).values()) == {"running"}
