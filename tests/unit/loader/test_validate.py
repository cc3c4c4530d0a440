"""validate(): accepted forms of every attribute family, and the exact text of rejections."""
from __future__ import annotations

import textwrap

import pytest
import yaml

from composer import keypath
from composer.errors import Location
from composer.loader.schema import compiled
from composer.loader.validate import validate


def locate(path) -> Location:
    return Location(file="compose.yaml", path=keypath.render(path))


def load(text: str):
    return yaml.safe_load(textwrap.dedent(text))


def service(body: str) -> dict:
    """A document with one service `web` whose body is `body` (YAML, any indentation)."""
    svc = load(body) if body.strip() else {}
    return {"services": {"web": {"image": "busybox", **svc}}}


def messages(doc) -> list[str]:
    return [str(e) for e in validate(doc, locate)]


# --- accepted ------------------------------------------------------------------------------

ACCEPTED_SERVICE = [
    # build: short and long
    "build: ./app",
    """
    build:
      context: .
      dockerfile: Dockerfile.dev
      args: {A: 1, B: null, C: "x"}
      ssh: [default]
      labels: [a=b]
      cache_from: [app:cache]
      cache_to: ["type=inline"]
      no_cache: true
      additional_contexts: {base: ./base}
      network: host
      target: prod
      shm_size: 1g
      extra_hosts: {db: 10.0.0.2}
      isolation: default
      privileged: "true"
      secrets: [token, {source: cert, target: /run/cert}]
      tags: [app:1]
      ulimits: {nofile: {soft: 1, hard: 2}}
      platforms: [linux/amd64]
      pull: false
      entitlements: [network.host]
      provenance: "mode=max"
      sbom: true
      x-note: ok
    """,
    "build: {context: ., args: [A=1, B], ssh: {default: /agent}, dockerfile_inline: FROM x}",
    # command / entrypoint
    "command: echo hi",
    "command: [echo, hi]",
    "command: null",
    "entrypoint: [/entry.sh]",
    # environment / labels / annotations / sysctls: mapping or list
    "environment: {A: 1, B: null, C: true, D: 1.5, E: x}",
    "environment: [A=1, B]",
    "labels: {com.example: x}",
    "labels: [com.example=x]",
    "annotations: {a: b}",
    "sysctls: [net.core.somaxconn=1024]",
    "sysctls: {net.core.somaxconn: 1024}",
    # env_file / label_file
    "env_file: .env",
    "env_file: [a.env, {path: b.env, required: false, format: raw}]",
    "label_file: [./labels]",
    # ports: short (number and string) and long
    "ports: [80, '8080:80', '127.0.0.1:8080:80/udp', '[::1]::80', '8000-8010:80-90/sctp']",
    "ports: ['::1:8080:80', ':80', '80/TCP', '0.0.0.0:80:80']",
    """
    ports:
      - target: 80
        published: "8080-8090"
        host_ip: 127.0.0.1
        protocol: udp
        mode: host
        app_protocol: http
        name: web
      - {target: "443", published: 8443}
    """,
    "expose: ['80', 81, '82-85/udp']",
    # volumes: short and long of every type
    "volumes: ['./a:/a:ro', /b, 'data:/c:rw,z']",
    """
    volumes:
      - {type: bind, source: ., target: /src, read_only: true, consistency: cached,
         bind: {propagation: rshared, create_host_path: true, selinux: z, recursive: enabled}}
      - {type: volume, source: data, target: /data, volume: {nocopy: true, subpath: x, labels: {a: b}}}
      - {type: tmpfs, target: /tmp, tmpfs: {size: 10m, mode: 1777}}
      - {type: image, source: busybox, target: /img, image: {subpath: bin}}
      - {type: npipe, source: pipe, target: /pipe}
      - {type: cluster, source: c, target: /c}
    """,
    "volumes_from: [other, 'container:x:ro']",
    "tmpfs: /tmp",
    "tmpfs: [/tmp, '/run:size=10m']",
    # depends_on: list and map
    "depends_on: [db, cache]",
    """
    depends_on:
      db: {condition: service_healthy, restart: true, required: false}
      init: {condition: service_completed_successfully}
    """,
    # deploy
    """
    deploy:
      mode: replicated
      replicas: "2"
      endpoint_mode: dnsrr
      labels: [a=b]
      update_config: {parallelism: 2, delay: 10s, failure_action: rollback, monitor: 1m,
                      max_failure_ratio: "0.5", order: start-first}
      rollback_config: {order: stop-first}
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
      placement:
        constraints: [node.role==manager]
        preferences: [{spread: node.labels.zone}]
        max_replicas_per_node: 2
      resources:
        limits: {cpus: "0.5", memory: 512M, pids: 100}
        reservations:
          cpus: 0.25
          memory: 1.5GiB
          generic_resources: [{discrete_resource_spec: {kind: gpu, value: 2}}]
          devices: [{capabilities: [gpu], driver: nvidia, count: all, device_ids: ["0"]}]
    """,
    "deploy: null",
    "deploy: {mode: global-job, replicas: 0}",
    # develop and hooks
    """
    develop:
      watch:
        - {path: ./src, action: sync, target: /app, ignore: [node_modules], initial_sync: true}
        - {path: ., action: sync+exec, target: /app, exec: {command: [reload], user: root}}
        - {path: package.json, action: rebuild}
    """,
    "post_start: [{command: setup, user: root, privileged: true, working_dir: /, environment: [A=1]}]",
    "pre_stop: [{command: [drain, now]}]",
    # healthcheck
    """
    healthcheck:
      test: [CMD-SHELL, curl -f localhost]
      interval: 1m30s
      timeout: 10s
      start_period: 1.5s
      start_interval: 500ms
      retries: 3
    """,
    "healthcheck: {test: curl -f localhost}",
    "healthcheck: {test: [NONE]}",
    "healthcheck: {disable: true}",
    # networks: list and map
    "networks: [front, back]",
    """
    networks:
      front:
        aliases: [web.local]
        ipv4_address: 172.16.0.2
        ipv6_address: "2001:db8::2"
        link_local_ips: [169.254.0.2]
        mac_address: 02:42:ac:11:00:02
        driver_opts: {a: 1}
        priority: 10
        gw_priority: 1
        interface_name: eth1
      back: null
    """,
    # scalars that docker compose casts
    "cpus: '0.5'",
    "cpus: 1.5",
    "mem_limit: 1g",
    "mem_limit: '1.5 GiB'",
    "mem_limit: 1073741824",
    "memswap_limit: -1",
    "shm_size: 64m",
    "mem_reservation: 512kb",
    "scale: '2'",
    "pids_limit: -1",
    "oom_score_adj: -500",
    "cpu_percent: 50",
    "cpu_shares: 512",
    "privileged: 'true'",
    "init: true",
    "tty: 'yes'",
    "stop_grace_period: 1m30s",
    "stop_grace_period: '0'",
    # the rest
    "cap_add: [NET_ADMIN]",
    "cap_drop: [ALL]",
    "cgroup: host",
    "configs: [app, {source: app, target: /etc/app, uid: '1', gid: '1', mode: 0440}]",
    "secrets: [{source: token, mode: '0400'}]",
    "container_name: web-1",
    "credential_spec: {file: spec.json}",
    "device_cgroup_rules: ['c 1:3 mr']",
    "devices: ['/dev/null:/dev/null:rwm', {source: /dev/zero, target: /dev/zero, permissions: r}]",
    "dns: 8.8.8.8",
    "dns: [8.8.8.8, 1.1.1.1]",
    "dns_opt: [use-vc]",
    "dns_search: example.com",
    "extends: base",
    "extends: {service: base, file: common.yaml}",
    "external_links: [redis]",
    "extra_hosts: ['db:10.0.0.2', 'v6=::1']",
    "extra_hosts: {db: 10.0.0.2, multi: [10.0.0.3, '::1']}",
    "gpus: all",
    "gpus: [{driver: nvidia, count: 1, capabilities: [gpu]}]",
    "group_add: [mail, 1000]",
    "logging: {driver: json-file, options: {max-size: 10m, max-file: 3}}",
    "models: [llm]",
    "models: {llm: {endpoint_var: URL, model_var: NAME}}",
    "provider: {type: awesomecloud, options: {size: 1, tags: [a, b]}}",
    "pull_policy: every_12h",
    "pull_policy: if_not_present",
    "pull_policy: refresh\npull_refresh_after: 24h",
    "restart: 'no'",
    "restart: on-failure:3",
    "security_opt: ['label:disable']",
    "ulimits: {nofile: {soft: 1024, hard: 4096}, nproc: 65535, core: '-1'}",
    "use_api_socket: true",
    "attach: false",
    "profiles: [debug]",
    "storage_opt: {size: 1G}",
    "blkio_config: {weight: 300, weight_device: [{path: /dev/sda, weight: 400}], "
    "device_read_bps: [{path: /dev/sda, rate: 12mb}], device_write_iops: [{path: /dev/sda, rate: 30}]}",
    "x-anything: {goes: [here]}",
]


@pytest.mark.parametrize("body", ACCEPTED_SERVICE)
def test_service_forms_are_accepted(body):
    assert messages(service(body)) == []


ACCEPTED_DOCUMENTS = [
    """
    version: "3.8"
    name: myapp
    x-common: &common {restart: always}
    include:
      - other.yaml
      - {path: [a.yaml, b.yaml], env_file: a.env, project_directory: ..}
    services:
      web: {image: busybox}
      A.b_c-1: {image: busybox}
    """,
    """
    services: {}
    networks:
      plain: null
      legacy: {external: {name: outer}}
      full:
        name: net
        driver: bridge
        driver_opts: {com.docker.network.bridge.name: br0, mtu: 1500}
        ipam:
          driver: default
          config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25, gateway: 10.0.0.1,
                    aux_addresses: {host: 10.0.0.2}}]
          options: {a: b}
        external: false
        internal: "true"
        attachable: true
        enable_ipv4: true
        enable_ipv6: false
        labels: [a=b]
        x-note: ok
      "any name goes": {}
    volumes:
      plain: null
      legacy: {external: {name: outer}}
      full: {name: vol, driver: local, driver_opts: {type: none, o: bind, device: /tmp},
             labels: {a: b}, external: false}
    secrets:
      f: {file: ./token, name: tok, labels: [a=b], template_driver: golang}
      e: {environment: TOKEN}
      x: {external: true}
      d: {driver: vault, driver_opts: {path: x}}
    configs:
      f: {file: ./app.conf}
      c: {content: "key=value"}
      e: {environment: CONF}
      x: {external: true, name: shared}
    models:
      llm: {model: ai/smollm2, context_size: 1024, runtime_flags: [--verbose], name: small}
    """,
]


@pytest.mark.parametrize("text", ACCEPTED_DOCUMENTS)
def test_documents_are_accepted(text):
    assert messages(load(text)) == []


# --- rejected: exact messages --------------------------------------------------------------

SERVICE_KEYS = "expected one of the 92 keys of a service definition or an x- extension"
TOP_KEYS = ("expected one of configs, include, models, name, networks, secrets, services, "
            "version, volumes or an x- extension")

REJECTED_SERVICE = [
    ("replicas: 2",
     'compose.yaml: services.web: unknown key "replicas": ' + SERVICE_KEYS + ' (did you mean "deploy.replicas"?)'),
    ("imagee: x", 'compose.yaml: services.web: unknown key "imagee": ' + SERVICE_KEYS + ' (did you mean "image"?)'),
    ("memory: 1g",
     'compose.yaml: services.web: unknown key "memory": ' + SERVICE_KEYS + ' (did you mean '
     '"deploy.resources.limits.memory" or "deploy.resources.reservations.memory"?)'),
    ("volume_driver: x",
     'compose.yaml: services.web: unknown key "volume_driver": ' + SERVICE_KEYS + ' (did you mean "volumes_from" or '
     '"volumes"?)'),
    ("zzz: 1", 'compose.yaml: services.web: unknown key "zzz": ' + SERVICE_KEYS),
    # ports
    ("ports: ['80:80/xyz']",
     'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got "80:80/xyz"'),
    ("ports: ['8080:http']",
     'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got "8080:http"'),
    ("ports: ['99999:80']",
     'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got "99999:80"'),
    ("ports: ['localhost:80:80']",
     'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got "localhost:80:80"'),
    ("ports: [80.5]",
     'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got 80.5'),
    ("ports: ['80', {target: 80, publish: 8080}]",
     'compose.yaml: services.web.ports[1]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got a mapping with unknown key "publish" (did you mean "published"?)'),
    ("ports: [{published: 80}]",
     'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
     'or a mapping, got a mapping without required key "target"'),
    ("ports: [{target: 80, published: http}]",
     'compose.yaml: services.web.ports[0].published: expected a port or a port range like '
     '"8000-8010", got "http"'),
    ("ports: [{target: 80, protocol: xyz}]",
     'compose.yaml: services.web.ports[0].protocol: expected a protocol: "tcp", "udp" or '
     '"sctp", got "xyz"'),
    ("ports: {80: 80}", "compose.yaml: services.web.ports: expected a list of ports, got a mapping"),
    ("ports: '80:80'", 'compose.yaml: services.web.ports: expected a list of ports, got "80:80"'),
    ("expose: [http]",
     'compose.yaml: services.web.expose[0]: expected a port like "80", "8000-8010" or "80/udp", '
     'got "http"'),
    # environment and friends
    ("environment: {DB: {host: db}}",
     "compose.yaml: services.web.environment.DB: expected a string, number, boolean or null, "
     "got a mapping"),
    ("environment: A=1",
     'compose.yaml: services.web.environment: expected a mapping or a list of "KEY=VALUE" '
     'strings, got "A=1"'),
    ("environment: [1]", "compose.yaml: services.web.environment[0]: expected a string, got 1"),
    ("labels: {a: [b]}",
     "compose.yaml: services.web.labels.a: expected a string, number, boolean or null, "
     "got a list"),
    ("extra_hosts: 'db:10.0.0.2'",
     'compose.yaml: services.web.extra_hosts: expected a mapping of host names to addresses or '
     'a list of "HOST:IP" strings, got "db:10.0.0.2"'),
    ("env_file: [{required: false}]",
     "compose.yaml: services.web.env_file[0]: expected a file path or a mapping with path, "
     "required, format, got a mapping without required key \"path\""),
    # command
    ("command: {a: 1}",
     "compose.yaml: services.web.command: expected a string, a list of strings or null, "
     "got a mapping"),
    ("command: [sleep, 1]", "compose.yaml: services.web.command[1]: expected a string, got 1"),
    # deploy
    ("deploy: {replicas: -1}",
     "compose.yaml: services.web.deploy.replicas: expected a non-negative integer, got -1"),
    ("deploy: {replicas: '-1'}",
     'compose.yaml: services.web.deploy.replicas: expected a non-negative integer, got "-1"'),
    ("deploy: {replicas: 1.5}",
     "compose.yaml: services.web.deploy.replicas: expected a non-negative integer, got 1.5"),
    ("deploy: {mode: swarm}",
     'compose.yaml: services.web.deploy.mode: expected one of "replicated", "global", '
     '"replicated-job" or "global-job", got "swarm"'),
    ("deploy: {resources: {limits: {memory: 1x}}}",
     'compose.yaml: services.web.deploy.resources.limits.memory: expected a size like "512m" or '
     '"1.5GiB", or a number of bytes, got "1x"'),
    ("deploy: {resources: {reservations: {devices: [{driver: nvidia}]}}}",
     "compose.yaml: services.web.deploy.resources.reservations.devices[0]: missing required key "
     '"capabilities"'),
    ("deploy: {placement: {constraints: node.role==manager}}",
     "compose.yaml: services.web.deploy.placement.constraints: expected a list of strings, "
     'got "node.role==manager"'),
    ("deploy: {update_config: {order: first}}",
     'compose.yaml: services.web.deploy.update_config.order: expected one of "start-first" or '
     '"stop-first", got "first"'),
    # depends_on
    ("depends_on: {db: {condition: healthy}}",
     'compose.yaml: services.web.depends_on.db.condition: expected one of "service_started", '
     '"service_healthy" or "service_completed_successfully", got "healthy"'),
    ("depends_on: {db: {}}",
     'compose.yaml: services.web.depends_on.db: missing required key "condition"'),
    ("depends_on: [db, db]",
     'compose.yaml: services.web.depends_on[1]: expected each item once, got "db" again'),
    ("depends_on: db",
     "compose.yaml: services.web.depends_on: expected a list of service names or a mapping of "
     'service names to conditions, got "db"'),
    # healthcheck
    ("healthcheck: {test: [curl, x]}",
     'compose.yaml: services.web.healthcheck.test[0]: expected one of "CMD", "CMD-SHELL" or '
     '"NONE", got "curl"'),
    ("healthcheck: {interval: 10}",
     'compose.yaml: services.web.healthcheck.interval: expected a duration like "10s" or '
     '"1m30s", got 10'),
    ("healthcheck: {tset: [CMD, x]}",
     'compose.yaml: services.web.healthcheck: unknown key "tset": expected one of disable, '
     'interval, retries, start_interval, start_period, test, timeout or an x- extension '
     '(did you mean "test"?)'),
    ("healthcheck: {retries: -1}",
     "compose.yaml: services.web.healthcheck.retries: expected a non-negative integer, got -1"),
    ("healthcheck: null",
     "compose.yaml: services.web.healthcheck: expected a mapping, got null"),
    # volumes
    ("volumes: [{source: a, target: /a}]",
     'compose.yaml: services.web.volumes[0]: expected a volume like "[SOURCE:]TARGET[:MODE]" '
     'or a mapping, got a mapping without required key "type"'),
    ("volumes: [{type: volume, target: /a, readonly: true}]",
     'compose.yaml: services.web.volumes[0]: expected a volume like "[SOURCE:]TARGET[:MODE]" '
     'or a mapping, got a mapping with unknown key "readonly" (did you mean "read_only"?)'),
    ("volumes: [{type: disk, target: /a}]",
     'compose.yaml: services.web.volumes[0].type: expected one of "bind", "volume", "tmpfs", '
     '"npipe", "cluster" or "image", got "disk"'),
    ("volumes: [{type: bind, source: ., target: /a, bind: {selinux: x}}]",
     'compose.yaml: services.web.volumes[0].bind.selinux: expected one of "z" or "Z", got "x"'),
    # networks
    ("networks: {front: []}",
     "compose.yaml: services.web.networks.front: expected null or a mapping of network options, "
     "got an empty list"),
    ("networks: {front: {aliases: a}}",
     'compose.yaml: services.web.networks.front.aliases: expected a list of strings, got "a"'),
    ("networks: [front, front]",
     'compose.yaml: services.web.networks[1]: expected each item once, got "front" again'),
    # build
    ("build: {context: ., dockerfil: x}",
     'compose.yaml: services.web.build: expected a build context path or a build mapping, got '
     'a mapping with unknown key "dockerfil" (did you mean "dockerfile" or "dockerfile_inline"?)'),
    ("build: 1",
     "compose.yaml: services.web.build: expected a build context path or a build mapping, got 1"),
    ("build: {context: ., args: {A: [1]}}",
     "compose.yaml: services.web.build.args.A: expected a string, number, boolean or null, "
     "got a list"),
    # scalars
    ("cpus: lots", 'compose.yaml: services.web.cpus: expected a number, got "lots"'),
    ("mem_limit: 512XB",
     'compose.yaml: services.web.mem_limit: expected a size like "512m" or "1.5GiB", or a '
     'number of bytes, got "512XB"'),
    ("mem_limit: true",
     'compose.yaml: services.web.mem_limit: expected a size like "512m" or "1.5GiB", or a '
     'number of bytes, got true'),
    ("privileged: maybe",
     'compose.yaml: services.web.privileged: expected a boolean (true or false), got "maybe"'),
    ("tty: 1", "compose.yaml: services.web.tty: expected a boolean (true or false), got 1"),
    ("stop_grace_period: 10",
     'compose.yaml: services.web.stop_grace_period: expected a duration like "10s" or "1m30s", '
     'got 10'),
    ("oom_score_adj: 2000",
     "compose.yaml: services.web.oom_score_adj: expected an integer from -1000 to 1000, got 2000"),
    ("cpu_percent: 150",
     "compose.yaml: services.web.cpu_percent: expected a percentage from 0 to 100, got 150"),
    ("restart: sometimes",
     'compose.yaml: services.web.restart: expected a restart policy: "no", "always", '
     '"on-failure[:MAX_RETRIES]" or "unless-stopped", got "sometimes"'),
    ("pull_policy: sometimes",
     'compose.yaml: services.web.pull_policy: expected a pull policy: "always", "never", '
     '"missing", "build", "if_not_present", "refresh", "daily", "weekly" or "every_<duration>", '
     'got "sometimes"'),
    ("cgroup: shared",
     'compose.yaml: services.web.cgroup: expected one of "host" or "private", got "shared"'),
    ("image: [busybox]", "compose.yaml: services.web.image: expected a string, got a list"),
    # the rest
    ("ulimits: {nofile: {soft: 1}}",
     "compose.yaml: services.web.ulimits.nofile: expected an integer or a mapping with soft and "
     'hard, got a mapping without required key "hard"'),
    ("extends: {file: common.yaml}",
     "compose.yaml: services.web.extends: expected a service name or a mapping with service "
     'and file, got a mapping without required key "service"'),
    ("secrets: [{target: /x}]",
     "compose.yaml: services.web.secrets[0]: expected a name or a mapping with source, target, "
     'uid, gid, mode, got a mapping without required key "source"'),
    ("configs: [{source: a, mode: rw}]",
     'compose.yaml: services.web.configs[0].mode: expected a file mode like 0440, got "rw"'),
    ("configs: [{source: a, gid: 1}]",
     "compose.yaml: services.web.configs[0].gid: expected a string, got 1"),
    ("gpus: some", 'compose.yaml: services.web.gpus: expected "all" or a list of device requests, '
                   'got "some"'),
    ("security_opt: [a, a]",
     'compose.yaml: services.web.security_opt[1]: expected each item once, got "a" again'),
    ("logging: {options: {max-size: [1]}}",
     "compose.yaml: services.web.logging.options.max-size: expected a string, number or null, "
     "got a list"),
    ("develop: {watch: [{path: ., action: copy}]}",
     'compose.yaml: services.web.develop.watch[0].action: expected one of "rebuild", "sync", '
     '"restart", "sync+restart" or "sync+exec", got "copy"'),
    ("post_start: [{user: root}]",
     'compose.yaml: services.web.post_start[0]: missing required key "command"'),
    ("models: {llm: {endpoint: URL}}",
     'compose.yaml: services.web.models.llm: unknown key "endpoint": expected one of '
     'endpoint_var, model_var or an x- extension (did you mean "endpoint_var"?)'),
    ("provider: {options: {}}", 'compose.yaml: services.web.provider: missing required key "type"'),
]


@pytest.mark.parametrize("body, message", REJECTED_SERVICE)
def test_service_rejections_say_what_was_expected(body, message):
    assert messages(service(body)) == [message]


REJECTED_DOCUMENTS = [
    ("[a, b]", ["compose.yaml: expected a compose file, got a list"]),
    ("services: []", ["compose.yaml: services: expected a mapping, got an empty list"]),
    ("services: {web: null}",
     ["compose.yaml: services.web: expected a service definition (a mapping), got null"]),
    ("services: {'my app': {image: x}}",
     ['compose.yaml: services: invalid name "my app": expected a name made of letters, digits, '
      '".", "_" and "-"']),
    ("{services: {}, servics: {}}",
     ['compose.yaml: unknown key "servics": ' + TOP_KEYS + ' (did you mean "services"?)']),
    ("{services: {}, web: {image: x}}",
     ['compose.yaml: unknown key "web": ' + TOP_KEYS + ' (a service? services go under '
      '"services:"; the version 1 format is not supported)']),
    ("{version: 3.8, services: {}}",
     ["compose.yaml: version: expected a string (the version key is obsolete), got 3.8"]),
    ("{services: {}, include: [{project_directory: x}]}",
     ["compose.yaml: include[0]: expected a file path or a mapping with path, env_file, "
      'project_directory, got a mapping without required key "path"']),
    ("{services: {}, networks: {n: {external: maybe}}}",
     ['compose.yaml: networks.n.external: expected a boolean or a mapping with name '
      '(deprecated), got "maybe"']),
    ("{services: {}, networks: {n: {ipam: {config: [{subnet: 10.0.0.0/8, gw: x}]}}}}",
     ['compose.yaml: networks.n.ipam.config[0]: unknown key "gw": expected one of '
      'aux_addresses, gateway, ip_range, subnet or an x- extension']),
    ("{services: {}, networks: {n: []}}",
     ["compose.yaml: networks.n: expected null or a network definition (a mapping), "
      "got an empty list"]),
    ("{services: {}, volumes: {v: {external: {name: x, id: 1}}}}",
     ['compose.yaml: volumes.v.external: expected a boolean or a mapping with name '
      '(deprecated), got a mapping with unknown key "id"']),
    ("{services: {}, volumes: {'bad name': {}}}",
     ['compose.yaml: volumes: invalid name "bad name": expected a name made of letters, digits, '
      '".", "_" and "-"']),
    ("{services: {}, secrets: {s: {file: x, content: y}}}",
     ['compose.yaml: secrets.s: unknown key "content": expected one of driver, driver_opts, '
      'environment, external, file, labels, name, template_driver or an x- extension']),
    ("{services: {}, configs: {c: null}}",
     ["compose.yaml: configs.c: expected a mapping, got null"]),
    ("{services: {}, configs: {c: {file: x, driver: y}}}",
     ['compose.yaml: configs.c: unknown key "driver": expected one of content, environment, '
      'external, file, labels, name, template_driver or an x- extension']),
    ("{services: {}, models: {m: {context_size: 1}}}",
     ['compose.yaml: models.m: missing required key "model"']),
]


@pytest.mark.parametrize("text, expected", REJECTED_DOCUMENTS)
def test_document_rejections(text, expected):
    assert messages(load(text)) == expected


# --- behaviour of the whole --------------------------------------------------------------


def test_every_problem_is_reported_at_once():
    doc = service("""
        replicas: 2
        ports: [{target: 80, published: http, protocl: tcp}]
        deploy: {replicas: -1}
    """)
    assert messages(doc) == [
        'compose.yaml: services.web: unknown key "replicas": ' + SERVICE_KEYS + ' (did you mean "deploy.replicas"?)',
        "compose.yaml: services.web.deploy.replicas: expected a non-negative integer, got -1",
        'compose.yaml: services.web.ports[0]: expected a port like "[HOST:]CONTAINER[/PROTOCOL]" '
        'or a mapping, got a mapping with unknown key "protocl" (did you mean "protocol" or '
        '"app_protocol"?)',
        'compose.yaml: services.web.ports[0].published: expected a port or a port range like '
        '"8000-8010", got "http"',
    ]


def test_errors_are_sorted_by_position_and_point_at_the_bad_key():
    lines = {"services.b": 2, "services.b.zzz": 3, "services.a": 5, "services.a.cpus": 6}

    def locate_lines(path):
        rendered = keypath.render(path)
        return Location(file="compose.yaml", line=lines.get(rendered, 1), col=3, path=rendered)

    doc = {"services": {"a": {"cpus": "many"}, "b": {"zzz": 1}}}
    errors = validate(doc, locate_lines)
    assert [str(e) for e in errors] == [
        'compose.yaml:3:3: services.b: unknown key "zzz": ' + SERVICE_KEYS,
        'compose.yaml:6:3: services.a.cpus: expected a number, got "many"',
    ]
    assert errors[0].location.path == "services.b"
    assert errors[0].hint is None


def test_long_values_are_shortened_in_messages():
    doc = service(f"cpus: {'x' * 100}")
    assert messages(doc) == [f'compose.yaml: services.web.cpus: expected a number, got "{"x" * 37}..."']


def test_valid_document_gives_no_errors():
    assert validate({"services": {"web": {"image": "busybox"}}}, locate) == []


def _items(doc: dict):
    for name, section in compiled().sections.items():
        for item in (doc.get(name) or {}).values():
            yield section, item


ALL_DOCS = ([service(b) for b in ACCEPTED_SERVICE] + [load(t) for t in ACCEPTED_DOCUMENTS]
            + [service(b) for b, _ in REJECTED_SERVICE]
            + [d for d in (load(t) for t, _ in REJECTED_DOCUMENTS) if isinstance(d, dict)])


@pytest.mark.parametrize("doc", ALL_DOCS)
def test_fast_path_agrees_with_jsonschema(doc):
    for section, item in _items(doc):
        assert section.is_valid(item) == section.items.is_valid(item)


def test_keys_that_are_not_strings_do_not_crash():
    # the YAML reader gives string keys only; plain yaml.safe_load gives ints
    doc = {"services": {"web": {"image": "x", 1: "a", "environment": {2: "b"}}}}
    assert messages(doc) == ['compose.yaml: services.web: unknown key "1": ' + SERVICE_KEYS]


def test_a_structure_too_deep_to_check_is_an_error_not_a_crash():
    deep: dict = {"leaf": True}
    for _ in range(3000):
        deep = {"n": deep}
    doc = {"x-deep": deep, "services": {"web": {"image": "x", "labels": deep}}}
    assert messages(doc) == [
        "compose.yaml: services.web.labels: expected a value nested less deeply, got one too "
        "deep to check"]
