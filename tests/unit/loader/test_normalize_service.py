"""Each service attribute in canonical form: what `config --format json` prints for it.

Every expected value here was checked against docker compose v2.40.3 on the same input.
"""
from __future__ import annotations

import pytest

from helpers import service_json

# (body of service s, key, expected JSON value of that key)
CASES = [
    # command and entrypoint: shell-split strings, lists of strings, always present
    ("image: x", "command", None),
    ("command: bundle exec thin -p 3000", "command", ["bundle", "exec", "thin", "-p", "3000"]),
    ("command: [echo, '1', 'true']", "command", ["echo", "1", "true"]),
    ("command: []", "command", []),
    ("entrypoint: ''", "entrypoint", []),
    ("entrypoint: /run.sh -p 3000", "entrypoint", ["/run.sh", "-p", "3000"]),
    # string maps: values as strings, keys sorted; bare keys
    ("environment: {B: false, A: 1.5, N: 1}", "environment", {"A": "1.5", "B": "false",
                                                             "N": "1"}),
    ("environment: [A=1, B=, C]", "environment", {"A": "1", "B": "", "C": None}),
    # numbers as Go prints them
    ("environment: {A: 1e3, B: 1.0e+20, C: 123456789.0, D: 0.000001, F: 12345678901234567890, "
     "G: .inf, H: 0x10, J: 3.0}", "environment",
     {"A": "1000", "B": "1e+20", "C": "1.23456789e+08", "D": "1e-06",
      "F": "12345678901234567890", "G": "+Inf", "H": "16", "J": "3"}),
    ("labels: [com.example.a=1, com.example.b]", "labels", {"com.example.a": "1",
                                                            "com.example.b": ""}),
    ("annotations: {a: 1, b: true}", "annotations", {"a": "1", "b": "true"}),
    ("sysctls: [net.core.somaxconn=1024]", "sysctls", {"net.core.somaxconn": "1024"}),
    ("storage_opt: {size: 20G}", "storage_opt", {"size": "20G"}),
    # sizes are byte counts as strings, durations Go-style
    ("mem_limit: 1g", "mem_limit", "1073741824"),
    ("mem_reservation: 512m", "mem_reservation", "536870912"),
    ("memswap_limit: 2g", "memswap_limit", "2147483648"),
    ("mem_swappiness: 60", "mem_swappiness", "60"),
    ("shm_size: 64m", "shm_size", "67108864"),
    ("stop_grace_period: 90s", "stop_grace_period", "1m30s"),
    # lists of strings
    ("dns: 8.8.8.8", "dns", ["8.8.8.8"]),
    ("dns_search: example.com", "dns_search", ["example.com"]),
    ("tmpfs: /run", "tmpfs", ["/run"]),
    ("group_add: [mail, 1000]", "group_add", ["mail", "1000"]),
    ("expose: ['3000', 8000, 8080-8085/tcp]", "expose", ["3000", "8000", "8080-8085/tcp"]),
    # extra_hosts: host=ip, sorted, from a list or a mapping
    ("extra_hosts: ['somehost:162.242.195.82', 'otherhost=50.31.209.229', 'ip6:::1']",
     "extra_hosts", ["ip6=::1", "otherhost=50.31.209.229", "somehost=162.242.195.82"]),
    ("extra_hosts: {b: 1.1.1.1, a: [2.2.2.2, 3.3.3.3]}", "extra_hosts",
     ["a=2.2.2.2", "a=3.3.3.3", "b=1.1.1.1"]),
    # devices: long form, rwm by default
    ("devices: ['/dev/ttyUSB0:/dev/ttyUSB0', '/dev/sda:/dev/xvda:rwm', /dev/foo, '/dev/d::rw']",
     "devices", [{"source": "/dev/ttyUSB0", "target": "/dev/ttyUSB0", "permissions": "rwm"},
                 {"source": "/dev/sda", "target": "/dev/xvda", "permissions": "rwm"},
                 {"source": "/dev/foo", "target": "/dev/foo", "permissions": "rwm"},
                 {"source": "/dev/d", "target": "/dev/d", "permissions": "rw"}]),
    ("gpus: all", "gpus", [{"count": -1}]),
    # blkio: rates as sizes; JSON spells the device keys as Go does
    ("blkio_config: {weight: 300, weight_device: [{path: /dev/sda, weight: 400}], "
     "device_read_bps: [{path: /dev/sda, rate: 12mb}], "
     "device_write_iops: [{path: /dev/sda, rate: 30}]}", "blkio_config",
     {"weight": 300, "weight_device": [{"Path": "/dev/sda", "Weight": 400}],
      "device_read_bps": [{"Path": "/dev/sda", "Rate": "12582912"}],
      "device_write_iops": [{"Path": "/dev/sda", "Rate": "30"}]}),
    ("ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}", "ulimits",
     {"nofile": {"soft": 20000, "hard": 40000}, "nproc": 65535}),
    ("logging: {driver: syslog, options: {max-file: 3, max-size: 10m}}", "logging",
     {"driver": "syslog", "options": {"max-file": "3", "max-size": "10m"}}),
    ("healthcheck: {test: curl -f http://x, interval: 1m30s, timeout: 10s, retries: 3, "
     "start_period: 40s, start_interval: 5s}", "healthcheck",
     {"test": ["CMD-SHELL", "curl -f http://x"], "timeout": "10s", "interval": "1m30s",
      "retries": 3, "start_period": "40s", "start_interval": "5s"}),
    ("healthcheck: {test: []}", "healthcheck", {}),
    ("healthcheck: {disable: true}", "healthcheck", {"disable": True}),
    # depends_on: long form, required by default; links etc. imply it
    ("depends_on: [b]\nlinks: ['c:cc']\nvolumes_from: ['d:ro', 'container:e']",
     "depends_on", {"b": {"condition": "service_started", "required": True},
                    "c": {"condition": "service_started", "restart": True, "required": True},
                    "d": {"condition": "service_started", "required": True}}),
    ("depends_on: {b: {condition: service_healthy, restart: true}, "
     "c: {condition: service_completed_successfully, required: false}}", "depends_on",
     {"b": {"condition": "service_healthy", "restart": True, "required": True},
      "c": {"condition": "service_completed_successfully", "required": False}}),
    ("network_mode: service:b", "depends_on",
     {"b": {"condition": "service_started", "restart": True, "required": True}}),
    # networks: a mapping; default only when nothing else
    ("image: x", "networks", {"default": None}),
    ("networks: [b, a]", "networks", {"a": None, "b": None}),
    ("networks: {a: {aliases: [w], driver_opts: {n: 1}, priority: 10}}", "networks",
     {"a": {"aliases": ["w"], "driver_opts": {"n": "1"}, "priority": 10}}),
    # references
    ("secrets: [s, {source: s, target: t, mode: 0400}]", "secrets",
     [{"source": "s", "target": "/run/secrets/s"},
      {"source": "s", "target": "t", "mode": "0400"}]),
    ("configs: [c, {source: c, target: /etc/c, uid: '1', gid: '2', mode: 0440}]", "configs",
     [{"source": "c"}, {"source": "c", "target": "/etc/c", "uid": "1", "gid": "2",
                        "mode": "0440"}]),
    # hooks and watch rules
    ("post_start: [{command: echo hi, user: root, environment: [A=1]}]", "post_start",
     [{"command": ["echo", "hi"], "user": "root", "environment": {"A": "1"}}]),
    ("develop: {watch: [{action: sync, path: ./data, target: /app}, "
     "{action: sync+exec, path: x, target: /x, exec: {command: ls -l}}]}", "develop",
     {"watch": [{"path": "@/data", "action": "sync", "target": "/app",
                 "exec": {"command": None}},
                {"path": "@/x", "action": "sync+exec", "target": "/x",
                 "exec": {"command": ["ls", "-l"]}}]}),
    ("provider: {type: cloud, options: {type: mysql, foo: [1, 2]}}", "provider",
     {"type": "cloud", "options": {"foo": ["1", "2"], "type": ["mysql"]}}),
    ("models: [m1]", "models", {"m1": None}),
    ("user: '1000:1000'", "user", "1000:1000"),
]


# what the bodies refer to: other services, networks, secrets, configs, models
WORLD = """\
  b: {image: x}
  c: {image: x}
  d: {image: x}
networks: {a: {}, b: {}}
secrets: {s: {file: ./s.txt}}
configs: {c: {file: ./c.txt}}
models: {m1: {model: ai/x}}
"""


@pytest.mark.parametrize("body, key, want", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_attribute(tmp_path, body, key, want):
    for name in ("s.txt", "c.txt"):      # a used secret's or config's missing file is an error
        (tmp_path / name).write_text("x\n")
    if "image:" not in body:
        body = "image: x\n" + body
    got = service_json(tmp_path, body, extra=WORLD)
    assert got.get(key) == _placed(want, str(tmp_path))


def _placed(value, folder: str):
    """`@/x` in an expected value is x in the test's folder."""
    if isinstance(value, str) and value.startswith("@/"):
        return folder + value[1:]
    if isinstance(value, dict):
        return {k: _placed(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [_placed(v, folder) for v in value]
    return value
