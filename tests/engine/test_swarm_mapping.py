"""Every mapped key reaches the engine: deploy a file using them all, read the services,
networks and volumes back through the engine API, and check the warnings."""
from __future__ import annotations

from swarmsupport import NAMESPACE, running_tasks, stack, swarm  # noqa: F401

FILE = """
services:
  full:
    image: busybox:latest
    entrypoint: ["sh", "-c"]
    command: ["mkdir -p /tmp/work && exec sleep 3600"]
    environment:
      FROM_FILE_TOO: "no"
    env_file: [full.env]
    labels:
      tier: back
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      retries: 2
    user: nobody
    working_dir: /tmp
    init: true
    stop_grace_period: 2s
    container_name: not-on-a-swarm
    depends_on: [dns]
    ports:
      - target: 7000
      - target: 7001
        mode: host
    networks:
      front:
        aliases: [www]
    volumes:
      - data:/data
    secrets:
      - source: from_env
        mode: 0400
        uid: "65534"
    configs:
      - source: inline
        target: /etc/inline.conf
    deploy:
      replicas: 1
      labels:
        team: platform
      update_config: {parallelism: 2, delay: 1s, order: start-first, failure_action: rollback,
                      monitor: 2s, max_failure_ratio: 0.5}
      rollback_config: {parallelism: 1, order: stop-first}
      restart_policy: {condition: on-failure, delay: 1s, max_attempts: 5, window: 10s}
      resources:
        limits: {cpus: "0.5", memory: 64M}
        reservations: {cpus: "0.01", memory: 4M}
      placement:
        constraints: [node.role == manager]
        preferences: [{spread: node.id}]
        max_replicas_per_node: 1
  dns:
    image: busybox:latest
    command: ["sleep", "3600"]
    init: true
    networks: [front]
    deploy:
      endpoint_mode: dnsrr
networks:
  front:
    labels: {purpose: test}
volumes:
  data:
    labels: {kept: "yes"}
secrets:
  from_env:
    environment: TOKEN
configs:
  inline:
    content: "key=value"
"""


def test_every_mapped_key_reaches_the_engine(composer, stack, swarm, write):
    compose = write("compose.yaml", FILE)
    write("full.env", "FROM_FILE=yes\n")
    out = composer("-p", stack, "stack", "deploy", cwd=compose.parent, env={"TOKEN": "t0k"})
    assert out.returncode == 0, out.stderr

    # keys swarm cannot honour are named in warnings
    assert "services.full.container_name: ignored on a swarm" in out.stderr
    assert "services.full.depends_on: ignored on a swarm" in out.stderr

    spec = swarm.api.inspect_service(f"{stack}_full")["Spec"]
    cs = spec["TaskTemplate"]["ContainerSpec"]
    assert cs["Image"] == "busybox:latest"
    assert cs["Command"] == ["sh", "-c"]
    assert cs["Args"] == ["mkdir -p /tmp/work && exec sleep 3600"]
    assert sorted(cs["Env"]) == ["FROM_FILE=yes", "FROM_FILE_TOO=no"]
    assert cs["Labels"] == {"tier": "back", NAMESPACE: stack}
    assert cs["Healthcheck"] == {"Test": ["CMD", "true"], "Interval": 1_000_000_000, "Retries": 2}
    assert (cs["User"], cs["Dir"], cs["Init"]) == ("nobody", "/tmp", True)
    assert cs["StopGracePeriod"] == 2_000_000_000
    assert cs["Mounts"][0]["Source"] == f"{stack}_data"
    assert cs["Secrets"][0]["File"] == {"Name": "/run/secrets/from_env", "UID": "65534",
                                        "GID": "0", "Mode": 0o400}
    assert cs["Configs"][0]["File"]["Name"] == "/etc/inline.conf"

    labels = spec["Labels"]
    assert labels["team"] == "platform"
    assert labels[NAMESPACE] == stack
    assert labels["com.docker.stack.image"] == "busybox:latest"

    assert spec["UpdateConfig"] == {"Parallelism": 2, "Delay": 1_000_000_000,
                                    "FailureAction": "rollback", "Monitor": 2_000_000_000,
                                    "MaxFailureRatio": 0.5, "Order": "start-first"}
    assert spec["RollbackConfig"]["Order"] == "stop-first"
    tt = spec["TaskTemplate"]
    assert tt["RestartPolicy"] == {"Condition": "on-failure", "Delay": 1_000_000_000,
                                   "MaxAttempts": 5, "Window": 10_000_000_000}
    assert tt["Resources"] == {"Limits": {"NanoCPUs": 500_000_000, "MemoryBytes": 64 << 20},
                               "Reservations": {"NanoCPUs": 10_000_000, "MemoryBytes": 4 << 20}}
    assert tt["Placement"]["Constraints"] == ["node.role == manager"]
    assert tt["Placement"]["Preferences"] == [{"Spread": {"SpreadDescriptor": "node.id"}}]
    assert tt["Placement"]["MaxReplicas"] == 1
    ports = spec["EndpointSpec"]["Ports"]
    assert [(p["TargetPort"], p["PublishMode"]) for p in ports] == [(7000, "ingress"),
                                                                    (7001, "host")]
    assert spec["EndpointSpec"]["Mode"] == "vip"
    dns = swarm.api.inspect_service(f"{stack}_dns")["Spec"]
    assert dns["EndpointSpec"]["Mode"] == "dnsrr"

    # the network: an attachable overlay of the stack; the alias resolves from a peer
    net = swarm.api.inspect_network(f"{stack}_front")
    assert (net["Driver"], net["Attachable"], net["Scope"]) == ("overlay", True, "swarm")
    assert net["Labels"] == {"purpose": "test", NAMESPACE: stack}
    [peer] = swarm.containers.list(filters={"label": f"com.docker.swarm.service.name={stack}_dns"})
    code, text = peer.exec_run(["nslookup", "www"])
    assert code == 0, text.decode()

    # the named volume exists on the node, labelled as the stack's
    vol = swarm.api.inspect_volume(f"{stack}_data")
    assert vol["Labels"] == {"kept": "yes", NAMESPACE: stack}

    # the secret's content, readable by its owner only
    [task] = running_tasks(swarm, f"{stack}_full")
    container = swarm.containers.get(task["Status"]["ContainerStatus"]["ContainerID"])
    code, text = container.exec_run(["cat", "/run/secrets/from_env", "/etc/inline.conf"])
    assert (code, text.decode()) == (0, "t0kkey=value")
