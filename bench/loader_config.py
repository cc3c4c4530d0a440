"""Benchmark: `config` on a generated N-service rich project, composer against docker compose.

    .venv/bin/python bench/loader_config.py [--services N] [--repeat R] [--format yaml|json]
                                            [--keep DIR] [--no-reference]

`write_project(folder, n)` writes the project (reusable by other benchmarks): n services
using ~25 attributes each in short and long syntax, with interpolation, an env_file, an
override file and shared networks, volumes and secrets. Each tool runs R times; the best
and median wall times and the CPU time (user + sys) of the best run are printed, and the
ratio docker compose / composer.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def service(i: int) -> str:
    return f"""\
  svc{i}:
    image: registry.example.com/team/app{i}:${{TAG:-1.{i}}}
    build:
      context: ./app{i}
      args: [VERSION=1.{i}, "HOME_DIR=$${{HOME}}"]
    command: ["python", "-m", "app", "--port", "80{i % 100:02d}"]
    environment:
      APP_NAME: svc{i}
      DB_URL: postgres://db:5432/app{i}
      DEBUG: "false"
      WORKERS: 4
    env_file: [common.env]
    ports: ["{10000 + i}:80", "127.0.0.1:{20000 + i}:443/tcp"]
    expose: [9000]
    volumes:
      - ./data/{i}:/data
      - cache{i % 10}:/cache:ro
      - type: tmpfs
        target: /tmp
        tmpfs: {{size: 64m}}
    networks:
      front: {{aliases: [svc{i}.local]}}
      back:
    depends_on:
      db: {{condition: service_healthy}}
    healthcheck:
      test: curl -f http://localhost/health || exit 1
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 1m
    deploy:
      resources:
        limits: {{cpus: '0.5', memory: 256M}}
      restart_policy: {{condition: on-failure, delay: 5s}}
    labels:
      com.example.team: team{i % 7}
      com.example.index: "{i}"
    logging:
      driver: json-file
      options: {{max-size: 10m, max-file: "3"}}
    ulimits:
      nofile: {{soft: 1024, hard: 2048}}
    secrets: [api_key]
    extra_hosts: ["host.internal:10.0.0.{i % 250}"]
    restart: unless-stopped
    stop_grace_period: 30s
"""


def write_project(folder: str | Path, n: int) -> Path:
    """Write an n-service rich project into `folder`; return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    parts = ["name: bench\nservices:\n"] + [service(i) for i in range(n)]
    parts.append("""\
  db:
    image: postgres:16
    healthcheck:
      test: [CMD, pg_isready]
    volumes: [dbdata:/var/lib/postgresql/data]
    networks: [back]
networks:
  front: {}
  back:
    ipam:
      config: [{subnet: 10.10.0.0/16}]
volumes:
  dbdata: {}
""")
    parts += [f"  cache{i}: {{}}\n" for i in range(10)]
    parts.append("secrets:\n  api_key: {file: ./api_key.txt}\n")
    (folder / "compose.yaml").write_text("".join(parts))
    (folder / "compose.override.yaml").write_text(
        "services:\n" + "".join(f"  svc{i}:\n    environment: [OVERRIDDEN=1]\n"
                                for i in range(0, n, 10)))
    (folder / "common.env").write_text("COMMON=1\nREGION=eu\n")
    (folder / "api_key.txt").write_text("secret\n")
    (folder / ".env").write_text("TAG=2\n")
    return folder


def measure(cmd: list[str], cwd: Path, repeat: int) -> dict:
    walls, cpus = [], []
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/root")}
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if proc.returncode:
            sys.exit(f"{cmd[0]} failed: {proc.stderr.strip()[:500]}")
    return {"best": min(walls), "median": statistics.median(walls), "cpu": min(cpus),
            "output": proc.stdout}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--services", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--format", default="yaml", choices=("yaml", "json"))
    ap.add_argument("--keep", help="write the project here and keep it")
    ap.add_argument("--no-reference", action="store_true", help="do not run docker compose")
    ns = ap.parse_args()
    folder = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp(prefix="bench-config-"))
    try:
        write_project(folder, ns.services)
        size = (folder / "compose.yaml").stat().st_size
        print(f"{ns.services} services, {size / 1e6:.2f} MB, config --format {ns.format}, "
              f"{ns.repeat} runs")
        args = ["config", "--format", ns.format]
        tools = {"composer": [str(ROOT / ".venv" / "bin" / "composer")] + args}
        if not ns.no_reference:
            tools["docker compose"] = ["docker", "compose"] + args
        results = {name: measure(cmd, folder, ns.repeat) for name, cmd in tools.items()}
        for name, r in results.items():
            print(f"  {name:15} best {r['best']:.3f} s  median {r['median']:.3f} s  "
                  f"cpu {r['cpu']:.3f} s")
        if len(results) == 2:
            ours, ref = results["composer"], results["docker compose"]
            print(f"  docker compose / composer: wall {ref['best'] / ours['best']:.1f}x, "
                  f"cpu {ref['cpu'] / ours['cpu']:.1f}x")
    finally:
        if not ns.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
