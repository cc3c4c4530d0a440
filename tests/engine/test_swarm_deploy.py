"""The done-when of stack deploy, on a real single-node swarm: a replicated service (2
replicas, a secret, a published port, start-first updates) and a global one deploy and
converge; one changed variable rolls only its service; `stack rm` removes everything."""
from __future__ import annotations

from swarmsupport import get, owned, running_tasks, stack, swarm, task_ports, version  # noqa: F401

FILE = """
services:
  web:
    image: busybox:latest
    command: ["httpd", "-f", "-p", "8080", "-h", "/srv"]
    init: true
    environment:
      GREETING: ${GREETING:-hello}
    secrets:
      - source: token
        target: /srv/token
    configs:
      - source: motd
        target: /srv/motd
    ports:
      - target: 8080
        mode: host
    deploy:
      replicas: 2
      update_config:
        order: start-first
        delay: 0s
        monitor: 1s
  agent:
    image: busybox:latest
    command: sleep 3600
    init: true
    deploy:
      mode: global
secrets:
  token:
    file: ./token.txt
configs:
  motd:
    content: "welcome"
"""


def running_ids(client, service: str) -> set[str]:
    return {t["ID"] for t in running_tasks(client, service)}


def test_deploy_converges_then_rolls_only_the_changed_service_then_rm(composer, stack, swarm,
                                                                      write):
    compose = write("compose.yaml", FILE)
    write("token.txt", "s3cret\n")
    web, agent = f"{stack}_web", f"{stack}_agent"

    deployed = composer("-p", stack, "stack", "deploy", cwd=compose.parent)
    assert deployed.returncode == 0, deployed.stderr
    # converged when the command returns: 2 web replicas and one agent per node
    assert len(running_tasks(swarm, web)) == 2
    assert len(running_tasks(swarm, agent)) == 1
    spec = swarm.api.inspect_service(web)["Spec"]
    assert spec["UpdateConfig"]["Order"] == "start-first"
    assert spec["Mode"] == {"Replicated": {"Replicas": 2}}
    # each replica serves the secret and the config on its own host port
    ports = task_ports(swarm, web)
    assert len(ports) == 2
    for port in ports:
        assert get(f"http://127.0.0.1:{port}/token") == "s3cret\n"
        assert get(f"http://127.0.0.1:{port}/motd") == "welcome"

    # the same file again: nothing to do
    same = composer("-p", stack, "plan", "--swarm", cwd=compose.parent)
    assert same.returncode == 0, same.stdout + same.stderr
    assert "nothing to do" in same.stdout

    # one variable changed: only web rolls
    env = {"GREETING": "bye"}
    planned = composer("-p", stack, "plan", "--swarm", cwd=compose.parent, env=env)
    assert planned.returncode == 2
    assert f"service:{web} update_service — environment.GREETING changed" in planned.stdout
    assert agent not in planned.stdout
    before = {s: (version(swarm, s), running_ids(swarm, s)) for s in (web, agent)}
    redeployed = composer("-p", stack, "stack", "deploy", cwd=compose.parent, env=env)
    assert redeployed.returncode == 0, redeployed.stderr
    assert version(swarm, agent) == before[agent][0]
    assert running_ids(swarm, agent) == before[agent][1]
    assert version(swarm, web) > before[web][0]
    now = running_tasks(swarm, web)
    assert len(now) == 2 and not {t["ID"] for t in now} & before[web][1]
    assert all("GREETING=bye" in t["Spec"]["ContainerSpec"]["Env"] for t in now)

    # stack rm: services, networks, secrets and configs are gone
    objects = owned(swarm, stack)
    assert objects["services"] == [agent, web]
    assert objects["networks"] == [f"{stack}_default"]
    assert len(objects["secrets"]) == 1 and len(objects["configs"]) == 1
    removed = composer("-p", stack, "stack", "rm", cwd=compose.parent)
    assert removed.returncode == 0, removed.stderr
    assert owned(swarm, stack) == {"services": [], "networks": [], "secrets": [], "configs": []}
    assert swarm.api.tasks(filters={"label": f"com.docker.stack.namespace={stack}"}) == []


def test_a_changed_secret_file_rolls_its_users_and_retires_the_old_version(composer, stack,
                                                                           swarm, write):
    compose = write("compose.yaml", FILE)
    token = write("token.txt", "one\n")
    assert composer("-p", stack, "stack", "deploy", cwd=compose.parent).returncode == 0
    [old] = owned(swarm, stack)["secrets"]
    agent_version = version(swarm, f"{stack}_agent")

    token.write_text("two\n")
    redeployed = composer("-p", stack, "stack", "deploy", cwd=compose.parent)
    assert redeployed.returncode == 0, redeployed.stderr
    [new] = owned(swarm, stack)["secrets"]
    assert new != old and new.startswith(f"{stack}_token-")
    for port in task_ports(swarm, f"{stack}_web"):
        assert get(f"http://127.0.0.1:{port}/token") == "two\n"
    assert version(swarm, f"{stack}_agent") == agent_version


def test_the_loaded_model_is_the_input_environments_profiles_dotenv(composer, stack, swarm,
                                                                      write):
    compose = write("compose.yaml", "services:\n  web:\n    image: busybox:latest\n"
                                    "    command: [sleep, '3600']\n"
                                    "    environment: {LEVEL: '${LEVEL}'}\n"
                                    "  debug:\n    image: busybox:latest\n"
                                    "    command: [sleep, '3600']\n    profiles: [debug]\n")
    write("compose.prod.yaml", "services:\n  web:\n    deploy: {replicas: 3}\n")
    write(".env", "LEVEL=base\n")
    write(".env.prod", "LEVEL=prod\n")
    args = ["-p", stack, "--env", "prod", "--profile", "debug"]
    planned = composer(*args, "plan", "--swarm", cwd=compose.parent)
    assert planned.returncode == 2
    assert f"service:{stack}_debug create_service" in planned.stdout
    out = composer(*args, "stack", "deploy", "--detach", cwd=compose.parent)
    assert out.returncode == 0, out.stderr
    spec = swarm.api.inspect_service(f"{stack}_web")["Spec"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Env"] == ["LEVEL=prod"]
    assert spec["Mode"] == {"Replicated": {"Replicas": 3}}
    assert owned(swarm, stack)["services"] == [f"{stack}_debug", f"{stack}_web"]
