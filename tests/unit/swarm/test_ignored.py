"""Keys a swarm cannot honour are warnings naming the key path."""
from __future__ import annotations

from composer.engine.swarm_ignored import warnings
from swarmhelp import project

FILE = """
services:
  db: {image: busybox}
  web:
    image: busybox
    build: .
    container_name: the-web
    depends_on: [db]
    links: [db]
    privileged: true
    mem_limit: 64m
    restart: always
    ports: ["127.0.0.1:8080:80"]
    networks:
      default: {ipv4_address: 10.1.0.5}
    deploy:
      restart_policy: {condition: any}
networks:
  default:
    ipam: {config: [{subnet: 10.1.0.0/24}]}
"""


def test_each_ignored_key_is_named(tmp_path):
    got = warnings(project(tmp_path, FILE).services["web"])
    paths = [w.split(":")[0] for w in got]
    assert paths == ["services.web.build", "services.web.depends_on",
                     "services.web.container_name", "services.web.links",
                     "services.web.mem_limit", "services.web.privileged",
                     "services.web.restart", "services.web.ports[0].host_ip",
                     "services.web.networks.default.ipv4_address"]
    assert "services.web.mem_limit: ignored on a swarm (set it in deploy.resources instead)" \
        in got
    assert any(w.startswith("services.web.depends_on: ignored on a swarm (a swarm starts "
                            "services in any order") for w in got)


def test_build_is_not_a_warning_when_building(tmp_path):
    got = warnings(project(tmp_path, FILE).services["web"], building=True)
    assert not any("build" in w.split(":")[0] for w in got)


def test_a_plain_service_has_no_warning(tmp_path):
    assert warnings(project(tmp_path, FILE).services["db"]) == []


def test_restart_alone_is_honoured(tmp_path):
    p = project(tmp_path, "services:\n  a: {image: busybox, restart: always}\n")
    assert warnings(p.services["a"]) == []
