"""Volumes, ports, build, deploy and top-level resources in canonical form (checked against
docker compose v2.40.3 on the same inputs)."""
from __future__ import annotations

from helpers import as_json, load_files, service_json

VOLUMES = """\
volumes:
  - /etc/pihole/:/etc/pihole/
  - ./data/:/data:ro,z
  - ~/x//y:/x
  - named:/n:rw,nocopy
  - /anon
  - /o
  - /abs:/b:rshared,ro
  - type: bind
    source: ./src//
    target: /dst/
    read_only: false
    bind: {create_host_path: false, propagation: rprivate}
  - type: tmpfs
    target: /t
    tmpfs: {size: 1m, mode: 0755}
  - type: volume
    source: named
    target: /v
    volume: {nocopy: false, subpath: sub}
"""


def test_volumes_short_and_long(tmp_path):
    got = service_json(tmp_path, "image: x\n" + VOLUMES, extra="volumes: {named: {}}\n")
    bind = {"create_host_path": True}
    assert got["volumes"] == [
        {"type": "bind", "source": "/etc/pihole/", "target": "/etc/pihole", "bind": bind},
        {"type": "bind", "source": f"{tmp_path}/data", "target": "/data", "read_only": True,
         "bind": {"selinux": "z", "create_host_path": True}},
        {"type": "bind", "source": "/home/user/x/y", "target": "/x", "bind": bind},
        {"type": "volume", "source": "named", "target": "/n", "volume": {"nocopy": True}},
        {"type": "volume", "target": "/anon", "volume": {}},
        {"type": "volume", "target": "/o"},   # docker compose's quirk for 2-character specs
        {"type": "bind", "source": "/abs", "target": "/b", "read_only": True,
         "bind": {"propagation": "rshared", "create_host_path": True}},
        {"type": "bind", "source": f"{tmp_path}/src", "target": "/dst",
         "bind": {"propagation": "rprivate"}},
        {"type": "tmpfs", "target": "/t", "tmpfs": {"size": "1048576", "mode": 493}},
        {"type": "volume", "source": "named", "target": "/v", "volume": {"subpath": "sub"}},
    ]


def test_windows_paths_stay_as_written(tmp_path):
    got = service_json(tmp_path, "image: x\nvolumes: ['c:\\x:/y', 'C:/data:/d']")
    assert [(v["source"], v["target"]) for v in got["volumes"]] == [("c:\\x", "/y"),
                                                                    ("C:/data", "/d")]


def test_ports_short_and_long(tmp_path):
    got = service_json(tmp_path, """\
image: x
ports:
  - "80"
  - "8080:80"
  - "127.0.0.1:9000-9001:9000-9001/udp"
  - "[::1]:81:81"
  - "8000-8002:80"
  - 5000-5001
  - "0.0.0.0::53/udp"
  - {target: 443, published: 8443, host_ip: 0.0.0.0, mode: host, name: https, app_protocol: https}
  - {target: "23", published: 2200-2210}
""")
    ing = {"mode": "ingress"}
    assert got["ports"] == [
        {**ing, "target": 80, "protocol": "tcp"},
        {**ing, "target": 80, "published": "8080", "protocol": "tcp"},
        {**ing, "host_ip": "127.0.0.1", "target": 9000, "published": "9000", "protocol": "udp"},
        {**ing, "host_ip": "127.0.0.1", "target": 9001, "published": "9001", "protocol": "udp"},
        {**ing, "host_ip": "::1", "target": 81, "published": "81", "protocol": "tcp"},
        {**ing, "target": 80, "published": "8000-8002", "protocol": "tcp"},
        {**ing, "target": 5000, "protocol": "tcp"},
        {**ing, "target": 5001, "protocol": "tcp"},
        {**ing, "host_ip": "0.0.0.0", "target": 53, "protocol": "udp"},
        {"name": "https", "mode": "host", "host_ip": "0.0.0.0", "target": 443,
         "published": "8443", "protocol": "tcp", "app_protocol": "https"},
        {**ing, "target": 23, "published": "2200-2210", "protocol": "tcp"},
    ]


def test_build_long_form(tmp_path):
    (tmp_path / "s").write_text("x\n")     # a used secret's missing file is an error
    got = service_json(tmp_path, """\
build:
  context: ./dir
  dockerfile: Dockerfile.dev
  args: [A=1, B, C]
  ssh: [default]
  labels: [a, b=c]
  secrets: [s]
  shm_size: 2g
  extra_hosts: ["h:1.2.3.4"]
  additional_contexts: {res: ./res, img: docker-image://x}
  no_cache: false
  x-b: 1
""", extra="secrets: {s: {file: ./s}}\n", environ={"C": "fromenv", "HOME": "/h"})
    assert got["build"] == {
        "context": f"{tmp_path}/dir", "dockerfile": "Dockerfile.dev",
        "args": {"A": "1", "C": "fromenv"},            # B: not in the environment, left out
        "ssh": ["default"], "labels": {"a": "", "b": "c"},
        "additional_contexts": {"img": "docker-image://x", "res": f"{tmp_path}/res"},
        "extra_hosts": ["h=1.2.3.4"], "secrets": [{"source": "s"}],
        "shm_size": "2147483648",
    }


def test_build_inline_dockerfile_has_no_default_dockerfile(tmp_path):
    got = service_json(tmp_path, "build: {dockerfile_inline: FROM x}")
    assert got["build"] == {"context": str(tmp_path), "dockerfile_inline": "FROM x"}


def test_deploy(tmp_path):
    got = service_json(tmp_path, """\
image: x
deploy:
  replicas: 2
  labels: [a=b]
  update_config: {parallelism: 2, delay: 10s, monitor: 1m, max_failure_ratio: 0.1}
  rollback_config: {parallelism: 1, delay: 0s}
  restart_policy: {condition: on-failure, delay: 5s, window: 120s}
  resources:
    limits: {cpus: '0.50', memory: 50M, pids: 1}
    reservations:
      devices: [{capabilities: [gpu], device_ids: ['0', '3']}]
""")
    assert got["deploy"] == {
        "replicas": 2, "labels": {"a": "b"},
        "update_config": {"parallelism": 2, "delay": "10s", "monitor": "1m0s",
                          "max_failure_ratio": 0.1},
        "rollback_config": {"parallelism": 1},         # a zero duration is left out
        "resources": {"limits": {"cpus": 0.5, "memory": "52428800", "pids": 1},
                      "reservations": {"devices": [{"capabilities": ["gpu"],
                                                    "device_ids": ["0", "3"]}]}},
        "restart_policy": {"condition": "on-failure", "delay": "5s", "window": "2m0s"},
        "placement": {},
    }


def test_empty_values_are_left_out_but_structures_kept(tmp_path):
    got = service_json(tmp_path, """\
image: x
environment: {}
labels: {}
cap_add: []
ports: []
networks: {}
depends_on: {}
entrypoint: []
healthcheck: {test: []}
logging: {options: {}}
deploy: {labels: {}, resources: {limits: {}}}
""")
    assert got == {"command": None, "entrypoint": [], "image": "x",
                   "networks": {"default": None}, "healthcheck": {}, "logging": {},
                   "deploy": {"resources": {"limits": {}}, "placement": {}}}


def test_resources_named_unused_dropped_extensions_kept_at_top(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": """\
x-top: {a: 1}
services:
  s:
    image: x
    x-own: 1
    networks: [front, ext, legacy]
    volumes: [data:/data]
    secrets: [env_s]
networks:
  front:
    driver_opts: {mtu: 1500}
    ipam: {config: [{subnet: 10.0.0.0/24}], options: {foo: bar}}
    attachable: false
    x-n: 1
  ext: {external: true}
  legacy: {external: {name: old}}
  unused: {}
volumes:
  data: {labels: [a=1], driver_opts: {o: 1}}
  unused: {}
secrets:
  env_s: {environment: SECRET}
"""}, project_name="p")
    got = as_json(loaded)
    assert got["x-top"] == {"a": 1}
    assert "x-own" not in got["services"]["s"]
    assert got["networks"] == {
        "front": {"name": "p_front", "driver_opts": {"mtu": "1500"},
                  "ipam": {"config": [{"subnet": "10.0.0.0/24"}]}},
        "ext": {"name": "ext", "external": True, "ipam": {}},
        "legacy": {"name": "old", "external": True, "ipam": {}},
    }
    assert got["volumes"] == {"data": {"name": "p_data", "driver_opts": {"o": "1"},
                                       "labels": {"a": "1"}}}
    assert got["secrets"] == {"env_s": {"name": "p_env_s", "environment": "SECRET"}}
    assert any("networks.legacy: external.name is deprecated" in w for w in loaded.warnings)
    assert list(loaded.canonical) == ["name", "services", "networks", "volumes", "secrets",
                                      "x-top"]
    assert loaded.canonical["services"]["s"]["x-own"] == 1   # kept for the YAML form


def test_service_keys_in_docker_compose_order(tmp_path):
    loaded = load_files(tmp_path, {"compose.yaml": """\
services:
  s:
    x-a: 1
    working_dir: /w
    volumes: [/vv]
    image: i
    environment: {B: 1, A: 2}
    command: c
    build: .
    profiles: [p]
"""}, profiles=("p",))
    svc = loaded.canonical["services"]["s"]
    assert list(svc) == ["profiles", "build", "command", "entrypoint", "environment", "image",
                         "networks", "volumes", "working_dir", "x-a"]
    assert list(svc["environment"]) == ["A", "B"]


def test_env_file_then_environment_a_bare_key_unset_is_null(tmp_path):
    (tmp_path / "e.env").write_text("C=fromfile\nD=fromfile\nE=x${C}\n")
    got = service_json(tmp_path, "image: x\nenv_file: [e.env]\nenvironment: [C, D=own]")
    assert got["environment"] == {"C": None, "D": "own", "E": "xfromfile"}
    got = service_json(tmp_path, "image: x\nenv_file: [e.env]\nenvironment: [C]",
                       environ={"C": "fromshell"})
    assert got["environment"]["C"] == "fromshell"


def test_env_file_optional_and_raw(tmp_path):
    (tmp_path / "e.env").write_text("A='quoted'\nB=${X}\n")
    got = service_json(tmp_path, """\
image: x
env_file:
  - {path: ./missing.env, required: false}
  - {path: e.env, format: raw}
""")
    assert got["environment"] == {"A": "'quoted'", "B": "$${X}"}  # as written; $ re-escaped


def test_label_file_under_labels_and_volume_labels_as_strings(tmp_path):
    (tmp_path / "l.txt").write_text("q=fromfile\nr=fromfile\n")
    got = service_json(tmp_path, """\
image: x
labels: [q]
label_file: l.txt
volumes:
  - {type: volume, source: vv, target: /v, volume: {labels: {a: 1}}}
""", extra="volumes: {vv: {}}\n")
    assert got["labels"] == {"q": "", "r": "fromfile"}
    assert got["volumes"][0]["volume"] == {"labels": {"a": "1"}}
