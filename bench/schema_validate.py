"""Benchmark: schema validation of big compose documents (no YAML parsing, no engine).

    .venv/bin/python bench/schema_validate.py [--repeat N]

Cases (the documents are generated here, as plain data):
  rich-1000   1000 distinct services, each using ~30 keys in short and long syntax
  small-78k   78,252 small services (image + command) and one bad key in the last,
              the shape of a 5 MB compose file
  rich-1000-bad  the rich case with one error in every 10th service
  small-78k-all-bad  every one of the 78k small services has an unknown key (78k errors)
Prints the best wall time of N runs per case.
"""
from __future__ import annotations

import argparse
import time

from composer import keypath
from composer.errors import Location
from composer.loader.validate import validate


def rich_service(i: int) -> dict:
    return {
        "image": f"registry.example/app{i}:1.{i}",
        "build": {"context": f"./svc{i}", "dockerfile": "Dockerfile", "args": {"N": str(i)},
                  "cache_from": [f"app{i}:cache"], "target": "prod"},
        "command": ["serve", "--port", str(8000 + i % 1000)],
        "entrypoint": "/entry.sh",
        "environment": {"ID": i, "NAME": f"svc{i}", "DEBUG": "false", "EMPTY": None},
        "env_file": [f"./env/{i}.env", {"path": "./common.env", "required": False}],
        "ports": [f"{10000 + i}:80", {"target": 443, "published": str(20000 + i),
                                      "protocol": "tcp", "mode": "host"}, 9000 + i % 500],
        "expose": ["3000", 3001],
        "volumes": [f"data{i}:/data", f"./conf{i}:/etc/conf:ro",
                    {"type": "bind", "source": f"./src{i}", "target": "/src",
                     "read_only": True, "bind": {"create_host_path": True}},
                    {"type": "tmpfs", "target": "/tmp", "tmpfs": {"size": "64m"}}],
        "labels": [f"com.example.id={i}", "com.example.tier=web"],
        "depends_on": {f"svc{i - 1}": {"condition": "service_healthy"}} if i else ["base"],
        "healthcheck": {"test": ["CMD", "true"], "interval": "10s", "timeout": "2s",
                        "retries": 3, "start_period": "1m30s"},
        "deploy": {"replicas": i % 3, "resources": {"limits": {"cpus": "0.5", "memory": "256M"},
                                                    "reservations": {"memory": "64m"}},
                   "restart_policy": {"condition": "on-failure", "max_attempts": 3},
                   "update_config": {"parallelism": 2, "delay": "5s", "order": "start-first"}},
        "networks": {"front": {"aliases": [f"svc{i}.local"], "priority": 10}, "back": None},
        "restart": "unless-stopped",
        "logging": {"driver": "json-file", "options": {"max-size": "10m", "max-file": 3}},
        "ulimits": {"nofile": {"soft": 1024, "hard": 4096}, "nproc": 512},
        "extra_hosts": ["host.docker.internal:host-gateway"],
        "cap_add": ["NET_ADMIN"],
        "sysctls": {"net.core.somaxconn": 1024},
        "mem_limit": "512m",
        "cpus": 0.5,
        "init": True,
        "stop_grace_period": "30s",
        "user": "1000:1000",
        "working_dir": "/app",
        "profiles": ["full"],
        "secrets": ["token", {"source": "cert", "target": "/run/cert", "mode": 0o440}],
        "x-meta": {"owner": f"team{i % 7}"},
    }


def rich(n: int = 1000, bad_every: int = 0) -> dict:
    services = {f"svc{i}": rich_service(i) for i in range(n)}
    if bad_every:
        for i in range(0, n, bad_every):
            services[f"svc{i}"]["replicas"] = 2
    return {
        "name": "bench",
        "services": services,
        "networks": {"front": {"driver": "bridge"}, "back": {"internal": True}},
        "volumes": {f"data{i}": None for i in range(n)},
        "secrets": {"token": {"file": "./token"}, "cert": {"file": "./cert.pem"}},
    }


def small(n: int = 78252, all_bad: bool = False) -> dict:
    services = {f"svc{i:06d}": {"image": "busybox:latest", "command": ["sleep", "1"]}
                for i in range(n)}
    if all_bad:
        for svc in services.values():
            svc["replicas"] = 2
    services["last"] = {"image": "busybox:latest", "bogus_key_at_end": 1}
    return {"services": services}


def locate(path) -> Location:
    return Location(file="compose.yaml", path=keypath.render(path))


def best_time(doc: dict, repeat: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = len(validate(doc, locate))
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    validate({"services": {}}, locate)
    print(f"{'first call (schema load)':28} {time.perf_counter() - start:8.3f} s")
    for name, doc in (("rich-1000", rich()), ("rich-1000-bad", rich(bad_every=10)),
                      ("small-78k", small()), ("small-78k-all-bad", small(all_bad=True))):
        seconds, errors = best_time(doc, args.repeat)
        print(f"{name:28} {seconds:8.3f} s  ({errors} errors)")


if __name__ == "__main__":
    main()
