"""The swarm planner, golden: (compose file, swarm state) → the rendered plan."""
from __future__ import annotations

import pytest

from composer.engine.swarm_names import NAMESPACE
from composer.engine.swarm_state import SwarmNode, SwarmObject, SwarmState
from composer.errors import ConfigError, PlanError
from composer.swarmplan import DeployOptions, plan_deploy, plan_remove
from swarmhelp import NODE, after, deployed, project, spec_of, state

FILE = """
services:
  web:
    image: busybox:latest
    environment: {GREETING: "${GREETING:-hello}"}
    secrets: [token]
    ports: [{target: 8080, mode: host}]
    deploy:
      replicas: 2
      update_config: {order: start-first}
  agent:
    image: busybox:latest
    deploy: {mode: global}
secrets:
  token: {file: ./token.txt}
"""


def load(tmp_path, token="s3cret", **env):
    return project(tmp_path, FILE, files={"token.txt": token}, environ=env)


def lines(plan, keep=False) -> list[str]:
    return plan.render(include_keep=keep).splitlines()


def masked(text: str) -> str:
    """Versioned names end in a content digest; tests name it by its role."""
    import re

    return re.sub(r"-[0-9a-f]{10}\b", "-<v>", text)


def test_first_deploy_creates_everything_then_waits(tmp_path):
    plan = plan_deploy(load(tmp_path), state())
    assert [masked(line) for line in lines(plan)] == [
        "#1 network:st_default create_network — not on the swarm",
        "#2 secret:st_token-<v> create_secret — content of secrets.token not on the swarm yet",
        "#3 service:st_agent create_service — not deployed (after #1)",
        "#4 service:st_agent converge — wait for one running task on every eligible node "
        "(after #3)",
        "#5 service:st_web create_service — not deployed (after #1, #2)",
        "#6 service:st_web converge — wait for 2 running replicas (after #5)"]


def test_redeploy_of_the_same_file_changes_nothing(tmp_path):
    p = load(tmp_path)
    now = after(plan_deploy(p, state()), state())
    plan = plan_deploy(p, now)
    assert plan.is_noop()
    assert lines(plan, keep=True) == ["#1 service:st_agent keep — up to date (version 10)",
                                      "#2 service:st_web keep — up to date (version 10)"]


def test_one_changed_variable_updates_only_that_service(tmp_path):
    now = after(plan_deploy(load(tmp_path), state()), state())
    plan = plan_deploy(load(tmp_path, GREETING="bye"), now)
    assert lines(plan, keep=True) == [
        "#1 service:st_agent keep — up to date (version 10)",
        "#2 service:st_web update_service — environment.GREETING changed",
        "#3 service:st_web converge — wait for 2 running replicas (after #2)"]
    update = plan.steps[1].args
    assert (update["id"], update["version"], update["force_update"]) == ("id-st_web", 10, 0)


def test_changed_secret_file_makes_a_version_rolls_its_users_and_drops_the_old(tmp_path):
    first = plan_deploy(load(tmp_path), state())
    old = next(s.args["name"] for s in first.steps if s.action == "create_secret")
    now = after(first, state())
    plan = plan_deploy(load(tmp_path, token="rotated"), now)
    assert [masked(line) for line in lines(plan)] == [
        "#1 secret:st_token-<v> create_secret — content of secrets.token not on the swarm yet",
        "#3 service:st_web update_service — content of secrets.token changed (after #1)",
        "#4 service:st_web converge — wait for 2 running replicas (after #3)",
        "#5 secret:st_token-<v> remove_secret — old version, no longer used (after #4)"]
    assert plan.steps[4].args["name"] == old
    assert plan.steps[0].args["name"] != old


def test_detach_neither_waits_nor_removes_old_versions(tmp_path):
    now = after(plan_deploy(load(tmp_path), state()), state())
    plan = plan_deploy(load(tmp_path, token="rotated"), now, DeployOptions(detach=True))
    assert [s.action for s in plan.changes] == ["create_secret", "update_service"]


def test_prune_removes_services_no_longer_in_the_file(tmp_path):
    extra = deployed({"Name": "st_old", "Labels": {NAMESPACE: "st"}, "TaskTemplate": {}})
    now = after(plan_deploy(load(tmp_path), state()), state(services=[extra]))
    plan = plan_deploy(load(tmp_path), now)
    assert plan.is_noop()
    assert plan.warnings == ("service st_old is not in the file; "
                             "`stack deploy --prune` removes it",)
    plan = plan_deploy(load(tmp_path), now, DeployOptions(prune=True))
    assert lines(plan) == ["#3 service:st_old remove_service — not in the file (--prune)"]


def test_services_disabled_by_a_profile_are_not_pruned(tmp_path):
    extra = deployed({"Name": "st_debug", "Labels": {NAMESPACE: "st"}, "TaskTemplate": {}})
    now = after(plan_deploy(load(tmp_path), state()), state(services=[extra]))
    plan = plan_deploy(load(tmp_path), now, DeployOptions(prune=True,
                                                          known_services=("debug",)))
    assert plan.is_noop()


def test_a_service_deployed_by_docker_is_taken_over(tmp_path):
    p = load(tmp_path)
    now = after(plan_deploy(p, state()), state())
    web = now.service("st_web")
    labels = {k: v for k, v in web.labels.items() if not k.startswith("io.composer")}
    docker_made = deployed(dict(web.spec, Labels=labels), version=3)
    now = state(services=[now.service("st_agent"), docker_made], networks=now.networks,
                secrets=now.secrets)
    assert lines(plan_deploy(p, now))[0] == \
        "#2 service:st_web update_service — not deployed by composer: its spec is replaced"


def test_changed_local_image_forces_a_roll(tmp_path):
    p = load(tmp_path)
    images = {"busybox:latest": "sha256:" + "a" * 64}
    now = after(plan_deploy(p, state(images=images)), state(images=images))
    moved = state(services=now.services, networks=now.networks, secrets=now.secrets,
                  images={"busybox:latest": "sha256:" + "b" * 64})
    plan = plan_deploy(p, moved)
    assert lines(plan)[0] == ("#1 service:st_agent update_service — image busybox:latest "
                              "changed (aaaaaaaaaaaa → bbbbbbbbbbbb)")
    assert plan.steps[0].args["force_update"] == 1


BUILD_ONLY = "services:\n  app:\n    build: .\n"


def test_a_build_only_service_is_an_error_without_build(tmp_path):
    p = project(tmp_path, BUILD_ONLY)
    with pytest.raises(ConfigError) as e:
        plan_deploy(p, state())
    assert str(e.value) == ("services.app: this service has only `build:`, and a swarm runs "
                            "images (set `image:` and push it to a registry, or deploy with "
                            "--build on a single-node swarm)")


def test_a_build_only_service_with_build_is_built_and_tagged(tmp_path):
    plan = plan_deploy(project(tmp_path, BUILD_ONLY), state(), DeployOptions(build=True))
    assert lines(plan)[:3] == ["#1 network:st_default create_network — not on the swarm",
                               "#2 image:st-app:latest build — --build",
                               "#3 service:st_app create_service — not deployed (after #1, #2)"]
    assert plan.steps[2].args["spec"]["TaskTemplate"]["ContainerSpec"]["Image"] == "st-app:latest"


def test_a_build_only_service_runs_its_local_image_on_a_single_node(tmp_path):
    p = project(tmp_path, BUILD_ONLY)
    plan = plan_deploy(p, state(images={"st-app:latest": "sha256:" + "c" * 64}))
    assert lines(plan)[1] == "#2 service:st_app create_service — not deployed (after #1)"
    two = (NODE, SwarmNode(id="n2", hostname="b", role="worker", ready=True, active=True))
    with pytest.raises(ConfigError):
        plan_deploy(p, state(nodes=two, images={"st-app:latest": "sha256:" + "c" * 64}))


def test_a_local_network_of_the_same_name_is_refused(tmp_path):
    local = SwarmState(stack="st", nodes=(NODE,), networks={
        "st_default": SwarmObject("x", "st_default", {}, "local", "bridge")})
    with pytest.raises(PlanError, match="network st_default exists as a local bridge network"):
        plan_deploy(load(tmp_path), local)


def test_a_missing_external_secret_is_refused(tmp_path):
    p = project(tmp_path, "services:\n  a: {image: busybox, secrets: [k]}\n"
                          "secrets:\n  k: {external: true, name: shared_key}\n")
    with pytest.raises(PlanError, match="secret shared_key is external but not on the swarm"):
        plan_deploy(p, state())
    plan = plan_deploy(p, state(secrets=[("shared_key", {})]))
    assert [s.action for s in plan.changes] == ["create_network", "create_service", "converge"]


def test_warnings_name_the_ignored_keys(tmp_path):
    p = project(tmp_path, "services:\n  a: {image: busybox, container_name: x}\n")
    assert plan_deploy(p, state()).warnings[0].startswith(
        "services.a.container_name: ignored on a swarm")


def test_remove_takes_services_then_objects_then_networks(tmp_path):
    now = after(plan_deploy(load(tmp_path), state()), state())
    assert [masked(line) for line in lines(plan_remove(now))] == [
        "#1 service:st_agent remove_service — stack removed",
        "#2 service:st_web remove_service — stack removed",
        "#3 secret:st_token-<v> remove_secret — stack removed (after #1, #2)",
        "#4 stack:st drain — wait until the stack's containers are gone (after #1, #2)",
        "#5 network:st_default remove_network — stack removed (after #4)"]
    assert [s.action for s in plan_remove(now, detach=True).steps] == [
        "remove_service", "remove_service", "remove_secret", "remove_network"]
    assert plan_remove(state()).steps == ()


def test_spec_of_helper_matches_the_planned_spec(tmp_path):
    p = load(tmp_path)
    plan = plan_deploy(p, state())
    planned = next(s.args["spec"] for s in plan.steps if s.resource == "service:st_agent")
    assert planned == spec_of(p, "agent", image="busybox:latest")


def test_changed_replicas_are_named(tmp_path):
    now = after(plan_deploy(load(tmp_path), state()), state())
    more = project(tmp_path, FILE.replace("replicas: 2", "replicas: 3"),
                   files={"token.txt": "s3cret"})
    assert lines(plan_deploy(more, now))[0] == \
        "#2 service:st_web update_service — deploy.replicas changed"
