"""The config hash: docker compose's own value, what it leaves out, secret contents."""
from __future__ import annotations

import json

import pytest

from composer.confighash import (config_hash, content_label, describe_change,
                                 describe_content_change, hashed_spec, spec_label)
from composer.gojson import encode
from composer.loader import LoadOptions, load

RICH = """
services:
  plain:
    image: busybox:latest
    command: sleep 300
    environment:
      FOO: bar
  rich:
    image: nginx:1.25
    build: .
    pull_policy: always
    scale: 2
    profiles: [web]
    depends_on: [plain]
    entrypoint: ["/bin/sh", "-c"]
    command: echo "<&>" ünïcode
    environment: {B: "2", A: "1", EMPTY: ""}
    labels: {z: "1", a: "2"}
    ports: ["127.0.0.1:8080:80/tcp", "9000"]
    expose: ["3000"]
    volumes: ["data:/data", "/srv/src:/src:ro", "/anon", {type: tmpfs, target: /t, tmpfs: {size: 1000}}]
    networks: {front: {aliases: [w]}, default: null}
    healthcheck: {test: ["CMD", "true"], interval: 10s, timeout: 5s, retries: 3, start_period: 1m30s}
    restart: unless-stopped
    init: true
    user: "0"
    working_dir: /app
    stop_grace_period: 20s
    tty: true
    privileged: false
    read_only: false
    cap_add: [NET_ADMIN]
    cpus: 0.5
    mem_limit: 512m
    ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}
    logging: {driver: json-file, options: {max-size: 10m}}
    deploy: {replicas: 2, restart_policy: {condition: on-failure, max_attempts: 0}}
    extra_hosts: ["a:1.2.3.4"]
    x-custom: ignored
networks: {front: {}}
volumes: {data: {}}
"""

# what docker compose 2.40.3 prints for RICH with `config --hash '*'` (any folder, any name)
DOCKER_COMPOSE = {
    "plain": "c9c41a2a20a12be36f794cdb7a61ac883b530fe7538176285c32b5a2e6f77815",
    "rich": "34376b8728b38f704aff671fc25be03a41c9ed8ad7ef58d7ec08fd75f7b3b6fd",
}


def project(tmp_path, text: str, profiles=()):
    (tmp_path / "compose.yaml").write_text(text)
    return load(LoadOptions(cwd=str(tmp_path), environ={}, project_name="p",
                            profiles=tuple(profiles))).project


def test_hash_is_the_one_docker_compose_computes(tmp_path):
    p = project(tmp_path, RICH, profiles=["web"])
    assert {n: config_hash(p, s) for n, s in p.services.items()} == DOCKER_COMPOSE


# docker compose 2.40.3 `config --hash '*'`: an empty mapping and null are hashed apart
EMPTY_NETWORK_ENTRY = """
services:
  a:
    image: busybox
    networks:
      front: {}
  b:
    image: busybox
    networks: [front]
networks:
  front: {}
"""


def test_an_empty_network_entry_is_kept_as_a_mapping_as_docker_compose_hashes_it(tmp_path):
    p = project(tmp_path, EMPTY_NETWORK_ENTRY)
    assert {n: config_hash(p, s) for n, s in p.services.items()} == {
        "a": "1487e20a035fba2892690331be51340b053860e70eb909e32c783d6a3a23a3d5",
        "b": "7ed0b2542befe4b046508a42ef9c839c6973711fbdf50959eee26447b9ddada6",
    }


def test_encoding_orders_struct_keys_sorts_maps_and_escapes_like_go():
    spec = {"image": "x", "environment": {"B": "<b>", "A": "&"}, "command": None,
            "cap_add": ["X"], "privileged": False, "init": False, "cpus": 1.0,
            "ports": [{"target": 80, "mode": "ingress", "protocol": "tcp"}]}
    assert encode(spec) == (
        '{"cap_add":["X"],"cpus":1,"command":null,"entrypoint":null,"environment":{"A":"\\u0026",'
        '"B":"\\u003cb\\u003e"},"image":"x","init":false,'
        '"ports":[{"mode":"ingress","target":80,"protocol":"tcp"}]}')


BASE = "services:\n  s:\n    image: busybox:latest\n"


@pytest.mark.parametrize("extra", [
    "    build: .\n",
    "    pull_policy: always\n",
    "    scale: 3\n",
    "    depends_on: [t]\n  t:\n    image: busybox:latest\n",
    "    profiles: [p]\n",
    "    x-note: anything\n",
])
def test_what_must_not_force_a_recreate_is_left_out(tmp_path, extra):
    before = project(tmp_path, BASE)
    after = project(tmp_path, BASE + extra, profiles=["p"])
    assert config_hash(after, after.services["s"]) == config_hash(before, before.services["s"])


@pytest.mark.parametrize("extra", [
    "    environment: {FOO: bar}\n",
    "    command: sleep 1\n",
    "    deploy: {resources: {limits: {memory: 10m}}}\n",
    "    privileged: true\n",
])
def test_what_changes_the_container_changes_the_hash(tmp_path, extra):
    before = project(tmp_path, BASE)
    after = project(tmp_path, BASE + extra)
    assert config_hash(after, after.services["s"]) != config_hash(before, before.services["s"])


SECRETS = """
services:
  s:
    image: busybox:latest
    secrets: [token]
    configs: [conf]
  other:
    image: busybox:latest
secrets:
  token: {file: ./token.txt}
configs:
  conf: {content: "v1"}
"""


def test_secret_file_content_is_part_of_what_recreates_its_users(tmp_path):
    (tmp_path / "token.txt").write_text("one")
    p = project(tmp_path, SECRETS)
    label = content_label(p, p.services["s"])
    assert set(json.loads(label)) == {"secrets.token", "configs.conf"}
    assert content_label(p, p.services["other"]) is None

    (tmp_path / "token.txt").write_text("two")
    p2 = project(tmp_path, SECRETS)
    assert config_hash(p2, p2.services["s"]) == config_hash(p, p.services["s"])
    new = content_label(p2, p2.services["s"])
    assert new != label
    assert describe_content_change(label, new) == "content of secrets.token changed"

    p3 = project(tmp_path, SECRETS.replace('"v1"', '"v2"'))
    assert describe_content_change(new, content_label(p3, p3.services["s"])) \
        == "content of configs.conf changed"


def test_a_change_is_named_by_its_key_paths(tmp_path):
    before = project(tmp_path, BASE + "    environment: {FOO: a, BAR: b}\n    ports: ['80']\n")
    after = project(tmp_path, BASE + "    environment: {FOO: z, BAR: b}\n    ports: ['81']\n")
    old = spec_label(before.services["s"])
    assert describe_change(old, after.services["s"]) == \
        "environment.FOO, ports[0].target changed"
    assert describe_change(None, after.services["s"]).startswith("config hash changed")


def test_replicas_are_left_out_but_the_rest_of_deploy_counts(tmp_path):
    one = project(tmp_path, BASE + "    deploy: {replicas: 1, labels: {a: b}}\n")
    three = project(tmp_path, BASE + "    deploy: {replicas: 3, labels: {a: b}}\n")
    other = project(tmp_path, BASE + "    deploy: {replicas: 1, labels: {a: c}}\n")
    assert "replicas" not in hashed_spec(three.services["s"])["deploy"]
    assert config_hash(one, one.services["s"]) == config_hash(three, three.services["s"])
    assert config_hash(one, one.services["s"]) != config_hash(other, other.services["s"])


def test_service_references_are_hashed_as_the_container_they_name(tmp_path):
    # recorded from docker compose 2.40.3: the label of a container with
    # `network_mode: service:web` when web's container had the id below
    p = project(tmp_path, """
services:
  web: {image: busybox:latest}
  worker:
    image: busybox:latest
    command: sleep 300
    init: true
    network_mode: "service:web"
""")
    web_id = "469cd291a0179c9bfa6a9656c4eac5d2e75f599af77a7312bfd68c417405d8f9"
    assert config_hash(p, p.services["worker"], {"web": web_id}) == \
        "f66391ca6c7d3f1f6f3b4a2caac144581e4e45badc7217ac7117d2826bf7421a"
    assert config_hash(p, p.services["worker"], {"web": "other"}) != \
        config_hash(p, p.services["worker"], {"web": web_id})


def test_encoding_prints_what_go_always_prints_and_go_field_names():
    spec = {"image": "x", "command": None, "entrypoint": None,
            "develop": {"watch": [{"path": "/p", "action": "sync", "exec": {}}]},
            "blkio_config": {"weight_device": [{"path": "/dev/sda", "weight": 400}]}}
    assert encode(spec) == (
        '{"develop":{"watch":[{"path":"/p","action":"sync","exec":{"command":null}}]},'
        '"blkio_config":{"weight_device":[{"Path":"/dev/sda","Weight":400}]},'
        '"command":null,"entrypoint":null,"image":"x"}')
