"""The "large" project: n services using many keys, for timing `config`.

Written as text so the file is stable. It exercises: `x-` extension fields used as
anchors and merged with `<<`, environment maps (merged anchors, interpolation with
defaults, a null value) and env_file, labels as a map and as a list, long and short
ports and volumes, healthchecks (anchored and inline), depends_on with conditions,
networks with aliases, logging, ulimits, deploy resources, `.env` interpolation, and an
override file (`compose.override.yaml`) that changes every tenth service.
"""
from __future__ import annotations

from pathlib import Path

HEADER = """name: ${PROJECT_PREFIX}-large
x-common: &common
  image: busybox:latest
  init: true
  command: ["sleep", "86400"]
  restart: unless-stopped
  env_file: [common.env]
  logging:
    driver: json-file
    options:
      max-size: 10m
      max-file: "3"
x-env: &env
  TZ: UTC
  LOG_LEVEL: ${LOG_LEVEL:-info}
  TEAM: ${TEAM}
x-health: &health
  test: ["CMD-SHELL", "true"]
  interval: 30s
  timeout: 5s
  retries: 3
  start_period: 10s
services:
"""

SERVICE = """  {s}:
    <<: *common
    environment:
      <<: *env
      SERVICE_ID: "{i}"
      DB_URL: postgres://${{DB_USER}}:${{DB_PASS:-none}}@db.local:5432/app{i}
      EMPTY:
    labels:
      com.example.service: {s}
      com.example.index: "{i}"
      com.example.team: ${{TEAM}}
    ports:
      - "127.0.0.1:{p1}:80"
      - target: 443
        published: "{p2}"
        host_ip: 127.0.0.1
        protocol: tcp
      - "{p0}"
    expose: ["8080", "8081/udp"]
    volumes:
      - data{i3}:/data
      - ./conf/{s}:/etc/app:ro
      - type: tmpfs
        target: /run/cache
        tmpfs:
          size: 1048576
      - type: volume
        source: shared
        target: /shared
        read_only: true
        volume:
          nocopy: true
    healthcheck: {health}
{depends}    networks:
      front:
        aliases: [{s}.local]
      back: {{}}
    extra_hosts: ["db.local:10.0.0.1"]
    ulimits:
      nproc: 512
      nofile: {{soft: 1024, hard: 4096}}
    deploy:
      resources:
        limits: {{cpus: "0.5", memory: 256M}}
        reservations: {{memory: 64M}}
    working_dir: /app
    user: "1000:1000"
    stop_grace_period: 5s
    cap_add: [NET_ADMIN]
"""

INLINE_HEALTH = """
      test: ["CMD", "true"]
      interval: 10s
      retries: 5"""

OVERRIDE_SERVICE = """  {s}:
    environment:
      LOG_LEVEL: debug
      OVERRIDDEN: "yes"
    labels:
      - com.example.override=true
    ports:
      - "127.0.0.1:{p3}:8443"
"""

ENV = """PROJECT_PREFIX=bench
TEAM=platform
DB_USER=app
"""

COMMON_ENV = """# read by every service of the large project
APP_MODE=bench
FEATURE_FLAGS=a,b,c
"""


def _depends(i: int) -> str:
    if i == 0:
        return ""
    parent = f"s{(i - 1) // 2:03d}"
    if i % 3:
        return f"    depends_on: [{parent}]\n"
    return (f"    depends_on:\n      {parent}:\n        condition: service_healthy\n"
            f"        restart: true\n")


def _service(i: int) -> str:
    s = f"s{i:03d}"
    health = "*health" if i % 2 else INLINE_HEALTH
    return SERVICE.format(s=s, i=i, i3=f"{i:03d}", p0=9000 + i % 1000, p1=20000 + i,
                          p2=30000 + i, health=health, depends=_depends(i))


def large(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    services = "".join(_service(i) for i in range(n))
    volumes = "volumes:\n  shared: {}\n" + "".join(f"  data{i:03d}: {{}}\n" for i in range(n))
    networks = "networks:\n  front: {}\n  back:\n    internal: true\n"
    (folder / "compose.yaml").write_text(HEADER + services + networks + volumes)
    override = "".join(OVERRIDE_SERVICE.format(s=f"s{i:03d}", p3=40000 + i)
                       for i in range(0, n, 10))
    (folder / "compose.override.yaml").write_text("services:\n" + override)
    (folder / ".env").write_text(ENV)
    (folder / "common.env").write_text(COMMON_ENV)
    return folder
