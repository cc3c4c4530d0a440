"""composer's stacks are docker's stacks and the reverse: both tools list, inspect and
remove what the other deployed (the docker CLI is used by the test only)."""
from __future__ import annotations

import subprocess

from swarmsupport import eventually, owned, running_tasks, stack, swarm  # noqa: F401

FILE = """
services:
  web:
    image: busybox:latest
    command: ["sleep", "3600"]
    init: true
    secrets: [token]
    configs: [conf]
    networks: [front]
    deploy:
      replicas: 2
  agent:
    image: busybox:latest
    command: ["sleep", "3600"]
    init: true
    networks: [front]
    deploy:
      mode: global
networks:
  front: {}
secrets:
  token:
    file: ./token.txt
configs:
  conf:
    file: ./token.txt
"""


def docker(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def table(text: str) -> list[list[str]]:
    return [line.split() for line in text.strip().splitlines()[1:]]


def test_docker_sees_and_removes_a_composer_stack(composer, stack, swarm, write):
    compose = write("compose.yaml", FILE)
    write("token.txt", "t\n")
    # docker's way of naming the file and the stack works too
    deployed = composer("stack", "deploy", "-c", str(compose), stack)
    assert deployed.returncode == 0, deployed.stderr

    listed = docker("stack", "ls")
    assert [stack, "2"] in [row[:2] for row in table(listed.stdout)], listed.stdout
    services = docker("stack", "services", stack, "--format", "{{.Name}} {{.Replicas}}")
    assert sorted(services.stdout.split("\n")[:-1]) == [f"{stack}_agent 1/1", f"{stack}_web 2/2"]
    tasks = docker("stack", "ps", stack, "--filter", "desired-state=running",
                   "--format", "{{.Name}} {{.CurrentState}}")
    assert len(tasks.stdout.splitlines()) == 3
    assert all(" Running " in line for line in tasks.stdout.splitlines())

    removed = docker("stack", "rm", stack)
    assert removed.returncode == 0, removed.stderr
    # docker stack rm returns at once; the node drops the network once its tasks are gone
    empty = {"services": [], "networks": [], "secrets": [], "configs": []}
    assert eventually(lambda: owned(swarm, stack), empty) == empty


def test_composer_sees_updates_and_removes_a_docker_stack(composer, stack, swarm, write):
    compose = write("compose.yaml", FILE)
    write("token.txt", "t\n")
    made = docker("stack", "deploy", "--resolve-image", "never", "--detach=false",
                  "-c", str(compose), stack, cwd=compose.parent)
    assert made.returncode == 0, made.stderr

    listed = composer("stack", "ls")
    assert [stack, "2"] in table(listed.stdout), listed.stdout
    services = composer("stack", "services", stack)
    assert sorted((row[1], row[2], row[3]) for row in table(services.stdout)) == [
        (f"{stack}_agent", "global", "1/1"), (f"{stack}_web", "replicated", "2/2")]
    tasks = composer("stack", "ps", stack, "--format", "json")
    assert tasks.stdout.count('"DesiredState": "Running"') == 3

    # composer takes the stack over: same services, now with its versioned secret
    taken = composer("-p", stack, "stack", "deploy", cwd=compose.parent)
    assert taken.returncode == 0, taken.stderr
    assert len(running_tasks(swarm, f"{stack}_web")) == 2
    [secret] = owned(swarm, stack)["secrets"]
    assert secret.startswith(f"{stack}_token-")
    again = composer("-p", stack, "plan", "--swarm", cwd=compose.parent)
    assert again.returncode == 0, again.stdout

    removed = composer("stack", "rm", stack)
    assert removed.returncode == 0, removed.stderr
    assert owned(swarm, stack) == {"services": [], "networks": [], "secrets": [], "configs": []}
    assert docker("stack", "ls").stdout.find(stack) == -1
