"""A compose service as a swarm service spec: one test per family of keys."""
from __future__ import annotations

import pytest

from composer.engine.swarm_names import NAMESPACE, SPEC_HASH, STACK_IMAGE
from composer.errors import ConfigError
from swarmhelp import project, spec_of


def test_container_keys(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    command: httpd -f
    entrypoint: [/bin/sh, -c]
    environment: {A: "1"}
    env_file: [web.env]
    labels: {tier: front}
    healthcheck: {test: [CMD, "true"], interval: 2s, timeout: 1s, retries: 3, start_period: 500ms}
    user: "1000:1000"
    working_dir: /srv
    init: true
    stop_grace_period: 3s
    stop_signal: SIGINT
    hostname: h
    read_only: true
""", files={"web.env": "B=2\n"})
    cs = spec_of(p, "web")["TaskTemplate"]["ContainerSpec"]
    assert cs["Image"] == "busybox"
    assert cs["Args"] == ["httpd", "-f"]
    assert cs["Command"] == ["/bin/sh", "-c"]
    assert sorted(cs["Env"]) == ["A=1", "B=2"]
    assert cs["Labels"] == {"tier": "front", NAMESPACE: "st"}
    assert cs["Healthcheck"] == {"Test": ["CMD", "true"], "Interval": 2_000_000_000,
                                 "Timeout": 1_000_000_000, "Retries": 3,
                                 "StartPeriod": 500_000_000}
    assert (cs["User"], cs["Dir"], cs["Init"]) == ("1000:1000", "/srv", True)
    assert cs["StopGracePeriod"] == 3_000_000_000
    assert (cs["StopSignal"], cs["Hostname"], cs["ReadOnly"]) == ("SIGINT", "h", True)


def test_service_labels_name_and_stack_labels(tmp_path):
    p = project(tmp_path, "services:\n  web:\n    image: busybox\n"
                          "    deploy:\n      labels: {team: a}\n")
    spec = spec_of(p, "web")
    assert spec["Name"] == "st_web"
    labels = spec["Labels"]
    assert labels["team"] == "a"
    assert labels[NAMESPACE] == "st"
    assert labels[STACK_IMAGE] == "busybox"
    assert len(labels[SPEC_HASH]) == 64


def test_ports_ingress_and_host(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    ports:
      - "8080:80"
      - {target: 81, mode: host}
      - {target: 53, published: "5353", protocol: udp, mode: host}
""")
    ep = spec_of(p, "web")["EndpointSpec"]
    assert ep == {"Mode": "vip", "Ports": [
        {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"},
        {"Protocol": "tcp", "TargetPort": 81, "PublishMode": "host"},
        {"Protocol": "udp", "TargetPort": 53, "PublishedPort": 5353, "PublishMode": "host"}]}


def test_endpoint_mode(tmp_path):
    p = project(tmp_path, "services:\n  web:\n    image: busybox\n"
                          "    deploy: {endpoint_mode: dnsrr}\n")
    assert spec_of(p, "web")["EndpointSpec"]["Mode"] == "dnsrr"


def test_published_range_is_an_error(tmp_path):
    p = project(tmp_path, "services:\n  web:\n    image: busybox\n"
                          "    ports: [{target: 80, published: 8000-8010}]\n")
    with pytest.raises(ConfigError, match=r"services.web.ports\[0\]: published port range"):
        spec_of(p, "web")


def test_modes(tmp_path):
    p = project(tmp_path, """
services:
  r: {image: busybox, deploy: {replicas: 3}}
  s: {image: busybox, scale: 2}
  one: {image: busybox}
  g: {image: busybox, deploy: {mode: global}}
""")
    assert spec_of(p, "r")["Mode"] == {"Replicated": {"Replicas": 3}}
    assert spec_of(p, "s")["Mode"] == {"Replicated": {"Replicas": 2}}
    assert spec_of(p, "one")["Mode"] == {"Replicated": {"Replicas": 1}}
    assert spec_of(p, "g")["Mode"] == {"Global": {}}


def test_update_and_rollback_config(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    deploy:
      update_config: {order: start-first, delay: 2s, monitor: 1s, failure_action: rollback,
                      max_failure_ratio: 0.25}
      rollback_config: {parallelism: 2, order: stop-first}
""")
    spec = spec_of(p, "web")
    assert spec["UpdateConfig"] == {"Parallelism": 1, "Delay": 2_000_000_000, "Order": "start-first",
                                    "Monitor": 1_000_000_000, "FailureAction": "rollback",
                                    "MaxFailureRatio": 0.25}
    assert spec["RollbackConfig"] == {"Parallelism": 2, "Order": "stop-first"}


def test_restart_policy_and_restart_fallback(tmp_path):
    p = project(tmp_path, """
services:
  a:
    image: busybox
    deploy: {restart_policy: {condition: on-failure, delay: 1s, max_attempts: 4, window: 30s}}
  b: {image: busybox, restart: "no"}
  c: {image: busybox, restart: unless-stopped}
  d: {image: busybox, restart: "on-failure:2"}
  e: {image: busybox}
""")
    rp = {k: spec_of(p, k)["TaskTemplate"].get("RestartPolicy") for k in "abcde"}
    assert rp["a"] == {"Condition": "on-failure", "Delay": 1_000_000_000, "MaxAttempts": 4,
                       "Window": 30_000_000_000}
    assert rp["b"] == {"Condition": "none"}
    assert rp["c"] == {"Condition": "any"}
    assert rp["d"] == {"Condition": "on-failure", "MaxAttempts": 2}
    assert rp["e"] is None


def test_resources_and_placement(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    platform: linux/amd64
    deploy:
      resources:
        limits: {cpus: "0.5", memory: 64M, pids: 100}
        reservations:
          cpus: "0.25"
          memory: 16M
          generic_resources: [{discrete_resource_spec: {kind: gpu, value: 1}}]
      placement:
        constraints: [node.role == manager]
        preferences: [{spread: node.labels.zone}]
        max_replicas_per_node: 2
""")
    tt = spec_of(p, "web")["TaskTemplate"]
    assert tt["Resources"] == {
        "Limits": {"NanoCPUs": 500_000_000, "MemoryBytes": 64 << 20, "Pids": 100},
        "Reservations": {"NanoCPUs": 250_000_000, "MemoryBytes": 16 << 20,
                         "GenericResources": [{"DiscreteResourceSpec": {"Kind": "gpu",
                                                                        "Value": 1}}]}}
    assert tt["Placement"] == {"Constraints": ["node.role == manager"],
                               "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}],
                               "MaxReplicas": 2,
                               "Platforms": [{"OS": "linux", "Architecture": "amd64"}]}


def test_networks_with_aliases(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    networks:
      front: {aliases: [www]}
      back: {}
  host:
    image: busybox
    network_mode: host
networks:
  front: {}
  back: {name: shared-back}
""")
    assert spec_of(p, "web")["TaskTemplate"]["Networks"] == [
        {"Target": "shared-back", "Aliases": ["web"]},
        {"Target": "st_front", "Aliases": ["www", "web"]}]
    assert spec_of(p, "host")["TaskTemplate"]["Networks"] == [{"Target": "host"}]


def test_a_namespace_sharer_joins_the_default_network_on_a_swarm(tmp_path):
    # network_mode: service:x has no meaning on a swarm (warned); as docker stack deploy,
    # the service is put on the stack's default network rather than on none
    p = project(tmp_path, """
services:
  web: {image: busybox}
  probe: {image: busybox, network_mode: "service:web"}
""")
    assert spec_of(p, "probe")["TaskTemplate"]["Networks"] == [
        {"Target": "st_default", "Aliases": ["probe"]}]


def test_volumes_bind_and_tmpfs(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    volumes:
      - data:/data
      - old:/old:ro
      - /srv:/srv
      - {type: tmpfs, target: /t, tmpfs: {size: 1m}}
    tmpfs: ["/run:size=64k,mode=1777"]
volumes:
  data: {driver_opts: {type: tmpfs, device: tmpfs}, labels: {keep: "yes"}}
  old: {external: true}
""")
    mounts = spec_of(p, "web")["TaskTemplate"]["ContainerSpec"]["Mounts"]
    assert mounts == [
        {"Type": "volume", "Target": "/data", "Source": "st_data",
         "VolumeOptions": {"Labels": {"keep": "yes", NAMESPACE: "st"},
                           "DriverConfig": {"Name": "local",
                                            "Options": {"type": "tmpfs", "device": "tmpfs"}}}},
        {"Type": "volume", "Target": "/old", "ReadOnly": True, "Source": "old"},
        {"Type": "bind", "Target": "/srv", "Source": "/srv"},
        {"Type": "tmpfs", "Target": "/t", "TmpfsOptions": {"SizeBytes": 1 << 20}},
        {"Type": "tmpfs", "Target": "/run", "TmpfsOptions": {"SizeBytes": 64 << 10,
                                                             "Mode": 0o1777}}]


def test_secret_and_config_references(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    secrets: [token, {source: key, target: /etc/key, uid: "100", mode: 0400}]
    configs: [conf]
secrets:
  token: {file: ./t.txt}
  key: {environment: KEY}
configs:
  conf: {content: hello}
""", files={"t.txt": "x"}, environ={"KEY": "k"})
    cs = spec_of(p, "web", secrets={"token": "st_token-1", "key": "st_key-2"},
                 configs={"conf": "st_conf-3"})["TaskTemplate"]["ContainerSpec"]
    assert cs["Secrets"] == [
        {"File": {"Name": "/run/secrets/token", "UID": "0", "GID": "0", "Mode": 0o444},
         "SecretName": "st_token-1"},
        {"File": {"Name": "/etc/key", "UID": "100", "GID": "0", "Mode": 0o400},
         "SecretName": "st_key-2"}]
    assert cs["Configs"] == [{"File": {"Name": "/conf", "UID": "0", "GID": "0", "Mode": 0o444},
                              "ConfigName": "st_conf-3"}]


def test_more_container_keys(tmp_path):
    p = project(tmp_path, """
services:
  web:
    image: busybox
    extra_hosts: ["db:10.0.0.2"]
    dns: 8.8.8.8
    dns_search: [example.org]
    group_add: [wheel]
    sysctls: {net.core.somaxconn: 1024}
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    ulimits: {nproc: 64, nofile: {soft: 10, hard: 20}}
    logging: {driver: json-file, options: {max-size: 1m}}
""")
    spec = spec_of(p, "web")
    cs = spec["TaskTemplate"]["ContainerSpec"]
    assert cs["Hosts"] == ["10.0.0.2 db"]
    assert cs["DNSConfig"] == {"Nameservers": ["8.8.8.8"], "Search": ["example.org"]}
    assert cs["Groups"] == ["wheel"]
    assert cs["Sysctls"] == {"net.core.somaxconn": "1024"}
    assert (cs["CapabilityAdd"], cs["CapabilityDrop"]) == (["NET_ADMIN"], ["MKNOD"])
    assert cs["Ulimits"] == [{"Name": "nofile", "Soft": 10, "Hard": 20},
                             {"Name": "nproc", "Soft": 64, "Hard": 64}]
    assert spec["TaskTemplate"]["LogDriver"] == {"Name": "json-file",
                                                 "Options": {"max-size": "1m"}}


def test_unknown_deploy_mode_is_an_error(tmp_path):
    p = project(tmp_path, "services:\n  j:\n    image: busybox\n"
                          "    deploy: {mode: replicated-job}\n")
    with pytest.raises(ConfigError, match="services.j.deploy.mode"):
        spec_of(p, "j")


def test_spec_hash_is_stable_and_follows_changes(tmp_path):
    text = "services:\n  web:\n    image: busybox\n    environment: {A: '${A}'}\n"
    one = spec_of(project(tmp_path, text, environ={"A": "1"}), "web")
    again = spec_of(project(tmp_path, text, environ={"A": "1"}), "web")
    other = spec_of(project(tmp_path, text, environ={"A": "2"}), "web")
    assert one["Labels"][SPEC_HASH] == again["Labels"][SPEC_HASH]
    assert one["Labels"][SPEC_HASH] != other["Labels"][SPEC_HASH]


def test_a_global_service_with_replicas_is_refused(tmp_path):
    import pytest

    from composer.errors import ConfigError

    p = project(tmp_path, "services:\n  web:\n    image: busybox\n    deploy: {mode: global, "
                          "replicas: 3}\n")
    with pytest.raises(ConfigError, match=r"services.web.deploy.replicas: a global service "
                                          r"runs one task per node"):
        spec_of(p, "web")
